//! Deterministic synthetic Our World in Data files for the benchmarks.
//!
//! `Entity,Code,Year,military_expenditure_share_gdp`, one row per entity and year from 1900
//! to 2024 (125 years), entity after entity as OWID writes them: the 249 ISO 3166-1
//! countries with their names, then as many `OWID_R…` regions as needed. Values are
//! decimals with up to 6 places from a fixed pseudo-random sequence, so every run writes
//! the same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;

pub const FIRST_YEAR: u32 = 1900;
pub const YEARS: u32 = 125;

/// A synthetic OWID grapher CSV of `rows` rows.
pub fn owid_csv(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 40 + 64);
    out.push_str("Entity,Code,Year,military_expenditure_share_gdp\n");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        // xorshift64*: a fixed sequence.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let countries = rust_iso3166::ALL;
    let mut written = 0usize;
    let mut entity = 0usize;
    while written < rows {
        let (name, code) = match countries.get(entity) {
            Some(c) => (c.name.replace(',', ""), c.alpha3.to_owned()),
            None => {
                let k = entity - countries.len();
                (format!("Region {k}"), format!("OWID_R{k}"))
            }
        };
        for y in 0..YEARS {
            if written == rows {
                break;
            }
            let v = next() % 20_000_000;
            let _ = writeln!(
                out,
                "{name},{code},{},{}.{:06}",
                FIRST_YEAR + y,
                v / 1_000_000,
                v % 1_000_000
            );
            written += 1;
        }
        entity += 1;
    }
    out.into_bytes()
}

/// The floor: iterating the file's records with `csv::ByteRecord` and nothing else.
/// Every record counts, the header too, and rows may differ in length (as in the World
/// Bank's files), so that any CSV file has a floor.
pub fn csv_floor(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut n = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        n += 1;
    }
    n
}
