//! `Dataset::validate`: the bundled data is clean, each kind of anomaly is found on a
//! dataset made for it (and near misses are not), and the publishers' files give the
//! anomalies they really hold (read from the shared fixtures folder: `tests/common/fixtures.rs`).

use std::collections::BTreeMap;
use std::path::Path;

use defense_spending::{AnomalyKind, Dataset, Metric};

mod common;

fn csv(rows: &[&str]) -> Dataset {
    let text = format!(
        "country,year,share_of_gdp,expenditure_constant,gdp_constant,price_base_year,\
         expenditure_current,estimate,real_change,source\n{}\n",
        rows.join("\n")
    );
    Dataset::from_csv_str("crafted.csv", &text).unwrap()
}

fn kinds(ds: &Dataset) -> Vec<(AnomalyKind, String, u16)> {
    ds.validate()
        .into_iter()
        .map(|a| (a.kind, a.country.to_string(), a.year))
        .collect()
}

#[test]
fn the_bundled_data_is_clean() {
    assert_eq!(Dataset::bundled().validate(), vec![]);
}

#[test]
fn a_share_over_30_percent_needs_a_published_reason() {
    let ds = csv(&[
        "POL,2024,41.2,,,,,,,mine",
        "POL,2023,30,,,,,,,mine",
        "KWT,1991,117.35,,,,,,,mine",
        "KWT,1992,31.79,,,,,,,mine",
        "UKR,2023,36.5,,,,,,,mine",
    ]);
    assert_eq!(
        kinds(&ds),
        vec![
            (AnomalyKind::ImplausibleShare, "POL".into(), 2024),
            (AnomalyKind::ImplausibleShare, "KWT".into(), 1992),
        ]
    );
    let a = &ds.validate()[0];
    assert_eq!(a.metric, Some(Metric::ShareOfGdp));
    assert_eq!(a.source, "mine");
    assert!(a.message.contains("41.2"), "{}", a.message);
}

#[test]
fn a_share_must_be_expenditure_over_real_gdp() {
    let ds = csv(&[
        // 1000 / 50000 = 2 %: consistent; 2.01 is within the rounding tolerance.
        "EST,2020,2,1000,50000,2015,,,,mine",
        "EST,2021,2.01,1000,50000,2015,,,,mine",
        // A share of current-price expenditure over real GDP, say: 2.3 against 2.
        "EST,2022,2.3,1000,50000,2015,,,,mine",
        // No real GDP: nothing to compare.
        "EST,2023,9,1000,,2015,,,,mine",
    ]);
    assert_eq!(
        kinds(&ds),
        vec![(AnomalyKind::InconsistentShare, "EST".into(), 2022)]
    );
    assert!(
        ds.validate()[0].message.contains("is 2 %"),
        "{}",
        ds.validate()[0].message
    );
}

#[test]
fn a_thousandfold_jump_between_adjacent_years_is_reported() {
    let ds = csv(&[
        "BLR,2019,,,,,700,,,sipri",
        "BLR,2020,,,,,700000,,,sipri",
        "BLR,2021,,,,,700,,,sipri",
        // 999 times: not reported; across a gap (2022 missing): not compared.
        "BLR,2023,,,,,1,,,sipri",
        "BLR,2024,,,,,999,,,sipri",
        "BLR,2026,,,,,999000000,,,sipri",
        // Another source's series is its own.
        "BLR,2020,,,,,0.7,,,other",
        // Changes cross zero and are never compared.
        "FRA,2020,,,,,,,0.001,mine",
        "FRA,2021,,,,,,,5,mine",
    ]);
    assert_eq!(
        kinds(&ds),
        vec![
            (AnomalyKind::Jump, "BLR".into(), 2020),
            (AnomalyKind::Jump, "BLR".into(), 2021),
        ]
    );
    let a = &ds.validate()[0];
    assert_eq!(a.metric, Some(Metric::ExpenditureCurrent));
    assert!(a.message.contains("1000 times 700"), "{}", a.message);
}

#[test]
fn an_estimate_older_than_a_final_figure_is_reported() {
    let ds = csv(&[
        "ITA,2022,1.5,,,,,false,,nato",
        "ITA,2023,1.5,,,,,true,,nato",
        "ITA,2024,1.5,,,,,false,,nato",
        "ESP,2023,1.2,,,,,false,,nato",
        "ESP,2024,1.3,,,,,true,,nato",
    ]);
    assert_eq!(
        kinds(&ds),
        vec![(AnomalyKind::EstimateBeforeFinal, "ITA".into(), 2023)]
    );
    assert_eq!(ds.validate()[0].metric, None);
}

#[test]
fn anomalies_serialize() {
    let ds = csv(&["POL,2024,41.2,,,,,,,mine"]);
    let json = serde_json::to_value(ds.validate()).unwrap();
    assert_eq!(json[0]["kind"], "implausible_share");
    assert_eq!(json[0]["country"], "POL");
    assert_eq!(json[0]["year"], 2024);
    assert_eq!(json[0]["source"], "mine");
    assert_eq!(json[0]["metric"], "share_of_gdp");
}

fn counts(path: &Path) -> BTreeMap<AnomalyKind, usize> {
    let ds = Dataset::load(path).unwrap();
    let mut counts = BTreeMap::new();
    for a in ds.validate() {
        *counts.entry(a.kind).or_default() += 1;
    }
    counts
}

#[test]
fn the_publishers_files_hold_the_anomalies_they_hold() {
    use AnomalyKind::{ImplausibleShare, Jump};
    // Eritrea 1998-2000, Israel 1975, Kuwait 1990 and 1992 over 30 %; Angola's share from
    // 0.0000173 % in 1986 to 22.25 % in 1987.
    // The project's own transcription (committed), then the publishers' real files.
    let edition = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nato-2025-edition");
    assert!(counts(&edition).is_empty());
    let (Some(wb), Some(owid), Some(owid_old)) = (
        common::real_file("worldbank"),
        common::real_file("owid/military-spending-as-a-share-of-gdp-sipri.csv"),
        common::real_file("owid/military-expenditure-share-gdp.csv"),
    ) else {
        return;
    };
    let wb = counts(&wb);
    assert_eq!(wb, BTreeMap::from([(ImplausibleShare, 6), (Jump, 1)]));
    let owid = counts(&owid);
    assert_eq!(owid, BTreeMap::from([(ImplausibleShare, 6), (Jump, 1)]));
    let owid_old = counts(&owid_old);
    assert_eq!(owid_old, BTreeMap::from([(ImplausibleShare, 6)]));
}

#[cfg(feature = "xlsx")]
#[test]
fn the_publishers_workbooks_hold_the_anomalies_they_hold() {
    use AnomalyKind::{ImplausibleShare, Jump};
    let (Some(sipri), Some(nato)) = (
        common::real_file("sipri/SIPRI-Milex-data-1948-2023.xlsx"),
        common::real_file("nato/240617-def-exp-2024-TABLES-en.xlsx"),
    ) else {
        return;
    };
    let sipri = counts(&sipri);
    assert_eq!(sipri, BTreeMap::from([(ImplausibleShare, 6), (Jump, 1)]));
    assert!(counts(&nato).is_empty());
}
