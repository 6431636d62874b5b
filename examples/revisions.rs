//! What changed between two editions or downloads of the same data.
//!
//! ```text
//! cargo run --example revisions                                     # bundled (June 2024) vs a 2025-edition transcription
//! cargo run --example revisions -- OLD_FILE_OR_FOLDER NEW_FILE_OR_FOLDER --format csv
//! ```

mod common;

use common::{num, Align, Args, Format, Table};
use defense_spending::query::revisions;
use defense_spending::Dataset;

const USAGE: &str = "usage: revisions [OLD NEW] [--format table|csv|json]

Every country-year-metric whose value differs between OLD and NEW (files or folders in any
format the crate reads). Without arguments: the bundled June 2024 edition against
tests/fixtures/nato-2025-edition, a share-of-GDP series that is not NATO's file but a third
party's copy, attributed to NATO's August 2025 edition with medium confidence.
CSV columns: country,year,metric,old,new,change";

fn load(path: &str) -> Dataset {
    Dataset::load(path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    })
}

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["format"]);
    let format: Format = args.get(USAGE, "format", Format::Table);
    let (old, new) = match args.positional.as_slice() {
        [] => (
            Dataset::bundled().clone(),
            load(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/nato-2025-edition"
            )),
        ),
        [a, b] => (load(a), load(b)),
        _ => common::fail(USAGE, "give two files or folders, or none"),
    };
    let rows = revisions(&old, &new);
    if common::emit(format, &rows) {
        return;
    }
    let mut table = Table::new(&[
        ("Country", Align::Left),
        ("Year", Align::Right),
        ("Metric", Align::Left),
        ("Old", Align::Right),
        ("New", Align::Right),
        ("Change", Align::Right),
    ]);
    for r in rows
        .iter()
        .filter(|r| r.change.abs() >= rust_decimal::Decimal::new(5, 3))
    {
        table.row(vec![
            r.country.to_string(),
            r.year.to_string(),
            r.metric.to_string(),
            num(r.old, 2),
            num(r.new, 2),
            num(r.change, 2),
        ]);
    }
    print!("{}", table.render(100));
    println!();
    println!(
        "{} values differ; the table shows those that change by 0.005 or more (use --format csv for all).",
        rows.len()
    );
    if args.positional.is_empty() {
        println!(
            "Old: NATO's June 2024 workbook. New: not NATO's file but a third party's copy of a"
        );
        println!("share-of-GDP series, attributed to NATO's August 2025 edition with medium");
        println!("confidence (tests/fixtures/nato-2025-edition/sources.csv says why).");
    }
}
