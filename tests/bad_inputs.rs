//! The bad-input catalogue: mutations of the crate's real files (its `data/*.csv`, the
//! publishers' World Bank, Our World in Data, wide-table and NATO files, and workbooks in
//! NATO's and SIPRI's layouts) and the inputs kept in `tests/bad_inputs/` (files that are
//! awkward to make in code, and the inputs fuzzing found), each with the error kind and
//! the position it must give: the line and column, or the workbook's `sheet!cell`. Odd but
//! valid files must load, with every row.
//!
//! The publishers' files are read from the shared fixtures folder (`tests/common/fixtures.rs`)
//! and mutated at run time, never committed; on a clone without that folder their cases
//! are left out, with a line saying so.
//!
//! Every case is loaded twice, from a file with [`Dataset::load`] and from memory with
//! [`Dataset::from_bytes`], and both must agree.

use std::path::{Path, PathBuf};

use common::SIPRI_SHEETS;
use defense_spending::load::limits;
use defense_spending::{Dataset, ErrorKind, LoadOptions, Metric};

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

fn text(rel: &str) -> String {
    String::from_utf8(read(rel)).unwrap()
}

/// True if every real file of `rels` is in the fixtures folder; else a line says which
/// is missing (under CI: a failure naming the folder), and its cases are left out.
fn have(rels: &[&str]) -> bool {
    rels.iter().all(|rel| common::real_file(rel).is_some())
}

/// The real file `rel`'s bytes (after [`have`]).
fn real_read(rel: &str) -> Vec<u8> {
    std::fs::read(common::fixtures_dir().join(rel)).unwrap()
}

fn real_text(rel: &str) -> String {
    String::from_utf8(real_read(rel)).unwrap()
}

const SPENDING: &str = "data/spending.csv";
const MEMBERS: &str = "data/members.csv";
// The publishers' real files, inside the fixtures folder (never committed).
const WB: &str = "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
const WB_META: &str = "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv";
const OWID: &str = "owid/military-spending-as-a-share-of-gdp-sipri.csv";
const NATO: &str = "nato/240617-def-exp-2024-TABLES-en.xlsx";

/// The byte ranges of the fields of one CSV line (quotes included), quote-aware.
fn field_ranges(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out
}

/// `text` with field `k` (0-based) of 1-based line `n` replaced by `raw` (written as is).
fn set_field(text: &str, n: usize, k: usize, raw: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let line = &lines[n - 1];
    let (a, b) = field_ranges(line)[k];
    lines[n - 1] = format!("{}{raw}{}", &line[..a], &line[b..]);
    lines.join("\n")
}

/// `text` with 1-based line `n` replaced by `f` of it.
fn map_line(text: &str, n: usize, f: impl FnOnce(&str) -> String) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    lines[n - 1] = f(&lines[n - 1]);
    lines.join("\n")
}

/// The 1-based line of the first line of `text` that starts with `prefix`.
fn line_starting(text: &str, prefix: &str) -> usize {
    text.split('\n')
        .position(|l| l.starts_with(prefix))
        .unwrap()
        + 1
}

/// Deterministic noise.
fn garbage(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

/// What a case must give.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Loads, with this many spending records (and members, for a members file).
    Loads { spending: usize },
    /// Loads, with the members of the base file.
    LoadsMembers { members: usize },
    /// Fails with an error of this kind at this position.
    Fails {
        kind: &'static str,
        line: Option<u64>,
        column: Option<&'static str>,
        cell: Option<&'static str>,
    },
}

fn at(kind: &'static str, line: u64, column: &'static str) -> Expect {
    Expect::Fails {
        kind,
        line: Some(line),
        column: Some(column),
        cell: None,
    }
}

fn at_line(kind: &'static str, line: u64) -> Expect {
    Expect::Fails {
        kind,
        line: Some(line),
        column: None,
        cell: None,
    }
}

fn at_cell(kind: &'static str, cell: &'static str) -> Expect {
    Expect::Fails {
        kind,
        line: None,
        column: None,
        cell: Some(cell),
    }
}

fn whole_file(kind: &'static str) -> Expect {
    Expect::Fails {
        kind,
        line: None,
        column: None,
        cell: None,
    }
}

struct Case {
    name: String,
    /// The file name it is loaded under.
    file: String,
    bytes: Vec<u8>,
    expect: Expect,
    /// What a wide table's cells are, stated in the load options.
    metric: Option<Metric>,
}

fn case(name: &str, file: &str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name: name.to_owned(),
        file: file.to_owned(),
        bytes: bytes.into(),
        expect,
        metric: None,
    }
}

/// A case loaded with a wide table's metric stated.
fn wide_case(name: &str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        metric: Some(Metric::ShareOfGdp),
        ..case(name, "nato_defense_spending_clean.csv", bytes, expect)
    }
}

fn kind_name(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io(_) => "Io",
        ErrorKind::Csv(_) => "Csv",
        ErrorKind::UnknownFormat { .. } => "UnknownFormat",
        ErrorKind::MissingColumn(_) => "MissingColumn",
        ErrorKind::UnknownColumn { .. } => "UnknownColumn",
        ErrorKind::DuplicateColumn(_) => "DuplicateColumn",
        ErrorKind::Empty => "Empty",
        ErrorKind::InvalidValue { .. } => "InvalidValue",
        ErrorKind::UnknownCountry(_) => "UnknownCountry",
        ErrorKind::Duplicate { .. } => "Duplicate",
        ErrorKind::UnknownSource(_) => "UnknownSource",
        ErrorKind::Workbook(_) => "Workbook",
        ErrorKind::MissingTable(_) => "MissingTable",
        ErrorKind::UnknownName { .. } => "UnknownName",
        ErrorKind::FeatureDisabled { .. } => "FeatureDisabled",
        ErrorKind::TooLarge { .. } => "TooLarge",
        ErrorKind::NoData => "NoData",
        ErrorKind::Archive(_) => "Archive",
        ErrorKind::OptionNeeded(_) => "OptionNeeded",
        _ => "other",
    }
}

/// What loading gave, in the terms of [`Expect`].
fn outcome(result: Result<Dataset, defense_spending::Error>, expect: &Expect) -> Expect {
    match result {
        Ok(ds) => match expect {
            Expect::LoadsMembers { .. } => Expect::LoadsMembers {
                members: ds.members().len(),
            },
            _ => Expect::Loads {
                spending: ds.spending().len(),
            },
        },
        Err(e) => {
            let p = e.position();
            // The column and cell are compared as 'static strings: leak the few found.
            let leak = |s: &Option<String>| s.clone().map(|s| &*Box::leak(s.into_boxed_str()));
            Expect::Fails {
                kind: kind_name(e.kind()),
                line: p.line,
                column: leak(&p.column),
                cell: p.cell.as_ref().map(|c| {
                    // Positions are `sheet!cell`, or the sheet alone.
                    &*Box::leak(c.clone().into_boxed_str())
                }),
            }
        }
    }
}

fn native_cases() -> Vec<Case> {
    let s = text(SPENDING);
    let n = s.lines().count() - 1; // records
    let f = "spending.csv";
    // Line 2 is ALB 2014. Fields: country 0, year 1, share_of_gdp 2, expenditure_current 3,
    // expenditure_constant 4, price_base_year 5, gdp_current 6, gdp_constant 7,
    // equipment_share 8, real_change 9, estimate 10, source 11.
    let share = |v: &str| set_field(&s, 2, 2, v);
    let invalid_share =
        |name: &str, v: &str| case(name, f, share(v), at("InvalidValue", 2, "share_of_gdp"));
    let mut cases = vec![
        invalid_share("share is text", "abc"),
        invalid_share("share is negative", "-1.5"),
        invalid_share("share is NaN", "NaN"),
        invalid_share("share is inf", "inf"),
        invalid_share("share is 1e400", "1e400"),
        invalid_share("share has 60 digits", &"1".repeat(60)),
        invalid_share("share has a decimal comma (quoted)", "\"2,5\""),
        invalid_share("share has a percent sign", "2.5%"),
        invalid_share("share has a NUL byte", "1.3\u{0}4"),
        case(
            "share has a decimal comma (unquoted: one field too many)",
            f,
            share("2,5"),
            at_line("Csv", 2),
        ),
        case(
            "equipment share over 100",
            f,
            set_field(&s, 3, 8, "100.5"),
            at("InvalidValue", 3, "equipment_share"),
        ),
        case(
            "unknown country code",
            f,
            set_field(&s, 4, 0, "PLO"),
            at("UnknownCountry", 4, "country"),
        ),
        case(
            "empty country code",
            f,
            set_field(&s, 4, 0, ""),
            at("Empty", 4, "country"),
        ),
        case(
            "lower-case country code",
            f,
            set_field(&s, 4, 0, "alb"),
            at("InvalidValue", 4, "country"),
        ),
        case(
            "year is text",
            f,
            set_field(&s, 5, 1, "twenty"),
            at("InvalidValue", 5, "year"),
        ),
        case(
            "year is negative",
            f,
            set_field(&s, 5, 1, "-2014"),
            at("InvalidValue", 5, "year"),
        ),
        case(
            "year is absurd",
            f,
            set_field(&s, 5, 1, "99999"),
            at("InvalidValue", 5, "year"),
        ),
        case(
            "year before 1800",
            f,
            set_field(&s, 5, 1, "1066"),
            at("InvalidValue", 5, "year"),
        ),
        case(
            "duplicate row",
            f,
            format!("{s}{}\n", s.lines().nth(1).unwrap()),
            at_line("Duplicate", n as u64 + 2),
        ),
        case(
            "short row",
            f,
            map_line(&s, 3, |l| l[..l.rfind(',').unwrap()].to_owned()),
            at_line("Csv", 3),
        ),
        case(
            "long row",
            f,
            map_line(&s, 4, |l| format!("{l},extra")),
            at_line("Csv", 4),
        ),
        case(
            "unbalanced quote swallows the rest of the file",
            f,
            set_field(&s, 5, 2, "\"1.5"),
            at_line("Csv", 5),
        ),
        case(
            "a misspelt key column: the file is not recognised",
            f,
            map_line(&s, 1, |l| l.replace(",year,", ",yr,")),
            at_line("UnknownFormat", 1),
        ),
        case(
            "missing required column (dropped from every line)",
            f,
            s.lines()
                .map(|l| format!("{}\n", &l[..l.rfind(',').unwrap()]))
                .collect::<String>(),
            at_line("MissingColumn", 1),
        ),
        case(
            "a misspelt optional column",
            f,
            map_line(&s, 1, |l| l.replace("gdp_current", "gdp_curent")),
            at("UnknownColumn", 1, "gdp_curent"),
        ),
        case(
            "duplicate column",
            f,
            map_line(&s, 1, |l| l.replace("gdp_current", "share_of_gdp")),
            at("DuplicateColumn", 1, "share_of_gdp"),
        ),
        case(
            "constant-price figure without its base year",
            f,
            set_field(&s, 6, 5, ""),
            at("InvalidValue", 6, "price_base_year"),
        ),
        case(
            "estimate is neither true nor false",
            f,
            set_field(&s, 6, 10, "yes"),
            at("InvalidValue", 6, "estimate"),
        ),
        case(
            "header only (valid, empty)",
            f,
            format!("{}\n", s.lines().next().unwrap()),
            Expect::Loads { spending: 0 },
        ),
        case("empty file", f, "", at_line("UnknownFormat", 1)),
        case(
            "truncated mid-row",
            f,
            &s[..s.find("ALB,2020").unwrap() + 20],
            at_line("Csv", 8),
        ),
        case(
            "a 30 MB field",
            f,
            share(&"1".repeat(30 << 20)),
            at_line("TooLarge", 2),
        ),
        case(
            "a 200,000-column header",
            f,
            map_line(&s, 1, |l| format!("{l}{}", ",x".repeat(200_000))),
            at_line("TooLarge", 1),
        ),
        case(
            "a 200,000-field row",
            f,
            map_line(&s, 3, |l| format!("{l}{}", ",".repeat(200_000))),
            at_line("TooLarge", 3),
        ),
        case(
            "UTF-16 text",
            f,
            std::iter::once(0xFEFFu16)
                .chain(s.encode_utf16())
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            at_line("UnknownFormat", 1),
        ),
        case(
            "binary garbage",
            f,
            garbage(4096, 7),
            at_line("UnknownFormat", 1),
        ),
        case(
            "CRLF line endings",
            f,
            s.replace('\n', "\r\n"),
            Expect::Loads { spending: n },
        ),
        case(
            "CRLF and an error: the line is right",
            f,
            set_field(&s, 9, 2, "x").replace('\n', "\r\n"),
            at("InvalidValue", 9, "share_of_gdp"),
        ),
        case(
            "byte order mark",
            f,
            format!("\u{feff}{s}"),
            Expect::Loads { spending: n },
        ),
        case(
            "no final newline",
            f,
            s.trim_end_matches('\n'),
            Expect::Loads { spending: n },
        ),
        case(
            "every field quoted",
            f,
            s.lines()
                .map(|l| {
                    let q: Vec<String> = l.split(',').map(|x| format!("\"{x}\"")).collect();
                    q.join(",") + "\n"
                })
                .collect::<String>(),
            Expect::Loads { spending: n },
        ),
        case(
            "blank lines between rows",
            f,
            s.replacen("\nALB,2015", "\n\n\nALB,2015", 1),
            Expect::Loads { spending: n },
        ),
    ];
    // A members file in Latin-1: "Türkiye" with the byte 0xFC.
    let m = text(MEMBERS);
    let tur = line_starting(&m, "TUR");
    let mut latin1 = m.replace("Türkiye", "T?rkiye").into_bytes();
    let q = latin1.iter().position(|&b| b == b'?').unwrap();
    latin1[q] = 0xFC;
    cases.push(case(
        "Latin-1 text",
        "members.csv",
        latin1,
        at("Csv", tur as u64, "name"),
    ));
    // A line break inside a quoted note (sources.csv: id, publisher, title, url,
    // published, note) is counted: the error two records later is on line 5.
    let src = text("data/sources.csv");
    cases.push(case(
        "a line break inside a quoted value is counted",
        "sources.csv",
        set_field(&set_field(&src, 4, 4, "yesterday"), 2, 5, "\"a\nb\""),
        at("InvalidValue", 5, "published"),
    ));
    cases.push(case(
        "members file in CRLF with a BOM",
        "members.csv",
        format!("\u{feff}{}", m.replace('\n', "\r\n")),
        Expect::LoadsMembers {
            members: m.lines().count() - 1,
        },
    ));
    cases
}

fn worldbank_cases() -> Vec<Case> {
    if !have(&[WB]) {
        return Vec::new();
    }
    let s = real_text(WB);
    let f = "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
    let full = Dataset::load(common::fixtures_dir().join(WB))
        .unwrap()
        .spending()
        .len();
    let pol = line_starting(&s, "\"Poland\"") as u64;
    let y2022 = 4 + (2022 - 1960);
    let pol_2022 = |v: &str| set_field(&s, pol as usize, y2022, v);
    vec![
        case(
            "WB: value is text",
            f,
            pol_2022("\"abc\""),
            at("InvalidValue", pol, "2022"),
        ),
        case(
            "WB: value is negative",
            f,
            pol_2022("\"-1\""),
            at("InvalidValue", pol, "2022"),
        ),
        case(
            "WB: value is 1e400",
            f,
            pol_2022("\"1e400\""),
            at("InvalidValue", pol, "2022"),
        ),
        case(
            "WB: value is NaN",
            f,
            pol_2022("NaN"),
            at("InvalidValue", pol, "2022"),
        ),
        case(
            "WB: duplicate country row",
            f,
            format!("{s}{}\n", s.lines().nth(pol as usize - 1).unwrap()),
            at("Duplicate", s.lines().count() as u64 + 1, "Country Code"),
        ),
        case(
            "WB: empty country code",
            f,
            set_field(&s, pol as usize, 1, "\"\""),
            at("Empty", pol, "Country Code"),
        ),
        case(
            "WB: a year column that is not a year",
            f,
            set_field(&s, 5, 10, "\"19x6\""),
            at("InvalidValue", 5, "19x6"),
        ),
        case(
            "WB: no header line",
            f,
            map_line(&s, 5, |_| String::new()),
            at("InvalidValue", 6, "1"),
        ),
        case(
            "WB: short row",
            f,
            map_line(&s, pol as usize, |l| l[..field_ranges(l)[30].0].to_owned()),
            at("Csv", pol, "1987"),
        ),
        case(
            "WB: a value after the last year",
            f,
            map_line(&s, pol as usize, |l| format!("{l}\"7\",")),
            at("Csv", pol, "68"),
        ),
        case(
            "WB: truncated mid-row",
            f,
            &s[..s.find("\"Poland\"").unwrap() + 200],
            at("Csv", pol, "1984"),
        ),
        case(
            "WB: a 30 MB field",
            f,
            pol_2022(&"1".repeat(30 << 20)),
            at_line("TooLarge", pol),
        ),
        case(
            "WB: CRLF, no final newline",
            f,
            s.trim_end().replace('\n', "\r\n"),
            Expect::Loads { spending: full },
        ),
        case(
            "WB: a 200,000-column header",
            f,
            map_line(&s, 5, |l| format!("{l}{}", ",\"x\"".repeat(200_000))),
            at_line("TooLarge", 5),
        ),
        case(
            "WB: metadata lines and header only (valid, empty)",
            f,
            s.lines()
                .take(5)
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
            Expect::Loads { spending: 0 },
        ),
        case(
            "WB: unknown indicator",
            f,
            s.replace("MS.MIL.XPND.GD.ZS", "NY.GDP.MKTP.CD"),
            at("InvalidValue", 6, "Indicator Code"),
        ),
    ]
}

fn worldbank_metadata_cases() -> Vec<Case> {
    if !have(&[WB_META]) {
        return Vec::new();
    }
    let s = real_text(WB_META);
    let f = "Metadata_Country.csv";
    vec![
        case(
            "WB metadata: duplicate code",
            f,
            format!("{s}{}\n", s.lines().nth(1).unwrap()),
            at("Duplicate", s.lines().count() as u64 + 1, "Country Code"),
        ),
        case(
            "WB metadata: a misspelt key column: the file is not recognised",
            f,
            map_line(&s, 1, |l| l.replace("\"Region\"", "\"Area\"")),
            at_line("UnknownFormat", 1),
        ),
        case(
            "WB metadata: missing TableName column",
            f,
            map_line(&s, 1, |l| l.replace("\"TableName\",", "")),
            at_line("MissingColumn", 1),
        ),
    ]
}

fn owid_cases() -> Vec<Case> {
    if !have(&[OWID]) {
        return Vec::new();
    }
    let s = real_text(OWID);
    let f = "military-spending-as-a-share-of-gdp-sipri.csv";
    let n = s.lines().count() - 1;
    let value = "Military expenditure (% of GDP)";
    let pol = line_starting(&s, "Poland,POL,1980") as u64;
    let set = |k: usize, v: &str| set_field(&s, pol as usize, k, v);
    vec![
        case(
            "OWID: value is text",
            f,
            set(3, "n/a"),
            at("InvalidValue", pol, value),
        ),
        case(
            "OWID: value is inf",
            f,
            set(3, "inf"),
            at("InvalidValue", pol, value),
        ),
        case(
            "OWID: value is negative",
            f,
            set(3, "-0.5"),
            at("InvalidValue", pol, value),
        ),
        case(
            "OWID: value is empty: no figure, never an error nor a zero",
            f,
            set(3, ""),
            Expect::Loads { spending: n - 1 },
        ),
        case(
            "OWID: value has 60 digits",
            f,
            set(3, &"9".repeat(60)),
            at("InvalidValue", pol, value),
        ),
        case(
            "OWID: year is absurd",
            f,
            set(2, "20245"),
            at("InvalidValue", pol, "Year"),
        ),
        case(
            "OWID: unknown code",
            f,
            set(1, "XXX"),
            at("InvalidValue", pol, "Code"),
        ),
        case(
            "OWID: duplicate row",
            f,
            format!(
                "{}\n{}\n",
                s.trim_end(),
                s.lines().nth(pol as usize - 1).unwrap()
            ),
            // Duplicates are found when the dataset is indexed: a whole record, no column.
            at_line("Duplicate", n as u64 + 2),
        ),
        case(
            "OWID: unknown value column",
            f,
            map_line(&s, 1, |l| {
                l.replace(value, "Military expenditure (% of GNP)")
            }),
            at("UnknownColumn", 1, "Military expenditure (% of GNP)"),
        ),
        case(
            "OWID: short row",
            f,
            map_line(&s, pol as usize, |l| l[..l.rfind(',').unwrap()].to_owned()),
            at("Csv", pol, "World region according to OWID"),
        ),
        case(
            "OWID: a 30 MB field",
            f,
            set(0, &"P".repeat(30 << 20)),
            at_line("TooLarge", pol),
        ),
        case(
            "OWID: a 200,000-column header",
            f,
            map_line(&s, 1, |l| format!("{l}{}", ",x".repeat(200_000))),
            at_line("TooLarge", 1),
        ),
        case(
            "OWID: header only (valid, empty)",
            f,
            format!("{}\n", s.lines().next().unwrap()),
            Expect::Loads { spending: 0 },
        ),
        case(
            "OWID: CRLF, BOM, no final newline",
            f,
            format!("\u{feff}{}", s.trim_end().replace('\n', "\r\n")),
            Expect::Loads { spending: n },
        ),
        // Re-saved in Latin-1 (Windows-1252): "Côte d'Ivoire" with the byte 0xF4, on the
        // line of the first row of Cote d'Ivoire.
        case(
            "OWID: Latin-1 text",
            f,
            {
                let mut bytes = s
                    .replacen("Cote d'Ivoire,", "C?te d'Ivoire,", 1)
                    .into_bytes();
                let q = bytes.iter().position(|&b| b == b'?').unwrap();
                bytes[q] = 0xF4;
                bytes
            },
            at("Csv", line_starting(&s, "Cote d'Ivoire,") as u64, "Entity"),
        ),
    ]
}

/// A workbook in SIPRI's layout (see `tests/common`), Poland on row 7.
fn sipri_workbook(
    sheets: &[&str],
    poland_2023: &str,
    extra: impl Fn(&mut rust_xlsxwriter::Worksheet),
) -> Vec<u8> {
    common::sipri_workbook(sheets, "Poland", None, poland_2023, extra)
}

fn workbook_cases() -> Vec<Case> {
    let f = "workbook.xlsx";
    let mut zip_garbage = b"PK\x03\x04".to_vec();
    zip_garbage.extend(garbage(4096, 11));
    let mut cases = vec![
        case(
            "xlsx: a small workbook in SIPRI's layout loads",
            f,
            sipri_workbook(SIPRI_SHEETS, "0.0412", |_| {}),
            Expect::Loads { spending: 1 },
        ),
        case(
            "xlsx: missing sheet",
            f,
            sipri_workbook(&SIPRI_SHEETS[..4], "0.0412", |_| {}),
            whole_file("MissingTable"),
        ),
        case(
            "xlsx: text where a number belongs",
            f,
            sipri_workbook(SIPRI_SHEETS, "4,1", |_| {}),
            at_cell("InvalidValue", "Share of GDP!D7"),
        ),
        case(
            "xlsx: a negative share",
            f,
            sipri_workbook(SIPRI_SHEETS, "-0.01", |_| {}),
            at_cell("InvalidValue", "Share of GDP!D7"),
        ),
        case(
            "xlsx: a sheet whose used range spans the whole grid",
            f,
            sipri_workbook(SIPRI_SHEETS, "0.0412", |ws| {
                ws.write(1_048_575, 16_383, "x").unwrap();
            }),
            at_cell("TooLarge", "Share of GDP"),
        ),
        case(
            "xlsx: a sheet of 200,000 rows",
            f,
            sipri_workbook(SIPRI_SHEETS, "0.0412", |ws| {
                ws.write(200_000, 0, "x").unwrap();
            }),
            at_cell("TooLarge", "Share of GDP"),
        ),
        case(
            "xlsx: a zip that is no workbook",
            f,
            zip_garbage,
            whole_file("Workbook"),
        ),
    ];
    if have(&[NATO]) {
        let nato = real_read(NATO);
        cases.push(case(
            "xlsx: a truncated workbook",
            f,
            nato[..nato.len() / 2].to_vec(),
            whole_file("Workbook"),
        ));
    }
    cases
}

/// The files kept in `tests/bad_inputs/`: each named `<kind>@<position>--<what>.<ext>`
/// where position is `L<line>`, `L<line>C<column>` (column by name), or `file` for a whole
/// file; or `ok--<what>.<ext>` for a file that must load.
const WIDE: &str = "wide/nato_defense_spending_clean.csv";

fn wide_cases() -> Vec<Case> {
    if !have(&[WIDE]) {
        return Vec::new();
    }
    let s = real_text(WIDE);
    let lines: Vec<&str> = s.split("\r\n").collect();
    let n = 31 * 11;
    let line_of =
        |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap() as u64 + 1;
    let pol = line_of("Poland,");
    let european = |t: &str| {
        t.split("\r\n")
            .map(|l| {
                let mut f = l.split(',');
                let name = f.next().unwrap().to_owned();
                std::iter::once(name)
                    .chain(f.map(|v| v.replace('.', ",")))
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    vec![
        wide_case(
            "wide: as published (valid)",
            s.clone(),
            Expect::Loads { spending: n },
        ),
        case(
            "wide: no metric stated",
            "nato_defense_spending_clean.csv",
            s.clone(),
            whole_file("OptionNeeded"),
        ),
        wide_case(
            "wide: a year twice in the header",
            s.replacen(",2015,", ",2014,", 1),
            at("InvalidValue", 1, "2014"),
        ),
        wide_case(
            "wide: a country twice",
            format!("{s}\r\n{}", lines[pol as usize - 1]),
            at("Duplicate", lines.len() as u64 + 1, "Country"),
        ),
        wide_case(
            "wide: one country under two names (Turkey and Türkiye)",
            format!("{s}\r\nTurkey,1,2,3,4,5,6,7,8,9,10,11"),
            at("Duplicate", lines.len() as u64 + 1, "Country"),
        ),
        wide_case(
            "wide: an unknown name with figures",
            s.replace("Poland,", "Polska,"),
            at("UnknownName", pol, "Country"),
        ),
        wide_case(
            "wide: an unknown name without figures is a heading (valid)",
            format!(
                "{}\r\nEurope{}\r\n{}",
                lines[0],
                ",".repeat(11),
                lines[1..].join("\r\n")
            ),
            Expect::Loads { spending: n },
        ),
        wide_case(
            "wide: text in a cell",
            s.replacen("Poland,", "Poland,n/a", 1),
            at("InvalidValue", pol, "2014"),
        ),
        wide_case(
            "wide: a negative share",
            s.replacen("Poland,", "Poland,-", 1),
            at("InvalidValue", pol, "2014"),
        ),
        wide_case(
            "wide: a figure in a row with no name",
            s.replacen("Poland,", ",", 1),
            at("InvalidValue", pol, "2014"),
        ),
        wide_case(
            "wide: a value after the last year",
            format!("{s},7"),
            at("Csv", lines.len() as u64, "13"),
        ),
        wide_case(
            "wide: header only (valid, empty)",
            lines[0].to_owned(),
            Expect::Loads { spending: 0 },
        ),
        wide_case(
            "wide: re-saved with ';' and decimal commas (valid)",
            european(&s),
            Expect::Loads { spending: n },
        ),
        wide_case(
            "wide: a ';' file with a stray ','",
            european(&s).replacen("Poland;1,", "Poland;1,,", 1),
            at("InvalidValue", pol, "2014"),
        ),
        wide_case(
            "wide: a ';' file with a thousands separator",
            european(&s).replacen("Poland;1,", "Poland;1.234;1,", 1),
            at("InvalidValue", pol, "2"),
        ),
    ]
}

/// A zip archive of `files`, deflated.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn archive_cases() -> Vec<Case> {
    if !have(&[WB, WB_META]) {
        return Vec::new();
    }
    let wb = real_read(WB);
    let meta = real_read(WB_META);
    let f = "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip";
    let download = zip_of(&[("API.csv", &wb), ("Metadata_Country.csv", &meta)]);
    // A zip bomb: 8 MiB of zeros deflate to about 8 KiB (a thousand times smaller).
    let bomb = zip_of(&[("API.csv", &wb), ("zeros.csv", &vec![0u8; 8 << 20])]);
    // An archive declaring more than it holds: one stored part, its sizes forged to
    // 600 MiB in its local header and central directory.
    let forged = {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("API.csv", stored).unwrap();
        w.write_all(&wb).unwrap();
        let mut bytes = w.finish().unwrap().into_inner();
        let size = (wb.len() as u32).to_le_bytes();
        let forged = (600u32 << 20).to_le_bytes();
        // The uncompressed size follows the compressed size in both headers.
        let pattern = [size, size].concat();
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(8).position(|w| w == pattern.as_slice()) {
            bytes[at + i + 4..at + i + 8].copy_from_slice(&forged);
            at += i + 8;
        }
        bytes
    };
    let many: Vec<(String, Vec<u8>)> = (0..=limits::MAX_ARCHIVE_ENTRIES)
        .map(|i| (format!("f{i}.txt"), Vec::new()))
        .collect();
    let many: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    vec![
        case(
            "zip: the World Bank's download (valid)",
            f,
            download.clone(),
            Expect::Loads {
                spending: usize::MAX,
            },
        ),
        case("zip: a zip bomb", f, bomb, whole_file("TooLarge")),
        case(
            "zip: sizes forged past the limit",
            f,
            forged,
            whole_file("TooLarge"),
        ),
        case(
            "zip: more parts than the limit",
            f,
            zip_of(&many),
            whole_file("TooLarge"),
        ),
        case(
            "zip: a zip inside the zip",
            f,
            zip_of(&[("inner.zip", &download)]),
            whole_file("Archive"),
        ),
        case(
            "zip: nothing readable inside",
            f,
            zip_of(&[("README.txt", b"hello"), ("data.pdf", b"%PDF")]),
            whole_file("Archive"),
        ),
        case(
            "zip: empty",
            f,
            b"PK\x05\x06"
                .iter()
                .copied()
                .chain([0u8; 18])
                .collect::<Vec<u8>>(),
            whole_file("Archive"),
        ),
        case(
            "zip: a CSV inside in no known format",
            f,
            zip_of(&[("API.csv", &wb), ("notes.csv", b"hello,world\n")]),
            at_line("UnknownFormat", 1),
        ),
        case(
            "zip: a bad value inside, at its line and column",
            f,
            zip_of(&[(
                "API.csv",
                set_field(&real_text(WB), 6, 4, "\"abc\"").as_bytes(),
            )]),
            at("InvalidValue", 6, "1960"),
        ),
    ]
}

fn kept_cases() -> Vec<Case> {
    let dir = root().join("tests/bad_inputs");
    let mut cases = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let (spec, _) = name.split_once("--").unwrap();
        let expect = if spec == "ok" {
            Expect::Loads {
                spending: usize::MAX, // any number: checked below not to panic
            }
        } else {
            let (kind, pos) = spec.split_once('@').unwrap();
            let kind: &'static str = Box::leak(kind.to_owned().into_boxed_str());
            if pos == "file" {
                whole_file(kind)
            } else {
                let pos = pos.strip_prefix('L').unwrap();
                let (line, column) = match pos.split_once('C') {
                    Some((l, c)) => (l, Some(&*Box::leak(c.to_owned().into_boxed_str()))),
                    None => (pos, None),
                };
                Expect::Fails {
                    kind,
                    line: Some(line.parse().unwrap()),
                    column,
                    cell: None,
                }
            }
        };
        cases.push(Case {
            bytes: std::fs::read(&path).unwrap(),
            file: name.clone(),
            name,
            expect,
            metric: None,
        });
    }
    cases
}

fn all_cases() -> Vec<Case> {
    let mut cases = native_cases();
    cases.extend(worldbank_cases());
    cases.extend(worldbank_metadata_cases());
    cases.extend(owid_cases());
    if cfg!(feature = "xlsx") {
        cases.extend(workbook_cases());
    }
    cases.extend(wide_cases());
    cases.extend(archive_cases());
    cases.extend(kept_cases());
    cases
}

#[test]
fn every_bad_input_fails_at_its_position_and_every_odd_one_loads() {
    let dir = std::env::temp_dir().join(format!("ds-bad-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = all_cases();
    let mut wrong = Vec::new();
    for c in &cases {
        let path = dir.join(&c.file);
        std::fs::write(&path, &c.bytes).unwrap();
        let mut options = LoadOptions::new();
        if let Some(m) = c.metric {
            options.metric(m);
        }
        let from_file = options.load(&path);
        let from_bytes = options.from_bytes(&c.file, &c.bytes);
        let message = from_file.as_ref().err().map(ToString::to_string);
        let got = outcome(from_file, &c.expect);
        let got_bytes = outcome(from_bytes, &c.expect);
        std::fs::remove_file(&path).unwrap();
        let matches = match (&c.expect, &got) {
            (
                Expect::Loads {
                    spending: usize::MAX,
                },
                Expect::Loads { .. },
            ) => true,
            (e, g) => e == g,
        };
        if !matches || got != got_bytes {
            wrong.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}\n  (bytes:  {:?})\n  message  {}",
                c.name,
                c.expect,
                got,
                got_bytes,
                message
                    .unwrap_or_default()
                    .chars()
                    .take(300)
                    .collect::<String>()
            ));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // Without the publishers' files, the native files' and made workbooks' cases alone.
    let real = [WB, WB_META, OWID, WIDE]
        .iter()
        .all(|rel| common::fixtures_dir().join(rel).exists());
    assert!(
        cases.len() >= if real { 40 } else { 20 },
        "{} cases",
        cases.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_unmutated_files_load() {
    for rel in [SPENDING, MEMBERS] {
        assert!(Dataset::from_bytes(rel, &read(rel)).is_ok(), "{rel}");
    }
    if !have(&[WB, WB_META, OWID]) {
        return;
    }
    for rel in [WB, WB_META, OWID] {
        assert!(Dataset::from_bytes(rel, &real_read(rel)).is_ok(), "{rel}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    // A sparse file: its metadata says 1 GiB + 1 byte, and nothing is read.
    let path = std::env::temp_dir().join(format!("ds-huge-{}.csv", std::process::id()));
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(limits::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let err = Dataset::load(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    match err.kind() {
        ErrorKind::TooLarge { limit, found, .. } => {
            assert_eq!((*limit, *found), (1 << 30, (1 << 30) + 1));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.position().file.as_deref(), Some(path.as_path()));
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_no_further_than_the_limit() {
    // /dev/zero says it is empty, and never ends. A file's format is recognised from its
    // first 64 KiB, and NUL bytes are no known format: the error comes from that sample,
    // long before the size limit (which a stream of a known format would hit).
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let err = Dataset::load(zero).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::UnknownFormat { .. } | ErrorKind::TooLarge { .. }
            ),
            "{err}"
        );
    }
}

#[test]
fn the_messages_say_what_to_do() {
    let s = text(SPENDING);
    let utf16: Vec<u8> = std::iter::once(0xFEFFu16)
        .chain(s.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = Dataset::from_bytes("x.csv", &utf16).unwrap_err();
    assert!(err.to_string().contains("save the file as UTF-8"), "{err}");
    let err = Dataset::from_bytes("x.csv", set_field(&s, 5, 2, "\"1.5").as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.csv: line 5: malformed CSV: this row has 3 fields, the header has 12"
    );
    let err = Dataset::from_bytes(
        "x.csv",
        set_field(&s, 2, 2, &"1".repeat(30 << 20)).as_bytes(),
    )
    .unwrap_err();
    // The record is refused once it passes the limit, long before its 30 MiB are read.
    let message = err.to_string();
    let prefix = "x.csv: line 2: too large: the record's size in bytes (as far as it was read) is ";
    let suffix = ", over the limit of 1048576";
    let found: usize = message
        .strip_prefix(prefix)
        .and_then(|m| m.strip_suffix(suffix))
        .unwrap_or_else(|| panic!("{message}"))
        .parse()
        .unwrap();
    assert!(found > 1 << 20 && found < 2 << 20, "{message}");
}

#[test]
fn the_catalogue_covers_every_format() {
    let cases = all_cases();
    println!("{} cases", cases.len());
    let count = |prefix: &str| cases.iter().filter(|c| c.name.starts_with(prefix)).count();
    if cfg!(feature = "xlsx") {
        assert!(count("xlsx") >= 7);
    }
    // The publishers' files' cases, where the fixtures folder has them (all_cases said
    // which it left out).
    let real = [WB, WB_META, OWID, WIDE, NATO]
        .iter()
        .all(|rel| common::fixtures_dir().join(rel).exists());
    if !real {
        return;
    }
    assert!(count("WB") >= 10 && count("OWID") >= 10, "{}", cases.len());
    assert!(count("wide") >= 10 && count("zip") >= 8, "{}", cases.len());
    if cfg!(feature = "xlsx") {
        assert!(count("xlsx") >= 8);
        assert!(cases.len() >= 80, "{}", cases.len());
    }
}
