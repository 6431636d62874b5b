//! Every country name in the shared real files resolves through [`names`]: each label of
//! every sheet of SIPRI's workbook, the World Bank's data and metadata files, Our World in
//! Data's exports and the Kiel Institute's tracker. The labels are read here directly
//! (calamine for the workbooks, the `csv` crate for the CSV files), never through a
//! loader; where the file gives a code beside the name, the name must give that code.
#![cfg(feature = "xlsx")]

use std::collections::BTreeSet;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use defense_spending::{names, Entity};

#[allow(unused_imports)]
mod common;

/// A cell as text, trimmed (numbers and empty cells give an empty string).
fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.trim().to_owned(),
        _ => String::new(),
    }
}

fn is_year(cell: &Data) -> bool {
    match cell {
        Data::Float(f) => (1900.0..2100.0).contains(f) && f.fract() == 0.0,
        Data::Int(i) => (1900..2100).contains(i),
        Data::String(s) => {
            let s = s.trim().trim_end_matches(['e', 'E']);
            s.len() == 4 && s.parse::<u16>().is_ok_and(|y| (1900..2100).contains(&y))
        }
        _ => false,
    }
}

/// The names that do not resolve, or resolve to another entity than `want` gives.
fn unresolved<'a>(labels: impl IntoIterator<Item = (String, Option<String>)> + 'a) -> Vec<String> {
    let mut bad = Vec::new();
    for (name, code) in labels {
        match (names::lookup(&name), code) {
            (None, _) => bad.push(format!("{name:?}: not in the table")),
            (Some(got), Some(code)) if got.to_string() != code => {
                bad.push(format!("{name:?}: {got}, the file says {code}"))
            }
            _ => {}
        }
    }
    bad
}

/// Every country label of every sheet of a SIPRI workbook: in each sheet with a header
/// row (a `Country` cell followed by year cells), the `Country` column's text on every
/// row below that holds something in a year column (region headings and notes hold
/// nothing there). Gives the labels and the sheets read.
fn sipri_labels(path: &Path) -> (BTreeSet<String>, Vec<String>) {
    let mut workbook = open_workbook_auto(path).unwrap();
    let mut labels = BTreeSet::new();
    let mut sheets = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header = rows.iter().enumerate().find_map(|(r, row)| {
            let c = row.iter().position(|d| text(Some(d)) == "Country")?;
            let years: Vec<usize> = (c + 1..row.len()).filter(|&k| is_year(&row[k])).collect();
            (!years.is_empty()).then_some((r, c, years))
        });
        let Some((r, c, years)) = header else {
            continue;
        };
        sheets.push(sheet.clone());
        for row in &rows[r + 1..] {
            let name = text(row.get(c));
            let filled = years
                .iter()
                .any(|&k| !matches!(row.get(k), None | Some(Data::Empty)));
            if !name.is_empty() && filled {
                labels.insert(name);
            }
        }
    }
    (labels, sheets)
}

#[test]
fn every_label_of_every_sipri_sheet_resolves() {
    let Some(dir) = common::real_file("sipri") else {
        return;
    };
    let mut workbooks = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xlsx") {
            continue;
        }
        workbooks += 1;
        let (labels, sheets) = sipri_labels(&path);
        // The sheets of countries by year: every measure's.
        assert!(sheets.len() >= 5, "{}: {sheets:?}", path.display());
        assert!(labels.len() > 150, "{}: {}", path.display(), labels.len());
        let bad = unresolved(labels.into_iter().map(|n| (n, None)));
        assert!(bad.is_empty(), "{}: {bad:#?}", path.display());
    }
    assert!(workbooks >= 1);
}

#[test]
fn spellings_of_older_sipri_releases_resolve() {
    // The `Share of Govt. spending` sheet of older releases, as users export it; the
    // shared folder holds the April 2024 release only, which spells it out.
    assert_eq!(
        names::lookup("Central African Rep.").unwrap().to_string(),
        "CAF"
    );
}

/// The `(name, code)` pairs of a CSV file: the header is the first line holding both
/// column titles; rows where `keep` is false are left out.
fn csv_pairs(
    rel: &str,
    name_col: &str,
    code_col: &str,
    keep: impl Fn(&csv::StringRecord, &csv::StringRecord) -> bool,
) -> Option<Vec<(String, String)>> {
    let bytes = common::real_bytes(rel)?;
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<csv::StringRecord> = None;
    let mut pairs = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        match &header {
            None => {
                if record.iter().any(|f| f == name_col) && record.iter().any(|f| f == code_col) {
                    header = Some(record);
                }
            }
            Some(h) => {
                let at = |title: &str| h.iter().position(|f| f == title).unwrap();
                if keep(h, &record) {
                    pairs.push((
                        record.get(at(name_col)).unwrap_or("").to_owned(),
                        record.get(at(code_col)).unwrap_or("").to_owned(),
                    ));
                }
            }
        }
    }
    assert!(header.is_some(), "{rel}: no header");
    Some(pairs)
}

fn field<'a>(h: &csv::StringRecord, r: &'a csv::StringRecord, title: &str) -> &'a str {
    h.iter()
        .position(|f| f == title)
        .and_then(|k| r.get(k))
        .unwrap_or("")
}

/// The World Bank's economies (not its aggregates, which its files name by code: the
/// metadata leaves their `Region` empty) and their codes.
fn worldbank_economies() -> Option<BTreeSet<String>> {
    let meta = csv_pairs(
        "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv",
        "TableName",
        "Country Code",
        |h, r| !field(h, r, "Region").is_empty(),
    )?;
    Some(meta.into_iter().map(|(_, code)| code).collect())
}

/// A name's check against its code: the code's country where it is an ISO 3166-1 code;
/// otherwise (the World Bank's `XKX`, OWID's `OWID_KOS`) any entity.
fn expected(code: &str) -> Option<String> {
    code.parse::<defense_spending::CountryCode>()
        .ok()
        .map(|c| c.to_string())
}

#[test]
fn every_world_bank_economy_name_resolves_to_its_code() {
    let Some(economies) = worldbank_economies() else {
        return;
    };
    assert!(economies.len() > 200, "{}", economies.len());
    let meta = csv_pairs(
        "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv",
        "TableName",
        "Country Code",
        |h, r| !field(h, r, "Region").is_empty(),
    )
    .unwrap();
    let mut all = Vec::new();
    for (name, code) in meta {
        all.push((name, expected(&code)));
    }
    for rel in [
        "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv",
        "worldbank/API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv",
    ] {
        let Some(pairs) = csv_pairs(rel, "Country Name", "Country Code", |_, _| true) else {
            return;
        };
        let mut n = 0;
        for (name, code) in pairs {
            if economies.contains(&code) {
                n += 1;
                all.push((name, expected(&code)));
            }
        }
        assert!(n > 200, "{rel}: {n}");
    }
    let bad = unresolved(all);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn every_owid_entity_resolves_to_its_code() {
    for rel in [
        "owid/military-expenditure-share-gdp.csv",
        "owid/military-spending-as-a-share-of-gdp-sipri.csv",
    ] {
        let Some(pairs) = csv_pairs(rel, "Entity", "Code", |_, _| true) else {
            return;
        };
        let pairs: BTreeSet<(String, String)> = pairs.into_iter().collect();
        assert!(pairs.len() > 150, "{rel}: {}", pairs.len());
        let bad = unresolved(pairs.into_iter().map(|(n, c)| (n, expected(&c))));
        assert!(bad.is_empty(), "{rel}: {bad:#?}");
    }
}

#[test]
fn every_kiel_donor_and_country_resolves() {
    let Some(path) = common::real_file("kiel/Ukraine_Support_Tracker.xlsx") else {
        return;
    };
    let mut workbook = open_workbook_auto(&path).unwrap();
    let mut labels = BTreeSet::new();
    // `Country Summary`: the `Country` column below its header, up to the `Total` row.
    let summary = workbook.worksheet_range("Country Summary").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let (r, c) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| Some((r, row.iter().position(|d| text(Some(d)) == "Country")?)))
        .unwrap();
    let mut donors = 0;
    for row in &rows[r + 1..] {
        let name = text(row.get(c));
        if name == "Total" {
            break;
        }
        // The units row under the header holds no name; every donor row has figures.
        if !name.is_empty()
            && row
                .iter()
                .skip(c + 1)
                .any(|d| matches!(d, Data::Float(_) | Data::Int(_)))
        {
            donors += 1;
            labels.insert(name);
        }
    }
    assert_eq!(donors, 41);
    // `Bilateral assistance, MAIN DATA`: every value of its `countries` column.
    let main = workbook
        .worksheet_range("Bilateral assistance, MAIN DATA")
        .unwrap();
    let mut rows = main.rows();
    let header = rows.next().unwrap();
    let k = header
        .iter()
        .position(|d| text(Some(d)) == "countries")
        .unwrap();
    let mut announcements = 0;
    for row in rows {
        let name = text(row.get(k));
        if !name.is_empty() {
            announcements += 1;
            labels.insert(name);
        }
    }
    assert!(announcements > 1000, "{announcements}");
    let bad = unresolved(labels.iter().map(|n| (n.clone(), None)));
    assert!(bad.is_empty(), "{bad:#?}");
    // The EU's institutions are an aggregate, never a country.
    assert!(matches!(
        names::lookup("EU (Commission and Council)"),
        Some(Entity::Aggregate(_))
    ));
}
