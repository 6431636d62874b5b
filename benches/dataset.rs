//! Benchmarks of the bundled dataset and the per-year queries.
//!
//! Each group measures a baseline in the same run, so that results read as ratios:
//! - `bundled`: parsing the embedded files (`Dataset::parse_bundled`, what the first call of
//!   `Dataset::bundled()` does) against the floor of merely iterating the same bytes as
//!   `csv::ByteRecord`s; and the later, cached calls of `Dataset::bundled()`.
//! - `meeting_target`: the indexed query against a full scan of every record.
//!
//! Run with `cargo bench --features bench --bench dataset`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use defense_spending::Dataset;
use rust_decimal::Decimal;

const FILES: [&str; 7] = [
    include_str!("../data/sources.csv"),
    include_str!("../data/members.csv"),
    include_str!("../data/aggregates.csv"),
    include_str!("../data/spending.csv"),
    include_str!("../data/pledges.csv"),
    include_str!("../data/contracts.csv"),
    include_str!("../data/aid.csv"),
];

fn csv_floor() -> usize {
    let mut fields = 0;
    let mut record = csv::ByteRecord::new();
    for text in FILES {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        while reader.read_byte_record(&mut record).unwrap() {
            fields += record.len();
        }
    }
    fields
}

fn bundled(c: &mut Criterion) {
    let mut g = c.benchmark_group("bundled");
    g.bench_function("csv_floor", |b| b.iter(|| black_box(csv_floor())));
    g.bench_function("parse_bundled", |b| {
        b.iter(|| black_box(Dataset::parse_bundled().unwrap()))
    });
    Dataset::bundled();
    g.bench_function("bundled_cached", |b| {
        b.iter(|| black_box(Dataset::bundled()))
    });
    g.finish();
}

fn meeting_target(c: &mut Criterion) {
    let ds = Dataset::bundled();
    let mut g = c.benchmark_group("meeting_target");
    g.bench_function("full_scan_baseline", |b| {
        b.iter(|| {
            let mut hits: Vec<_> = ds
                .spending()
                .iter()
                .filter(|r| r.year == 2024 && r.country.is_country())
                .filter(|r| r.share_of_gdp.is_some_and(|s| s >= Decimal::TWO))
                .collect();
            hits.sort_by_key(|r| std::cmp::Reverse(r.share_of_gdp));
            black_box(hits)
        })
    });
    g.bench_function("meeting_target_2024", |b| {
        b.iter(|| black_box(ds.meeting_target(black_box(2024), Decimal::TWO)))
    });
    g.bench_function("count_meeting_target_all_years", |b| {
        b.iter(|| black_box(ds.count_meeting_target(Decimal::TWO)))
    });
    g.finish();
}

criterion_group!(benches, bundled, meeting_target);
criterion_main!(benches);
