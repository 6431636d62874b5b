//! Later layouts of the Kiel Institute's tracker, re-created with rust_xlsxwriter (the
//! real files of releases 28 to 30, about 10 MB each, could not be obtained for the
//! project). The layout follows public parsers of those files: a `Country Summary (€)`
//! sheet with a blank column A and its header on row 8 (`Country`, `EU member`,
//! `Geographic Europe`, allocations then commitments per kind, `GDP (2021)` in US$ and €),
//! units on row 9, donors from row 10, then `Total`; from release 30 also a `Country
//! Summary ($)` sheet; `Bilateral Assistance, MAIN DATA` in long form (`donor`,
//! `announcement_date`, `aid_type_general`, `measure`, `tot_sub_activity_value_EUR`). The
//! figures and the release lines' dates are this test's own, not Kiel's: every expected
//! value is computed here from the cells the test writes.
#![cfg(feature = "xlsx")]

use defense_spending::load::{detect_format, Format};
use defense_spending::{AidBasis, AidFilter, AidKind, Dataset};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

/// A donor's figures (€ billion): financial, humanitarian, military allocations, then the
/// same commitments. Australia's allocations exceed its commitments, as in release 28.
const DONORS: &[(&str, [f64; 3], [f64; 3])] = &[
    ("Australia", [0.01, 0.05, 1.12], [0.01, 0.05, 0.95]),
    ("Czech Republic", [0.1, 0.2, 0.7], [0.1, 0.25, 0.9]),
    (
        "EU (Commission and Council)",
        [49.2, 2.7, 0.0],
        [80.1, 2.9, 0.0],
    ),
    ("European Investment Bank", [1.7, 0.0, 0.0], [2.1, 0.0, 0.0]),
    ("European Peace Facility", [0.0, 0.0, 5.6], [0.0, 0.0, 6.1]),
    ("South Korea", [2.1, 0.3, 0.0], [2.4, 0.3, 0.0]),
    ("Taiwan", [0.0, 0.07, 0.0], [0.0, 0.07, 0.0]),
    ("Turkey", [0.0, 0.02, 0.1], [0.0, 0.02, 0.1]),
    ("United States", [48.7, 3.5, 64.1], [50.1, 3.6, 66.3]),
];

fn dec(f: f64) -> Decimal {
    Decimal::from_str_exact(&format!("{f}")).unwrap()
}

/// The summary sheet: blank column A, title rows, header row 8, units row 9.
fn summary(ws: &mut Worksheet, unit: &str, rate: f64) {
    ws.write_string(1, 1, "Numbers by country").unwrap();
    ws.write_string(
        3,
        1,
        "Note: bilateral aid; EU institutions listed as donors of their own",
    )
    .unwrap();
    let headers = [
        "Country",
        "EU member",
        "Geographic Europe",
        "Financial allocations",
        "Humanitarian allocations",
        "Military allocations",
        "Total bilateral allocations",
        "Financial commitments",
        "Humanitarian commitments",
        "Military commitments",
        "Total bilateral commitments",
        "GDP (2021)",
        "GDP (2021)",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(7, 1 + i as u16, *h).unwrap();
    }
    for c in 4..=11 {
        ws.write_string(8, c, unit).unwrap();
    }
    ws.write_string(8, 12, "US$ billion").unwrap();
    ws.write_string(8, 13, "€ billion").unwrap();
    let mut totals = [0.0f64; 8];
    for (i, (name, alloc, comm)) in DONORS.iter().enumerate() {
        let row = 9 + i as u32;
        ws.write_string(row, 1, *name).unwrap();
        ws.write_number(row, 2, 0).unwrap();
        ws.write_number(row, 3, 1).unwrap();
        let values = [
            alloc[0],
            alloc[1],
            alloc[2],
            alloc[0] + alloc[1] + alloc[2],
            comm[0],
            comm[1],
            comm[2],
            comm[0] + comm[1] + comm[2],
        ];
        for (k, v) in values.iter().enumerate() {
            let v = v * rate;
            ws.write_number(row, 4 + k as u16, v).unwrap();
            totals[k] += v;
        }
        ws.write_number(row, 12, 1000.0 + i as f64).unwrap();
    }
    let row = 9 + DONORS.len() as u32;
    ws.write_string(row, 1, "Total").unwrap();
    ws.write_string(row, 2, ".").unwrap();
    for (k, v) in totals.iter().enumerate() {
        ws.write_number(row, 4 + k as u16, *v).unwrap();
    }
    ws.write_string(row + 3, 1, "Source: the test's own figures")
        .unwrap();
}

/// The long-form announcements: one Allocation and one Commitment row per donor and kind.
fn main_data(ws: &mut Worksheet) {
    let headers = [
        "activity_id",
        "donor",
        "announcement_date",
        "aid_type_general",
        "measure",
        "tot_activity_value_EUR",
        "tot_sub_activity_value_EUR",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(0, 1 + i as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let mut row = 1;
    for (i, (name, alloc, comm)) in DONORS.iter().enumerate() {
        for (k, kind) in ["Financial", "Humanitarian", "Military"].iter().enumerate() {
            for (measure, v) in [("Allocation", alloc[k]), ("Commitment", comm[k])] {
                ws.write_string(row, 1, format!("A{i}{k}")).unwrap();
                ws.write_string(row, 2, *name).unwrap();
                if row % 7 == 0 {
                    ws.write_string(row, 3, "unclear, 2023").unwrap();
                } else {
                    let d = ExcelDateTime::from_ymd(2023, 1 + (row % 12) as u8, 15).unwrap();
                    ws.write_datetime_with_format(row, 3, &d, &date).unwrap();
                }
                ws.write_string(row, 4, *kind).unwrap();
                ws.write_string(row, 5, measure).unwrap();
                ws.write_string(row, 6, ".").unwrap();
                // Half the value: the announcements are not the summary's values (the
                // summary counts redistributed ones): never compared in this layout.
                ws.write_number(row, 7, v * 0.5e9).unwrap();
                row += 1;
            }
        }
    }
}

fn workbook(release: u16, with_dollars: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2026, 3, 2).unwrap()),
    );
    let readme = wb.add_worksheet().set_name("ReadMe").unwrap();
    readme
        .write_string(
            1,
            1,
            format!(
                "Ukraine Support Tracker – {release}th release (covering January 24, 2022 to \
                 December 31, 2025)"
            ),
        )
        .unwrap();
    if with_dollars {
        // First, so that the € sheet is found by its name, not its place.
        summary(
            wb.add_worksheet().set_name("Country Summary ($)").unwrap(),
            "$ billion",
            1.1,
        );
    }
    summary(
        wb.add_worksheet().set_name("Country Summary (€)").unwrap(),
        "€ billion",
        1.0,
    );
    main_data(
        wb.add_worksheet()
            .set_name("Bilateral Assistance, MAIN DATA")
            .unwrap(),
    );
    wb.save_to_buffer().unwrap()
}

fn check(release: u16, with_dollars: bool) {
    let bytes = workbook(release, with_dollars);
    assert_eq!(
        detect_format("r.xlsx", &bytes).unwrap(),
        Format::KielWorkbook
    );
    let ds = Dataset::from_bytes("Ukraine_Support_Tracker_Release_x.xlsx", &bytes).unwrap();
    let r = &ds.aid_releases()[0];
    assert_eq!(r.number, release);
    assert_eq!(
        (r.covers_from.to_string(), r.covers_to.to_string()),
        ("2022-01-24".into(), "2025-12-31".into())
    );
    assert_eq!(r.saved.unwrap().to_string(), "2026-03-02");
    assert!(r
        .source
        .as_str()
        .starts_with(&format!("kiel-ust-{release}-2026-03-02-")));
    assert!(!r.summary_sums_announcements);
    let thousand = Decimal::from(1000);
    let kinds = [AidKind::Financial, AidKind::Humanitarian, AidKind::Military];
    for (basis, pick) in [(AidBasis::Allocations, 0), (AidBasis::Commitments, 1)] {
        for (k, kind) in kinds.iter().enumerate() {
            let filter = AidFilter {
                kind: Some(*kind),
                basis: Some(basis),
                ..AidFilter::default()
            };
            let rows = ds.aid_latest(&filter);
            assert_eq!(rows.len(), DONORS.len());
            let mut float_total = 0.0;
            for (name, alloc, comm) in DONORS {
                let v = if pick == 0 { alloc[k] } else { comm[k] };
                float_total += v;
                let who = defense_spending::names::lookup(name).unwrap();
                let row = rows.iter().find(|a| a.donor == who).unwrap();
                assert_eq!(
                    row.amount.money.millions,
                    dec(v) * thousand,
                    "{name} {kind} {basis}"
                );
            }
            let sum = ds.aid_sum(&filter).unwrap();
            assert_eq!(
                sum.amount.money.millions,
                dec(float_total) * thousand,
                "{kind} {basis}"
            );
            assert!(sum.total_row.is_some());
        }
    }
    // Allocations above commitments are real, not an error.
    let aus = ds.entity("AUS").unwrap();
    let mil = |basis| {
        ds.aid_latest(&AidFilter {
            donor: Some(aus),
            kind: Some(AidKind::Military),
            basis: Some(basis),
            ..AidFilter::default()
        })[0]
            .amount
            .money
            .millions
    };
    assert!(mil(AidBasis::Allocations) > mil(AidBasis::Commitments));
    // Never across bases.
    let both = AidFilter {
        kind: Some(AidKind::Military),
        ..AidFilter::default()
    };
    let err = ds.aid_sum(&both).unwrap_err();
    assert!(err.to_string().contains("different bases"), "{err}");
    // The EU's institutions are donors of their own.
    for code in ["EU_COMMISSION", "EU_EIB", "EU_EPF"] {
        assert!(
            ds.aid().iter().any(|a| a.donor.to_string() == code),
            "{code}"
        );
    }
    // The announcements, in long form, with their measure; never compared here.
    let ann = ds.aid_announcements();
    assert_eq!(ann.len(), DONORS.len() * 3 * 2);
    assert_eq!(
        ann.iter()
            .filter(|a| a.basis == AidBasis::Allocations)
            .count(),
        DONORS.len() * 3
    );
    assert!(ann
        .iter()
        .any(|a| a.date_text.as_deref() == Some("unclear, 2023")));
    assert!(ann.iter().any(|a| a.date.is_some_and(|d| d.year() == 2023)));
    assert_eq!(ann[0].id, "A00");
    assert_eq!(
        ann[0].amount.unwrap().millions,
        dec(DONORS[0].1[0] * 0.5e9) / Decimal::from(1_000_000)
    );
    assert!(ds.validate().is_empty(), "{:?}", ds.validate());
}

#[test]
fn release_28_layout_loads() {
    check(28, false);
}

#[test]
fn release_30_layout_loads_from_its_euro_summary() {
    check(30, true);
}
