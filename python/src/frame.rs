//! The spending records as Arrow columns: raw little-endian buffers that the Python
//! package hands to `pyarrow.Array.from_buffers`, so that a million records become a
//! frame without a Python object per value.
//!
//! Every buffer is a region of one of two byte arrays, written in place: the first holds
//! what every frame has, laid out from the number of rows alone ([`Fixed`]: the years,
//! the estimate flags, the shares of GDP); the second the rest, laid out by a pass over
//! the records ([`plan`]: the distinct countries and sources, each figure's scale, which
//! figures there are at all). Then [`fill`] writes both, half the rows on each of two
//! threads. The records of a million-row file are 48 MB, so passes over them and fresh
//! memory are what costs; nothing is copied after it is written.
//!
//! The byte arrays are NumPy's (`numpy.zeros`): NumPy asks the kernel for huge pages
//! for large arrays, so that 20 MB of fresh memory costs a few page faults rather than
//! 5,000 (about 10 ms on the project's machine, a quarter of the frame's time).
//!
//! Two kinds of figure columns ([`Options::floats`]):
//!
//! - float64, for the pandas frame that computes: each value the `f64` nearest to the
//!   exact decimal (correctly rounded: `4.12` is the float that prints as `4.12`),
//!   missing values NaN.
//! - exact, Arrow `decimal128(p, s)`, where `s` is the largest scale (digits after the
//!   point) of the column's values and `p` the fewest digits that hold every value at
//!   that scale (so that Arrow has room for the precision of a difference). Each value's
//!   `rust_decimal` mantissa is multiplied by `10^(s - scale)`, which is exact: the
//!   number is the same, written with more trailing zeros. A mantissa has at most 96
//!   bits and a loaded figure is at most 10^15, so this overflows 38 digits only for a
//!   column mixing 16 integer digits with more than 22 decimals; such a column is sent
//!   as text instead and built as `decimal256(76, s)` (exact too, only slower).
//!
//! With [`Options::rounded`], every figure is first rounded as NATO prints it
//! ([`Metric::round`]: half away from zero, on the exact value), then converted.

use std::ops::Range;

use defense_spending::{AggregateId, Dataset, Entity, Metric, SourceId, SpendingRecord};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Where a buffer is: which of the frame's two byte arrays (0: [`Fixed`], 1: the
/// planned rest), and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// 0 or 1.
    pub buffer: usize,
    /// The bytes of the buffer in that object.
    pub range: Range<usize>,
}

/// One column of the spending frame.
pub struct Column {
    /// The column's name (a field of `SpendingRecord`).
    pub name: &'static str,
    /// Its values.
    pub data: ColumnData,
}

/// A column's values, in the form Arrow reads them.
pub enum ColumnData {
    /// Dictionary-encoded text: an index per row into `values` (each distinct), of
    /// `width` bytes (int8, int16 or int32: the narrowest that holds every index, as
    /// pandas picks for a categorical's codes); `indices` `None`: those of the column
    /// before (the names share the codes' rows).
    Dictionary {
        indices: Option<Region>,
        width: usize,
        values: Vec<String>,
    },
    /// `int32` values, with a validity bitmap when some are missing.
    Int32 {
        data: Region,
        validity: Option<Region>,
    },
    /// Booleans, as a bitmap.
    Bool { bits: Region },
    /// `decimal128(precision, scale)` values, with a validity bitmap when some are
    /// missing.
    Decimal128 {
        data: Region,
        validity: Option<Region>,
        precision: u32,
        scale: u32,
    },
    /// `float64` values, NaN where missing, with a validity bitmap when some are
    /// missing (for Arrow, where NaN is not null).
    Float64 {
        data: Region,
        validity: Option<Region>,
    },
    /// A float figure no record has (every value NaN).
    NullFloat,
    /// For each value of the country column before, whether it is a country (not an
    /// aggregate).
    CountryFlags { flags: Vec<bool> },
    /// Decimals too wide for 38 digits at the column's scale, as text.
    DecimalText {
        values: Vec<Option<String>>,
        scale: u32,
    },
    /// A figure no record has.
    NullDecimal,
    /// An `int32` column no record has a value of.
    NullInt32,
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

/// `10^k` as `f64` for `k` in `0..=22`: each exact.
const POW10_F64: [f64; 23] = {
    let mut p = [1f64; 23];
    let mut k = 1;
    while k < 23 {
        p[k] = p[k - 1] * 10.0;
        k += 1;
    }
    p
};

/// What the figure columns hold.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `float64` columns (each value the nearest float) instead of exact decimals.
    pub floats: bool,
    /// Every figure rounded as NATO prints it ([`Metric::round`]) first.
    pub rounded: bool,
}

impl Options {
    /// The bytes of a figure's value.
    fn width(self) -> usize {
        if self.floats {
            8
        } else {
            16
        }
    }
}

/// The number of metrics, the figure columns.
const METRICS: usize = 9;

/// Buffers start on 64-byte boundaries, as Arrow recommends.
const ALIGN: usize = 64;

/// The distinct keys of a text column, in order of first appearance.
struct Keys<K> {
    index: FxHashMap<K, i32>,
    keys: Vec<K>,
}

impl<K> Default for Keys<K> {
    fn default() -> Self {
        Keys {
            index: FxHashMap::default(),
            keys: Vec::new(),
        }
    }
}

impl<K: Copy + Eq + std::hash::Hash> Keys<K> {
    fn add(&mut self, k: K) -> i32 {
        let keys = &mut self.keys;
        *self.index.entry(k).or_insert_with(|| {
            keys.push(k);
            i32::try_from(keys.len() - 1).unwrap_or(i32::MAX)
        })
    }

    /// Adds the keys of `later` (a part of the rows after this one's), in their order.
    fn merge(&mut self, later: Keys<K>) {
        for k in later.keys {
            self.add(k);
        }
    }
}

/// A cache of the last key looked up: records come in runs of one country or source.
struct Last<K>(Option<(K, i32)>);

impl<K: Copy + Eq + std::hash::Hash> Last<K> {
    fn get(&mut self, k: K, f: impl FnOnce(K) -> i32) -> i32 {
        match self.0 {
            Some((lk, li)) if lk == k => li,
            _ => {
                let i = f(k);
                self.0 = Some((k, i));
                i
            }
        }
    }
}

/// What a pass over some records finds: the keys, each figure's largest scale, what is
/// missing.
#[derive(Default)]
struct Scan {
    countries: Keys<Entity>,
    sources: Keys<SourceId>,
    scales: [Option<u32>; METRICS],
    /// The most digits before the point among each figure's values.
    int_digits: [u32; METRICS],
    missing: [bool; METRICS],
    base_year_missing: bool,
    base_year_any: bool,
}

impl Scan {
    fn of(records: &[SpendingRecord], options: Options) -> Scan {
        let mut s = Scan::default();
        let mut country = Last(None);
        let mut source = Last(None);
        for r in records {
            country.get(r.country, |k| s.countries.add(k));
            source.get(r.source, |k| s.sources.add(k));
            let has_base_year = r.price_base_year().is_some();
            s.base_year_missing |= !has_base_year;
            s.base_year_any |= has_base_year;
            for_each_figure(r, options.rounded, |k, value| {
                if let (Some(scale), Some(missing)) = (s.scales.get_mut(k), s.missing.get_mut(k)) {
                    match value {
                        Some(d) => {
                            *scale = Some(scale.map_or(d.scale(), |s| s.max(d.scale())));
                            if !options.floats {
                                if let Some(i) = s.int_digits.get_mut(k) {
                                    *i = (*i).max(int_digits(d));
                                }
                            }
                        }
                        None => *missing = true,
                    }
                }
            });
        }
        s
    }

    /// This scan and that of the rows after it, as one.
    fn merge(mut self, later: Scan) -> Scan {
        self.countries.merge(later.countries);
        self.sources.merge(later.sources);
        for k in 0..METRICS {
            if let (Some(a), Some(b)) = (self.scales.get_mut(k), later.scales.get(k)) {
                *a = match (*a, *b) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
            }
            if let (Some(a), Some(b)) = (self.missing.get_mut(k), later.missing.get(k)) {
                *a |= *b;
            }
            if let (Some(a), Some(b)) = (self.int_digits.get_mut(k), later.int_digits.get(k)) {
                *a = (*a).max(*b);
            }
        }
        self.base_year_missing |= later.base_year_missing;
        self.base_year_any |= later.base_year_any;
        self
    }
}

/// The digits of `d` before the point (0 for `0.5`).
fn int_digits(d: Decimal) -> u32 {
    let m = d.mantissa().unsigned_abs();
    // u64's logarithm is a few instructions, u128's a loop: mantissas nearly always fit.
    let log = match u64::try_from(m) {
        Ok(0) => 0,
        Ok(m) => m.ilog10(),
        Err(_) => m.ilog10(),
    };
    (log + 1).saturating_sub(d.scale())
}

/// A figure column's place, precision and scale.
struct Figure {
    precision: u32,
    scale: u32,
    data: Region,
    validity: Option<Region>,
}

/// The plan of the frame: its keys and names, and where each buffer goes in its bytes.
pub struct Plan {
    n: usize,
    /// The row the second thread starts at (a multiple of 8: bitmaps split on bytes).
    mid: usize,
    countries: Keys<Entity>,
    sources: Keys<SourceId>,
    names: Vec<String>,
    /// The name's index for each country's, when two countries share a name.
    name_of_country: Option<Vec<i32>>,
    country: Region,
    name: Option<Region>,
    source: Region,
    /// The bytes of an index of each text column (see [`index_width`]).
    country_width: usize,
    name_width: usize,
    source_width: usize,
    year: Region,
    /// `None` when no record has a price base year.
    base_year: Option<Region>,
    base_year_validity: Option<Region>,
    estimate: Region,
    figures: [Option<Figure>; METRICS],
    options: Options,
    /// The size of the second byte array (the first's is [`Fixed::size`]).
    pub size: usize,
}

/// Lays out regions of one buffer one after the other, each on an [`ALIGN`] boundary.
struct Layout {
    buffer: usize,
    end: usize,
}

impl Layout {
    fn take(&mut self, len: usize) -> Region {
        let start = self.end.div_ceil(ALIGN) * ALIGN;
        self.end = start + len;
        Region {
            buffer: self.buffer,
            range: start..self.end,
        }
    }
}

/// The buffers every frame has, laid out from the number of rows alone: the first of the
/// frame's two byte arrays.
#[derive(Debug, Clone)]
pub struct Fixed {
    year: Region,
    estimate: Region,
    share: Region,
    share_validity: Region,
    /// The size of the byte array.
    pub size: usize,
}

impl Fixed {
    /// The layout for `n` rows, with figures as `options` says.
    pub fn new(n: usize, options: Options) -> Fixed {
        let bits = n.div_ceil(8);
        let mut layout = Layout { buffer: 0, end: 0 };
        Fixed {
            year: layout.take(n * 4),
            estimate: layout.take(bits),
            share: layout.take(n * options.width()),
            share_validity: layout.take(bits),
            size: layout.end,
        }
    }
}

/// Scans the records of `ds` (half on each of two threads) and lays out the frame's
/// buffers: those of `fixed` (made with the same `options`), and the rest in a second
/// buffer of [`Plan::size`].
pub fn plan(ds: &Dataset, fixed: &Fixed, options: Options) -> Plan {
    let records = ds.spending();
    let n = records.len();
    let mid = (n / 2) / 8 * 8;
    let (first, second) = records.split_at(mid);
    let scan = std::thread::scope(|s| {
        let later = s.spawn(|| Scan::of(second, options));
        let scan = Scan::of(first, options);
        match later.join() {
            Ok(later) => scan.merge(later),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let (names, name_of_country) = names(ds, &scan.countries.keys);
    let bits = n.div_ceil(8);
    let mut layout = Layout { buffer: 1, end: 0 };
    let country_width = index_width(scan.countries.keys.len());
    let name_width = match name_of_country {
        Some(_) => index_width(names.len()),
        None => country_width,
    };
    let source_width = index_width(scan.sources.keys.len());
    let country = layout.take(n * country_width);
    let name = name_of_country
        .as_ref()
        .map(|_| layout.take(n * name_width));
    let source = layout.take(n * source_width);
    let base_year = scan.base_year_any.then(|| layout.take(n * 4));
    let base_year_validity =
        (scan.base_year_any && scan.base_year_missing).then(|| layout.take(bits));
    let figures = std::array::from_fn(|k| {
        let scale = scan.scales.get(k).copied().flatten()?;
        // Floats are NaN where missing, and have the bitmap too (for Arrow and polars).
        let missing = scan.missing.get(k).copied().unwrap_or(true);
        // The share of GDP, in nearly every frame, has its place in the first object.
        let (data, validity) = match k {
            0 => (
                fixed.share.clone(),
                missing.then(|| fixed.share_validity.clone()),
            ),
            _ => (
                layout.take(n * options.width()),
                missing.then(|| layout.take(bits)),
            ),
        };
        let int = scan.int_digits.get(k).copied().unwrap_or(0);
        Some(Figure {
            precision: (int + scale).clamp(1, 38),
            scale,
            data,
            validity,
        })
    });
    Plan {
        n,
        mid,
        countries: scan.countries,
        sources: scan.sources,
        names,
        name_of_country,
        country,
        name,
        source,
        country_width,
        name_width,
        source_width,
        year: fixed.year.clone(),
        base_year,
        base_year_validity,
        estimate: fixed.estimate.clone(),
        figures,
        options,
        size: layout.end,
    }
}

/// The names of the countries ([`Dataset::name_of`]), each distinct; and, when two
/// countries share a name, the name's index for each country's.
fn names(ds: &Dataset, countries: &[Entity]) -> (Vec<String>, Option<Vec<i32>>) {
    // `Dataset::name_of` finds an aggregate's name by a scan of the aggregates: with
    // thousands of them (a synthetic or a regional file) a map, made once, is faster.
    let aggregates: FxHashMap<AggregateId, &str> = ds
        .aggregates()
        .iter()
        .rev() // the first definition wins, as in `name_of`
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    let mut texts: Vec<String> = Vec::new();
    let mut by_text: FxHashMap<String, usize> = FxHashMap::default();
    let mut name_of_country = Vec::with_capacity(countries.len());
    for e in countries {
        let text = match e {
            Entity::Aggregate(id) => aggregates
                .get(id)
                .map_or_else(|| ds.name_of(e), |n| (*n).to_owned()),
            Entity::Country(_) => ds.name_of(e),
        };
        let next = texts.len();
        let id = *by_text.entry(text.clone()).or_insert(next);
        if id == next {
            texts.push(text);
        }
        name_of_country.push(i32::try_from(id).unwrap_or(i32::MAX));
    }
    let shared = texts.len() < countries.len();
    (texts, shared.then_some(name_of_country))
}

/// The mutable buffers of one thread's rows.
struct Out<'a> {
    country: &'a mut [u8],
    name: Option<&'a mut [u8]>,
    source: &'a mut [u8],
    year: &'a mut [u8],
    base_year: Option<&'a mut [u8]>,
    base_year_validity: Option<&'a mut [u8]>,
    estimate: &'a mut [u8],
    figures: Vec<FigureOut<'a>>,
}

/// A present figure's buffers for one thread's rows: its position in [`Metric::ALL`],
/// its scale, its data and its validity bitmap.
type FigureOut<'a> = (usize, u32, &'a mut [u8], Option<&'a mut [u8]>);

/// Cuts the two `bufs` into the `regions` (which do not overlap), given back in the
/// order of `regions`.
fn carve<'a>(bufs: [&'a mut [u8]; 2], regions: &[&Region]) -> Option<Vec<&'a mut [u8]>> {
    let mut out: Vec<Option<&'a mut [u8]>> = regions.iter().map(|_| None).collect();
    for (b, mut buf) in bufs.into_iter().enumerate() {
        let mut mine: Vec<(usize, &Region)> = regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.buffer == b)
            .map(|(i, r)| (i, *r))
            .collect();
        mine.sort_by_key(|(_, r)| r.range.start);
        let mut pos = 0;
        for (i, r) in mine {
            let (_, rest) = buf.split_at_mut_checked(r.range.start.checked_sub(pos)?)?;
            let (this, rest) = rest.split_at_mut_checked(r.range.len())?;
            *out.get_mut(i)? = Some(this);
            buf = rest;
            pos = r.range.end;
        }
    }
    out.into_iter().collect()
}

/// Fills `fixed` (of [`Fixed::size`] bytes) and `rest` (of [`Plan::size`] bytes), both
/// zeroed, with the columns of `ds` as `plan` lays them out, half the rows on each of
/// two threads. Gives, for each metric, whether a value overflowed 38 digits (the column
/// then goes as text); `None` if the buffers do not fit the plan.
pub fn fill(
    ds: &Dataset,
    plan: &Plan,
    fixed: &mut [u8],
    rest: &mut [u8],
) -> Option<[bool; METRICS]> {
    let records = ds.spending();
    let (first, second) = records.split_at_checked(plan.mid)?;
    // Every region, in layout order, and each cut where the second thread's rows begin.
    let mut regions: Vec<(&Region, usize)> = vec![(&plan.country, plan.country_width)];
    if let Some(r) = &plan.name {
        regions.push((r, plan.name_width));
    }
    regions.extend([(&plan.source, plan.source_width), (&plan.year, 4)]);
    if let Some(r) = &plan.base_year {
        regions.push((r, 4));
    }
    if let Some(r) = &plan.base_year_validity {
        regions.push((r, 0));
    }
    regions.push((&plan.estimate, 0));
    for f in plan.figures.iter().flatten() {
        regions.push((&f.data, plan.options.width()));
        if let Some(v) = &f.validity {
            regions.push((v, 0));
        }
    }
    let slices = carve(
        [fixed, rest],
        &regions.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
    )?;
    let mut a: Vec<&mut [u8]> = Vec::with_capacity(slices.len());
    let mut b: Vec<&mut [u8]> = Vec::with_capacity(slices.len());
    for (slice, (_, width)) in slices.into_iter().zip(&regions) {
        // A width of 0 marks a bitmap: 1 bit a row.
        let at = if *width == 0 {
            plan.mid / 8
        } else {
            plan.mid * width
        };
        let (x, y) = slice.split_at_mut_checked(at)?;
        a.push(x);
        b.push(y);
    }
    let (out_a, out_b) = (outs(plan, a)?, outs(plan, b)?);
    let (over_a, over_b) = std::thread::scope(|s| {
        let later = s.spawn(|| fill_rows(second, plan, out_b));
        let over_a = fill_rows(first, plan, out_a);
        match later.join() {
            Ok(over_b) => (over_a, over_b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    Some(std::array::from_fn(|k| {
        over_a.get(k).copied().unwrap_or(true) || over_b.get(k).copied().unwrap_or(true)
    }))
}

/// One thread's buffers from its slices, in the order [`fill`] lists the regions.
fn outs<'a>(plan: &Plan, slices: Vec<&'a mut [u8]>) -> Option<Out<'a>> {
    let mut it = slices.into_iter();
    let country = it.next()?;
    let name = match plan.name {
        Some(_) => Some(it.next()?),
        None => None,
    };
    let source = it.next()?;
    let year = it.next()?;
    let base_year = match plan.base_year {
        Some(_) => Some(it.next()?),
        None => None,
    };
    let base_year_validity = match plan.base_year_validity {
        Some(_) => Some(it.next()?),
        None => None,
    };
    let estimate = it.next()?;
    let mut figures = Vec::new();
    for (k, f) in plan.figures.iter().enumerate() {
        if let Some(f) = f {
            let data = it.next()?;
            let validity = match f.validity {
                Some(_) => Some(it.next()?),
                None => None,
            };
            figures.push((k, f.scale, data, validity));
        }
    }
    Some(Out {
        country,
        name,
        source,
        year,
        base_year,
        base_year_validity,
        estimate,
        figures,
    })
}

fn put_i32(buf: &mut [u8], row: usize, v: i32) {
    if let Some(slot) = buf.get_mut(row * 4..row * 4 + 4) {
        slot.copy_from_slice(&v.to_le_bytes());
    }
}

/// The narrowest index that holds `keys` distinct values: 1, 2 or 4 bytes.
fn index_width(keys: usize) -> usize {
    if keys <= 128 {
        1
    } else if keys <= 32_768 {
        2
    } else {
        4
    }
}

/// Writes index `v` of `width` bytes at `row` (`v` fits: see [`index_width`]).
fn put_index(buf: &mut [u8], row: usize, width: usize, v: i32) {
    // One arm per width, each a store of a known size (no call to memcpy).
    match width {
        1 => {
            if let (Some(slot), Ok(v)) = (buf.get_mut(row), i8::try_from(v)) {
                *slot = v.to_le_bytes()[0];
            }
        }
        2 => {
            if let (Some(slot), Ok(v)) = (buf.get_mut(row * 2..row * 2 + 2), i16::try_from(v)) {
                slot.copy_from_slice(&v.to_le_bytes());
            }
        }
        _ => put_i32(buf, row, v),
    }
}

fn set_bit(bits: &mut [u8], i: usize) {
    if let Some(b) = bits.get_mut(i / 8) {
        *b |= 1 << (i % 8);
    }
}

/// Writes `records` (rows from 0 in `out`); gives the metrics whose values overflowed.
fn fill_rows(records: &[SpendingRecord], plan: &Plan, mut out: Out<'_>) -> [bool; METRICS] {
    let mut overflow = [false; METRICS];
    let mut country = Last(None);
    let mut source = Last(None);
    let lookup_country = |k| plan.countries.index.get(&k).copied().unwrap_or(0);
    let lookup_source = |k| plan.sources.index.get(&k).copied().unwrap_or(0);
    for (i, r) in records.iter().enumerate() {
        let c = country.get(r.country, lookup_country);
        put_index(out.country, i, plan.country_width, c);
        if let (Some(name), Some(map)) = (&mut out.name, &plan.name_of_country) {
            let n = usize::try_from(c)
                .ok()
                .and_then(|c| map.get(c).copied())
                .unwrap_or(0);
            put_index(name, i, plan.name_width, n);
        }
        let s = source.get(r.source, lookup_source);
        put_index(out.source, i, plan.source_width, s);
        put_i32(out.year, i, i32::from(r.year));
        if let (Some(y), Some(base_year)) = (r.price_base_year(), &mut out.base_year) {
            put_i32(base_year, i, i32::from(y));
            if let Some(v) = &mut out.base_year_validity {
                set_bit(v, i);
            }
        }
        if r.estimate {
            set_bit(out.estimate, i);
        }
        for (k, scale, data, validity) in &mut out.figures {
            let metric = Metric::ALL.get(*k).copied();
            let value = match metric {
                Some(Metric::ShareOfGdp) => r.share_of_gdp,
                Some(m) => r.get(m),
                None => None,
            };
            let value = match (value, metric) {
                (Some(d), Some(m)) if plan.options.rounded => Some(m.round(d)),
                (v, _) => v,
            };
            if plan.options.floats {
                let f = value.map_or(f64::NAN, nearest_f64);
                if let Some(slot) = data.get_mut(i * 8..i * 8 + 8) {
                    slot.copy_from_slice(&f.to_le_bytes());
                }
                if let (Some(v), true) = (validity, value.is_some()) {
                    set_bit(v, i);
                }
                continue;
            }
            let Some(d) = value else { continue };
            let wide = scale
                .checked_sub(d.scale())
                .and_then(|e| POW10.get(usize::try_from(e).ok()?))
                .and_then(|f| d.mantissa().checked_mul(*f))
                .filter(|v| v.abs() <= MAX_38_DIGITS);
            match (wide, data.get_mut(i * 16..i * 16 + 16)) {
                (Some(v), Some(slot)) => slot.copy_from_slice(&v.to_le_bytes()),
                _ => {
                    if let Some(o) = overflow.get_mut(*k) {
                        *o = true;
                    }
                }
            }
            if let Some(v) = validity {
                set_bit(v, i);
            }
        }
    }
    overflow
}

/// The `f64` nearest to `d` (correctly rounded, as parsing its text would give).
fn nearest_f64(d: Decimal) -> f64 {
    const EXACT: i64 = 1 << 53;
    let exact = POW10_F64.get(d.scale() as usize);
    match (i64::try_from(d.mantissa()), exact) {
        // Both exact in f64, and IEEE division rounds their quotient correctly.
        (Ok(m), Some(p)) if (-EXACT..=EXACT).contains(&m) => m as f64 / p,
        _ => d.to_string().parse().unwrap_or(f64::NAN),
    }
}

/// The frame's columns, in the order of the dataclass `SpendingRecord` (the country's
/// name beside its code), then `is_country`, once [`fill`] has written their buffers.
pub fn columns(ds: &Dataset, plan: Plan, overflow: &[bool; METRICS]) -> Vec<Column> {
    let records = ds.spending();
    let mut columns = vec![
        Column {
            name: "country",
            data: ColumnData::Dictionary {
                indices: Some(plan.country),
                width: plan.country_width,
                values: plan.countries.keys.iter().map(Entity::to_string).collect(),
            },
        },
        Column {
            name: "name",
            data: ColumnData::Dictionary {
                indices: plan.name,
                width: plan.name_width,
                values: plan.names,
            },
        },
        Column {
            name: "year",
            data: ColumnData::Int32 {
                data: plan.year,
                validity: None,
            },
        },
    ];
    let options = plan.options;
    for ((k, &metric), figure) in Metric::ALL.iter().enumerate().zip(plan.figures) {
        let data = match figure {
            None if options.floats => ColumnData::NullFloat,
            None => ColumnData::NullDecimal,
            Some(f) if options.floats => ColumnData::Float64 {
                data: f.data,
                validity: f.validity,
            },
            Some(f) if overflow.get(k).copied().unwrap_or(true) => ColumnData::DecimalText {
                values: records
                    .iter()
                    .map(|r| {
                        r.get(metric)
                            .map(|d| if options.rounded { metric.round(d) } else { d })
                            .map(|d| d.to_string())
                    })
                    .collect(),
                scale: f.scale,
            },
            Some(f) => ColumnData::Decimal128 {
                data: f.data,
                validity: f.validity,
                precision: f.precision,
                scale: f.scale,
            },
        };
        columns.push(Column {
            name: metric.name(),
            data,
        });
    }
    columns.push(Column {
        name: "price_base_year",
        data: match plan.base_year {
            Some(data) => ColumnData::Int32 {
                data,
                validity: plan.base_year_validity,
            },
            None => ColumnData::NullInt32,
        },
    });
    columns.push(Column {
        name: "estimate",
        data: ColumnData::Bool {
            bits: plan.estimate,
        },
    });
    columns.push(Column {
        name: "source",
        data: ColumnData::Dictionary {
            indices: Some(plan.source),
            width: plan.source_width,
            values: plan.sources.keys.iter().map(SourceId::to_string).collect(),
        },
    });
    columns.push(Column {
        name: "is_country",
        data: ColumnData::CountryFlags {
            flags: plan.countries.keys.iter().map(Entity::is_country).collect(),
        },
    });
    debug_assert_eq!(plan.n, records.len());
    columns
}

/// `values` in Arrow's `string` layout: `int32` offsets (one more than the values) and
/// the UTF-8 text. Offsets past `i32::MAX` (2 GiB of names) are clamped: never reached
/// by the few thousand names of a dataset.
pub fn string_buffers(values: &[String]) -> (Vec<u8>, Vec<u8>) {
    let mut offsets = Vec::with_capacity((values.len() + 1) * 4);
    let mut text = Vec::new();
    offsets.extend_from_slice(&0i32.to_le_bytes());
    for v in values {
        text.extend_from_slice(v.as_bytes());
        let end = i32::try_from(text.len()).unwrap_or(i32::MAX);
        offsets.extend_from_slice(&end.to_le_bytes());
    }
    (offsets, text)
}

/// Calls `f` with each metric's position in [`Metric::ALL`] and the record's value.
///
/// Each metric is named as a constant, so that the compiler finds its place in the
/// record once, not per call: a record with only a share of GDP costs one check.
/// With `rounded`, each value as [`Metric::round`] gives it.
fn for_each_figure(r: &SpendingRecord, rounded: bool, mut f: impl FnMut(usize, Option<Decimal>)) {
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
        match (v, Metric::ALL.get(k)) {
            (Some(d), Some(m)) if rounded => f(k, Some(m.round(d))),
            _ => f(k, v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(csv_rows: &str) -> Dataset {
        let text = format!("country,year,share_of_gdp,gdp_current,source\n{csv_rows}");
        Dataset::from_csv_str("t.csv", &text).unwrap()
    }

    /// The frame's two buffers and its columns, in `Vec`s instead of Python's bytes.
    fn frame(ds: &Dataset) -> (Bufs, Vec<Column>) {
        frame_with(ds, Options::default())
    }

    fn frame_with(ds: &Dataset, options: Options) -> (Bufs, Vec<Column>) {
        let fixed = Fixed::new(ds.spending().len(), options);
        let plan = plan(ds, &fixed, options);
        let mut first = vec![0u8; fixed.size];
        let mut rest = vec![0u8; plan.size];
        let overflow = fill(ds, &plan, &mut first, &mut rest).unwrap();
        let cols = columns(ds, plan, &overflow);
        (Bufs([first, rest]), cols)
    }

    struct Bufs([Vec<u8>; 2]);

    impl std::ops::Index<Region> for Bufs {
        type Output = [u8];
        fn index(&self, r: Region) -> &[u8] {
            &self.0[r.buffer][r.range]
        }
    }

    fn i128s(data: &[u8]) -> Vec<i128> {
        data.chunks_exact(16)
            .map(|c| i128::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    fn i32s(data: &[u8]) -> Vec<i32> {
        data.chunks_exact(4)
            .map(|c| i32::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    fn column<'a>(cols: &'a [Column], name: &str) -> &'a ColumnData {
        &cols.iter().find(|c| c.name == name).unwrap().data
    }

    #[test]
    fn decimals_are_rescaled_to_the_largest_scale_exactly() {
        let ds = record("POL,2024,4.12,1000,s\nEST,2024,3.4321,,s\n");
        let (buf, cols) = frame(&ds);
        match column(&cols, "share_of_gdp") {
            ColumnData::Decimal128 {
                data,
                validity,
                precision,
                scale,
            } => {
                assert_eq!((*precision, *scale), (5, 4));
                assert_eq!(i128s(&buf[data.clone()]), [41200, 34321]);
                assert!(validity.is_none());
            }
            _ => panic!("not decimal128"),
        }
        match column(&cols, "gdp_current") {
            ColumnData::Decimal128 { validity, .. } => {
                assert_eq!(buf[validity.clone().unwrap()], [0b01]);
            }
            _ => panic!("not decimal128"),
        }
        assert!(matches!(
            column(&cols, "per_capita_current"),
            ColumnData::NullDecimal
        ));
    }

    #[test]
    fn every_row_on_either_thread() {
        // Enough rows for two halves; countries in runs and back again.
        let mut rows = String::new();
        let codes = ["POL", "EST", "LVA", "POL"];
        for (i, c) in codes.iter().enumerate() {
            for y in 0..37 {
                let year = 1850 + y + 40 * i;
                rows.push_str(&format!("{c},{year},{}.{},,s\n", y % 7, y));
            }
        }
        let ds = record(&rows);
        let (buf, cols) = frame(&ds);
        let n = ds.spending().len();
        let ColumnData::Dictionary {
            indices: Some(idx),
            width: 1,
            values,
        } = column(&cols, "country")
        else {
            panic!("no int8 indices")
        };
        let got: Vec<&str> = buf[idx.clone()]
            .iter()
            .map(|&i| values[i as usize].as_str())
            .collect();
        let want: Vec<String> = ds
            .spending()
            .iter()
            .map(|r| r.country.to_string())
            .collect();
        assert_eq!(got, want);
        assert_eq!(values, &["POL", "EST", "LVA"]);
        let ColumnData::Int32 { data, validity } = column(&cols, "year") else {
            panic!("no years")
        };
        assert!(validity.is_none());
        let years: Vec<i32> = ds.spending().iter().map(|r| i32::from(r.year)).collect();
        assert_eq!(i32s(&buf[data.clone()]), years);
        let ColumnData::Decimal128 { data, scale, .. } = column(&cols, "share_of_gdp") else {
            panic!("no shares")
        };
        let shares: Vec<i128> = ds
            .spending()
            .iter()
            .map(|r| {
                let d = r.share_of_gdp.unwrap();
                d.mantissa() * 10i128.pow(scale - d.scale())
            })
            .collect();
        assert_eq!(i128s(&buf[data.clone()]), shares);
        assert_eq!(shares.len(), n);
    }

    #[test]
    fn too_wide_for_38_digits_is_text() {
        // 16 integer digits and 28 decimals: 44 digits at one scale.
        let ds = record("POL,2024,0.1234567890123456789012345678,999999999999999,s\n");
        let (_, cols) = frame(&ds);
        // Each column alone fits: the share has scale 28 but one integer digit.
        assert!(matches!(
            column(&cols, "share_of_gdp"),
            ColumnData::Decimal128 { scale: 28, .. }
        ));
        let ds =
            record("POL,2024,0.1234567890123456789012345678,,s\nEST,2024,999999999999999,,s\n");
        let (_, cols) = frame(&ds);
        match column(&cols, "share_of_gdp") {
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

    fn f64s(data: &[u8]) -> Vec<f64> {
        data.chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    #[test]
    fn floats_are_the_nearest_to_the_exact_values() {
        // 17 significant digits (past 2^53) take the text path; both are the parse's.
        let texts = [
            "4.12",
            "4.1201909893571470",
            "19612102.5",
            "0.1",
            "2.736816894190086",
        ];
        let rows: String = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("POL,{},{t},,s\n", 2000 + i))
            .collect();
        let ds = record(&format!("{rows}NATO_TOTAL,2024,,5,s\n"));
        let options = Options {
            floats: true,
            rounded: false,
        };
        let (buf, cols) = frame_with(&ds, options);
        let ColumnData::Float64 { data, validity } = column(&cols, "share_of_gdp") else {
            panic!("not float64")
        };
        assert_eq!(buf[validity.clone().unwrap()], [0b01_1111]);
        let got = f64s(&buf[data.clone()]);
        for (g, t) in got.iter().zip(texts) {
            assert_eq!(g.to_bits(), t.parse::<f64>().unwrap().to_bits(), "{t}");
        }
        assert!(got[texts.len()].is_nan());
        assert!(matches!(
            column(&cols, "per_capita_current"),
            ColumnData::NullFloat
        ));
        let ColumnData::CountryFlags { flags } = column(&cols, "is_country") else {
            panic!("no flags")
        };
        assert_eq!(flags, &[true, false]);
    }

    #[test]
    fn rounded_half_away_from_zero_on_the_exact_value() {
        // 2.675 is below its tie as a float (2.67499999...): rounded exactly, 2.68.
        let ds = Dataset::from_csv_str(
            "t.csv",
            "country,year,share_of_gdp,gdp_current,real_change,source\n\
             POL,2024,2.675,19612102.5,-1.005,s\nEST,2024,1.005,2.2,0.125,s\n",
        )
        .unwrap();
        let rounded = Options {
            floats: false,
            rounded: true,
        };
        let (buf, cols) = frame_with(&ds, rounded);
        let ColumnData::Decimal128 {
            data,
            precision,
            scale,
            ..
        } = column(&cols, "share_of_gdp")
        else {
            panic!("not decimal128")
        };
        assert_eq!((*precision, *scale), (3, 2));
        assert_eq!(i128s(&buf[data.clone()]), [268, 101]);
        let ColumnData::Decimal128 { data, .. } = column(&cols, "real_change") else {
            panic!("not decimal128")
        };
        assert_eq!(i128s(&buf[data.clone()]), [-101, 13]);
        let ColumnData::Decimal128 { data, scale, .. } = column(&cols, "gdp_current") else {
            panic!("not decimal128")
        };
        assert_eq!(*scale, 0);
        assert_eq!(i128s(&buf[data.clone()]), [19612103, 2]);
        let floats = Options {
            floats: true,
            rounded: true,
        };
        let (buf, cols) = frame_with(&ds, floats);
        let ColumnData::Float64 { data, .. } = column(&cols, "share_of_gdp") else {
            panic!("not float64")
        };
        assert_eq!(f64s(&buf[data.clone()]), [2.68, 1.01]);
    }
}
