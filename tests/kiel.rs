//! The Kiel Institute's Ukraine Support Tracker, 7th release (18 October 2022), read from
//! the shared fixtures folder. Every expected figure is computed here from the workbook's
//! own cells, read with calamine directly, never from the loader.
#![cfg(feature = "xlsx")]

use std::collections::BTreeMap;

use defense_spending::load::{detect_format, Format};
use defense_spending::{
    names, AidBasis, AidFilter, AidKind, Currency, Dataset, Entity, ErrorKind, Qualifier,
};
use kiel_common::{real_bytes, real_file, Cells, RELEASE_7};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

mod kiel_common;

const SUMMARY: &str = "Country Summary";
const MAIN: &str = "Bilateral assistance, MAIN DATA";

/// The summary as its cells say: each donor's name and its figures (€ billion) for each
/// kind of commitments, the `Total` row's, and the % GDP column.
struct Summary {
    donors: Vec<(String, BTreeMap<AidKind, Decimal>, Decimal)>,
    total: BTreeMap<AidKind, Decimal>,
}

fn summary(bytes: &[u8]) -> Summary {
    let cells = Cells::of(bytes, SUMMARY);
    let (header, name_col) = cells.find("Country");
    let col_of = |title: &str, unit: &str| {
        (name_col..name_col + 40)
            .find(|&c| {
                cells.text(header, c).as_deref() == Some(title)
                    && cells.text(header + 1, c).as_deref() == Some(unit)
            })
            .unwrap_or_else(|| panic!("{title} ({unit})"))
    };
    let columns = [
        (
            AidKind::Financial,
            col_of("Financial commitments", "€ billion"),
        ),
        (
            AidKind::Humanitarian,
            col_of("Humanitarian commitments", "€ billion"),
        ),
        (
            AidKind::Military,
            col_of("Military commitments", "€ billion"),
        ),
        (
            AidKind::Total,
            col_of("Total bilateral commitments", "€ billion"),
        ),
    ];
    let share = col_of("Total bilateral commitments", "% GDP");
    let mut donors = Vec::new();
    let mut row = header + 2;
    loop {
        let name = cells.text(row, name_col).unwrap();
        let figures: BTreeMap<AidKind, Decimal> = columns
            .iter()
            .map(|&(k, c)| (k, cells.number(row, c)))
            .collect();
        if name == "Total" {
            return Summary {
                donors,
                total: figures,
            };
        }
        donors.push((name, figures, cells.number(row, share)));
        row += 1;
    }
}

fn loaded() -> Option<(Vec<u8>, Dataset)> {
    let bytes = real_bytes(RELEASE_7)?;
    let ds = Dataset::load(real_file(RELEASE_7)?).unwrap();
    Some((bytes, ds))
}

fn entity(name: &str) -> Entity {
    names::lookup(name).unwrap_or_else(|| panic!("{name}"))
}

fn filter(kind: AidKind) -> AidFilter {
    AidFilter {
        kind: Some(kind),
        basis: Some(AidBasis::Commitments),
        ..AidFilter::default()
    }
}

#[test]
fn the_workbook_is_recognised_by_its_content_whatever_its_name() {
    let Some(bytes) = real_bytes(RELEASE_7) else {
        return;
    };
    assert_eq!(
        detect_format("renamed.bin", &bytes).unwrap(),
        Format::KielWorkbook
    );
    let a = Dataset::from_bytes("download (3).xlsx", &bytes).unwrap();
    let b = Dataset::from_bytes("x", &bytes).unwrap();
    assert_eq!(a.aid(), b.aid());
    assert!(!a.aid().is_empty());
}

#[test]
fn the_release_is_the_source() {
    let Some((bytes, ds)) = loaded() else { return };
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let readme = Cells::of(&bytes, "ReadMe");
    let line = readme.text(1, 1).unwrap(); // B2
    assert_eq!(ds.aid_releases().len(), 1);
    let r = &ds.aid_releases()[0];
    assert_eq!(r.number, 7);
    assert_eq!(r.covers_from.to_string(), "2022-01-24");
    assert_eq!(r.covers_to.to_string(), "2022-10-03");
    assert_eq!(r.saved.unwrap().to_string(), "2022-10-18");
    assert_eq!(r.sha256, sha);
    assert_eq!(
        r.source.as_str(),
        format!("kiel-ust-7-2022-10-18-{}", &sha[..8])
    );
    assert!(r.summary_sums_announcements);
    let source = ds.source(&r.source).unwrap();
    assert_eq!(source.publisher, "Kiel Institute for the World Economy");
    assert_eq!(source.title, line);
    assert!(source.note.as_deref().unwrap().contains(&sha));
    // Every row cites it.
    assert!(ds.aid().iter().all(|a| a.source == r.source));
    assert!(ds.aid_announcements().iter().all(|a| a.source == r.source));
}

#[test]
fn every_donor_figure_is_its_cell_in_millions_exactly() {
    let Some((bytes, ds)) = loaded() else { return };
    let s = summary(&bytes);
    assert_eq!(s.donors.len(), 41);
    let thousand = Decimal::from(1000);
    for kind in [
        AidKind::Financial,
        AidKind::Humanitarian,
        AidKind::Military,
        AidKind::Total,
    ] {
        let rows = ds.aid_latest(&filter(kind));
        assert_eq!(rows.len(), s.donors.len(), "{kind}");
        for (name, figures, share) in &s.donors {
            let row = rows
                .iter()
                .find(|a| a.donor == entity(name))
                .unwrap_or_else(|| panic!("{name} {kind}"));
            assert_eq!(
                row.amount.money.millions,
                figures[&kind] * thousand,
                "{name} {kind}"
            );
            assert_eq!(row.amount.money.currency, Currency::Eur);
            assert_eq!(row.amount.qualifier, Qualifier::Plain);
            assert_eq!(row.recipient.to_string(), "UKR");
            assert_eq!(row.period_start.unwrap().to_string(), "2022-01-24");
            assert_eq!(row.as_of.unwrap().to_string(), "2022-10-03");
            let want_share = (kind == AidKind::Total).then_some(*share);
            assert_eq!(row.share_of_gdp, want_share, "{name}");
        }
    }
    // Kiel's spellings, and the EU's institution as a donor of its own.
    for (name, code) in [
        ("Czech Republic", "CZE"),
        ("South Korea", "KOR"),
        ("Taiwan", "TWN"),
        ("Turkey", "TUR"),
        ("EU (Commission and Council)", "EU_COMMISSION"),
    ] {
        assert!(s.donors.iter().any(|d| d.0 == name), "{name}");
        assert!(
            ds.aid().iter().any(|a| a.donor.to_string() == code),
            "{code}"
        );
    }
    assert_eq!(
        ds.name_of(entity("EU (Commission and Council)")),
        "EU (Commission and Council)"
    );
}

#[test]
fn the_sum_over_every_donor_is_the_total_row_exactly() {
    let Some((bytes, ds)) = loaded() else { return };
    let s = summary(&bytes);
    let thousand = Decimal::from(1000);
    for kind in [
        AidKind::Financial,
        AidKind::Humanitarian,
        AidKind::Military,
        AidKind::Total,
    ] {
        let sum = ds.aid_sum(&filter(kind)).unwrap();
        assert_eq!(
            sum.amount.money.millions,
            s.total[&kind] * thousand,
            "{kind}"
        );
        assert_eq!(sum.donors.len(), 41);
        assert!(sum.total_row.is_some());
        // Its line says what it is: every donor counted, the kind, the release's Total row.
        let line = sum.to_string();
        let total_row = sum.total_row.as_deref().unwrap();
        assert!(line.starts_with("41 donors to UKR, "), "{line}");
        assert!(
            line.contains(&format!("{kind} aid (commitments)")),
            "{line}"
        );
        assert!(line.contains(&format!("Total row {total_row}")), "{line}");
        // The donors' cells add up to the Total cell as the workbook adds them: the
        // exact decimal sum is within a millionth of a euro.
        let exact: Decimal = s.donors.iter().map(|d| d.1[&kind]).sum();
        assert!(
            (exact - s.total[&kind]).abs() < Decimal::new(1, 12),
            "{kind}"
        );
        // A part of the donors is their exact sum.
        let some = AidFilter {
            donor: Some(entity("Poland")),
            ..filter(kind)
        };
        let one = ds.aid_sum(&some).unwrap();
        assert_eq!(one.total_row, None);
    }
    // The EU's institution adds: without it the sum is smaller by its figure.
    let eu = s
        .donors
        .iter()
        .find(|d| d.0 == "EU (Commission and Council)")
        .unwrap();
    assert!(eu.1[&AidKind::Financial] > Decimal::ZERO);
    let release = &ds.aid_releases()[0];
    let fin = release
        .totals
        .iter()
        .find(|t| t.kind == AidKind::Financial)
        .unwrap();
    assert_eq!(fin.donor.to_string(), "KIEL_ALL_DONORS");
    assert_eq!(
        fin.amount.money.millions,
        s.total[&AidKind::Financial] * thousand
    );
    // Never across bases or kinds.
    let mixed = AidFilter {
        basis: Some(AidBasis::Commitments),
        ..AidFilter::default()
    };
    let err = ds.aid_sum(&mixed).unwrap_err();
    assert!(err.to_string().contains("different kinds"), "{err}");
}

#[test]
fn announcements_are_every_row_of_main_data_kept_apart() {
    let Some((bytes, ds)) = loaded() else { return };
    let cells = Cells::of(&bytes, MAIN);
    let (h, donor_col) = cells.find("countries");
    let (_, eur_col) = cells.find("Converted Value in EUR");
    let (_, date_col) = cells.find("Announcement Date");
    let (_, kind_col) = cells.find("Type of Aid General");
    let rows: Vec<u32> = (h + 1..=cells.end_row())
        .filter(|&r| cells.text(r, donor_col).is_some_and(|t| !t.is_empty()))
        .collect();
    let ann = ds.aid_announcements();
    assert_eq!(ann.len(), rows.len());
    assert_eq!(ann.len(), 1032);
    let mut by_donor_kind: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    let mut texts = 0;
    for (a, &r) in ann.iter().zip(&rows) {
        assert_eq!(a.row, r + 1);
        assert_eq!(a.donor, entity(&cells.text(r, donor_col).unwrap()));
        assert_eq!(
            a.kind.to_string(),
            cells.text(r, kind_col).unwrap().to_lowercase()
        );
        assert_eq!(a.basis, AidBasis::Commitments);
        let eur = match cells.get(r, eur_col) {
            calamine::Data::Float(_) | calamine::Data::Int(_) => {
                Some(cells.number(r, eur_col) / Decimal::from(1_000_000))
            }
            _ => None,
        };
        assert_eq!(a.amount.map(|m| m.millions), eur, "row {}", r + 1);
        if let Some(v) = eur {
            *by_donor_kind
                .entry((a.donor.to_string(), a.kind.to_string()))
                .or_default() += v;
        }
        if let calamine::Data::String(t) = cells.get(r, date_col) {
            texts += 1;
            assert_eq!(a.date_text.as_deref(), Some(t.trim()));
            assert_eq!(a.date, None);
        }
    }
    assert!(texts > 0);
    // The announcements add up to each donor's summary figure: no anomaly.
    let s = summary(&bytes);
    for (name, figures, _) in &s.donors {
        for kind in [AidKind::Financial, AidKind::Humanitarian, AidKind::Military] {
            let got = by_donor_kind
                .get(&(entity(name).to_string(), kind.to_string()))
                .copied()
                .unwrap_or_default();
            let want = figures[&kind] * Decimal::from(1000);
            assert!(
                (got - want).abs() < Decimal::new(1, 6),
                "{name} {kind}: {got} {want}"
            );
        }
    }
    assert!(ds.validate().is_empty(), "{:?}", ds.validate());
    // Kept apart: the totals are the summary's rows only.
    assert_eq!(ds.aid().len(), 41 * 4);
}

#[test]
fn a_donor_whose_announcements_do_not_add_up_is_reported() {
    let Some((_, ds)) = loaded() else { return };
    let mut parts = defense_spending::DatasetParts::from(ds);
    let pol = entity("Poland");
    let first = parts
        .aid_announcements
        .iter_mut()
        .find(|a| a.donor == pol && a.kind == AidKind::Military && a.amount.is_some())
        .unwrap();
    let m = first.amount.as_mut().unwrap();
    m.millions += Decimal::from(100);
    let anomalies = Dataset::index(parts).validate();
    assert_eq!(anomalies.len(), 1, "{anomalies:?}");
    assert_eq!(
        anomalies[0].kind,
        defense_spending::AnomalyKind::AidAnnouncements
    );
    assert_eq!(anomalies[0].country, pol);
    assert!(
        anomalies[0].to_string().contains("military"),
        "{}",
        anomalies[0]
    );
}

#[test]
fn the_bundled_refusal_gives_the_first_reason_and_names_the_answer() {
    let ds = Dataset::bundled();
    let military = AidFilter {
        kind: Some(AidKind::Military),
        recipient: Some(ds.entity("UKR").unwrap()),
        ..AidFilter::default()
    };
    let err = ds.aid_sum(&military).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err.kind(), ErrorKind::NotAdditive { .. }));
    assert!(text.contains("different sources"), "{text}");
    assert!(!text.contains("group of donors"), "{text}");
    assert!(text.contains("kiel-2025-02-all-military"), "{text}");
}

#[test]
fn two_issues_of_one_release_are_two_sources_that_never_add() {
    let Some(october) = real_bytes(RELEASE_7) else {
        return;
    };
    let november = kiel_common::reissue(&october);
    let dir = std::env::temp_dir().join(format!("kiel-two-issues-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Ukraine_Support_Tracker.xlsx"), &october).unwrap();
    std::fs::write(dir.join("Ukraine_Support_Tracker (1).xlsx"), &november).unwrap();
    let ds = Dataset::load(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let releases = ds.aid_releases();
    assert_eq!(releases.len(), 2);
    assert_eq!((releases[0].number, releases[1].number), (7, 7));
    assert_ne!(releases[0].source, releases[1].source);
    let err = ds
        .aid_sum(&filter(AidKind::Military))
        .unwrap_err()
        .to_string();
    assert!(err.contains("different sources"), "{err}");
    assert!(err.contains("2 figures for all donors"), "{err}");
    // One issue at a time adds up to its own Total row.
    for r in releases {
        let one = AidFilter {
            source: Some(r.source),
            ..filter(AidKind::Military)
        };
        let total = r
            .totals
            .iter()
            .find(|t| t.kind == AidKind::Military)
            .unwrap();
        assert_eq!(ds.aid_sum(&one).unwrap().amount, total.amount);
    }
}

#[test]
fn a_loaded_release_serializes_and_comes_back_whole() {
    let Some((_, ds)) = loaded() else { return };
    let json = serde_json::to_string(&ds).unwrap();
    let back: Dataset = serde_json::from_str(&json).unwrap();
    assert_eq!(back.aid(), ds.aid());
    assert_eq!(back.aid_announcements(), ds.aid_announcements());
    assert_eq!(back.aid_releases(), ds.aid_releases());
    assert_eq!(
        back.aid_sum(&filter(AidKind::Military)).unwrap(),
        ds.aid_sum(&filter(AidKind::Military)).unwrap()
    );
}

#[test]
fn the_same_file_twice_is_one_source_and_an_error() {
    let Some(bytes) = real_bytes(RELEASE_7) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("kiel-twice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.xlsx"), &bytes).unwrap();
    std::fs::write(dir.join("b.xlsx"), &bytes).unwrap();
    let err = Dataset::load(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(err.kind(), ErrorKind::Duplicate { .. }), "{err}");
    assert!(err.to_string().contains("b.xlsx"), "{err}");
}
