//! Times loading one file, for the benchmark comparison in `benches/compare/`.
//!
//! ```text
//! cargo run --release --example bench_load -- generate owid.csv 1000000   # a synthetic OWID file
//! cargo run --release --example bench_load -- load owid.csv                # Dataset::load
//! cargo run --release --example bench_load -- floor owid.csv               # csv::ByteRecord only
//! ```
//!
//! Prints one line: `<mode> <rows> <seconds>`.

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", path, rows] => {
            let rows: usize = rows.parse().expect("a number of rows");
            std::fs::write(path, synthetic::owid_csv(rows)).expect("write the file");
        }
        ["load", path] => {
            let t = Instant::now();
            let ds = defense_spending::Dataset::load(path).unwrap_or_else(|e| {
                eprintln!("error: {e}");
                std::process::exit(1)
            });
            let secs = t.elapsed().as_secs_f64();
            println!("load {} {secs:.6}", ds.spending().len());
        }
        ["floor", path] => {
            let t = Instant::now();
            let bytes = std::fs::read(path).expect("read the file");
            let records = synthetic::csv_floor(&bytes);
            let secs = t.elapsed().as_secs_f64();
            // The floor counts the header as a record; the rows are the others.
            println!("floor {} {secs:.6}", records.saturating_sub(1));
        }
        _ => {
            eprintln!("usage: bench_load generate FILE ROWS | load FILE | floor FILE");
            std::process::exit(2)
        }
    }
}
