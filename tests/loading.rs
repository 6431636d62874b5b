//! Loading the crate's own CSV files: the bundled folder, single files, and bad input that
//! must fail with a precise error (never a panic, never a shortened dataset).

use std::path::{Path, PathBuf};

use defense_spending::{Dataset, ErrorKind};

mod common;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("loading", name)
}

#[test]
fn the_embedded_files_parse() {
    let ds = Dataset::parse_bundled().expect("the bundled data parses");
    assert_eq!(ds.spending().len(), 374);
    assert_eq!(ds.members().len(), 32);
    assert_eq!(ds.sources().len(), 24);
    assert!(!ds.pledges().is_empty() && !ds.contracts().is_empty() && !ds.aid().is_empty());
}

#[test]
fn loading_the_data_folder_gives_the_bundled_dataset() {
    let loaded = Dataset::load(data_dir()).unwrap();
    assert_eq!(&loaded, Dataset::bundled());
}

#[test]
fn the_bundled_spending_file_has_every_table_of_natos_workbook() {
    // 31 Allies and 2 aggregates x 11 years, plus Iceland's 11 GDP-only rows.
    let ds = Dataset::bundled();
    assert_eq!(ds.spending().len(), 33 * 11 + 11);
    let with_share = ds
        .spending()
        .iter()
        .filter(|r| r.share_of_gdp.is_some())
        .count();
    assert_eq!(with_share, 363);
    // Table 8a has no aggregate rows (NATO's workbook shows #REF! there).
    let equipment = ds
        .spending()
        .iter()
        .filter(|r| r.get(defense_spending::Metric::EquipmentShare).is_some())
        .count();
    assert_eq!(equipment, 341);
    assert!(ds.spending().iter().all(|r| r.estimate == (r.year >= 2023)));
    assert!(ds
        .spending()
        .iter()
        .filter(|r| r
            .get(defense_spending::Metric::ExpenditureConstant)
            .is_some())
        .all(|r| r.price_base_year() == Some(2015)));
}

#[test]
fn a_single_spending_file_loads_alone_with_the_bundled_members() {
    let ds = Dataset::load(data_dir().join("spending.csv")).unwrap();
    assert_eq!(ds.spending(), Dataset::bundled().spending());
    assert_eq!(ds.members(), Dataset::bundled().members());
    assert!(ds.pledges().is_empty());
}

#[test]
fn files_are_recognised_by_content_not_name() {
    let dir = temp_dir("renamed");
    let renamed = dir.join("my-download (1).txt");
    std::fs::copy(data_dir().join("pledges.csv"), &renamed).unwrap();
    let ds = Dataset::load(&renamed).unwrap();
    assert_eq!(ds.pledges(), Dataset::bundled().pledges());
}

#[test]
fn odd_but_valid_files_load() {
    let plain = "country,year,share_of_gdp,source\nPOL,2024,4.12,s\nEST,2024,3.43,s\n";
    let expected = Dataset::from_csv_str("a.csv", plain).unwrap();
    let variants = [
        plain.replace('\n', "\r\n"),
        format!("\u{feff}{plain}"),
        plain.trim_end().to_owned(),
        "\"country\",\"year\",\"share_of_gdp\",\"source\"\n\"POL\",\"2024\",\"4.12\",\"s\"\n\"EST\",\"2024\",\"3.43\",\"s\"\n".to_owned(),
        "source,share_of_gdp,year,country\ns,4.12,2024,POL\ns,3.43,2024,EST\n".to_owned(),
    ];
    for v in variants {
        assert_eq!(
            Dataset::from_csv_str("a.csv", &v).unwrap().spending(),
            expected.spending(),
            "{v:?}"
        );
    }
    // A header alone is a valid, empty file.
    let empty = Dataset::from_csv_str("a.csv", "country,year,share_of_gdp,source\n").unwrap();
    assert!(empty.spending().is_empty());
}

/// Loads `text` as `bad.csv` and returns the error's line, column and kind.
fn fails(text: &str) -> (Option<u64>, Option<String>, ErrorKind) {
    let err = Dataset::from_csv_str("bad.csv", text).expect_err(text);
    let message = err.to_string();
    assert!(message.starts_with("bad.csv"), "{message}");
    let (pos, kind) = err.into_parts();
    (pos.line, pos.column, kind)
}

const HEADER: &str = "country,year,share_of_gdp,expenditure_current,expenditure_constant,price_base_year,estimate,source\n";

fn row(line: &str) -> String {
    format!("{HEADER}POL,2023,3.26,26476,20634,2015,true,s\n{line}\n")
}

fn invalid(line: &str, column: &str) -> String {
    let (l, c, kind) = fails(&row(line));
    assert_eq!(l, Some(3), "{line}");
    assert_eq!(c.as_deref(), Some(column), "{line}");
    match kind {
        ErrorKind::InvalidValue { reason, .. } => reason,
        other => panic!("{line}: expected an invalid value, got {other:?}"),
    }
}

#[test]
fn bad_values_are_errors_at_their_line_and_column() {
    assert!(invalid("POL,2024,abc,1,1,2015,true,s", "share_of_gdp").contains("not a decimal"));
    assert!(invalid("POL,2024,-1,1,1,2015,true,s", "share_of_gdp").contains("negative"));
    // A share of GDP can exceed 100 % (Kuwait 1991: 117.35 %, World Bank and SIPRI); a
    // share of defence spending cannot.
    assert!(Dataset::from_csv_str("k.csv", &row("KWT,1991,117.35,1,1,2015,false,s")).is_ok());
    let equipment = "country,year,equipment_share,source\nPOL,2024,100.5,s\n";
    let err = Dataset::from_csv_str("e.csv", equipment).unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("equipment_share"));
    assert!(err.to_string().contains("over 100"), "{err}");
    assert!(invalid("POL,2024,2.5%,1,1,2015,true,s", "share_of_gdp").contains("%"));
    assert!(invalid("POL,2024,\"2,5\",1,1,2015,true,s", "share_of_gdp").contains("dot"));
    assert!(invalid("POL,2024,NaN,1,1,2015,true,s", "share_of_gdp").contains("not a decimal"));
    assert!(invalid("POL,2024,1e400,1,1,2015,true,s", "share_of_gdp").contains("not a decimal"));
    assert!(invalid("POL,2024,4,-5,1,2015,true,s", "expenditure_current").contains("negative"));
    assert!(invalid("POL,twenty,4,1,1,2015,true,s", "year").contains("not a year"));
    assert!(invalid("POL,-2024,4,1,1,2015,true,s", "year").contains("not a year"));
    assert!(invalid("POL,9999,4,1,1,2015,true,s", "year").contains("out of range"));
    assert!(invalid("POL,2024,4,1,1,2015,yes,s", "estimate").contains("true or false"));
    assert!(invalid("POL,2024,4,1,1,,true,s", "price_base_year").contains("base year"));
    assert!(invalid("pol,2024,4,1,1,2015,true,s", "country").contains("neither"));
}

#[test]
fn unknown_country_codes_are_named() {
    let (line, column, kind) = fails(&row("XYZ,2024,4,1,1,2015,true,s"));
    assert_eq!((line, column.as_deref()), (Some(3), Some("country")));
    assert!(matches!(kind, ErrorKind::UnknownCountry(c) if c == "XYZ"));
}

#[test]
fn empty_required_fields_are_errors() {
    let (line, column, kind) = fails(&row(",2024,4,1,1,2015,true,s"));
    assert_eq!((line, column.as_deref()), (Some(3), Some("country")));
    assert!(matches!(kind, ErrorKind::Empty));
    let (_, column, _) = fails(&row("POL,2024,4,1,1,2015,true,"));
    assert_eq!(column.as_deref(), Some("source"));
}

#[test]
fn a_duplicate_country_year_source_names_both_lines() {
    let (line, _, kind) = fails(&row("POL,2023,3.3,1,1,2015,true,s"));
    assert_eq!(line, Some(3));
    match kind {
        ErrorKind::Duplicate { key, first } => {
            assert_eq!(key, "POL 2023 from source s");
            assert_eq!(first.line, Some(2));
        }
        other => panic!("{other:?}"),
    }
    // The same country and year from two sources (two editions) is not a duplicate.
    assert!(Dataset::from_csv_str("ok.csv", &row("POL,2023,3.9,1,1,2015,true,other")).is_ok());
}

#[test]
fn header_problems_are_errors_at_line_one() {
    let (line, _, kind) = fails("country,share_of_gdp,source\nPOL,4,s\n");
    // Without `year` the file is not recognised as a spending file at all.
    assert_eq!(line, Some(1));
    assert!(matches!(kind, ErrorKind::UnknownFormat { .. }));

    let (line, _, kind) = fails("country,year,share_of_gdp\nPOL,2024,4\n");
    assert_eq!(line, Some(1));
    assert!(matches!(kind, ErrorKind::MissingColumn(c) if c == "source"));

    let (_, column, kind) = fails("country,year,share_of_gpd,source\nPOL,2024,4,s\n");
    assert_eq!(column.as_deref(), Some("share_of_gpd"));
    assert!(matches!(kind, ErrorKind::UnknownColumn { .. }));

    let (_, _, kind) = fails("country,year,share_of_gdp,share_of_gdp,source\nPOL,2024,4,4,s\n");
    assert!(matches!(kind, ErrorKind::DuplicateColumn(_)));

    let (_, _, kind) = fails("country,year,source\nPOL,2024,s\n");
    assert!(matches!(kind, ErrorKind::MissingColumn(c) if c.starts_with("share_of_gdp")));
}

#[test]
fn malformed_csv_is_an_error_not_a_shorter_dataset() {
    let (line, _, kind) = fails(&format!("{HEADER}POL,2024,4,1,1,2015,true\n"));
    assert_eq!(line, Some(2));
    assert!(matches!(kind, ErrorKind::Csv(m) if m.contains("7 fields")));

    let (line, _, _) = fails(&format!("{HEADER}POL,2024,4,1,1,2015,true,s,extra\n"));
    assert_eq!(line, Some(2));

    let latin1 = b"country,year,share_of_gdp,source\nPOL,2024,4,s\xe9\n";
    let err = Dataset::load(write_temp("latin1.csv", latin1)).unwrap_err();
    assert_eq!(err.position().line, Some(2));
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn unknown_and_empty_files_say_what_was_expected() {
    let (_, _, kind) = fails("");
    assert!(matches!(&kind, ErrorKind::UnknownFormat { found, expected }
        if found == "an empty file" && expected.contains("spending.csv")));
    let (_, _, kind) = fails("\u{0}\u{1}binary");
    assert!(matches!(kind, ErrorKind::UnknownFormat { .. }));
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = temp_dir(name);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_folder_is_all_or_nothing_and_checks_citations() {
    let dir = temp_dir("folder");
    for f in ["sources.csv", "members.csv", "spending.csv"] {
        std::fs::copy(data_dir().join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("README.md"), "not data").unwrap();
    let ds = Dataset::load(&dir).unwrap();
    assert_eq!(ds.spending().len(), 374);

    // A row citing a source that sources.csv does not define.
    std::fs::write(
        dir.join("more.csv"),
        "country,year,share_of_gdp,source\nPOL,2025,4.48,press-2025\n",
    )
    .unwrap();
    let err = Dataset::load(&dir).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownSource(s) if s == "press-2025"));
    assert!(err.position().file.as_ref().unwrap().ends_with("more.csv"));
    assert_eq!(err.position().line, Some(2));

    // A bad file anywhere fails the whole folder.
    std::fs::write(
        dir.join("more.csv"),
        "country,year,share_of_gdp,source\nPOL,2025,x,nato-def-exp-2024\n",
    )
    .unwrap();
    assert!(Dataset::load(&dir).is_err());

    // An unrecognised CSV in the folder is an error too, not skipped.
    std::fs::write(dir.join("more.csv"), "a,b\n1,2\n").unwrap();
    let err = Dataset::load(&dir).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownFormat { .. }));

    // Duplicates across files name both files.
    std::fs::copy(data_dir().join("spending.csv"), dir.join("more.csv")).unwrap();
    let err = Dataset::load(&dir).unwrap_err();
    match err.kind() {
        ErrorKind::Duplicate { first, .. } => {
            assert!(
                first.file.as_ref().unwrap().ends_with("more.csv")
                    || first.file.as_ref().unwrap().ends_with("spending.csv")
            );
            assert_ne!(first.file, err.position().file);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_paths_and_empty_folders_are_errors() {
    let err = Dataset::load("/no/such/folder").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)));
    let dir = temp_dir("empty");
    assert!(matches!(
        Dataset::load(&dir).unwrap_err().kind(),
        ErrorKind::NoData
    ));
}

#[test]
fn other_tables_check_their_values() {
    let pledge_header = "id,subject,kind,name,metric,bound,low,high,timing,year,adopted,adopted_on,made_by,statement,source,note\n";
    let bad_range = format!(
        "{pledge_header}x,RUS,stated_estimate,n,share_of_gdp,range,9,7,in,2024,2024,,m,s,src,\n"
    );
    let err = Dataset::from_csv_str("p.csv", &bad_range).unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("high"));

    let bad_date = format!("{pledge_header}x,NATO,guideline,n,share_of_gdp,at_least,2,,by,2024,2014,2014-02-30,m,s,src,\n");
    let err = Dataset::from_csv_str("p.csv", &bad_date).unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("adopted_on"));

    let contract = "id,signed,buyer,on_behalf_of,supplier,system,quantity,route,value,currency,qualifier,source,note\n";
    let bad_currency =
        format!("{contract}c,2024-07-09,NSPA,DEU;ITA,RTX,Stinger,940,FMS,700,XXX,almost,s,\n");
    let err = Dataset::from_csv_str("c.csv", &bad_currency).unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("currency"));
    let bad_country =
        format!("{contract}c,2024-07-09,NSPA,DEU;ITX,RTX,Stinger,940,FMS,700,USD,almost,s,\n");
    let err = Dataset::from_csv_str("c.csv", &bad_country).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownCountry(c) if c == "ITX"));

    let members = "code,name,joined,source\nSWE,Sweden,2024-13-07,s\n";
    let err = Dataset::from_csv_str("m.csv", members).unwrap_err();
    assert_eq!(
        (err.position().line, err.position().column.as_deref()),
        (Some(2), Some("joined"))
    );
}

#[test]
fn error_lines_count_crlf_and_blank_lines_as_an_editor_does() {
    let crlf = "country,year,share_of_gdp,source\r\nPOL,2024,4,s\r\nEST,2024,x,s\r\n";
    let err = Dataset::from_csv_str("crlf.csv", crlf).unwrap_err();
    assert_eq!(err.position().line, Some(3), "{err}");
    let blank = "country,year,share_of_gdp,source\n\nPOL,2024,4,s\n\nEST,2024,x,s\n";
    let err = Dataset::from_csv_str("blank.csv", blank).unwrap_err();
    assert_eq!(err.position().line, Some(5), "{err}");
    let short = "country,year,share_of_gdp,source\r\nPOL,2024,4,s\r\n\r\nEST,2024\r\n";
    let err = Dataset::from_csv_str("short.csv", short).unwrap_err();
    assert_eq!(err.position().line, Some(4), "{err}");
    // A quoted field spanning lines: the next record's line is still right.
    let header = "id,subject,kind,name,metric,bound,low,high,timing,year,adopted,adopted_on,made_by,statement,source,note\n";
    let multi = format!(
        "{header}a,POL,national_pledge,n,share_of_gdp,at_least,4,,in,2024,2024,,m,\"two\nlines\",s,\n\
         b,POL,national_pledge,n,share_of_gdp,at_least,x,,in,2024,2024,,m,s,s,\n"
    );
    let err = Dataset::from_csv_str("multi.csv", &multi).unwrap_err();
    assert_eq!(err.position().column.as_deref(), Some("low"));
    assert_eq!(err.position().line, Some(4), "{err}");
}

/// A spending file of `rows` rows (countries × years 1900..), in the crate's format.
fn big_spending(rows: usize) -> String {
    let codes: Vec<&str> = rust_iso3166::ALL.iter().map(|c| c.alpha3).collect();
    let mut out = String::from("country,year,share_of_gdp,source\n");
    for i in 0..rows {
        let code = codes[i / 300 % codes.len()];
        let year = 1800 + (i % 300);
        let source = i / (300 * codes.len());
        out.push_str(&format!(
            "{code},{year},{}.{:02},s{source}\n",
            i % 7,
            i % 100
        ));
    }
    out
}

#[test]
fn large_files_read_on_every_core_give_the_same_records_and_error_lines() {
    // Over 50,000 rows blocks of the file are split on every core (load::pipeline).
    let text = big_spending(80_000);
    let ds = Dataset::from_csv_str("big.csv", &text).unwrap();
    assert_eq!(ds.spending().len(), 80_000);
    let r = &ds.spending()[65_432];
    let line = text.lines().nth(65_433).unwrap();
    assert_eq!(
        format!(
            "{},{},{},{}",
            r.country,
            r.year,
            r.share_of_gdp.unwrap(),
            r.source
        ),
        line
    );
    // A bad value deep in the file: the error names its line (1-based, header is line 1).
    let mut lines: Vec<&str> = text.lines().collect();
    lines[70_001] = "POL,2024,x,s9";
    let bad = lines.join("\n");
    let err = Dataset::from_csv_str("big.csv", &bad).unwrap_err();
    assert_eq!(err.position().line, Some(70_002), "{err}");
    // And a duplicate deep in the file names both lines.
    let dup_of = lines[10].to_owned();
    lines[70_001] = &dup_of;
    let err = Dataset::from_csv_str("big.csv", &lines.join("\n")).unwrap_err();
    assert_eq!(err.position().line, Some(70_002), "{err}");
    match err.kind() {
        ErrorKind::Duplicate { first, .. } => assert_eq!(first.line, Some(11)),
        other => panic!("{other:?}"),
    }
}
