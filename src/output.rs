//! Writing query results as CSV (safe to open in a spreadsheet) and JSON.
//!
//! Every result type implements [`CsvRow`] (fixed columns) and `serde::Serialize`.
//! CSV output guards against spreadsheet formula injection: a field that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return and is not a number is written with a leading
//! apostrophe, so that Excel or LibreOffice shows it as text instead of running it.
//!
//! ```
//! use defense_spending::output::{guard, write_csv};
//! use defense_spending::Dataset;
//! use rust_decimal::Decimal;
//!
//! assert_eq!(guard("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
//! assert_eq!(guard("-2.5"), "-2.5"); // a number stays a number
//!
//! let report = Dataset::bundled().shortfalls(2024, Decimal::TWO);
//! let mut out = Vec::new();
//! write_csv(&mut out, &report.allies)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("country,year,share_of_gdp,target,shortfall_usd_million\n"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

/// A result type with fixed CSV columns.
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
    if risky && crate::load::fields::parse_decimal(field).is_err() {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// Writes `rows` as CSV with a header line, every field guarded.
pub fn write_csv<W: Write, R: CsvRow>(w: W, rows: &[R]) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(R::header()).map_err(into_io)?;
    for r in rows {
        let fields = r.fields();
        out.write_record(fields.iter().map(|f| guard(f).into_owned()))
            .map_err(into_io)?;
    }
    out.flush()
}

/// Writes `value` as pretty-printed JSON followed by a newline.
pub fn write_json<W: Write, T: Serialize + ?Sized>(mut w: W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, value).map_err(io::Error::other)?;
    writeln!(w)
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
        for safe in ["-2.5", "0", "POL", "", "2024", "-0.01", "a=b"] {
            assert_eq!(guard(safe), safe, "{safe:?}");
        }
    }
}
