//! Procurement contracts: NATO's July 2024 Stinger contract and what came before.
//!
//! ```text
//! cargo run --example contracts
//! cargo run --example contracts -- --country ITA --format csv
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::query::ContractFilter;
use defense_spending::{CountryCode, Dataset};

const USAGE: &str = "usage: contracts [--system TEXT] [--supplier TEXT] [--buyer TEXT] [--country ISO3] [--format table|csv|json]

Every reported contract value (a contract reported with different values is listed once per
report, with its source), and totals per currency as a range from the lowest to the highest
reports.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["system", "supplier", "buyer", "country", "format"]);
    let filter = ContractFilter {
        system: args.opt(USAGE, "system"),
        supplier: args.opt(USAGE, "supplier"),
        buyer: args.opt(USAGE, "buyer"),
        country: args.opt::<CountryCode>(USAGE, "country"),
        ..ContractFilter::default()
    };
    let format: Format = args.get(USAGE, "format", Format::Table);
    let ds = Dataset::bundled();
    let rows: Vec<_> = ds.contracts_where(&filter).into_iter().cloned().collect();
    if common::emit(format, &rows) {
        return;
    }
    let mut table = Table::new(&[
        ("Signed", Align::Left),
        ("Buyer", Align::Left),
        ("System", Align::Left),
        ("Qty", Align::Right),
        ("Value", Align::Left),
        ("Source", Align::Left),
    ]);
    for c in &rows {
        table.row(vec![
            c.signed.to_string(),
            c.buyer
                .split(" (")
                .last()
                .unwrap_or(&c.buyer)
                .trim_end_matches(')')
                .to_owned(),
            c.system.clone(),
            c.quantity.map(|q| q.to_string()).unwrap_or_default(),
            format!(
                "{}{} {} m",
                c.value.qualifier.words(),
                c.value.money.currency,
                exact(c.value.money.millions)
            ),
            c.source.to_string(),
        ]);
    }
    print!("{}", table.render(100));
    println!();
    for t in ds.contract_totals(&filter) {
        if t.low == t.high {
            println!(
                "{}: {} contract(s), {}{} million",
                t.currency,
                t.contracts,
                t.low.qualifier.words(),
                exact(t.low.money.millions)
            );
        } else {
            println!(
                "{}: {} contract(s), {}{} to {}{} million depending on the report",
                t.currency,
                t.contracts,
                t.low.qualifier.words(),
                exact(t.low.money.millions),
                t.high.qualifier.words(),
                exact(t.high.money.millions)
            );
        }
    }
    // Each report carries only the details its source gives: describe the contract from
    // the report that names the Allies and the route, and say whose report it is.
    if let Some(c) = rows
        .iter()
        .find(|c| c.id == "nspa-stinger-2024" && !c.on_behalf_of.is_empty() && c.route.is_some())
    {
        let on_behalf: Vec<String> = c.on_behalf_of.iter().map(|k| ds.name_of(k)).collect();
        println!();
        println!(
            "The Stinger contract of {}, as {} reports it:",
            c.signed, c.source
        );
        println!("{} for {},", c.system, on_behalf.join(", "));
        println!(
            "from {} via {}.",
            c.supplier.as_deref().unwrap_or("?"),
            c.route.as_deref().unwrap_or("?")
        );
        println!("Sources disagree on its value; every reported value is shown with its source.");
    }
}

/// A reported amount with every digit its source gives (624.6 stays 624.6: rounding it to
/// 625 would make it another source's figure), with thousands separators.
fn exact(v: rust_decimal::Decimal) -> String {
    num(v, v.normalize().scale())
}
