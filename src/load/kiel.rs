//! The Kiel Institute's Ukraine Support Tracker (`Ukraine_Support_Tracker*.xlsx`,
//! [`Format::KielWorkbook`]): every donor's aid to Ukraine by kind, release by release,
//! and the announcements behind it.
//!
//! ## Recognised by its content
//!
//! A workbook with a `ReadMe` sheet and a `Country Summary` sheet (`Country Summary`
//! to release 27, `Country Summary (€)` from release 28), whatever the file's name. The
//! `ReadMe`'s release line (`Ukraine Support Tracker – 7th release (covering January 24
//! to October 3, 2022)`, in its first 20 rows) gives the release's number and coverage:
//! a line in another form is an error at its cell that shows the expected form.
//!
//! ## The release is the source
//!
//! One [`Source`](crate::Source) per file, id `kiel-ust-<release>-<date>-<sha>`
//! (`kiel-ust-7-2022-10-18-347f57a3`): the release's number, the date the workbook was
//! last saved (its document properties, `docProps/core.xml`; `undated` without one) and
//! the first 8 hexadecimal digits of the file's SHA-256. So one release issued twice
//! (Kiel re-issued release 7 on 22 November 2022, with Denmark's military commitments
//! revised) is two sources, and the same file loaded twice is one (its rows are then
//! duplicates, an error). The source's title is the release line as written; its note
//! records the coverage, the date and the whole SHA-256, which
//! [`Dataset::aid_releases`](crate::Dataset::aid_releases) also gives as data
//! ([`AidRelease`](crate::AidRelease)).
//!
//! ## The summary: aid totals
//!
//! The summary's header row is found by its content (a `Country` cell, and columns named
//! `<Kind> commitments` or `<Kind> allocations`), wherever it is (row 4 in release 7,
//! row 8 from release 28, after a blank column A). Its columns are found by name:
//! `Financial`, `Humanitarian`, `Military` and `Total bilateral` `commitments` (and
//! `allocations` where a release gives them). Where a name comes twice (release 7's
//! `Total bilateral commitments` in € billion and in % of GDP) the units row below the
//! header tells them apart: `€ billion` is the amount, `% GDP` the donor's share of GDP
//! as Kiel gives it ([`AidTotal::share_of_gdp`](crate::AidTotal::share_of_gdp)). A `Country Summary ($)` sheet (release
//! 30) holds the same figures in US dollars at Kiel's rate: it is not read.
//!
//! Each donor row gives one [`AidTotal`](crate::AidTotal) per kind and basis: donor through
//! [`crate::names`] (`Czech Republic`, `South Korea`, `Taiwan`, `Turkey`), recipient
//! Ukraine, the amount in **€ millions exactly** (the cell's value, read as its shortest
//! decimal text, times 1000: never rounded), worded as given
//! ([`Qualifier::Plain`](crate::Qualifier::Plain)), cumulative over the release's coverage
//! (`period_start` and `as_of` are its first and last days). An empty cell or `.` is no
//! figure; other text is an error at its cell. The EU's institutions (`EU (Commission and
//! Council)`, the European Investment Bank, the European Peace Facility) are donors of
//! their own ([`AggregateId::INSTITUTIONS`](crate::AggregateId::INSTITUTIONS)): their aid
//! is not their members' bilateral aid, so it adds. A name that stands for a group of
//! countries is an error.
//!
//! The `Total` row ends the table. For each column read it must be the sum of the donors'
//! figures, within the rounding of adding that many binary floating-point numbers (the
//! workbook's own `SUM`): a `Total` that does not add up is an error at its cell. It is
//! kept in [`AidRelease::totals`](crate::AidRelease::totals), with the donor
//! [`KIEL_ALL_DONORS`](crate::AggregateId::KIEL_ALL_DONORS), never among the donors' rows;
//! [`Dataset::aid_sum`](crate::Dataset::aid_sum) over every donor of the release is that
//! figure exactly.
//!
//! ## The announcements
//!
//! The `Bilateral assistance, MAIN DATA` sheet (release 7: `ID`, `countries`,
//! `Announcement Date`, `Type of Aid General`, `Original Currency`, `Monetary Value as
//! Given by Source`, `Converted Value in EUR`, …; from release 28 the long form
//! `Bilateral Assistance, MAIN DATA` with `donor`, `announcement_date`,
//! `aid_type_general`, `measure` and `tot_sub_activity_value_EUR`) gives one
//! [`AidAnnouncement`](crate::AidAnnouncement) per row, kept apart from the totals
//! ([`Dataset::aid_announcements`](crate::Dataset::aid_announcements)): the euro value in
//! millions exactly (÷ 1,000,000), `.` or empty for none; a date cell's text (`until
//! 3/10/2022`) kept as written. Without a `measure` column an announcement is a
//! commitment. A release-7-layout summary is the sum of its announcements' euro values
//! (its formulas say so), and [`Dataset::validate`](crate::Dataset::validate) reports a
//! donor whose announcements do not add up to its figure; the long form's summary counts
//! values not read here (redistributed ones), so it is not compared.

use crate::error::Result;
use crate::load::{FileFormat, Format, Head, Input, ZIP};

/// The tracker's format.
pub(crate) struct Kiel;

/// The tracker's reader.
pub(crate) const KIEL: Kiel = Kiel;

impl FileFormat for Kiel {
    fn recognise(&self, head: &Head<'_>) -> Result<Option<Format>> {
        if !head.bytes.starts_with(ZIP) {
            return Ok(None);
        }
        Ok(sheet_names(head.bytes)
            .is_some_and(|names| is_kiel(&names))
            .then_some(Format::KielWorkbook))
    }

    fn reads(&self, format: Format) -> bool {
        format == Format::KielWorkbook
    }

    fn name(&self, _: Format) -> String {
        "the Kiel Institute's Ukraine Support Tracker workbook".to_owned()
    }

    fn expected(&self) -> Option<String> {
        None
    }

    fn order(&self, _: Format) -> usize {
        // Each release defines its own source.
        24
    }

    #[cfg_attr(not(feature = "xlsx"), allow(unused_variables))]
    fn read(
        &self,
        cx: &mut crate::load::Context<'_, '_>,
        _format: Format,
        input: Input<'_>,
    ) -> Result<()> {
        #[cfg(feature = "xlsx")]
        {
            let bytes = input.bytes()?;
            reader::read(cx.builder, cx.file, &bytes)
        }
        #[cfg(not(feature = "xlsx"))]
        Err(crate::load::xlsx_disabled(cx.file))
    }
}

/// The sheets a workbook lists (`xl/workbook.xml`), read without opening the workbook;
/// `None` for a zip archive that is no workbook.
fn sheet_names(bytes: &[u8]) -> Option<Vec<String>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    archive
        .by_name("xl/workbook.xml")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut xml)
        .ok()?;
    let mut names = Vec::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<sheet ") {
        rest = rest.get(at + 7..)?;
        let end = rest.find('>')?;
        let element = rest.get(..end)?;
        if let Some(n) = element
            .find(" name=\"")
            .or_else(|| element.find("name=\"").filter(|&i| i == 0))
        {
            let value = element.get(n..)?.split('"').nth(1)?;
            names.push(unescape(value));
        }
    }
    Some(names)
}

/// XML's five entities.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The summary sheets, newest layout first.
const SUMMARY_SHEETS: &[&str] = &["Country Summary (€)", "Country Summary"];

/// True if the workbook's sheets are the tracker's.
pub(crate) fn is_kiel(sheet_names: &[String]) -> bool {
    let has = |name: &str| {
        sheet_names
            .iter()
            .any(|n| n.trim().eq_ignore_ascii_case(name))
    };
    has("ReadMe") && SUMMARY_SHEETS.iter().any(|s| has(s))
}

/// A release line read: the number and the coverage.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReleaseLine {
    pub number: u16,
    pub from: jiff::civil::Date,
    pub to: jiff::civil::Date,
}

/// The form a release line takes, for the error about one in another form.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
const RELEASE_FORM: &str =
    "\"Ukraine Support Tracker – <N>th release (covering <Month> <day>[, <year>] \
                            to <Month> <day>, <year>)\"";

/// Reads a release line: `Ukraine Support Tracker – 7th release (covering January 24 to
/// October 3, 2022)`. The first date's year, when not written, is the second's (or the
/// year before, if that would put it after the second).
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn release_line(text: &str) -> Option<ReleaseLine> {
    let lower = text.to_lowercase();
    let at = lower.find(" release")?;
    let before = lower.get(..at)?.trim_end();
    let ordinal = before.rsplit(|c: char| c.is_whitespace()).next()?;
    let digits = ordinal.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = ordinal.get(digits.len()..)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !["st", "nd", "rd", "th"].contains(&suffix) {
        return None;
    }
    let number: u16 = digits.parse().ok()?;
    let rest = lower.get(at..)?;
    let open = rest.find("(covering ")?;
    let inner = rest.get(open + "(covering ".len()..)?;
    let inner = inner.get(..inner.find(')')?)?;
    let (a, b) = inner.split_once(" to ")?;
    let (to, to_year) = date_words(b.trim())?;
    let to_year = to_year?;
    let to = jiff::civil::Date::new(to_year, to.0, to.1).ok()?;
    let (from, from_year) = date_words(a.trim())?;
    let from = match from_year {
        Some(y) => jiff::civil::Date::new(y, from.0, from.1).ok()?,
        None => {
            let same = jiff::civil::Date::new(to_year, from.0, from.1).ok()?;
            if same <= to {
                same
            } else {
                jiff::civil::Date::new(to_year.checked_sub(1)?, from.0, from.1).ok()?
            }
        }
    };
    (number > 0 && from <= to).then_some(ReleaseLine { number, from, to })
}

/// `January 24` or `January 24, 2022` or `24 January 2022`: (month, day) and the year.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn date_words(text: &str) -> Option<((i8, i8), Option<i16>)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (month, day, year) = match words.as_slice() {
        [m, d] if month_of(m).is_some() => (month_of(m)?, d.parse().ok()?, None),
        [m, d, y] if month_of(m).is_some() => (month_of(m)?, d.parse().ok()?, Some(y)),
        [d, m] => (month_of(m)?, d.parse().ok()?, None),
        [d, m, y] => (month_of(m)?, d.parse().ok()?, Some(y)),
        _ => return None,
    };
    let year = match year {
        Some(y) if y.len() == 4 => Some(y.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    Some(((month, day), year))
}

#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn month_of(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    let i = MONTHS.iter().position(|m| *m == w)?;
    i8::try_from(i + 1).ok()
}

/// The largest gap between a sum of `n` binary floating-point numbers whose magnitudes
/// add up to `magnitude` and the exact sum of the same numbers: `(n + 1) · 2⁻⁵² ·
/// magnitude` (with 2⁻⁵² rounded up to 2.3 · 10⁻¹⁶), the bound of recursive summation.
pub(crate) fn rounding_bound(n: usize, magnitude: rust_decimal::Decimal) -> rust_decimal::Decimal {
    let eps = rust_decimal::Decimal::new(23, 17);
    rust_decimal::Decimal::from(n.saturating_add(1))
        .saturating_mul(eps)
        .saturating_mul(magnitude)
}

#[cfg(feature = "xlsx")]
mod reader {
    use super::*;
    use std::path::Path;

    use rust_decimal::Decimal;
    use sha2::{Digest, Sha256};

    use crate::error::{Error, ErrorKind, Position, Result};
    use crate::load::builder::{Builder, Loc};
    use crate::load::xlsx::{saved_on, show, Sheet, Value, Workbook};
    use crate::load::Format;
    use crate::model::{
        Aggregate, AggregateId, AidAnnouncement, AidBasis, AidKind, AidRelease, AidTotal, Amount,
        Currency, Entity, Money, MonthOrDay, Qualifier, Source, SourceId,
    };

    /// The text cells the tracker uses for no value.
    const MARKERS: &[&str] = &["."];

    /// How far down the `ReadMe` the release line is looked for.
    const README_ROWS: u32 = 20;

    /// How far down the summary its header row is looked for.
    const HEADER_ROWS: u32 = 40;

    /// The announcements' sheet (its capitals vary between releases).
    const MAIN_DATA: &str = "Bilateral assistance, MAIN DATA";

    /// The sheet of `names` called `wanted` (trimmed, any case).
    fn find_sheet<'n>(names: &'n [String], wanted: &str) -> Option<&'n String> {
        names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted))
    }

    /// Finds and reads the `ReadMe`'s release line: the line, its text and where it is.
    fn read_release(sheet: &Sheet<'_>) -> Result<(ReleaseLine, String)> {
        for row in sheet.rows().start..sheet.rows().end.min(README_ROWS) {
            for col in sheet.cols() {
                let Some(text) = sheet.text(row, col) else {
                    continue;
                };
                if !text.to_lowercase().contains("ukraine support tracker") {
                    continue;
                }
                return match release_line(text) {
                    Some(line) => Ok((line, text.to_owned())),
                    None => Err(sheet.error(
                        row,
                        col,
                        ErrorKind::InvalidValue {
                            value: text.to_owned(),
                            reason: format!(
                                "a release line in an unknown form; expected {RELEASE_FORM}"
                            ),
                        },
                    )),
                };
            }
        }
        Err(Error::new(
            sheet.sheet_position(),
            ErrorKind::MissingTable(format!(
                "the release line in the first {README_ROWS} rows ({RELEASE_FORM})"
            )),
        ))
    }

    /// A summary column read: what it holds and where.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Holds {
        /// An amount in € billion.
        Amount(AidKind, AidBasis),
        /// The donor's total of this basis as a percentage of its GDP.
        GdpShare(AidBasis),
    }

    /// The kind and basis a header names: `Military commitments`, `Total bilateral
    /// allocations`.
    pub(super) fn kind_basis(header: &str) -> Option<(AidKind, AidBasis)> {
        let h = header.trim().to_lowercase();
        let (head, basis) = if let Some(head) = h.strip_suffix(" commitments") {
            (head, AidBasis::Commitments)
        } else if let Some(head) = h.strip_suffix(" allocations") {
            (head, AidBasis::Allocations)
        } else {
            return None;
        };
        let kind = match head.trim() {
            "financial" => AidKind::Financial,
            "humanitarian" => AidKind::Humanitarian,
            "military" => AidKind::Military,
            "total bilateral" => AidKind::Total,
            _ => return None,
        };
        Some((kind, basis))
    }

    /// The summary's layout: its header row, the names' column, the columns read and the row
    /// of the first donor.
    struct Layout {
        name_col: u32,
        first_row: u32,
        columns: Vec<(u32, Holds)>,
    }

    /// Finds the summary's header row and its columns.
    fn layout(sheet: &Sheet<'_>) -> Result<Layout> {
        for row in sheet.rows().start..sheet.rows().end.min(HEADER_ROWS) {
            let Some(name_col) = sheet.col_of(row, "Country") else {
                continue;
            };
            let named: Vec<(u32, (AidKind, AidBasis))> = sheet
                .cols()
                .filter_map(|c| sheet.text(row, c).and_then(kind_basis).map(|kb| (c, kb)))
                .collect();
            if named.is_empty() {
                continue;
            }
            // A units row below the header (`€ billion`, `% GDP`) tells a repeated name apart.
            let unit = |c: u32| sheet.text(row + 1, c).map(str::to_lowercase);
            let has_units = named.iter().any(|&(c, _)| unit(c).is_some());
            let mut columns: Vec<(u32, Holds)> = Vec::new();
            for (c, (kind, basis)) in named {
                let holds = match unit(c).as_deref() {
                    Some(u) if u.contains('%') && u.contains("gdp") => {
                        if kind != AidKind::Total {
                            continue;
                        }
                        Holds::GdpShare(basis)
                    }
                    Some(u) if u.contains('€') && u.contains("billion") => Holds::Amount(kind, basis),
                    Some(u) => {
                        return Err(sheet.error(
                            row + 1,
                            c,
                            ErrorKind::InvalidValue {
                                value: u.to_owned(),
                                reason: "a unit this loader does not read (expected \"€ billion\" or \"% GDP\")".to_owned(),
                            },
                        ))
                    }
                    None if has_units => continue,
                    None => Holds::Amount(kind, basis),
                };
                if columns.iter().any(|(_, h)| *h == holds) {
                    continue; // the first of two columns of the same figure is read
                }
                columns.push((c, holds));
            }
            let first_row = if has_units { row + 2 } else { row + 1 };
            return Ok(Layout {
                name_col,
                first_row,
                columns,
            });
        }
        Err(Error::new(
            sheet.sheet_position(),
            ErrorKind::MissingTable(format!(
                "the summary's header row in the first {HEADER_ROWS} rows (a \"Country\" cell and \
                 columns such as \"Military commitments\")"
            )),
        ))
    }

    /// A number of € billion read as € million, exactly.
    fn millions_of_billions(sheet: &Sheet<'_>, row: u32, col: u32) -> Result<Option<Decimal>> {
        match sheet.value(row, col, MARKERS)? {
            Value::Number(v) => v
                .checked_mul(Decimal::ONE_THOUSAND)
                .map(|m| Some(m.normalize()))
                .ok_or_else(|| too_big(sheet, row, col)),
            Value::Empty | Value::Marker(_) => Ok(None),
            Value::Error(e) => Err(sheet.error(
                row,
                col,
                ErrorKind::InvalidValue {
                    value: e,
                    reason: "an Excel error where the tracker gives a figure".to_owned(),
                },
            )),
        }
    }

    fn too_big(sheet: &Sheet<'_>, row: u32, col: u32) -> Error {
        sheet.invalid(row, col, "a number too large to hold exactly")
    }

    /// Reads the tracker's workbook into `builder`.
    pub(crate) fn read(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
        let file_id = builder.add_file(file);
        let sha256 = hex(&Sha256::digest(bytes));
        let saved = saved_on(bytes);
        let mut wb = Workbook::open(file, bytes)?;
        let sheets = Sheets::open(&mut wb, file)?;
        let line = sheets.line;
        let source = source_id(file, line.number, saved, &sha256)?;
        let recipient = crate::names::lookup("UKR").ok_or_else(|| {
            Error::new(
                Position::file(file),
                ErrorKind::UnknownCountry("UKR".to_owned()),
            )
        })?;
        let cx = Cx {
            source,
            recipient,
            period: (
                Some(MonthOrDay::Day(line.from)),
                Some(MonthOrDay::Day(line.to)),
            ),
        };
        let (rows, totals) = read_summary(&sheets.summary, &cx)?;
        let announcements = read_announcements(&sheets.main, &cx)?;

        let loc = |line: u64| Loc {
            file: file_id,
            line,
        };
        builder.define_source(sheets.source(source, saved, &sha256), loc(1));
        let all = AggregateId::KIEL_ALL_DONORS.parse::<AggregateId>().ok();
        for (id, row) in donor_ids(&rows).into_iter().chain(all.map(|a| (a, 1))) {
            if let Some(known) = crate::names::aggregate(id.as_str()) {
                let aggregate = Aggregate {
                    id,
                    name: known.name.to_owned(),
                    description: known.description.to_owned(),
                    source,
                };
                builder.define_aggregate(aggregate, loc(row));
            }
        }
        for (a, row) in rows {
            builder.aid.push((a, loc(row)));
        }
        builder.aid_announcements.extend(announcements);
        builder.aid_releases.push(AidRelease {
            source,
            number: line.number,
            covers_from: line.from,
            covers_to: line.to,
            saved,
            sha256,
            totals,
            summary_sums_announcements: !main_has(&sheets.main, "measure"),
        });
        Ok(())
    }

    /// The sheets read, and the release line.
    struct Sheets<'a> {
        line: ReleaseLine,
        /// The release line as written: the source's title.
        title: String,
        summary: Sheet<'a>,
        main: Sheet<'a>,
    }

    impl<'a> Sheets<'a> {
        /// Finds and reads the sheets: a missing one is an error naming it and the sheets
        /// there are.
        fn open(wb: &mut Workbook<'a>, file: &Path) -> Result<Sheets<'a>> {
            let names = wb.sheet_names();
            let missing = |what: &str| {
                Error::new(
                    Position::file(file),
                    ErrorKind::MissingTable(format!(
                        "sheet {what} in {} (its sheets are {})",
                        Format::KielWorkbook,
                        names
                            .iter()
                            .map(|n| format!("{n:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                )
            };
            let readme = find_sheet(&names, "ReadMe").ok_or_else(|| missing("\"ReadMe\""))?;
            let (line, title) = read_release(&wb.sheet(readme)?)?;
            let summary = SUMMARY_SHEETS
                .iter()
                .find_map(|s| find_sheet(&names, s))
                .ok_or_else(|| missing("\"Country Summary (€)\" or \"Country Summary\""))?;
            let main =
                find_sheet(&names, MAIN_DATA).ok_or_else(|| missing(&format!("{MAIN_DATA:?}")))?;
            Ok(Sheets {
                line,
                title,
                summary: wb.sheet(summary)?,
                main: wb.sheet(main)?,
            })
        }

        /// The release's source.
        fn source(&self, id: SourceId, saved: Option<jiff::civil::Date>, sha256: &str) -> Source {
            let l = self.line;
            let mut note = format!(
                "Read from the Kiel Institute's workbook: release {} covering {} to {}, sheets \
                 {:?} and {:?}. Amounts in EUR million (the summary's EUR billion times 1000), \
                 cumulative over the coverage. SHA-256 {sha256}.",
                l.number, l.from, l.to, self.summary.name, self.main.name
            );
            if let Some(saved) = saved {
                note.push_str(&format!(
                    " The workbook was last saved on {saved} (its document properties)."
                ));
            }
            Source {
                id,
                publisher: "Kiel Institute for the World Economy".to_owned(),
                title: self.title.clone(),
                url: None,
                published: None,
                note: Some(note),
            }
        }
    }

    /// `kiel-ust-<release>-<date>-<first 8 hex digits of the SHA-256>`.
    fn source_id(
        file: &Path,
        number: u16,
        saved: Option<jiff::civil::Date>,
        sha256: &str,
    ) -> Result<SourceId> {
        let sha8 = sha256.get(..8).unwrap_or_default();
        let date = saved.map_or_else(|| "undated".to_owned(), |d| d.to_string());
        format!("kiel-ust-{number}-{date}-{sha8}").parse().map_err(
            |e: crate::model::ParseSourceIdError| {
                Error::new(
                    Position::file(file),
                    ErrorKind::InvalidValue {
                        value: e.value,
                        reason: e.reason,
                    },
                )
            },
        )
    }

    /// What every row of a release shares.
    struct Cx {
        source: SourceId,
        recipient: Entity,
        period: (Option<MonthOrDay>, Option<MonthOrDay>),
    }

    impl Cx {
        fn total(
            &self,
            id: String,
            donor: Entity,
            kind: AidKind,
            basis: AidBasis,
            m: Decimal,
        ) -> AidTotal {
            AidTotal {
                id,
                donor,
                recipient: self.recipient,
                kind,
                basis,
                amount: Amount {
                    money: Money::new(m, Currency::Eur),
                    qualifier: Qualifier::Plain,
                },
                period_start: self.period.0,
                as_of: self.period.1,
                source: self.source,
                note: None,
                share_of_gdp: None,
            }
        }
    }

    /// The aggregates among the donors, each with the 1-based row it was first met on.
    fn donor_ids(rows: &[(AidTotal, u64)]) -> Vec<(AggregateId, u64)> {
        let mut out: Vec<(AggregateId, u64)> = Vec::new();
        for (a, row) in rows {
            if let Entity::Aggregate(id) = a.donor {
                if !out.iter().any(|(i, _)| *i == id) {
                    out.push((id, *row));
                }
            }
        }
        out
    }

    /// The donor a name stands for: a country or an institution, never a group.
    fn donor(sheet: &Sheet<'_>, row: u32, col: u32, name: &str) -> Result<Entity> {
        let entity = crate::names::lookup(name).ok_or_else(|| {
            sheet.error(
                row,
                col,
                crate::load::unknown_name(name, Format::KielWorkbook),
            )
        })?;
        if !entity.is_single() {
            return Err(sheet.error(
                row,
                col,
                ErrorKind::InvalidValue {
                    value: name.to_owned(),
                    reason: format!(
                        "{entity} is a group of countries, not a donor: the tracker's donors are \
                         countries and institutions"
                    ),
                },
            ));
        }
        Ok(entity)
    }

    /// The donors' rows (each with its 1-based row) and the `Total` row's figures.
    type SummaryRows = (Vec<(AidTotal, u64)>, Vec<AidTotal>);

    /// Reads the summary: the donors' rows and the `Total` row's figures, checked against
    /// them.
    fn read_summary(sheet: &Sheet<'_>, cx: &Cx) -> Result<SummaryRows> {
        let layout = layout(sheet)?;
        let mut rows: Vec<(AidTotal, u64)> = Vec::new();
        let mut seen: Vec<(Entity, u32)> = Vec::new();
        for row in layout.first_row..sheet.rows().end {
            let Some(name) = sheet.text(row, layout.name_col).filter(|t| !t.is_empty()) else {
                continue;
            };
            if name.eq_ignore_ascii_case("Total") {
                let totals = check_total(sheet, row, &layout, &rows, cx)?;
                return Ok((rows, totals));
            }
            let who = donor(sheet, row, layout.name_col, name)?;
            if let Some((_, first)) = seen.iter().find(|(e, _)| *e == who) {
                return Err(sheet.error(
                    row,
                    layout.name_col,
                    ErrorKind::Duplicate {
                        key: format!("{who} in the summary"),
                        first: sheet.position(*first, layout.name_col),
                    },
                ));
            }
            seen.push((who, row));
            let mut shares: Vec<(AidBasis, Decimal)> = Vec::new();
            for &(col, holds) in &layout.columns {
                if let Holds::GdpShare(basis) = holds {
                    if let Value::Number(v) = sheet.value(row, col, MARKERS)? {
                        shares.push((basis, v));
                    }
                }
            }
            for &(col, holds) in &layout.columns {
                let Holds::Amount(kind, basis) = holds else {
                    continue;
                };
                let Some(m) = millions_of_billions(sheet, row, col)? else {
                    continue;
                };
                let id = format!("{}-{}-{}-{}", cx.source, who, kind, basis);
                let mut a = cx.total(id, who, kind, basis, m);
                if kind == AidKind::Total {
                    a.share_of_gdp = shares.iter().find(|(b, _)| *b == basis).map(|(_, v)| *v);
                }
                rows.push((a, u64::from(row) + 1));
            }
        }
        Err(Error::new(
            sheet.sheet_position(),
            ErrorKind::MissingTable("the summary's \"Total\" row, after the donors".to_owned()),
        ))
    }

    /// Checks the `Total` row against the donors' rows; gives its figures.
    fn check_total(
        sheet: &Sheet<'_>,
        row: u32,
        layout: &Layout,
        rows: &[(AidTotal, u64)],
        cx: &Cx,
    ) -> Result<Vec<AidTotal>> {
        let mut totals = Vec::new();
        for &(col, holds) in &layout.columns {
            let Holds::Amount(kind, basis) = holds else {
                continue;
            };
            let parts: Vec<Decimal> = rows
                .iter()
                .filter(|(a, _)| a.kind == kind && a.basis == basis)
                .map(|(a, _)| a.amount.money.millions)
                .collect();
            let Some(total) = millions_of_billions(sheet, row, col)? else {
                if parts.is_empty() {
                    continue;
                }
                return Err(sheet.invalid(
                    row,
                    col,
                    "no figure in the Total row of a column with donors' figures",
                ));
            };
            let sum = parts
                .iter()
                .fold(Decimal::ZERO, |s, p| s.saturating_add(*p));
            let magnitude = parts
                .iter()
                .fold(Decimal::ZERO, |s, p| s.saturating_add(p.abs()));
            let gap = sum.saturating_sub(total).abs();
            if gap > rounding_bound(parts.len(), magnitude) {
                return Err(sheet.invalid(
                    row,
                    col,
                    format!(
                        "the Total row does not add up: the {} donors' {kind} {basis} add up to \
                             EUR {} million, the Total says EUR {total} million",
                        parts.len(),
                        sum.normalize()
                    ),
                ));
            }
            let id = format!("{}-total-{kind}-{basis}", cx.source);
            let all = AggregateId::KIEL_ALL_DONORS
                .parse::<AggregateId>()
                .map(Entity::Aggregate)
                .map_err(|e| {
                    sheet.error(
                        row,
                        col,
                        ErrorKind::InvalidValue {
                            value: e.to_string(),
                            reason: "no room for the id of all donors".to_owned(),
                        },
                    )
                })?;
            totals.push(cx.total(id, all, kind, basis, total));
        }
        Ok(totals)
    }

    /// True if the sheet's header row (its first row with cells) has a column `name`.
    fn main_has(sheet: &Sheet<'_>, name: &str) -> bool {
        let row = sheet.rows().start;
        sheet.cols().any(|c| {
            sheet
                .text(row, c)
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
        })
    }

    /// The column of the header row named one of `names` (trimmed, any case).
    fn column(sheet: &Sheet<'_>, row: u32, names: &[&str]) -> Option<u32> {
        names.iter().find_map(|n| {
            sheet.cols().find(|&c| {
                sheet
                    .text(row, c)
                    .is_some_and(|t| t.eq_ignore_ascii_case(n))
            })
        })
    }

    /// Reads the announcements.
    fn read_announcements(sheet: &Sheet<'_>, cx: &Cx) -> Result<Vec<AidAnnouncement>> {
        let header = sheet.rows().start;
        let need = |names: &[&str]| {
            column(sheet, header, names).ok_or_else(|| {
                Error::new(
                    sheet.sheet_position(),
                    ErrorKind::MissingColumn(format!(
                        "{} (in the header row {})",
                        names.join(" or "),
                        header.saturating_add(1)
                    )),
                )
            })
        };
        let donor_col = need(&["countries", "donor"])?;
        let kind_col = need(&["Type of Aid General", "aid_type_general"])?;
        let value_col = need(&["Converted Value in EUR", "tot_sub_activity_value_EUR"])?;
        let date_col = need(&["Announcement Date", "announcement_date"])?;
        let id_col = column(sheet, header, &["ID", "activity_id"]);
        let measure_col = column(sheet, header, &["measure"]);
        let currency_col = column(sheet, header, &["Original Currency", "currency"]);
        let original_col = column(sheet, header, &["Monetary Value as Given by Source"]);
        let mut out = Vec::new();
        for row in header.saturating_add(1)..sheet.rows().end {
            let Some(name) = sheet.text(row, donor_col).filter(|t| !t.is_empty()) else {
                continue;
            };
            let who = donor(sheet, row, donor_col, name)?;
            let kind = match sheet.text(row, kind_col).map(str::to_lowercase).as_deref() {
                Some("military") => AidKind::Military,
                Some("financial") => AidKind::Financial,
                Some("humanitarian") => AidKind::Humanitarian,
                _ => {
                    return Err(sheet.invalid(
                        row,
                        kind_col,
                        "not a type of aid (Military, Financial, Humanitarian)",
                    ))
                }
            };
            let basis = match measure_col {
                None => AidBasis::Commitments,
                Some(c) => match sheet.text(row, c).map(str::to_lowercase).as_deref() {
                    Some("allocation") => AidBasis::Allocations,
                    Some("commitment") => AidBasis::Commitments,
                    _ => {
                        return Err(sheet.invalid(row, c, "not a measure (Allocation, Commitment)"))
                    }
                },
            };
            let amount = match sheet.value(row, value_col, MARKERS)? {
                Value::Number(v) => {
                    let m = v
                        .checked_div(Decimal::from(1_000_000))
                        .filter(|m| m.checked_mul(Decimal::from(1_000_000)) == Some(v))
                        .ok_or_else(|| too_big(sheet, row, value_col))?;
                    Some(Money::new(m.normalize(), Currency::Eur))
                }
                Value::Empty | Value::Marker(_) => None,
                Value::Error(_) => {
                    return Err(sheet.invalid(
                        row,
                        value_col,
                        "an Excel error where a value belongs",
                    ))
                }
            };
            let (date, date_text) = date_cell(sheet, row, date_col);
            let text = |c: Option<u32>| {
                c.and_then(|c| sheet.text(row, c))
                    .filter(|t| !t.is_empty() && !MARKERS.contains(t))
                    .map(str::to_owned)
            };
            let original_value = match original_col.map(|c| (c, sheet.value(row, c, MARKERS))) {
                Some((_, Ok(Value::Number(v)))) => Some(v),
                // A note where a value belongs is not read as one: the euro value is the figure.
                _ => None,
            };
            out.push(AidAnnouncement {
                id: id_col
                    .and_then(|c| match sheet.get(row, c) {
                        calamine::Data::Empty => None,
                        d => Some(show(d).trim().to_owned()),
                    })
                    .unwrap_or_else(|| format!("row {}", row + 1)),
                row: row + 1,
                source: cx.source,
                donor: who,
                recipient: cx.recipient,
                date,
                date_text,
                kind,
                basis,
                amount,
                original_currency: text(currency_col),
                original_value,
            });
        }
        Ok(out)
    }

    /// A date cell: a date, or its text as written (`unclear, 09/2022`).
    fn date_cell(
        sheet: &Sheet<'_>,
        row: u32,
        col: u32,
    ) -> (Option<jiff::civil::Date>, Option<String>) {
        match sheet.get(row, col) {
            calamine::Data::Empty => (None, None),
            calamine::Data::DateTime(d) if d.is_datetime() => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                let date = i16::try_from(y)
                    .ok()
                    .zip(i8::try_from(m).ok())
                    .zip(i8::try_from(day).ok())
                    .and_then(|((y, m), d)| jiff::civil::Date::new(y, m, d).ok());
                match date {
                    Some(d) => (Some(d), None),
                    None => (None, Some(show(sheet.get(row, col)))),
                }
            }
            calamine::Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse().ok()) {
                Some(d) => (Some(d), None),
                None => (None, Some(s.clone())),
            },
            calamine::Data::String(s) if s.trim().is_empty() || s.trim() == "." => (None, None),
            calamine::Data::String(s) => (None, Some(s.trim().to_owned())),
            other => (None, Some(show(other))),
        }
    }

    /// Lower-case hexadecimal.
    fn hex(bytes: &[u8]) -> String {
        use std::fmt::Write;
        let mut s = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            let _ = write!(s, "{b:02x}");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> jiff::civil::Date {
        jiff::civil::Date::new(y, m, day).unwrap()
    }

    #[test]
    fn release_lines() {
        let l = release_line(
            "Ukraine Support Tracker – 7th release (covering January 24 to October 3, 2022)",
        )
        .unwrap();
        assert_eq!(
            (l.number, l.from, l.to),
            (7, d(2022, 1, 24), d(2022, 10, 3))
        );
        let l = release_line(
            "Ukraine Support Tracker - 28th release (covering January 24, 2022 to December 31, 2025)",
        )
        .unwrap();
        assert_eq!(
            (l.number, l.from, l.to),
            (28, d(2022, 1, 24), d(2025, 12, 31))
        );
        let l = release_line(
            "Ukraine Support Tracker – 1st release (covering 24 January to 27 March 2022)",
        )
        .unwrap();
        assert_eq!((l.number, l.from), (1, d(2022, 1, 24)));
        let l = release_line(
            "Ukraine Support Tracker – 9th release (covering December 1 to January 15, 2023)",
        )
        .unwrap();
        assert_eq!(l.from, d(2022, 12, 1));
        for bad in [
            "Ukraine Support Tracker – seventh release (covering January 24 to October 3, 2022)",
            "Ukraine Support Tracker – 7th release",
            "Ukraine Support Tracker – 7th release (covering January 24 to October 3)",
            "Ukraine Support Tracker – 7xx release (covering January 24 to October 3, 2022)",
            "Ukraine Support Tracker – 7th release (covering Octember 24 to October 3, 2022)",
            "Ukraine Support Tracker – 7th release (covering October 24, 2022 to October 3, 2022)",
        ] {
            assert_eq!(release_line(bad), None, "{bad}");
        }
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn headers_name_kind_and_basis() {
        use super::reader::kind_basis;
        use crate::model::{AidBasis, AidKind};
        assert_eq!(
            kind_basis("Military commitments"),
            Some((AidKind::Military, AidBasis::Commitments))
        );
        assert_eq!(
            kind_basis(" Total bilateral allocations "),
            Some((AidKind::Total, AidBasis::Allocations))
        );
        assert_eq!(kind_basis("GDP (2021)"), None);
        assert_eq!(kind_basis("Share in EU commitments"), None);
    }

    #[test]
    fn the_rounding_bound_grows_with_the_terms() {
        use rust_decimal::Decimal;
        let b = rounding_bound(41, Decimal::from(38791));
        assert!(b > Decimal::ZERO && b < Decimal::new(1, 6), "{b}");
        assert!(rounding_bound(1, Decimal::ZERO).is_zero());
    }
}
