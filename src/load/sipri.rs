//! SIPRI's Military Expenditure Database workbook (`SIPRI-Milex-data-1948-2023.xlsx`, April
//! 2024; `SIPRI-Milex-data-1949-2025_v1.2.xlsx`, revised 27 April 2026).
//!
//! The workbook has one sheet per measure, each a table of countries (rows) by years
//! (columns). This loader reads
//!
//! | sheet | unit in the sheet | field |
//! |---|---|---|
//! | `Share of GDP` | a fraction (0.0412) | `share_of_gdp`, percent (4.12): multiplied by 100 exactly |
//! | `Current US$` | US$ millions, current prices | `expenditure_current` |
//! | `Constant (2022) US$` (2026: `Constant (2024) US$`) | US$ millions, constant prices | `expenditure_constant`; `price_base_year` from the sheet's name, checked against the lines above its header |
//! | `Per capita` | US$ per person, current prices (the sheet says so; checked) | `per_capita_current` |
//! | `Share of Govt. spending` | a fraction | `share_of_government`, percent |
//!
//! and merges them into one record per country and year. Every one of these sheets is
//! required: a missing one is an error naming it.
//!
//! ## How a sheet is read
//!
//! - **The header row** is found by its content, not its position: the first row with a
//!   `Country` cell followed by year cells (row 6 of most sheets, 7 of `Per capita`, 8
//!   of `Share of Govt. spending`, in both releases). The names are in the `Country` column; other
//!   columns before the years (`Notes`, `Reporting year`, a currency) are not read.
//! - **Region headings** (`Africa`, `North Africa`, `sub-Saharan Africa`, ...) are the rows
//!   between countries with a name and no value in any year column: they are headings,
//!   not data, and hold nothing to lose, so they are passed over.
//! - **Markers**: `...` (data missing), `xxx` (the state did not exist or was not
//!   independent), `. .` and `..` (the legends' "data unavailable") all give no figure.
//!   Any other text where a number belongs is an error naming the cell. An Excel error
//!   value (`#REF!`) gives no figure and is reported in
//!   [`Dataset::skipped`](crate::Dataset::skipped).
//! - **Footnotes**: SIPRI's special-note markers (`†`, `‡`, `§`, `¶`, `‖`) stand in the
//!   `Notes` column, which is not read; markers after a name (`Country‡`, superscript
//!   letters or digits) are removed before the name is looked up. Figures SIPRI marks
//!   as estimates only by colour (blue) are not flagged: `estimate` is false.
//! - **Names** map to ISO 3166-1 codes through the crate's table of names,
//!   [`crate::names`] (`Türkiye` and `Turkey`, `Czechia` and `Czech Republic`, `Korea,
//!   South`, `United States of America`, `Congo, DR`, `Cote d'Ivoire`, `Viet Nam`, ...).
//!   States that no longer exist, and rows that are not ISO countries, become aggregates
//!   kept apart from countries:
//!   `SIPRI_USSR`, `SIPRI_YUGOSLAVIA`, `SIPRI_CZECHOSLOVAKIA`, `SIPRI_GERMAN_DR`,
//!   `SIPRI_YEMEN_NORTH`, `SIPRI_YEMEN_SOUTH`, `SIPRI_KOSOVO`, `SIPRI_EU`. **A name not in
//!   the table is an error** naming its cell, with the closest known names: no row is
//!   dropped silently.
//! - **Numbers** are the workbook's `f64` values, taken exactly as their shortest decimal
//!   text; fractions are then multiplied by 100 in decimal (0.0412 gives exactly 4.12).
//! - **The release** comes from the file: the years of the sheets' titles ("1948-2023":
//!   source id `sipri-milex-1948-2023`, titled "SIPRI Military Expenditure Database
//!   (1948-2023)"; the 2026 release's "1949-2025"), the price base year of its constant
//!   sheet (2022; 2024 in 2026), and the date the workbook was last saved (its document
//!   properties: 16 April 2024), recorded in the source's note.
//! - **A sheet in another layout** (no header row, a base year its lines contradict) is an
//!   error naming the sheet and saying what was looked for and what was found.

use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Loc};
use crate::load::xlsx::{clean_name, saved_on, Records, Sheet, Value, Workbook, YearColumn};
use crate::load::Format;
use crate::model::{Aggregate, Entity, Metric, Source, SourceId};

/// The text cells this format knows in place of a number.
const MARKERS: &[&str] = &["...", "xxx", ". .", ".."];

/// True if the workbook's sheets look like SIPRI's database.
pub(crate) fn is_sipri(sheet_names: &[String]) -> bool {
    let has = |name: &str| {
        sheet_names
            .iter()
            .any(|n| n.trim().eq_ignore_ascii_case(name))
    };
    has("Share of GDP") && has("Current US$")
}

/// A sheet this loader reads.
struct Spec {
    /// Picks the sheet by its name; gives the price base year for a constant-price sheet.
    matches: fn(&str) -> Option<Option<u16>>,
    /// The sheet's name, for messages.
    name: &'static str,
    metric: Metric,
    /// True if the sheet holds fractions to be read as percentages.
    fraction: bool,
    /// Words the text above the header must contain (lower case), if any.
    unit_words: Option<&'static str>,
}

const SPECS: &[Spec] = &[
    Spec {
        matches: |n| n.eq_ignore_ascii_case("Share of GDP").then_some(None),
        name: "Share of GDP",
        metric: Metric::ShareOfGdp,
        fraction: true,
        unit_words: None,
    },
    Spec {
        matches: |n| n.eq_ignore_ascii_case("Current US$").then_some(None),
        name: "Current US$",
        metric: Metric::ExpenditureCurrent,
        fraction: false,
        unit_words: Some("us $m"),
    },
    Spec {
        matches: constant_sheet,
        name: "Constant (YYYY) US$",
        metric: Metric::ExpenditureConstant,
        fraction: false,
        unit_words: Some("us $m"),
    },
    Spec {
        matches: |n| n.eq_ignore_ascii_case("Per capita").then_some(None),
        name: "Per capita",
        metric: Metric::PerCapitaCurrent,
        fraction: false,
        unit_words: Some("current us$"),
    },
    Spec {
        matches: |n| {
            n.eq_ignore_ascii_case("Share of Govt. spending")
                .then_some(None)
        },
        name: "Share of Govt. spending",
        metric: Metric::ShareOfGovernment,
        fraction: true,
        unit_words: None,
    },
];

/// `Constant (2022) US$` gives `Some(Some(2022))`.
fn constant_sheet(name: &str) -> Option<Option<u16>> {
    let rest = name.trim().strip_prefix("Constant (")?;
    let (year, tail) = rest.split_once(')')?;
    if !tail.trim().eq_ignore_ascii_case("US$") || year.len() != 4 {
        return None;
    }
    year.parse().ok().map(Some)
}

/// Maps a SIPRI name (footnote markers removed) to its entity, through the crate's
/// table of names.
fn entity_of(name: &str) -> Option<Entity> {
    crate::names::lookup(name)
}

/// A sheet found, with where its table is.
struct SheetRead<'a> {
    spec: &'static Spec,
    sheet: Sheet<'a>,
    /// The price base year its name gives, for a constant-price sheet.
    base: Option<u16>,
    header_row: u32,
    name_col: u32,
    columns: Vec<YearColumn>,
}

/// Reads SIPRI's workbook into `builder`.
pub(crate) fn read(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    let file_id = builder.add_file(file);
    let mut wb = Workbook::open(file, bytes)?;
    let names = wb.sheet_names();

    // Every sheet first: a missing one is an error before anything is read.
    let mut sheets = Vec::with_capacity(SPECS.len());
    for spec in SPECS {
        let found = names
            .iter()
            .find_map(|n| (spec.matches)(n).map(|base| (n.clone(), base)));
        let Some((name, base)) = found else {
            return Err(Error::new(
                Position::file(file),
                ErrorKind::MissingTable(format!(
                    "sheet \"{}\" in {} (its sheets are {})",
                    spec.name,
                    Format::SipriWorkbook,
                    names
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        };
        let sheet = wb.sheet(&name)?;
        let (header_row, name_col, columns) = header(&sheet)?;
        if let Some(words) = spec.unit_words {
            check_unit(&sheet, header_row, words)?;
        }
        if let Some(base) = base {
            check_base_year(&sheet, header_row, base)?;
        }
        sheets.push(SheetRead {
            spec,
            sheet,
            base,
            header_row,
            name_col,
            columns,
        });
    }

    let (first, last) = release(&sheets)?;
    let source_id: SourceId = super::xlsx::edition_source_id(file, "sipri-milex", first, last)?;
    let mut records = Records::new(source_id);

    for SheetRead {
        spec,
        sheet,
        base,
        header_row,
        name_col,
        columns,
    } in &sheets
    {
        let first_col = columns.first().map_or(0, |c| c.0);
        for row in header_row + 1..sheet.rows().end {
            let filled: Vec<u32> = columns
                .iter()
                .map(|c| c.0)
                .filter(|&c| !matches!(sheet.value(row, c, MARKERS), Ok(Value::Empty)))
                .collect();
            let name = sheet
                .text(row, *name_col)
                .map(clean_name)
                .unwrap_or_default();
            if filled.is_empty() {
                // A region heading (or a blank row): no data.
                continue;
            }
            if name.is_empty() {
                let col = filled.first().copied().unwrap_or(first_col);
                return Err(sheet.invalid(row, col, "figures in a row with no country name"));
            }
            let entity = entity_of(&name).ok_or_else(|| {
                sheet.error(
                    row,
                    *name_col,
                    crate::load::unknown_name(&name, Format::SipriWorkbook),
                )
            })?;
            records.met(&entity, row);
            for &(col, year, estimate) in columns {
                let value = match sheet.value(row, col, MARKERS)? {
                    Value::Number(v) => v,
                    Value::Empty | Value::Marker(_) => continue,
                    Value::Error(_) => {
                        builder.skipped.push(sheet.skipped(
                            row,
                            col,
                            format!("an Excel error in {name}'s row: no figure kept"),
                        ));
                        continue;
                    }
                };
                let value = if spec.fraction {
                    (value * Decimal::ONE_HUNDRED).normalize()
                } else {
                    value
                };
                records.put(
                    sheet,
                    (row, col),
                    &entity,
                    year,
                    spec.metric,
                    value,
                    estimate,
                    *base,
                )?;
            }
        }
    }

    let mut note = format!(
        "Read from SIPRI's workbook {}: sheets {}. Shares are SIPRI's fractions times 100. \
         SIPRI marks estimates by colour only; they are not flagged here.",
        file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        ),
        sheets
            .iter()
            .map(|s| format!("\"{}\"", s.sheet.name))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(base) = sheets.iter().find_map(|s| s.base) {
        note.push_str(&format!(" Constant prices of {base}."));
    }
    if let Some(saved) = saved_on(bytes) {
        note.push_str(&format!(
            " The workbook was last saved on {saved} (its document properties)."
        ));
    }
    builder.define_source(
        Source {
            id: source_id,
            publisher: "SIPRI".to_owned(),
            title: format!("SIPRI Military Expenditure Database ({first}-{last})"),
            url: None,
            published: None,
            note: Some(note),
        },
        Loc {
            file: file_id,
            line: 1,
        },
    );
    for (entity, line) in records.entities.clone() {
        let Entity::Aggregate(id) = &entity else {
            continue;
        };
        if let Some(known) = crate::names::aggregate(id.as_str()) {
            builder.define_aggregate(
                Aggregate {
                    id: *id,
                    name: known.name.to_owned(),
                    description: known.description.to_owned(),
                    source: source_id,
                },
                Loc {
                    file: file_id,
                    line,
                },
            );
        }
    }
    records.finish(builder, file_id);
    Ok(())
}

/// The header row: the first with a `Country` cell followed by year cells. Gives the row,
/// the names' column and the year columns (column, year, estimate).
fn header(sheet: &Sheet<'_>) -> Result<(u32, u32, Vec<YearColumn>)> {
    for row in sheet.rows() {
        let Some(name_col) = sheet.col_of(row, "Country") else {
            continue;
        };
        let columns: Vec<YearColumn> = (name_col + 1..sheet.cols().end)
            .filter_map(|c| sheet.year_header(row, c).map(|(y, e)| (c, y, e)))
            .collect();
        if columns.len() >= 2 {
            return Ok((row, name_col, columns));
        }
    }
    // What the sheet's first rows hold instead, for the message.
    let seen: Vec<String> = sheet
        .rows()
        .take(12)
        .filter_map(|r| {
            sheet.cols().find_map(|c| {
                let t = sheet.text(r, c).filter(|t| !t.is_empty())?;
                let shown: String = t.chars().take(60).collect();
                Some(format!("{shown:?} ({})", crate::load::xlsx::cell_ref(r, c)))
            })
        })
        .collect();
    Err(Error::new(
        sheet.sheet_position(),
        ErrorKind::MissingTable(format!(
            "the header row (a \"Country\" cell followed by years such as 1948, 1949, ...): \
             found none; the sheet's first rows begin {}",
            if seen.is_empty() {
                "with nothing".to_owned()
            } else {
                seen.join(", ")
            }
        )),
    ))
}

/// Checks that the lines above a constant-price sheet's header, where they name a price
/// base year (`Figures are in US $m., at constant 2024 prices and exchange rates`), name
/// the one its name gives (`Constant (2024) US$`).
fn check_base_year(sheet: &Sheet<'_>, header_row: u32, base: u16) -> Result<()> {
    for r in sheet.rows().start..header_row {
        for c in sheet.cols() {
            let Some(text) = sheet.text(r, c) else {
                continue;
            };
            let lower = text.to_lowercase();
            let Some(after) = lower.find("constant").and_then(|i| lower.get(i..)) else {
                continue;
            };
            let stated = after
                .split(|ch: char| !ch.is_ascii_digit())
                .find(|w| w.len() == 4)
                .and_then(|w| w.parse::<u16>().ok());
            if let Some(stated) = stated.filter(|y| *y != base) {
                return Err(sheet.error(
                    r,
                    c,
                    ErrorKind::InvalidValue {
                        value: text.to_owned(),
                        reason: format!(
                            "the sheet's name gives constant {base} prices and this line \
                             {stated}: which price base year its figures have is unclear"
                        ),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Checks that the text above the header states the unit the loader assumes.
fn check_unit(sheet: &Sheet<'_>, header_row: u32, words: &str) -> Result<()> {
    let stated = (sheet.rows().start..header_row).any(|r| {
        sheet.cols().any(|c| {
            sheet
                .text(r, c)
                .is_some_and(|t| t.to_lowercase().contains(words))
        })
    });
    if stated {
        Ok(())
    } else {
        Err(Error::new(
            sheet.sheet_position(),
            ErrorKind::InvalidValue {
                value: sheet.name.clone(),
                reason: format!(
                    "the notes above the header do not say the figures are in {words:?}, \
                     the unit this loader reads them in"
                ),
            },
        ))
    }
}

/// The release's years: the `1948-2023` in the sheets' titles, else the header's years.
fn release(sheets: &[SheetRead<'_>]) -> Result<(u16, u16)> {
    for SheetRead {
        sheet, header_row, ..
    } in sheets
    {
        for r in sheet.rows().start..*header_row {
            for c in sheet.cols() {
                if let Some(span) = sheet.text(r, c).and_then(year_span) {
                    return Ok(span);
                }
            }
        }
    }
    let years = sheets.iter().flat_map(|s| s.columns.iter().map(|c| c.1));
    match (years.clone().min(), years.max()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::new(
            Position::default(),
            ErrorKind::MissingTable("years in SIPRI's sheets".to_owned()),
        )),
    }
}

/// The first `YYYY-YYYY` in a text.
fn year_span(text: &str) -> Option<(u16, u16)> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(8)).find_map(|i| {
        let s = text.get(i..i + 9)?;
        let (a, z) = s.split_once('-')?;
        let digits = |x: &str| x.len() == 4 && x.bytes().all(|c| c.is_ascii_digit());
        let before_ok = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_digit);
        let after_ok = !b.get(i + 9).is_some_and(u8::is_ascii_digit);
        (digits(a) && digits(z) && before_ok && after_ok)
            .then(|| Some((a.parse().ok()?, z.parse().ok()?)))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_maps() {
        for name in [
            "Congo, DR",
            "Korea, South",
            "United States of America",
            "Cote d'Ivoire",
            "Cote d’Ivoire",
            "Viet Nam",
            "Türkiye",
            "Kyrgyz Republic",
            "Timor Leste",
        ] {
            assert!(entity_of(name).unwrap().is_country(), "{name}");
        }
        for name in [
            "USSR",
            "Yugoslavia",
            "Czechoslovakia",
            "German DR",
            "Yemen, North",
            "Yemen, South",
            "Kosovo",
            "European Union",
        ] {
            assert!(!entity_of(name).unwrap().is_country(), "{name}");
        }
        assert_eq!(entity_of("Cote d’Ivoire").unwrap().to_string(), "CIV");
        assert!(entity_of("Freedonia").is_none());
    }

    #[test]
    fn constant_sheets_give_their_base_year() {
        assert_eq!(constant_sheet("Constant (2022) US$"), Some(Some(2022)));
        assert_eq!(constant_sheet("Current US$"), None);
    }

    #[test]
    fn year_spans() {
        assert_eq!(
            year_span(
                "Military expenditure by country, in local currency, 1948-2023      © SIPRI 2023"
            ),
            Some((1948, 2023))
        );
        assert_eq!(year_span("no span 2023"), None);
    }
}
