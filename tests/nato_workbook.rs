//! NATO's "Defence Expenditure of NATO Countries (2014-2024)" workbook, June 2024, read
//! directly.
//!
//! The expected values are the bundled `data/spending.csv`, which was extracted from the
//! same workbook independently (with Python's openpyxl, see `tools/build_spending.py`),
//! not produced by this loader.
#![cfg(feature = "xlsx")]

use std::collections::BTreeMap;
use std::path::PathBuf;

use defense_spending::load::{detect_format, Format};
use defense_spending::{Dataset, Entity, ErrorKind, Metric, SpendingRecord};
use rust_decimal::Decimal;

mod common;

/// NATO's workbook in the shared fixtures folder (never committed: `tests/common/fixtures.rs`).
const WORKBOOK: &str = "nato/240617-def-exp-2024-TABLES-en.xlsx";

/// The workbook's path, or `None` (with a line saying so) where the folder is missing.
fn workbook() -> Option<PathBuf> {
    common::real_file(WORKBOOK)
}

fn loaded() -> Option<Dataset> {
    Some(Dataset::load(workbook()?).unwrap())
}

fn by_key(records: &[SpendingRecord]) -> BTreeMap<(String, u16), &SpendingRecord> {
    let mut map = BTreeMap::new();
    for r in records {
        let old = map.insert((r.country.to_string(), r.year), r);
        assert!(old.is_none(), "two records for {} {}", r.country, r.year);
    }
    map
}

#[test]
fn the_june_2024_workbook_gives_exactly_the_bundled_figures() {
    let Some(ds) = loaded() else { return };
    let got = by_key(ds.spending());
    let want = by_key(Dataset::bundled().spending());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "the same countries and years"
    );
    assert_eq!(got.len(), 374);
    for (key, w) in &want {
        let g = got[key];
        for &metric in Metric::ALL {
            assert_eq!(g.get(metric), w.get(metric), "{key:?} {metric}");
            // Exact to the digit, not merely equal in value.
            assert_eq!(
                g.get(metric).map(|d| d.to_string()),
                w.get(metric).map(|d| d.to_string()),
                "{key:?} {metric} as text"
            );
        }
        assert_eq!(
            g.price_base_year(),
            w.price_base_year(),
            "{key:?} base year"
        );
        assert_eq!(g.estimate, w.estimate, "{key:?} estimate");
        assert_eq!(g.source, "nato-def-exp-2014-2024");
    }
}

#[test]
fn the_headline_facts_follow_from_the_workbook() {
    let Some(ds) = loaded() else { return };
    // "23 of 32 Allies" at 2 % in 2024.
    assert_eq!(ds.meeting_target(2024, Decimal::TWO).unwrap().len(), 23);
    // TABLE3!N32, Poland 2024e: 4.12 % as printed.
    let pol = ds
        .record("POL".parse::<defense_spending::Entity>().unwrap(), 2024)
        .unwrap();
    assert_eq!(pol.rounded(Metric::ShareOfGdp), Some(Decimal::new(412, 2)));
    assert!(pol.estimate);
    // TABLE2!D41, United States 2014: 653942 (a whole number in the workbook).
    let usa = ds
        .record("USA".parse::<defense_spending::Entity>().unwrap(), 2014)
        .unwrap();
    assert_eq!(
        usa.get(Metric::ExpenditureCurrent),
        Some(Decimal::from(653_942))
    );
    assert!(!usa.estimate);
}

#[test]
fn the_edition_comes_from_the_file() {
    let Some(ds) = loaded() else { return };
    // The workbook's own source, and those the bundled list of Allies cites.
    let ids: Vec<&str> = ds.sources().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids.iter().filter(|i| i.starts_with("nato-def-exp")).count(),
        1,
        "{ids:?}"
    );
    let src = ds
        .source(&"nato-def-exp-2014-2024".parse().unwrap())
        .unwrap();
    assert_eq!(src.publisher, "NATO");
    assert_eq!(
        src.title,
        "Defence Expenditure of NATO Countries (2014-2024)"
    );
    let note = src.note.as_deref().unwrap();
    assert!(note.contains("Constant prices of 2015"), "{note}");
    assert!(note.contains("2024-06-17"), "{note}");
    for r in ds.spending() {
        if r.get(Metric::ExpenditureConstant).is_some() || r.get(Metric::GdpConstant).is_some() {
            assert_eq!(r.price_base_year(), Some(2015));
        }
        // Figures for 2023 and 2024 are estimates (headers '2023e', '2024e').
        assert_eq!(r.estimate, r.year >= 2023, "{} {}", r.country, r.year);
    }
}

#[test]
fn aggregates_are_aggregates() {
    let Some(ds) = loaded() else { return };
    let ids: Vec<&str> = ds.aggregates().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["NATO_EUCAN", "NATO_TOTAL"]);
    let total: Entity = "NATO_TOTAL".parse().unwrap();
    assert!(!total.is_country());
    // TABLE3!D43, NATO Total 2014: 2.578580550206664 % of GDP.
    let r = ds.record(total, 2014).unwrap();
    assert_eq!(r.share_of_gdp.unwrap().to_string(), "2.578580550206664");
    // NATO publishes no equipment share for its aggregates (Table 8a's row is #REF!).
    assert!(ds
        .series(&total)
        .all(|r| r.get(Metric::EquipmentShare).is_none()));
    assert_eq!(ds.name_of(total), "NATO Total");
}

#[test]
fn iceland_has_only_gdp() {
    // Iceland has no armed forces: it is in Tables 5 and 6 only, not in Tables 2, 3, 8a.
    let Some(ds) = loaded() else { return };
    let isl: Entity = "ISL".parse().unwrap();
    let series: Vec<_> = ds.series(&isl).collect();
    assert_eq!(series.len(), 11);
    for r in series {
        assert!(r.get(Metric::GdpCurrent).is_some() && r.get(Metric::GdpConstant).is_some());
        assert_eq!(r.share_of_gdp, None);
        assert_eq!(r.get(Metric::ExpenditureCurrent), None);
        assert_eq!(r.get(Metric::EquipmentShare), None);
    }
}

#[test]
fn the_ref_errors_are_reported_not_invented() {
    let Some(ds) = loaded() else { return };
    let cells: Vec<String> = ds
        .skipped()
        .iter()
        .map(|s| s.position.cell.clone().unwrap())
        .collect();
    // TABLE8a row 42: D42:I42 hold #REF! and the row has no name.
    assert_eq!(
        cells,
        [
            "TABLE8a!D42",
            "TABLE8a!E42",
            "TABLE8a!F42",
            "TABLE8a!G42",
            "TABLE8a!H42",
            "TABLE8a!I42"
        ]
    );
    let first = &ds.skipped()[0];
    assert_eq!(first.value, "#REF!");
    assert!(
        first.to_string().contains("TABLE8a!D42: skipped \"#REF!\""),
        "{first}"
    );
}

#[test]
fn detected_by_content_not_name() {
    let Some(bytes) = common::real_bytes(WORKBOOK) else {
        return;
    };
    assert_eq!(
        detect_format("renamed.bin", &bytes).unwrap(),
        Format::NatoWorkbook
    );
    let renamed = common::write("nato", "renamed", "renamed.bin", &bytes);
    let dir = renamed.parent().unwrap();
    let ds = Dataset::load(&renamed).unwrap();
    assert_eq!(ds.spending().len(), 374);
    // In a folder, .xlsx files are read with the CSV files.
    let folder = dir.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("tables.xlsx"), &bytes).unwrap();
    assert_eq!(Dataset::load(&folder).unwrap().spending().len(), 374);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_zip_that_is_no_known_workbook_is_an_error() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Data")
        .unwrap()
        .write(0, 0, "hello")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = detect_format("x.xlsx", &bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownFormat { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("\"Data\""), "{err}");
}

/// A small workbook in NATO's layout: Tables 2, 3, 5 and 8a, one Ally, two years.
/// `cell` overrides the value of TABLE2's Albania 2014 cell (D11).
fn small_workbook(tables: &[&str], d11: Option<&str>) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for &t in tables {
        let (title, headings): (&str, &[&str]) = match t {
            "2" => (
                "Table 2 : Defence expenditure",
                &[
                    "Current prices and exchange rates",
                    "Constant 2015 prices and exchange rates",
                ],
            ),
            "3" => (
                "Table 3 : Defence expenditure as a share of GDP and annual real change",
                &["Share of real GDP (%)", "Annual real change (%)"],
            ),
            "5" => (
                "Table 5 : GDP",
                &[
                    "Current prices and exchange rates",
                    "Constant 2015 prices and exchange rates",
                ],
            ),
            _ => (
                "Table 8a : Distribution of defence expenditure by main category",
                &["Equipment (a)", "Personnel (b)"],
            ),
        };
        let ws = wb.add_worksheet();
        ws.set_name(format!("TABLE{t}")).unwrap();
        ws.write(3, 1, title).unwrap();
        ws.write(7, 3, 2014).unwrap();
        ws.write(7, 4, "2015e").unwrap();
        let mut row = 9;
        for h in headings {
            ws.write(row, 1, *h).unwrap();
            ws.write(row + 1, 2, "Albania*").unwrap();
            match (t, row, d11) {
                ("2", 9, Some(text)) => ws.write(row + 1, 3, text).unwrap(),
                _ => ws.write(row + 1, 3, 1.5).unwrap(),
            };
            ws.write(row + 1, 4, "..").unwrap();
            row += 3;
        }
    }
    wb.save_to_buffer().unwrap()
}

fn load_bytes(name: &str, bytes: &[u8]) -> Result<Dataset, defense_spending::Error> {
    common::load_written("nato", name, bytes)
}

#[test]
fn a_small_workbook_in_natos_layout_loads() {
    let ds = load_bytes("small.xlsx", &small_workbook(&["2", "3", "5", "8a"], None)).unwrap();
    assert_eq!(ds.spending().len(), 1, "2015e is `..` everywhere");
    let r = &ds.spending()[0];
    assert_eq!(r.country.to_string(), "ALB");
    assert_eq!(r.share_of_gdp, Some(Decimal::new(15, 1)));
    assert_eq!(r.price_base_year(), Some(2015));
    assert_eq!(ds.sources()[0].id, "nato-def-exp-2014-2015");
}

#[test]
fn a_missing_table_is_an_error() {
    let err = load_bytes("missing.xlsx", &small_workbook(&["2", "3", "8a"], None)).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MissingTable(_)), "{err}");
    assert!(err.to_string().contains("missing Table 5 (GDP"), "{err}");
}

#[test]
fn text_where_a_number_belongs_is_an_error_at_its_cell() {
    let err = load_bytes(
        "text.xlsx",
        &small_workbook(&["2", "3", "5", "8a"], Some("n/a")),
    )
    .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{err}"
    );
    assert_eq!(err.position().cell.as_deref(), Some("TABLE2!D11"));
    assert!(
        err.to_string().starts_with(&format!(
            "{}: TABLE2!D11: invalid value \"n/a\": text where a number belongs",
            err.position().file.as_ref().unwrap().display()
        )),
        "{err}"
    );
}

#[test]
fn the_nil_sign_is_no_figure_and_is_reported() {
    let ds = load_bytes(
        "nil.xlsx",
        &small_workbook(&["2", "3", "5", "8a"], Some("-")),
    )
    .unwrap();
    let r = &ds.spending()[0];
    assert_eq!(r.get(Metric::ExpenditureCurrent), None);
    assert_eq!(
        r.get(Metric::ExpenditureConstant),
        Some(Decimal::new(15, 1))
    );
    assert_eq!(ds.skipped().len(), 1);
    assert_eq!(ds.skipped()[0].position.cell.as_deref(), Some("TABLE2!D11"));
    assert_eq!(ds.skipped()[0].value, "-");
}

#[test]
fn an_unknown_name_is_an_error_at_its_cell() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (t, title) in [
        ("2", "Table 2 : Defence expenditure"),
        ("3", "Table 3 : share of GDP"),
        ("5", "Table 5 : GDP"),
        ("8a", "Table 8a : by main category"),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(format!("TABLE{t}")).unwrap();
        ws.write(0, 0, title).unwrap();
        ws.write(1, 1, 2023).unwrap();
        ws.write(1, 2, 2024).unwrap();
        ws.write(2, 0, "Share of real GDP (%)").unwrap();
        ws.write(3, 0, "Freedonia").unwrap();
        ws.write(3, 1, 2.0).unwrap();
    }
    let err = load_bytes("names.xlsx", &wb.save_to_buffer().unwrap()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownName { .. }), "{err}");
    assert_eq!(err.position().cell.as_deref(), Some("TABLE3!A4"));
}
