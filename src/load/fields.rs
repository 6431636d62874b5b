//! Reading the header and fields of a CSV file, with errors that name the line and column.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::spending::Range;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::limits;
use crate::load::pipeline::{ReadError, Record};

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

/// Skips a UTF-8 byte order mark at the start of a stream.
pub(crate) fn skip_bom<R: std::io::Read>(mut input: R) -> std::io::Result<impl std::io::Read> {
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < head.len() {
        match input.read(head.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let kept = if head.get(..n) == Some(b"\xEF\xBB\xBF".as_slice()) {
        0
    } else {
        n
    };
    Ok(std::io::Read::chain(
        std::io::Read::take(std::io::Cursor::new(head), kept as u64),
        input,
    ))
}

/// The byte offset a `csv` record starts at.
pub(crate) fn record_byte(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, csv::Position::byte)
}

/// Strips a UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The 1-based line each record of a file starts on.
///
/// The `csv` crate's record positions are not enough: after a CRLF line ending or a blank
/// line, a record's position is that of the line break before it (its line number one or
/// more short). This counts the line breaks itself, from the byte the record starts at,
/// in one pass over the file however many records are asked about.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    /// Lines of `bytes`, the very bytes the reader reads.
    pub fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line `record` starts on. Records must be asked about in file order.
    pub fn of(&mut self, record: &csv::ByteRecord) -> u64 {
        let reported = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.offset);
        self.at_byte(reported)
    }

    /// The line of the first character at or after byte `reported` that is not a line
    /// break (where the `csv` crate says a record or an error starts). Asked about in
    /// file order, the whole file is counted once.
    pub fn at_byte(&mut self, reported: usize) -> u64 {
        let skipped = self
            .bytes
            .get(reported..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = reported.saturating_add(skipped);
        if start < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let between = self.bytes.get(self.offset..start).unwrap_or_default();
        self.line += memchr::memchr_iter(b'\n', between).count() as u64;
        self.offset = start;
        self.line
    }
}

/// Turns an error of [`pipeline`](crate::load::pipeline)'s reading into ours: at the
/// record's byte offset for a record over the limits.
pub(crate) fn read_error(file: &Path, err: ReadError) -> Error {
    match err {
        ReadError::Io(error) => Error::new(Position::file(file), ErrorKind::Csv(error.to_string())),
        ReadError::TooLarge {
            bytes,
            fields,
            byte,
        } => limits::record_too_large(bytes, fields, Position::file(file).at_byte(byte), true),
    }
}

/// Turns a `csv` error into ours, at its byte offset (the line is worked out from it when
/// the error is reported). The World Bank loader, its only user, reads flexible byte
/// records, so what can go wrong is reading (rows of another width are its own errors,
/// and text is checked as UTF-8 field by field).
pub(crate) fn csv_error(file: &Path, err: &csv::Error) -> Error {
    let mut pos = Position::file(file);
    if let Some(p) = err.position() {
        pos = pos.at_byte(p.byte());
    }
    Error::new(pos, ErrorKind::Csv(err.to_string()))
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
        header: Record<'_>,
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

    /// A view of one record, which starts at byte `byte` of the file.
    pub fn row<'r>(&'r self, record: Record<'r>) -> Row<'r> {
        Row {
            header: self,
            record,
        }
    }
}

/// One record of a file, whose fields are read by column.
pub(crate) struct Row<'r> {
    header: &'r Header<'r>,
    record: Record<'r>,
}

impl Row<'_> {
    /// The byte offset the record starts at (its line is worked out from it only if an
    /// error is reported).
    pub fn byte(&self) -> u64 {
        self.record.byte()
    }

    /// The position of column `k` in this row.
    pub fn position(&self, k: usize) -> Position {
        let mut p = Position::file(self.header.file).at_byte(self.record.byte());
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
    if let Some(v) = plain_decimal(s.as_bytes()) {
        return Ok(v);
    }
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

/// Parses a decimal that may be written in exponent notation (`1.715E-05`, `2.4e+11`)
/// exactly, as the World Bank and Our World in Data files write small and large values.
///
/// Only the publishers' loaders accept exponents; the crate's own files do not. The part
/// before the exponent follows [`parse_decimal`]'s rules; the exponent is an optional sign
/// and at most three digits. The value is built with `Decimal::from_scientific` from an
/// exact mantissa, so no digit is lost or rounded: a value that cannot be held exactly
/// (more than 28 decimals, or too large) is an error.
pub(crate) fn parse_decimal_sci(s: &str) -> std::result::Result<Decimal, String> {
    if let Some(v) = plain_decimal(s.as_bytes()) {
        return Ok(v);
    }
    let Some(at) = s.find(['e', 'E']) else {
        return parse_decimal(s);
    };
    let (mantissa, exponent) = (
        s.get(..at).unwrap_or_default(),
        s.get(at + 1..).unwrap_or_default(),
    );
    parse_decimal(mantissa)?;
    let digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("not a decimal number (the exponent is not a whole number)".to_owned());
    }
    Decimal::from_scientific(s).map_err(|_| {
        "a number that cannot be held exactly (at most 28 decimals and 28 significant digits)"
            .to_owned()
    })
}

/// Converts an amount in US dollars to millions of US dollars, exactly (without the
/// trailing zeros the division leaves: 876943200000 dollars are 876943.2 millions).
pub(crate) fn dollars_to_millions(dollars: Decimal) -> std::result::Result<Decimal, String> {
    let million = Decimal::from(1_000_000u32);
    dollars
        .checked_div(million)
        .filter(|m| m.checked_mul(million) == Some(dollars))
        .map(|m| m.normalize())
        .ok_or_else(|| {
            "an amount in dollars that cannot be converted to millions exactly (too many decimals)"
                .to_owned()
        })
}

/// The largest magnitude of any figure or amount a loader accepts: 10^15 (in millions of
/// US dollars, a million times the world's GDP). Sums and differences of figures within
/// it never overflow a `Decimal`.
const MAX_FIGURE_INT: u128 = 1_000_000_000_000_000;

/// True if `|value| <= bound`, compared exactly on the decimal's integer mantissa and
/// scale (no `Decimal` comparison: this runs once per figure loaded).
fn abs_at_most(value: Decimal, bound: u128) -> bool {
    // Evaluated at compile time: an out-of-bounds index would fail the build, not a run.
    #[allow(clippy::indexing_slicing)]
    const POW10: [u128; 29] = {
        let mut t = [1u128; 29];
        let mut i = 1;
        while i < 29 {
            t[i] = t[i - 1] * 10;
            i += 1;
        }
        t
    };
    let mantissa = value.mantissa().unsigned_abs();
    match POW10
        .get(value.scale() as usize)
        .and_then(|p| p.checked_mul(bound))
    {
        Some(limit) => mantissa <= limit,
        // bound × 10^scale is beyond any mantissa (at most 2^96).
        None => true,
    }
}

/// The reason for a figure over [`MAX_FIGURE_INT`].
pub(crate) const TOO_BIG: &str = "a number too large to be a real figure (at most 10^15)";

/// Why `value` is outside what `range` allows, if it is.
pub(crate) fn out_of_range(value: Decimal, range: Range) -> Option<&'static str> {
    let negative = value.is_sign_negative() && !value.is_zero();
    if !abs_at_most(value, MAX_FIGURE_INT) {
        return Some(TOO_BIG);
    }
    match range {
        Range::Percent | Range::PercentOver if negative => Some("a percentage cannot be negative"),
        Range::Percent if !abs_at_most(value, 100) => Some("a percentage cannot be over 100"),
        Range::NonNegative if negative => Some("an amount cannot be negative"),
        _ => None,
    }
}

/// The date a publisher printed in a format of its own or of a spreadsheet's locale, when
/// it is unambiguous: ISO `2023-09-19`, `19/09/2023`, `9/19/2023`, `19.09.2023`. A text
/// that reads as two different dates (`09/10/2023`: 9 October or 10 September) or as no
/// date at all gives `None`. The formats are tried with `jiff`'s `strptime`.
pub(crate) fn parse_unambiguous_date(text: &str) -> Option<jiff::civil::Date> {
    const FORMATS: &[&str] = &[
        "%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y",
    ];
    let mut found: Option<jiff::civil::Date> = None;
    for format in FORMATS {
        if let Ok(d) = jiff::civil::Date::strptime(format, text.trim()) {
            match found {
                Some(f) if f != d => return None,
                _ => found = Some(d),
            }
        }
    }
    found
}

/// Fails if `record` (read at `line` of a file whose rows end with empty fields) has a
/// value past the header's `width` fields: a row the header does not describe.
pub(crate) fn nothing_past(
    record: &csv::ByteRecord,
    width: usize,
    at_line: impl FnOnce() -> Position,
) -> Result<()> {
    match record
        .iter()
        .enumerate()
        .skip(width)
        .find(|(_, f)| !f.iter().all(u8::is_ascii_whitespace))
    {
        None => Ok(()),
        Some((i, _)) => Err(Error::new(
            at_line().at_column((i + 1).to_string()),
            ErrorKind::Csv(format!(
                "this row has a value in field {}, the header has {width} fields",
                i + 1
            )),
        )),
    }
}

/// A field as trimmed UTF-8 text, or an error at `position`.
pub(crate) fn utf8_field(raw: &[u8], position: impl FnOnce() -> Position) -> Result<&str> {
    std::str::from_utf8(raw).map(str::trim).map_err(|_| {
        Error::new(
            position(),
            ErrorKind::Csv("not valid UTF-8 (save the file as UTF-8)".to_owned()),
        )
    })
}

/// The fast path of decimal parsing: a plain decimal of at most 18 digits (`4.12`,
/// `-2.736816894190086`, `1474399`), read straight from the bytes into the same value and
/// scale as `Decimal::from_str_exact`. Anything else (more digits, a lone sign or dot,
/// white space, an exponent, a negative zero) is `None` and goes to the full parser.
pub(crate) fn plain_decimal(bytes: &[u8]) -> Option<Decimal> {
    Plain::parse(bytes)?.decimal()
}

/// [`plain_decimal`] for a figure that must also be within `range` and at most 10^15
/// (what [`out_of_range`] checks): `None` if the text is not plain or the value is out
/// of range. The bounds are compared on the integer part and whether a fraction
/// follows, without building the decimal first.
pub(crate) fn plain_figure(bytes: &[u8], range: Range) -> Option<Decimal> {
    let p = Plain::parse(bytes)?;
    let over = |bound: u64| p.int > bound || (p.int == bound && p.fraction);
    if over(1_000_000_000_000_000) {
        return None;
    }
    match range {
        Range::Percent | Range::PercentOver | Range::NonNegative if p.negative => None,
        Range::Percent if over(100) => None,
        _ => p.decimal(),
    }
}

/// A plain decimal's parts (see [`plain_decimal`]).
struct Plain {
    negative: bool,
    /// All the digits, as one integer.
    mantissa: u64,
    /// The digits after the dot.
    scale: u32,
    /// The integer part.
    int: u64,
    /// A digit after the dot is not zero.
    fraction: bool,
}

impl Plain {
    fn parse(bytes: &[u8]) -> Option<Plain> {
        let (negative, digits) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        // 18 digits and a dot at most: the digits then fit an `i64`, and the loop cannot
        // overflow its `u64` on a longer text.
        if digits.len() > 19 {
            return None;
        }
        // The integer digits, then, after a dot, the fraction's.
        let mut rest = digits.iter();
        let mut mantissa: u64 = 0;
        let mut int_digits = 0;
        let mut dot = false;
        for &b in rest.by_ref() {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                if b != b'.' {
                    return None;
                }
                dot = true;
                break;
            }
            mantissa = mantissa * 10 + u64::from(d);
            int_digits += 1;
        }
        let int = mantissa;
        let mut scale = 0;
        let mut any = 0;
        for &b in rest {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(d);
            any |= d;
            scale += 1;
        }
        // `` `-` `.5` `5.`
        if int_digits == 0 || (dot && scale == 0) || int_digits + scale > 18 {
            return None;
        }
        if negative && mantissa == 0 {
            return None; // a negative zero keeps its sign in the full parser
        }
        Some(Plain {
            negative,
            mantissa,
            scale,
            int,
            fraction: any != 0,
        })
    }

    fn decimal(&self) -> Option<Decimal> {
        let m = i64::try_from(self.mantissa).ok()?;
        Some(Decimal::new(if self.negative { -m } else { m }, self.scale))
    }
}

/// A year from a field's bytes: four ASCII digits (the fast path), else through
/// [`parse_year`] with the text.
pub(crate) fn year_bytes(bytes: &[u8]) -> Option<u16> {
    match bytes {
        [a, b, c, d] if bytes.iter().all(u8::is_ascii_digit) => {
            let y = [a, b, c, d]
                .iter()
                .fold(0u16, |y, &&x| y * 10 + u16::from(x - b'0'));
            YEARS.contains(&y).then_some(y)
        }
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

/// Text without footnote markers: trailing asterisks, daggers and the like, and
/// superscript letters or digits; white space (including no-break spaces) collapsed.
pub(crate) fn clean_name(raw: &str) -> String {
    let collapsed: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(|c: char| FOOTNOTE_MARKS.contains(&c) || is_superscript(c))
        .trim_end()
        .to_owned()
}

/// Characters publishers use as footnote markers.
const FOOTNOTE_MARKS: &[char] = &['*', '†', '‡', '§', '¶', '‖', '#'];

fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}'..='\u{209F}' | '\u{1D2C}'..='\u{1D6A}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_FIGURE: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

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
    fn figures_are_at_most_ten_to_the_fifteenth() {
        assert_eq!(MAX_FIGURE.to_string(), "1000000000000000");
        assert_eq!(out_of_range(MAX_FIGURE, Range::NonNegative), None);
        let over = MAX_FIGURE + Decimal::new(1, 1);
        for range in [Range::NonNegative, Range::Any, Range::PercentOver] {
            assert_eq!(out_of_range(over, range), Some(TOO_BIG));
        }
        assert_eq!(out_of_range(-over, Range::Any), Some(TOO_BIG));
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
    fn exponents_are_read_exactly_by_the_publishers_loaders() {
        let d = |s: &str| parse_decimal_sci(s).map(|d| d.to_string());
        assert_eq!(d("1.715E-05").as_deref(), Ok("0.00001715"));
        assert_eq!(
            d("3.91428571428571E-05").as_deref(),
            Ok("0.0000391428571428571")
        );
        assert_eq!(d("1.6E+11").as_deref(), Ok("160000000000"));
        assert_eq!(d("2.4e-05").as_deref(), Ok("0.000024"));
        assert_eq!(d("4.12").as_deref(), Ok("4.12"));
        for bad in [
            "1e", "e5", "1.2.3e4", "1e5.5", "1e+", "NaN", "1E-1000", "1,5E3", "1e-29",
        ] {
            assert!(parse_decimal_sci(bad).is_err(), "{bad:?} should not parse");
        }
        // A mantissa with more digits than a Decimal holds is not rounded silently.
        assert!(parse_decimal_sci(&format!("{}E-2", "1".repeat(40))).is_err());
        // The crate's own files keep rejecting exponents.
        assert!(parse_decimal("1.6E+11").is_err());
    }

    #[test]
    fn dollars_become_millions_exactly() {
        let m = |s: &str| dollars_to_millions(parse_decimal(s).unwrap()).map(|d| d.to_string());
        assert_eq!(m("63524653.0612245").as_deref(), Ok("63.5246530612245"));
        assert_eq!(m("877000000").as_deref(), Ok("877"));
        assert_eq!(m("876943200000").as_deref(), Ok("876943.2"));
        assert_eq!(m("0").as_deref(), Ok("0"));
        assert!(m("0.0000000000000000000000001").is_err());
    }

    #[test]
    fn dates_are_read_when_unambiguous() {
        let d = |s: &str| parse_unambiguous_date(s).map(|d| d.to_string());
        assert_eq!(d("2023-09-19").as_deref(), Some("2023-09-19"));
        assert_eq!(d("19/09/2023").as_deref(), Some("2023-09-19"));
        assert_eq!(d("9/19/2023").as_deref(), Some("2023-09-19"));
        assert_eq!(d("19.09.2023").as_deref(), Some("2023-09-19"));
        assert_eq!(d("10/10/2023").as_deref(), Some("2023-10-10"));
        assert_eq!(d("09/10/2023"), None); // 9 October or 10 September
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("2023-02-30"), None);
    }

    #[test]
    fn lines_are_counted_through_crlf_blank_lines_and_quoted_breaks() {
        for (data, want) in [
            ("a,b,\n\nc,d,\n\ne,f,\ng,h,\n", vec![1, 3, 5, 6]),
            ("a,b\r\n\r\nc,d\r\n\r\ne,f\r\n", vec![1, 3, 5]),
            ("a,b\r\nc,d\r\ne,f", vec![1, 2, 3]),
            ("a,\"x\ny\"\nc,d\n\n\n\"q\",r\n", vec![1, 3, 6]),
            ("a,\"x\r\ny\"\r\nc,d\r\n", vec![1, 3]),
        ] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(data.as_bytes());
            let mut lines = Lines::new(data.as_bytes());
            let mut record = csv::ByteRecord::new();
            let mut got = Vec::new();
            while reader.read_byte_record(&mut record).unwrap() {
                got.push(lines.of(&record));
            }
            assert_eq!(got, want, "{data:?}");
        }
    }

    #[test]
    fn the_fast_path_gives_what_the_full_parser_gives() {
        for text in [
            "4.12",
            "-2.736816894190086",
            "1474399.4765734388",
            "0",
            "007",
            "1.50",
            "0.000001",
            "999999999999999999",
            "123456789.123456789",
            "-0.5",
            "100",
        ] {
            let fast = plain_decimal(text.as_bytes());
            let full = Decimal::from_str_exact(text).ok();
            if let Some(f) = fast {
                assert_eq!(Some(f), full, "{text}");
                assert_eq!(
                    f.to_string(),
                    full.unwrap().to_string(),
                    "{text}: same scale"
                );
            }
        }
        assert!(plain_decimal(b"4.12").is_some());
        for not_plain in [
            &b""[..],
            b"-",
            b".",
            b"5.",
            b".5",
            b"1.2.3",
            b" 1",
            b"1e5",
            b"-0",
            b"-0.0",
            b"1234567890123456789",
            b"+1",
            b"NaN",
            b"2,5",
        ] {
            assert_eq!(
                plain_decimal(not_plain),
                None,
                "{:?}",
                std::str::from_utf8(not_plain)
            );
        }
        assert_eq!(year_bytes(b"2024"), Some(2024));
        assert_eq!(year_bytes(b"1799"), None);
        assert_eq!(year_bytes(b"202"), None);
        assert_eq!(year_bytes(b" 2024"), None);
    }

    #[test]
    fn a_plain_figure_is_a_plain_decimal_within_its_range() {
        for text in [
            "0",
            "100",
            "100.0",
            "100.000001",
            "99.999",
            "101",
            "-1",
            "-0.5",
            "1.5",
            "1000000000000000",
            "1000000000000000.0",
            "1000000000000000.1",
            "999999999999999.9",
            "1000000000000001",
            "117.35",
            "0.000",
            "5",
        ] {
            for range in [
                Range::Percent,
                Range::PercentOver,
                Range::NonNegative,
                Range::Any,
            ] {
                let both =
                    plain_decimal(text.as_bytes()).filter(|v| out_of_range(*v, range).is_none());
                assert_eq!(
                    plain_figure(text.as_bytes(), range),
                    both,
                    "{text} {range:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// On any text of digits, dots and signs, the fast figure path agrees with the
        /// plain parser followed by the range check.
        #[test]
        fn a_plain_figure_agrees_on_any_text(
            text in "-?[0-9]{0,17}(\\.[0-9]{0,6})?",
            k in 0usize..4,
        ) {
            let range = [Range::Percent, Range::PercentOver, Range::NonNegative, Range::Any][k];
            let both = plain_decimal(text.as_bytes()).filter(|v| out_of_range(*v, range).is_none());
            proptest::prop_assert_eq!(plain_figure(text.as_bytes(), range), both);
        }
    }

    #[test]
    fn bounds_are_compared_exactly() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert!(abs_at_most(d("100"), 100));
        assert!(abs_at_most(d("100.000"), 100));
        assert!(!abs_at_most(d("100.0000000001"), 100));
        assert!(abs_at_most(d("-99.99"), 100));
        assert!(!abs_at_most(d("-100.01"), 100));
        assert!(abs_at_most(d("1000000000000000"), MAX_FIGURE_INT));
        assert!(!abs_at_most(d("1000000000000000.1"), MAX_FIGURE_INT));
        assert!(abs_at_most(d("0.0000000000000000000000000001"), 100));
        assert!(abs_at_most(Decimal::ZERO, 0));
        assert!(!abs_at_most(
            Decimal::from(10u64.pow(15) + 1),
            MAX_FIGURE_INT
        ));
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
