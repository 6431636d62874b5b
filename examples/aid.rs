//! Military aid to Ukraine by donor, as the article and the Kiel Institute report it; or,
//! given a release of the Kiel Institute's Ukraine Support Tracker, its donors ranked by
//! military commitments.
//!
//! ```text
//! cargo run --example aid
//! cargo run --example aid -- --format csv
//! cargo run --example aid -- --file Ukraine_Support_Tracker.xlsx
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::{AidFilter, Dataset};

const USAGE: &str = "usage: aid [--file PATH] [--format table|csv|json]

With --file, a release of the Kiel Institute's Ukraine Support Tracker (its workbook, any
name): donors ranked by military commitments, the release's total, and each donor's total
commitments as a share of its GDP as Kiel gives it. Without, the bundled data:

Aid to Ukraine: the article's comparison, and each donor's latest figure from each source,
with its wording (\"more than\", \"about\"), currency, date and source. Figures are shown
side by side and never added: each is a cumulative total as of a date, and two reports of
one total, or totals from different sources, kinds or currencies, do not add up.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["format", "file"]);
    let format: Format = args.get(USAGE, "format", Format::Table);
    let loaded = common::dataset(&args, USAGE);
    if !loaded.aid_releases().is_empty() {
        return release(&loaded, format);
    }
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
                defense_spending::AidKind::Financial => "Financial",
                defense_spending::AidKind::Humanitarian => "Humanitarian",
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
        let rows: Vec<_> = latest.iter().filter(|a| a.kind == *kind).collect();
        if rows.is_empty() {
            continue;
        }
        for a in rows {
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

/// A loaded release: donors ranked by military commitments, with the release's total and
/// each donor's total commitments as a share of its GDP as Kiel gives it.
fn release(ds: &Dataset, format: Format) {
    use defense_spending::{AidBasis, AidKind};
    for r in ds.aid_releases() {
        let military = AidFilter {
            kind: Some(AidKind::Military),
            basis: Some(AidBasis::Commitments),
            source: Some(r.source),
            ..AidFilter::default()
        };
        let mut rows = ds.aid_latest(&military);
        rows.sort_by_key(|a| std::cmp::Reverse(a.amount.money.millions));
        if common::emit(format, &rows) {
            continue;
        }
        let title = ds.source(&r.source).map_or("", |s| s.title.as_str());
        println!("{title}");
        println!("Source {}", r.source);
        println!("SHA-256 {}", r.sha256);
        println!();
        let share_of = |donor| {
            let total = AidFilter {
                donor: Some(donor),
                kind: Some(AidKind::Total),
                ..military.clone()
            };
            ds.aid_latest(&total)
                .first()
                .and_then(|a| a.share_of_gdp)
                .map_or_else(String::new, |s| format!("{} %", num(s, 3)))
        };
        let mut table = Table::new(&[
            ("#", Align::Right),
            ("Donor", Align::Left),
            ("Military commitments, EUR million", Align::Right),
            ("All commitments, % of GDP (Kiel)", Align::Right),
        ]);
        for (i, a) in rows.iter().enumerate() {
            table.row(vec![
                (i + 1).to_string(),
                ds.name_of(a.donor),
                num(a.amount.money.millions, 1),
                share_of(a.donor),
            ]);
        }
        match ds.aid_sum(&military) {
            Ok(total) => table.row(vec![
                String::new(),
                format!("Total ({} donors)", total.donors.len()),
                num(total.amount.money.millions, 1),
                String::new(),
            ]),
            Err(e) => common::fail(USAGE, &e.to_string()),
        }
        print!("{}", table.render(100));
        println!();
        println!(
            "Cumulative from {} to {}. The total is the release's own Total row; the EU's",
            r.covers_from, r.covers_to
        );
        println!("institutions are donors of their own. Figures rounded here to 0.1 million.");
    }
}
