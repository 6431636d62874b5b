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
    for kind in defense_spending::AidKind::ALL {
        println!();
        println!(
            "{} aid: each donor's latest figure from each source",
            match kind {
                defense_spending::AidKind::Military => "Military",
                defense_spending::AidKind::Total => "All (military, financial, humanitarian)",
            }
        );
        println!();
        let mut table = Table::new(&[
            ("Donor", Align::Left),
            ("Basis", Align::Left),
            ("Amount, million", Align::Right),
            ("Period", Align::Left),
            ("Source", Align::Left),
        ]);
        for a in latest.iter().filter(|a| a.kind == *kind) {
            table.row(vec![
                ds.name_of(a.donor),
                a.basis.to_string(),
                format!(
                    "{}{} {}",
                    a.amount.qualifier.words(),
                    a.amount.money.currency,
                    num(a.amount.money.millions, 0)
                ),
                match (a.period_start, a.as_of) {
                    (Some(start), Some(end)) => format!("{start}–{end}"),
                    (None, Some(end)) => format!("–{end}"),
                    (Some(start), None) => format!("{start}–"),
                    (None, None) => String::new(),
                },
                a.source.to_string(),
            ]);
        }
        print!("{}", table.render(100));
    }
    println!();
    println!("Each figure is as its source reports it: a cumulative total to a date (\"–date\"),");
    println!(
        "or the aid of a stated period. They are not added together: sources, periods, kinds,"
    );
    println!("bases and currencies differ (Dataset::aid_sum adds only figures that add up).");
}
