//! Our World in Data grapher CSVs, read from the real files in the shared fixtures folder,
//! `owid/` (`tests/common/fixtures.rs`; provenance: `../shared/fixtures/SOURCES.md`). On a
//! clone without that folder these tests say what they skipped; `tests/recreated.rs`
//! tests both export generations on files it writes itself.
//!
//! Expected values come from the files themselves: the tests read the raw text with the
//! `csv` crate (not with the loader) and pick the cells; a few are also written out by
//! hand from the file, and say so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use defense_spending::load::{detect_format, Format};
use defense_spending::{CountryCode, Dataset, Entity, ErrorKind, Metric};
use rust_decimal::Decimal;

mod common;

/// The two exports, inside the fixtures folder (never committed).
const OLD: &str = "owid/military-expenditure-share-gdp.csv";
const NEW: &str = "owid/military-spending-as-a-share-of-gdp-sipri.csv";

/// Writes `bytes` to `name` in a fresh folder for `test`.
fn write(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    common::write("owid", test, name, bytes)
}

/// The raw rows (the `csv` crate, not the loader), header first.
fn raw_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The raw value of `code` in `year` (the fourth column).
fn raw_cell(path: &Path, code: &str, year: u16) -> String {
    raw_rows(path)
        .into_iter()
        .find(|r| r[1] == code && r[2] == year.to_string())
        .map(|r| r[3].clone())
        .unwrap()
}

/// The 1-based line of the row of `code` in `year`, in the raw text.
fn raw_line(path: &Path, code: &str, year: u16) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    let needle = format!(",{code},{year},");
    text.lines().position(|l| l.contains(&needle)).unwrap() as u64 + 1
}

fn entity(code: &str) -> Entity {
    code.parse().unwrap()
}

fn aggregate(id: &str) -> Entity {
    Entity::Aggregate(id.parse().unwrap())
}

fn share(ds: &Dataset, e: &Entity, year: u16) -> Option<Decimal> {
    ds.record(e, year).and_then(|r| r.share_of_gdp)
}

#[test]
fn count_of_countries_at_or_above_two_percent_matches_the_raw_file() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    for (path, years) in [(&old, [1990u16, 2014, 2020]), (&new, [1990, 2014, 2024])] {
        let ds = Dataset::load(path).unwrap();
        let rows = raw_rows(path);
        for year in years {
            let expected: BTreeSet<String> = rows
                .iter()
                .skip(1)
                .filter(|r| r[2] == year.to_string() && CountryCode::lookup(&r[1]).is_some())
                .filter(|r| Decimal::from_str_exact(&r[3]).unwrap() >= Decimal::TWO)
                .map(|r| r[1].clone())
                .collect();
            let got: BTreeSet<String> = ds
                .countries_at_or_above(year, Decimal::TWO)
                .unwrap()
                .iter()
                .map(|r| r.country.to_string())
                .collect();
            assert_eq!(got, expected, "{} {year}", path.display());
        }
    }
    // Counted by hand (awk over the 2022-style file's 2020 rows with a three-letter code
    // and a value of 2 or more): 50 countries.
    let ds = Dataset::load(&old).unwrap();
    assert_eq!(
        ds.countries_at_or_above(2020, Decimal::TWO).unwrap().len(),
        50
    );
}

#[test]
fn a_dozen_exact_values_match_the_raw_cells() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    let picks: [(&Path, &str, u16); 12] = [
        (&old, "POL", 2020),
        (&old, "USA", 2020),
        (&old, "DEU", 1990),
        (&old, "KWT", 1991),
        (&old, "OWID_KOS", 2019),
        (&old, "AFG", 1970),
        (&new, "POL", 2024),
        (&new, "USA", 2024),
        (&new, "EST", 2023),
        (&new, "UKR", 2024),
        (&new, "OWID_KOS", 2024),
        (&new, "ZWE", 2024),
    ];
    for (path, code, year) in picks {
        let ds = Dataset::load(path).unwrap();
        let e = if code.starts_with("OWID_") {
            aggregate(code)
        } else {
            entity(code)
        };
        let raw = raw_cell(path, code, year);
        assert_eq!(
            share(&ds, &e, year),
            Some(Decimal::from_str_exact(&raw).unwrap()),
            "{} {code} {year}",
            path.display()
        );
    }
    // By hand, from the files: Afghanistan 1970 is 1.63 and 1.6296061; Zimbabwe 2024,
    // the last line of the newer file (no line break after it), is 0.351195.
    let v = |p: &Path, c: &str, y| {
        share(&Dataset::load(p).unwrap(), &entity(c), y)
            .unwrap()
            .to_string()
    };
    assert_eq!(v(&old, "AFG", 1970), "1.63");
    assert_eq!(v(&new, "AFG", 1970), "1.6296061");
    assert_eq!(v(&new, "ZWE", 2024), "0.351195");
}

#[test]
fn every_row_is_one_record() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    for path in [&old, &new] {
        let ds = Dataset::load(path).unwrap();
        let rows = raw_rows(path);
        assert_eq!(ds.spending().len(), rows.len() - 1, "{}", path.display());
        assert!(ds.spending().iter().all(|r| r.share_of_gdp.is_some()
            && r.get(Metric::ExpenditureCurrent).is_none()
            && !r.estimate));
    }
}

#[test]
fn owid_entities_are_kept_apart_from_countries() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    let ds = Dataset::load(&new).unwrap();
    let kosovo = aggregate("OWID_KOS");
    let eu = aggregate("OWID_EUROPEAN_UNION_SIPRI");
    assert_eq!(ds.name_of(kosovo), "Kosovo");
    assert_eq!(ds.name_of(eu), "European Union (SIPRI)");
    // The EU row has an empty code (and region): found by its name in the raw file.
    let rows = raw_rows(&new);
    let eu_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == "European Union (SIPRI)")
        .collect();
    assert!(!eu_rows.is_empty() && eu_rows.iter().all(|r| r[1].is_empty()));
    for r in &eu_rows {
        let year: u16 = r[2].parse().unwrap();
        assert_eq!(
            share(&ds, &eu, year),
            Some(Decimal::from_str_exact(&r[3]).unwrap())
        );
    }
    assert_eq!(ds.series(&eu).count(), eu_rows.len());
    for year in ds.years() {
        assert!(ds
            .countries_at_or_above(year, Decimal::ZERO)
            .unwrap()
            .iter()
            .all(|r| r.country.is_country()));
    }
    assert_eq!(ds.aggregates().len(), 2);
    let old = Dataset::load(&old).unwrap();
    assert_eq!(old.aggregates().len(), 1);
    assert_eq!(old.aggregates()[0].id.as_str(), "OWID_KOS");
}

#[test]
fn world_and_historical_states_are_aggregates() {
    let text = "Entity,Code,Year,Military expenditure (% of GDP)\n\
                World,OWID_WRL,2020,2.2\n\
                USSR,OWID_USS,1988,12.5\n\
                Poland,POL,2020,2.23\n\
                World,OWID_WRL,2021,2.1";
    let path = write("world", "world.csv", text.as_bytes());
    let ds = Dataset::load(&path).unwrap();
    assert_eq!(
        share(&ds, &aggregate("OWID_WRL"), 2021)
            .unwrap()
            .to_string(),
        "2.1"
    );
    assert_eq!(ds.name_of(aggregate("OWID_USS")), "USSR");
    assert_eq!(ds.aggregates().len(), 2); // defined once each
    let at_two = ds.countries_at_or_above(2020, Decimal::TWO).unwrap();
    assert_eq!(at_two.len(), 1);
    assert_eq!(at_two[0].country.to_string(), "POL");
}

#[test]
fn the_source_is_made_from_the_content_not_the_file_name() {
    let Some(new) = common::real_file(NEW) else {
        return;
    };
    // The id comes from the value column's title, so that the same export under any
    // name is one source (and a service loading uploads mints no id per upload).
    let ds = Dataset::load(&new).unwrap();
    let id = "owid-military-expenditure-of-gdp";
    let renamed = Dataset::from_bytes("upload-0001.tmp", &std::fs::read(&new).unwrap()).unwrap();
    assert_eq!(renamed.sources(), ds.sources());
    let s = ds.source(&id.parse().unwrap()).unwrap();
    assert_eq!(s.publisher, "Our World in Data");
    assert_eq!(s.title, "Military expenditure (% of GDP)");
    assert!(ds.spending().iter().all(|r| r.source == id));
}

#[test]
fn detected_by_content_under_any_name() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    for path in [&old, &new] {
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(detect_format("renamed.txt", &bytes).unwrap(), Format::Owid);
        let renamed = Dataset::load(write("renamed", "renamed.txt", &bytes)).unwrap();
        let original = Dataset::load(path).unwrap();
        assert_eq!(renamed.spending().len(), original.spending().len());
        for (a, b) in renamed.spending().iter().zip(original.spending()) {
            assert_eq!(
                (&a.country, a.year, a.share_of_gdp),
                (&b.country, b.year, b.share_of_gdp)
            );
        }
    }
}

#[test]
fn crlf_and_excel_resaved_files_read_the_same() {
    let Some(old) = common::real_file(OLD) else {
        return;
    };
    let text = std::fs::read_to_string(&old).unwrap();
    let original = Dataset::load(&old).unwrap();
    // CRLF; then as Excel's "CSV UTF-8" saves it: a byte order mark and CRLF.
    for (name, bytes) in [
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        (
            "excel",
            [
                b"\xEF\xBB\xBF".as_slice(),
                text.replace('\n', "\r\n").as_bytes(),
            ]
            .concat(),
        ),
    ] {
        let path = write(name, "military-expenditure-share-gdp.csv", &bytes);
        assert_eq!(
            Dataset::load(&path).unwrap().spending(),
            original.spending()
        );
    }
    // An error in a CRLF file names the right line.
    let line = raw_line(&old, "POL", 2020);
    let bad = text.replace("Poland,POL,2020,", "Poland,POL,2020,x");
    let path = write("crlf-bad", "bad.csv", bad.replace('\n', "\r\n").as_bytes());
    let err = Dataset::load(&path).unwrap_err();
    assert_eq!(err.position().line, Some(line));
    assert_eq!(
        err.position().column.as_deref(),
        Some("military_expenditure_share_gdp")
    );
}

#[test]
fn an_unknown_value_column_lists_the_known_names() {
    let path = write(
        "unknown",
        "x.csv",
        b"Entity,Code,Year,GDP per capita\nPoland,POL,2020,1\n",
    );
    let err = Dataset::load(&path).unwrap_err();
    assert_eq!(err.position().line, Some(1));
    assert_eq!(err.position().column.as_deref(), Some("GDP per capita"));
    assert!(matches!(err.kind(), ErrorKind::UnknownColumn { .. }));
    let message = err.to_string();
    for known in [
        "military_expenditure_share_gdp",
        "Military expenditure (% of GDP)",
        "share of government spending",
        "Military expenditure (constant 2023 US$)",
    ] {
        assert!(message.contains(known), "{message}");
    }
}

#[test]
fn a_constant_dollar_column_without_its_base_year_loads_with_the_base_year_unknown() {
    for column in [
        "Military expenditure (constant US$)",
        "military_expenditure",
    ] {
        let text = format!("Entity,Code,Year,{column}\nPoland,POL,2020,13000000000\n");
        let ds = Dataset::load(write("no-base", "x.csv", text.as_bytes())).unwrap();
        let pol = ds.record(entity("POL"), 2020).unwrap();
        // 13000000000 dollars are 13000 million, exactly.
        assert_eq!(
            pol.get(Metric::ExpenditureConstant),
            Some(Decimal::from(13_000))
        );
        // Never guessed: unknown, unless the load options state it.
        assert_eq!(pol.price_base_year(), None);
        let stated = defense_spending::LoadOptions::new()
            .price_base_year(2022)
            .from_bytes("x.csv", text.as_bytes())
            .unwrap();
        assert_eq!(stated.spending()[0].price_base_year(), Some(2022));
    }
    // Where the title says it, an option saying otherwise is an error.
    let text = "Entity,Code,Year,Military expenditure (constant 2023 US$)\nPoland,POL,2020,1\n";
    let err = defense_spending::LoadOptions::new()
        .price_base_year(2022)
        .from_bytes("x.csv", text.as_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("constant prices of 2023"), "{err}");
}

#[test]
fn a_constant_dollar_column_with_its_base_year_is_read_in_millions() {
    let text = "Entity,Code,Year,Military expenditure (constant 2023 US$),World region according to OWID\n\
                Poland,POL,2024,38012345678.5,Europe\n\
                Kosovo,OWID_KOS,2024,1.2E+8,Europe\n";
    let ds = Dataset::load(write("base", "x.csv", text.as_bytes())).unwrap();
    let pol = ds.record(entity("POL"), 2024).unwrap();
    assert_eq!(
        pol.get(Metric::ExpenditureConstant).unwrap().to_string(),
        "38012.3456785"
    );
    assert_eq!(pol.price_base_year(), Some(2023));
    let kos = ds.record(aggregate("OWID_KOS"), 2024).unwrap();
    assert_eq!(
        kos.get(Metric::ExpenditureConstant).unwrap().to_string(),
        "120"
    );
}

#[test]
fn the_government_share_column_is_read() {
    let text = "Entity,Code,Year,Military expenditure (% of government spending)\n\
                Poland,POL,2024,8.5\n";
    let ds = Dataset::load(write("gov", "x.csv", text.as_bytes())).unwrap();
    let pol = ds.record(entity("POL"), 2024).unwrap();
    assert_eq!(
        pol.get(Metric::ShareOfGovernment).unwrap().to_string(),
        "8.5"
    );
    assert_eq!(pol.share_of_gdp, None);
}

/// The newer export (`new`) with one edit, loaded; the error.
fn load_edited(
    new: &Path,
    test: &str,
    edit: impl FnOnce(String) -> String,
) -> defense_spending::Error {
    let text = std::fs::read_to_string(new).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    Dataset::load(write(test, "bad.csv", edited.as_bytes())).unwrap_err()
}

const VALUE: &str = "Military expenditure (% of GDP)";

#[test]
fn bad_values_are_errors_at_their_line_and_column() {
    let Some(new) = common::real_file(NEW) else {
        return;
    };
    let line = raw_line(&new, "POL", 2020);
    let raw = raw_cell(&new, "POL", 2020);
    let row = format!("Poland,POL,2020,{raw},Europe");

    let err = load_edited(&new, "text", |t| {
        t.replace(&row, "Poland,POL,2020,about 2,Europe")
    });
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some(VALUE));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { value, .. } if value == "about 2"));

    let err = load_edited(&new, "year", |t| {
        t.replace(&row, &format!("Poland,POL,20x0,{raw},Europe"))
    });
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("Year"));

    let err = load_edited(&new, "code", |t| {
        t.replace(&row, &format!("Poland,PLO,2020,{raw},Europe"))
    });
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("Code"));

    // An empty value is no figure: not an error, and not a zero.
    let text = std::fs::read_to_string(&new).unwrap();
    let edited = text.replace(&row, "Poland,POL,2020,,Europe");
    let ds = Dataset::load(write("empty", "empty.csv", edited.as_bytes())).unwrap();
    assert!(ds.record(entity("POL"), 2020).is_none());
    assert!(ds.record(entity("POL"), 2019).is_some());
}

#[test]
fn short_and_long_rows_are_errors_at_their_line_and_column() {
    let Some(new) = common::real_file(NEW) else {
        return;
    };
    let line = raw_line(&new, "POL", 2020);
    let raw = raw_cell(&new, "POL", 2020);
    let row = format!("Poland,POL,2020,{raw},Europe");

    let err = load_edited(&new, "short", |t| {
        t.replace(&row, &format!("Poland,POL,2020,{raw}"))
    });
    assert_eq!(err.position().line, Some(line));
    assert_eq!(
        err.position().column.as_deref(),
        Some("World region according to OWID")
    );

    let err = load_edited(&new, "long", |t| t.replace(&row, &format!("{row},extra")));
    assert_eq!(err.position().line, Some(line));
    assert_eq!(err.position().column.as_deref(), Some("6"));
}

#[test]
fn a_duplicate_entity_year_is_an_error_naming_both_lines() {
    let Some(new) = common::real_file(NEW) else {
        return;
    };
    let line = raw_line(&new, "POL", 2020);
    let raw = raw_cell(&new, "POL", 2020);
    let row = format!("Poland,POL,2020,{raw},Europe");
    let err = load_edited(&new, "duplicate", |t| format!("{t}\n{row}"));
    // Duplicates are found when the dataset is indexed, for every format alike: the error
    // names the two lines (a record, not one of its fields).
    assert_eq!(err.position().line, Some(8247));
    match err.kind() {
        ErrorKind::Duplicate { first, .. } => assert_eq!(first.line, Some(line)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_folder_of_both_files_loads_as_one_dataset() {
    let (Some(old), Some(new)) = (common::real_file(OLD), common::real_file(NEW)) else {
        return;
    };
    let dir = common::temp_dir("owid", "folder");
    for p in [&old, &new] {
        let name = p.file_name().unwrap();
        std::fs::copy(p, dir.join(name)).unwrap();
    }
    let ds = Dataset::load(&dir).unwrap();
    let pol = entity("POL");
    assert_eq!(ds.records(&pol, 2020).count(), 2);
    assert_eq!(ds.aggregates().len(), 2);
    assert_eq!(
        ds.metric_sources(),
        BTreeSet::from([
            "owid-military-expenditure-share-gdp".to_owned(),
            "owid-military-expenditure-of-gdp".to_owned()
        ])
    );
}

trait Sources {
    fn metric_sources(&self) -> BTreeSet<String>;
}

impl Sources for Dataset {
    fn metric_sources(&self) -> BTreeSet<String> {
        self.spending()
            .iter()
            .filter(|r| r.get(Metric::ShareOfGdp).is_some())
            .map(|r| r.source.to_string())
            .collect()
    }
}

/// A grapher CSV of `entities` × 125 years, each value `entity.year` (so every record
/// can be checked), with a quoted name holding a comma among them and CRLF line endings
/// in its second half: the blocks of a large file are cut both ways.
fn big_owid(entities: usize) -> String {
    let mut out = format!("Entity,Code,Year,{VALUE}\n");
    for e in 0..entities {
        let (name, code) = if e == entities / 3 {
            ("\"Korea, Republic of\"".to_owned(), "KOR".to_owned())
        } else {
            (format!("Region {e}"), format!("OWID_T{e}"))
        };
        let end = if e > entities / 2 { "\r\n" } else { "\n" };
        for year in 1900..2025 {
            out.push_str(&format!("{name},{code},{year},{e}.{year}{end}"));
        }
    }
    out
}

#[test]
fn a_large_file_split_on_every_core_gives_every_record_and_the_line_of_an_error() {
    let entities = 600; // 75,000 rows: over the size at which every core is used
    let text = big_owid(entities);
    let path = write("large", "big.csv", text.as_bytes());
    let ds = Dataset::load(&path).unwrap();
    assert_eq!(ds.spending().len(), entities * 125);
    for e in 0..entities {
        let entity = if e == entities / 3 {
            entity("KOR")
        } else {
            aggregate(&format!("OWID_T{e}"))
        };
        for year in [1900, 1961, 2024] {
            let want: Decimal = format!("{e}.{year}").parse().unwrap();
            assert_eq!(share(&ds, &entity, year), Some(want), "{e} {year}");
        }
    }
    let korea = ds.series(&entity("KOR"));
    assert_eq!(korea.count(), 125);

    // Bad values deep in the file, before and after the quoted name and in the CRLF
    // half: each error names its line (the header is line 1).
    for (e, year) in [
        (100, 1950u16),
        (entities / 3 + 1, 2000),
        (entities - 2, 1901),
    ] {
        let row = format!("Region {e},OWID_T{e},{year},{e}.{year}");
        let bad = text.replacen(&row, &format!("Region {e},OWID_T{e},{year},x"), 1);
        assert_ne!(bad, text);
        let path = write("large-bad", "big.csv", bad.as_bytes());
        let err = Dataset::load(&path).unwrap_err();
        let line = 2 + e * 125 + usize::from(year - 1900);
        assert_eq!(err.position().line, Some(line as u64), "{err}");
        assert_eq!(err.position().column.as_deref(), Some(VALUE));
    }
}
