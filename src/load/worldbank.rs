//! The World Bank's WDI bulk CSV downloads (`API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_….csv`)
//! and their companion country metadata (`Metadata_Country_….csv`).
//!
//! A data file starts with a few metadata lines (`"Data Source","World Development
//! Indicators"`, `"Last Updated Date","2023-09-19"`), then the header `"Country Name",
//! "Country Code","Indicator Name","Indicator Code","1960",…`, one row per economy or
//! aggregate with the years as columns. Every line ends with a comma (an extra, empty
//! column). The same file re-saved by Excel (quotes stripped, metadata lines padded with
//! commas, no trailing empty column, a localised date) reads the same.
//!
//! The rules, in the crate's terms (see also [`crate::load`]):
//!
//! - The indicator code picks the metric: `MS.MIL.XPND.GD.ZS` is `share_of_gdp`,
//!   `MS.MIL.XPND.ZS` is `share_of_government`, `MS.MIL.XPND.CD` (US dollars) is
//!   `expenditure_current` converted to millions exactly. Any other code is an error.
//! - A code is a country when the country metadata loaded with it gives it a region and
//!   it is an ISO 3166-1 alpha-3 code; without metadata for the code, when it is an ISO
//!   code. Anything else (`WLD`, `EUU`, Kosovo's `XKX`) is an aggregate `WB_<code>`.
//! - One source per file: `worldbank-<indicator code>-<last updated date>`.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Loc};
use crate::load::fields::{
    csv_error, dollars_to_millions, out_of_range, parse_decimal_sci, parse_unambiguous_date,
    parse_year, strip_bom, utf8_field, Lines,
};
use crate::load::{limits, Format};
use crate::model::{Aggregate, AggregateId, CountryCode, Entity, Metric, Source, SourceId};

/// The first columns of a data file's header, before the years.
const HEADER: [&str; 4] = [
    "Country Name",
    "Country Code",
    "Indicator Name",
    "Indicator Code",
];
const DATA_SOURCE: &str = "Data Source";
const LAST_UPDATED: &str = "Last Updated Date";

/// The columns of the country metadata file.
const META_CODE: &str = "Country Code";
const META_REGION: &str = "Region";
const META_INCOME: &str = "IncomeGroup";
const META_NOTES: &str = "SpecialNotes";
const META_NAME: &str = "TableName";
const META_COLUMNS: [&str; 5] = [META_CODE, META_REGION, META_INCOME, META_NOTES, META_NAME];

/// The indicators this loader reads: code, metric, and whether the values are US dollars
/// (to be converted to millions).
const INDICATORS: [(&str, Metric, bool); 3] = [
    ("MS.MIL.XPND.GD.ZS", Metric::ShareOfGdp, false),
    ("MS.MIL.XPND.CD", Metric::ExpenditureCurrent, true),
    ("MS.MIL.XPND.ZS", Metric::ShareOfGovernment, false),
];

/// The id of the source the country metadata file defines.
const METADATA_SOURCE: &str = "worldbank-country-metadata";

/// The columns of the indicator metadata file.
const INDICATOR_COLUMNS: [&str; 4] = [
    "INDICATOR_CODE",
    "INDICATOR_NAME",
    "SOURCE_NOTE",
    "SOURCE_ORGANIZATION",
];

/// Which of the World Bank's files a header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A bulk data file.
    Data,
    /// Its `Metadata_Country` companion.
    Metadata,
    /// Its `Metadata_Indicator` companion.
    Indicator,
}

/// Recognises a World Bank file from its first line's fields (quotes stripped).
pub(crate) fn detect(first_line: &[&str]) -> Option<Kind> {
    if first_line.first() == Some(&DATA_SOURCE) || first_line.get(..4) == Some(&HEADER[..]) {
        Some(Kind::Data)
    } else if first_line.get(..3) == Some(&META_COLUMNS[..3]) {
        Some(Kind::Metadata)
    } else if first_line.get(..2) == Some(&INDICATOR_COLUMNS[..2]) {
        Some(Kind::Indicator)
    } else {
        None
    }
}

/// One of the World Bank's files, as a [`FileFormat`](crate::load::FileFormat).
pub(crate) struct WorldBank(Kind);

/// The World Bank's bulk data CSV.
pub(crate) const DATA: WorldBank = WorldBank(Kind::Data);
/// The World Bank's country metadata CSV.
pub(crate) const COUNTRY_METADATA: WorldBank = WorldBank(Kind::Metadata);
/// The World Bank's indicator metadata CSV.
pub(crate) const INDICATOR_METADATA: WorldBank = WorldBank(Kind::Indicator);

impl WorldBank {
    fn format(&self) -> Format {
        match self.0 {
            Kind::Data => Format::WorldBank,
            Kind::Metadata => Format::WorldBankMetadata,
            Kind::Indicator => Format::WorldBankIndicator,
        }
    }
}

impl crate::load::FileFormat for WorldBank {
    fn recognise(&self, head: &crate::load::Head<'_>) -> Result<Option<Format>> {
        Ok((detect(&head.header()) == Some(self.0)).then(|| self.format()))
    }

    fn reads(&self, format: Format) -> bool {
        format == self.format()
    }

    fn name(&self, _: Format) -> String {
        match self.0 {
            Kind::Data => "World Bank WDI bulk CSV",
            Kind::Metadata => "World Bank WDI country metadata CSV",
            Kind::Indicator => "World Bank WDI indicator metadata CSV",
        }
        .to_owned()
    }

    fn expected(&self) -> Option<String> {
        Some(match self.0 {
            Kind::Data => format!(
                "a World Bank WDI bulk CSV (first line \"{DATA_SOURCE}\",\"World Development \
                 Indicators\", or the header {})",
                HEADER.join(", ")
            ),
            Kind::Metadata => format!(
                "a World Bank country metadata CSV (columns {})",
                META_COLUMNS.join(", ")
            ),
            Kind::Indicator => format!(
                "a World Bank indicator metadata CSV (columns {})",
                INDICATOR_COLUMNS.join(", ")
            ),
        })
    }

    fn order(&self, _: Format) -> usize {
        // The metadata after the crate's own files (aggregates), before the data they
        // describe.
        match self.0 {
            Kind::Metadata => 10,
            Kind::Indicator => 11,
            Kind::Data => 20,
        }
    }

    fn read(
        &self,
        cx: &mut crate::load::Context<'_, '_>,
        _: Format,
        input: crate::load::Input<'_>,
    ) -> Result<()> {
        let bytes = input.bytes()?;
        match self.0 {
            Kind::Data => read(cx.builder, cx.file, &bytes),
            Kind::Metadata => read_metadata(cx.builder, cx.file, &bytes),
            Kind::Indicator => read_indicators(cx.builder, cx.file, &bytes),
        }
    }
}

/// What the metadata files of a load say: about each code (country metadata), about
/// each indicator (indicator metadata).
#[derive(Debug, Default)]
pub(crate) struct CountryMetadata {
    /// Code → true for an aggregate (its Region is empty).
    aggregate: HashMap<String, bool>,
    /// Indicator code → what its metadata file says.
    indicators: HashMap<String, Indicator>,
}

/// What an indicator metadata file says about an indicator.
#[derive(Debug, Clone, Default)]
struct Indicator {
    name: String,
    note: String,
    organisation: String,
    /// The file and line it was read from.
    from: String,
}

/// A field's trimmed text, or an error at the line and column.
fn text(record: &csv::ByteRecord, i: usize, at: impl FnOnce() -> Position) -> Result<&str> {
    utf8_field(record.get(i).unwrap_or_default(), at)
}

/// True if every field of the record is empty or white space (a blank line, or one of
/// Excel's padded ones).
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

/// Reads the next record; false at the end.
fn next(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
    file: &Path,
) -> Result<bool> {
    let more = reader
        .read_byte_record(record)
        .map_err(|e| csv_error(file, &e))?;
    limits::check_record(file, record, || {
        Position::file(file).at_byte(crate::load::fields::record_byte(record))
    })?;
    Ok(more)
}

/// The aggregate id of a World Bank code: `WB_<code>`.
fn aggregate_id(code: &str, at: impl FnOnce() -> Position) -> Result<AggregateId> {
    format!("WB_{code}").parse().map_err(|_| {
        Error::new(
            at(),
            ErrorKind::InvalidValue {
                value: code.to_owned(),
                reason: "not a World Bank code (capital letters and digits, such as WLD)"
                    .to_owned(),
            },
        )
    })
}

/// A WDI bulk CSV's spending figures, read into `builder`.
pub(crate) fn read(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    let file_id = builder.add_file(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let mut lines = Lines::new(strip_bom(bytes));
    let mut record = csv::ByteRecord::new();
    let at_line = |line: u64| Position::file(file).at_line(line);

    // The metadata lines, up to the header.
    let mut data_source: Option<String> = None;
    let mut updated: Option<String> = None;
    loop {
        if !next(&mut reader, &mut record, file)? {
            return Err(Error::new(
                Position::file(file),
                ErrorKind::MissingColumn(format!(
                    "the header line ({}, then the years) was not found",
                    HEADER.join(", ")
                )),
            ));
        }
        let line = lines.of(&record);
        let mut fields = Vec::with_capacity(2);
        for (i, raw) in record.iter().enumerate() {
            let f = utf8_field(raw, || at_line(line).at_column((i + 1).to_string()))?;
            if !f.is_empty() {
                fields.push(f);
            }
        }
        match fields.as_slice() {
            [] => continue,
            [first, ..] if *first == HEADER[0] => break,
            [DATA_SOURCE, value] => data_source = Some((*value).to_owned()),
            [LAST_UPDATED, value] => updated = Some((*value).to_owned()),
            [first, ..] => {
                return Err(Error::new(
                    at_line(line).at_column("1"),
                    ErrorKind::InvalidValue {
                        value: (*first).to_owned(),
                        reason: format!(
                            "an unexpected line before the header: expected \"{DATA_SOURCE}\", \
                             \"{LAST_UPDATED}\" (each with one value) or the header \"{}\"",
                            HEADER.join("\",\"")
                        ),
                    },
                ))
            }
        }
    }

    // The header: the four named columns, then one column per year, then empty ones.
    let header_line = lines.of(&record);
    let at_header = |column: &str| at_line(header_line).at_column(column);
    for (i, want) in HEADER.iter().enumerate() {
        let got = text(&record, i, || at_header(want))?;
        if got != *want {
            return Err(Error::new(
                at_line(header_line).at_column((i + 1).to_string()),
                ErrorKind::MissingColumn(format!(
                    "{want} (column {} of the header, found {got:?})",
                    i + 1
                )),
            ));
        }
    }
    let mut years: Vec<(u16, String)> = Vec::new();
    let mut ended = false;
    for i in HEADER.len()..record.len() {
        let name = text(&record, i, || at_header(&(i + 1).to_string()))?;
        if name.is_empty() {
            ended = true;
            continue;
        }
        if ended {
            return Err(Error::new(
                at_header(name),
                ErrorKind::InvalidValue {
                    value: name.to_owned(),
                    reason: "a column after an unnamed one: the years must be contiguous"
                        .to_owned(),
                },
            ));
        }
        let year = parse_year(name).map_err(|reason| {
            Error::new(
                at_header(name),
                ErrorKind::InvalidValue {
                    value: name.to_owned(),
                    reason: format!("a year column's header must be a year: {reason}"),
                },
            )
        })?;
        if years.iter().any(|(y, _)| *y == year) {
            return Err(Error::new(
                at_header(name),
                ErrorKind::DuplicateColumn(name.to_owned()),
            ));
        }
        years.push((year, name.to_owned()));
    }
    let header_len = record.len();
    let width = HEADER.len() + years.len();
    let column_name = |i: usize| -> String {
        match HEADER.get(i) {
            Some(h) => (*h).to_owned(),
            None => years
                .get(i - HEADER.len())
                .map_or_else(|| (i + 1).to_string(), |(_, n)| n.clone()),
        }
    };

    // The rows.
    let mut indicator: Option<(String, Metric, bool, SourceId)> = None;
    let mut seen: HashMap<String, u64> = HashMap::new();
    while next(&mut reader, &mut record, file)? {
        if is_blank(&record) {
            continue;
        }
        let line = lines.of(&record);
        let at = |i: usize| at_line(line).at_column(column_name(i));
        if record.len() < width {
            return Err(Error::new(
                at(record.len()),
                ErrorKind::Csv(format!(
                    "this row has {} fields, the header has {header_len}: column `{}` and \
                     after are missing",
                    record.len(),
                    column_name(record.len())
                )),
            ));
        }
        for (i, raw) in record.iter().enumerate().skip(width) {
            if !raw.iter().all(u8::is_ascii_whitespace) {
                return Err(Error::new(
                    at_line(line).at_column((i + 1).to_string()),
                    ErrorKind::Csv(format!(
                        "this row has a value in field {}, after the last year column \
                         (the header has {header_len} fields)",
                        i + 1
                    )),
                ));
            }
        }
        let name = text(&record, 0, || at(0))?;
        let code = text(&record, 1, || at(1))?;
        let indicator_name = text(&record, 2, || at(2))?;
        let indicator_code = text(&record, 3, || at(3))?;
        if code.is_empty() {
            return Err(Error::new(at(1), ErrorKind::Empty));
        }

        // The first row names the indicator, and so the metric and the source.
        let (metric, dollars, source) = match &indicator {
            Some((first, metric, dollars, source)) => {
                if first != indicator_code {
                    return Err(Error::new(
                        at(3),
                        ErrorKind::InvalidValue {
                            value: indicator_code.to_owned(),
                            reason: format!(
                                "this file's first row is indicator {first}: a WDI bulk file \
                                 holds one indicator"
                            ),
                        },
                    ));
                }
                (*metric, *dollars, *source)
            }
            None => {
                let Some((_, metric, dollars)) =
                    INDICATORS.iter().find(|(c, _, _)| *c == indicator_code)
                else {
                    return Err(Error::new(
                        at(3),
                        ErrorKind::InvalidValue {
                            value: indicator_code.to_owned(),
                            reason: format!(
                                "not an indicator this crate reads; known: {}",
                                INDICATORS
                                    .iter()
                                    .map(|(c, m, _)| format!("{c} ({m})"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        },
                    ));
                };
                let source = define_source(
                    builder,
                    indicator_code,
                    indicator_name,
                    data_source.as_deref(),
                    updated.as_deref(),
                    Loc {
                        file: file_id,
                        line,
                    },
                )
                .map_err(|reason| {
                    Error::new(
                        at(3),
                        ErrorKind::InvalidValue {
                            value: indicator_code.to_owned(),
                            reason,
                        },
                    )
                })?;
                indicator = Some((indicator_code.to_owned(), *metric, *dollars, source));
                (*metric, *dollars, source)
            }
        };

        if let Some(first) = seen.insert(code.to_owned(), line) {
            return Err(Error::new(
                at(1),
                ErrorKind::Duplicate {
                    key: format!("{code} (a row of every year) from source {source}"),
                    first: at_line(first).at_column(HEADER[1]),
                },
            ));
        }
        let loc = Loc {
            file: file_id,
            line,
        };
        let entity = match builder.worldbank.aggregate.get(code) {
            Some(false) | None => CountryCode::lookup(code).map(Entity::Country),
            Some(true) => None,
        };
        let entity = match entity {
            Some(e) => e,
            None => {
                let id = aggregate_id(code, || at(1))?;
                let description = match builder.worldbank.aggregate.get(code) {
                    Some(true) => format!(
                        "World Bank aggregate {code} (the country metadata gives it no region)"
                    ),
                    Some(false) => {
                        format!("World Bank economy {code}, which has no ISO 3166-1 alpha-3 code")
                    }
                    None => format!(
                        "World Bank code {code}: not an ISO 3166-1 alpha-3 code (an aggregate \
                         of economies, or an economy without an ISO code such as Kosovo)"
                    ),
                };
                builder.define_aggregate(
                    Aggregate {
                        id,
                        name: if name.is_empty() { code } else { name }.to_owned(),
                        description,
                        source,
                    },
                    loc,
                );
                Entity::Aggregate(id)
            }
        };

        for (k, (year, _)) in years.iter().enumerate() {
            let i = HEADER.len() + k;
            let s = text(&record, i, || at(i))?;
            if s.is_empty() {
                continue;
            }
            let invalid = |reason: String| {
                Error::new(
                    at(i),
                    ErrorKind::InvalidValue {
                        value: s.to_owned(),
                        reason,
                    },
                )
            };
            let mut value: Decimal = parse_decimal_sci(s).map_err(invalid)?;
            if dollars {
                value = dollars_to_millions(value).map_err(invalid)?;
            }
            if let Some(why) = out_of_range(value, metric.range()) {
                return Err(invalid(why.to_owned()));
            }
            let mut r = crate::model::SpendingRecord::new(entity, *year, source);
            r.set(metric, Some(value));
            builder.push_spending(r, loc);
        }
    }
    Ok(())
}

/// Defines the source of a data file; its id.
fn define_source(
    builder: &mut Builder,
    indicator_code: &str,
    indicator_name: &str,
    data_source: Option<&str>,
    updated: Option<&str>,
    loc: Loc,
) -> std::result::Result<SourceId, String> {
    let published = updated.and_then(parse_unambiguous_date);
    let id = match (published, updated) {
        (Some(d), _) => format!("worldbank-{indicator_code}-{d}"),
        (None, Some(text)) => format!("worldbank-{indicator_code}-{text}"),
        (None, None) => format!("worldbank-{indicator_code}"),
    };
    let id: SourceId = id
        .parse()
        .map_err(|e| format!("cannot make a source id of it: {e}"))?;
    let mut note = format!(
        "{} bulk CSV download",
        data_source.unwrap_or("World Development Indicators")
    );
    match (published, updated) {
        (None, Some(text)) => note.push_str(&format!(
            "; last updated {text:?} (as printed: not an unambiguous date)"
        )),
        (_, None) => note.push_str("; no last updated date in the file"),
        _ => {}
    }
    let described = builder.worldbank.indicators.get(indicator_code).cloned();
    if let Some(d) = &described {
        if !d.note.is_empty() {
            note.push_str(&format!(
                ". The World Bank's note on the indicator: {}",
                d.note
            ));
        }
        if !d.organisation.is_empty() {
            note.push_str(&format!(
                ". Source organisation, as the World Bank names it: {}",
                d.organisation
            ));
        }
        note.push_str(&format!(" (from its indicator metadata, {})", d.from));
    }
    let title = match &described {
        Some(d) if !d.name.is_empty() => d.name.as_str(),
        _ if indicator_name.is_empty() => indicator_code,
        _ => indicator_name,
    };
    builder.define_source(
        Source {
            id,
            publisher: "World Bank".to_owned(),
            title: title.to_owned(),
            url: Some(format!(
                "https://data.worldbank.org/indicator/{indicator_code}"
            )),
            published,
            note: Some(note),
        },
        loc,
    );
    Ok(id)
}

/// Where each of `columns` is in a metadata file's header `record` (a header may list
/// them in any order and leave some out), and the header's width up to its last named
/// field (the World Bank ends every line with a comma); an unknown or repeated column is
/// an error at line 1.
fn header_columns<const N: usize>(
    file: &Path,
    record: &csv::ByteRecord,
    columns: &[&str; N],
) -> Result<([Option<usize>; N], usize)> {
    let at_line_1 = || Position::file(file).at_line(1);
    let mut index: [Option<usize>; N] = [None; N];
    let mut header_len = 0;
    for (i, raw) in record.iter().enumerate() {
        let name = utf8_field(raw, || at_line_1().at_column((i + 1).to_string()))?;
        if name.is_empty() {
            continue;
        }
        header_len = i + 1;
        let Some(k) = columns.iter().position(|c| *c == name) else {
            return Err(Error::new(
                at_line_1().at_column(name),
                ErrorKind::UnknownColumn {
                    column: name.to_owned(),
                    expected: columns.join(", "),
                },
            ));
        };
        match index.get_mut(k) {
            Some(Some(_)) => {
                return Err(Error::new(
                    at_line_1().at_column(name),
                    ErrorKind::DuplicateColumn(name.to_owned()),
                ))
            }
            Some(slot) => *slot = Some(i),
            None => {}
        }
    }
    Ok((index, header_len))
}

/// A `Metadata_Country` file, read into `builder`: which codes are aggregates (for the
/// data files of the same load) and the names of the aggregates and of the economies
/// without an ISO code.
pub(crate) fn read_metadata(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    let file_id = builder.add_file(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let mut lines = Lines::new(strip_bom(bytes));
    let mut record = csv::ByteRecord::new();
    let at_line = |line: u64| Position::file(file).at_line(line);
    if !next(&mut reader, &mut record, file)? {
        return Err(Error::new(
            at_line(1),
            ErrorKind::MissingColumn(META_CODE.to_owned()),
        ));
    }
    let (index, header_len) = header_columns(file, &record, &META_COLUMNS)?;
    for (k, name) in META_COLUMNS.iter().enumerate() {
        let required = matches!(*name, META_CODE | META_REGION | META_NAME);
        if required && index.get(k).copied().flatten().is_none() {
            return Err(Error::new(
                at_line(1),
                ErrorKind::MissingColumn((*name).to_owned()),
            ));
        }
    }
    let column_name = |i: usize| -> String {
        index
            .iter()
            .position(|x| *x == Some(i))
            .and_then(|k| META_COLUMNS.get(k))
            .map_or_else(|| (i + 1).to_string(), |n| (*n).to_owned())
    };

    let source: SourceId =
        METADATA_SOURCE
            .parse()
            .map_err(|e: crate::model::ParseSourceIdError| {
                Error::new(at_line(1), ErrorKind::Csv(e.to_string()))
            })?;
    builder.define_source(
        Source {
            id: source,
            publisher: "World Bank".to_owned(),
            title: "World Development Indicators: country metadata".to_owned(),
            url: None,
            published: None,
            note: Some(
                "The Metadata_Country file of a WDI bulk download: regions, income groups \
                 and notes; an empty Region marks an aggregate"
                    .to_owned(),
            ),
        },
        Loc {
            file: file_id,
            line: 1,
        },
    );

    let mut seen: HashMap<String, u64> = HashMap::new();
    while next(&mut reader, &mut record, file)? {
        if is_blank(&record) {
            continue;
        }
        let line = lines.of(&record);
        if record.len() < header_len {
            return Err(Error::new(
                at_line(line).at_column(column_name(record.len())),
                ErrorKind::Csv(format!(
                    "this row has {} fields, the header has {header_len}",
                    record.len()
                )),
            ));
        }
        crate::load::fields::nothing_past(&record, header_len, || at_line(line))?;
        let field = |k: usize| -> Result<&str> {
            match index.get(k).copied().flatten() {
                Some(i) => text(&record, i, || at_line(line).at_column(column_name(i))),
                None => Ok(""),
            }
        };
        let (code, region, income, notes, name) =
            (field(0)?, field(1)?, field(2)?, field(3)?, field(4)?);
        if code.is_empty() {
            return Err(Error::new(
                at_line(line).at_column(META_CODE),
                ErrorKind::Empty,
            ));
        }
        if let Some(first) = seen.insert(code.to_owned(), line) {
            return Err(Error::new(
                at_line(line).at_column(META_CODE),
                ErrorKind::Duplicate {
                    key: code.to_owned(),
                    first: at_line(first).at_column(META_CODE),
                },
            ));
        }
        let aggregate = region.is_empty();
        builder
            .worldbank
            .aggregate
            .insert(code.to_owned(), aggregate);
        if !aggregate && CountryCode::lookup(code).is_some() {
            continue;
        }
        let id = aggregate_id(code, || at_line(line).at_column(META_CODE))?;
        let mut description = if aggregate {
            format!("World Bank aggregate {code}")
        } else {
            format!(
                "World Bank economy {code}, which has no ISO 3166-1 alpha-3 code; region: \
                 {region}; income group: {income}"
            )
        };
        if !notes.is_empty() {
            description.push_str(": ");
            description.push_str(notes);
        }
        builder.define_aggregate(
            Aggregate {
                id,
                name: if name.is_empty() { code } else { name }.to_owned(),
                description,
                source,
            },
            Loc {
                file: file_id,
                line,
            },
        );
    }
    Ok(())
}

/// A `Metadata_Indicator` file, read into `builder`: what it says about each indicator
/// (its name, note and source organisation) goes into the source of the data files of
/// the same load that hold the indicator.
pub(crate) fn read_indicators(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    builder.add_file(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let mut lines = Lines::new(strip_bom(bytes));
    let mut record = csv::ByteRecord::new();
    let at_line = |line: u64| Position::file(file).at_line(line);
    if !next(&mut reader, &mut record, file)? {
        return Err(Error::new(
            at_line(1),
            ErrorKind::MissingColumn(INDICATOR_COLUMNS[0].to_owned()),
        ));
    }
    let (index, header_len) = header_columns(file, &record, &INDICATOR_COLUMNS)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    while next(&mut reader, &mut record, file)? {
        if is_blank(&record) {
            continue;
        }
        let line = lines.of(&record);
        crate::load::fields::nothing_past(&record, header_len, || at_line(line))?;
        let field = |k: usize| -> Result<String> {
            match index.get(k).copied().flatten() {
                Some(i) => text(&record, i, || {
                    at_line(line).at_column(INDICATOR_COLUMNS.get(k).copied().unwrap_or(""))
                })
                .map(str::to_owned),
                None => Ok(String::new()),
            }
        };
        let code = field(0)?;
        if code.is_empty() {
            return Err(Error::new(
                at_line(line).at_column(INDICATOR_COLUMNS[0]),
                ErrorKind::Empty,
            ));
        }
        if let Some(first) = seen.insert(code.clone(), line) {
            return Err(Error::new(
                at_line(line).at_column(INDICATOR_COLUMNS[0]),
                ErrorKind::Duplicate {
                    key: code,
                    first: at_line(first).at_column(INDICATOR_COLUMNS[0]),
                },
            ));
        }
        let from = format!(
            "{}, line {line}",
            file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        );
        builder.worldbank.indicators.insert(
            code,
            Indicator {
                name: field(1)?,
                note: field(2)?,
                organisation: field(3)?,
                from,
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_indicators_name_their_metric() {
        assert_eq!(INDICATORS[0].1.name(), "share_of_gdp");
        assert_eq!(INDICATORS[1].1.name(), "expenditure_current");
        assert_eq!(INDICATORS[2].1.name(), "share_of_government");
    }

    #[test]
    fn detection_looks_at_the_first_line() {
        assert_eq!(
            detect(&["Data Source", "World Development Indicators", ""]),
            Some(Kind::Data)
        );
        assert_eq!(detect(&HEADER), Some(Kind::Data));
        assert_eq!(detect(&META_COLUMNS), Some(Kind::Metadata));
        assert_eq!(detect(&["Entity", "Code", "Year"]), None);
    }
}
