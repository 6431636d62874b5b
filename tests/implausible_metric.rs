//! `validate()` flags figures implausible for their metric: a table of shares of GDP
//! loaded as `expenditure_current` (Poland "4" million US$).

use defense_spending::{AnomalyKind, Dataset, LoadOptions, Metric};

#[test]
fn a_share_table_loaded_as_money_is_flagged() {
    let text = "Country,2023,2024\nPoland,3.83,4.12\nNorway,1.64,2.20\nEstonia,2.73,3.43\n";
    let ds = LoadOptions::new()
        .metric(Metric::ExpenditureCurrent)
        .from_bytes("shares.csv", text.as_bytes())
        .unwrap();
    let anomalies = ds.validate();
    let flagged: Vec<_> = anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::ImplausibleForMetric)
        .map(|a| (a.country.to_string(), a.year))
        .collect();
    assert_eq!(flagged.len(), 6, "{anomalies:#?}");
    let pol = anomalies
        .iter()
        .find(|a| a.country.to_string() == "POL" && a.year == 2024)
        .unwrap();
    assert_eq!(pol.metric, Some(Metric::ExpenditureCurrent));
    let message = pol.to_string();
    assert!(message.contains("4.12"), "{message}");
    assert!(message.contains("less than a tenth"), "{message}");
}

#[test]
fn dollars_read_as_millions_are_flagged_and_plausible_amounts_are_not() {
    let bundled = Dataset::bundled();
    let pol = bundled.entity("POL").unwrap();
    let nato = bundled
        .record(pol, 2024)
        .unwrap()
        .get(Metric::ExpenditureCurrent)
        .unwrap();
    // The same figure, and one 1.5 times it (another publisher's definition): plausible.
    // In dollars rather than millions: flagged.
    let text = format!(
        "country,year,expenditure_current,source\nPOL,2024,{nato},a\nPOL,2023,{},b\nPOL,2022,{},c\n",
        nato * rust_decimal::Decimal::new(15, 1),
        nato * rust_decimal::Decimal::new(1_000_000, 0),
    );
    let ds = Dataset::from_csv_str("mine.csv", &text).unwrap();
    let flagged: Vec<_> = ds
        .validate()
        .into_iter()
        .filter(|a| a.kind == AnomalyKind::ImplausibleForMetric)
        .map(|a| a.year)
        .collect();
    assert_eq!(flagged, [2022]);
    // The bundled data is NATO's own: nothing to flag.
    assert!(bundled.validate().is_empty());
}
