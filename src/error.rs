//! The [`Error`] type: what went wrong, and where.
//!
//! Every error carries a [`Position`] (the file, the line, the column or cell) and an
//! [`ErrorKind`] (what was wrong, with the offending value). Its `Display` reads like a
//! compiler message:
//!
//! ```text
//! data/spending.csv: line 14, column `share_of_gdp`: invalid value "2,5": not a decimal number (use a dot as the decimal separator)
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in the input an error was found.
///
/// Every part is optional: an error about a whole file has no line, an error about a
/// folder has no column. Lines are 1-based and count physical lines, as an editor does.
///
/// In a workbook the position is given in the workbook's own terms, a sheet and a cell
/// (`file: TABLE3!D14`), in [`cell`](Position::cell).
///
/// ```
/// use defense_spending::Position;
///
/// let p = Position::file("tables.xlsx").at_cell("TABLE3", "D14");
/// assert_eq!(p.to_string(), "tables.xlsx: TABLE3!D14");
/// assert_eq!(Position::file("a.csv").at_line(2).at_column("year").to_string(),
///     "a.csv: line 2, column `year`");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// The file (or, for bundled data, the name it is bundled under).
    pub file: Option<PathBuf>,
    /// The 1-based line in the file.
    pub line: Option<u64>,
    /// The column's name as the header spells it (or its 1-based number when unnamed).
    pub column: Option<String>,
    /// In a workbook: the sheet and cell, as `sheet!cell` (`TABLE3!D14`), or the sheet
    /// alone when the error is about a whole sheet.
    pub cell: Option<String>,
    /// The 0-based byte offset in the file where the record begins (CSV files read as a
    /// stream are located by byte while they are read; the line is worked out from it
    /// when an error is reported).
    #[serde(default)]
    pub byte: Option<u64>,
}

impl Position {
    /// A position naming only a file.
    pub fn file(file: impl AsRef<Path>) -> Position {
        Position {
            file: Some(file.as_ref().to_path_buf()),
            ..Position::default()
        }
    }

    /// This position at `line`.
    #[must_use]
    pub fn at_line(mut self, line: u64) -> Position {
        self.line = Some(line);
        self
    }

    /// This position at byte `offset` of the file (the line is filled in from it when
    /// the error is reported).
    #[must_use]
    pub fn at_byte(mut self, offset: u64) -> Position {
        self.byte = Some(offset);
        self
    }

    /// This position at `column`.
    #[must_use]
    pub fn at_column(mut self, column: impl Into<String>) -> Position {
        self.column = Some(column.into());
        self
    }

    /// This position at a workbook's `sheet` and `cell` (an A1-style reference such as
    /// `D14`), written `sheet!cell`.
    #[must_use]
    pub fn at_cell(mut self, sheet: &str, cell: &str) -> Position {
        self.cell = Some(format!("{sheet}!{cell}"));
        self
    }

    /// This position at a whole sheet of a workbook.
    #[must_use]
    pub fn at_sheet(mut self, sheet: &str) -> Position {
        self.cell = Some(sheet.to_owned());
        self
    }
}

impl Position {
    /// True if the position names nothing: an error from a query, not from a file.
    pub fn is_empty(&self) -> bool {
        self.file.is_none()
            && self.line.is_none()
            && self.column.is_none()
            && self.cell.is_none()
            && self.byte.is_none()
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            sep = ": ";
        }
        if let Some(line) = self.line {
            write!(f, "{sep}line {line}")?;
            sep = ", ";
        } else if let Some(byte) = self.byte {
            write!(f, "{sep}byte {byte}")?;
            sep = ", ";
        }
        if let Some(column) = &self.column {
            write!(f, "{sep}column `{column}`")?;
            sep = ", ";
        }
        if let Some(cell) = &self.cell {
            write!(f, "{sep}{cell}")?;
            sep = ", ";
        }
        if sep.is_empty() {
            f.write_str("(no position)")?;
        }
        Ok(())
    }
}

/// What was wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file or folder could not be read.
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// The CSV itself is malformed (unbalanced quotes, a row of the wrong length, bad UTF-8).
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// The file is not in any format this crate reads.
    #[error("unrecognised file: {found}; expected {expected}")]
    UnknownFormat {
        /// What was found instead (e.g. the header line).
        found: String,
        /// The formats that were tried.
        expected: String,
    },
    /// A column the format requires is absent from the header.
    #[error("missing required column `{0}`")]
    MissingColumn(String),
    /// The header names a column this format does not have (often a typo).
    #[error("unknown column `{column}`; the columns of this file are: {expected}")]
    UnknownColumn {
        /// The column as found.
        column: String,
        /// The columns the format knows.
        expected: String,
    },
    /// The header names the same column twice.
    #[error("column `{0}` appears more than once in the header")]
    DuplicateColumn(String),
    /// A required field is empty.
    #[error("empty value: this field is required")]
    Empty,
    /// A field holds a value that is not valid for its column.
    #[error("invalid value {value:?}: {reason}")]
    InvalidValue {
        /// The value as found in the input.
        value: String,
        /// Why it is not valid.
        reason: String,
    },
    /// A code is neither an ISO 3166-1 alpha-3 country code nor an aggregate id.
    #[error("unknown country code {0:?}: not an ISO 3166-1 alpha-3 code (aggregates use ids with an underscore, such as NATO_TOTAL)")]
    UnknownCountry(String),
    /// The same record appears twice.
    #[error("duplicate record {key}: already given at {first}")]
    Duplicate {
        /// What identifies the record (e.g. `POL 2024 nato-def-exp-2024`).
        key: String,
        /// Where it was given first.
        first: Position,
    },
    /// A record names a source id that the loaded sources do not define.
    #[error("unknown source {0:?}: not defined in the loaded sources file")]
    UnknownSource(String),
    /// A workbook (an `.xlsx` file) could not be read: not a valid zip archive, or its
    /// XML is malformed.
    #[error("malformed workbook: {0}")]
    Workbook(String),
    /// A zip archive could not be read, or holds something this crate does not read (an
    /// archive inside it, nothing readable).
    #[error("zip archive: {0}")]
    Archive(String),
    /// A file needs a load option to be read: it does not say something the crate must
    /// know (a wide table does not say which figure its cells hold). The message shows
    /// the [`LoadOptions`](crate::LoadOptions) call that states it.
    #[error("{0}")]
    OptionNeeded(String),
    /// A workbook lacks a sheet or a table its format requires.
    #[error("missing {0}")]
    MissingTable(String),
    /// A country name that the table of names ([`names`](crate::names)) does not know.
    #[error("unknown country name {name:?} in a {format}: {}", closest_names(.closest))]
    UnknownName {
        /// The name as found (footnote markers removed).
        name: String,
        /// The format of the file it was found in.
        format: String,
        /// The known names closest to it, best first ([`names::closest`](crate::names::closest)).
        closest: Vec<String>,
    },
    /// A file needs a cargo feature this build of the crate was compiled without.
    #[error("this is {format}, which needs the `{feature}` feature of defense-spending: enable it (it is on by default) with `features = [\"{feature}\"]` in Cargo.toml")]
    FeatureDisabled {
        /// What the file looks like.
        format: String,
        /// The cargo feature that reads it.
        feature: String,
    },
    /// An input is over one of the limits that keep memory and time bounded (see
    /// [`load::limits`](crate::load::limits)): a file, a record, a header, a sheet.
    #[error("too large: {what} is {found}, over the limit of {limit}")]
    TooLarge {
        /// What is measured (`the record's size in bytes`).
        what: String,
        /// The limit.
        limit: u64,
        /// What was found (at least: a reader may stop counting past the limit).
        found: u64,
    },
    /// A query asked about a year for which the dataset holds no spending figures: "no
    /// data for 2030" is not "no Ally met the target in 2030".
    #[error("no spending figures for {year} in this dataset{}", covers(*.first, *.last))]
    YearNotInData {
        /// The year asked about.
        year: u16,
        /// The first year with figures, if any.
        first: Option<u16>,
        /// The last year with figures, if any.
        last: Option<u16>,
    },
    /// A code or name that no country or aggregate of the dataset answers to.
    #[error("no country or aggregate {given:?} in this dataset{}", did_you_mean(.suggestions))]
    UnknownEntity {
        /// The code or name as given.
        given: String,
        /// The closest codes and names the dataset knows, best first.
        suggestions: Vec<String>,
    },
    /// Figures that cannot be added (two reports of one cumulative total, different
    /// sources, dates, kinds, bases or currencies) were asked to be added.
    #[error("cannot add {first} and {second}: {reason}")]
    NotAdditive {
        /// The first row (its id).
        first: String,
        /// The row that cannot be added to it (its id).
        second: String,
        /// Why not.
        reason: String,
    },
    /// A query that adds or picks rows found none to work on.
    #[error("{0}")]
    NoRows(String),
    /// An amount in a currency was to be converted without an exchange rate.
    #[error("no exchange rate from {from} to {to}: give one to convert, amounts in different currencies are never added as they are")]
    MissingRate {
        /// The currency of the amount.
        from: crate::model::Currency,
        /// The currency wanted.
        to: crate::model::Currency,
    },
    /// A number given to a query (or parsed with `?` into this error) is not a decimal
    /// number.
    #[error("not a decimal number: {0}")]
    Number(String),
    /// A lookup of one country or aggregate in one year found no record, in a year the
    /// dataset has figures for (a year outside the data is
    /// [`YearNotInData`](ErrorKind::YearNotInData)).
    #[error("no figures for {entity} in {year} in this dataset{}", entity_covers(*.first, *.last))]
    NoFigure {
        /// The country or aggregate asked about (its code or id).
        entity: String,
        /// The year asked about.
        year: u16,
        /// The first year with a record for it, if any.
        first: Option<u16>,
        /// The last year with a record for it, if any.
        last: Option<u16>,
    },
    /// The figures a question needs come from several publishers, and no rule of
    /// precedence picks one (see [`query`](crate::query#many-sources-one-answer)): they
    /// are never merged. Ask a view of one of them.
    #[error("{}", several_publishers(*.year, .publishers))]
    SeveralPublishers {
        /// The year asked about, if the question is about one.
        year: Option<u16>,
        /// Each publisher with figures, and the ids of its sources that have them.
        publishers: Vec<(String, Vec<String>)>,
    },
    /// A view asked for a source or publisher that has no spending figures in the dataset.
    #[error("no spending figures from {what} {given:?} in this dataset; it has {}", known_list(.known))]
    NotInDataset {
        /// `source` or `publisher`.
        what: &'static str,
        /// The id or name as given.
        given: String,
        /// The ids or names the dataset has.
        known: Vec<String>,
    },
    /// A folder holds no file this crate reads.
    #[error("no data files found (expected the crate's CSV files, e.g. spending.csv, or NATO's or SIPRI's .xlsx workbooks)")]
    NoData,
}

/// The end of the unknown-name message: the closest known names, and what to do.
fn closest_names(closest: &[String]) -> String {
    let fix = "if it is a spelling of a known country, add it to the table of \
               `defense_spending::names`, mapped to its ISO 3166-1 code or an aggregate id";
    if closest.is_empty() {
        return format!("not a known name; {fix}");
    }
    let shown: Vec<String> = closest.iter().map(|n| format!("{n:?}")).collect();
    format!(
        "not a known name (the closest known are {}); {fix}",
        shown.join(", ")
    )
}

impl ErrorKind {
    /// A short, stable name for the kind, in snake case (`"invalid_value"`,
    /// `"year_not_in_data"`): for logs, metrics and bindings that need a name rather than
    /// a type.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let err = Dataset::bundled().meeting_target(2030, 2).unwrap_err();
    /// assert_eq!(err.kind().name(), "year_not_in_data");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Io(_) => "io",
            ErrorKind::Csv(_) => "csv",
            ErrorKind::UnknownFormat { .. } => "unknown_format",
            ErrorKind::MissingColumn(_) => "missing_column",
            ErrorKind::UnknownColumn { .. } => "unknown_column",
            ErrorKind::DuplicateColumn(_) => "duplicate_column",
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidValue { .. } => "invalid_value",
            ErrorKind::UnknownCountry(_) => "unknown_country",
            ErrorKind::Duplicate { .. } => "duplicate",
            ErrorKind::UnknownSource(_) => "unknown_source",
            ErrorKind::Workbook(_) => "workbook",
            ErrorKind::Archive(_) => "archive",
            ErrorKind::OptionNeeded(_) => "option_needed",
            ErrorKind::MissingTable(_) => "missing_table",
            ErrorKind::UnknownName { .. } => "unknown_name",
            ErrorKind::FeatureDisabled { .. } => "feature_disabled",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::YearNotInData { .. } => "year_not_in_data",
            ErrorKind::UnknownEntity { .. } => "unknown_entity",
            ErrorKind::NotAdditive { .. } => "not_additive",
            ErrorKind::NoRows(_) => "no_rows",
            ErrorKind::MissingRate { .. } => "missing_rate",
            ErrorKind::Number(_) => "number",
            ErrorKind::NoData => "no_data",
            ErrorKind::NoFigure { .. } => "no_figure",
            ErrorKind::SeveralPublishers { .. } => "several_publishers",
            ErrorKind::NotInDataset { .. } => "not_in_dataset",
        }
    }
}

/// An error from loading or querying data: an [`ErrorKind`] at a [`Position`].
///
/// ```
/// use defense_spending::{Dataset, ErrorKind};
///
/// let csv = "country,year,share_of_gdp,source\nPOL,2024,4.12%,mine\n";
/// let err = Dataset::from_csv_str("mine.csv", csv).unwrap_err();
/// assert_eq!(err.position().line, Some(2));
/// assert_eq!(err.position().column.as_deref(), Some("share_of_gdp"));
/// assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
/// ```
#[derive(thiserror::Error)]
#[error("{}", Shown(.0))]
pub struct Error(Box<Inner>);

/// The message: the position (when there is one), then what was wrong.
struct Shown<'a>(&'a Inner);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.position.is_empty() {
            write!(f, "{}", self.0.kind)
        } else {
            write!(f, "{}: {}", self.0.position, self.0.kind)
        }
    }
}

/// Reads like the message (what `main` prints when it returns the error); `{:#?}` shows
/// the structure.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("Error")
                .field("position", &self.0.position)
                .field("kind", &self.0.kind)
                .finish()
        } else {
            fmt::Display::fmt(self, f)
        }
    }
}

#[derive(Debug)]
struct Inner {
    position: Position,
    kind: ErrorKind,
}

impl Error {
    /// An error of `kind` at `position`.
    pub fn new(position: Position, kind: ErrorKind) -> Error {
        Error(Box::new(Inner { position, kind }))
    }

    /// Where the error was found.
    pub fn position(&self) -> &Position {
        &self.0.position
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The position, to fill in what a loader could not know where the error arose.
    pub(crate) fn position_mut(&mut self) -> &mut Position {
        &mut self.0.position
    }

    /// The kind, to fill in positions it holds.
    pub(crate) fn kind_mut(&mut self) -> &mut ErrorKind {
        &mut self.0.kind
    }

    /// An error of `kind` with no position: what a query (not a file) gives.
    pub fn query(kind: ErrorKind) -> Error {
        Error::new(Position::default(), kind)
    }

    /// Consumes the error, giving back its parts.
    pub fn into_parts(self) -> (Position, ErrorKind) {
        let inner = *self.0;
        (inner.position, inner.kind)
    }
}

/// `" (it covers 2014-2024)"`, or that it has none.
fn covers(first: Option<u16>, last: Option<u16>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!(" (it covers {a} only)"),
        (Some(a), Some(b)) => format!(" (it covers {a}-{b})"),
        _ => " (it has no spending figures at all)".to_owned(),
    }
}

/// `" (its records cover 2014-2024)"`, or that it has none.
fn entity_covers(first: Option<u16>, last: Option<u16>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!(" (its records cover {a} only)"),
        (Some(a), Some(b)) => format!(" (its records cover {a}-{b})"),
        _ => " (it has no records)".to_owned(),
    }
}

/// The message of [`ErrorKind::SeveralPublishers`]: who has figures, and how to choose.
fn several_publishers(year: Option<u16>, publishers: &[(String, Vec<String>)]) -> String {
    let listed: Vec<String> = publishers
        .iter()
        .map(|(p, ids)| format!("{p} ({})", ids.join(", ")))
        .collect();
    let when = year.map(|y| format!(" for {y}")).unwrap_or_default();
    let example = match publishers.get(1).or(publishers.first()) {
        Some((p, ids)) => format!(
            ": ask one of them, with ds.publisher({p:?}) or ds.from_source({:?})",
            ids.first().map_or("", String::as_str)
        ),
        None => String::new(),
    };
    format!(
        "the figures{when} come from {} publishers, which are never merged or compared: {}{example}",
        publishers.len(),
        listed.join("; ")
    )
}

/// `"a, b, c"`, or `"none"`.
fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        return "none".to_owned();
    }
    known.join(", ")
}

/// `"; did you mean NATO_TOTAL?"`, or nothing.
fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        more => format!("; did you mean one of: {}?", more.join(", ")),
    }
}

/// Reading or writing failed (opening a file, writing output): an error with the
/// file's name where it is known, so that `?` works in a `main` returning this crate's
/// `Result`.
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::query(ErrorKind::Io(e))
    }
}

/// A code that does not parse (`"PLO".parse::<CountryCode>()?`).
impl From<crate::model::ParseCodeError> for Error {
    fn from(e: crate::model::ParseCodeError) -> Error {
        let kind = match e {
            crate::model::ParseCodeError::UnknownCountry(code) => ErrorKind::UnknownCountry(code),
            crate::model::ParseCodeError::Malformed(code) => ErrorKind::InvalidValue {
                reason: crate::model::ParseCodeError::Malformed(code.clone()).to_string(),
                value: code,
            },
            crate::model::ParseCodeError::TooManyIds { id, reason } => {
                ErrorKind::InvalidValue { value: id, reason }
            }
        };
        Error::query(kind)
    }
}

/// A source id that does not parse (`"nato-def-exp-2024".parse::<SourceId>()?`).
impl From<crate::model::ParseSourceIdError> for Error {
    fn from(e: crate::model::ParseSourceIdError) -> Error {
        Error::query(ErrorKind::InvalidValue {
            value: e.value,
            reason: e.reason,
        })
    }
}

/// A number that does not parse (`"3.5".parse::<Decimal>()?`).
impl From<rust_decimal::Error> for Error {
    fn from(e: rust_decimal::Error) -> Error {
        Error::query(ErrorKind::Number(e.to_string()))
    }
}

/// A cell a loader read but kept no figure from, and why: the loader's report of what it
/// left out, so that nothing vanishes silently (see [`Dataset::skipped`](crate::Dataset::skipped)).
/// Also a name the loader did not take as written: one whose letter a re-save turned into
/// `?`, read as the one known name it fits (the reason says which; its figures are kept).
///
/// A loader skips a cell only where its format documents a policy for it (for example an
/// Excel error such as `#REF!` in NATO's workbook); anything else it does not understand
/// is an [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Where the cell is (`file: TABLE8a!D42`).
    pub position: Position,
    /// The cell's content as found (`#REF!`).
    pub value: String,
    /// Why no figure was kept.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: skipped {:?}: {}",
            self.position, self.value, self.reason
        )
    }
}
