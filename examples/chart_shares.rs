//! A bar chart of every Ally's share of GDP in a year, with the 2 %, 3.5 % and 5 % lines.
//!
//! ```text
//! cargo run --example chart_shares -- --year 2024 --out shares.svg
//! cargo run --example chart_shares -- --file my-data/ --year 2023 --out shares.svg
//! ```

mod charts;
mod common;

use common::Args;
use defense_spending::Dataset;

const USAGE: &str = "usage: chart_shares [--year YEAR] [--out FILE.svg] [--file PATH]

Draws every Ally's defence spending as a share of GDP in YEAR (default 2024) as an SVG bar
chart, sorted, with lines at 2%, 3.5% and 5%. --file charts a loaded file or folder
instead of the bundled data. Default output: shares.svg";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "out", "file"]);
    let year: u16 = args.get(USAGE, "year", 2024);
    let out: String = args.get(USAGE, "out", "shares.svg".to_owned());
    let loaded;
    let ds = match args.opt::<String>(USAGE, "file") {
        Some(path) => {
            loaded = Dataset::load(&path).unwrap_or_else(|e| common::fail(USAGE, &e.to_string()));
            &loaded
        }
        None => Dataset::bundled(),
    };
    let svg = charts::shares(ds, year).unwrap_or_else(|e| common::fail(USAGE, &e.to_string()));
    std::fs::write(&out, svg).unwrap_or_else(|e| common::fail(USAGE, &format!("{out}: {e}")));
    println!("wrote {out}");
}
