//! A bar chart of every Ally's share of GDP in a year, with the 2 %, 3.5 % and 5 % lines.
//!
//! ```text
//! cargo run --features charts --example chart_shares -- --year 2024 --out shares.svg
//! cargo run --features charts --example chart_shares -- --file my-data/ --year 2023 --out shares.svg
//! ```

mod charts;
mod common;

use common::Args;

const USAGE: &str = "usage: chart_shares [--year YEAR] [--out FILE.svg] [--file PATH]

Draws every Ally's defence spending as a share of GDP in YEAR (default 2024) as an SVG bar
chart, sorted, with lines at 2%, 3.5% and 5%. --file charts a loaded file or folder
instead of the bundled data. Default output: shares.svg";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "out", "file"]);
    let year: u16 = args.get(USAGE, "year", 2024);
    let out: String = args.get(USAGE, "out", "shares.svg".to_owned());
    let ds = common::dataset(&args, USAGE);
    common::write_svg(USAGE, &out, charts::shares(&ds, year));
}
