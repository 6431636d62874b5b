//! The contract of the foundation issue: code a downstream crate writes against this crate,
//! copied unchanged. It must keep compiling and behaving as stated.

use defense_spending::Dataset;
use rust_decimal::Decimal;

fn contract() -> Result<(), defense_spending::Error> {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    // --- the contract, as written in the issue ---
    let ds = Dataset::bundled(); // &'static Dataset or Dataset
    for m in ds.members() {
        let _: String = m.code.to_string();
        let _ = m.joined.to_string();
    }
    for r in ds.spending() {
        // iterable of &SpendingRecord
        let _ = (r.country.to_string(), r.year, r.share_of_gdp, r.estimate); // share: Option<Decimal>, percent
    }
    let hits = ds.meeting_target(2024, Decimal::TWO); // Vec<&SpendingRecord>, highest first
    let other = Dataset::load("data")?; // Result<Dataset, defense_spending::Error>
                                        // --- end of the contract ---

    // And it behaves as stated. Since issue 11 the per-year queries return a `Result`, so
    // that a year outside the data is an error rather than an empty list: the contract's
    // lines compile and run unchanged, and the `Vec` is in the `Ok`.
    let hits = hits?;
    let _: &Vec<&defense_spending::SpendingRecord> = &hits;
    assert_eq!(hits.len(), 23);
    assert!(hits
        .windows(2)
        .all(|w| w[0].share_of_gdp >= w[1].share_of_gdp));
    let share: Option<Decimal> = hits[0].share_of_gdp;
    assert_eq!(share.unwrap().round_dp(2), Decimal::new(412, 2)); // percent, not a fraction
    assert_eq!(hits[0].country.to_string(), "POL");
    let year: u16 = hits[0].year;
    assert_eq!(year, 2024);
    assert_eq!(ds.members()[0].code.to_string(), "BEL");
    assert_eq!(ds.members()[0].joined.to_string(), "1949-04-04");
    let total = ds
        .spending()
        .iter()
        .find(|r| !r.country.is_country())
        .unwrap();
    assert_eq!(total.country.to_string(), "NATO_EUCAN"); // an aggregate displays its id
    assert_eq!(&other, ds);
    Ok(())
}

#[test]
fn the_contract_compiles_and_holds() {
    contract().unwrap();
}

#[test]
fn every_model_type_round_trips_through_serde() {
    let ds = Dataset::bundled();
    let json = serde_json::to_string(ds).unwrap();
    let back: Dataset = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, ds);
    // Exact decimals survive, no float in between: the workbook value in data/spending.csv.
    let pol = serde_json::to_value(ds.record(ds.entity("POL").unwrap(), 2024).unwrap()).unwrap();
    assert_eq!(pol["share_of_gdp"], "4.120190989357147");
    assert_eq!(pol["country"], "POL");
    assert_eq!(pol["source"], "nato-def-exp-2024");
}
