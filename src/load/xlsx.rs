//! What the workbook loaders share: opening a workbook, reading its sheets, turning a
//! cell into a figure, naming a cell as `sheet!cell`.
//!
//! Only compiled with the `xlsx` feature (calamine reads the workbooks).

use std::io::{Cursor, Read};
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Position, Result, Skipped};
pub(crate) use crate::load::fields::clean_name;
use crate::load::{limits, Format};

/// An open workbook.
pub(crate) struct Workbook<'a> {
    file: &'a Path,
    inner: Xlsx<Cursor<&'a [u8]>>,
}

impl<'a> Workbook<'a> {
    /// Opens a workbook from its bytes, after checking the uncompressed size its archive
    /// declares (see [`limits::MAX_WORKBOOK_BYTES`]).
    pub fn open(file: &'a Path, bytes: &'a [u8]) -> Result<Workbook<'a>> {
        limits::check_archive(file, bytes)?;
        let opened = guarded(Position::file(file), || {
            calamine::open_workbook_from_rs(Cursor::new(bytes))
        })?;
        let inner: Xlsx<_> = opened.map_err(|e: calamine::XlsxError| {
            Error::new(Position::file(file), ErrorKind::Workbook(e.to_string()))
        })?;
        Ok(Workbook { file, inner })
    }

    /// The sheets' names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.inner.sheet_names()
    }

    /// Reads the sheet called `name`, cell by cell, within the sheet limits (see
    /// [`limits`]): a sheet whose used range would span too many rows, columns or cells
    /// is an error before any memory is taken for it.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet<'a>> {
        let at = Position::file(self.file).at_sheet(name);
        guarded(at, || self.read_sheet(name))?
    }

    /// [`sheet`](Workbook::sheet), unguarded.
    fn read_sheet(&mut self, name: &str) -> Result<Sheet<'a>> {
        let at = || Position::file(self.file).at_sheet(name);
        let workbook_error =
            |e: calamine::XlsxError| Error::new(at(), ErrorKind::Workbook(e.to_string()));
        let mut reader = match self.inner.worksheet_cells_reader(name) {
            Ok(reader) => Some(reader),
            // A chart sheet, say: no cells (as calamine's own `worksheet_range` reads it).
            Err(calamine::XlsxError::NotAWorksheet(_)) => None,
            Err(e) => return Err(workbook_error(e)),
        };
        let mut cells: Vec<calamine::Cell<Data>> = Vec::new();
        let mut listed: u64 = 0;
        let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
        while let Some(reader) = reader.as_mut() {
            let Some(cell) = reader.next_cell().map_err(workbook_error)? else {
                break;
            };
            listed = listed.saturating_add(1);
            if listed > limits::MAX_SHEET_CELLS {
                return Err(limits::too_large(
                    at(),
                    "the cells the sheet lists",
                    limits::MAX_SHEET_CELLS,
                    listed,
                ));
            }
            if matches!(cell.get_value(), calamine::DataRef::Empty) {
                continue;
            }
            let (r, c) = cell.get_position();
            (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
            let rows = u64::from(r1 - r0) + 1;
            let cols = u64::from(c1 - c0) + 1;
            limits::check_sheet(at, rows, cols)?;
            cells.push(calamine::Cell::new(
                (r, c),
                Data::from(cell.get_value().clone()),
            ));
        }
        let range = Range::from_sparse(cells);
        Ok(Sheet {
            file: self.file,
            name: name.to_owned(),
            range,
        })
    }
}

/// Runs calamine on a workbook's bytes, turning a panic (calamine's parsers have
/// overflowed on forged cell references: a proptest case in
/// `tests/properties.proptest-regressions`) into an error at `at`, so that loading
/// never panics on any input.
fn guarded<T>(at: Position, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        Error::new(
            at,
            ErrorKind::Workbook(
                "the workbook's XML could not be read (its reader failed on it)".to_owned(),
            ),
        )
    })
}

/// One sheet's cells.
pub(crate) struct Sheet<'a> {
    file: &'a Path,
    /// The sheet's name as the workbook spells it.
    pub name: String,
    range: Range<Data>,
}

/// The empty cell, for positions outside a sheet's used range.
static EMPTY: Data = Data::Empty;

impl Sheet<'_> {
    /// The cell at 0-based `row` and `col` (empty outside the used range).
    pub fn get(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The 0-based rows of the used range.
    pub fn rows(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some((r0, _)), Some((r1, _))) => r0..r1.saturating_add(1),
            _ => 0..0,
        }
    }

    /// The 0-based columns of the used range.
    pub fn cols(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some((_, c0)), Some((_, c1))) => c0..c1.saturating_add(1),
            _ => 0..0,
        }
    }

    /// The text of a cell, trimmed, if it holds text (not a number).
    pub fn text(&self, row: u32, col: u32) -> Option<&str> {
        match self.get(row, col) {
            Data::String(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// The first column of `row` whose text is `label` (ASCII case ignored): where a
    /// header row's names column (`Country`) is.
    pub fn col_of(&self, row: u32, label: &str) -> Option<u32> {
        self.cols().find(|&c| {
            self.text(row, c)
                .is_some_and(|t| t.eq_ignore_ascii_case(label))
        })
    }

    /// An [`ErrorKind::InvalidValue`] at a cell, showing the cell's value as the file holds
    /// it, with `reason`.
    pub fn invalid(&self, row: u32, col: u32, reason: impl Into<String>) -> Error {
        self.error(
            row,
            col,
            ErrorKind::InvalidValue {
                value: show(self.get(row, col)),
                reason: reason.into(),
            },
        )
    }

    /// The position of a cell: `file: sheet!D14`.
    pub fn position(&self, row: u32, col: u32) -> Position {
        Position::file(self.file).at_cell(&self.name, &cell_ref(row, col))
    }

    /// The position of the whole sheet: `file: sheet`.
    pub fn sheet_position(&self) -> Position {
        Position::file(self.file).at_sheet(&self.name)
    }

    /// An error at a cell.
    pub fn error(&self, row: u32, col: u32, kind: ErrorKind) -> Error {
        Error::new(self.position(row, col), kind)
    }

    /// A report of a skipped cell.
    pub fn skipped(&self, row: u32, col: u32, reason: impl Into<String>) -> Skipped {
        Skipped {
            position: self.position(row, col),
            value: show(self.get(row, col)),
            reason: reason.into(),
        }
    }

    /// The year a header cell names: a whole number (`2014`) or text (`'2019'`, `'2023e'`),
    /// with whether it is marked as an estimate (a trailing `e`). `None` for anything else.
    pub fn year_header(&self, row: u32, col: u32) -> Option<(u16, bool)> {
        let (text, estimate) = match self.get(row, col) {
            Data::Int(i) => (i.to_string(), false),
            Data::Float(f) if f.fract() == 0.0 => (format!("{f}"), false),
            Data::String(s) => {
                let s = s.trim();
                match s.strip_suffix(['e', 'E']) {
                    Some(rest) => (rest.trim_end().to_owned(), true),
                    None => (s.to_owned(), false),
                }
            }
            _ => return None,
        };
        if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = text.parse().ok()?;
        (1800..=2200).contains(&year).then_some((year, estimate))
    }
}

/// A year column of a table: the 0-based column, the year, and whether the header marks
/// it as an estimate.
pub(crate) type YearColumn = (u32, u16, bool);

/// What a data cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A number, exactly as the workbook's value prints (see [`decimal_of_f64`]).
    Number(Decimal),
    /// An empty cell.
    Empty,
    /// Text the format documents as a marker (`..`, `...`, `xxx`, `-`), trimmed.
    Marker(String),
    /// An Excel error value (`#REF!`).
    Error(String),
}

impl Sheet<'_> {
    /// Reads a data cell: a number, empty, one of `markers`, or an Excel error. Any other
    /// text (or a boolean or date) is an error naming the cell.
    pub fn value(&self, row: u32, col: u32, markers: &[&str]) -> Result<Value> {
        let not_a_number = |reason: &str| {
            self.error(
                row,
                col,
                ErrorKind::InvalidValue {
                    value: show(self.get(row, col)),
                    reason: reason.to_owned(),
                },
            )
        };
        match self.get(row, col) {
            Data::Empty => Ok(Value::Empty),
            Data::Float(f) => decimal_of_f64(*f)
                .map(Value::Number)
                .ok_or_else(|| not_a_number("not a number this crate can hold exactly")),
            Data::Int(i) => Ok(Value::Number(Decimal::from(*i))),
            Data::String(s) => {
                let t = s.trim();
                if t.is_empty() {
                    Ok(Value::Empty)
                } else if markers.contains(&t) {
                    Ok(Value::Marker(t.to_owned()))
                } else {
                    Err(not_a_number(&format!(
                        "text where a number belongs (the markers this format knows are {})",
                        markers
                            .iter()
                            .map(|m| format!("{m:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
            Data::Error(e) => Ok(Value::Error(e.to_string())),
            Data::Bool(_) => Err(not_a_number("a boolean where a number belongs")),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                Err(not_a_number("a date where a number belongs"))
            }
        }
    }
}

/// A cell's content as text, for messages.
pub(crate) fn show(d: &Data) -> String {
    match d {
        Data::Float(f) => format!("{f}"),
        Data::Error(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// An A1-style reference for 0-based `row` and `col`: `(13, 3)` is `D14`.
pub(crate) fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col.saturating_add(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut s: String = letters.into_iter().collect();
    s.push_str(&row.saturating_add(1).to_string());
    s
}

/// The exact decimal of a workbook's number: the shortest decimal text that reads back as
/// the same `f64` (Rust's `{}` formatting, which never uses an exponent), parsed exactly.
///
/// This is how the bundled figures were made from NATO's workbook (Python's `repr` of
/// the same `f64` gives the same digits). `None` for NaN, infinities and numbers with
/// more digits than a [`Decimal`] holds.
pub(crate) fn decimal_of_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_str_exact(&format!("{f}")).ok()
}

/// Reads the workbook's document properties (`docProps/core.xml`): the date it was
/// last saved (`dcterms:modified`), if present.
pub(crate) fn saved_on(bytes: &[u8]) -> Option<jiff::civil::Date> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    archive
        .by_name("docProps/core.xml")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut xml)
        .ok()?;
    let start = xml.find("<dcterms:modified")?;
    let rest = xml.get(start..)?;
    let open_end = rest.find('>')?;
    let value = rest.get(open_end + 1..)?;
    let date = value.get(..10)?;
    jiff::civil::Date::from_str(date).ok()
}

/// Recognises one of the workbooks this crate reads by the sheets inside it.
pub(crate) fn detect(file: &Path, bytes: &[u8]) -> Result<Format> {
    let wb = Workbook::open(file, bytes)?;
    let names = wb.sheet_names();
    if crate::load::sipri::is_sipri(&names) {
        return Ok(Format::SipriWorkbook);
    }
    if crate::load::nato_xlsx::is_nato(&names) {
        return Ok(Format::NatoWorkbook);
    }
    Err(Error::new(
        Position::file(file),
        ErrorKind::UnknownFormat {
            found: format!(
                "an Excel workbook with the sheets {}",
                names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            expected: format!(
                "{} (sheets TABLE1, TABLE2, ... or Table 1, Table 2, ...), {} (sheets \"Share of GDP\", \"Current US$\", ...) \
                 or {} (sheets \"ReadMe\", \"Country Summary\", ...)",
                Format::NatoWorkbook,
                Format::SipriWorkbook,
                Format::KielWorkbook
            ),
        },
    ))
}

/// The records of one workbook, merged from its tables: one per entity and year.
pub(crate) struct Records {
    source: crate::model::SourceId,
    order: Vec<(crate::model::Entity, u16)>,
    merged: std::collections::HashMap<(crate::model::Entity, u16), Merged>,
    /// Every entity met, with the 1-based row it was first met on.
    pub entities: Vec<(crate::model::Entity, u64)>,
}

struct Merged {
    record: crate::model::SpendingRecord,
    line: u64,
    /// Where each metric was given, to report a second one.
    given: std::collections::HashMap<crate::model::Metric, Position>,
}

impl Records {
    /// No records yet; every record will cite `source`.
    pub fn new(source: crate::model::SourceId) -> Records {
        Records {
            source,
            order: Vec::new(),
            merged: std::collections::HashMap::new(),
            entities: Vec::new(),
        }
    }

    /// Notes that `entity` was met on 0-based `row`.
    pub fn met(&mut self, entity: &crate::model::Entity, row: u32) {
        if !self.entities.iter().any(|(e, _)| e == entity) {
            self.entities.push((*entity, u64::from(row) + 1));
        }
    }

    /// Puts a figure read from a cell: checked against the metric's range, and an error
    /// if the same entity, year and metric was given before.
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &mut self,
        sheet: &Sheet<'_>,
        (row, col): (u32, u32),
        entity: &crate::model::Entity,
        year: u16,
        metric: crate::model::Metric,
        value: Decimal,
        estimate: bool,
        base_year: Option<u16>,
    ) -> Result<()> {
        let why = crate::load::fields::out_of_range(value, metric.range());
        if let Some(why) = why {
            return Err(sheet.error(
                row,
                col,
                ErrorKind::InvalidValue {
                    value: value.to_string(),
                    reason: why.to_owned(),
                },
            ));
        }
        let key = (*entity, year);
        let source = &self.source;
        let order = &mut self.order;
        let m = self.merged.entry(key).or_insert_with(|| {
            order.push(key);
            Merged {
                record: crate::model::SpendingRecord::new(*entity, year, *source),
                line: u64::from(row) + 1,
                given: std::collections::HashMap::new(),
            }
        });
        if let Some(first) = m.given.get(&metric) {
            return Err(sheet.error(
                row,
                col,
                ErrorKind::Duplicate {
                    key: format!("{entity} {year} {metric}"),
                    first: first.clone(),
                },
            ));
        }
        m.given.insert(metric, sheet.position(row, col));
        m.record.set(metric, Some(value));
        m.record.estimate |= estimate;
        if base_year.is_some() {
            m.record.set_price_base_year(base_year);
        }
        Ok(())
    }

    /// Hands the records to `builder`, in the order they were first met.
    pub fn finish(mut self, builder: &mut crate::load::builder::Builder, file_id: usize) {
        for key in self.order {
            if let Some(m) = self.merged.remove(&key) {
                builder.push_spending(
                    m.record,
                    crate::load::builder::Loc {
                        file: file_id,
                        line: m.line,
                    },
                );
            }
        }
    }
}

/// The source id `{prefix}-{first}-{last}` a workbook's records cite (the edition's years
/// come from the workbook itself).
pub(crate) fn edition_source_id(
    file: &Path,
    prefix: &str,
    first: impl std::fmt::Display,
    last: impl std::fmt::Display,
) -> Result<crate::model::SourceId> {
    format!("{prefix}-{first}-{last}")
        .parse()
        .map_err(|e: crate::model::ParseSourceIdError| {
            Error::new(
                Position::file(file),
                ErrorKind::InvalidValue {
                    value: format!("{first}-{last}"),
                    reason: e.reason,
                },
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_unpacked_only_within_the_limit() {
        // A workbook written here (rust_xlsxwriter): a thousand cells of text unpack to
        // well over 10,000 bytes.
        let file = Path::new("tables.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for row in 0..1000 {
            ws.write(
                row,
                0,
                format!("row {row} of a workbook written by the test"),
            )
            .unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        assert!(limits::check_archive(file, &bytes).is_ok());
        let err = limits::check_archive_within(file, &bytes, 10_000).unwrap_err();
        match err.kind() {
            ErrorKind::TooLarge { limit, found, .. } => {
                assert_eq!(*limit, 10_000);
                assert!(*found > 10_000, "{found}");
            }
            other => panic!("{other:?}"),
        }
        // Not a zip at all: left to calamine, which says so.
        assert!(limits::check_archive_within(file, b"PK\x03\x04", 1).is_ok());
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(13, 3), "D14");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 77), "BZ10");
        assert_eq!(cell_ref(0, 16383), "XFD1");
    }

    #[test]
    fn decimals_are_the_shortest_round_trip_text() {
        let d = decimal_of_f64(1.346516857031259).unwrap();
        assert_eq!(d.to_string(), "1.346516857031259");
        assert_eq!(decimal_of_f64(653942.0).unwrap().to_string(), "653942");
        assert_eq!(
            decimal_of_f64(8.867354668288968e-05).unwrap().to_string(),
            "0.00008867354668288968"
        );
        assert_eq!(decimal_of_f64(0.1).unwrap().to_string(), "0.1");
        assert!(decimal_of_f64(f64::NAN).is_none());
        assert!(decimal_of_f64(1e40).is_none());
    }

    #[test]
    fn names_lose_their_footnote_markers() {
        assert_eq!(clean_name("Czechia*"), "Czechia");
        assert_eq!(clean_name(" Korea,\u{a0}South ‡ "), "Korea, South");
        assert_eq!(clean_name("Country‡§"), "Country");
        assert_eq!(clean_name("Sudan¹"), "Sudan");
        assert_eq!(clean_name("Côte d'Ivoire"), "Côte d'Ivoire");
    }
}
