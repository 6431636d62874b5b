//! Property tests, with bounded case counts so that the normal test run stays fast:
//!
//! - any dataset of spending records, built only through the public API, written with
//!   [`write_csv`] and loaded back with [`Dataset::from_csv_str`], is the same dataset:
//!   the same records in the same order, every decimal with the same digits;
//! - arbitrary bytes, and the real files of every format mutated at random, give `Ok` or
//!   `Err` from every loading function, never a panic.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use defense_spending::model::spending::Range;
use defense_spending::output::write_csv;
use defense_spending::{Dataset, Entity, Metric, SourceId, SpendingRecord};
use proptest::prelude::*;
use rust_decimal::Decimal;

mod common;

/// Countries (ISO codes) and aggregate ids to draw from.
const ENTITIES: &[&str] = &[
    "POL",
    "USA",
    "DEU",
    "FRA",
    "EST",
    "ISL",
    "KWT",
    "AFG",
    "CIV",
    "NATO_TOTAL",
    "NATO_EUCAN",
    "WB_WLD",
    "OWID_KOS",
    "SIPRI_EU",
    "X_1",
];

fn entity() -> impl Strategy<Value = Entity> {
    prop_oneof![
        prop::sample::select(ENTITIES).prop_map(|s| s.parse::<Entity>().unwrap()),
        // Any well-formed aggregate id.
        "[A-Z][A-Z0-9]{0,8}_[A-Z0-9_]{0,20}".prop_map(|s| s.parse::<Entity>().unwrap()),
    ]
}

/// Any valid source id: what `SourceId` accepts, including commas, quotes, non-ASCII
/// letters and the characters a spreadsheet reads as a formula (`=`, `+`, `-`, `@`).
fn source() -> impl Strategy<Value = SourceId> {
    prop_oneof![
        Just("nato-def-exp-2024".to_owned()),
        "[a-z0-9-]{1,40}",
        "[=+@,\"' a-zA-Z0-9éü€-]{1,30}",
        "\\PC{1,60}",
    ]
    .prop_filter_map("not a source id", |s| s.parse::<SourceId>().ok())
}

/// A decimal as the crate's CSV format writes it: no exponent, at most 28 significant
/// digits, within `range`, at most 10^15 in magnitude.
fn decimal(range: Range) -> impl Strategy<Value = Decimal> {
    let max = 10i128.pow(28) - 1;
    (0..=max, 0u32..=28, any::<bool>(), 0u32..29).prop_map(move |(m, scale, negative, digits)| {
        // Fewer digits most of the time: real figures are short.
        let m = m % 10i128.pow(digits.max(1));
        let mut d = Decimal::from_i128_with_scale(m, scale);
        let cap = Decimal::from(1_000_000_000_000_000i64);
        if d > cap {
            d = d.checked_rem(cap).unwrap();
        }
        match range {
            Range::Percent if d > Decimal::ONE_HUNDRED => {
                d = Decimal::from_i128_with_scale(m % 10i128.pow(scale + 2), scale)
                    .min(Decimal::ONE_HUNDRED);
            }
            // Not -0: a negative zero is written "-0" and read as 0, equal in value
            // but not in digits (`Decimal` keeps the sign of a zero).
            Range::Any if negative && !d.is_zero() => d.set_sign_negative(true),
            _ => {}
        }
        d
    })
}

fn figures() -> impl Strategy<Value = Vec<Option<Decimal>>> {
    Metric::ALL
        .iter()
        .map(|m| prop::option::weighted(0.6, decimal(m.range())).boxed())
        .collect::<Vec<_>>()
}

fn record() -> impl Strategy<Value = SpendingRecord> {
    (
        entity(),
        1800u16..=2200,
        source(),
        figures(),
        prop::option::of(1800u16..=2200),
        any::<bool>(),
    )
        .prop_map(|(e, year, source, figures, base, estimate)| {
            let mut r = SpendingRecord::new(e, year, source);
            for (m, v) in Metric::ALL.iter().zip(figures) {
                r.set(*m, v);
            }
            let priced = Metric::ALL
                .iter()
                .any(|m| m.is_constant_price() && r.get(*m).is_some());
            // A constant-price figure needs its base year (the format requires it).
            r.set_price_base_year(if priced { base.or(Some(2015)) } else { base });
            r.estimate = estimate;
            r
        })
}

/// Records without two of the same country, year and source.
fn records() -> impl Strategy<Value = Vec<SpendingRecord>> {
    prop::collection::vec(record(), 0..40).prop_map(|rs| {
        let mut seen = HashSet::new();
        rs.into_iter()
            .filter(|r| seen.insert((r.country.to_string(), r.year, r.source.to_string())))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn written_records_load_back_identical(records in records()) {
        let mut buf = Vec::new();
        write_csv(&mut buf, &records).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let ds = Dataset::from_csv_str("roundtrip.csv", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(ds.spending(), &records[..]);
        for (got, want) in ds.spending().iter().zip(&records) {
            prop_assert_eq!(&got.source, &want.source);
            for &m in Metric::ALL.iter() {
                // The same digits, not only the same value (2.50 stays 2.50).
                prop_assert_eq!(
                    got.get(m).map(|d| d.to_string()),
                    want.get(m).map(|d| d.to_string())
                );
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}", bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = Dataset::from_csv_str("any.csv", &text);
        let _ = Dataset::from_csv_str("any.csv", &String::from_utf8_lossy(&bytes));
        let _ = Dataset::from_bytes("any.csv", &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_a_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), zip in any::<bool>()) {
        let mut bytes = bytes;
        if zip {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        let path = std::env::temp_dir().join(format!("ds-prop-{}.csv", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let _ = Dataset::load(&path);
        std::fs::remove_file(&path).unwrap();
    }
}

/// Edits to apply to a file: at a position (a fraction of its length), an operation and
/// a byte.
type Edits = Vec<(f64, u8, u8)>;

/// Bytes that matter to the loaders, to insert more often than any byte.
const INTERESTING: &[u8] = b",\"\n\r\0\xEF\xBB\xBF-.eE%9_ ";

fn mutate(original: &[u8], edits: &Edits) -> Vec<u8> {
    let mut b = original.to_vec();
    for &(at, op, byte) in edits {
        if b.is_empty() {
            b.push(byte);
            continue;
        }
        let i = ((b.len() - 1) as f64 * at) as usize;
        let special = INTERESTING[usize::from(byte) % INTERESTING.len()];
        match op % 7 {
            0 => b[i] = byte,
            1 => b[i] = special,
            2 => b.insert(i, special),
            3 => {
                let end = (i + usize::from(byte)).min(b.len());
                b.drain(i..end);
            }
            4 => {
                // Repeat a stretch (a duplicated row, say).
                let end = (i + usize::from(byte) * 4).min(b.len());
                let stretch = b[i..end].to_vec();
                b.splice(i..i, stretch);
            }
            5 => b.truncate(i),
            _ => b[i] ^= 1 << (byte % 8),
        }
    }
    b
}

fn edits(n: usize) -> impl Strategy<Value = Edits> {
    prop::collection::vec((0.0..1.0f64, any::<u8>(), any::<u8>()), 1..n)
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The bytes of the publisher's real file `rel` (in the shared fixtures folder:
/// `tests/common/fixtures.rs`), read once; `None` where it is missing, reported once and
/// not for every case.
fn real(rel: &'static str) -> Option<&'static [u8]> {
    type Files = HashMap<&'static str, Option<&'static [u8]>>;
    static FILES: Mutex<Option<Files>> = Mutex::new(None);
    let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
    *files
        .get_or_insert_with(HashMap::new)
        .entry(rel)
        .or_insert_with(|| common::real_bytes(rel).map(|b| &*b.leak()))
}

fn never_panics(name: &str, original: &[u8], edits: &Edits) {
    let bytes = mutate(original, edits);
    let _ = Dataset::from_bytes(name, &bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mutated_native_files_never_panic(e in edits(12), which in 0usize..7) {
        let files = ["spending", "sources", "members", "aggregates", "pledges", "contracts", "aid"];
        let name = format!("data/{}.csv", files[which]);
        never_panics(&name, &fixture(&name), &e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_world_bank_files_never_panic(e in edits(12), meta in any::<bool>()) {
        let name = if meta {
            "worldbank/Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv"
        } else {
            "worldbank/API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv"
        };
        let Some(original) = real(name) else { return Ok(()) };
        never_panics(name, original, &e);
    }

    #[test]
    fn mutated_owid_files_never_panic(e in edits(12)) {
        let name = "owid/military-expenditure-share-gdp.csv";
        let Some(original) = real(name) else { return Ok(()) };
        never_panics(name, original, &e);
    }
}

#[cfg(feature = "xlsx")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn mutated_workbooks_never_panic(e in edits(6)) {
        let name = "nato/240617-def-exp-2024-TABLES-en.xlsx";
        let Some(original) = real(name) else { return Ok(()) };
        never_panics(name, original, &e);
    }
}

/// `bytes` zipped as one file, `name`.
fn zipped(name: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, options).unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_wide_tables_never_panic(e in edits(12), which in 0usize..9, european in any::<bool>()) {
        let name = "wide/nato_defense_spending_clean.csv";
        let Some(original) = real(name) else { return Ok(()) };
        let mut original = original.to_vec();
        if european {
            // As a European Excel saves it: `;` between fields, decimal commas.
            original = String::from_utf8(original)
                .unwrap()
                .replace(',', ";")
                .replace('.', ",")
                .into_bytes();
        }
        let bytes = mutate(&original, &e);
        let _ = defense_spending::LoadOptions::new()
            .metric(Metric::ALL[which])
            .from_bytes(name, &bytes);
    }

    #[test]
    fn mutated_archives_never_panic(e in edits(8), inside in any::<bool>()) {
        let name = "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
        let Some(original) = real(name) else { return Ok(()) };
        let zip = if inside {
            // The file inside mutated, the archive well formed.
            zipped("API.csv", &mutate(original, &e))
        } else {
            // The archive's own bytes mutated.
            mutate(&zipped("API.csv", original), &e)
        };
        let _ = Dataset::from_bytes("download.zip", &zip);
    }
}
