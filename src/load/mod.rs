//! Loading data from files.
//!
//! [`Dataset::load`](crate::Dataset::load) takes a folder, a zip archive or a single
//! file; [`LoadOptions`] states what a file does not say about itself (a wide table's
//! metric, a base year). Each file is recognised by its content (its first lines, or for
//! a zip archive the files inside), never by its name, because downloaded files get
//! renamed. This crate reads its own CSV files (see [`crate`] docs for their schema) and
//! the files analysts download (see [`Format`]):
//!
//! - the World Bank's WDI bulk CSV with its country and indicator metadata
//!   ([`Format::WorldBank`], [`Format::WorldBankMetadata`],
//!   [`Format::WorldBankIndicator`]), and the zip they are downloaded in
//!   ([`Format::Archive`]);
//! - Our World in Data's grapher CSV, every export generation ([`Format::Owid`]);
//! - wide tables, one row per country and one column per year, as analysts copy NATO's
//!   and SIPRI's tables ([`Format::Wide`]);
//! - with the `xlsx` feature (on by default), NATO's "Defence Expenditure of NATO
//!   Countries" tables ([`Format::NatoWorkbook`]: the June 2024 edition, and the layout of
//!   the August 2025 and July 2026 editions, the latter "Defence Investment of NATO
//!   Countries"), SIPRI's Military Expenditure Database ([`Format::SipriWorkbook`]: the
//!   2024 and 2026 releases), and the Kiel Institute's Ukraine Support Tracker
//!   ([`Format::KielWorkbook`], aid to Ukraine: see [`kiel`]); each workbook format's
//!   module documents how it is read, its editions, and its policies for markers,
//!   footnotes and names; a known publisher's workbook in a layout its module does not
//!   know is an error saying what was looked for and what was found;
//! - any of the CSV formats as Excel saves them in many European locales, with `;`
//!   between fields and decimal commas (below).
//!
//! Names of countries (NATO's, SIPRI's, wide tables') resolve through one table,
//! [`crate::names`]. A file in no known format is an error that lists what was expected;
//! without the `xlsx` feature a workbook is an error saying to enable it.
//!
//! ## How formats are organised
//!
//! Each format is one module of `src/load/` that knows itself: how to recognise a file
//! from its first lines, its name, when a folder's file of it is read (the crate's own
//! files first, then metadata that classifies others, then data) and how to read it.
//! The dispatcher keeps one list of them and asks each in turn, as the `csv` crate's and
//! calamine's readers leave the format's rules to the reader. Adding a format is adding
//! its module and one line to that list (and a [`Format`] variant, its public name).
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
//! The 2026 vintage is CRLF with years to 2025: nothing assumes LF or a range of years.
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
//! ## World Bank indicator metadata ([`Format::WorldBankIndicator`])
//!
//! The `Metadata_Indicator_….csv` file of the same download: one record
//! `INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION` (with a trailing
//! comma, a byte order mark and CRLF as shipped). Read before the data files of the same
//! folder or zip, it gives their source its title (the indicator's name) and a note with
//! the World Bank's note on the indicator and the source organisation it names (SIPRI).
//! Alone it loads no figures.
//!
//! ## Zip archives ([`Format::Archive`])
//!
//! A zip that is not a workbook (the World Bank's download
//! `API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip`) is read as a folder of the `.csv` and
//! `.xlsx` files inside it, each recognised by its content; positions name the file
//! inside (`download.zip/API_….csv: line 12`). A folder's zip archives are not read (a
//! download is often unzipped where it lies): load an archive by its path. The archive
//! is checked against the
//! [`limits`] first, as a workbook is: its parts, its declared and actual unpacked size,
//! each part's compression ratio. A zip inside it is an error (unzip the outer one), and
//! so is an archive with nothing readable in it. No cargo feature is needed.
//!
//! ## Our World in Data grapher CSV ([`Format::Owid`])
//!
//! `Entity,Code,Year,<value column>` and optionally `World region according to OWID`
//! (or, in some exports, `World regions according to OWID`, filled on one row per
//! entity): not a figure, its values are ignored. One row per entity and year; a row
//! with an **empty value** (`Afghanistan,AFG,2023,,Asia`) is no figure, never an error
//! and never a zero.
//!
//! - The value column's title says the measure, recognised by its meaning rather than a
//!   fixed list: it speaks of military expenditure or spending, and of a share (or `%`,
//!   or percentage) of GDP → `share_of_gdp`; of government spending →
//!   `share_of_government`; constant US$ → `expenditure_constant`, current US$ →
//!   `expenditure_current`, both in millions (the dollars divided by 1,000,000 exactly);
//!   per capita in current US$ → `per_capita_current`. The short 2022-style names
//!   (`military_expenditure_share_gdp`, `military_expenditure`: constant US$) and long
//!   titles naming the method and sources (read by their first parenthesis) are
//!   recognised alike. Per-capita figures at constant prices are rejected with the
//!   reason; a title naming no known measure is an error that shows it and the known
//!   measures.
//! - Constant prices: the base year is the one the title states (`constant 2023 US$`),
//!   else [`LoadOptions::price_base_year`], else **unknown**: the records'
//!   [`price_base_year`](crate::SpendingRecord::price_base_year) is `None`, and queries
//!   never combine them with figures of a known base year. A base year is never guessed.
//! - Codes: an ISO 3166-1 alpha-3 code is a country. OWID's own codes (`OWID_KOS`
//!   Kosovo, `OWID_WRL` World, `OWID_USS` USSR) are kept as aggregate ids as they are. An
//!   entity without a code (`European Union (SIPRI)`) gets the id `OWID_` + its name in
//!   capitals with every run of other characters than ASCII letters and digits made one
//!   underscore (`OWID_EUROPEAN_UNION_SIPRI`, at most 64 characters). An ISO 3166-3 code
//!   of a former country (`ANT`, Netherlands Antilles; `SUN`, `YUG`, `CSK`, ...) is the
//!   historical entity `FORMER_ANT` ([`names::former_country`](crate::names::former_country)),
//!   never a current country. Any other code is an error.
//! - One source per file, its id made from the content, never the file's name (a service
//!   loading uploads would mint an id per upload): `owid-` and the value column's title
//!   in lower case with every run of other characters than ASCII letters and digits one
//!   hyphen (`owid-military-expenditure-of-gdp`), publisher "Our World in Data", titled
//!   with the value column's name.
//!
//! ## Wide tables ([`Format::Wide`])
//!
//! One row per country, one column per year: `Country,2014,…,2024`, as analysts copy
//! NATO's and SIPRI's tables (NATO's Table 3 in `nato_defense_spending_clean.csv`, a
//! SIPRI sheet exported from a spreadsheet). The file does not say which figure its cells
//! hold, so the user states it:
//!
//! ```
//! use defense_spending::{LoadOptions, Metric};
//!
//! let table = "Country,2023,2024e\r\nTürkiye,1.498844169,2.089020298\r\nCzechia*,1.5,2.1";
//! let ds = LoadOptions::new()
//!     .metric(Metric::ShareOfGdp) // what a wide table's cells are
//!     .from_bytes("nato_defense_spending_clean.csv", table.as_bytes())?;
//! assert_eq!(ds.spending().len(), 4);
//! // Without it, an error that says exactly that, and shows the call.
//! let err = defense_spending::Dataset::from_bytes("t.csv", table.as_bytes()).unwrap_err();
//! assert!(err.to_string().contains("LoadOptions::new().metric(Metric::ShareOfGdp)"));
//! # Ok::<(), defense_spending::Error>(())
//! ```
//!
//! - The header is the first line (of the first 16: a title may come first) whose first
//!   field is `Country` followed by years; `2024e` marks an estimate. `Notes` and
//!   `Reporting year` columns before the years (SIPRI's `Footnotes!A12`, `‡ ¶ 2`,
//!   `April-March`) are passed over. A year given twice is an error.
//! - Names resolve through [`crate::names`] (NATO's `Türkiye`, `Slovak Republic`,
//!   `Czechia*`, `NATO Total`; SIPRI's `United States of America`, `Korea, South`,
//!   `Congo, DR`). A country given twice (under any two of its names) is an error; an
//!   unknown name with figures is an error at its line with the closest known names; a
//!   row with a name that is no country's and no figures (SIPRI's region headings) is
//!   skipped and listed in [`Dataset::skipped`](crate::Dataset::skipped).
//! - Cells: numbers read exactly (`1,234.5` quoted, with thousands separators, too; not
//!   `1,234`, which may be a decimal comma: an error that says so),
//!   percentages (`5.7%`) for the share metrics, and `...`, `xxx`, `. .`, `..` or empty
//!   for no figure; other text is an error at its line and column.
//! - Constant prices: the base year is the one a title line states (`constant (2022)
//!   US$`), else [`LoadOptions::price_base_year`], else unknown (as for OWID).
//! - The source is [`LoadOptions::source`]'s, or one whose id is made from what was
//!   stated and read: `wide-<metric>[-<base year>|-base-unknown]-<first>-<last>`
//!   (`wide-share_of_gdp-2014-2024`), never from the file's name.
//!
//! ## European spreadsheets
//!
//! Excel in many European locales saves CSV with `;` between fields and `,` as the
//! decimal mark. Any of the CSV formats above saved so is recognised by its content (its
//! first lines split on `;` give a known format, and split on `,` none), then read as its
//! translation into commas and dots, line for line, so that every position is the file's
//! own and every value exact (digits are moved, never reparsed). Where a file is
//! ambiguous the error names the cause and the fix: decimal commas together with a number
//! such as `1.234` (a thousands separator, or a decimal point?), or a file that reads as
//! a known format split either way. Such a file is read whole, within the file limit.
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
//! size, zip archives' parts, size and compression ratio): over one, the load is an
//! [`ErrorKind::TooLarge`] error at the file and line or sheet. [`Dataset::from_bytes`]
//! (and [`LoadOptions::from_bytes`]) reads a file's bytes already in memory.

pub(crate) mod archive;
pub(crate) mod builder;
pub(crate) mod european;
pub(crate) mod fields;
pub mod kiel;
pub mod limits;
pub(crate) mod native;
#[cfg(feature = "xlsx")]
pub mod nato_xlsx;
mod options;
pub(crate) mod owid;
pub(crate) mod pipeline;
#[cfg(feature = "xlsx")]
pub mod sipri;
pub(crate) mod wide;
mod workbook;
pub(crate) mod worldbank;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::Dataset;

use builder::{Builder, Origin};
use fields::{skip_bom, strip_bom};

pub use options::LoadOptions;

/// Every format this crate reads, in the order files are recognised: **the one place
/// where formats are listed.** A format is one module of `src/load/` with a
/// [`FileFormat`] value; adding one is adding its module and its line here (and, as
/// its public name, a variant of [`Format`]).
const FORMATS: &[&dyn FileFormat] = &[
    &archive::ARCHIVE,
    &kiel::KIEL,
    &workbook::WORKBOOKS,
    &native::NATIVE,
    &worldbank::DATA,
    &worldbank::COUNTRY_METADATA,
    &worldbank::INDICATOR_METADATA,
    &owid::OWID,
    &wide::WIDE,
];

/// What a format's module provides: how a file of it is recognised, what it is called,
/// when a folder's file of it is read, and how it is read. The model is the `csv`
/// crate's and calamine's readers: the format knows itself, the dispatcher only asks.
pub(crate) trait FileFormat: Sync {
    /// The format of a file whose first bytes (a workbook or archive: all of it) and
    /// first lines are `head`, if it is one of this module's.
    fn recognise(&self, head: &Head<'_>) -> Result<Option<Format>>;
    /// True if `format` is one of this module's.
    fn reads(&self, format: Format) -> bool;
    /// Its name, for messages (`World Bank WDI bulk CSV`).
    fn name(&self, format: Format) -> String;
    /// What its files look like, for the error about a file in no known format (`None`
    /// for a format that is not text).
    fn expected(&self) -> Option<String>;
    /// When a folder's file of it is read: lower first. The crate's own files come
    /// first, then what classifies others (the World Bank's metadata), then the data.
    fn order(&self, format: Format) -> usize;
    /// Reads a file of `format` into the context's builder.
    fn read(&self, cx: &mut Context<'_, '_>, format: Format, input: Input<'_>) -> Result<()>;
}

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
    /// The indicator metadata of a World Bank bulk download
    /// (`Metadata_Indicator_….csv`): the indicator's name, note and source organisation,
    /// which go into the data file's [`Source`](crate::Source). Read before the data.
    WorldBankIndicator,
    /// An Our World in Data grapher CSV (`Entity,Code,Year,<value column>`).
    Owid,
    /// A wide table: one row per country, one column per year (`Country,2014,…,2024`),
    /// as analysts copy NATO's and SIPRI's tables. What its cells are is stated with
    /// [`LoadOptions::metric`].
    Wide,
    /// A zip archive that is not a workbook (the World Bank's download): its files are
    /// read as a folder's.
    Archive,
    /// NATO's "Defence Expenditure of NATO Countries" workbook (`.xlsx`, sheets `TABLE1`
    /// to `TABLE8b`; from 2025 `Table 1` to `Table 8b`). Needs the `xlsx` feature.
    NatoWorkbook,
    /// SIPRI's Military Expenditure Database workbook (`.xlsx`, sheets "Share of GDP",
    /// "Current US$", ...). Needs the `xlsx` feature.
    SipriWorkbook,
    /// The Kiel Institute's Ukraine Support Tracker workbook (`.xlsx`, sheets `ReadMe`,
    /// `Country Summary`, `Bilateral assistance, MAIN DATA`): aid to Ukraine by donor,
    /// kind and release. See [`kiel`]. Needs the `xlsx` feature.
    KielWorkbook,
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

impl Format {
    /// The module that reads this format.
    fn reader(self) -> Option<&'static dyn FileFormat> {
        FORMATS.iter().copied().find(|r| r.reads(self))
    }

    /// The order in which a folder's files are read (see [`FileFormat::order`]).
    fn load_order(self) -> usize {
        self.reader().map_or(usize::MAX, |r| r.order(self))
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.reader() {
            Some(r) => f.write_str(&r.name(*self)),
            None => write!(f, "{self:?}"),
        }
    }
}

/// What recognising a file looks at: its name (for messages), its first bytes (a zip
/// archive: all of it), and its first lines split into fields.
pub(crate) struct Head<'a> {
    /// The file, for messages.
    pub file: &'a Path,
    /// The first bytes (a zip archive: all of it), byte order mark included.
    pub bytes: &'a [u8],
    /// The first lines (up to [`HEAD_LINES`]), each split into trimmed fields without
    /// their quotes, on `,` (or on `;`, for a European spreadsheet's CSV).
    pub lines: Vec<Vec<String>>,
}

impl Head<'_> {
    /// The first line's fields.
    pub fn first_line(&self) -> &[String] {
        self.lines.first().map_or(&[], Vec::as_slice)
    }

    /// The first line's fields as `&str`.
    pub fn header(&self) -> Vec<&str> {
        self.first_line().iter().map(String::as_str).collect()
    }
}

/// How many lines of a file recognition looks at (a wide table's header may come after
/// a title and notes).
pub(crate) const HEAD_LINES: usize = 16;

/// The input of a format's reader: a file on disk (read as a stream by the CSV formats
/// that can) or bytes in memory.
pub(crate) enum Input<'a> {
    /// A file on disk.
    File(&'a Path),
    /// Bytes in memory, byte order mark included.
    Bytes(&'a [u8]),
}

impl Input<'_> {
    /// The input as a stream without its byte order mark: the file read as it goes
    /// (within [`limits::MAX_FILE_BYTES`]), or the bytes.
    pub fn stream(&self) -> Result<Box<dyn std::io::Read + Send + '_>> {
        match self {
            Input::File(path) => {
                let f = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
                let s = skip_bom(limits::Bounded::new(f)).map_err(|e| io_error(path, e))?;
                Ok(Box::new(s))
            }
            Input::Bytes(b) => Ok(Box::new(strip_bom(b))),
        }
    }

    /// The bytes, read whole from a file within the [limits](limits).
    pub fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Input::File(path) => limits::read_file(path).map(std::borrow::Cow::Owned),
            Input::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
        }
    }
}

/// What a reader reads into, and with what.
pub(crate) struct Context<'b, 'a> {
    /// The rows read so far.
    pub builder: &'b mut Builder<'a>,
    /// The file being read, for messages.
    pub file: &'b Path,
    /// The options of the load.
    pub options: &'b LoadOptions,
    /// About how many rows the file holds (for a CSV file).
    pub rows: usize,
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
/// let f = detect_format("x.txt", b"Country;2023;2024\r\nPoland;3,83;4,12\r\n")?; // European Excel
/// assert_eq!(f, Format::Wide);
/// assert!(detect_format("x.csv", b"hello\n").is_err());
/// # Ok::<(), defense_spending::Error>(())
/// ```
pub fn detect_format(name: impl AsRef<Path>, bytes: &[u8]) -> Result<Format> {
    detect(name.as_ref(), bytes).map(|d| d.0)
}

/// The signature of a zip archive (and so of an Excel workbook, `.xlsx`).
pub(crate) const ZIP: &[u8] = b"PK\x03\x04";
/// The signature of an empty zip archive (its end record alone).
pub(crate) const EMPTY_ZIP: &[u8] = b"PK\x05\x06";

/// How much of a file is read to recognise its format.
const HEAD: usize = 64 * 1024;

/// Loads a folder or a file.
pub(crate) fn load_path(path: &Path, options: &LoadOptions) -> Result<Dataset> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let mut builder = Builder::default();
    if meta.is_dir() {
        let files = data_files(path)?;
        if files.is_empty() {
            return Err(Error::new(Position::file(path), ErrorKind::NoData));
        }
        // Every file is recognised before any is read, and sources come first, so that
        // the order of files never matters to the result.
        let mut found: Vec<Found<'_>> = Vec::with_capacity(files.len());
        for file in files {
            found.push(recognise_file(file)?);
        }
        read_all(&mut builder, found, options)?;
    } else {
        let found = recognise_file(path.to_path_buf())?;
        read_all(&mut builder, vec![found], options)?;
    }
    builder.finish()
}

/// A file recognised, with what reading it needs.
pub(crate) struct Found<'a> {
    /// Its path (an archive's entry: the archive's path joined with the entry's name).
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its separator (`;` for a European spreadsheet's CSV, read after translation).
    pub separator: u8,
    /// About how many rows it holds.
    pub rows: usize,
    /// Where its bytes are.
    pub bytes: Bytes<'a>,
}

/// Where a recognised file's bytes are.
pub(crate) enum Bytes<'a> {
    /// On disk, not read yet (a CSV file read as a stream).
    Disk,
    /// Read whole from disk.
    Owned(Vec<u8>),
    /// In memory, the caller's.
    Borrowed(&'a [u8]),
    /// In memory, shared (an archive's entry).
    Shared(Arc<[u8]>),
}

/// The first bytes of a file (up to `limit`).
fn head(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut head = Vec::with_capacity(limit.min(HEAD));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit as u64), &mut head)
        .map_err(|e| io_error(path, e))?;
    Ok(head)
}

/// Recognises a file on disk from its first bytes (a zip archive from all of it).
fn recognise_file<'a>(path: PathBuf) -> Result<Found<'a>> {
    let size = std::fs::metadata(&path)
        .map_err(|e| io_error(&path, e))?
        .len();
    limits::check_file_size(&path, size)?;
    let first = head(&path, HEAD)?;
    if first.starts_with(ZIP) || first.starts_with(EMPTY_ZIP) {
        let bytes = limits::read_file(&path)?;
        let (format, separator) = detect(&path, &bytes)?;
        return Ok(Found {
            path,
            format,
            separator,
            rows: 0,
            bytes: Bytes::Owned(bytes),
        });
    }
    let (format, separator) = detect(&path, &first)?;
    Ok(Found {
        path,
        format,
        separator,
        rows: estimate_rows(&first, size),
        bytes: Bytes::Disk,
    })
}

/// Recognises a file in memory.
pub(crate) fn recognise_bytes(path: PathBuf, bytes: Bytes<'_>) -> Result<Found<'_>> {
    let slice: &[u8] = match &bytes {
        Bytes::Owned(b) => b,
        Bytes::Borrowed(b) => b,
        Bytes::Shared(b) => b,
        Bytes::Disk => return recognise_file(path),
    };
    limits::check_file_size(&path, u64::try_from(slice.len()).unwrap_or(u64::MAX))?;
    let (format, separator) = detect(&path, slice)?;
    let rows = estimate_rows(slice, slice.len() as u64);
    Ok(Found {
        path,
        format,
        separator,
        rows,
        bytes,
    })
}

/// Reads recognised files into `builder`, in the order of their formats (then of their
/// names), so that the order they were given in never matters.
pub(crate) fn read_all<'a>(
    builder: &mut Builder<'a>,
    mut found: Vec<Found<'a>>,
    options: &LoadOptions,
) -> Result<()> {
    found.sort_by(|a, b| (a.format.load_order(), &a.path).cmp(&(b.format.load_order(), &b.path)));
    for f in found {
        read_found(builder, f, options)?;
    }
    Ok(())
}

/// Reads one recognised file into `builder`.
fn read_found<'a>(
    builder: &mut Builder<'a>,
    found: Found<'a>,
    options: &LoadOptions,
) -> Result<()> {
    let Found {
        path,
        format,
        separator,
        rows,
        bytes,
    } = found;
    let Some(reader) = format.reader() else {
        return Err(Error::new(
            Position::file(&path),
            ErrorKind::UnknownFormat {
                found: format.to_string(),
                expected: "a format this build reads".to_owned(),
            },
        ));
    };
    // A European spreadsheet's CSV is read as its translation into commas and dots,
    // line for line.
    let bytes = if separator == b',' {
        bytes
    } else {
        let owned;
        let slice: &[u8] = match &bytes {
            Bytes::Disk => {
                owned = limits::read_file(&path)?;
                &owned
            }
            Bytes::Owned(b) => b,
            Bytes::Borrowed(b) => b,
            Bytes::Shared(b) => b,
        };
        Bytes::Shared(european::translate(&path, slice, separator)?.into())
    };
    let result = match &bytes {
        Bytes::Disk => {
            builder.register_origin(&path, Origin::Disk);
            let mut cx = Context {
                builder: &mut *builder,
                file: &path,
                options,
                rows,
            };
            reader.read(&mut cx, format, Input::File(&path))
        }
        Bytes::Borrowed(b) => {
            builder.register_origin(&path, Origin::Memory(b));
            let mut cx = Context {
                builder: &mut *builder,
                file: &path,
                options,
                rows,
            };
            reader.read(&mut cx, format, Input::Bytes(b))
        }
        Bytes::Owned(b) => {
            // Read whole from disk (a workbook): read again from there to locate a row.
            builder.register_origin(&path, Origin::Disk);
            let mut cx = Context {
                builder: &mut *builder,
                file: &path,
                options,
                rows,
            };
            reader.read(&mut cx, format, Input::Bytes(b))
        }
        Bytes::Shared(b) => {
            builder.register_origin(&path, Origin::Shared(Arc::clone(b)));
            let mut cx = Context {
                builder: &mut *builder,
                file: &path,
                options,
                rows,
            };
            reader.read(&mut cx, format, Input::Bytes(b))
        }
    };
    result.map_err(|e| builder.locate(e))
}

/// Reads one file's bytes into `builder`, detecting its format.
pub(crate) fn read_bytes<'a>(
    builder: &mut Builder<'a>,
    file: &Path,
    bytes: &'a [u8],
    options: &LoadOptions,
) -> Result<()> {
    let found = recognise_bytes(file.to_path_buf(), Bytes::Borrowed(bytes))?;
    read_found(builder, found, options)
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
    /// CSV files, World Bank and Our World in Data CSV, a zip archive of them, and with
    /// the `xlsx` feature NATO's and SIPRI's workbooks), recognised by its content;
    /// `name` is used in error messages.
    ///
    /// For a file that is already in memory (downloaded, embedded, received): no file is
    /// written or read. As with [`Dataset::load`] of one file, the bundled Allies come
    /// along when the bytes are not a members file, and the [limits](limits) apply.
    /// [`LoadOptions::from_bytes`] takes options (a wide table's metric).
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
        LoadOptions::new().from_bytes(name, bytes)
    }
}

/// The file extensions a folder (and a zip archive) is searched for. A folder's zip
/// archives are not read: the World Bank's download is often unzipped where it lies, and
/// its files would be read twice. Load a zip archive by its path.
const EXTENSIONS: &[&str] = &["csv", "xlsx"];

/// True if a file's name has one of the extensions a folder is searched for.
pub(crate) fn wanted_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The data files in a folder (not its subfolders), sorted by name.
fn data_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if wanted_extension(&path) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Splits the first lines of a text into fields on `separator` (quotes respected, fields
/// trimmed and unquoted), as far as `HEAD_LINES` lines.
fn split_lines(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(bytes);
    let mut lines = Vec::new();
    let mut record = csv::ByteRecord::new();
    while lines.len() < HEAD_LINES {
        match reader.read_byte_record(&mut record) {
            Ok(true) => lines.push(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                    .collect(),
            ),
            // The end, or a line cut off by the head's end or malformed: what was read is
            // what recognition sees.
            Ok(false) | Err(_) => break,
        }
    }
    lines
}

/// Recognises a file by its content: its format and separator.
fn detect(file: &Path, bytes: &[u8]) -> Result<(Format, u8)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::new(
            Position::file(file).at_line(1),
            ErrorKind::UnknownFormat {
                found: "UTF-16 text (its byte order mark)".to_owned(),
                expected: "UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in Excel)".to_owned(),
            },
        ));
    }
    let text = strip_bom(bytes);
    // The first line, up to its end (or the head's), as far as HEAD bytes.
    let head_text = text.get(..HEAD.min(text.len())).unwrap_or(text);
    let mut found: Vec<(Format, u8)> = Vec::new();
    for separator in [b',', b';'] {
        let head = Head {
            file,
            bytes,
            lines: split_lines(head_text, separator),
        };
        for reader in FORMATS {
            if let Some(format) = reader.recognise(&head)? {
                found.push((format, separator));
                break;
            }
        }
        // A binary format is recognised once, whatever the separator.
        if found.iter().any(|(f, _)| {
            matches!(
                f,
                Format::Archive
                    | Format::NatoWorkbook
                    | Format::SipriWorkbook
                    | Format::KielWorkbook
            )
        }) {
            break;
        }
    }
    match found.as_slice() {
        [one] => return Ok(*one),
        [(a, _), (b, _), ..] => {
            return Err(Error::new(
                Position::file(file).at_line(1),
                ErrorKind::UnknownFormat {
                    found: format!(
                        "a file that reads as {a} with commas between fields and as {b} \
                         with semicolons"
                    ),
                    expected: "one separator: save it again as \"CSV UTF-8 (comma delimited)\""
                        .to_owned(),
                },
            ))
        }
        [] => {}
    }
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = String::from_utf8_lossy(first_line);
    let found = if text.is_empty() {
        "an empty file".to_owned()
    } else {
        let shown: String = first_line
            .trim_end_matches('\r')
            .chars()
            .take(120)
            .collect();
        format!("a file whose first line is {shown:?}")
    };
    let expected: Vec<String> = FORMATS.iter().filter_map(|r| r.expected()).collect();
    Err(Error::new(
        Position::file(file).at_line(1),
        ErrorKind::UnknownFormat {
            found,
            expected: format!(
                "{}; or NATO's, SIPRI's or the Kiel Institute's Excel workbook (.xlsx), or a \
                 zip archive of such files",
                expected.join("; or ")
            ),
        },
    ))
}

/// The error for a workbook when the `xlsx` feature is off.
#[cfg(not(feature = "xlsx"))]
pub(crate) fn xlsx_disabled(file: &Path) -> Error {
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

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(Position::file(path), ErrorKind::Io(e))
}
