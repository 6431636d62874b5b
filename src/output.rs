//! Writing query results as CSV (safe to open in a spreadsheet) and JSON.
//!
//! [`write_csv`] takes what the queries return, as it is: a `Vec<&SpendingRecord>` from
//! [`meeting_target`](crate::Dataset::meeting_target), a `&Vec<Shortfall>`, an iterator
//! such as [`series`](crate::Dataset::series). [`write_json`] takes anything
//! serializable. Both return this crate's [`Result`], so `?` works in a `main` that
//! returns it.
//!
//! ```
//! use defense_spending::output::{write_csv, write_json};
//! use defense_spending::Dataset;
//!
//! let ds = Dataset::bundled();
//! let at_two = ds.meeting_target(2024, 2)?;
//!
//! let mut csv = Vec::new();
//! write_csv(&mut csv, &at_two)?;
//! let csv = String::from_utf8(csv).unwrap();
//! assert!(csv.starts_with("country,name,year,share_of_gdp,"));
//! assert!(csv.lines().nth(1).unwrap().starts_with("POL,Poland,2024,4.120190989357147,"));
//!
//! let mut json = Vec::new();
//! write_json(&mut json, &at_two)?;
//! let json = String::from_utf8(json).unwrap();
//! assert!(json.contains(r#""share_of_gdp": "4.120190989357147""#)); // exact, as a string
//!
//! // To a file: `?` converts the I/O error too.
//! # let dir = std::env::temp_dir();
//! let file = std::fs::File::create(dir.join("at-two.csv"))?;
//! write_csv(file, ds.series(ds.entity("POL")?))?;
//! # Ok::<(), defense_spending::Error>(())
//! ```
//!
//! To write figures **as the publisher prints them** (`POL,Poland,2024,4.12`, rounded
//! half away from zero to two decimals for percentages, whole US$ millions), choose the
//! figure: [`write_printed_csv`] and [`write_printed_json`]. A single
//! [`Figure`](crate::Figure) (what [`SpendingRecord::figure`] gives) serializes as its
//! exact value and its decimals: `{"value": "4.120190989357147", "decimals": 2}` (see
//! [`Figure`](crate::Figure#json)).
//!
//! ## CSV
//!
//! Every result type implements [`CsvRow`]: fixed columns, figures exact (the source's
//! own digits, without trailing zeros), dates as `YYYY-MM-DD`. Spending records are
//! written in the crate's own `spending.csv` format, with the country's name beside its
//! code (a `name` column the loader accepts and does not read), so what is written loads
//! back with [`Dataset::load`](crate::Dataset::load).
//!
//! CSV output guards against spreadsheet formula injection: a field that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return and is not a number is written with a leading
//! apostrophe, so that Excel or LibreOffice shows it as text instead of running it.
//!
//! ```
//! use defense_spending::output::guard;
//!
//! assert_eq!(guard("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
//! assert_eq!(guard("-2.5"), "-2.5"); // a number stays a number
//! ```
//!
//! ## JSON
//!
//! **Decimals are JSON strings** (`"share_of_gdp": "4.1224..."`), with every digit the
//! source gives. A JSON number would be read as a 64-bit float by most parsers
//! (JavaScript's, Python's `json` by default, spreadsheets'), which keeps about 16
//! significant digits and cannot hold `0.1` exactly; the workbook's values have up to
//! 17, and the crate promises exact figures. Read them with a decimal type (Python's
//! `decimal.Decimal`, JavaScript's `decimal.js`), or convert knowingly. Missing figures
//! are `null`; dates are `"YYYY-MM-DD"` strings; codes are strings.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::error::Result;
use crate::model::{Metric, SpendingRecord};

/// A result type with fixed CSV columns.
///
/// Implemented by every result type and by references to them, so that a
/// `Vec<&SpendingRecord>` writes as well as a `Vec<SpendingRecord>`.
pub trait CsvRow {
    /// The column names.
    fn header() -> &'static [&'static str];
    /// The fields, in the order of [`header`](CsvRow::header). Not yet guarded.
    fn fields(&self) -> Vec<String>;
}

/// Makes a field safe to open in a spreadsheet (see the [module docs](self)).
pub fn guard(field: &str) -> Cow<'_, str> {
    let risky = matches!(
        field.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && !is_plain_number(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// True for a number as this crate writes one: an optional `-`, digits, and optionally a
/// dot and more digits (`-2.5`, `0`).
fn is_plain_number(field: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = field.strip_prefix('-').unwrap_or(field);
    match unsigned.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(unsigned),
    }
}

impl<T: CsvRow + ?Sized> CsvRow for &T {
    fn header() -> &'static [&'static str] {
        T::header()
    }
    fn fields(&self) -> Vec<String> {
        (**self).fields()
    }
}

/// Writes `rows` as CSV with a header line, every field guarded (see the
/// [module docs](self)). `rows` is anything that iterates over results: `&Vec<T>`,
/// `&[&T]`, `Vec<&T>`, an iterator.
///
/// The header is written even when there are no rows.
pub fn write_csv<W, I>(w: W, rows: I) -> Result<()>
where
    W: Write,
    I: IntoIterator,
    I::Item: CsvRow,
{
    let mut out = csv::Writer::from_writer(w);
    out.write_record(<I::Item as CsvRow>::header())
        .map_err(into_io)?;
    for r in rows {
        let fields = r.fields();
        out.write_record(fields.iter().map(|f| guard(f).into_owned()))
            .map_err(into_io)?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `value` as pretty-printed JSON followed by a newline. Decimals are strings
/// (see the [module docs](self#json)).
pub fn write_json<W: Write, T: Serialize + ?Sized>(mut w: W, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut w, value).map_err(io::Error::from)?;
    writeln!(w)?;
    Ok(())
}

/// Writes one figure of each record as its publisher prints it, as CSV: a header
/// `country,name,year,<metric>`, then one line a record, the figure rounded half away from
/// zero to the decimals the publisher prints ([`Metric::published_decimals`]: two for
/// percentages, none for US$ millions), trailing zeros kept (`2.20`), empty where the
/// record has no such figure. Fields are guarded as [`write_csv`]'s are.
///
/// This is what NATO's tables show, not what they hold: the exact figures are
/// [`write_csv`]'s, which also says whether a figure is an estimate (NATO prints `2024e`;
/// this writes the year alone) and which source it rests on. A file written so does not
/// load back as exact figures.
///
/// ```
/// use defense_spending::output::{write_printed_csv, write_printed_json};
/// use defense_spending::{Dataset, Metric};
///
/// let ds = Dataset::bundled();
/// let at_two = ds.meeting_target(2024, 2)?;
///
/// let mut csv = Vec::new();
/// write_printed_csv(&mut csv, &at_two, Metric::ShareOfGdp)?;
/// let csv = String::from_utf8(csv).unwrap();
/// let mut lines = csv.lines();
/// assert_eq!(lines.next(), Some("country,name,year,share_of_gdp"));
/// assert_eq!(lines.next(), Some("POL,Poland,2024,4.12"));
///
/// let mut json = Vec::new();
/// write_printed_json(&mut json, &at_two[..1], Metric::ShareOfGdp)?;
/// let json = String::from_utf8(json).unwrap();
/// assert!(json.contains(r#""share_of_gdp": "4.12""#)); // a string: "2.20" keeps its zero
/// # Ok::<(), defense_spending::Error>(())
/// ```
pub fn write_printed_csv<W, I>(w: W, records: I, metric: Metric) -> Result<()>
where
    W: Write,
    I: IntoIterator,
    I::Item: AsRecord,
{
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["country", "name", "year", metric.name()])
        .map_err(into_io)?;
    for r in records {
        let p = Printed::of(r.as_record(), metric);
        let fields = [
            p.country.to_string(),
            p.name,
            p.year.to_string(),
            p.value.unwrap_or_default(),
        ];
        out.write_record(fields.iter().map(|f| guard(f).into_owned()))
            .map_err(into_io)?;
    }
    out.flush()?;
    Ok(())
}

/// Writes one figure of each record as its publisher prints it, as a pretty-printed JSON
/// array of objects `{"country": "POL", "name": "Poland", "year": 2024, "<metric>":
/// "4.12"}`: the figure a string with the printed decimals (see [`write_printed_csv`]),
/// `null` where the record has no such figure.
pub fn write_printed_json<W, I>(w: W, records: I, metric: Metric) -> Result<()>
where
    W: Write,
    I: IntoIterator,
    I::Item: AsRecord,
{
    let rows: Vec<serde_json::Value> = records
        .into_iter()
        .map(|r| {
            let p = Printed::of(r.as_record(), metric);
            let mut row = serde_json::Map::new();
            row.insert("country".to_owned(), p.country.to_string().into());
            row.insert("name".to_owned(), p.name.into());
            row.insert("year".to_owned(), p.year.into());
            row.insert(metric.name().to_owned(), p.value.into());
            serde_json::Value::Object(row)
        })
        .collect();
    write_json(w, &rows)
}

/// A spending record, or a reference to one (at any depth): what
/// [`write_printed_csv`] and [`write_printed_json`] take, so that a
/// `Vec<&SpendingRecord>` writes as well as a `Vec<SpendingRecord>`.
pub trait AsRecord {
    /// The record.
    fn as_record(&self) -> &SpendingRecord;
}

impl AsRecord for SpendingRecord {
    fn as_record(&self) -> &SpendingRecord {
        self
    }
}

impl<T: AsRecord + ?Sized> AsRecord for &T {
    fn as_record(&self) -> &SpendingRecord {
        (**self).as_record()
    }
}

/// A record's figure as printed.
struct Printed {
    country: crate::Entity,
    name: String,
    year: u16,
    value: Option<String>,
}

impl Printed {
    fn of(r: &SpendingRecord, metric: Metric) -> Printed {
        Printed {
            country: r.country,
            name: crate::dataset::written_name(r.country),
            year: r.year,
            value: r.figure(metric).map(|f| f.to_string()),
        }
    }
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A decimal as text, without trailing zeros (`2.50` → `2.5`), empty for `None`.
pub(crate) fn dec(v: Option<rust_decimal::Decimal>) -> String {
    v.map(|v| v.normalize().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for risky in [
            "=1+1", "+SUM(A1)", "-cmd", "@x", "\tx", "\rx", "=", "-", "+1e5",
        ] {
            assert_eq!(guard(risky), format!("'{risky}"), "{risky:?}");
        }
        for risky in ["-.5", "-5.", "-1e5", "-1_000", "--1"] {
            assert_eq!(guard(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-2.5", "0", "POL", "", "2024", "-0.01", "a=b", "-3"] {
            assert_eq!(guard(safe), safe, "{safe:?}");
        }
    }
}
