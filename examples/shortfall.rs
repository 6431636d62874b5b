//! How far each Ally is from a target, in dollars.
//!
//! ```text
//! cargo run --example shortfall                                     # 2 % in 2024
//! cargo run --example shortfall -- --year 2024 --target 3.5
//! cargo run --example shortfall -- --year 2024 --target 2 --format csv
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::Dataset;
use rust_decimal::Decimal;

const USAGE: &str = "usage: shortfall [--year YEAR] [--target PERCENT] [--format table|csv|json]

For each Ally below TARGET percent of GDP in YEAR (default 2 and 2024), the extra defence
spending needed, in million US$ at current prices: GDP x (target - share) / 100.
CSV columns: country,year,share_of_gdp,target,shortfall_usd_million";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "target", "format"]);
    let year: u16 = args.get(USAGE, "year", 2024);
    let target: Decimal = args.get(USAGE, "target", Decimal::TWO);
    let format: Format = args.get(USAGE, "format", Format::Table);

    let ds = Dataset::bundled();
    let report = ds
        .shortfalls(year, target)
        .unwrap_or_else(|e| common::fail(USAGE, &e.to_string()));
    if common::emit(format, &report.allies) {
        return;
    }
    println!("Shortfall to {target} % of GDP in {year}, million US$ at current prices");
    println!();
    let mut table = Table::new(&[
        ("Ally", Align::Left),
        ("Code", Align::Left),
        ("% of GDP", Align::Right),
        ("GDP, US$ m", Align::Right),
        ("Shortfall, US$ m", Align::Right),
    ]);
    for s in &report.allies {
        table.row(vec![
            ds.name_of(s.country),
            s.country.to_string(),
            num(s.share_of_gdp, 2),
            num(s.gdp_current, 0),
            num(s.shortfall_usd_million, 0),
        ]);
    }
    print!("{}", table.render(100));
    println!();
    println!(
        "{} Allies below {target} %: together US${} million short.",
        report.allies.len(),
        num(report.total_usd_million, 0)
    );
    println!(
        "NATO's share is of real GDP (2015 prices); multiplying by GDP at current prices is the"
    );
    println!(
        "usual approximation of the gap in dollars. Source: NATO, June 2024 (2024: estimates)."
    );
}
