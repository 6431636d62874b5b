//! Military aid to Ukraine by donor, as the article and the Kiel Institute report it.
//!
//! ```text
//! cargo run --example aid
//! cargo run --example aid -- --format csv
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::query::{AidFilter, AidGroup};
use defense_spending::Dataset;

const USAGE: &str = "usage: aid [--format table|csv|json]

Aid to Ukraine: every reported total with its wording (\"more than\", \"about\"), currency,
date and source, and the article's comparison. Amounts in different currencies are never
added together.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["format"]);
    let format: Format = args.get(USAGE, "format", Format::Table);
    let ds = Dataset::bundled();
    if common::emit(format, ds.aid()) {
        return;
    }

    println!("The article's comparison (AP, 9 July 2024)");
    println!();
    let article = AidFilter {
        source: Some("ap-stinger-2024".parse().unwrap()),
        ..AidFilter::default()
    };
    for s in ds.aid_totals(&article, AidGroup::Donor) {
        let donor: defense_spending::Entity = s.group.parse().unwrap();
        println!(
            "  {:<34} {}US${} billion",
            ds.name_of(&donor),
            s.amount.qualifier.words(),
            num(
                s.amount.money.millions / rust_decimal::Decimal::from(1000),
                1
            )
        );
    }
    println!();
    println!("Every reported total");
    println!();
    let mut table = Table::new(&[
        ("Donor", Align::Left),
        ("Kind", Align::Left),
        ("Basis", Align::Left),
        ("", Align::Left),
        ("Million", Align::Right),
        ("Cur.", Align::Left),
        ("As of", Align::Left),
        ("Source", Align::Left),
    ]);
    for a in ds.aid() {
        table.row(vec![
            ds.name_of(&a.donor).to_owned(),
            a.kind.to_string(),
            a.basis.to_string(),
            a.amount.qualifier.words().trim().to_owned(),
            num(a.amount.money.millions, 0),
            a.amount.money.currency.to_string(),
            a.as_of.map(|d| d.to_string()).unwrap_or_default(),
            a.source.to_string(),
        ]);
    }
    print!("{}", table.render(100));
    println!();
    println!(
        "Kiel Institute totals are in euros and AP's in US dollars: they are not added together."
    );
}
