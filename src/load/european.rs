//! CSV files as Excel saves them in many European locales: `;` between fields and `,` as
//! the decimal mark (`Poland;3,83;4,12`).
//!
//! Such a file is recognised by its content: its first lines split on `;` (and not on
//! `,`) give one of the formats this crate reads. It is then read as its translation into
//! the usual form, line for line (so every position is the file's own): fields separated
//! by commas and quoted where needed, and numbers with a decimal comma (`3,83`,
//! `1,715E-05`, `5,7%`) written with a dot. Every value stays exact: digits are moved,
//! never reparsed.
//!
//! Where a file is ambiguous the translation is an error that names the cause and the
//! fix: a file with decimal commas and also a number such as `1.234` (a thousands
//! separator, or a decimal point?) or `1.234,5`. A file with `;` between fields and no
//! decimal comma anywhere (written by a program rather than Excel) keeps its dots.
//!
//! The translation is made in memory: such a file is read whole (within
//! [`MAX_FILE_BYTES`](crate::load::limits::MAX_FILE_BYTES)), not as a stream.

use std::path::Path;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::fields::{csv_error, strip_bom, Lines};
use crate::load::limits;

/// What a field is, as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    /// Not a number (text, a name, a marker).
    Not,
    /// Digits with one decimal comma (`3,83`, `-1,715E-05`, `5,7%`).
    DecimalComma,
    /// Digits with one full stop and three digits after it (`1.234`): a thousands
    /// separator in a file of decimal commas, or a decimal point.
    AmbiguousStop,
    /// Digits with full stops and a comma (`1.234,5`).
    StopsAndComma,
    /// A plain number (`2024`, `1.5`, `1.25E-05`).
    Plain,
}

/// Classifies a field (trimmed) as a number.
fn number(field: &[u8]) -> Number {
    let mut s = field.trim_ascii();
    s = s.strip_suffix(b"%").unwrap_or(s);
    if let Some(rest) = s.strip_prefix(b"-").or_else(|| s.strip_prefix(b"+")) {
        s = rest;
    }
    // The mantissa, before an exponent.
    let mantissa = match s.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => {
            let exp = s.get(i + 1..).unwrap_or_default();
            let exp = exp
                .strip_prefix(b"-")
                .or_else(|| exp.strip_prefix(b"+"))
                .unwrap_or(exp);
            if exp.is_empty() || !exp.iter().all(u8::is_ascii_digit) {
                return Number::Not;
            }
            s.get(..i).unwrap_or_default()
        }
        None => s,
    };
    if mantissa.is_empty()
        || !mantissa.first().is_some_and(u8::is_ascii_digit)
        || !mantissa
            .iter()
            .all(|&b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return Number::Not;
    }
    let commas = mantissa.iter().filter(|&&b| b == b',').count();
    let stops = mantissa.iter().filter(|&&b| b == b'.').count();
    match (commas, stops) {
        (0, 0) => Number::Plain,
        (1, 0) if mantissa.ends_with(b",") => Number::Not,
        (1, 0) => Number::DecimalComma,
        (0, 1) => {
            let after = mantissa
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if after == 3 {
                Number::AmbiguousStop
            } else {
                Number::Plain
            }
        }
        (1, _) => Number::StopsAndComma,
        _ => Number::Not,
    }
}

/// Translates a CSV file with `separator` between fields (and, where it has any, decimal
/// commas) into commas between fields and decimal points, line for line. See the
/// [module docs](self).
pub(crate) fn translate(file: &Path, bytes: &[u8], separator: u8) -> Result<Vec<u8>> {
    let text = strip_bom(bytes);
    let reader = || {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(text)
    };
    let mut record = csv::ByteRecord::new();

    // First: does the file write decimals with a comma?
    let mut decimal_comma = false;
    let mut r = reader();
    while r
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(file, &e))?
    {
        limits::check_record(file, &record, || {
            Position::file(file).at_byte(crate::load::fields::record_byte(&record))
        })?;
        if record.iter().any(|f| number(f) == Number::DecimalComma) {
            decimal_comma = true;
            break;
        }
    }

    // Then the translation, line for line.
    let mut out: Vec<u8> = Vec::with_capacity(text.len().saturating_add(text.len() / 8));
    let mut lines = Lines::new(text);
    let mut line_out: u64 = 1;
    let mut r = reader();
    let separator_name = char::from(separator);
    while r
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(file, &e))?
    {
        limits::check_record(file, &record, || {
            Position::file(file).at_byte(crate::load::fields::record_byte(&record))
        })?;
        let line = lines.of(&record);
        while line_out < line {
            out.push(b'\n');
            line_out += 1;
        }
        for (i, field) in record.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let kind = number(field);
            if decimal_comma && matches!(kind, Number::AmbiguousStop | Number::StopsAndComma) {
                let value = String::from_utf8_lossy(field).trim().to_owned();
                return Err(Error::new(
                    Position::file(file)
                        .at_line(line)
                        .at_column((i + 1).to_string()),
                    ErrorKind::InvalidValue {
                        value: value.clone(),
                        reason: format!(
                            "this file has {separator_name:?} between fields and decimal \
                             commas (as Excel saves CSV in many European locales), and here \
                             a full stop: {value:?} could be a thousands separator or a \
                             decimal point. Save the file again without thousands \
                             separators (the cells' number format), or as \"CSV UTF-8 \
                             (comma delimited)\" with a dot as the decimal mark"
                        ),
                    },
                ));
            }
            if decimal_comma && kind == Number::DecimalComma {
                out.extend(
                    field
                        .trim_ascii()
                        .iter()
                        .map(|&b| if b == b',' { b'.' } else { b }),
                );
                continue;
            }
            let quote = field
                .iter()
                .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
            if quote {
                out.push(b'"');
                for &b in field {
                    if b == b'"' {
                        out.push(b'"');
                    }
                    out.push(b);
                }
                out.push(b'"');
            } else {
                out.extend_from_slice(field);
            }
        }
        line_out += 1 + memchr::memchr_iter(b'\n', record.as_slice()).count() as u64;
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_classified() {
        assert_eq!(number(b"3,83"), Number::DecimalComma);
        assert_eq!(number(b" -1,715E-05 "), Number::DecimalComma);
        assert_eq!(number(b"5,7%"), Number::DecimalComma);
        assert_eq!(number(b"1.234"), Number::AmbiguousStop);
        assert_eq!(number(b"1.234,5"), Number::StopsAndComma);
        assert_eq!(number(b"2024"), Number::Plain);
        assert_eq!(number(b"1.5"), Number::Plain);
        assert_eq!(number(b"1,16231,5"), Number::Not);
        assert_eq!(number(b"Korea, South"), Number::Not);
        assert_eq!(number(b"..."), Number::Not);
        assert_eq!(number(b""), Number::Not);
        assert_eq!(number(b"3,"), Number::Not);
    }

    #[test]
    fn a_file_is_translated_line_for_line() {
        let file = Path::new("x.csv");
        let text = "Country;2023;2024\r\n\r\n\"Korea, South\";2,5;1,715E-05\r\nPoland;...;5,7%";
        let out = translate(file, text.as_bytes(), b';').unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Country,2023,2024\n\n\"Korea, South\",2.5,1.715E-05\nPoland,...,5.7%\n"
        );
        // Without decimal commas, full stops are decimal points.
        let out = translate(file, b"Country;2023\nPoland;1.234\n", b';').unwrap();
        assert_eq!(out, b"Country,2023\nPoland,1.234\n");
        // With them, a full stop is ambiguous: an error at its line and column.
        let err = translate(file, b"Country;2023;2024\nPoland;3,5;1.234\n", b';').unwrap_err();
        assert_eq!(err.position().line, Some(2));
        assert_eq!(err.position().column.as_deref(), Some("3"));
        assert!(err.to_string().contains("thousands separator"), "{err}");
    }
}
