//! Writing chosen figures as NATO prints them, in CSV and JSON; and a `Figure`'s JSON
//! form. The expected figures are NATO's printed values for 2024 as
//! `../shared/reference/facts.md` lists them (Poland 4.12, Norway 2.20), and NATO's
//! printed tables in `tests/fixtures/nato-2024-printed/share_gdp.csv`.

use defense_spending::output::{write_printed_csv, write_printed_json};
use defense_spending::{Dataset, Figure, Metric};

#[test]
fn printed_csv_has_the_published_decimals() {
    let ds = Dataset::bundled();
    let records: Vec<_> = ["POL", "NOR", "USA"]
        .iter()
        .map(|c| ds.record(ds.entity(c).unwrap(), 2024).unwrap())
        .collect();
    let mut out = Vec::new();
    write_printed_csv(&mut out, &records, Metric::ShareOfGdp).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "country,name,year,share_of_gdp\n\
         POL,Poland,2024,4.12\n\
         NOR,Norway,2024,2.20\n\
         USA,United States,2024,3.38\n"
    );
    // Money as whole millions, and an empty field for a missing figure.
    let mut out = Vec::new();
    write_printed_csv(&mut out, &records[..1], Metric::ExpenditureCurrent).unwrap();
    let text = String::from_utf8(out).unwrap();
    let line = text.lines().nth(1).unwrap();
    let value = line.rsplit(',').next().unwrap();
    assert!(
        !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        "{line}"
    );
    let mut out = Vec::new();
    write_printed_csv(&mut out, &records[..1], Metric::ShareOfGovernment).unwrap();
    assert!(String::from_utf8(out)
        .unwrap()
        .ends_with("POL,Poland,2024,\n"));
}

#[test]
fn printed_json_gives_strings_with_the_published_decimals() {
    let ds = Dataset::bundled();
    let nor = ds.record(ds.entity("NOR").unwrap(), 2024).unwrap();
    let mut out = Vec::new();
    write_printed_json(&mut out, [nor], Metric::ShareOfGdp).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        value,
        serde_json::json!([
            {"country": "NOR", "name": "Norway", "year": 2024, "share_of_gdp": "2.20"}
        ])
    );
    let mut out = Vec::new();
    write_printed_json(&mut out, [nor], Metric::ShareOfGovernment).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value[0]["share_of_government"], serde_json::Value::Null);
}

#[test]
fn a_figure_serializes_as_its_exact_value_and_decimals() {
    let f = Figure::percent("4.120190989357147".parse().unwrap());
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"value": "4.120190989357147", "decimals": 2})
    );
    let back: Figure = serde_json::from_value(json).unwrap();
    assert_eq!(back, f);
}
