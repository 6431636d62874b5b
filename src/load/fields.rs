//! Reading the header and fields of a CSV file, with errors that name the line and column.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::spending::Range;

use crate::error::{Error, ErrorKind, Position, Result};

/// The first and last years any loader accepts.
pub(crate) const YEARS: std::ops::RangeInclusive<u16> = 1800..=2200;

/// A column a file format knows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub name: &'static str,
    pub required: bool,
}

/// A required column.
pub(crate) const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

/// An optional column.
pub(crate) const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

/// Strips a UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Turns a `csv` error into ours, at its line.
pub(crate) fn csv_error(file: &Path, err: &csv::Error) -> Error {
    let mut pos = Position::file(file);
    if let Some(p) = err.position() {
        pos = pos.at_line(p.line());
    }
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!(
                "field {} is not valid UTF-8 (save the file as UTF-8)",
                err.field() + 1
            )
        }
        _ => err.to_string(),
    };
    Error::new(pos, ErrorKind::Csv(message))
}

/// A CSV file's header matched against the columns of a format.
pub(crate) struct Header<'a> {
    file: &'a Path,
    /// For each known column, where it is in the file.
    index: Vec<Option<usize>>,
    columns: &'static [Column],
}

impl<'a> Header<'a> {
    /// Matches `header` against `columns`: every required column present, none unknown,
    /// none twice.
    pub fn new(
        file: &'a Path,
        header: &csv::ByteRecord,
        columns: &'static [Column],
    ) -> Result<Header<'a>> {
        let at = || Position::file(file).at_line(1);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut index = vec![None; columns.len()];
        for (i, raw) in header.iter().enumerate() {
            let name = std::str::from_utf8(raw)
                .map_err(|_| {
                    Error::new(
                        at(),
                        ErrorKind::Csv(format!("header field {} is not valid UTF-8", i + 1)),
                    )
                })?
                .trim();
            if seen.insert(name, i).is_some() {
                return Err(Error::new(
                    at().at_column(name),
                    ErrorKind::DuplicateColumn(name.to_owned()),
                ));
            }
            match columns.iter().position(|c| c.name == name) {
                Some(k) => {
                    if let Some(slot) = index.get_mut(k) {
                        *slot = Some(i);
                    }
                }
                None => {
                    return Err(Error::new(
                        at().at_column(name),
                        ErrorKind::UnknownColumn {
                            column: name.to_owned(),
                            expected: columns
                                .iter()
                                .map(|c| c.name)
                                .collect::<Vec<_>>()
                                .join(", "),
                        },
                    ))
                }
            }
        }
        for (c, i) in columns.iter().zip(&index) {
            if c.required && i.is_none() {
                return Err(Error::new(
                    at(),
                    ErrorKind::MissingColumn(c.name.to_owned()),
                ));
            }
        }
        Ok(Header {
            file,
            index,
            columns,
        })
    }

    /// True if the file has the column `k` (an index into the format's columns).
    pub fn has(&self, k: usize) -> bool {
        matches!(self.index.get(k), Some(Some(_)))
    }

    /// A view of one record.
    pub fn row<'r>(&'r self, record: &'r csv::ByteRecord) -> Row<'r> {
        let line = record.position().map_or(0, csv::Position::line);
        Row {
            header: self,
            record,
            line,
        }
    }
}

/// One record of a file, whose fields are read by column.
pub(crate) struct Row<'r> {
    header: &'r Header<'r>,
    record: &'r csv::ByteRecord,
    line: u64,
}

impl Row<'_> {
    /// The 1-based line the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The position of column `k` in this row.
    pub fn position(&self, k: usize) -> Position {
        let mut p = Position::file(self.header.file).at_line(self.line);
        if let Some(c) = self.header.columns.get(k) {
            p = p.at_column(c.name);
        }
        p
    }

    /// An error about column `k`.
    pub fn error(&self, k: usize, kind: ErrorKind) -> Error {
        Error::new(self.position(k), kind)
    }

    /// An invalid-value error about column `k`.
    pub fn invalid(&self, k: usize, value: &str, reason: impl Into<String>) -> Error {
        self.error(
            k,
            ErrorKind::InvalidValue {
                value: value.to_owned(),
                reason: reason.into(),
            },
        )
    }

    /// The trimmed text of column `k`; empty if the file lacks the column.
    pub fn text(&self, k: usize) -> Result<&str> {
        let Some(Some(i)) = self.header.index.get(k) else {
            return Ok("");
        };
        let raw = self.record.get(*i).unwrap_or_default();
        std::str::from_utf8(raw)
            .map(str::trim)
            .map_err(|_| self.error(k, ErrorKind::Csv("not valid UTF-8".to_owned())))
    }

    /// The text of column `k`, which must not be empty.
    pub fn required(&self, k: usize) -> Result<&str> {
        let s = self.text(k)?;
        if s.is_empty() {
            Err(self.error(k, ErrorKind::Empty))
        } else {
            Ok(s)
        }
    }

    /// The text of column `k`, or `None` if empty.
    pub fn optional(&self, k: usize) -> Result<Option<&str>> {
        let s = self.text(k)?;
        Ok((!s.is_empty()).then_some(s))
    }

    /// Parses the required column `k` with `FromStr`.
    pub fn parse<T: FromStr>(&self, k: usize) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let s = self.required(k)?;
        s.parse()
            .map_err(|e: T::Err| self.invalid(k, s, e.to_string()))
    }

    /// Parses the optional column `k` with `FromStr`.
    pub fn parse_opt<T: FromStr>(&self, k: usize) -> Result<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        match self.optional(k)? {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|e: T::Err| self.invalid(k, s, e.to_string())),
        }
    }

    /// A decimal in column `k`, or `None` if empty.
    pub fn decimal_opt(&self, k: usize) -> Result<Option<Decimal>> {
        match self.optional(k)? {
            None => Ok(None),
            Some(s) => parse_decimal(s)
                .map(Some)
                .map_err(|e| self.invalid(k, s, e)),
        }
    }

    /// A required decimal in column `k`.
    pub fn decimal(&self, k: usize) -> Result<Decimal> {
        let s = self.required(k)?;
        parse_decimal(s).map_err(|e| self.invalid(k, s, e))
    }

    /// A year in column `k`.
    pub fn year(&self, k: usize) -> Result<u16> {
        let s = self.required(k)?;
        parse_year(s).map_err(|e| self.invalid(k, s, e))
    }

    /// An optional year in column `k`.
    pub fn year_opt(&self, k: usize) -> Result<Option<u16>> {
        match self.optional(k)? {
            None => Ok(None),
            Some(s) => parse_year(s).map(Some).map_err(|e| self.invalid(k, s, e)),
        }
    }

    /// `true` or `false` in column `k`; empty (or no such column) is `false`.
    pub fn flag(&self, k: usize) -> Result<bool> {
        match self.text(k)? {
            "" | "false" => Ok(false),
            "true" => Ok(true),
            s => Err(self.invalid(k, s, "expected true or false")),
        }
    }
}

/// Parses a plain decimal number (`-2.5`, `4.12`, `1474399.4765734388`) exactly.
///
/// Rejects what spreadsheets and other locales write, with a reason that says how to fix
/// it: decimal commas, thousands separators, percent signs, exponents, NaN and infinities,
/// and more digits than a `Decimal` holds (28).
pub(crate) fn parse_decimal(s: &str) -> std::result::Result<Decimal, String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(if s.ends_with('%') {
            "not a decimal number: drop the % sign (values are already in percent)".to_owned()
        } else if s.contains(',') {
            "not a decimal number: use a dot as the decimal separator and no thousands separators"
                .to_owned()
        } else {
            "not a decimal number".to_owned()
        });
    }
    if digits.bytes().filter(|&b| b == b'.').count() > 1
        || digits.starts_with('.')
        || digits.ends_with('.')
    {
        return Err("not a decimal number".to_owned());
    }
    Decimal::from_str_exact(s).map_err(|_| {
        "a number with more digits than can be held exactly (28 significant digits at most)"
            .to_owned()
    })
}

/// Why `value` is outside what `range` allows, if it is.
pub(crate) fn out_of_range(value: Decimal, range: Range) -> Option<&'static str> {
    let negative = value.is_sign_negative() && !value.is_zero();
    match range {
        Range::Percent | Range::PercentOver if negative => Some("a percentage cannot be negative"),
        Range::Percent if value > Decimal::ONE_HUNDRED => Some("a percentage cannot be over 100"),
        Range::NonNegative if negative => Some("an amount cannot be negative"),
        _ => None,
    }
}

/// Parses a year between 1800 and 2200.
pub(crate) fn parse_year(s: &str) -> std::result::Result<u16, String> {
    match s.parse::<u16>() {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        Ok(_) => Err(format!(
            "a year out of range ({} to {})",
            YEARS.start(),
            YEARS.end()
        )),
        Err(_) => Err("not a year (a whole number such as 2024)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly_or_say_why_not() {
        assert_eq!(parse_decimal("4.12").unwrap().to_string(), "4.12");
        assert_eq!(
            parse_decimal("-2.736816894190086").unwrap().to_string(),
            "-2.736816894190086"
        );
        assert_eq!(
            parse_decimal("1474399.4765734388").unwrap().to_string(),
            "1474399.4765734388"
        );
        for bad in ["2,5", "1,000.5"] {
            assert!(parse_decimal(bad).unwrap_err().contains("dot"), "{bad}");
        }
        assert!(parse_decimal("2.5%").unwrap_err().contains("%"));
        for bad in [
            "NaN", "inf", "-inf", "1e400", "1e5", "+1", ".5", "5.", "1.2.3", "-", "", "0x10", "١٢",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should not parse");
        }
        let sixty = "1".repeat(60);
        assert!(parse_decimal(&sixty).unwrap_err().contains("28"));
    }

    #[test]
    fn shares_of_gdp_may_exceed_100_but_other_percentages_not() {
        let kuwait_1991 = parse_decimal("117.34982320869").unwrap();
        assert_eq!(out_of_range(kuwait_1991, Range::PercentOver), None);
        assert!(out_of_range(kuwait_1991, Range::Percent).is_some());
        assert!(out_of_range(Decimal::NEGATIVE_ONE, Range::PercentOver).is_some());
        assert!(out_of_range(Decimal::NEGATIVE_ONE, Range::NonNegative).is_some());
        assert_eq!(out_of_range(Decimal::NEGATIVE_ONE, Range::Any), None);
    }

    #[test]
    fn years_are_bounded() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert!(parse_year("-2024").is_err());
        assert!(parse_year("20245").is_err());
        assert!(parse_year("1799").unwrap_err().contains("out of range"));
        assert!(parse_year("2024.0").is_err());
    }
}
