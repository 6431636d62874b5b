//! A line chart of how many Allies spent at least 2 % of GDP each year, against the number
//! of Allies.
//!
//! ```text
//! cargo run --features charts --example chart_count -- --out count.svg
//! ```

mod charts;
mod common;

use common::Args;

const USAGE: &str = "usage: chart_count [--out FILE.svg] [--file PATH]

Draws the number of Allies at or above 2% of GDP per year, with the number of members each
year for comparison. Default output: count.svg";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["out", "file"]);
    let out: String = args.get(USAGE, "out", "count.svg".to_owned());
    let ds = common::dataset(&args, USAGE);
    common::write_svg(USAGE, &out, charts::count(&ds));
}
