//! Pledges and targets against the figures: who kept their word; and what ministers said
//! their countries spend, against the figures.
//!
//! ```text
//! cargo run --example pledges                 # every national pledge and statement, and summaries
//! cargo run --example pledges -- --year 2024  # every check for 2024
//! ```

mod common;

use std::collections::BTreeMap;

use common::{Align, Args, Format, Table};
use defense_spending::{Dataset, Pledge, PledgeMetric, PledgeStatus, Subject};

fn metric_label(m: PledgeMetric) -> &'static str {
    match m {
        PledgeMetric::ShareOfGdp => "% of GDP",
        PledgeMetric::EquipmentShare => "% on equipment",
        PledgeMetric::RelatedShareOfGdp => "% of GDP related",
        PledgeMetric::CoreAndRelatedShareOfGdp => "% of GDP in all",
    }
}

/// What is pledged or stated, in a few words: "at least 2 % of GDP", or "no figure".
fn target(p: &Pledge) -> String {
    match p.threshold {
        Some(t) => format!("{} {}", t.bound, metric_label(t.metric)),
        None => "no figure".to_owned(),
    }
}

const USAGE: &str = "usage: pledges [--year YEAR] [--format table|csv|json]

NATO's guidelines and pledges (2006, Wales 2014, Vilnius 2023, Washington 2024, The Hague
2025), the article's national pledge and its statements of spending, against the bundled
figures. A pledge is kept, missed, pending or not applicable; a statement of spending is
consistent or inconsistent with the figure, or only stated where there is none; a pledge
that names no figure is no_threshold. With --year, every Ally's check for that year.
CSV columns: subject,pledge,year,threshold,actual,status";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "format"]);
    let year: Option<u16> = args.opt(USAGE, "year");
    let format: Format = args.get(USAGE, "format", Format::Table);

    let ds = Dataset::bundled();
    let checks = ds.pledge_checks();
    let selected: Vec<_> = checks
        .iter()
        .filter(|c| year.is_none_or(|y| c.year == Some(y)))
        .cloned()
        .collect();
    if common::emit(format, &selected) {
        return;
    }

    println!("Pledges and targets");
    println!();
    let mut table = Table::new(&[
        ("Pledge", Align::Left),
        ("Who", Align::Left),
        ("Target", Align::Left),
        ("Year", Align::Right),
        ("Kept", Align::Right),
        ("Missed", Align::Right),
        ("Pending", Align::Right),
        ("N/A", Align::Right),
    ]);
    // Summary: one line per pledge and year.
    let mut summary: BTreeMap<(usize, Option<u16>), [usize; 4]> = BTreeMap::new();
    for c in &checks {
        let order = ds
            .pledges()
            .iter()
            .position(|p| p.id == c.pledge)
            .unwrap_or(usize::MAX);
        let slot = summary.entry((order, c.year)).or_default();
        match c.status {
            PledgeStatus::Kept => slot[0] += 1,
            PledgeStatus::Missed => slot[1] += 1,
            PledgeStatus::Pending => slot[2] += 1,
            _ => slot[3] += 1,
        }
    }
    for ((order, y), counts) in &summary {
        if year.is_some_and(|want| *y != Some(want)) {
            continue;
        }
        let p = &ds.pledges()[*order];
        // A statement of spending, or a pledge without a figure, is not counted as kept or
        // missed: its one status is shown instead.
        let verdict = checks
            .iter()
            .find(|c| c.pledge == p.id)
            .map(|c| c.status)
            .filter(|s| {
                matches!(
                    s,
                    PledgeStatus::Stated
                        | PledgeStatus::Consistent
                        | PledgeStatus::Inconsistent
                        | PledgeStatus::NoThreshold
                )
            });
        let counts: Vec<String> = match verdict {
            Some(s) => vec![s.to_string(), String::new(), String::new(), String::new()],
            None => counts.iter().map(|n| n.to_string()).collect(),
        };
        let mut cells = vec![
            p.name.clone(),
            p.subject.to_string(),
            target(p),
            y.map(|y| y.to_string()).unwrap_or_default(),
        ];
        cells.extend(counts);
        table.row(cells);
    }
    print!("{}", table.render(100));

    println!();
    match year {
        Some(y) => println!("{y}: national pledges, and every Ally not keeping a pledge"),
        None => println!("National pledges and statements of spending"),
    }
    println!();
    let mut national = Table::new(&[
        ("Subject", Align::Left),
        ("Pledge", Align::Left),
        ("Year", Align::Right),
        ("Target %", Align::Right),
        ("Actual %", Align::Right),
        ("Status", Align::Left),
    ]);
    for c in checks.iter().filter(|c| {
        let p = ds.pledges().iter().find(|p| p.id == c.pledge);
        p.is_some_and(|p| p.subject != Subject::Alliance)
            || year.is_some_and(|y| c.year == Some(y) && c.status != PledgeStatus::Kept)
    }) {
        national.row(vec![
            c.subject.to_string(),
            c.pledge.clone(),
            c.year.map(|y| y.to_string()).unwrap_or_default(),
            c.bound.map(|b| b.to_string()).unwrap_or_else(|| "-".into()),
            c.actual
                .map(|a| defense_spending::Figure::percent(a).to_string())
                .unwrap_or_else(|| "-".into()),
            c.status.to_string(),
        ]);
    }
    print!("{}", national.render(100));
    println!();
    println!("Figures: exact values of NATO's June 2024 edition (2023 and 2024 are estimates).");
    println!("Sources of each pledge: data/pledges.csv and data/sources.csv.");
}
