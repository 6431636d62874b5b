//! NATO's "Defence Expenditure of NATO Countries" workbooks: the June 2024 edition
//! (`240617-def-exp-2024-TABLES-en.xlsx`), the August 2025 edition and the July 2026
//! edition, "Defence Investment of NATO Countries" (`def-exp-2026-en.xlsx`).
//!
//! Each workbook has one sheet per table. Each table is a title, rows of years, and
//! blocks: a heading row (`Share of real GDP (%)`), one row per Ally, and NATO's two
//! aggregate rows. The editions lay them out in two ways, both read by the same walk:
//!
//! | edition | sheets | title | rows of years | labels |
//! |---|---|---|---|---|
//! | June 2024 | `TABLE1` ... `TABLE8b` | `Table 3 : Defence expenditure as a share of GDP ...` in B4 | one, under the title; the blocks' headings under it | headings in B, names in C |
//! | August 2025, July 2026 | `Table 1` ... `Table 8b` | `Table 3: Defence expenditure as a share of GDP ...` (2026: `Core defence expenditure ...`) in A1 | one under each block's heading (an empty first cell, then the years) | headings and names in A |
//!
//! This loader reads
//!
//! | table | block heading | field |
//! |---|---|---|
//! | Table 2 | Current prices and exchange rates | `expenditure_current` |
//! | Table 2 | Constant 2015 (2026: 2021) prices and exchange rates | `expenditure_constant`, `price_base_year` |
//! | Table 3 | Share of real GDP (%) | `share_of_gdp` |
//! | Table 3 | Annual real change (%) | `real_change` |
//! | Table 5 | Current prices and exchange rates | `gdp_current` |
//! | Table 5 | Constant 2015 (2026: 2021) prices and exchange rates | `gdp_constant`, `price_base_year` |
//! | Table 8a | Equipment (a) | `equipment_share` |
//!
//! and merges them into one record per country (or aggregate) and year. Table 1
//! (national currencies) is not read.
//!
//! Nothing is found by a fixed row or column: a table is found by its title text (in any
//! sheet), its years by its rows of years (a row holding years alone), a block by its
//! heading's words (above or under its row of years), a row's country by its name. A
//! block ends at a blank row (figures after one need a heading of their own) and a table
//! at its `Notes` row. Editions move rows, add Allies and years, and drop rows (the 2026
//! edition has no row for Iceland); this reads them as long as the titles and headings
//! keep their words. Every block listed above must be there: a table without one is an
//! error that says what was looked for and what was found (the sheet, its title, its
//! rows of years and headings), never a silently empty field.
//!
//! ## What the cells mean, and the policies
//!
//! - **Years**: numbers (`2014`) or text (`'2019'`); a trailing `e` (`2023e`) marks
//!   NATO's estimates: the record's `estimate` is true.
//! - **Names** lose their footnote markers (`Czechia*`; from 2025 a `*` marks the Allies
//!   with revised figures) and a trailing national currency in parentheses (`Sweden
//!   (Kronor)`, as Table 1 prints it), and map to ISO 3166-1 codes
//!   through the crate's table of names, [`crate::names`] (`Slovak Republic` is SVK,
//!   `Türkiye` TUR, `United Kingdom` GBR, `North Macedonia` MKD); `NATO Europe and
//!   Canada` and `NATO Total` are the aggregates `NATO_EUCAN` and `NATO_TOTAL`. A name
//!   not in the table is an error naming the cell, with the closest known names.
//! - **`..`** is "not available": no figure.
//! - **`-`** is NATO's sign for nil. It becomes **no figure** (not 0), and the cell is
//!   reported in [`Dataset::skipped`](crate::Dataset::skipped): NATO uses it where a figure
//!   is nil or does not apply, and a 0 would wrongly count as a measured share in rankings,
//!   averages and "who is below 2 %" lists.
//! - **Excel errors** (`#REF!`: in the June 2024 edition, Table 8a's aggregate row, which
//!   also lost its name) become no figure, and every such cell is reported in
//!   [`Dataset::skipped`](crate::Dataset::skipped) with its `sheet!cell`. No value is
//!   invented. A row without a name that holds numbers is an error (a figure that cannot
//!   be attributed); one holding only error cells is reported cell by cell.
//! - **Any other text** where a number belongs is an error naming the cell.
//! - **Numbers** are the workbook's `f64` values, taken exactly as their shortest decimal
//!   text (`1.346516857031259`), as the bundled figures were.
//! - **The edition** comes from the workbook itself: the years of its tables give
//!   "2014-2024" (source id `nato-def-exp-2014-2024`, publisher NATO), the constant-price
//!   headings the price base year (2015 in June 2024, 2021 in July 2026: read, never
//!   assumed), the headers' `e` the estimates (2023-2024, 2024-2025, 2025-2026), the
//!   document properties the date it was last saved (17 June 2024), noted in the
//!   source's note with the tables' titles. The source's title is "Defence Expenditure of
//!   NATO Countries (2014-2025)", or, for the edition whose tables speak of **core**
//!   defence expenditure (`Table 1: Core defence expenditure`), "Defence Investment of
//!   NATO Countries (2014-2026)". Core defence expenditure is NATO defence expenditure as
//!   NATO defines it: the same measure under a new name.
//!
use std::path::Path;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Loc};
use crate::load::xlsx::{clean_name, saved_on, Records, Sheet, Value, Workbook, YearColumn};
use crate::model::{Aggregate, Entity, Metric, Source, SourceId};

/// The text cells this format knows in place of a number.
const MARKERS: &[&str] = &["..", "-"];

/// True if the workbook's sheets look like NATO's tables (`TABLE1`, `TABLE2`, ...).
pub(crate) fn is_nato(sheet_names: &[String]) -> bool {
    let tables = sheet_names
        .iter()
        .filter(|n| {
            let n = n.trim().to_ascii_uppercase();
            n.strip_prefix("TABLE")
                .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    tables >= 2
}

/// A table this loader reads.
struct Spec {
    /// The table's number as its title prints it (`2`, `8a`).
    id: &'static str,
    /// Words its title must contain (lower case).
    title_words: &'static str,
    /// What it is, for messages.
    what: &'static str,
    /// The block a heading starts: the metric, or `None` for a block not read.
    block: fn(&str) -> Option<Metric>,
    /// The blocks the table must hold, with the heading looked for (for messages).
    blocks: &'static [(Metric, &'static str)],
}

const SPECS: &[Spec] = &[
    Spec {
        id: "2",
        title_words: "defence expenditure",
        what: "defence expenditure in million US dollars",
        block: |h| money_block(h, Metric::ExpenditureCurrent, Metric::ExpenditureConstant),
        blocks: &[
            (Metric::ExpenditureCurrent, "\"Current prices ...\""),
            (Metric::ExpenditureConstant, "\"Constant ... prices ...\""),
        ],
    },
    Spec {
        id: "3",
        title_words: "share of gdp",
        what: "defence expenditure as a share of GDP and annual real change",
        block: |h| {
            if h.contains("share") && h.contains("gdp") {
                Some(Metric::ShareOfGdp)
            } else if h.contains("real change") {
                Some(Metric::RealChange)
            } else {
                None
            }
        },
        blocks: &[
            (Metric::ShareOfGdp, "\"Share of real GDP (%)\""),
            (Metric::RealChange, "\"Annual real change (%)\""),
        ],
    },
    Spec {
        id: "5",
        title_words: "gdp",
        what: "GDP in million US dollars",
        block: |h| money_block(h, Metric::GdpCurrent, Metric::GdpConstant),
        blocks: &[
            (Metric::GdpCurrent, "\"Current prices ...\""),
            (Metric::GdpConstant, "\"Constant ... prices ...\""),
        ],
    },
    Spec {
        id: "8a",
        title_words: "main category",
        what: "distribution of defence expenditure by main category (equipment)",
        block: |h| h.contains("equipment").then_some(Metric::EquipmentShare),
        blocks: &[(Metric::EquipmentShare, "\"Equipment ...\"")],
    },
];

fn money_block(heading: &str, current: Metric, constant: Metric) -> Option<Metric> {
    if heading.contains("current prices") {
        Some(current)
    } else if heading.contains("constant") {
        Some(constant)
    } else {
        None
    }
}

/// The first four-digit year in a text (`Constant 2015 prices` gives 2015).
fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1800..=2200).contains(y))
}

/// Maps a NATO name (footnote markers removed) to its entity, through the crate's
/// table of names.
fn entity_of(name: &str) -> Option<Entity> {
    crate::names::lookup(name)
}

/// A table found in the workbook.
struct Found<'s, 'a> {
    spec: &'static Spec,
    sheet: &'s Sheet<'a>,
    /// The 0-based row of its title.
    title_row: u32,
    /// Its title, as the workbook gives it.
    title: String,
    /// The row where it ends (the next title in the sheet, or the sheet's end).
    end_row: u32,
    /// Its rows of years, each with its year columns: one under the title (June 2024),
    /// or one under each block's heading (2025 on).
    headers: Vec<(u32, Vec<YearColumn>)>,
}

/// The headings met in a table, each with its cell.
type Headings = Vec<(String, Position)>;

/// What a workbook says about its edition.
struct Edition {
    first: u16,
    last: u16,
    base_year: Option<u16>,
    /// The years its headers mark as estimates (`2025e`).
    estimates: Vec<u16>,
    /// True for the layout of 2025 on (a row of years under each block's heading).
    per_block_years: bool,
    /// The titles of the tables read, as the workbook gives them.
    titles: Vec<String>,
}

impl Edition {
    /// True if its tables speak of **core** defence expenditure (the July 2026 edition,
    /// "Defence Investment of NATO Countries").
    fn core(&self) -> bool {
        self.titles
            .iter()
            .any(|t| t.to_lowercase().contains("core defence expenditure"))
    }
}

/// Reads NATO's workbook into `builder`.
pub(crate) fn read(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    let file_id = builder.add_file(file);
    let mut wb = Workbook::open(file, bytes)?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        sheets.push(wb.sheet(&name)?);
    }

    // First find every table and its years: the years name the edition.
    let mut tables = Vec::with_capacity(SPECS.len());
    for spec in SPECS {
        let (sheet, title_row, title, end_row) = find_table(file, &sheets, spec)?;
        let headers = year_headers(sheet, spec, title_row, end_row)?;
        tables.push(Found {
            spec,
            sheet,
            title_row,
            title,
            end_row,
            headers,
        });
    }
    let columns = || {
        tables
            .iter()
            .flat_map(|t| t.headers.iter().flat_map(|h| h.1.iter()))
    };
    let (Some(first), Some(last)) = (columns().map(|c| c.1).min(), columns().map(|c| c.1).max())
    else {
        return Err(Error::new(
            Position::file(file),
            ErrorKind::MissingTable("years in NATO's tables".to_owned()),
        ));
    };
    let mut estimates: Vec<u16> = columns().filter(|c| c.2).map(|c| c.1).collect();
    estimates.sort_unstable();
    estimates.dedup();
    let first_line = tables.first().map_or(1, |t| u64::from(t.title_row) + 1);

    let mut base_years: Vec<(u16, Position)> = Vec::new();
    // The edition's source id, which every record cites.
    let pending: SourceId = super::xlsx::edition_source_id(file, "nato-def-exp", first, last)?;
    let mut records = Records::new(pending);
    let mut blocks = Vec::with_capacity(tables.len());
    for table in &tables {
        blocks.push(read_table(builder, &mut records, &mut base_years, table)?);
    }
    // Every block each table must hold, once every figure was read (a figure's own
    // error first).
    for (table, (met, headings)) in tables.iter().zip(&blocks) {
        missing_block(table, met, headings)?;
    }

    // One price base year for the edition.
    if let Some((base, _)) = base_years.first() {
        if let Some((other, pos)) = base_years.iter().find(|(b, _)| b != base) {
            return Err(Error::new(
                pos.clone(),
                ErrorKind::InvalidValue {
                    value: other.to_string(),
                    reason: format!("a second price base year (the workbook's first is {base})"),
                },
            ));
        }
    }
    let edition = Edition {
        first,
        last,
        base_year: base_years.first().map(|(b, _)| *b),
        estimates,
        per_block_years: tables.iter().any(|t| t.headers.len() > 1),
        titles: tables.iter().map(|t| t.title.clone()).collect(),
    };

    let source = edition_source(file, bytes, pending, &edition);
    let source_id = source.id;
    builder.define_source(
        source,
        Loc {
            file: file_id,
            line: first_line,
        },
    );
    for (entity, line) in records.entities.clone() {
        if let Entity::Aggregate(id) = &entity {
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
    }
    records.finish(builder, file_id);
    Ok(())
}

/// Reads one table's blocks into `records`, walking down from its title: a row of
/// years sets the columns of the rows under it, a heading starts a block, a blank row
/// ends it, a `Notes` row ends the table. Gives the blocks read and the headings met.
fn read_table(
    builder: &mut Builder,
    records: &mut Records,
    base_years: &mut Vec<(u16, Position)>,
    table: &Found<'_, '_>,
) -> Result<(Vec<Metric>, Headings)> {
    let (spec, sheet) = (table.spec, table.sheet);
    let mut columns: Option<&[YearColumn]> = None;
    let mut block = Block::NotStarted;
    let mut headings: Headings = Vec::new();
    let mut met: Vec<Metric> = Vec::new();
    for row in table.title_row + 1..table.end_row {
        if let Some((_, cols)) = table.headers.iter().find(|h| h.0 == row) {
            columns = Some(cols);
            continue;
        }
        let Some(columns) = columns else {
            // Above the first row of years: the title's unit lines, and (from 2025) the
            // first block's heading.
            if let Some((col, text)) = first_text(sheet, row) {
                if is_notes(text) {
                    break;
                }
                headings.push((text.to_owned(), sheet.position(row, col)));
                if let Some(read) = heading(sheet, spec, (row, col), text, base_years)? {
                    block = read;
                }
            }
            continue;
        };
        let first_year_col = columns.first().map_or(0, |c| c.0);
        let label = (sheet.cols().start..first_year_col)
            .find_map(|c| sheet.text(row, c).filter(|t| !t.is_empty()).map(|t| (c, t)));
        let filled: Vec<u32> = columns
            .iter()
            .map(|c| c.0)
            .filter(|&c| !is_blank(sheet, row, c))
            .collect();
        match (label, filled.is_empty()) {
            (None, true) => {
                // A blank row ends a block: figures after it need a heading of their own.
                if matches!(block, Block::Read(..) | Block::Ignored) {
                    block = Block::Ended;
                }
            }
            (Some((label_col, text)), true) => {
                if is_notes(text) {
                    break;
                }
                if label_entity(text).1.is_none() {
                    // A heading: it starts the next block (or a block not read).
                    headings.push((text.to_owned(), sheet.position(row, label_col)));
                    block = heading(sheet, spec, (row, label_col), text, base_years)?
                        .unwrap_or(Block::Ignored);
                }
            }
            (_, false) => {
                let (metric, base) = match block {
                    Block::Read(metric, base) => (metric, base),
                    Block::Ignored => continue,
                    Block::NotStarted | Block::Ended => {
                        let col = filled.first().copied().unwrap_or(first_year_col);
                        let after = if block == Block::Ended {
                            "after a blank row that ends a block, with no block heading"
                        } else {
                            "before any block heading"
                        };
                        return Err(sheet.invalid(
                            row,
                            col,
                            format!(
                                "figures {after} in Table {}: which figure they are is unknown",
                                spec.id
                            ),
                        ));
                    }
                };
                if !met.contains(&metric) {
                    met.push(metric);
                }
                let Some((label_col, text)) = label else {
                    unnamed_row(builder, sheet, row, &filled, spec)?;
                    continue;
                };
                let (name, entity) = label_entity(text);
                let entity = entity.ok_or_else(|| {
                    sheet.error(
                        row,
                        label_col,
                        crate::load::unknown_name(&name, crate::load::Format::NatoWorkbook),
                    )
                })?;
                records.met(&entity, row);
                read_row(
                    builder,
                    records,
                    sheet,
                    row,
                    columns,
                    (&entity, &name),
                    (metric, base),
                )?;
            }
        }
    }
    Ok((met, headings))
}

/// Reads one row of figures.
fn read_row(
    builder: &mut Builder,
    records: &mut Records,
    sheet: &Sheet<'_>,
    row: u32,
    columns: &[YearColumn],
    (entity, name): (&Entity, &str),
    (metric, base): (Metric, Option<u16>),
) -> Result<()> {
    for &(col, year, estimate) in columns {
        let value = match sheet.value(row, col, MARKERS)? {
            Value::Number(v) => v,
            Value::Empty => continue,
            Value::Marker(m) if m == ".." => continue,
            Value::Marker(_) => {
                builder.skipped.push(sheet.skipped(
                    row,
                    col,
                    "NATO's sign for nil: kept as no figure rather than 0, \
                     which would count as a measured value",
                ));
                continue;
            }
            Value::Error(_) => {
                builder.skipped.push(sheet.skipped(
                    row,
                    col,
                    format!("an Excel error in {name}'s row: no figure kept"),
                ));
                continue;
            }
        };
        records.put(
            sheet,
            (row, col),
            entity,
            year,
            metric,
            value,
            estimate,
            base,
        )?;
    }
    Ok(())
}

/// The block a heading starts, if it is one this loader reads (with the price base year
/// a constant-price heading states, noted in `base_years`).
fn heading(
    sheet: &Sheet<'_>,
    spec: &Spec,
    (row, col): (u32, u32),
    text: &str,
    base_years: &mut Vec<(u16, Position)>,
) -> Result<Option<Block>> {
    let heading = clean_name(text).to_lowercase();
    Ok(match (spec.block)(&heading) {
        Some(metric) if metric.is_constant_price() => {
            let base = year_in(&heading).ok_or_else(|| {
                sheet.error(
                    row,
                    col,
                    ErrorKind::InvalidValue {
                        value: text.to_owned(),
                        reason: "a constant-price heading without its price base year".to_owned(),
                    },
                )
            })?;
            base_years.push((base, sheet.position(row, col)));
            Some(Block::Read(metric, Some(base)))
        }
        Some(metric) => Some(Block::Read(metric, None)),
        None => None,
    })
}

/// An error if a block the table must hold was not found: what was looked for, and the
/// headings and rows of years that were found.
fn missing_block(
    table: &Found<'_, '_>,
    met: &[Metric],
    headings: &[(String, Position)],
) -> Result<()> {
    let Some((_, looked_for)) = table.spec.blocks.iter().find(|(m, _)| !met.contains(m)) else {
        return Ok(());
    };
    let sheet = table.sheet;
    let found: Vec<String> = headings
        .iter()
        .map(|(h, p)| format!("{h:?} ({})", p.cell.as_deref().unwrap_or_default()))
        .collect();
    let header_rows: Vec<String> = table
        .headers
        .iter()
        .map(|h| (h.0 + 1).to_string())
        .collect();
    Err(Error::new(
        sheet.sheet_position(),
        ErrorKind::MissingTable(format!(
            "the block {looked_for} of Table {} ({}) in sheet {:?}, titled {:?}: looked for a \
             heading above or under a row of years (found at row {}) followed by rows of \
             figures; found the headings {}",
            table.spec.id,
            table.spec.what,
            sheet.name,
            table.title,
            header_rows.join(", "),
            if found.is_empty() {
                "(none)".to_owned()
            } else {
                found.join(", ")
            }
        )),
    ))
}

/// The state of the walk down a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// No block heading met yet.
    NotStarted,
    /// In a block of `Metric`, at constant prices of the year if given.
    Read(Metric, Option<u16>),
    /// In a block this loader does not read (Table 8a's "Personnel", the notes).
    Ignored,
    /// After a blank row that ended a block: figures need a heading first.
    Ended,
}

/// True if a cell is empty or holds only white space.
fn is_blank(sheet: &Sheet<'_>, row: u32, col: u32) -> bool {
    match sheet.get(row, col) {
        calamine::Data::Empty => true,
        calamine::Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A row of figures with no name: reported if it holds only Excel errors, else an error.
fn unnamed_row(
    builder: &mut Builder,
    sheet: &Sheet<'_>,
    row: u32,
    filled: &[u32],
    spec: &Spec,
) -> Result<()> {
    let mut skipped = Vec::with_capacity(filled.len());
    for &col in filled {
        match sheet.value(row, col, MARKERS)? {
            Value::Error(_) => skipped.push(sheet.skipped(
                row,
                col,
                format!(
                    "an Excel error in a row of Table {} with no name (where NATO's aggregate \
                     rows stand): no figure kept, and no entity guessed",
                    spec.id
                ),
            )),
            Value::Empty | Value::Marker(_) => {}
            Value::Number(_) => {
                return Err(sheet.invalid(
                    row,
                    col,
                    format!(
                    "a figure in a row of Table {} with no country name: it cannot be attributed",
                    spec.id
                ),
                ))
            }
        }
    }
    builder.skipped.extend(skipped);
    Ok(())
}

/// Finds a table by its title: the sheet, the title's row, the title, and the row where
/// the table ends (the next title in the sheet, or the sheet's end).
fn find_table<'s, 'a>(
    file: &Path,
    sheets: &'s [Sheet<'a>],
    spec: &Spec,
) -> Result<(&'s Sheet<'a>, u32, String, u32)> {
    for sheet in sheets {
        let titles = titles(sheet);
        let found = titles
            .iter()
            .position(|(_, _, id)| id.eq_ignore_ascii_case(spec.id));
        let Some(i) = found else { continue };
        let Some((row, col, _)) = titles.get(i) else {
            continue;
        };
        let title = sheet.text(*row, *col).unwrap_or_default();
        if !title.to_lowercase().contains(spec.title_words) {
            return Err(sheet.error(
                *row,
                *col,
                ErrorKind::InvalidValue {
                    value: title.to_owned(),
                    reason: format!(
                        "Table {} is expected to be {} (its title containing {:?})",
                        spec.id, spec.what, spec.title_words
                    ),
                },
            ));
        }
        let end = titles
            .iter()
            .map(|(r, _, _)| *r)
            .filter(|r| r > row)
            .min()
            .unwrap_or(sheet.rows().end);
        return Ok((sheet, *row, title.to_owned(), end));
    }
    let found: Vec<String> = sheets
        .iter()
        .map(|s| match titles(s).first() {
            Some((r, c, _)) => format!(
                "{:?} titled {:?} ({})",
                s.name,
                s.text(*r, *c).unwrap_or_default(),
                crate::load::xlsx::cell_ref(*r, *c)
            ),
            None => format!("{:?} with no table title", s.name),
        })
        .collect();
    Err(Error::new(
        Position::file(file),
        ErrorKind::MissingTable(format!(
            "Table {} ({}): no sheet has a cell titled \"Table {}: ...\" (the workbook's \
             sheets: {})",
            spec.id,
            spec.what,
            spec.id,
            found.join(", ")
        )),
    ))
}

/// The cells of a sheet that title a table (`Table 3: ...`), in row order: row, column
/// and table number.
fn titles(sheet: &Sheet<'_>) -> Vec<(u32, u32, String)> {
    sheet
        .rows()
        .flat_map(|r| sheet.cols().map(move |c| (r, c)))
        .filter_map(|(r, c)| {
            let t = sheet.text(r, c)?;
            table_number(t).map(|id| (r, c, id))
        })
        .collect()
}

/// The table number a title cell gives: `Table 8a : ...` (June 2024) and `Table 8a: ...`
/// (2025 on) give `8a`.
fn table_number(text: &str) -> Option<String> {
    let rest = text.strip_prefix("Table")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let after = rest.get(id.len()..)?.trim_start();
    (!id.is_empty() && id.starts_with(|c: char| c.is_ascii_digit()) && after.starts_with(':'))
        .then_some(id)
}

/// The first non-empty text of a row, with its column.
fn first_text<'s>(sheet: &'s Sheet<'_>, row: u32) -> Option<(u32, &'s str)> {
    sheet
        .cols()
        .find_map(|c| sheet.text(row, c).filter(|t| !t.is_empty()).map(|t| (c, t)))
}

/// True for the row that starts a table's notes (`Notes: Figures for 2025 and 2026 are
/// estimates.`, `Note: ...`): the table's rows end there.
fn is_notes(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    let rest = t
        .strip_prefix("notes")
        .or_else(|| t.strip_prefix("note"))
        .unwrap_or("x");
    rest.is_empty() || rest.starts_with(|c: char| c == ':' || c == '.' || c.is_whitespace())
}

/// A row label's name and entity, its footnote markers removed (`Czechia*`) and, when
/// the name alone is not known, a trailing parenthesis (Table 1's national currency:
/// `Sweden (Kronor)`, `Czechia*   (Koruny)`).
fn label_entity(text: &str) -> (String, Option<Entity>) {
    let name = clean_name(text);
    if let Some(entity) = entity_of(&name) {
        return (name, Some(entity));
    }
    let bare = name
        .strip_suffix(')')
        .and_then(|n| n.rfind('(').and_then(|i| n.get(..i)))
        .map(clean_name);
    match bare {
        Some(bare) if !bare.is_empty() => {
            let entity = entity_of(&bare);
            (bare, entity)
        }
        _ => (name, None),
    }
}

/// The rows of years under a table's title (up to its notes), each with its year
/// columns (column, year, estimate). A row of years holds years alone, at least two
/// (`2014`, `'2019'`, `2025e`), and nothing else but blanks.
fn year_headers(
    sheet: &Sheet<'_>,
    spec: &Spec,
    title_row: u32,
    end_row: u32,
) -> Result<Vec<(u32, Vec<YearColumn>)>> {
    let mut found = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for row in title_row + 1..end_row {
        if let Some((col, text)) = first_text(sheet, row) {
            if is_notes(text) {
                break;
            }
            if seen.len() < 6 {
                seen.push(format!(
                    "{text:?} ({})",
                    crate::load::xlsx::cell_ref(row, col)
                ));
            }
        }
        if let Some(columns) = year_row(sheet, row)? {
            found.push((row, columns));
        }
    }
    if found.is_empty() {
        return Err(Error::new(
            sheet.sheet_position(),
            ErrorKind::MissingTable(format!(
                "the row of years (2014, 2015, ..., 2024e) under the title of Table {} at {}: \
                 looked for a row holding years alone; found none in rows {} to {} (which begin \
                 {})",
                spec.id,
                crate::load::xlsx::cell_ref(title_row, 0),
                title_row + 2,
                end_row,
                if seen.is_empty() {
                    "with nothing".to_owned()
                } else {
                    seen.join(", ")
                }
            )),
        ));
    }
    Ok(found)
}

/// A row's year columns, if it is a row of years; a year given twice is an error.
fn year_row(sheet: &Sheet<'_>, row: u32) -> Result<Option<Vec<YearColumn>>> {
    let mut columns: Vec<YearColumn> = Vec::new();
    for col in sheet.cols() {
        if is_blank(sheet, row, col) {
            continue;
        }
        match sheet.year_header(row, col) {
            Some((year, estimate)) => columns.push((col, year, estimate)),
            None => return Ok(None),
        }
    }
    if columns.len() < 2 {
        return Ok(None);
    }
    for (i, (col, year, _)) in columns.iter().enumerate() {
        if columns.iter().take(i).any(|c| c.1 == *year) {
            return Err(sheet.error(
                row,
                *col,
                ErrorKind::InvalidValue {
                    value: year.to_string(),
                    reason: format!("year {year} appears twice in the header"),
                },
            ));
        }
    }
    Ok(Some(columns))
}

/// The source the workbook describes itself as.
fn edition_source(file: &Path, bytes: &[u8], id: SourceId, edition: &Edition) -> Source {
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut note = if edition.per_block_years {
        format!(
            "Read from NATO's workbook {file_name} (the layout of 2025 on: sheets \"Table 1\" \
             ... \"Table 8b\", a row of years under each block's heading): Table 2 (million \
             US$, current and constant prices), Table 3 (share of real GDP, annual real \
             change), Table 5 (GDP) and Table 8a (equipment share); Table 1 (national \
             currencies) is not read. The tables' titles: {}. Years marked 'e' ({}) are \
             NATO's estimates.",
            edition
                .titles
                .iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            edition
                .estimates
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!(
            "Read from NATO's workbook {file_name}: Table 2 (million US$, current and \
             constant prices), Table 3 (share of real GDP, annual real change), Table 5 \
             (GDP) and Table 8a (equipment share). Years marked 'e' are NATO's estimates."
        )
    };
    if edition.core() {
        note.push_str(
            " Its tables give core defence expenditure: NATO defence expenditure as NATO \
             defines it (the Hague commitment's 3.5 % of GDP is counted \"based on the agreed \
             definition of NATO defence expenditure\").",
        );
    }
    if let Some(base) = edition.base_year {
        note.push_str(&format!(" Constant prices of {base}."));
    }
    if let Some(saved) = saved_on(bytes) {
        note.push_str(&format!(
            " The workbook was last saved on {saved} (its document properties)."
        ));
    }
    let (first, last) = (edition.first, edition.last);
    // The July 2026 edition, whose tables speak of core defence expenditure, is titled
    // "Defence Investment of NATO Countries"; the editions before it "Defence
    // Expenditure of NATO Countries".
    let title = if edition.core() {
        format!("Defence Investment of NATO Countries ({first}-{last})")
    } else {
        format!("Defence Expenditure of NATO Countries ({first}-{last})")
    };
    Source {
        id,
        publisher: "NATO".to_owned(),
        title,
        url: None,
        published: None,
        note: Some(note),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_titles() {
        assert_eq!(
            table_number("Table 2 : Defence expenditure").as_deref(),
            Some("2")
        );
        assert_eq!(
            table_number("Table 8a : Distribution").as_deref(),
            Some("8a")
        );
        assert_eq!(table_number("Table 3: Share").as_deref(), Some("3"));
        assert_eq!(table_number("Tables 2"), None);
        assert_eq!(table_number("Table of contents"), None);
        assert_eq!(table_number("Table 4 real change"), None);
    }

    #[test]
    fn every_name_maps() {
        for name in [
            "Albania",
            "Belgium",
            "Bulgaria",
            "Canada",
            "Croatia",
            "Czechia",
            "Denmark",
            "Estonia",
            "Finland",
            "France",
            "Germany",
            "Greece",
            "Hungary",
            "Iceland",
            "Italy",
            "Latvia",
            "Lithuania",
            "Luxembourg",
            "Montenegro",
            "Netherlands",
            "North Macedonia",
            "Norway",
            "Poland",
            "Portugal",
            "Romania",
            "Slovak Republic",
            "Slovenia",
            "Spain",
            "Sweden",
            "Türkiye",
            "United Kingdom",
            "United States",
        ] {
            assert!(entity_of(name).unwrap().is_country(), "{name}");
        }
        assert_eq!(entity_of("Slovak Republic").unwrap().to_string(), "SVK");
        assert_eq!(entity_of("NATO Total").unwrap().to_string(), "NATO_TOTAL");
        assert!(!entity_of("NATO Europe and Canada").unwrap().is_country());
    }

    #[test]
    fn constant_price_headings_give_their_year() {
        assert_eq!(
            year_in("constant 2015 prices and exchange rates"),
            Some(2015)
        );
        assert_eq!(year_in("current prices"), None);
    }
}
