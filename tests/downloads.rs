//! Every file as users download it (issue 12): the World Bank's zip and its unzipped
//! folder with the indicator metadata, Our World in Data's export generations, the wide
//! tables analysts make from NATO's and SIPRI's tables, and all of these re-saved by a
//! European Excel (`;` and decimal commas).
//!
//! The files are the publishers' real files, read from the shared fixtures folder
//! (`tests/common/fixtures.rs`: never committed; on a clone without it these tests say what
//! they skipped, and `tests/recreated.rs` tests the same formats on files it writes), or
//! made by this test from them at run time (a zip of the World Bank's CSV files, a re-save,
//! an older header): faithfully re-created, never invented. Expected values come from the
//! files' own cells, parsed here, never from the loader.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use defense_spending::{Dataset, Entity, ErrorKind, LoadOptions, Metric};
use rust_decimal::Decimal;

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The real file `rel`'s path in the fixtures folder (the tests check first, with [`have`],
/// that it is there).
fn real(rel: &str) -> PathBuf {
    common::fixtures_dir().join(rel)
}

/// True if every real file of `rels` is there; else the test is skipped, with a line
/// saying which file it needs (under CI: a failure naming the folder).
fn have(rels: &[&str]) -> bool {
    rels.iter().all(|rel| common::real_file(rel).is_some())
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(real(rel)).unwrap()
}

fn text(rel: &str) -> String {
    String::from_utf8(read(rel)).unwrap()
}

// The real files, inside the fixtures folder (never committed).
const WB_DATA: &str = "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
const WB_COUNTRIES: &str = "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv";
const WB_INDICATOR: &str =
    "worldbank/Metadata_Indicator_API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.csv";
const OWID_NEW: &str = "owid/military-spending-as-a-share-of-gdp-sipri.csv";
const OWID_OLD: &str = "owid/military-expenditure-share-gdp.csv";
const WIDE: &str = "wide/nato_defense_spending_clean.csv";
#[cfg(feature = "xlsx")]
const SIPRI: &str = "sipri/SIPRI-Milex-data-1948-2023.xlsx";

fn entity(code: &str) -> Entity {
    code.parse().unwrap()
}

/// A decimal as a file writes it (`1.715E-05` too), exactly.
fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s)
        .or_else(|_| Decimal::from_scientific(s))
        .unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

/// Every record's value of `metric`, by the code a file gives its entity (a World Bank
/// aggregate's `WB_` prefix left off) and year.
fn values(ds: &Dataset, metric: Metric) -> BTreeMap<(String, u16), Decimal> {
    ds.spending()
        .iter()
        .filter_map(|r| {
            let code = r.country.as_str();
            let code = code.strip_prefix("WB_").unwrap_or(code).to_owned();
            r.get(metric).map(|v| ((code, r.year), v))
        })
        .collect()
}

/// The World Bank data file's cells: (code, year) to value, parsed here.
fn world_bank_cells(text: &str) -> BTreeMap<(String, u16), Decimal> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let header = records
        .iter()
        .position(|r| r.get(0) == Some("Country Name"))
        .unwrap();
    let years: Vec<Option<u16>> = records[header].iter().map(|h| h.parse().ok()).collect();
    let mut cells = BTreeMap::new();
    for r in &records[header + 1..] {
        for (i, cell) in r.iter().enumerate() {
            if let (Some(Some(year)), false) = (years.get(i), cell.is_empty()) {
                cells.insert((r[1].to_owned(), *year), dec(cell));
            }
        }
    }
    cells
}

/// A zip archive of `files` (name, bytes), deflated, as the World Bank ships them.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap()
}

/// The World Bank's download for the share of GDP: its data CSV, country metadata and
/// indicator metadata, zipped.
fn world_bank_zip() -> Vec<u8> {
    zip_of(&[
        (file_name(WB_DATA), &read(WB_DATA)),
        (file_name(WB_COUNTRIES), &read(WB_COUNTRIES)),
        (file_name(WB_INDICATOR), &read(WB_INDICATOR)),
    ])
}

/// The indicator metadata file's one record, parsed here.
fn indicator_record() -> csv::StringRecord {
    let text = text(WB_INDICATOR);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().next().unwrap().unwrap()
}

#[test]
fn the_world_bank_zip_loads_as_downloaded() {
    if !have(&[WB_DATA, WB_COUNTRIES, WB_INDICATOR]) {
        return;
    }
    let zip = world_bank_zip();
    let path = common::write(
        "downloads",
        "wb-zip",
        "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip",
        &zip,
    );
    let ds = Dataset::load(&path).unwrap();
    // Every cell of the data file, exactly.
    assert_eq!(
        values(&ds, Metric::ShareOfGdp),
        world_bank_cells(&text(WB_DATA))
    );
    // From memory, and as the folder the zip unzips to: the same.
    let from_bytes = Dataset::from_bytes("download.zip", &zip).unwrap();
    assert_eq!(from_bytes.spending(), ds.spending());
    let dir = common::temp_dir("downloads", "wb-folder");
    for rel in [WB_DATA, WB_COUNTRIES, WB_INDICATOR] {
        std::fs::write(dir.join(file_name(rel)), read(rel)).unwrap();
    }
    let folder = Dataset::load(&dir).unwrap();
    assert_eq!(folder.spending(), ds.spending());
    assert_eq!(folder.aggregates(), ds.aggregates());
    // Unzipped where it lies: the folder's zip is not read (its files would be twice).
    std::fs::write(
        dir.join("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip"),
        &zip,
    )
    .unwrap();
    assert_eq!(Dataset::load(&dir).unwrap().spending(), ds.spending());
    // The country metadata classified the codes: the World is an aggregate.
    assert!(ds.aggregates().iter().any(|a| a.id.as_str() == "WB_WLD"));
    assert!(ds.record(entity("POL"), 2022).is_some());
}

#[test]
fn the_indicator_metadata_goes_into_the_sources_title_and_note() {
    if !have(&[WB_DATA, WB_COUNTRIES, WB_INDICATOR]) {
        return;
    }
    let record = indicator_record();
    let (code, name, note, organisation) = (&record[0], &record[1], &record[2], &record[3]);
    assert_eq!(code, "MS.MIL.XPND.GD.ZS");
    for ds in [
        Dataset::from_bytes("download.zip", &world_bank_zip()).unwrap(),
        {
            let dir = common::temp_dir("downloads", "wb-indicator");
            for rel in [WB_DATA, WB_INDICATOR] {
                std::fs::write(dir.join(file_name(rel)), read(rel)).unwrap();
            }
            Dataset::load(&dir).unwrap()
        },
    ] {
        let source = ds
            .sources()
            .iter()
            .find(|s| s.id.as_str().starts_with("worldbank-MS.MIL.XPND.GD.ZS"))
            .unwrap();
        assert_eq!(source.title, name);
        let text = source.note.as_deref().unwrap();
        assert!(text.contains(note), "{text}");
        assert!(text.contains(organisation), "{text}");
        assert!(ds.spending().iter().all(|r| r.source == source.id));
    }
}

#[test]
fn errors_in_a_zip_name_the_file_inside_it() {
    if !have(&[WB_DATA]) {
        return;
    }
    let data = text(WB_DATA).replace("\"Poland\",\"POL\"", "\"Poland\",\"PLX\"");
    let zip = zip_of(&[("API.csv", data.as_bytes())]);
    let ds = Dataset::from_bytes("download.zip", &zip).unwrap();
    // Not an ISO code: a World Bank code kept apart, as in the CSV itself.
    assert!(ds.record(entity("WB_PLX"), 2022).is_some());
    let bad = text(WB_DATA).replace("\"Poland\",\"POL\"", "\"Poland\",\"\"");
    let line = bad
        .lines()
        .position(|l| l.starts_with("\"Poland\""))
        .unwrap() as u64
        + 1;
    let zip = zip_of(&[("folder/API.csv", bad.as_bytes())]);
    let err = Dataset::from_bytes("download.zip", &zip).unwrap_err();
    assert_eq!(
        err.position().file.as_deref(),
        Some(Path::new("download.zip/folder/API.csv"))
    );
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("Country Code"));
}

#[test]
fn the_2026_vintage_crlf_with_years_to_2025_loads_the_same() {
    if !have(&[WB_DATA]) {
        return;
    }
    // The 2026 vintage: CRLF, and years to 2025 (their cells left empty here: no figure
    // is invented).
    let lf = text(WB_DATA);
    let mut crlf = String::new();
    for line in lf.lines() {
        let line = if line.starts_with("\"Country Name\"") {
            format!("{line}\"2023\",\"2024\",\"2025\",")
        } else if line.starts_with('"') && line.matches("\",\"").count() > 10 {
            format!("{line}\"\",\"\",\"\",")
        } else {
            line.to_owned()
        };
        crlf.push_str(&line);
        crlf.push_str("\r\n");
    }
    let a = Dataset::from_bytes("lf.csv", lf.as_bytes()).unwrap();
    let b = Dataset::from_bytes("crlf.csv", crlf.as_bytes()).unwrap();
    assert_eq!(a.spending(), b.spending());
    // An error names the same line in either.
    let bad = crlf.replace("\"Poland\",\"POL\"", "\"Poland\",\"\"");
    let line = bad
        .split("\r\n")
        .position(|l| l.starts_with("\"Poland\""))
        .unwrap() as u64
        + 1;
    let err = Dataset::from_bytes("crlf.csv", bad.as_bytes()).unwrap_err();
    assert_eq!(err.position().line, Some(line));
}

#[test]
fn the_indicator_metadata_alone_loads_with_no_figures() {
    if !have(&[WB_INDICATOR]) {
        return;
    }
    let ds = Dataset::from_bytes(file_name(WB_INDICATOR), &read(WB_INDICATOR)).unwrap();
    assert!(ds.spending().is_empty());
}

/// OWID's newer fixture in the plural-region style: the region filled on the first row
/// of each entity only, and a row with an empty value for each entity's year after its
/// last (`Afghanistan,AFG,2023,,Asia`).
fn owid_plural_style() -> (String, usize) {
    let text = text(OWID_NEW);
    let mut lines = text.lines();
    let header = lines.next().unwrap().replace(
        "World region according to OWID",
        "World regions according to OWID",
    );
    let mut out = vec![header];
    let mut empty_rows = 0;
    let mut last: Option<(String, String, u16, String)> = None;
    let flush =
        |out: &mut Vec<String>, last: &Option<(String, String, u16, String)>, n: &mut usize| {
            if let Some((entity, code, year, region)) = last {
                out.push(format!("{entity},{code},{},,{region}", year + 1));
                *n += 1;
            }
        };
    for line in lines {
        // Entity names may be quoted with commas: split from the right.
        let mut parts = line.rsplitn(4, ',');
        let region = parts.next().unwrap().to_owned();
        let value = parts.next().unwrap().to_owned();
        let year: u16 = parts.next().unwrap().parse().unwrap();
        let rest = parts.next().unwrap();
        let (entity, code) = rest.rsplit_once(',').unwrap();
        let new_entity = last.as_ref().is_none_or(|l| l.0 != entity);
        if new_entity {
            flush(&mut out, &last, &mut empty_rows);
        }
        let shown_region = if new_entity { region.as_str() } else { "" };
        out.push(format!("{entity},{code},{year},{value},{shown_region}"));
        last = Some((entity.to_owned(), code.to_owned(), year, region));
    }
    flush(&mut out, &last, &mut empty_rows);
    (out.join("\n"), empty_rows)
}

#[test]
fn owid_plural_region_style_with_empty_values_loads_every_figure_and_no_zero() {
    if !have(&[OWID_NEW]) {
        return;
    }
    let original = Dataset::from_bytes("a.csv", &read(OWID_NEW)).unwrap();
    let (plural, empty_rows) = owid_plural_style();
    assert!(empty_rows > 100, "{empty_rows}");
    let ds = Dataset::from_bytes("b.csv", plural.as_bytes()).unwrap();
    assert_eq!(ds.spending(), original.spending());
    // Afghanistan's year after its last has a row, and no figure.
    let afg = entity("AFG");
    let last = original.series(&afg).map(|r| r.year).max().unwrap();
    assert!(plural.contains(&format!("Afghanistan,AFG,{},,", last + 1)));
    assert!(ds.record(afg, last + 1).is_none());
}

#[test]
fn owid_value_titles_of_every_generation_read_the_same() {
    if !have(&[OWID_NEW]) {
        return;
    }
    let text = text(OWID_NEW);
    let original = Dataset::from_bytes("a.csv", text.as_bytes()).unwrap();
    for title in [
        "military_expenditure_share_gdp",
        "Military expenditure (% of GDP)",
        "\"Military expenditure (% of GDP) - Method: Global Military Spending Dataset, \
         2024 (Stockholm International Peace Research Institute (SIPRI); GMSD (2025))\"",
        "Military spending as a share of GDP",
    ] {
        let edited = text.replacen("Military expenditure (% of GDP)", title, 1);
        let ds = Dataset::from_bytes("x.csv", edited.as_bytes())
            .unwrap_or_else(|e| panic!("{title}: {e}"));
        let got: Vec<_> = ds
            .spending()
            .iter()
            .map(|r| (r.country, r.year, r.share_of_gdp))
            .collect();
        let want: Vec<_> = original
            .spending()
            .iter()
            .map(|r| (r.country, r.year, r.share_of_gdp))
            .collect();
        assert_eq!(got, want, "{title}");
    }
    // An unrecognisable title is an error that shows it and the known measures.
    let edited = text.replacen(
        "Military expenditure (% of GDP)",
        "Military expenditure (index)",
        1,
    );
    let err = Dataset::from_bytes("x.csv", edited.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownColumn { .. }));
    let message = err.to_string();
    assert!(
        message.contains("Military expenditure (index)"),
        "{message}"
    );
    assert!(
        message.contains("share of government spending"),
        "{message}"
    );
}

#[test]
fn owid_constant_dollars_keep_an_unknown_base_year_apart() {
    // Two files in OWID's constant-US$ layout (the 2022 short name and the titled one),
    // made here: values in dollars, read in millions exactly.
    let short = "Entity,Code,Year,military_expenditure\nPoland,POL,2014,10250000000\nPoland,POL,2024,31550000000.5\n";
    let ds = Dataset::from_bytes("x.csv", short.as_bytes()).unwrap();
    let pol = entity("POL");
    let r14 = ds.record(pol, 2014).unwrap();
    assert_eq!(r14.get(Metric::ExpenditureConstant), Some(dec("10250")));
    assert_eq!(
        ds.record(pol, 2024)
            .unwrap()
            .get(Metric::ExpenditureConstant),
        Some(dec("31550.0000005"))
    );
    assert_eq!(r14.price_base_year(), None);
    // One file's unknown base is one base: its real change is computed...
    assert!(ds
        .change(pol, 2014, 2024)
        .unwrap()
        .real_change_pct
        .is_some());
    // ...but never against a figure of a known base year.
    let known =
        "country,year,expenditure_constant,price_base_year,source\nPOL,2024,28000,2015,nato\n";
    // (Two sources never make one change at all; here one source, two base years.)
    let mut r24_known = r14.clone();
    r24_known.year = 2024;
    r24_known.set_price_base_year(Some(2015));
    let mixed = Dataset::index(defense_spending::DatasetParts {
        spending: vec![r14.clone(), r24_known],
        ..Default::default()
    });
    assert_eq!(mixed.change(pol, 2014, 2024).unwrap().real_change_pct, None);
    // Revisions never compare an unknown base with a known one.
    let old = Dataset::from_bytes("x.csv", short.as_bytes()).unwrap();
    let new = Dataset::from_csv_str("k.csv", known).unwrap();
    assert!(defense_spending::query::revisions(&old, &new).is_empty());
}

/// A row of a wide table: its name, and (year, estimate, value) for each cell with a
/// number.
type WideRow = (String, Vec<(u16, bool, Decimal)>);

/// A wide table's rows, parsed here.
fn wide_cells(text: &str) -> Vec<WideRow> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(Result::unwrap)
        .map(|r| {
            let cells = header
                .iter()
                .enumerate()
                .skip(1)
                .filter_map(|(i, h)| {
                    let (year, estimate) = match h.strip_suffix('e') {
                        Some(y) => (y.parse().ok()?, true),
                        None => (h.parse().ok()?, false),
                    };
                    let cell = r.get(i)?.trim();
                    let cell = cell.strip_suffix('%').unwrap_or(cell);
                    Decimal::from_str(cell).ok().map(|v| (year, estimate, v))
                })
                .collect();
            (r[0].to_owned(), cells)
        })
        .collect()
}

/// Checks that `ds` holds exactly the cells of `text` (a comma-separated wide table),
/// each under the entity its name stands for.
fn holds_the_cells(ds: &Dataset, text: &str, metric: Metric) {
    let mut n = 0;
    for (name, cells) in wide_cells(text) {
        let Some(e) = defense_spending::names::lookup(&name) else {
            assert!(cells.is_empty(), "{name}");
            continue;
        };
        for (year, estimate, v) in cells {
            let r = ds
                .record(e, year)
                .unwrap_or_else(|| panic!("{name} {year}"));
            assert_eq!(r.get(metric), Some(v), "{name} {year}");
            assert_eq!(r.estimate, estimate, "{name} {year}");
            n += 1;
        }
    }
    assert_eq!(ds.spending().len(), n);
}

#[test]
fn natos_wide_table_loads_with_its_metric_stated() {
    if !have(&[WIDE]) {
        return;
    }
    let text = text(WIDE);
    let path = real(WIDE);
    let ds = LoadOptions::new()
        .metric(Metric::ShareOfGdp)
        .load(&path)
        .unwrap();
    holds_the_cells(&ds, &text, Metric::ShareOfGdp);
    assert_eq!(ds.spending().len(), 31 * 11);
    assert_eq!(
        ds.record(entity("TUR"), 2024).unwrap().share_of_gdp,
        Some(dec("2.089020298"))
    );
    // The source is made from what was stated and read, not the file's name.
    let source = ds.source(&ds.spending()[0].source).unwrap();
    assert_eq!(source.id.as_str(), "wide-share_of_gdp-2014-2024");
    // Without the metric: an error that says so and shows the call.
    let err = Dataset::load(&path).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::OptionNeeded(_)));
    assert!(
        err.to_string()
            .contains("LoadOptions::new().metric(Metric::ShareOfGdp).load("),
        "{err}"
    );
}

/// The NATO wide table as seen in the wild: `2024e` headers, NATO's aggregate rows (with
/// NATO's published figures, from the bundled June 2024 edition), `Czechia*` with its
/// footnote mark.
fn nato_wild() -> String {
    let text = text(WIDE);
    let bundled = Dataset::bundled();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    lines[0] = lines[0].replace(",2023,2024", ",2023e,2024e");
    for line in &mut lines {
        if line.starts_with("Czechia,") {
            *line = line.replacen("Czechia,", "Czechia*,", 1);
        }
    }
    for (name, id) in [
        ("NATO Europe and Canada", "NATO_EUCAN"),
        ("NATO Total", "NATO_TOTAL"),
    ] {
        let cells: Vec<String> = (2014..=2024)
            .map(|y| {
                bundled
                    .record(entity(id), y)
                    .and_then(|r| r.share_of_gdp)
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            })
            .collect();
        lines.push(format!("{name},{}", cells.join(",")));
    }
    lines.join("\r\n")
}

#[test]
fn wide_tables_as_seen_in_the_wild() {
    if !have(&[WIDE]) {
        return;
    }
    let wild = nato_wild();
    let options = LoadOptions::new().metric(Metric::ShareOfGdp).clone();
    let ds = options.from_bytes("nato.csv", wild.as_bytes()).unwrap();
    holds_the_cells(&ds, &wild, Metric::ShareOfGdp);
    assert!(ds.record(entity("NATO_TOTAL"), 2024).unwrap().estimate);
    assert!(!ds.record(entity("POL"), 2022).unwrap().estimate);
    assert_eq!(ds.name_of(entity("NATO_EUCAN")), "NATO Europe and Canada");
    assert!(ds.record(entity("CZE"), 2014).is_some());
    // Line endings, final newline and byte order mark change nothing.
    for variant in [
        wild.replace("\r\n", "\n"),
        format!("{wild}\r\n"),
        format!("\u{feff}{wild}"),
        format!("\u{feff}{}\n", wild.replace("\r\n", "\n")),
    ] {
        let other = options.from_bytes("nato.csv", variant.as_bytes()).unwrap();
        assert_eq!(other.spending(), ds.spending());
    }
}

/// A spreadsheet export of a SIPRI sheet, made from SIPRI's workbook: a title, the
/// header `Country,Notes,Reporting year,1988,…`, region heading rows with empty cells,
/// SIPRI's names (quoted where they hold a comma), notes, fiscal years, percentages as
/// Excel shows them (`5.7%`), `. .` and `xxx`, and empty cells.
#[cfg(feature = "xlsx")]
fn sipri_export() -> String {
    let ds = Dataset::load(real(SIPRI)).unwrap();
    let years: Vec<u16> = (1988..=2023).collect();
    let mut out = vec![
        "Military expenditure by country as percentage of gross domestic product, 1988-2023"
            .to_owned(),
        String::new(),
        format!(
            "Country,Notes,Reporting year,{}",
            years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ),
    ];
    let row = |name: &str, code: &str, notes: &str, reporting: &str| {
        let cells: Vec<String> = years
            .iter()
            .map(
                |&y| match ds.record(entity(code), y).and_then(|r| r.share_of_gdp) {
                    Some(v) => format!("{}%", v.round_dp(1)),
                    None if code == "SIPRI_USSR" && y > 1991 => "xxx".to_owned(),
                    None if y < 1990 => ". .".to_owned(),
                    None => String::new(),
                },
            )
            .collect();
        let name = if name.contains(',') {
            format!("\"{name}\"")
        } else {
            name.to_owned()
        };
        format!("{name},{notes},{reporting},{}", cells.join(","))
    };
    out.push(format!("Africa,,,{}", ",".repeat(years.len() - 1)));
    out.push(row("Congo, DR", "COD", "‡ ¶ 2", ""));
    out.push(format!("Americas,,,{}", ",".repeat(years.len() - 1)));
    out.push(row(
        "United States of America",
        "USA",
        "Footnotes!A12",
        "October-September",
    ));
    out.push(format!("Asia & Oceania,,,{}", ",".repeat(years.len() - 1)));
    out.push(row("Korea, South", "KOR", "", ""));
    out.push(row("Japan", "JPN", "", "April-March"));
    out.push(format!("Europe,,,{}", ",".repeat(years.len() - 1)));
    out.push(row("USSR", "SIPRI_USSR", "", ""));
    out.push(row("Türkiye", "TUR", "", ""));
    out.join("\r\n")
}

#[cfg(feature = "xlsx")]
#[test]
fn a_spreadsheet_export_of_a_sipri_sheet() {
    if !have(&[SIPRI]) {
        return;
    }
    let export = sipri_export();
    let ds = LoadOptions::new()
        .metric(Metric::ShareOfGdp)
        .from_bytes("SIPRI-Milex-data-1988-2023.csv", export.as_bytes())
        .unwrap();
    // The cells, parsed here from the export's text (past its title lines).
    let table = export.split("\r\n").skip(2).collect::<Vec<_>>().join("\n");
    let mut n = 0;
    for (name, cells) in wide_cells(&table) {
        let Some(e) = defense_spending::names::lookup(&name) else {
            assert!(cells.is_empty(), "{name}");
            continue;
        };
        for (year, _, v) in cells {
            assert_eq!(
                ds.record(e, year).unwrap().share_of_gdp,
                Some(v),
                "{name} {year}"
            );
            n += 1;
        }
    }
    assert!(n > 100, "{n}");
    assert_eq!(ds.spending().len(), n);
    // The region headings are skipped, and listed.
    let skipped: Vec<&str> = ds.skipped().iter().map(|s| s.value.as_str()).collect();
    assert_eq!(skipped, ["Africa", "Americas", "Asia & Oceania", "Europe"]);
    assert_eq!(ds.skipped()[0].position.line, Some(4));
    assert_eq!(ds.name_of(entity("SIPRI_USSR")), "USSR");
}

#[test]
fn constant_prices_of_a_stated_year_or_unknown() {
    let table = "Country,2021,2022\n\"Korea, South\",48170.5,46365\nCongo, DR,...,xxx\n";
    // `Congo, DR` unquoted is one field too many: an error at its line.
    let err = LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .from_bytes("x.csv", table.as_bytes())
        .unwrap_err();
    assert_eq!(err.position().line, Some(3));
    let table = table.replace("Congo, DR", "\"Congo, DR\"");
    let stated = LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .price_base_year(2021)
        .from_bytes("x.csv", table.as_bytes())
        .unwrap();
    let kor = stated.record(entity("KOR"), 2021).unwrap();
    assert_eq!(kor.get(Metric::ExpenditureConstant), Some(dec("48170.5")));
    assert_eq!(kor.price_base_year(), Some(2021));
    assert!(stated.record(entity("COD"), 2021).is_none());
    let unknown = LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .from_bytes("x.csv", table.as_bytes())
        .unwrap();
    assert_eq!(
        unknown
            .record(entity("KOR"), 2021)
            .unwrap()
            .price_base_year(),
        None
    );
    assert_eq!(
        unknown.spending()[0].source.as_str(),
        "wide-expenditure_constant-base-unknown-2021-2022"
    );
    // A title that says the base year: it is taken, and an option saying otherwise errs.
    let titled = format!("Military expenditure by country, in constant (2022) US$ m.\n{table}");
    let ds = LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .from_bytes("x.csv", titled.as_bytes())
        .unwrap();
    assert_eq!(
        ds.record(entity("KOR"), 2022).unwrap().price_base_year(),
        Some(2022)
    );
    assert!(LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .price_base_year(2021)
        .from_bytes("x.csv", titled.as_bytes())
        .is_err());
    // A source id of the user's.
    let ds = LoadOptions::new()
        .metric(Metric::ExpenditureConstant)
        .price_base_year(2021)
        .source("sipri-2023".parse().unwrap())
        .from_bytes("x.csv", table.as_bytes())
        .unwrap();
    assert!(ds
        .spending()
        .iter()
        .all(|r| r.source.as_str() == "sipri-2023"));
}

#[test]
fn an_unknown_name_is_an_error_at_its_line_with_the_closest_names() {
    if !have(&[WIDE]) {
        return;
    }
    let text = text(WIDE).replace("Slovak Republic,", "Slovak Repulic,");
    let line = text
        .split("\r\n")
        .position(|l| l.starts_with("Slovak Repulic"))
        .unwrap() as u64
        + 1;
    let err = LoadOptions::new()
        .metric(Metric::ShareOfGdp)
        .from_bytes("x.csv", text.as_bytes())
        .unwrap_err();
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("Country"));
    match err.kind() {
        ErrorKind::UnknownName { name, closest, .. } => {
            assert_eq!(name, "Slovak Repulic");
            assert_eq!(closest[0], "Slovak Republic");
        }
        other => panic!("{other:?}"),
    }
}

/// A CSV re-saved by a European Excel: `;` between fields, decimal commas, CRLF. Made
/// here from a comma-separated text (fields parsed, numbers' dots made commas).
fn european(text: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = String::new();
    for r in reader.records() {
        let r = r.unwrap();
        let fields: Vec<String> = r
            .iter()
            .map(|f| {
                let is_number = !f.is_empty()
                    && f.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | 'E' | 'e'))
                    && f.starts_with(|c: char| c.is_ascii_digit() || c == '-');
                if is_number {
                    f.replace('.', ",")
                } else if f.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.to_owned()
                }
            })
            .collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn european_re_saves_of_every_csv_fixture_read_the_same() {
    if !have(&[
        WB_DATA,
        WB_COUNTRIES,
        WB_INDICATOR,
        OWID_NEW,
        OWID_OLD,
        WIDE,
    ]) {
        return;
    }
    let wide_options = LoadOptions::new().metric(Metric::ShareOfGdp).clone();
    for (path, options) in [
        (real(WIDE), wide_options.clone()),
        (real(WB_DATA), LoadOptions::new()),
        (real(OWID_NEW), LoadOptions::new()),
        (real(OWID_OLD), LoadOptions::new()),
        (root().join("data/spending.csv"), LoadOptions::new()),
    ] {
        let rel = path.to_str().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let original = options.from_bytes(file_name(rel), &bytes).unwrap();
        let resaved = european(&String::from_utf8(bytes).unwrap());
        assert!(resaved.contains(';') && resaved.contains("\r\n"), "{rel}");
        let ds = options
            .from_bytes(file_name(rel), resaved.as_bytes())
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(ds.spending(), original.spending(), "{rel}");
        assert!(!ds.spending().is_empty());
    }
    // The World Bank's metadata: the country file's notes hold commas and line breaks.
    let folder = |files: &[(&str, Vec<u8>)]| {
        let dir = common::temp_dir("downloads", &format!("eu-{}", files.len()));
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        Dataset::load(&dir).unwrap()
    };
    let names = [WB_DATA, WB_COUNTRIES, WB_INDICATOR];
    let original = folder(&names.map(|rel| (file_name(rel), read(rel))));
    let resaved = folder(&names.map(|rel| (file_name(rel), european(&text(rel)).into_bytes())));
    assert_eq!(resaved.spending(), original.spending());
    assert_eq!(resaved.aggregates(), original.aggregates());
    assert_eq!(resaved.sources(), original.sources());
    // An error names the line of the re-saved file.
    let resaved = european(&text(WIDE)).replace("Poland;", "Poland;x");
    let line = resaved
        .split("\r\n")
        .position(|l| l.starts_with("Poland;"))
        .unwrap() as u64
        + 1;
    let err = wide_options
        .from_bytes("x.csv", resaved.as_bytes())
        .unwrap_err();
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("2014"));
}

#[test]
fn an_ambiguous_european_file_says_the_cause_and_the_fix() {
    // Decimal commas, and a number with a full stop: a thousands separator or a decimal
    // point?
    let text = "Country;2023;2024\r\nPoland;3,83;4.120\r\n";
    let err = LoadOptions::new()
        .metric(Metric::ShareOfGdp)
        .from_bytes("x.csv", text.as_bytes())
        .unwrap_err();
    assert_eq!(err.position().line, Some(2));
    let message = err.to_string();
    assert!(message.contains("thousands separator or a"), "{message}");
    assert!(message.contains("CSV UTF-8 (comma delimited)"), "{message}");
}

#[test]
fn an_unknown_base_year_is_written_and_read_back_as_unknown() {
    let short = "Entity,Code,Year,military_expenditure\nPoland,POL,2014,10250000000\n";
    let ds = Dataset::from_bytes("x.csv", short.as_bytes()).unwrap();
    let mut out = Vec::new();
    defense_spending::output::write_csv(&mut out, ds.spending()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(",unknown,"), "{text}");
    let back = Dataset::from_csv_str("spending.csv", &text).unwrap();
    assert_eq!(back.spending(), ds.spending());
    // `unknown` without a constant-price figure is an error.
    let err = Dataset::from_csv_str(
        "spending.csv",
        "country,year,share_of_gdp,price_base_year,source\nPOL,2014,1.9,unknown,x\n",
    )
    .unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("price_base_year"));
}

/// Our World in Data's constant-US$ exports re-created from SIPRI's workbook (SIPRI's
/// constant (2022) US$ millions, written in dollars as OWID does), under the title of
/// each generation.
#[cfg(feature = "xlsx")]
#[test]
fn owid_constant_dollar_exports_of_sipris_figures() {
    if !have(&[SIPRI]) {
        return;
    }
    let sipri = Dataset::load(real(SIPRI)).unwrap();
    let mut rows = Vec::new();
    for (name, code) in [
        ("Poland", "POL"),
        ("United States", "USA"),
        ("Estonia", "EST"),
    ] {
        for r in sipri.series(&entity(code)) {
            if let Some(m) = r.get(Metric::ExpenditureConstant) {
                let dollars = (m * Decimal::from(1_000_000)).normalize();
                rows.push(format!("{name},{code},{},{dollars}", r.year));
            }
        }
    }
    assert!(rows.len() > 60, "{}", rows.len());
    for title in [
        "Military expenditure (constant US$)",
        "military_expenditure",
    ] {
        let text = format!("Entity,Code,Year,{title}\n{}\n", rows.join("\n"));
        // The base year: unknown, or as stated.
        for stated in [None, Some(2022)] {
            let mut options = LoadOptions::new();
            if let Some(y) = stated {
                options.price_base_year(y);
            }
            let ds = options
                .from_bytes("military-spending-sipri.csv", text.as_bytes())
                .unwrap();
            assert_eq!(ds.spending().len(), rows.len());
            for row in &rows {
                let f: Vec<&str> = row.split(',').collect();
                let r = ds.record(entity(f[1]), f[2].parse().unwrap()).unwrap();
                // Dollars into millions, exactly, from the cell's text.
                let want = dec(f[3]) / Decimal::from(1_000_000);
                assert_eq!(
                    r.get(Metric::ExpenditureConstant),
                    Some(want.normalize()),
                    "{row}"
                );
                assert_eq!(r.price_base_year(), stated);
            }
        }
    }
}
