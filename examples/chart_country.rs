//! One Ally's share of GDP over time against the 2 %, 3.5 % and 5 % targets.
//!
//! ```text
//! cargo run --features charts --example chart_country -- --country POL --out pol.svg
//! ```

mod charts;
mod common;

use common::Args;
use defense_spending::Entity;

const USAGE: &str = "usage: chart_country [--country ISO3] [--out FILE.svg] [--file PATH]

Draws one country's defence spending as a share of GDP over time (default POL), with lines
at 2%, 3.5% and 5%. Default output: <country>.svg";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["country", "out", "file"]);
    let country: Entity = args.get(USAGE, "country", "POL".parse().unwrap());
    let out: String = args.get(
        USAGE,
        "out",
        format!("{}.svg", country.as_str().to_lowercase()),
    );
    let ds = common::dataset(&args, USAGE);
    common::write_svg(USAGE, &out, charts::country(&ds, &country));
}
