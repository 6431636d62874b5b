//! Loading benchmarks: every figure against a baseline measured in the same run.
//!
//! - `owid_synthetic/{floor,load}/N`: a synthetic Our World in Data file of N rows
//!   (`benches/synthetic.rs`, the same bytes every run), N = 10k, 100k and 1M. The floor is
//!   reading the file and iterating its records with `csv::ByteRecord`, nothing else;
//!   `load` is `Dataset::load` (typed, validated, indexed). Throughput is per row, so the
//!   cost per row at 1M can be read against the cost per row at 10k.
//! - `fixtures/{floor,load}/FILE`: the publishers' real files, from the shared fixtures
//!   folder (`../shared/fixtures` or `$DEFENSE_SPENDING_FIXTURES`, found as the tests find
//!   them: `tests/common/fixtures.rs`; a missing one is left out with a line saying so).
//!   The floor for a workbook is opening it with calamine and reading every sheet's cells.
//! - `queries_1m/…`: per-year and per-country queries on the 1M-row dataset, against a
//!   scan of every record answering the same question.
//!
//! Run: `cargo bench --features bench --bench load`. See `benches/README.md` for the latest figures.

#[path = "synthetic.rs"]
mod synthetic;

#[path = "../tests/common/fixtures.rs"]
mod fixtures;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use defense_spending::{Dataset, Entity, Metric};
use rust_decimal::Decimal;

fn synthetic_file(rows: usize) -> PathBuf {
    let dir = std::env::temp_dir().join("defense-spending-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("owid-{rows}.csv"));
    let bytes = synthetic::owid_csv(rows);
    if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(&path, &bytes).unwrap();
    }
    path
}

fn floor(path: &Path) -> usize {
    synthetic::csv_floor(&std::fs::read(path).unwrap())
}

/// The last part of a path, for a benchmark's name.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn owid_synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("owid_synthetic");
    for rows in [10_000usize, 100_000, 1_000_000] {
        let path = synthetic_file(rows);
        g.throughput(Throughput::Elements(rows as u64));
        if rows >= 1_000_000 {
            g.sample_size(10).measurement_time(Duration::from_secs(8));
        } else {
            g.sample_size(20).measurement_time(Duration::from_secs(4));
        }
        g.bench_with_input(BenchmarkId::new("floor", rows), &path, |b, p| {
            b.iter(|| black_box(floor(p)))
        });
        g.bench_with_input(BenchmarkId::new("load", rows), &path, |b, p| {
            // The dataset is dropped outside the timing: loading is what is measured.
            b.iter_with_large_drop(|| Dataset::load(p).unwrap())
        });
    }
    g.finish();
}

#[cfg(feature = "xlsx")]
fn workbook_floor(path: &Path) -> usize {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let mut cells = 0;
    for name in wb.sheet_names() {
        if let Ok(range) = wb.worksheet_range(&name) {
            cells += range.used_cells().count();
        }
    }
    cells
}

fn fixtures(c: &mut Criterion) {
    let mut g = c.benchmark_group("fixtures");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    let csv = [
        "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv",
        "worldbank/API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv",
        "owid/military-expenditure-share-gdp.csv",
        "owid/military-spending-as-a-share-of-gdp-sipri.csv",
    ];
    for name in csv {
        let Some(path) = fixtures::real_file(name) else {
            continue;
        };
        let short = file_name(name);
        g.bench_with_input(BenchmarkId::new("floor", &short), &path, |b, p| {
            b.iter(|| black_box(floor(p)))
        });
        g.bench_with_input(BenchmarkId::new("load", &short), &path, |b, p| {
            // The dataset is dropped outside the timing: loading is what is measured.
            b.iter_with_large_drop(|| Dataset::load(p).unwrap())
        });
    }
    #[cfg(feature = "xlsx")]
    for name in [
        "nato/240617-def-exp-2024-TABLES-en.xlsx",
        "sipri/SIPRI-Milex-data-1948-2023.xlsx",
    ] {
        let Some(path) = fixtures::real_file(name) else {
            continue;
        };
        let short = file_name(name);
        g.bench_with_input(BenchmarkId::new("floor", &short), &path, |b, p| {
            b.iter(|| black_box(workbook_floor(p)))
        });
        g.bench_with_input(BenchmarkId::new("load", &short), &path, |b, p| {
            // The dataset is dropped outside the timing: loading is what is measured.
            b.iter_with_large_drop(|| Dataset::load(p).unwrap())
        });
    }
    g.finish();
}

fn queries_1m(c: &mut Criterion) {
    let ds = Dataset::load(synthetic_file(1_000_000)).unwrap();
    let pol: Entity = "POL".parse().unwrap();
    let mut g = c.benchmark_group("queries_1m");
    g.sample_size(30).measurement_time(Duration::from_secs(3));
    g.bench_function("scan_baseline/countries_at_or_above_2000", |b| {
        b.iter(|| {
            let mut hits: Vec<_> = ds
                .spending()
                .iter()
                .filter(|r| r.year == black_box(2000) && r.country.is_country())
                .filter(|r| r.share_of_gdp.is_some_and(|s| s >= Decimal::TWO))
                .collect();
            hits.sort_by_key(|r| std::cmp::Reverse(r.share_of_gdp));
            black_box(hits)
        })
    });
    g.bench_function("indexed/countries_at_or_above_2000", |b| {
        b.iter(|| black_box(ds.countries_at_or_above(black_box(2000), Decimal::TWO)))
    });
    g.bench_function("indexed/meeting_target_2000", |b| {
        b.iter(|| black_box(ds.meeting_target(black_box(2000), Decimal::TWO)))
    });
    g.bench_function("indexed/ranking_2000", |b| {
        b.iter(|| black_box(ds.ranking(black_box(2000), Metric::ShareOfGdp)))
    });
    g.bench_function("scan_baseline/series_pol", |b| {
        b.iter(|| {
            black_box(
                ds.spending()
                    .iter()
                    .filter(|r| r.country == black_box(pol))
                    .count(),
            )
        })
    });
    g.bench_function("indexed/series_pol", |b| {
        b.iter(|| black_box(ds.series(black_box(&pol)).count()))
    });
    g.finish();
}

criterion_group!(benches, owid_synthetic, fixtures, queries_1m);
criterion_main!(benches);
