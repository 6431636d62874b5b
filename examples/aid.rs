//! Military aid to Ukraine by donor, as the article and the Kiel Institute report it.
//!
//! ```text
//! cargo run --example aid
//! cargo run --example aid -- --format csv
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::{AidFilter, Dataset};

const USAGE: &str = "usage: aid [--format table|csv|json]

Aid to Ukraine: the article's comparison, and each donor's latest figure from each source,
with its wording (\"more than\", \"about\"), currency, date and source. Figures are shown
side by side and never added: each is a cumulative total as of a date, and two reports of
one total, or totals from different sources, kinds or currencies, do not add up.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["format"]);
    let format: Format = args.get(USAGE, "format", Format::Table);
    let ds = Dataset::bundled();
    let to_ukraine = AidFilter {
        recipient: Some(
            ds.entity("UKR")
                .unwrap_or_else(|e| common::fail(USAGE, &e.to_string())),
        ),
        ..AidFilter::default()
    };
    let latest = ds.aid_latest(&to_ukraine);
    if common::emit(format, &latest) {
        return;
    }

    println!("The article's comparison (AP, 9 July 2024)");
    println!();
    let article = AidFilter {
        source: Some("ap-stinger-2024".parse().unwrap()),
        ..AidFilter::default()
    };
    for a in ds.aid_latest(&article) {
        println!(
            "  {:<34} {}US${} billion",
            ds.name_of(a.donor),
            a.amount.qualifier.words(),
            num(
                a.amount.money.millions / rust_decimal::Decimal::from(1000),
                1
            )
        );
    }
    println!();
    println!("Each donor's latest figure from each source");
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
    for a in &latest {
        table.row(vec![
            ds.name_of(a.donor),
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
        "Each figure is a cumulative total as of its date, as its source reports it: they are not"
    );
    println!("added together (sources, dates, kinds and currencies differ).");
}
