//! Our World in Data's grapher CSV downloads: `Entity,Code,Year,<value column>`, and
//! optionally `World region according to OWID` (whose values are ignored).
//!
//! The value column's name says what the values are, read by its meaning: see
//! [`value_column`] for the rules. Codes are
//! ISO 3166-1 alpha-3 (a country), OWID's own `OWID_*` codes (kept as the aggregate id
//! `OWID_KOS`, never a country), ISO 3166-3 codes of former countries (`ANT`, `SUN`: the
//! aggregate `FORMER_ANT` of [`names::former_country`](crate::names::former_country),
//! never a current country), or empty (an entity named only, such as `European Union
//! (SIPRI)`: an aggregate whose id is derived from its name, see [`derived_id`]).

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Loc};
use crate::load::fields::{
    dollars_to_millions, out_of_range, parse_decimal_sci, parse_year, plain_decimal, plain_figure,
    read_error, utf8_field, year_bytes,
};
use crate::load::pipeline::{self, Record};
use crate::model::spending::Range;
use crate::model::{Aggregate, AggregateId, CountryCode, Entity, Metric, Source, SourceId};

/// The first three columns.
const KEYS: [&str; 3] = ["Entity", "Code", "Year"];

/// The region column of recent exports, which is not a figure: `World region according
/// to OWID`, or in some exports `World regions according to OWID` (filled on one row per
/// entity).
const REGION: &str = "World region according to OWID";

/// True for the region column, in either spelling.
fn is_region(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n == "world region according to owid" || n == "world regions according to owid"
}

/// How a value column is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueColumn {
    /// The values are `metric` in the crate's unit (percent, US$ per person).
    Same(Metric),
    /// The values are US dollars (`metric` is `expenditure_current` or
    /// `expenditure_constant`, in millions); for constant prices, the base year if the
    /// column's title states it.
    Dollars {
        /// The metric.
        metric: Metric,
        /// The price base year the title states.
        base_year: Option<u16>,
    },
    /// A column recognised as a measure this crate does not hold, and why.
    Rejected(&'static str),
}

/// The value columns known by their short (2022-style) names, whose words alone do not
/// say the unit:
///
/// - `military_expenditure`: the 2022-style total, in US dollars at constant prices of
///   a base year the name does not give (OWID's chart notes give it).
/// - `military_expenditure_per_capita`: constant-price dollars per person; the model only
///   holds per-capita figures at current prices, so rejected.
const SHORT_NAMES: &[(&str, ValueColumn)] = &[
    (
        "military_expenditure",
        ValueColumn::Dollars {
            metric: Metric::ExpenditureConstant,
            base_year: None,
        },
    ),
    (
        "military_expenditure_per_capita",
        ValueColumn::Rejected(
            "US dollars per person at constant prices; the crate holds per-capita figures \
             at current prices only",
        ),
    ),
];

/// How the value column `name` is read, recognised by its meaning rather than a fixed
/// list of titles: a short name of [`SHORT_NAMES`], or a title that speaks of military
/// expenditure or spending and says which measure:
///
/// | the title says | read as |
/// |---|---|
/// | share, percentage or `%` of GDP | `share_of_gdp`, percent |
/// | share, percentage or `%` of government spending or expenditure | `share_of_government`, percent |
/// | per capita, current US$ | `per_capita_current` |
/// | per capita otherwise | rejected: the crate holds current-price per-capita figures only |
/// | constant US$ (`constant 2023 US$`, `constant (2022) US$`, `constant US$`) | `expenditure_constant`, dollars divided into millions, the base year where stated |
/// | current US$ | `expenditure_current`, dollars divided into millions |
///
/// The measure is read from the title's first parenthesis where it has one (`Military
/// expenditure (% of GDP) (SIPRI, 2024)`), so that long titles naming the method and
/// sources, with commas and nested parentheses, are read by their unit. `None` for a
/// title that is not about military expenditure or names no measure.
pub(crate) fn value_column(name: &str) -> Option<ValueColumn> {
    if let Some((_, v)) = SHORT_NAMES.iter().find(|(n, _)| *n == name.trim()) {
        return Some(*v);
    }
    let text = name.to_lowercase().replace(['_', '-', '–', '—'], " ");
    if !(text.contains("military") && (text.contains("expenditure") || text.contains("spending"))) {
        return None;
    }
    measure(first_parenthesis(&text)).or_else(|| measure(&text))
}

/// The text up to the end of its first parenthesis (nested ones included), or all of it.
fn first_parenthesis(text: &str) -> &str {
    let Some(open) = text.find('(') else {
        return text;
    };
    let mut depth = 0usize;
    for (i, c) in text.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return text.get(..=i).unwrap_or(text);
                }
            }
            _ => {}
        }
    }
    text
}

/// The measure a (lower-case) title names.
fn measure(text: &str) -> Option<ValueColumn> {
    let has = |w: &str| text.contains(w);
    let share = has("share") || has("%") || has("percent");
    let dollars = has("us$") || has("usd") || has("dollar");
    if has("per capita") || has("per person") {
        return Some(if has("current") && dollars {
            ValueColumn::Same(Metric::PerCapitaCurrent)
        } else {
            ValueColumn::Rejected(
                "US dollars per person at constant prices (or of an unstated price basis); \
                 the crate holds per-capita figures at current prices only",
            )
        });
    }
    if share && has("government") {
        return Some(ValueColumn::Same(Metric::ShareOfGovernment));
    }
    if share && has("gdp") {
        return Some(ValueColumn::Same(Metric::ShareOfGdp));
    }
    if dollars && has("constant") {
        return Some(ValueColumn::Dollars {
            metric: Metric::ExpenditureConstant,
            base_year: base_year_in(text),
        });
    }
    if dollars && has("current") {
        return Some(ValueColumn::Dollars {
            metric: Metric::ExpenditureCurrent,
            base_year: None,
        });
    }
    None
}

/// The base year a constant-price title states: the first four-digit year (1900-2100)
/// after `constant` (`constant 2023 us$`, `constant (2022) us$`).
pub(crate) fn base_year_in(text: &str) -> Option<u16> {
    let lower = text.to_lowercase();
    let after = lower.get(lower.find("constant")?..)?;
    after
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// The measures this loader reads, for error messages.
fn known_names() -> String {
    "a title about military expenditure or spending that names a share (or % or \
     percentage) of GDP, a share of government spending, constant or current US$, or US$ \
     per capita at current prices (such as `Military expenditure (% of GDP)`, \
     `military_expenditure_share_gdp`, `Military expenditure (constant 2023 US$)`), or \
     `military_expenditure` (constant US$)"
        .to_owned()
}

/// Recognises a grapher CSV from its first line's fields.
pub(crate) fn detect(first_line: &[&str]) -> bool {
    first_line.len() > KEYS.len() && first_line.get(..KEYS.len()) == Some(&KEYS[..])
}

/// What the format looks like, for the unknown-format error.
pub(crate) fn expected() -> String {
    format!(
        "an Our World in Data grapher CSV (columns {}, then one value column)",
        KEYS.join(", ")
    )
}

/// The aggregate id of an entity that OWID gives no code: `OWID_` and its name in
/// capitals, every run of other characters than ASCII letters and digits made one
/// underscore, at most 64 characters (`European Union (SIPRI)` →
/// `OWID_EUROPEAN_UNION_SIPRI`). `None` if the name has no ASCII letter or digit.
pub(crate) fn derived_id(name: &str) -> Option<AggregateId> {
    let mut id = String::from("OWID_");
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !id.ends_with('_') {
                id.push('_');
            }
            id.push(c.to_ascii_uppercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    if id.len() == "OWID_".len() {
        return None;
    }
    id.truncate(64);
    let id = id.trim_end_matches('_');
    id.parse().ok()
}

/// One file's entities: the distinct codes (and names, for rows without a code) met,
/// each resolved once.
#[derive(Default)]
struct Entities {
    list: Vec<Entity>,
    by_code: HashMap<Vec<u8>, u32>,
    by_name: HashMap<Vec<u8>, u32>,
    /// The name each non-ISO id was defined with, to catch two names giving one id.
    names: HashMap<AggregateId, String>,
}

/// Our World in Data's grapher CSV, as a [`FileFormat`](crate::load::FileFormat).
pub(crate) struct Owid;

/// Our World in Data's grapher CSV reader.
pub(crate) const OWID: Owid = Owid;

impl crate::load::FileFormat for Owid {
    fn recognise(&self, head: &crate::load::Head<'_>) -> Result<Option<crate::load::Format>> {
        Ok(detect(&head.header()).then_some(crate::load::Format::Owid))
    }

    fn reads(&self, format: crate::load::Format) -> bool {
        format == crate::load::Format::Owid
    }

    fn name(&self, _: crate::load::Format) -> String {
        "Our World in Data grapher CSV".to_owned()
    }

    fn expected(&self) -> Option<String> {
        Some(expected())
    }

    fn order(&self, _: crate::load::Format) -> usize {
        20
    }

    fn read(
        &self,
        cx: &mut crate::load::Context<'_, '_>,
        _: crate::load::Format,
        input: crate::load::Input<'_>,
    ) -> Result<()> {
        let stream = input.stream()?;
        read(
            cx.builder,
            cx.file,
            stream,
            cx.rows,
            cx.options.get_price_base_year(),
        )
    }
}

/// A grapher CSV, read into `builder`.
///
/// `input` is the file without its byte order mark, read as a stream; `rows` is an
/// estimate of its rows; `base_year` the price base year the user stated, for a
/// constant-price column whose title does not state it. Rows are located by byte
/// offset while they are read.
pub(crate) fn read<R: std::io::Read + Send>(
    builder: &mut Builder,
    file: &Path,
    input: R,
    rows: usize,
    stated_base_year: Option<u16>,
) -> Result<()> {
    let file_id = builder.add_streamed_file(file);
    let mut reader = pipeline::Reader::new(input);
    let at_line = |line: u64| Position::file(file).at_line(line);
    let at_byte = |byte: u64| Position::file(file).at_byte(byte);
    let mut first = pipeline::Batch::default();
    reader.first(&mut first).map_err(|e| read_error(file, e))?;
    let Some(record) = first.first() else {
        return Err(Error::new(
            at_line(1),
            ErrorKind::MissingColumn(KEYS.join(", ")),
        ));
    };
    // The header.
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for (i, raw) in record.iter().enumerate() {
        names.push(utf8_field(raw, || at_line(1).at_column((i + 1).to_string()))?.to_owned());
    }
    for (i, key) in KEYS.iter().enumerate() {
        if names.get(i).map(String::as_str) != Some(*key) {
            return Err(Error::new(
                at_line(1),
                ErrorKind::MissingColumn(format!("{key} (column {} of the header)", i + 1)),
            ));
        }
    }
    let mut value: Option<(usize, Metric, bool, Option<u16>)> = None;
    let mut region = false;
    for (i, name) in names.iter().enumerate().skip(KEYS.len()) {
        let at = || at_line(1).at_column(name.as_str());
        if is_region(name) {
            if region {
                return Err(Error::new(at(), ErrorKind::DuplicateColumn(name.clone())));
            }
            region = true;
            continue;
        }
        let Some(reading) = value_column(name) else {
            return Err(Error::new(
                at(),
                ErrorKind::UnknownColumn {
                    column: name.clone(),
                    expected: format!(
                        "{}, one value column: {}; and optionally `{REGION}`",
                        KEYS.join(", "),
                        known_names()
                    ),
                },
            ));
        };
        let (metric, dollars, base_year) = match reading {
            ValueColumn::Same(m) => (m, false, None),
            ValueColumn::Dollars { metric, base_year } => {
                let base_year = match (base_year, stated_base_year) {
                    (Some(file), Some(stated)) if file != stated => {
                        return Err(Error::new(
                            at(),
                            ErrorKind::InvalidValue {
                                value: name.clone(),
                                reason: format!(
                                    "the column's title says constant prices of {file}, the \
                                     load options say {stated}: leave the option out, or \
                                     load the file it is meant for"
                                ),
                            },
                        ));
                    }
                    (Some(file), _) => Some(file),
                    (None, stated) if metric.is_constant_price() => stated,
                    (None, _) => None,
                };
                (metric, true, base_year)
            }
            ValueColumn::Rejected(why) => {
                return Err(Error::new(
                    at(),
                    ErrorKind::InvalidValue {
                        value: name.clone(),
                        reason: format!(
                            "a value column this crate does not read: {why}; the columns it \
                         reads are {}",
                            known_names()
                        ),
                    },
                ))
            }
        };
        if let Some((first, ..)) = value {
            return Err(Error::new(
                at(),
                ErrorKind::InvalidValue {
                    value: name.clone(),
                    reason: format!(
                        "a second value column (the first is `{}`): this crate reads one \
                         indicator per grapher CSV",
                        names.get(first).map_or("", String::as_str)
                    ),
                },
            ));
        }
        value = Some((i, metric, dollars, base_year));
    }
    let Some((value_index, metric, dollars, base_year)) = value else {
        return Err(Error::new(
            at_line(1),
            ErrorKind::MissingColumn(format!("a value column ({})", known_names())),
        ));
    };
    let value_name = names.get(value_index).cloned().unwrap_or_default();
    let width = names.len();
    let source = define_source(builder, file, &value_name, metric, base_year, file_id)?;

    let mut entities = Entities::default();
    // Rows of one entity come together: the previous row's entity is tried first.
    let mut last: Option<(Vec<u8>, Vec<u8>, u32)> = None;
    // Room for the rows, estimated from the header's share of the file.
    builder.reserve_spending(rows);
    let column = |i: usize| {
        names
            .get(i)
            .map_or_else(|| (i + 1).to_string(), Clone::clone)
    };
    // The header is read; the rows are split on every core if the file is large.
    let parallel = pipeline::worth_a_thread(rows);
    // On the worker threads: the year and the value, where both are plain (`None`
    // otherwise, or if the row is not well formed: the row is then read again below,
    // which says what is wrong).
    let range = metric.range();
    let prepare = |record: Record<'_>| -> Option<(u16, Option<Decimal>)> {
        if record.len() != width || dollars {
            return None;
        }
        let year = year_bytes(record.get(2)?)?;
        let v = plain_figure(record.get(value_index)?, range)?;
        Some((year, Some(v)))
    };
    let each = |record: Record<'_>, prepared: Option<(u16, Option<Decimal>)>| -> Result<()> {
        let byte = record.byte();
        let at = |i: usize| at_byte(byte).at_column(column(i));
        // A prepared row has the header's width (`prepare` checked it).
        if prepared.is_none() && record.len() != width {
            let (i, what) = if record.len() < width {
                (record.len(), "is missing")
            } else {
                (width, "is one too many")
            };
            return Err(Error::new(
                if record.len() < width {
                    at(i)
                } else {
                    at_byte(byte).at_column((i + 1).to_string())
                },
                ErrorKind::Csv(format!(
                    "this row has {} fields, the header has {width}: field {} {what}",
                    record.len(),
                    i + 1
                )),
            ));
        }
        let loc = Loc {
            file: file_id,
            line: byte,
        };
        let code = record.get(1).unwrap_or_default();
        let name = record.get(0).unwrap_or_default();
        let entity = match &last {
            Some((c, n, k))
                if c.as_slice() == code && (!code.is_empty() || n.as_slice() == name) =>
            {
                *k
            }
            _ => {
                let known = if code.is_empty() {
                    entities.by_name.get(name).copied()
                } else {
                    entities.by_code.get(code).copied()
                };
                let k = match known {
                    Some(k) => k,
                    None => resolve(builder, &mut entities, record, &source, loc, &at)?,
                };
                last = Some((code.to_vec(), name.to_vec(), k));
                k
            }
        };

        let (year, v) = match prepared {
            Some(both) => both,
            None => read_year_and_value(record, value_index, dollars, range, &at)?,
        };
        // An empty value is no figure (the plural-region exports have such rows).
        let Some(v) = v else {
            return Ok(());
        };
        let Some(e) = entities.list.get(entity as usize) else {
            return Ok(());
        };
        let mut r = crate::model::SpendingRecord::new(*e, year, source);
        if metric == Metric::ShareOfGdp {
            r.share_of_gdp = Some(v);
        } else {
            r.set(metric, Some(v));
            r.set_price_base_year(base_year);
        }
        builder.push_spending(r, loc);
        Ok(())
    };
    pipeline::for_each_row(reader, parallel, prepare, each, |e| read_error(file, e))
}

/// The year and the value of a row (`None` for an empty value: no figure), or the error
/// that says what is wrong with them.
fn read_year_and_value(
    record: Record<'_>,
    value_index: usize,
    dollars: bool,
    range: Range,
    at: &dyn Fn(usize) -> Position,
) -> Result<(u16, Option<Decimal>)> {
    let year_raw = record.get(2).unwrap_or_default();
    let year = match year_bytes(year_raw) {
        Some(y) => y,
        None => {
            let year_text = utf8_field(year_raw, || at(2))?;
            parse_year(year_text).map_err(|reason| {
                Error::new(
                    at(2),
                    ErrorKind::InvalidValue {
                        value: year_text.to_owned(),
                        reason,
                    },
                )
            })?
        }
    };
    let value_raw = record.get(value_index).unwrap_or_default();
    let v = match plain_decimal(value_raw).filter(|_| !dollars) {
        Some(v) => v,
        None => {
            let s = utf8_field(value_raw, || at(value_index))?;
            if s.is_empty() {
                return Ok((year, None));
            }
            let invalid = |reason: String| {
                Error::new(
                    at(value_index),
                    ErrorKind::InvalidValue {
                        value: s.to_owned(),
                        reason,
                    },
                )
            };
            let mut v = parse_decimal_sci(s).map_err(invalid)?;
            if dollars {
                v = dollars_to_millions(v).map_err(invalid)?;
            }
            v
        }
    };
    if let Some(why) = out_of_range(v, range) {
        let value = String::from_utf8_lossy(value_raw).trim().to_owned();
        return Err(Error::new(
            at(value_index),
            ErrorKind::InvalidValue {
                value,
                reason: why.to_owned(),
            },
        ));
    }
    Ok((year, Some(v)))
}

/// Resolves the entity of a row met for the first time; its index in `entities.list`.
fn resolve(
    builder: &mut Builder,
    entities: &mut Entities,
    record: Record<'_>,
    source: &SourceId,
    loc: Loc,
    at: &dyn Fn(usize) -> Position,
) -> Result<u32> {
    let name = utf8_field(record.get(0).unwrap_or_default(), || at(0))?;
    let code = utf8_field(record.get(1).unwrap_or_default(), || at(1))?;
    let invalid = |k: usize, value: &str, reason: &str| {
        Error::new(
            at(k),
            ErrorKind::InvalidValue {
                value: value.to_owned(),
                reason: reason.to_owned(),
            },
        )
    };
    let (entity, description) = if code.is_empty() {
        if name.is_empty() {
            return Err(Error::new(at(0), ErrorKind::Empty));
        }
        let id = derived_id(name).ok_or_else(|| {
            invalid(
                0,
                name,
                "an entity without a code needs a name with a letter or digit (its id is made \
                 from the name)",
            )
        })?;
        let description = format!(
            "An entity of Our World in Data without a code; the id is made from its name \
             {name:?}"
        );
        (Entity::Aggregate(id), Some(description))
    } else if code.starts_with("OWID_") {
        let id: AggregateId = code.parse().map_err(|_| {
            invalid(
                1,
                code,
                "not a well-formed OWID code (capitals, digits and underscores, like OWID_KOS)",
            )
        })?;
        let description = format!(
            "An entity of Our World in Data's own, code {code} (not an ISO 3166-1 alpha-3 code)"
        );
        (Entity::Aggregate(id), Some(description))
    } else if let Some(c) = CountryCode::lookup(code) {
        (Entity::Country(c), None)
    } else if let Some(former) = crate::names::former_country(code) {
        let id: AggregateId = former.aggregate.id.parse().map_err(|_| {
            invalid(
                1,
                code,
                "a former country's id the table of ids has no room for",
            )
        })?;
        (
            Entity::Aggregate(id),
            Some(former.aggregate.description.to_owned()),
        )
    } else {
        return Err(invalid(
            1,
            code,
            "neither an ISO 3166-1 alpha-3 country code nor one of Our World in Data's own \
             codes (OWID_…) nor an ISO 3166-3 code of a former country (ANT); an entity \
             without a code leaves it empty",
        ));
    };
    if let (Entity::Aggregate(id), Some(description)) = (&entity, description) {
        match entities.names.get(id) {
            Some(other) if other != name => {
                return Err(invalid(
                    if code.is_empty() { 0 } else { 1 },
                    if code.is_empty() { name } else { code },
                    &format!(
                        "gives the id {id}, which this file already uses for {other:?}: two \
                         entities cannot share an id"
                    ),
                ))
            }
            Some(_) => {}
            None => {
                entities.names.insert(*id, name.to_owned());
                builder.define_aggregate(
                    Aggregate {
                        id: *id,
                        name: name.to_owned(),
                        description,
                        source: *source,
                    },
                    loc,
                );
            }
        }
    }
    let k = u32::try_from(entities.list.len()).map_err(|_| {
        invalid(
            1,
            code,
            "more distinct entities than this loader holds in one file",
        )
    })?;
    entities.list.push(entity);
    if code.is_empty() {
        entities.by_name.insert(name.as_bytes().to_vec(), k);
    } else {
        entities.by_code.insert(code.as_bytes().to_vec(), k);
    }
    Ok(k)
}

/// Defines the file's source, with an id made from its content, never its name (so that
/// loading the same export under any name gives the same source, and a service loading
/// uploads mints no id per upload): `owid-` and the value column's title in lower case,
/// every run of other characters than ASCII letters and digits one hyphen, at most 100
/// characters (`Military expenditure (% of GDP)` gives
/// `owid-military-expenditure-of-gdp`). Titled with the value column's name.
fn define_source(
    builder: &mut Builder,
    file: &Path,
    value_name: &str,
    metric: Metric,
    base_year: Option<u16>,
    file_id: usize,
) -> Result<SourceId> {
    let mut slug = String::from("owid-");
    for c in value_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 100 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let id: SourceId = slug
        .parse()
        .map_err(|e: crate::model::ParseSourceIdError| {
            Error::new(
                Position::file(file),
                ErrorKind::InvalidValue {
                    value: value_name.to_owned(),
                    reason: format!("cannot make a source id of the value column's name: {e}"),
                },
            )
        })?;
    let mut note = format!(
        "Grapher CSV export; value column `{value_name}`, read as {metric} ({})",
        metric.unit()
    );
    if metric.is_constant_price() {
        note.push_str(&match base_year {
            Some(y) => format!(", constant prices of {y}"),
            None => ", constant prices of a base year neither the file nor the load options \
                      state: unknown, and never combined with figures of a known base year"
                .to_owned(),
        });
    }
    builder.define_source(
        Source {
            id,
            publisher: "Our World in Data".to_owned(),
            title: value_name.to_owned(),
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
    fn ids_derive_from_names() {
        let id = |s: &str| derived_id(s).map(|i| i.to_string());
        assert_eq!(
            id("European Union (SIPRI)").as_deref(),
            Some("OWID_EUROPEAN_UNION_SIPRI")
        );
        assert_eq!(
            id("  Côte d'Ivoire ").as_deref(),
            Some("OWID_C_TE_D_IVOIRE")
        );
        assert_eq!(id("(...)"), None);
        assert!(id(&"x".repeat(100)).unwrap().len() <= 64);
    }

    #[test]
    fn value_columns_map_to_metrics() {
        let constant = |base_year| {
            Some(ValueColumn::Dollars {
                metric: Metric::ExpenditureConstant,
                base_year,
            })
        };
        for (title, want) in [
            (
                "Military expenditure (% of GDP)",
                Some(ValueColumn::Same(Metric::ShareOfGdp)),
            ),
            (
                "military_expenditure_share_gdp",
                Some(ValueColumn::Same(Metric::ShareOfGdp)),
            ),
            (
                "Military spending as a share of GDP",
                Some(ValueColumn::Same(Metric::ShareOfGdp)),
            ),
            (
                "Military expenditure (% of government spending)",
                Some(ValueColumn::Same(Metric::ShareOfGovernment)),
            ),
            (
                "Military expenditure (constant 2023 US$)",
                constant(Some(2023)),
            ),
            (
                "Military expenditure (constant (2022) US$)",
                constant(Some(2022)),
            ),
            ("Military expenditure (constant US$)", constant(None)),
            ("military_expenditure", constant(None)),
            (
                "Military expenditure (current US$)",
                Some(ValueColumn::Dollars {
                    metric: Metric::ExpenditureCurrent,
                    base_year: None,
                }),
            ),
            (
                "Military expenditure per capita (current US$)",
                Some(ValueColumn::Same(Metric::PerCapitaCurrent)),
            ),
            // A long title naming the method and sources: read by its first parenthesis.
            (
                "Military expenditure (constant US$) - Method: Global Military Spending \
                 Dataset (GMSD), and SIPRI (2024; deflated with GDP deflators, % change)",
                constant(None),
            ),
            (
                "Military expenditure (% of GDP) (Stockholm International Peace Research \
                 Institute (SIPRI), 2024, constant US$)",
                Some(ValueColumn::Same(Metric::ShareOfGdp)),
            ),
            ("GDP", None),
            ("Military expenditure", None),
            ("Share of GDP", None),
        ] {
            assert_eq!(value_column(title), want, "{title}");
        }
        assert!(matches!(
            value_column("military_expenditure_per_capita"),
            Some(ValueColumn::Rejected(_))
        ));
        assert!(matches!(
            value_column("Military expenditure per capita (constant US$)"),
            Some(ValueColumn::Rejected(_))
        ));
    }
}
