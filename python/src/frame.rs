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

use defense_spending::{AggregateId, Dataset, Entity, Metric, SourceId, SpendingRecord};
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
    /// Dictionary-encoded text: an `int32` index per row into `values` (each distinct);
    /// `None`: the indices of the column before (the names share the codes' rows).
    Dictionary {
        indices: Option<Vec<u8>>,
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
///
/// The records of a million-row file are 48 MB, so passes over them are what costs: one
/// thread fills the text, year and flag columns in one pass while another finds each
/// figure column's scale in a pass and fills the figure columns that have a value at all
/// in a second.
pub fn spending_columns(ds: &Dataset) -> Vec<Column> {
    let records = ds.spending();
    let (other, figures) = std::thread::scope(|s| {
        let figures = s.spawn(|| figure_columns(records));
        let other = other_columns(records);
        // A panic in the thread is re-raised here (none is expected: no indexing).
        let figures = match figures.join() {
            Ok(f) => f,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (other, figures)
    });
    let (country, name) = entity_columns(ds, other.countries);
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
            data: ColumnData::Int32 {
                data: other.year,
                validity: None,
            },
        },
    ];
    for (&metric, builder) in Metric::ALL.iter().zip(figures) {
        let data = match builder {
            None => ColumnData::NullDecimal,
            Some(b) if b.overflow => decimal_text(records, metric, b.scale),
            Some(b) => ColumnData::Decimal128 {
                data: b.data,
                validity: b.validity,
                scale: b.scale,
            },
        };
        columns.push(Column {
            name: metric.name(),
            data,
        });
    }
    columns.push(Column {
        name: "price_base_year",
        data: other.base_year.finish(),
    });
    columns.push(Column {
        name: "estimate",
        data: ColumnData::Bool {
            bits: other.estimate,
        },
    });
    columns.push(Column {
        name: "source",
        data: ColumnData::Dictionary {
            indices: Some(other.sources.indices),
            values: other.sources.keys.iter().map(SourceId::to_string).collect(),
        },
    });
    columns
}

/// The columns other than the figures, before the names are looked up.
struct OtherColumns {
    countries: Dictionary<Entity>,
    sources: Dictionary<SourceId>,
    year: Vec<u8>,
    base_year: Int32,
    estimate: Vec<u8>,
}

fn other_columns(records: &[SpendingRecord]) -> OtherColumns {
    let n = records.len();
    let mut c = OtherColumns {
        countries: Dictionary::new(n),
        sources: Dictionary::new(n),
        year: Vec::with_capacity(n * 4),
        base_year: Int32::new(n),
        estimate: bitmap(n),
    };
    for (i, r) in records.iter().enumerate() {
        c.countries.push(r.country);
        c.sources.push(r.source);
        c.year.extend_from_slice(&i32::from(r.year).to_le_bytes());
        c.base_year.push(i, r.price_base_year().map(i32::from));
        if r.estimate {
            set_bit(&mut c.estimate, i);
        }
    }
    c
}

/// The figure columns: `None` for a metric no record has.
fn figure_columns(records: &[SpendingRecord]) -> Vec<Option<DecimalBuilder>> {
    let n = records.len();
    let mut scales = [None::<u32>; METRICS];
    let mut missing = [false; METRICS];
    for r in records {
        for_each_figure(r, |k, value| {
            if let (Some(scale), Some(missing)) = (scales.get_mut(k), missing.get_mut(k)) {
                match value {
                    Some(d) => *scale = Some(scale.map_or(d.scale(), |s| s.max(d.scale()))),
                    None => *missing = true,
                }
            }
        });
    }
    let mut figures: Vec<Option<DecimalBuilder>> = scales
        .iter()
        .zip(missing)
        .map(|(scale, missing)| scale.map(|s| DecimalBuilder::new(n, s, missing)))
        .collect();
    // Only the metrics some record has are read again.
    let present: Vec<(usize, Metric)> = Metric::ALL
        .iter()
        .enumerate()
        .filter(|(k, _)| figures.get(*k).is_some_and(Option::is_some))
        .map(|(k, m)| (k, *m))
        .collect();
    let share_only = present.iter().all(|(k, _)| *k == 0);
    for (i, r) in records.iter().enumerate() {
        if share_only {
            if let (Some(Some(b)), Some(d)) = (figures.get_mut(0), r.share_of_gdp) {
                b.set(i, d);
            }
            continue;
        }
        for &(k, m) in &present {
            let value = if k == 0 { r.share_of_gdp } else { r.get(m) };
            if let (Some(Some(b)), Some(d)) = (figures.get_mut(k), value) {
                b.set(i, d);
            }
        }
    }
    figures
}

/// The number of metrics, the figure columns.
const METRICS: usize = 9;

/// Calls `f` with each metric's position in [`Metric::ALL`] and the record's value.
///
/// Each metric is named as a constant, so that the compiler finds its place in the
/// record once, not per call: a record with only a share of GDP costs one check.
fn for_each_figure(r: &SpendingRecord, mut f: impl FnMut(usize, Option<Decimal>)) {
    use Metric::*;
    let values = [
        r.share_of_gdp,
        r.get(ExpenditureCurrent),
        r.get(ExpenditureConstant),
        r.get(GdpCurrent),
        r.get(GdpConstant),
        r.get(EquipmentShare),
        r.get(RealChange),
        r.get(PerCapitaCurrent),
        r.get(ShareOfGovernment),
    ];
    for (k, v) in values.into_iter().enumerate() {
        f(k, v);
    }
}

/// A dictionary-encoded column being built: the index of each row's key among the
/// distinct keys, in order of first appearance. Records come in runs of one country (or
/// source), so the last key is checked first.
struct Dictionary<K> {
    index: FxHashMap<K, i32>,
    keys: Vec<K>,
    /// Each row's index, `int32` little-endian.
    indices: Vec<u8>,
    last: Option<(K, i32)>,
}

impl<K: Copy + Eq + std::hash::Hash> Dictionary<K> {
    fn new(n: usize) -> Self {
        Dictionary {
            index: FxHashMap::default(),
            keys: Vec::new(),
            indices: Vec::with_capacity(n * 4),
            last: None,
        }
    }

    fn push(&mut self, k: K) {
        let i = match self.last {
            Some((lk, li)) if lk == k => li,
            _ => {
                let keys = &mut self.keys;
                let i = *self.index.entry(k).or_insert_with(|| {
                    keys.push(k);
                    i32::try_from(keys.len() - 1).unwrap_or(i32::MAX)
                });
                self.last = Some((k, i));
                i
            }
        };
        self.indices.extend_from_slice(&i.to_le_bytes());
    }
}

/// An `int32` column with missing values being built.
struct Int32 {
    data: Vec<u8>,
    validity: Vec<u8>,
    missing: bool,
}

impl Int32 {
    fn new(n: usize) -> Int32 {
        Int32 {
            data: Vec::with_capacity(n * 4),
            validity: bitmap(n),
            missing: false,
        }
    }

    fn push(&mut self, i: usize, v: Option<i32>) {
        match v {
            Some(v) => {
                self.data.extend_from_slice(&v.to_le_bytes());
                set_bit(&mut self.validity, i);
            }
            None => {
                self.data.extend_from_slice(&[0; 4]);
                self.missing = true;
            }
        }
    }

    fn finish(self) -> ColumnData {
        ColumnData::Int32 {
            data: self.data,
            validity: self.missing.then_some(self.validity),
        }
    }
}

/// A `decimal128(38, scale)` column being built, its rows zero (and missing) until set.
struct DecimalBuilder {
    data: Vec<u8>,
    validity: Option<Vec<u8>>,
    scale: u32,
    /// A value needs more than 38 digits at `scale`: the column goes as text.
    overflow: bool,
}

impl DecimalBuilder {
    fn new(n: usize, scale: u32, missing: bool) -> DecimalBuilder {
        DecimalBuilder {
            data: vec![0; n * 16],
            validity: missing.then(|| bitmap(n)),
            scale,
            overflow: false,
        }
    }

    fn set(&mut self, i: usize, d: Decimal) {
        let factor = self
            .scale
            .checked_sub(d.scale())
            .and_then(|k| POW10.get(usize::try_from(k).ok()?));
        let value = factor.and_then(|f| d.mantissa().checked_mul(*f));
        match (value, self.data.get_mut(i * 16..i * 16 + 16)) {
            (Some(v), Some(slot)) if v.abs() <= MAX_38_DIGITS => {
                slot.copy_from_slice(&v.to_le_bytes());
            }
            _ => self.overflow = true,
        }
        if let Some(validity) = &mut self.validity {
            set_bit(validity, i);
        }
    }
}

/// The country codes and, sharing their rows, the names ([`Dataset::name_of`]). Two
/// entities with one name share its entry, so that every dictionary value is distinct;
/// when no two do (the usual case), the names use the codes' indices (`None`).
fn entity_columns(ds: &Dataset, countries: Dictionary<Entity>) -> (ColumnData, ColumnData) {
    // `Dataset::name_of` finds an aggregate's name by a scan of the aggregates: with
    // thousands of them (a synthetic or a regional file) a map, made once, is faster.
    let aggregates: FxHashMap<AggregateId, &str> = ds
        .aggregates()
        .iter()
        .rev() // the first definition wins, as in `name_of`
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    let mut name_index: FxHashMap<String, i32> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut entity_to_name: Vec<i32> = Vec::with_capacity(countries.keys.len());
    for e in &countries.keys {
        let name = match e {
            Entity::Aggregate(id) => aggregates
                .get(id)
                .map_or_else(|| ds.name_of(e), |n| (*n).to_owned()),
            Entity::Country(_) => ds.name_of(e),
        };
        let i = *name_index.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            i32::try_from(names.len() - 1).unwrap_or(i32::MAX)
        });
        entity_to_name.push(i);
    }
    let shared = names.len() < countries.keys.len();
    let name_indices = shared.then(|| {
        countries
            .indices
            .chunks_exact(4)
            .flat_map(|c| {
                let i = c.try_into().map_or(0, i32::from_le_bytes);
                let name = usize::try_from(i)
                    .ok()
                    .and_then(|i| entity_to_name.get(i).copied())
                    .unwrap_or(0);
                name.to_le_bytes()
            })
            .collect()
    });
    let codes = countries.keys.iter().map(Entity::to_string).collect();
    (
        ColumnData::Dictionary {
            indices: Some(countries.indices),
            values: codes,
        },
        ColumnData::Dictionary {
            indices: name_indices,
            values: names,
        },
    )
}

fn decimal_text(records: &[SpendingRecord], metric: Metric, scale: u32) -> ColumnData {
    ColumnData::DecimalText {
        values: records
            .iter()
            .map(|r| r.get(metric).map(|d| d.to_string()))
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
