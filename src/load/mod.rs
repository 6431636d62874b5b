//! Loading data from files.
//!
//! [`Dataset::load`](crate::Dataset::load) takes a folder or a single file. Each file is
//! recognised by its content (its header, or for a workbook the zip signature and the
//! sheets inside), never by its name, because downloaded files get renamed. This crate
//! reads its own CSV files (see [`crate`] docs for their schema) and the files analysts
//! download (see [`Format`]):
//!
//! - the World Bank's WDI bulk CSV with its country metadata ([`Format::WorldBank`],
//!   [`Format::WorldBankMetadata`]);
//! - Our World in Data's grapher CSV ([`Format::Owid`]);
//! - with the `xlsx` feature (on by default), NATO's "Defence Expenditure of NATO
//!   Countries" tables ([`Format::NatoWorkbook`]) and SIPRI's Military Expenditure
//!   Database ([`Format::SipriWorkbook`]); each workbook format's module documents how it
//!   is read and its policies for markers, footnotes and names.
//!
//! A file in no known format is an error that lists what was expected; without the
//! `xlsx` feature a workbook is an error saying to enable it.
//!
//! ## World Bank WDI bulk CSV ([`Format::WorldBank`])
//!
//! The files of `https://data.worldbank.org/indicator/MS.MIL.XPND.GD.ZS` and its siblings
//! (CSV download): metadata lines (`"Data Source"`, `"Last Updated Date"`), the header
//! `"Country Name","Country Code","Indicator Name","Indicator Code","1960",…` and one row
//! per economy or aggregate, with the years as columns. Also read as Excel re-saves them
//! (quotes stripped, lines padded with commas, no trailing empty column, CRLF).
//!
//! - The indicator code picks the metric: `MS.MIL.XPND.GD.ZS` → `share_of_gdp`,
//!   `MS.MIL.XPND.ZS` (% of general government expenditure) → `share_of_government`,
//!   `MS.MIL.XPND.CD` (current US **dollars**) → `expenditure_current`, divided by
//!   1,000,000 exactly. Any other indicator is an error.
//! - Values may use exponents (`1.715E-05`): they are read exactly.
//! - A code is a country ([`Entity::Country`](crate::Entity)) when it is an ISO 3166-1
//!   alpha-3 code, unless the country metadata loaded with it (below) gives it no region.
//!   Every other code (`WLD`, `EUU`, Kosovo's `XKX`) is an aggregate with the id
//!   `WB_<code>` (`WB_WLD`, `WB_XKX`), named as the file names it.
//! - One [`Source`](crate::Source) per file, id `worldbank-<indicator>-<last updated>`
//!   (`worldbank-MS.MIL.XPND.GD.ZS-2023-09-19`), published on the last updated date. A
//!   localised date (`19/09/2023`, `9/19/2023`) is read when it is unambiguous; otherwise
//!   the id keeps the date as printed and the source has no published date.
//!
//! ## World Bank country metadata ([`Format::WorldBankMetadata`])
//!
//! The `Metadata_Country_….csv` file of the same download (`Country Code`, `Region`,
//! `IncomeGroup`, `SpecialNotes`, `TableName`). A code with an empty `Region` is an
//! aggregate. Loaded in a folder with data files, it is read first and decides which of
//! their codes are aggregates; it also defines the aggregates (and the economies without
//! an ISO code) with their names and notes, under the source
//! `worldbank-country-metadata`.
//!
//! ## Our World in Data grapher CSV ([`Format::Owid`])
//!
//! `Entity,Code,Year,<value column>` and optionally `World region according to OWID`
//! (not a figure: its values are ignored). One row per entity and year; a missing year
//! has no row.
//!
//! - The value column's name says the metric: `military_expenditure_share_gdp` and
//!   `Military expenditure (% of GDP)` → `share_of_gdp`; `Military expenditure (% of
//!   government spending)` → `share_of_government`; `Military expenditure (constant YYYY
//!   US$)` → `expenditure_constant` in millions (the dollars divided by 1,000,000
//!   exactly) with `price_base_year` YYYY. Columns whose base year the name does not give
//!   (`Military expenditure (constant US$)`, `military_expenditure`) and per-capita
//!   columns are rejected with the reason; unknown columns are an error that lists the
//!   known names.
//! - Codes: an ISO 3166-1 alpha-3 code is a country. OWID's own codes (`OWID_KOS`
//!   Kosovo, `OWID_WRL` World, `OWID_USS` USSR) are kept as aggregate ids as they are. An
//!   entity without a code (`European Union (SIPRI)`) gets the id `OWID_` + its name in
//!   capitals with every run of other characters than ASCII letters and digits made one
//!   underscore (`OWID_EUROPEAN_UNION_SIPRI`, at most 64 characters). Any other code is
//!   an error.
//! - One source per file, id `owid-<file name without extension>`, publisher "Our World
//!   in Data", titled with the value column's name.
//!
//! ## Speed and memory
//!
//! CSV files are read as a stream, never whole: a file of a million rows costs the
//! records it holds (48 bytes each for a record with one figure, plus 12 bytes of index
//! and location), not a copy of its bytes. Rows are located by byte offset while they are
//! read, and the line of a bad row is counted only when an error is reported. A file of
//! more than about 50,000 rows is read on every core: a worker thread a core splits
//! blocks of the file into records and parses their numbers while the calling thread
//! adds the records in file order (and splits blocks too while it waits); the index is
//! counted as records are added (see `benches/README.md` for the figures).
//!
//! Loading is all-or-nothing: the first bad value stops the load with an
//! [`Error`] naming the file and the line and column (or the workbook's
//! `sheet!cell`) and the value. The only cells left out without an error are those a
//! format's documented policy skips (such as an Excel `#REF!` in NATO's workbook), and
//! each is listed in [`Dataset::skipped`](crate::Dataset::skipped).
//!
//! Every loader keeps to the [`limits`] (file size, record size, number of columns, sheet
//! size): over one, the load is an [`ErrorKind::TooLarge`] error at the file and line or
//! sheet. [`Dataset::from_bytes`] reads a file's bytes already in memory.

pub(crate) mod builder;
pub(crate) mod fields;
pub mod limits;
pub(crate) mod native;
#[cfg(feature = "xlsx")]
pub mod nato_xlsx;
pub(crate) mod owid;
pub(crate) mod pipeline;
#[cfg(feature = "xlsx")]
pub mod sipri;
pub(crate) mod worldbank;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Origin};
use crate::Dataset;

use fields::{skip_bom, strip_bom};
use native::Table;

/// The file extensions a folder is searched for.
const EXTENSIONS: &[&str] = &["csv", "xlsx"];

/// A file format this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// One of this crate's own CSV files (see the crate docs for their schema).
    Native(NativeFile),
    /// A World Bank WDI bulk CSV (`API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_….csv`): one
    /// indicator, the years as columns. See the [module docs](self).
    WorldBank,
    /// The country metadata of a World Bank bulk download (`Metadata_Country_….csv`):
    /// which codes are aggregates. Read before the data files of a folder.
    WorldBankMetadata,
    /// An Our World in Data grapher CSV (`Entity,Code,Year,<value column>`).
    Owid,
    /// NATO's "Defence Expenditure of NATO Countries" workbook (`.xlsx`, sheets `TABLE1`
    /// to `TABLE8b`). Needs the `xlsx` feature.
    NatoWorkbook,
    /// SIPRI's Military Expenditure Database workbook (`.xlsx`, sheets "Share of GDP",
    /// "Current US$", ...). Needs the `xlsx` feature.
    SipriWorkbook,
}

/// One of this crate's own CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NativeFile {
    /// `sources.csv`
    Sources,
    /// `members.csv`
    Members,
    /// `aggregates.csv`
    Aggregates,
    /// `spending.csv`
    Spending,
    /// `pledges.csv`
    Pledges,
    /// `contracts.csv`
    Contracts,
    /// `aid.csv`
    Aid,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Format::Native(t) => {
                write!(f, "defense-spending CSV ({})", t.file_name())
            }
            Format::WorldBank => f.write_str("World Bank WDI bulk CSV"),
            Format::WorldBankMetadata => f.write_str("World Bank WDI country metadata CSV"),
            Format::Owid => f.write_str("Our World in Data grapher CSV"),
            Format::NatoWorkbook => f.write_str("NATO's Defence Expenditure workbook"),
            Format::SipriWorkbook => f.write_str("SIPRI's Military Expenditure Database workbook"),
        }
    }
}

impl Format {
    /// The order in which a folder's files are read: sources and members first, then the
    /// crate's other files, then the World Bank's country metadata (after the crate's
    /// aggregates, before the World Bank data it classifies), then the publishers' data.
    fn load_order(self) -> usize {
        match self {
            Format::Native(t) => Table::ALL
                .iter()
                .position(|x| *x == t)
                .unwrap_or(usize::MAX),
            Format::WorldBankMetadata => Table::ALL.len(),
            Format::WorldBank | Format::Owid => Table::ALL.len() + 1,
            // Each workbook defines its own source.
            Format::NatoWorkbook => Table::ALL.len() + 2,
            Format::SipriWorkbook => Table::ALL.len() + 3,
        }
    }
}

/// Recognises the format of a file from its content (never its name).
///
/// ```
/// use defense_spending::load::{detect_format, Format, NativeFile};
///
/// let f = detect_format("x.txt", b"country,year,share_of_gdp,source\n")?;
/// assert_eq!(f, Format::Native(NativeFile::Spending));
/// let f = detect_format("x.txt", b"Entity,Code,Year,Military expenditure (% of GDP)\n")?;
/// assert_eq!(f, Format::Owid);
/// let f = detect_format("x.txt", b"\xEF\xBB\xBF\"Data Source\",\"World Development Indicators\",\n")?;
/// assert_eq!(f, Format::WorldBank);
/// assert!(detect_format("x.csv", b"hello\n").is_err());
/// # Ok::<(), defense_spending::Error>(())
/// ```
pub fn detect_format(name: impl AsRef<Path>, bytes: &[u8]) -> Result<Format> {
    detect(name.as_ref(), bytes)
}

/// The signature of a zip archive, and so of an Excel workbook (`.xlsx`).
const ZIP: &[u8] = b"PK\x03\x04";

/// How much of a file is read to recognise its format (a CSV header is on its first line).
const HEAD: usize = 64 * 1024;

/// Loads a folder or a file.
pub(crate) fn load_path(path: &Path) -> Result<Dataset> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let mut builder = Builder::default();
    if meta.is_dir() {
        let files = data_files(path)?;
        if files.is_empty() {
            return Err(Error::new(Position::file(path), ErrorKind::NoData));
        }
        // Every file is recognised before any is read, and sources come first, so that
        // the order of files never matters to the result.
        let mut found: Vec<(PathBuf, Detected)> = Vec::with_capacity(files.len());
        for file in files {
            let detected = detect_file(&file)?;
            found.push((file, detected));
        }
        found.sort_by_key(|(file, d)| (d.format.load_order(), file.clone()));
        for (file, detected) in found {
            load_file(&mut builder, &file, detected)?;
        }
    } else {
        let detected = detect_file(path)?;
        load_file(&mut builder, path, detected)?;
    }
    builder.finish()
}

/// The first bytes of a file (up to `limit`).
fn head(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut head = Vec::with_capacity(limit.min(HEAD));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit as u64), &mut head)
        .map_err(|e| io_error(path, e))?;
    Ok(head)
}

/// What recognising a file learnt, kept for reading it.
struct Detected {
    format: Format,
    /// About how many rows the file holds (for a CSV file).
    rows: usize,
    /// The whole file, when recognising it took reading it all (a workbook).
    bytes: Option<Vec<u8>>,
}

/// Recognises the format of a file from its first bytes (a workbook from all of it).
fn detect_file(path: &Path) -> Result<Detected> {
    let size = std::fs::metadata(path)
        .map_err(|e| io_error(path, e))?
        .len();
    limits::check_file_size(path, size)?;
    let first = head(path, HEAD)?;
    if first.starts_with(ZIP) {
        let bytes = limits::read_file(path)?;
        let format = detect(path, &bytes)?;
        return Ok(Detected {
            format,
            rows: 0,
            bytes: Some(bytes),
        });
    }
    Ok(Detected {
        format: detect(path, &first)?,
        rows: estimate_rows(&first, size),
        bytes: None,
    })
}

/// Reads a file known to be in `format`: CSV files as a stream (a file of a million rows
/// is never held in memory whole), others whole.
fn load_file(builder: &mut Builder, path: &Path, detected: Detected) -> Result<()> {
    builder.register_origin(path, Origin::Disk);
    let format = detected.format;
    let result = match (format, detected.bytes) {
        (Format::Native(_) | Format::Owid, _) => {
            let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
            let input = skip_bom(limits::Bounded::new(file)).map_err(|e| io_error(path, e))?;
            read_stream(builder, path, input, detected.rows, format)
        }
        (_, Some(bytes)) => read_format(builder, path, &bytes, format),
        (_, None) => {
            let bytes = limits::read_file(path)?;
            read_format(builder, path, &bytes, format)
        }
    };
    result.map_err(|e| builder.locate(e))
}

/// Reads one file's bytes into `builder`, detecting its format.
pub(crate) fn read_bytes<'a>(
    builder: &mut Builder<'a>,
    file: &Path,
    bytes: &'a [u8],
) -> Result<()> {
    limits::check_file_size(file, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    builder.register_origin(file, Origin::Memory(bytes));
    let format = detect(file, bytes)?;
    read_format(builder, file, bytes, format).map_err(|e| builder.locate(e))
}

/// Reads one file's bytes in a known format into `builder`.
fn read_format(builder: &mut Builder, file: &Path, bytes: &[u8], format: Format) -> Result<()> {
    match format {
        Format::Native(_) | Format::Owid => read_stream(
            builder,
            file,
            strip_bom(bytes),
            estimate_rows(bytes, bytes.len() as u64),
            format,
        ),
        Format::WorldBank => worldbank::read(builder, file, bytes),
        Format::WorldBankMetadata => worldbank::read_metadata(builder, file, bytes),
        #[cfg(feature = "xlsx")]
        Format::NatoWorkbook => nato_xlsx::read(builder, file, bytes),
        #[cfg(feature = "xlsx")]
        Format::SipriWorkbook => sipri::read(builder, file, bytes),
        #[cfg(not(feature = "xlsx"))]
        Format::NatoWorkbook | Format::SipriWorkbook => Err(xlsx_disabled(file)),
    }
}

/// Reads a CSV format from a stream without its byte order mark.
fn read_stream<R: std::io::Read + Send>(
    builder: &mut Builder,
    file: &Path,
    input: R,
    rows: usize,
    format: Format,
) -> Result<()> {
    match format {
        Format::Native(t) => native::read(builder, file, input, rows, t),
        Format::Owid => owid::read(builder, file, input, rows),
        _ => Err(Error::new(
            Position::file(file),
            ErrorKind::UnknownFormat {
                found: format.to_string(),
                expected: "a CSV format".to_owned(),
            },
        )),
    }
}

/// About how many rows a file of `size` bytes holds: its size over the average length of
/// the lines in `head`, plus a twentieth.
fn estimate_rows(head: &[u8], size: u64) -> usize {
    let lines = memchr::memchr_iter(b'\n', head).count().max(1);
    let per_line = (head.len() / lines).max(1);
    let rows = usize::try_from(size).unwrap_or(usize::MAX) / per_line;
    rows.saturating_add(rows / 20).saturating_add(1)
}

impl Dataset {
    /// Reads one file from its bytes, in any format [`Dataset::load`] reads (the crate's
    /// CSV files, World Bank and Our World in Data CSV, and with the `xlsx` feature NATO's
    /// and SIPRI's workbooks), recognised by its content; `name` is used in error messages
    /// (and, for an Our World in Data file, in its source id).
    ///
    /// For a file that is already in memory (downloaded, embedded, received): no file is
    /// written or read. As with [`Dataset::load`] of one file, the bundled Allies come
    /// along when the bytes are not a members file, and the [limits](limits) apply.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let bytes = b"Entity,Code,Year,Military expenditure (% of GDP)\nPoland,POL,2023,3.83\n";
    /// let ds = Dataset::from_bytes("owid.csv", bytes)?;
    /// assert_eq!(ds.spending()[0].share_of_gdp.unwrap().to_string(), "3.83");
    /// assert!(Dataset::from_bytes("x.xlsx", b"PK\x03\x04 not a workbook").is_err());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn from_bytes(name: impl AsRef<Path>, bytes: &[u8]) -> Result<Dataset> {
        let mut builder = Builder::default();
        read_bytes(&mut builder, name.as_ref(), bytes)?;
        builder.finish()
    }
}

/// The data files in a folder (not its subfolders), sorted by name.
fn data_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if wanted && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Recognises a file by its content.
fn detect(file: &Path, bytes: &[u8]) -> Result<Format> {
    if bytes.starts_with(ZIP) {
        // A zip archive: an Excel workbook (.xlsx), recognised by its sheets.
        #[cfg(feature = "xlsx")]
        return xlsx::detect(file, bytes);
        #[cfg(not(feature = "xlsx"))]
        return Err(xlsx_disabled(file));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::new(
            Position::file(file).at_line(1),
            ErrorKind::UnknownFormat {
                found: "UTF-16 text (its byte order mark)".to_owned(),
                expected: "UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in Excel)".to_owned(),
            },
        ));
    }
    let bytes = strip_bom(bytes);
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = String::from_utf8_lossy(first_line);
    let header: Vec<&str> = first_line
        .trim_end_matches('\r')
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .collect();
    if let Some(t) = Table::detect(&header) {
        return Ok(Format::Native(t));
    }
    match worldbank::detect(&header) {
        Some(worldbank::Kind::Data) => return Ok(Format::WorldBank),
        Some(worldbank::Kind::Metadata) => return Ok(Format::WorldBankMetadata),
        None => {}
    }
    if owid::detect(&header) {
        return Ok(Format::Owid);
    }
    let found = if bytes.is_empty() {
        "an empty file".to_owned()
    } else {
        let shown: String = first_line.chars().take(120).collect();
        format!("a file whose first line is {shown:?}")
    };
    Err(Error::new(
        Position::file(file).at_line(1),
        ErrorKind::UnknownFormat {
            found,
            expected: format!(
                "one of this crate's CSV files: {}; or {}; or {}; or NATO's or SIPRI's Excel \
                 workbook (.xlsx)",
                Table::expected(),
                worldbank::expected(),
                owid::expected()
            ),
        },
    ))
}

/// The error for a workbook when the `xlsx` feature is off.
#[cfg(not(feature = "xlsx"))]
fn xlsx_disabled(file: &Path) -> Error {
    Error::new(
        Position::file(file),
        ErrorKind::FeatureDisabled {
            format: "an Excel workbook (.xlsx)".to_owned(),
            feature: "xlsx".to_owned(),
        },
    )
}

/// The error kind for a country name the table of names does not know, with the closest
/// known names.
pub(crate) fn unknown_name(name: &str, format: Format) -> ErrorKind {
    ErrorKind::UnknownName {
        name: name.to_owned(),
        format: format.to_string(),
        closest: crate::names::closest(name, 3)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(Position::file(path), ErrorKind::Io(e))
}
