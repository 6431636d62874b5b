//! The article's headline: who spends at least 2 % of GDP on defence.
//!
//! ```text
//! cargo run --example two_percent                  # 2024, NATO's June 2024 estimates
//! cargo run --example two_percent -- --year 2014
//! cargo run --example two_percent -- --year 2024 --target 3.5
//! ```

mod common;

use common::{Align, Args, Table};
use defense_spending::{Dataset, Entity, Metric};
use rust_decimal::Decimal;

const USAGE: &str = "usage: two_percent [--year YEAR] [--target PERCENT]

Every Ally's defence spending as a share of GDP in YEAR (default 2024), highest first,
marked at or above / below TARGET percent (default 2), and the count of Allies meeting it.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "target"]);
    let year: u16 = args.get(USAGE, "year", 2024);
    let target: Decimal = args.get(USAGE, "target", Decimal::TWO);

    let ds = Dataset::bundled();
    // A year outside the data is an error ("no spending figures for 2030 in this dataset
    // (it covers 2014-2024)"), never an empty list.
    let ranked = ds
        .ranking(year, Metric::ShareOfGdp)
        .unwrap_or_else(|e| common::fail(USAGE, &e.to_string()));
    let meeting = ds
        .meeting_target(year, target)
        .unwrap_or_else(|e| common::fail(USAGE, &e.to_string()));
    let members: Vec<_> = ds.members_in(year).collect();

    let mut table = Table::new(&[
        ("#", Align::Right),
        ("Ally", Align::Left),
        ("Code", Align::Left),
        ("% of GDP", Align::Right),
        ("", Align::Left),
        (&format!("{target} % guideline"), Align::Left),
    ]);
    for (i, r) in ranked.iter().enumerate() {
        // Shown as NATO prints it: rounded half away from zero, two decimals.
        let share = r.share().map(|s| s.to_string()).unwrap_or_default();
        let at = r.share_of_gdp.is_some_and(|s| s >= target);
        table.row(vec![
            (i + 1).to_string(),
            ds.name_of(r.country),
            r.country.to_string(),
            share,
            if r.estimate {
                "e".into()
            } else {
                String::new()
            },
            if at {
                "at or above".into()
            } else {
                "below".into()
            },
        ]);
    }
    // Allies without a figure (Iceland has no armed forces).
    for m in &members {
        let e = Entity::Country(m.code);
        if !ranked.iter().any(|r| r.country == e) {
            table.row(vec![
                String::new(),
                m.name.clone(),
                m.code.to_string(),
                "-".into(),
                String::new(),
                "no figure".into(),
            ]);
        }
    }

    let sources: Vec<String> = {
        let mut ids: Vec<_> = ranked.iter().map(|r| r.source).collect();
        ids.dedup();
        ids.iter()
            .map(|id| match ds.source(id) {
                Some(s) => format!(
                    "{}, {} ({})",
                    s.publisher,
                    s.title,
                    s.published.map(|d| d.to_string()).unwrap_or_default()
                ),
                None => id.to_string(),
            })
            .collect()
    };

    println!("Defence expenditure as a share of GDP, {year}");
    println!();
    print!("{}", table.render(100));
    println!();
    println!(
        "{} of {} Allies at or above {target} % of GDP in {year}.",
        meeting.len(),
        members.len()
    );
    if ranked.iter().any(|r| r.estimate) {
        println!("e = estimate.");
    }
    println!("Share of real GDP (2015 prices).");
    println!("Source: {}", sources.join("; "));
}
