//! One Ally's series: share of GDP, spending in US$, equipment share, real change.
//!
//! ```text
//! cargo run --example member_profile                   # Poland
//! cargo run --example member_profile -- --country EST
//! ```

mod common;

use common::{Align, Args, Table};
use defense_spending::{CountryCode, Dataset, Metric};

const USAGE: &str = "usage: member_profile [--country ISO3]

One Ally's defence spending, year by year (default POL), from the bundled NATO figures.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["country"]);
    let code: CountryCode = args.get(USAGE, "country", CountryCode::lookup("POL").unwrap());

    let ds = Dataset::bundled();
    let Some(member) = ds.member(code) else {
        common::fail(
            USAGE,
            &format!("{code} ({}) is not a NATO Ally", code.iso_name()),
        );
    };
    println!(
        "{} ({}), NATO Ally since {}",
        member.name, member.code, member.joined
    );
    println!();

    let metrics = [
        (Metric::ShareOfGdp, "% of GDP"),
        (Metric::ExpenditureCurrent, "US$ m current"),
        (Metric::ExpenditureConstant, "US$ m 2015 prices"),
        (Metric::EquipmentShare, "% equipment"),
        (Metric::RealChange, "% real change"),
    ];
    let mut headers = vec![("Year", Align::Left)];
    headers.extend(metrics.iter().map(|(_, h)| (*h, Align::Right)));
    headers.push(("", Align::Left));
    let mut table = Table::new(&headers);
    let series: Vec<_> = ds.series(code).collect();
    for r in &series {
        let mut row = vec![r.year.to_string()];
        for (m, _) in metrics {
            // As NATO prints each metric: `Figure` rounds half away from zero.
            row.push(match r.figure(m) {
                Some(v) => v.to_string(),
                None => "-".into(),
            });
        }
        row.push(if r.estimate {
            "estimate".into()
        } else {
            String::new()
        });
        table.row(row);
    }
    if series.is_empty() {
        println!("No figures for {}.", member.name);
        return;
    }
    print!("{}", table.render(100));
    if series.iter().all(|r| r.share_of_gdp.is_none()) {
        println!(
            "\n{} publishes no defence expenditure (Iceland has no armed forces).",
            member.name
        );
    }
    let mut ids: Vec<_> = series.iter().map(|r| r.source).collect();
    ids.dedup();
    for id in ids {
        if let Some(s) = ds.source(&id) {
            println!("\nSource: {}, {}.", s.publisher, s.title);
            if let Some(url) = &s.url {
                println!("{url}");
            }
        }
    }
    for p in ds
        .pledges()
        .iter()
        .filter(|p| p.subject.to_string() == code.as_str())
    {
        let line = format!("Pledge: {} ({})", p.name, p.statement);
        println!("{}", common::wrap(&line, 100, "  "));
    }
}
