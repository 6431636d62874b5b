//! The spending records as Arrow columns: raw little-endian buffers that the Python
//! package hands to `pyarrow.Array.from_buffers`, so that a million records become a
//! frame without a Python object per value.
//!
//! Exactness: a figure column is Arrow `decimal128(38, s)`, where `s` is the largest
//! scale (digits after the point) of the column's values. Each value's `rust_decimal`
//! mantissa is multiplied by `10^(s - scale)`, which is exact: the number is the same,
//! written with more trailing zeros. A mantissa has at most 96 bits and a loaded figure
//! is at most 10^15, so this overflows 38 digits only for a column mixing 16 integer
//! digits with more than 22 decimals; such a column is sent as text instead and built
//! as `decimal256(76, s)` (exact too, only slower).

use defense_spending::{Dataset, Entity, Metric, SourceId, SpendingRecord};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// One column of the spending frame.
pub struct Column {
    /// The column's name (a field of `SpendingRecord`).
    pub name: &'static str,
    /// Its values.
    pub data: ColumnData,
}

/// A column's values, in the form Arrow reads them.
pub enum ColumnData {
    /// Dictionary-encoded text: an `int32` index per row into `values` (each distinct).
    Dictionary {
        indices: Vec<u8>,
        values: Vec<String>,
    },
    /// `int32` values, with a validity bitmap when some are missing.
    Int32 {
        data: Vec<u8>,
        validity: Option<Vec<u8>>,
    },
    /// Booleans, as a bitmap.
    Bool { bits: Vec<u8> },
    /// `decimal128(38, scale)` values, with a validity bitmap when some are missing.
    Decimal128 {
        data: Vec<u8>,
        validity: Option<Vec<u8>>,
        scale: u32,
    },
    /// Decimals too wide for 38 digits at the column's scale, as text.
    DecimalText {
        values: Vec<Option<String>>,
        scale: u32,
    },
    /// A figure no record has.
    NullDecimal,
}

/// The largest magnitude of 38 decimal digits.
const MAX_38_DIGITS: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;

/// `10^k` for `k` in `0..=28` (the largest scale of a `rust_decimal`).
const POW10: [i128; 29] = {
    let mut p = [1i128; 29];
    let mut k = 1;
    while k < 29 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// A bitmap of `n` bits, all clear.
fn bitmap(n: usize) -> Vec<u8> {
    vec![0u8; n.div_ceil(8)]
}

fn set_bit(bits: &mut [u8], i: usize) {
    if let Some(b) = bits.get_mut(i / 8) {
        *b |= 1 << (i % 8);
    }
}

/// Every record of `ds`, one column per field, in the order of the dataclass
/// `SpendingRecord` (the country's name beside its code).
pub fn spending_columns(ds: &Dataset) -> Vec<Column> {
    let records = ds.spending();
    let (country, name) = entity_columns(ds, records);
    let mut columns = vec![
        Column {
            name: "country",
            data: country,
        },
        Column {
            name: "name",
            data: name,
        },
        Column {
            name: "year",
            data: int32_column(records, |r| Some(i32::from(r.year))),
        },
    ];
    for &metric in Metric::ALL {
        let data = if metric == Metric::ShareOfGdp {
            decimal_column(records, |r| r.share_of_gdp)
        } else {
            decimal_column(records, |r| r.get(metric))
        };
        columns.push(Column {
            name: metric.name(),
            data,
        });
    }
    columns.push(Column {
        name: "price_base_year",
        data: int32_column(records, |r| r.price_base_year().map(i32::from)),
    });
    let mut estimate = bitmap(records.len());
    for (i, r) in records.iter().enumerate() {
        if r.estimate {
            set_bit(&mut estimate, i);
        }
    }
    columns.push(Column {
        name: "estimate",
        data: ColumnData::Bool { bits: estimate },
    });
    columns.push(Column {
        name: "source",
        data: source_column(records),
    });
    columns
}

/// The index of each row's key among the distinct keys, in order of first appearance.
/// Records come in runs of one country (or source), so the last key is checked first.
fn dictionary<K: Copy + Eq + std::hash::Hash>(
    records: &[SpendingRecord],
    key: impl Fn(&SpendingRecord) -> K,
) -> (Vec<i32>, Vec<K>) {
    let mut index: FxHashMap<K, i32> = FxHashMap::default();
    let mut keys: Vec<K> = Vec::new();
    let mut out = Vec::with_capacity(records.len());
    let mut last: Option<(K, i32)> = None;
    for r in records {
        let k = key(r);
        let i = match last {
            Some((lk, li)) if lk == k => li,
            _ => {
                let i = *index.entry(k).or_insert_with(|| {
                    keys.push(k);
                    i32::try_from(keys.len() - 1).unwrap_or(i32::MAX)
                });
                last = Some((k, i));
                i
            }
        };
        out.push(i);
    }
    (out, keys)
}

fn le_bytes(values: &[i32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The country codes and, sharing their rows, the names ([`Dataset::name_of`]; two
/// entities with one name share its entry, so that every dictionary value is distinct).
fn entity_columns(ds: &Dataset, records: &[SpendingRecord]) -> (ColumnData, ColumnData) {
    let (indices, entities) = dictionary(records, |r| r.country);
    let mut name_index: FxHashMap<String, i32> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut entity_to_name: Vec<i32> = Vec::with_capacity(entities.len());
    for e in &entities {
        let name = ds.name_of(e);
        let i = *name_index.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            i32::try_from(names.len() - 1).unwrap_or(i32::MAX)
        });
        entity_to_name.push(i);
    }
    let name_indices: Vec<i32> = indices
        .iter()
        .map(|&i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| entity_to_name.get(i).copied())
                .unwrap_or(0)
        })
        .collect();
    let codes = entities.iter().map(Entity::to_string).collect();
    (
        ColumnData::Dictionary {
            indices: le_bytes(&indices),
            values: codes,
        },
        ColumnData::Dictionary {
            indices: le_bytes(&name_indices),
            values: names,
        },
    )
}

fn source_column(records: &[SpendingRecord]) -> ColumnData {
    let (indices, sources) = dictionary(records, |r| r.source);
    ColumnData::Dictionary {
        indices: le_bytes(&indices),
        values: sources.iter().map(SourceId::to_string).collect(),
    }
}

fn int32_column(
    records: &[SpendingRecord],
    get: impl Fn(&SpendingRecord) -> Option<i32>,
) -> ColumnData {
    let mut data = Vec::with_capacity(records.len() * 4);
    let mut validity = bitmap(records.len());
    let mut missing = false;
    for (i, r) in records.iter().enumerate() {
        match get(r) {
            Some(v) => {
                data.extend_from_slice(&v.to_le_bytes());
                set_bit(&mut validity, i);
            }
            None => {
                data.extend_from_slice(&[0; 4]);
                missing = true;
            }
        }
    }
    ColumnData::Int32 {
        data,
        validity: missing.then_some(validity),
    }
}

fn decimal_column(
    records: &[SpendingRecord],
    get: impl Fn(&SpendingRecord) -> Option<Decimal>,
) -> ColumnData {
    let mut scale = None::<u32>;
    let mut missing = false;
    for r in records {
        match get(r) {
            Some(d) => scale = Some(scale.map_or(d.scale(), |s| s.max(d.scale()))),
            None => missing = true,
        }
    }
    let Some(scale) = scale else {
        return ColumnData::NullDecimal;
    };
    let mut data = Vec::with_capacity(records.len() * 16);
    let mut validity = bitmap(records.len());
    for (i, r) in records.iter().enumerate() {
        match get(r) {
            Some(d) => {
                let factor = scale
                    .checked_sub(d.scale())
                    .and_then(|k| POW10.get(usize::try_from(k).ok()?));
                match factor.and_then(|f| d.mantissa().checked_mul(*f)) {
                    Some(v) if v.abs() <= MAX_38_DIGITS => {
                        data.extend_from_slice(&v.to_le_bytes());
                    }
                    _ => return decimal_text(records, get, scale),
                }
                set_bit(&mut validity, i);
            }
            None => data.extend_from_slice(&[0; 16]),
        }
    }
    ColumnData::Decimal128 {
        data,
        validity: missing.then_some(validity),
        scale,
    }
}

fn decimal_text(
    records: &[SpendingRecord],
    get: impl Fn(&SpendingRecord) -> Option<Decimal>,
    scale: u32,
) -> ColumnData {
    ColumnData::DecimalText {
        values: records
            .iter()
            .map(|r| get(r).map(|d| d.to_string()))
            .collect(),
        scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(csv_rows: &str) -> Dataset {
        let text = format!("country,year,share_of_gdp,gdp_current,source\n{csv_rows}");
        Dataset::from_csv_str("t.csv", &text).unwrap()
    }

    fn i128s(data: &[u8]) -> Vec<i128> {
        data.chunks_exact(16)
            .map(|c| i128::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    #[test]
    fn decimals_are_rescaled_to_the_largest_scale_exactly() {
        let ds = record("POL,2024,4.12,1000,s\nEST,2024,3.4321,,s\n");
        let cols = spending_columns(&ds);
        let share = cols.iter().find(|c| c.name == "share_of_gdp").unwrap();
        match &share.data {
            ColumnData::Decimal128 {
                data,
                validity,
                scale,
            } => {
                assert_eq!(*scale, 4);
                assert_eq!(i128s(data), [41200, 34321]);
                assert!(validity.is_none());
            }
            _ => panic!("not decimal128"),
        }
        let gdp = cols.iter().find(|c| c.name == "gdp_current").unwrap();
        match &gdp.data {
            ColumnData::Decimal128 { validity, .. } => {
                assert_eq!(validity.as_deref(), Some(&[0b01][..]));
            }
            _ => panic!("not decimal128"),
        }
    }

    #[test]
    fn too_wide_for_38_digits_is_text() {
        // 16 integer digits and 28 decimals: 44 digits at one scale.
        let ds = record("POL,2024,0.1234567890123456789012345678,999999999999999,s\n");
        let cols = spending_columns(&ds);
        // Each column alone fits: the share has scale 28 but one integer digit.
        assert!(matches!(
            cols.iter().find(|c| c.name == "share_of_gdp").unwrap().data,
            ColumnData::Decimal128 { scale: 28, .. }
        ));
        let ds =
            record("POL,2024,0.1234567890123456789012345678,,s\nEST,2024,999999999999999,,s\n");
        let cols = spending_columns(&ds);
        match &cols.iter().find(|c| c.name == "share_of_gdp").unwrap().data {
            ColumnData::DecimalText { values, scale } => {
                assert_eq!(*scale, 28);
                assert_eq!(
                    values,
                    &[
                        Some("0.1234567890123456789012345678".to_owned()),
                        Some("999999999999999".to_owned())
                    ]
                );
            }
            _ => panic!("not text"),
        }
    }
}
