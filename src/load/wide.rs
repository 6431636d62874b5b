//! Wide tables: one row per country, one column per year (`Country,2014,…,2024`), as
//! analysts copy NATO's and SIPRI's tables into CSV files.
//!
//! Such a table does not say which figure its cells hold, so the user states it with
//! [`LoadOptions::metric`](crate::LoadOptions::metric); without it, loading one is an
//! error that shows that call. The cells are read in the metric's unit: percent for the
//! shares, million US$ for money, US$ per person for `per_capita_current`.
//!
//! ## What is read
//!
//! - **The header** is the first line (of the first 16) whose first field is `Country`
//!   followed by years: `2014` or `2024e` (the `e` marks NATO's estimates: the record's
//!   `estimate` is true). Lines above it (a title, notes) are not data; where they say
//!   the constant prices' year (`constant (2022) US$`), that is the base year. Between
//!   the names and the years, `Notes` and `Reporting year` columns (SIPRI's
//!   spreadsheets: `Footnotes!A12`, `‡ ¶ 2`, a fiscal year such as `April-March`) are
//!   passed over. Empty columns after the years are allowed; a year given twice is an
//!   error.
//! - **Names** resolve through the crate's one table of names, [`crate::names`]: NATO's
//!   (`Türkiye`, `Slovak Republic`, `Czechia*` with its footnote mark, `NATO Europe and
//!   Canada`, `NATO Total`), SIPRI's (`United States of America`, `Korea, South`, `Congo,
//!   DR`, `USSR`), the World Bank's and ISO's. A country given twice is an error. A name
//!   whose non-ASCII letter a re-save turned into `?` (`T?rkiye`) is read as the one
//!   known name it fits ([`names::repair`](crate::names::repair)), and listed in
//!   [`Dataset::skipped`](crate::Dataset::skipped); where none or two fit, it is unknown.
//! - **Heading rows** (a region's name, `Africa`, with no figure in any year) are skipped
//!   and listed in [`Dataset::skipped`](crate::Dataset::skipped). A row with figures and
//!   a name the table does not know is an error at its line, with the closest known
//!   names. A row with no name and no figures (a blank line) is passed over.
//! - **Cells**: a plain or scientific decimal (`1.34652`, `2.029468068`, `1.7E-05`),
//!   read exactly; a number with thousands separators (`"1,234.5"`, `"1,234,567"`,
//!   quoted as it must be in a comma-separated file), but not `"1,234"`: with one comma
//!   and no decimal point the comma may separate thousands or be a decimal comma, an
//!   error at its line and column that says so; a percentage (`5.7%`, for a share metric: 5.7); or no
//!   figure: empty, `...`, `xxx` (SIPRI: missing, state did not exist), `. .` and `..`.
//!   Any other text is an error at its line and column.
//! - CRLF or LF, with or without a final newline, a byte order mark or none; a European
//!   spreadsheet's `;` and decimal commas (see [`crate::load`]).
//!
//! ## The source
//!
//! A wide table does not say who made it. Its figures cite the source given with
//! [`LoadOptions::source`](crate::LoadOptions::source), or one whose id is made from
//! what was stated and read, never from the file's name: `wide-`, the metric, the base
//! year for constant prices (`-2021`, or `-base-unknown`), and the years
//! (`wide-share_of_gdp-2014-2024`). The source is titled after the table's first title
//! line if it has one.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Position, Result, Skipped};
use crate::load::builder::{Builder, Loc};
use crate::load::fields::{
    csv_error, out_of_range, parse_decimal_sci, strip_bom, utf8_field, Lines,
};
use crate::load::{limits, Context, FileFormat, Format, Head, Input, LoadOptions};
use crate::model::spending::Range;
use crate::model::{Aggregate, Entity, Metric, Source, SourceId, SpendingRecord};

/// The first column's name.
const COUNTRY: &str = "Country";

/// Columns between the names and the years that are passed over.
const PASSED_OVER: &[&str] = &["Notes", "Reporting year"];

/// Cells that hold no figure.
const MARKERS: &[&str] = &["...", "xxx", ". .", "..", "…"];

/// Wide tables, as a [`FileFormat`].
pub(crate) struct Wide;

/// The wide tables' reader.
pub(crate) const WIDE: Wide = Wide;

/// The year a header cell names (`2014`, `2024e`), with whether it marks an estimate.
fn year_header(text: &str) -> Option<(u16, bool)> {
    let t = text.trim();
    let (digits, estimate) = match t.strip_suffix(['e', 'E']) {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u16 = digits.parse().ok()?;
    (1800..=2200).contains(&year).then_some((year, estimate))
}

/// True if a line's fields are a wide table's header: `Country`, then years (after
/// passed-over columns).
fn is_header(fields: &[String]) -> bool {
    fields
        .first()
        .is_some_and(|f| f.trim().eq_ignore_ascii_case(COUNTRY))
        && fields.iter().skip(1).any(|f| year_header(f).is_some())
}

impl FileFormat for Wide {
    fn recognise(&self, head: &Head<'_>) -> Result<Option<Format>> {
        Ok(head
            .lines
            .iter()
            .any(|l| is_header(l))
            .then_some(Format::Wide))
    }

    fn reads(&self, format: Format) -> bool {
        format == Format::Wide
    }

    fn name(&self, _: Format) -> String {
        "wide table (one row per country, one column per year)".to_owned()
    }

    fn expected(&self) -> Option<String> {
        Some(format!(
            "a wide table (a header `{COUNTRY},2014,2015,…`, then one row per country)"
        ))
    }

    fn order(&self, _: Format) -> usize {
        20
    }

    fn read(&self, cx: &mut Context<'_, '_>, _: Format, input: Input<'_>) -> Result<()> {
        let bytes = input.bytes()?;
        read(cx.builder, cx.file, &bytes, cx.options)
    }
}

/// The error for a wide table loaded without its metric: it shows the call that states
/// it.
fn metric_needed(file: &Path) -> Error {
    let metrics: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
    Error::new(
        Position::file(file),
        ErrorKind::OptionNeeded(format!(
            "a wide table (one row per country, one column per year) does not say which \
             figure its cells hold: state it, as in \
             `LoadOptions::new().metric(Metric::ShareOfGdp).load({:?})` (the metrics: {}; \
             and for constant prices `.price_base_year(2021)`), or with `--metric` in the \
             load_any example",
            file.display().to_string(),
            metrics.join(", ")
        )),
    )
}

/// A column of the header.
#[derive(Debug, Clone)]
enum Column {
    /// The names.
    Name,
    /// Passed over (`Notes`, `Reporting year`, an empty header after the years).
    PassedOver,
    /// A year, and whether it is marked as an estimate.
    Year(u16, bool),
}

/// Reads a wide table into `builder`.
pub(crate) fn read(
    builder: &mut Builder,
    file: &Path,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<()> {
    let metric = options.get_metric().ok_or_else(|| metric_needed(file))?;
    let file_id = builder.add_file(file);
    let text = strip_bom(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut lines = Lines::new(text);
    let mut record = csv::ByteRecord::new();
    let at_line = |line: u64| Position::file(file).at_line(line);
    let next = |reader: &mut csv::Reader<&[u8]>, record: &mut csv::ByteRecord| -> Result<bool> {
        let more = reader
            .read_byte_record(record)
            .map_err(|e| csv_error(file, &e))?;
        limits::check_record(file, record, || {
            Position::file(file).at_byte(crate::load::fields::record_byte(record))
        })?;
        Ok(more)
    };

    // The lines above the header, and the header.
    let mut title: Vec<String> = Vec::new();
    let header_line;
    let mut names: Vec<String>;
    loop {
        if !next(&mut reader, &mut record)? {
            return Err(Error::new(
                Position::file(file),
                ErrorKind::MissingColumn(format!("{COUNTRY} (a header `{COUNTRY},2014,2015,…`)")),
            ));
        }
        let line = lines.of(&record);
        names = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            names
                .push(utf8_field(raw, || at_line(line).at_column((i + 1).to_string()))?.to_owned());
        }
        if is_header(&names) {
            header_line = line;
            break;
        }
        let words: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        if !words.is_empty() {
            title.push(words.join(" "));
        }
    }
    let column_name = |i: usize| -> String {
        names
            .get(i)
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| (i + 1).to_string())
    };
    let at_header = |i: usize| at_line(header_line).at_column(column_name(i));
    let mut columns: Vec<Column> = Vec::with_capacity(names.len());
    let mut years: Vec<(u16, usize)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let column = if i == 0 {
            Column::Name
        } else if let Some((year, estimate)) = year_header(name) {
            if let Some((_, first)) = years.iter().find(|(y, _)| *y == year) {
                return Err(Error::new(
                    at_header(i),
                    ErrorKind::InvalidValue {
                        value: name.clone(),
                        reason: format!(
                            "year {year} is given twice in the header (first as `{}`)",
                            column_name(*first)
                        ),
                    },
                ));
            }
            years.push((year, i));
            Column::Year(year, estimate)
        } else if (name.is_empty() && !years.is_empty())
            || (years.is_empty() && PASSED_OVER.iter().any(|p| p.eq_ignore_ascii_case(name)))
        {
            Column::PassedOver
        } else {
            return Err(Error::new(
                at_header(i),
                ErrorKind::UnknownColumn {
                    column: name.clone(),
                    expected: format!(
                        "`{COUNTRY}`, optionally {}, then years (`2014`, or `2024e` for an \
                         estimate)",
                        PASSED_OVER
                            .iter()
                            .map(|p| format!("`{p}`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                },
            ));
        };
        columns.push(column);
    }
    let (Some(first_year), Some(last_year)) = (
        years.iter().map(|(y, _)| *y).min(),
        years.iter().map(|(y, _)| *y).max(),
    ) else {
        return Err(Error::new(
            at_line(header_line),
            ErrorKind::MissingColumn("years".to_owned()),
        ));
    };

    // The base year: where the file says it, else the options'.
    let said = title
        .iter()
        .find_map(|t| crate::load::owid::base_year_in(t));
    let base_year = if metric.is_constant_price() {
        match (said, options.get_price_base_year()) {
            (Some(file_says), Some(stated)) if file_says != stated => {
                return Err(Error::new(
                    Position::file(file),
                    ErrorKind::InvalidValue {
                        value: stated.to_string(),
                        reason: format!(
                            "the load options say constant prices of {stated}, the file's \
                             title says {file_says}: leave the option out, or load the file \
                             it is meant for"
                        ),
                    },
                ))
            }
            (Some(y), _) | (None, Some(y)) => Some(y),
            (None, None) => None,
        }
    } else {
        None
    };
    let source = define_source(
        builder,
        file,
        file_id,
        options,
        metric,
        base_year,
        &title,
        (first_year, last_year),
    )?;

    let mut seen: HashMap<Entity, u64> = HashMap::new();
    let width = columns.len();
    while next(&mut reader, &mut record)? {
        let line = lines.of(&record);
        let at = |i: usize| at_line(line).at_column(column_name(i));
        crate::load::fields::nothing_past(&record, width, || at_line(line))?;
        let raw_name = utf8_field(record.get(0).unwrap_or_default(), || at(0))?;
        let name = crate::load::fields::clean_name(raw_name);
        // The figures of the row.
        let mut figures: Vec<(u16, bool, Decimal)> = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let Column::Year(year, estimate) = column else {
                continue;
            };
            let cell = utf8_field(record.get(i).unwrap_or_default(), || at(i))?;
            if let Some(v) = figure(cell, metric).map_err(|reason| {
                Error::new(
                    at(i),
                    ErrorKind::InvalidValue {
                        value: cell.to_owned(),
                        reason,
                    },
                )
            })? {
                figures.push((*year, *estimate, v));
            }
        }
        if name.is_empty() {
            if let Some((year, ..)) = figures.first() {
                let i = years.iter().find(|(y, _)| y == year).map_or(1, |(_, i)| *i);
                return Err(Error::new(
                    at(i),
                    ErrorKind::InvalidValue {
                        value: utf8_field(record.get(i).unwrap_or_default(), || at(i))?.to_owned(),
                        reason: "a figure in a row with no country name: it cannot be attributed"
                            .to_owned(),
                    },
                ));
            }
            continue;
        }
        let entity = crate::names::lookup(&name).or_else(|| {
            let (entity, known) = crate::names::repair(&name)?;
            builder.skipped.push(Skipped {
                position: at(0),
                value: raw_name.to_owned(),
                reason: format!(
                    "a name with a letter lost to `?` (a re-save in another encoding): read \
                     as {known:?} ({entity}), the one known name it fits; its figures are kept"
                ),
            });
            Some(entity)
        });
        let Some(entity) = entity else {
            if figures.is_empty() {
                builder.skipped.push(Skipped {
                    position: at(0),
                    value: raw_name.to_owned(),
                    reason: "a heading row (a name that is no country's, and no figures): \
                             skipped"
                        .to_owned(),
                });
                continue;
            }
            return Err(Error::new(
                at(0),
                crate::load::unknown_name(&name, Format::Wide),
            ));
        };
        if let Some(first) = seen.insert(entity, line) {
            return Err(Error::new(
                at(0),
                ErrorKind::Duplicate {
                    key: format!("{entity} ({name}, a row of every year) from source {source}"),
                    first: at_line(first).at_column(COUNTRY),
                },
            ));
        }
        if let Entity::Aggregate(id) = entity {
            if let Some(known) = crate::names::aggregate(id.as_str()) {
                builder.define_aggregate(
                    Aggregate {
                        id,
                        name: known.name.to_owned(),
                        description: known.description.to_owned(),
                        source,
                    },
                    Loc {
                        file: file_id,
                        line,
                    },
                );
            }
        }
        for (year, estimate, value) in figures {
            let mut r = SpendingRecord::new(entity, year, source);
            r.set(metric, Some(value));
            r.set_price_base_year(base_year);
            r.estimate = estimate;
            builder.push_spending(
                r,
                Loc {
                    file: file_id,
                    line,
                },
            );
        }
    }
    Ok(())
}

/// The figure of a cell: `None` for no figure (empty, a marker); the reason for text
/// that is no figure.
fn figure(cell: &str, metric: Metric) -> std::result::Result<Option<Decimal>, String> {
    let t = cell.trim();
    if t.is_empty() || MARKERS.contains(&t) {
        return Ok(None);
    }
    let percent = matches!(metric.range(), Range::Percent | Range::PercentOver);
    let (number, is_percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (t, false),
    };
    if is_percent && !percent {
        return Err(format!(
            "a percentage where {metric} ({}) belongs",
            metric.unit()
        ));
    }
    if is_ambiguous_comma(number) {
        return Err(format!(
            "ambiguous: {number:?} has one comma and no decimal point, so the comma may \
             separate thousands ({}) or be a decimal comma ({}); write the number without \
             a thousands separator, with a decimal point",
            number.replacen(',', "", 1),
            number.replacen(',', ".", 1)
        ));
    }
    let plain = without_thousands_separators(number);
    let value = parse_decimal_sci(plain.as_deref().unwrap_or(number)).map_err(|why| {
        format!(
            "{why}; the cells of a wide table are numbers, or empty, or one of {} for no \
             figure",
            MARKERS
                .iter()
                .map(|m| format!("{m:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    if let Some(why) = out_of_range(value, metric.range()) {
        return Err(why.to_owned());
    }
    Ok(Some(value))
}

/// True for a number written with one comma followed by three digits and no decimal
/// point (`1,234`, `-12,345`): a thousands separator or a decimal comma, which the cell
/// does not say.
fn is_ambiguous_comma(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let rest = s.strip_prefix('-').unwrap_or(s);
    match rest.split_once(',') {
        Some((int, frac)) => digits(int) && int.len() <= 3 && frac.len() == 3 && digits(frac),
        None => false,
    }
}

/// `1,234.5` without its thousands separators (`1234.5`), if it is written so exactly:
/// groups of three digits after the first one to three.
fn without_thousands_separators(s: &str) -> Option<String> {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() < 2 {
        return None;
    }
    let ok = groups.iter().enumerate().all(|(k, g)| {
        g.bytes().all(|b| b.is_ascii_digit())
            && if k == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            }
    }) && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| {
        let mut out = format!("{sign}{}", groups.concat());
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    })
}

/// Defines the table's source (see the [module docs](self)); its id.
#[allow(clippy::too_many_arguments)]
fn define_source(
    builder: &mut Builder,
    file: &Path,
    file_id: usize,
    options: &LoadOptions,
    metric: Metric,
    base_year: Option<u16>,
    title: &[String],
    (first, last): (u16, u16),
) -> Result<SourceId> {
    let id = match options.get_source() {
        Some(id) => id,
        None => {
            let base = match (metric.is_constant_price(), base_year) {
                (false, _) => String::new(),
                (true, Some(y)) => format!("-{y}"),
                (true, None) => "-base-unknown".to_owned(),
            };
            let id = format!("wide-{metric}{base}-{first}-{last}");
            id.parse().map_err(|e: crate::model::ParseSourceIdError| {
                Error::new(
                    Position::file(file),
                    ErrorKind::InvalidValue {
                        value: id,
                        reason: e.reason,
                    },
                )
            })?
        }
    };
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut note = format!(
        "A wide table (one row per country, one column per year) read from {file_name}; \
         it does not say who made it, nor which figure its cells hold: read as {metric} \
         ({}), as the load options stated",
        metric.unit()
    );
    if metric.is_constant_price() {
        note.push_str(&match base_year {
            Some(y) => format!("; constant prices of {y}"),
            None => "; constant prices of a base year neither the file nor the load options \
                     state: unknown, and never combined with figures of a known base year"
                .to_owned(),
        });
    }
    let shown_title = title.first().cloned().unwrap_or_else(|| {
        format!(
            "[A wide table of {metric} ({}), {first}-{last}]",
            metric.unit()
        )
    });
    builder.define_source(
        Source {
            id,
            publisher: "[not stated]".to_owned(),
            title: shown_title,
            url: None,
            published: None,
            note: Some(note),
        },
        Loc {
            file: file_id,
            line: 1,
        },
    );
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_headers() {
        assert_eq!(year_header("2014"), Some((2014, false)));
        assert_eq!(year_header(" 2024e "), Some((2024, true)));
        assert_eq!(year_header("2024 E"), Some((2024, true)));
        assert_eq!(year_header("Notes"), None);
        assert_eq!(year_header("14"), None);
    }

    #[test]
    fn cells() {
        let share = Metric::ShareOfGdp;
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        assert_eq!(figure("1.34652", share).unwrap(), d("1.34652"));
        assert_eq!(figure("5.7%", share).unwrap(), d("5.7"));
        assert_eq!(figure("...", share).unwrap(), None);
        assert_eq!(figure(". .", share).unwrap(), None);
        assert_eq!(figure("", share).unwrap(), None);
        assert_eq!(
            figure("1,234.5", Metric::ExpenditureCurrent).unwrap(),
            d("1234.5")
        );
        assert!(figure("5.7%", Metric::ExpenditureCurrent).is_err());
        assert!(figure("1,16231,5", share).is_err());
        // One comma and three digits: a thousands separator or a decimal comma?
        for cell in ["1,234", "-12,345", "999,000"] {
            let why = figure(cell, Metric::ExpenditureCurrent).unwrap_err();
            assert!(why.contains("ambiguous"), "{cell}: {why}");
        }
        assert_eq!(
            figure("1,234,567", Metric::ExpenditureCurrent).unwrap(),
            d("1234567")
        );
        assert!(figure("n/a", share).is_err());
        assert!(figure("-1", share).is_err());
    }
}
