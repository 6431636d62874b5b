//! Our World in Data's grapher CSV downloads: `Entity,Code,Year,<value column>`, and
//! optionally `World region according to OWID` (whose values are ignored).
//!
//! The value column's name says what the values are; see [`VALUE_COLUMNS`] for the names
//! this loader maps to the crate's metrics, and [`value_column`] for the rules. Codes are
//! ISO 3166-1 alpha-3 (a country), OWID's own `OWID_*` codes (kept as the aggregate id
//! `OWID_KOS`, never a country), or empty (an entity named only, such as `European Union
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

/// The region column of recent exports, which is not a figure.
const REGION: &str = "World region according to OWID";

/// How a value column is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueColumn {
    /// The values are `metric` in the crate's unit (percent).
    Same(Metric),
    /// The values are US dollars at constant prices of a base year; the metric is
    /// `expenditure_constant` in millions.
    ConstantDollars {
        /// The price base year.
        base_year: u16,
    },
    /// A known column this loader does not read, and why.
    Rejected(&'static str),
}

/// The value columns known by name, as OWID's grapher exports spell them (verified in
/// the exports and in OWID's importer code):
///
/// - `military_expenditure_share_gdp` (the 2022-style `military-expenditure-share-gdp`
///   chart) and `Military expenditure (% of GDP)` (`military-spending-as-a-share-of-gdp-
///   sipri`): percent of GDP.
/// - `Military expenditure (% of government spending)`
///   (`military-expenditure-as-a-share-of-government-spending`): percent.
/// - `Military expenditure (constant US$)` (`military-spending-sipri`) and
///   `military_expenditure` (the 2022-style total): dollars at constant prices of a base
///   year the name does not give, so rejected rather than guessed.
/// - `military_expenditure_per_capita`: constant-price dollars per person; the model only
///   holds per-capita figures at current prices, so rejected.
pub(crate) const VALUE_COLUMNS: &[(&str, ValueColumn)] = &[
    (
        "military_expenditure_share_gdp",
        ValueColumn::Same(Metric::ShareOfGdp),
    ),
    (
        "Military expenditure (% of GDP)",
        ValueColumn::Same(Metric::ShareOfGdp),
    ),
    (
        "Military expenditure (% of government spending)",
        ValueColumn::Same(Metric::ShareOfGovernment),
    ),
    (
        "Military expenditure (constant US$)",
        ValueColumn::Rejected(
            "constant US dollars of a price base year that the column name does not state \
             (OWID's chart says it in its notes only); the crate does not guess a base year",
        ),
    ),
    (
        "military_expenditure",
        ValueColumn::Rejected(
            "constant US dollars of a price base year that the column name does not state; \
             the crate does not guess a base year",
        ),
    ),
    (
        "military_expenditure_per_capita",
        ValueColumn::Rejected(
            "US dollars per person at constant prices, of a base year the name does not \
             state; the crate holds per-capita figures at current prices only",
        ),
    ),
];

/// The pattern of a constant-dollar column that names its base year.
const CONSTANT_PREFIX: &str = "Military expenditure (constant ";
const CONSTANT_SUFFIX: &str = " US$)";

/// How the value column `name` is read: a name in [`VALUE_COLUMNS`], or
/// `Military expenditure (constant YYYY US$)` (dollars at YYYY prices, read as
/// `expenditure_constant` in millions with `price_base_year` YYYY). Anything else is
/// unknown (`None`).
pub(crate) fn value_column(name: &str) -> Option<ValueColumn> {
    if let Some((_, v)) = VALUE_COLUMNS.iter().find(|(n, _)| *n == name) {
        return Some(*v);
    }
    let year = name
        .strip_prefix(CONSTANT_PREFIX)?
        .strip_suffix(CONSTANT_SUFFIX)?;
    if year.len() != 4 {
        return None;
    }
    parse_year(year)
        .ok()
        .map(|base_year| ValueColumn::ConstantDollars { base_year })
}

/// The value column names this loader reads, for error messages.
fn known_names() -> String {
    let mut names: Vec<String> = VALUE_COLUMNS
        .iter()
        .filter(|(_, v)| !matches!(v, ValueColumn::Rejected(_)))
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    names.push(format!("`{CONSTANT_PREFIX}YYYY{CONSTANT_SUFFIX}`"));
    names.join(", ")
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

/// A grapher CSV, read into `builder`.
///
/// `input` is the file without its byte order mark, read as a stream; `rows` is an
/// estimate of its rows. Rows are located by byte offset while they are read.
pub(crate) fn read<R: std::io::Read + Send>(
    builder: &mut Builder,
    file: &Path,
    input: R,
    rows: usize,
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
        if name == REGION {
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
                        "{}, one value column of: {}, and optionally `{REGION}`",
                        KEYS.join(", "),
                        known_names()
                    ),
                },
            ));
        };
        let (metric, dollars, base_year) = match reading {
            ValueColumn::Same(m) => (m, false, None),
            ValueColumn::ConstantDollars { base_year } => {
                (Metric::ExpenditureConstant, true, Some(base_year))
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
            ErrorKind::MissingColumn(format!("a value column (one of {})", known_names())),
        ));
    };
    let value_name = names.get(value_index).cloned().unwrap_or_default();
    let width = names.len();
    let source = define_source(builder, file, &value_name, file_id)?;

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
    let prepare = |record: Record<'_>| -> Option<(u16, Decimal)> {
        if record.len() != width || dollars {
            return None;
        }
        let year = year_bytes(record.get(2)?)?;
        let v = plain_figure(record.get(value_index)?, range)?;
        Some((year, v))
    };
    let each = |record: Record<'_>, prepared: Option<(u16, Decimal)>| -> Result<()> {
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

/// The year and the value of a row, or the error that says what is wrong with them.
fn read_year_and_value(
    record: Record<'_>,
    value_index: usize,
    dollars: bool,
    range: Range,
    at: &dyn Fn(usize) -> Position,
) -> Result<(u16, Decimal)> {
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
                return Err(Error::new(at(value_index), ErrorKind::Empty));
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
    Ok((year, v))
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
    } else {
        return Err(invalid(
            1,
            code,
            "neither an ISO 3166-1 alpha-3 country code nor one of Our World in Data's own \
             codes (OWID_…); an entity without a code leaves it empty",
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

/// Defines the file's source: `owid-<file stem>`, titled with the value column's name.
fn define_source(
    builder: &mut Builder,
    file: &Path,
    value_name: &str,
    file_id: usize,
) -> Result<SourceId> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(190)
        .collect();
    let id = if stem.is_empty() {
        "owid".to_owned()
    } else {
        format!("owid-{stem}")
    };
    let id: SourceId = id.parse().map_err(|e: crate::model::ParseSourceIdError| {
        Error::new(
            Position::file(file),
            ErrorKind::InvalidValue {
                value: id.clone(),
                reason: format!("cannot make a source id of the file's name: {e}"),
            },
        )
    })?;
    builder.define_source(
        Source {
            id,
            publisher: "Our World in Data".to_owned(),
            title: value_name.to_owned(),
            url: None,
            published: None,
            note: Some(format!(
                "Grapher CSV export read from {}; value column `{value_name}`",
                file.file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )),
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
        assert_eq!(
            value_column("Military expenditure (% of GDP)"),
            Some(ValueColumn::Same(Metric::ShareOfGdp))
        );
        assert_eq!(
            value_column("Military expenditure (constant 2023 US$)"),
            Some(ValueColumn::ConstantDollars { base_year: 2023 })
        );
        assert!(matches!(
            value_column("Military expenditure (constant US$)"),
            Some(ValueColumn::Rejected(_))
        ));
        assert_eq!(value_column("Military expenditure (constant 23 US$)"), None);
        assert_eq!(value_column("GDP"), None);
    }
}
