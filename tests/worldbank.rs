//! The World Bank's WDI bulk CSV and its country metadata, read from the real files in
//! the shared fixtures folder, `worldbank/` (`tests/common/fixtures.rs`; provenance:
//! `../shared/fixtures/SOURCES.md`). On a clone without that folder these tests say what
//! they skipped; `tests/recreated.rs` tests the format on files it writes itself.
//!
//! Expected values come from the files themselves: each test reads the raw text with the
//! `csv` crate (not with the loader) and picks the cells; a few are also written out by
//! hand from the file, and say so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use defense_spending::load::{detect_format, Format};
use defense_spending::{CountryCode, Dataset, Entity, ErrorKind, Metric};
use rust_decimal::Decimal;

mod common;

// The real files, inside the fixtures folder (never committed).
const DIR: &str = "worldbank";
const GDP: &str = "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
const USD: &str = "worldbank/API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv";
const META: &str = "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv";
const GDP_SOURCE: &str = "worldbank-MS.MIL.XPND.GD.ZS-2023-09-19";

/// A fresh, empty folder for one test.
fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("wb", test)
}

/// Writes `bytes` to `name` in a fresh folder and returns the path.
fn write(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    common::write("wb", test, name, bytes)
}

/// The raw file, as rows of fields (the `csv` crate, not the loader). The line numbers
/// are the `csv` crate's, which run short after blank lines: tests use [`raw_line`].
fn raw_rows(path: &Path) -> Vec<(u64, Vec<String>)> {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let line = r.position().unwrap().line();
            (line, r.iter().map(str::to_owned).collect())
        })
        .collect()
}

/// The header and the data rows of a raw data file.
fn raw_table(path: &Path) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
    let rows = raw_rows(path);
    let at = rows
        .iter()
        .position(|(_, r)| r.first().map(String::as_str) == Some("Country Name"))
        .unwrap();
    (rows[at].1.clone(), rows[at + 1..].to_vec())
}

/// The raw text of the cell of `code` in the column `year`.
fn raw_cell(path: &Path, code: &str, year: u16) -> String {
    let (header, rows) = raw_table(path);
    let col = header.iter().position(|h| h == &year.to_string()).unwrap();
    let row = rows.iter().find(|(_, r)| r[1] == code).unwrap();
    row.1[col].clone()
}

/// The 1-based line a code's row is on, counted in the raw text (the data file has no
/// line break inside a field).
fn raw_line(path: &Path, code: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    let needle = format!("\",\"{code}\",\"");
    text.lines().position(|l| l.contains(&needle)).unwrap() as u64 + 1
}

/// A decimal as the raw text writes it (with an exponent or not), exactly.
fn exact(text: &str) -> Decimal {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).unwrap()
    } else {
        Decimal::from_str_exact(text).unwrap()
    }
}

fn entity(code: &str) -> Entity {
    code.parse().unwrap()
}

fn aggregate(id: &str) -> Entity {
    Entity::Aggregate(id.parse().unwrap())
}

fn value(ds: &Dataset, e: &Entity, year: u16, metric: Metric) -> Option<Decimal> {
    ds.record(e, year).and_then(|r| r.get(metric))
}

/// The share-of-GDP file (`path`), loaded.
fn gdp(path: &Path) -> Dataset {
    Dataset::load(path).unwrap()
}

#[test]
fn count_of_countries_at_or_above_two_percent_matches_the_raw_file() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let ds = gdp(&gdp_csv);
    for year in [1990u16, 2014, 2021, 2022] {
        let (header, rows) = raw_table(&gdp_csv);
        let col = header.iter().position(|h| h == &year.to_string()).unwrap();
        // ISO countries only: the file mixes in aggregates (WLD, ARB, EUU...), and the
        // country metadata is not loaded here, so the rule is "ISO 3166-1 alpha-3 code".
        let expected: BTreeSet<String> = rows
            .iter()
            .filter(|(_, r)| CountryCode::lookup(&r[1]).is_some())
            .filter(|(_, r)| !r[col].is_empty() && exact(&r[col]) >= Decimal::TWO)
            .map(|(_, r)| r[1].clone())
            .collect();
        let got: BTreeSet<String> = ds
            .countries_at_or_above(year, Decimal::TWO)
            .unwrap()
            .iter()
            .map(|r| r.country.to_string())
            .collect();
        assert_eq!(got, expected, "{year}");
    }
    // Counted by hand (a Python one-off over the file's 2021 column, leaving out the
    // codes the metadata gives no region, XKX and CHI): 48 countries at or above 2 %.
    assert_eq!(
        ds.countries_at_or_above(2021, Decimal::TWO).unwrap().len(),
        48
    );
}

#[test]
fn a_dozen_exact_values_match_the_raw_cells() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let ds = gdp(&gdp_csv);
    let picks: [(&str, u16); 12] = [
        ("POL", 2022),
        ("USA", 2022),
        ("DEU", 2021),
        ("GBR", 1990),
        ("FRA", 2000),
        ("KWT", 1991),
        ("EST", 2022),
        ("GRC", 2014),
        ("ISR", 1975),
        ("UKR", 2022),
        ("AGO", 1985),
        ("COD", 1964),
    ];
    for (code, year) in picks {
        let raw = raw_cell(&gdp_csv, code, year);
        assert_eq!(
            value(&ds, &entity(code), year, Metric::ShareOfGdp),
            Some(exact(&raw)),
            "{code} {year}: raw {raw:?}"
        );
    }
    // By hand, from the file: Kuwait 1991 is 117.34982320869 (over 100 % of GDP), Angola
    // 1985 is written 1.715E-05 and Congo DR 1964 3.91428571428571E-05.
    let v = |c: &str, y| {
        value(&ds, &entity(c), y, Metric::ShareOfGdp)
            .unwrap()
            .to_string()
    };
    assert_eq!(v("KWT", 1991), "117.34982320869");
    assert_eq!(v("AGO", 1985), "0.00001715");
    assert_eq!(v("COD", 1964), "0.0000391428571428571");
}

#[test]
fn every_cell_of_the_file_is_loaded_once_and_nothing_more() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let ds = gdp(&gdp_csv);
    let (header, rows) = raw_table(&gdp_csv);
    let mut cells = 0;
    for (_, r) in &rows {
        for (i, text) in r.iter().enumerate().skip(4) {
            if text.is_empty() {
                continue;
            }
            cells += 1;
            let year: u16 = header[i].parse().unwrap();
            let e = match CountryCode::lookup(&r[1]) {
                Some(c) => Entity::Country(c),
                None => aggregate(&format!("WB_{}", r[1])),
            };
            assert_eq!(
                value(&ds, &e, year, Metric::ShareOfGdp),
                Some(exact(text)),
                "{} {year}",
                r[1]
            );
        }
    }
    assert_eq!(ds.spending().len(), cells);
    assert!(ds.spending().iter().all(|r| r.source == GDP_SOURCE
        && !r.estimate
        && r.get(Metric::ExpenditureCurrent).is_none()));
}

#[test]
fn aggregates_are_kept_apart_from_countries() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let ds = gdp(&gdp_csv);
    let world = aggregate("WB_WLD");
    let raw = raw_cell(&gdp_csv, "WLD", 2021);
    assert_eq!(
        value(&ds, &world, 2021, Metric::ShareOfGdp),
        Some(exact(&raw))
    );
    assert_eq!(ds.name_of(world), "World");
    assert!("WLD".parse::<Entity>().is_err()); // never a country
    for id in ["WB_EUU", "WB_ARB", "WB_XKX", "WB_CHI", "WB_INX"] {
        assert!(
            ds.aggregates().iter().any(|a| a.id.as_str() == id),
            "{id} is defined"
        );
    }
    assert_eq!(ds.name_of(aggregate("WB_XKX")), "Kosovo");
    // Defined once each, citing the file's source.
    let ids: BTreeSet<&str> = ds.aggregates().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), ds.aggregates().len());
    let a = ds
        .aggregates()
        .iter()
        .find(|a| a.id.as_str() == "WB_WLD")
        .unwrap();
    assert_eq!(a.source, GDP_SOURCE);
    // No aggregate is ever counted as a country.
    for year in ds.years() {
        assert!(ds
            .countries_at_or_above(year, Decimal::ZERO)
            .unwrap()
            .iter()
            .all(|r| r.country.is_country()));
    }
    // The countries are the file's ISO codes: without metadata, 217 rows have one.
    let (_, rows) = raw_table(&gdp_csv);
    let iso = rows
        .iter()
        .filter(|(_, r)| CountryCode::lookup(&r[1]).is_some())
        .count();
    let non_iso = rows.len() - iso;
    assert_eq!(ds.aggregates().len(), non_iso);
}

#[test]
fn the_source_says_what_the_file_is() {
    let (Some(gdp_csv), Some(usd_csv)) = (common::real_file(GDP), common::real_file(USD)) else {
        return;
    };
    let ds = gdp(&gdp_csv);
    let s = ds.source(&GDP_SOURCE.parse().unwrap()).unwrap();
    assert_eq!(s.publisher, "World Bank");
    assert_eq!(s.title, "Military expenditure (% of GDP)");
    assert_eq!(s.published.unwrap().to_string(), "2023-09-19");
    let usd = Dataset::load(&usd_csv).unwrap();
    let s = usd
        .source(&"worldbank-MS.MIL.XPND.CD-2024-03-28".parse().unwrap())
        .unwrap();
    assert_eq!(s.title, "Military expenditure (current USD)");
}

#[test]
fn dollars_become_millions_exactly() {
    let Some(usd_csv) = common::real_file(USD) else {
        return;
    };
    let ds = Dataset::load(&usd_csv).unwrap();
    let (header, rows) = raw_table(&usd_csv);
    let million = Decimal::from(1_000_000);
    let mut cells = 0;
    for (_, r) in &rows {
        for (i, text) in r.iter().enumerate().skip(4) {
            if text.is_empty() {
                continue;
            }
            cells += 1;
            let year: u16 = header[i].parse().unwrap();
            let e = match CountryCode::lookup(&r[1]) {
                Some(c) => Entity::Country(c),
                None => aggregate(&format!("WB_{}", r[1])),
            };
            let millions = value(&ds, &e, year, Metric::ExpenditureCurrent).unwrap();
            assert_eq!(millions * million, exact(text), "{} {year}", r[1]);
        }
    }
    assert_eq!(ds.spending().len(), cells);
    // By hand, from the file: the United States' 2022 cell is "876943200000" dollars,
    // and Africa Eastern and Southern's 1963 cell "321692705.290135".
    assert_eq!(raw_cell(&usd_csv, "USA", 2022), "876943200000");
    let v = |e: &Entity, y| value(&ds, e, y, Metric::ExpenditureCurrent).unwrap();
    assert_eq!(v(&entity("USA"), 2022).to_string(), "876943.2");
    assert_eq!(
        v(&aggregate("WB_AFE"), 1963).to_string(),
        "321.692705290135"
    );
    assert!(ds.spending().iter().all(|r| r.share_of_gdp.is_none()));
}

#[test]
fn detected_by_content_under_any_name() {
    let (Some(gdp_csv), Some(meta_csv)) = (common::real_file(GDP), common::real_file(META)) else {
        return;
    };
    let bytes = std::fs::read(&gdp_csv).unwrap();
    assert_eq!(
        detect_format("renamed.txt", &bytes).unwrap(),
        Format::WorldBank
    );
    let path = write("renamed", "renamed.txt", &bytes);
    let renamed = Dataset::load(&path).unwrap();
    assert_eq!(renamed.spending(), gdp(&gdp_csv).spending());
    let meta = std::fs::read(&meta_csv).unwrap();
    assert_eq!(
        detect_format("renamed.txt", &meta).unwrap(),
        Format::WorldBankMetadata
    );
}

#[test]
fn crlf_reads_the_same() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let text = std::fs::read_to_string(&gdp_csv).unwrap();
    assert!(!text.contains('\r'));
    let path = write("crlf", "crlf.csv", text.replace('\n', "\r\n").as_bytes());
    assert_eq!(
        Dataset::load(&path).unwrap().spending(),
        gdp(&gdp_csv).spending()
    );
    // Errors still name the right line (the csv crate's own count runs short on CRLF).
    let raw = raw_cell(&gdp_csv, "POL", 2021);
    let row = line_starting(&text, "\"Poland\"");
    let bad = text.replace(&row, &row.replace(&format!("\"{raw}\""), "\"x\""));
    let path = write("crlf-bad", "crlf.csv", bad.replace('\n', "\r\n").as_bytes());
    let err = Dataset::load(&path).unwrap_err();
    assert_eq!(err.position().line, Some(raw_line(&gdp_csv, "POL")));
    assert_eq!(err.position().column.as_deref(), Some("2021"));
}

/// The fixture as Excel re-saves it: quotes only where a field needs them, every line
/// padded with commas to the header's width (the metadata and blank lines too), no
/// trailing empty column, the date written `date` (a localised form), CRLF. Made line
/// by line from the raw text (the data file has no line break inside a field).
fn excel_resave(path: &Path, date: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let parse = |line: &str| -> Vec<String> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .unwrap_or_default()
    };
    // The header's width, without its trailing empty column.
    let width = text.lines().map(|l| parse(l).len()).max().unwrap() - 1;
    let mut out = String::from("\u{feff}");
    for line in text.lines() {
        let mut fields: Vec<String> = parse(line).into_iter().take(width).collect();
        if fields.first().map(String::as_str) == Some("Last Updated Date") {
            fields[1] = date.to_owned();
        }
        fields.resize(width, String::new());
        let fields: Vec<String> = fields
            .into_iter()
            .map(|f| {
                if f.contains([',', '"']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[test]
fn excel_resaved_file_reads_the_same() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let original = gdp(&gdp_csv);
    for date in ["19/09/2023", "9/19/2023", "2023-09-19"] {
        let bytes = excel_resave(&gdp_csv, date);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(&format!("\r\nLast Updated Date,{date},,,")));
        assert!(text.contains("\"Congo, Dem. Rep.\",COD,"));
        let path = write("excel", "excel.csv", &bytes);
        let ds = Dataset::load(&path).unwrap();
        assert_eq!(ds.spending(), original.spending(), "{date}");
        let s = ds.source(&GDP_SOURCE.parse().unwrap()).unwrap();
        assert_eq!(s.published.unwrap().to_string(), "2023-09-19");
    }
}

#[test]
fn an_ambiguous_date_is_kept_as_printed() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let bytes = excel_resave(&gdp_csv, "09/10/2023");
    let path = write("ambiguous", "ambiguous.csv", &bytes);
    let ds = Dataset::load(&path).unwrap();
    let id = "worldbank-MS.MIL.XPND.GD.ZS-09/10/2023";
    let s = ds.source(&id.parse().unwrap()).unwrap();
    assert_eq!(s.published, None);
    assert!(s.note.as_deref().unwrap().contains("09/10/2023"));
    assert!(ds.spending().iter().all(|r| r.source == id));
}

#[test]
fn a_folder_of_both_files_and_the_metadata_loads_as_one_dataset() {
    let (Some(folder), Some(gdp_csv), Some(usd_csv)) = (
        common::real_file(DIR),
        common::real_file(GDP),
        common::real_file(USD),
    ) else {
        return;
    };
    let ds = Dataset::load(&folder).unwrap();
    let (gdp, usd) = (gdp(&gdp_csv), Dataset::load(&usd_csv).unwrap());
    assert_eq!(
        ds.spending().len(),
        gdp.spending().len() + usd.spending().len()
    );
    let pol = entity("POL");
    let records: Vec<_> = ds.records(&pol, 2022).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records.iter().find_map(|r| r.share_of_gdp),
        Some(exact(&raw_cell(&gdp_csv, "POL", 2022)))
    );
    assert_eq!(
        records
            .iter()
            .find_map(|r| r.get(Metric::ExpenditureCurrent))
            .unwrap()
            * Decimal::from(1_000_000),
        exact(&raw_cell(&usd_csv, "POL", 2022))
    );
    // The metadata file was read first (its name sorts last): its notes name the
    // aggregates.
    let wld = ds
        .aggregates()
        .iter()
        .find(|a| a.id.as_str() == "WB_WLD")
        .unwrap();
    assert_eq!(wld.source, "worldbank-country-metadata");
    assert_eq!(wld.name, "World");
    let ids: BTreeSet<&str> = ds.aggregates().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), ds.aggregates().len());
    assert!(ids.contains("WB_XKX") && ids.contains("WB_INX"));
    assert_eq!(
        ds.countries_at_or_above(2021, Decimal::TWO).unwrap(),
        gdp.countries_at_or_above(2021, Decimal::TWO).unwrap()
    );
    let sources: BTreeSet<&str> = ds.sources().iter().map(|s| s.id.as_str()).collect();
    for id in [
        GDP_SOURCE,
        "worldbank-MS.MIL.XPND.CD-2024-03-28",
        "worldbank-country-metadata",
    ] {
        assert!(sources.contains(id), "{id}");
    }
}

#[test]
fn the_metadata_decides_which_codes_are_aggregates() {
    let (Some(gdp_csv), Some(meta_csv)) = (common::real_file(GDP), common::real_file(META)) else {
        return;
    };
    // Without it, an ISO code is a country. With a metadata file that gives POL no
    // region (made up for the test), POL is an aggregate, whatever the files' names.
    let dir = temp_dir("metadata-decides");
    std::fs::copy(&gdp_csv, dir.join("a.csv")).unwrap();
    let meta = std::fs::read_to_string(&meta_csv).unwrap();
    let pol = meta
        .lines()
        .find(|l| l.starts_with("\"POL\""))
        .unwrap()
        .to_owned();
    let meta = meta.replace(&pol, "\"POL\",\"\",\"\",\"\",\"Poland\",");
    std::fs::write(dir.join("z.csv"), meta).unwrap();
    let ds = Dataset::load(&dir).unwrap();
    assert!(ds.record(entity("POL"), 2022).is_none());
    assert_eq!(
        value(&ds, &aggregate("WB_POL"), 2022, Metric::ShareOfGdp),
        Some(exact(&raw_cell(&gdp_csv, "POL", 2022)))
    );
}

#[test]
fn the_metadata_file_alone_loads() {
    let Some(meta_csv) = common::real_file(META) else {
        return;
    };
    let ds = Dataset::load(&meta_csv).unwrap();
    assert!(ds.spending().is_empty());
    let raw = raw_rows(&meta_csv);
    let aggregates = raw
        .iter()
        .skip(1)
        .filter(|(_, r)| r[1].is_empty() || CountryCode::lookup(&r[0]).is_none())
        .count();
    assert_eq!(ds.aggregates().len(), aggregates);
    let xkx = ds
        .aggregates()
        .iter()
        .find(|a| a.id.as_str() == "WB_XKX")
        .unwrap();
    assert_eq!(xkx.name, "Kosovo");
    let afe = ds
        .aggregates()
        .iter()
        .find(|a| a.id.as_str() == "WB_AFE")
        .unwrap();
    assert!(afe.description.contains("26 countries"));
}

/// The share-of-GDP file's text (`path`) with one edit, loaded; the error.
fn load_edited(
    path: &Path,
    test: &str,
    edit: impl FnOnce(String) -> String,
) -> defense_spending::Error {
    let text = std::fs::read_to_string(path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    let path = write(test, "bad.csv", edited.as_bytes());
    Dataset::load(&path).unwrap_err()
}

fn line_starting(text: &str, prefix: &str) -> String {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap()
        .to_owned()
}

#[test]
fn a_value_that_is_text_is_an_error_at_its_line_and_year() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let raw = raw_cell(&gdp_csv, "POL", 2021);
    let err = load_edited(&gdp_csv, "text-value", |t| {
        let row = line_starting(&t, "\"Poland\"");
        t.replace(&row, &row.replace(&format!("\"{raw}\""), "\"n/a\""))
    });
    assert_eq!(err.position().line, Some(raw_line(&gdp_csv, "POL")));
    assert_eq!(err.position().column.as_deref(), Some("2021"));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { value, .. } if value == "n/a"));
}

#[test]
fn an_unparseable_year_header_is_an_error_at_the_header() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let err = load_edited(&gdp_csv, "year-header", |t| {
        t.replacen("\"2021\"", "\"2021e\"", 1)
    });
    assert_eq!(err.position().line, Some(5));
    assert_eq!(err.position().column.as_deref(), Some("2021e"));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
}

#[test]
fn short_and_long_rows_are_errors_at_their_line_and_column() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    // Poland's row cut after 2019: its 2020 column is the first missing.
    let err = load_edited(&gdp_csv, "short-row", |t| {
        let row = line_starting(&t, "\"Poland\"");
        let fields: Vec<&str> = row.split("\",\"").collect();
        let cut = 4 + (2020 - 1960);
        let short = format!("{}\"", fields[..cut].join("\",\""));
        t.replace(&row, &short)
    });
    assert_eq!(err.position().line, Some(raw_line(&gdp_csv, "POL")));
    assert_eq!(err.position().column.as_deref(), Some("2020"));
    assert!(matches!(err.kind(), ErrorKind::Csv(_)));

    // A value after the last year: field 68 (4 named columns and 63 years, 1960 to
    // 2022, then this where the trailing empty field was).
    let err = load_edited(&gdp_csv, "long-row", |t| {
        let row = line_starting(&t, "\"Poland\"");
        t.replace(&row, &format!("{row}\"9.9\","))
    });
    assert_eq!(err.position().line, Some(raw_line(&gdp_csv, "POL")));
    assert_eq!(err.position().column.as_deref(), Some("68"));
}

#[test]
fn a_duplicate_entity_is_an_error_naming_both_lines() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let err = load_edited(&gdp_csv, "duplicate", |t| {
        let row = line_starting(&t, "\"Poland\"");
        format!("{t}{row}\n")
    });
    assert_eq!(err.position().line, Some(272));
    assert_eq!(err.position().column.as_deref(), Some("Country Code"));
    match err.kind() {
        ErrorKind::Duplicate { first, .. } => {
            assert_eq!(first.line, Some(raw_line(&gdp_csv, "POL")))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_indicator_is_an_error_at_the_first_row() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let err = load_edited(&gdp_csv, "indicator", |t| {
        t.replace("\"MS.MIL.XPND.GD.ZS\"", "\"MS.MIL.XPND.CN\"")
    });
    assert_eq!(err.position().line, Some(6));
    assert_eq!(err.position().column.as_deref(), Some("Indicator Code"));
    assert!(err.to_string().contains("MS.MIL.XPND.GD.ZS (share_of_gdp)"));
}

#[test]
fn the_government_share_indicator_is_read() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let text = std::fs::read_to_string(&gdp_csv)
        .unwrap()
        .replace("\"MS.MIL.XPND.GD.ZS\"", "\"MS.MIL.XPND.ZS\"")
        .replace(
            "\"Military expenditure (% of GDP)\"",
            "\"Military expenditure (% of general government expenditure)\"",
        )
        // Kuwait's 117 % of GDP would be an impossible share of government spending.
        .replace("\"117.34982320869\"", "\"\"");
    let path = write("government", "gov.csv", text.as_bytes());
    let ds = Dataset::load(&path).unwrap();
    let raw = raw_cell(&gdp_csv, "POL", 2022);
    assert_eq!(
        value(&ds, &entity("POL"), 2022, Metric::ShareOfGovernment),
        Some(exact(&raw))
    );
    assert!(ds.spending().iter().all(|r| r.share_of_gdp.is_none()));
}

#[test]
fn a_negative_share_is_an_error() {
    let Some(gdp_csv) = common::real_file(GDP) else {
        return;
    };
    let raw = raw_cell(&gdp_csv, "POL", 2021);
    let err = load_edited(&gdp_csv, "negative", |t| {
        let row = line_starting(&t, "\"Poland\"");
        t.replace(
            &row,
            &row.replace(&format!("\"{raw}\""), &format!("\"-{raw}\"")),
        )
    });
    assert_eq!(err.position().line, Some(raw_line(&gdp_csv, "POL")));
    assert_eq!(err.position().column.as_deref(), Some("2021"));
}
