//! The crate's own CSV files: `sources.csv`, `members.csv`, `aggregates.csv`,
//! `spending.csv`, `pledges.csv`, `contracts.csv` and `aid.csv`.
//!
//! A file is recognised by its header, not its name, so `spending-2025.csv` is read as a
//! spending file. Columns may come in any order; optional columns may be left out; an
//! unknown column is an error (it is usually a misspelt one). The schema of each file is
//! documented in the crate's top-level docs and the README.

use std::path::Path;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::builder::{Builder, Loc};
use crate::load::fields::{opt, out_of_range, read_error, req, Column, Header, Row};
use crate::load::pipeline;
use crate::model::spending::Range;
use crate::model::{
    Aggregate, AidTotal, Amount, Bound, Contract, CountryCode, Entity, Member, Metric, Money,
    ParseCodeError, Pledge, PledgeKind, PledgeMetric, PledgeThreshold, Source, SpendingRecord,
    Timing,
};

/// The crate's own file kinds (the public [`NativeFile`](super::NativeFile)).
pub(crate) use super::NativeFile as Table;

const SOURCES: &[Column] = &[
    req("id"),
    req("publisher"),
    req("title"),
    opt("url"),
    opt("published"),
    opt("note"),
];

const MEMBERS: &[Column] = &[req("code"), req("name"), req("joined"), req("source")];

const AGGREGATES: &[Column] = &[req("id"), req("name"), req("description"), req("source")];

/// `country`, `year`, the metrics in [`Metric::ALL`] order, then the rest.
const SPENDING: &[Column] = &[
    req("country"),
    req("year"),
    opt("share_of_gdp"),
    opt("expenditure_current"),
    opt("expenditure_constant"),
    opt("gdp_current"),
    opt("gdp_constant"),
    opt("equipment_share"),
    opt("real_change"),
    opt("per_capita_current"),
    opt("share_of_government"),
    opt("price_base_year"),
    opt("estimate"),
    req("source"),
    // Written by `output::write_csv` beside the code, for people; not read.
    opt("name"),
];
const FIRST_METRIC: usize = 2;
const PRICE_BASE_YEAR: usize = FIRST_METRIC + Metric::ALL.len();

/// `metric`, `bound` and `low` are given together (a pledge with a figure) or left empty
/// together (a pledge that names none); `timing` may be left empty only by the latter.
const PLEDGES: &[Column] = &[
    req("id"),
    req("subject"),
    req("kind"),
    req("name"),
    opt("metric"),
    opt("bound"),
    opt("low"),
    opt("high"),
    opt("timing"),
    opt("year"),
    req("adopted"),
    opt("adopted_on"),
    req("made_by"),
    req("statement"),
    req("source"),
    opt("note"),
];

const CONTRACTS: &[Column] = &[
    req("id"),
    req("signed"),
    req("buyer"),
    opt("on_behalf_of"),
    opt("supplier"),
    req("system"),
    opt("quantity"),
    opt("route"),
    req("value"),
    req("currency"),
    req("qualifier"),
    req("source"),
    opt("note"),
];

const AID: &[Column] = &[
    req("id"),
    req("donor"),
    req("recipient"),
    req("kind"),
    req("basis"),
    req("amount"),
    req("currency"),
    req("qualifier"),
    opt("period_start"),
    opt("as_of"),
    req("source"),
    opt("note"),
];

impl Table {
    /// Every table, in the order a folder is best loaded.
    pub const ALL: [Table; 7] = [
        Table::Sources,
        Table::Members,
        Table::Aggregates,
        Table::Spending,
        Table::Pledges,
        Table::Contracts,
        Table::Aid,
    ];

    /// The file's usual name.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Sources => "sources.csv",
            Table::Members => "members.csv",
            Table::Aggregates => "aggregates.csv",
            Table::Spending => "spending.csv",
            Table::Pledges => "pledges.csv",
            Table::Contracts => "contracts.csv",
            Table::Aid => "aid.csv",
        }
    }

    /// The columns of the file.
    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            Table::Sources => SOURCES,
            Table::Members => MEMBERS,
            Table::Aggregates => AGGREGATES,
            Table::Spending => SPENDING,
            Table::Pledges => PLEDGES,
            Table::Contracts => CONTRACTS,
            Table::Aid => AID,
        }
    }

    /// The columns that identify the file kind.
    fn signature(self) -> &'static [&'static str] {
        match self {
            Table::Sources => &["id", "publisher", "title"],
            Table::Members => &["code", "name", "joined"],
            Table::Aggregates => &["id", "name", "description"],
            Table::Spending => &["country", "year"],
            Table::Pledges => &["id", "subject", "kind"],
            Table::Contracts => &["id", "signed", "buyer"],
            Table::Aid => &["id", "donor", "recipient"],
        }
    }

    /// Which of the crate's files a header belongs to, if any.
    pub(crate) fn detect(header: &[&str]) -> Option<Table> {
        Table::ALL
            .into_iter()
            .find(|t| t.signature().iter().all(|c| header.contains(c)))
    }

    /// A one-line description of what the file kinds look like, for error messages.
    pub(crate) fn expected() -> String {
        Table::ALL
            .iter()
            .map(|t| format!("{} (columns {})", t.file_name(), t.signature().join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The crate's own CSV files, as a [`FileFormat`](crate::load::FileFormat).
pub(crate) struct Native;

/// The crate's own CSV files' reader.
pub(crate) const NATIVE: Native = Native;

impl crate::load::FileFormat for Native {
    fn recognise(&self, head: &crate::load::Head<'_>) -> Result<Option<crate::load::Format>> {
        Ok(Table::detect(&head.header()).map(crate::load::Format::Native))
    }

    fn reads(&self, format: crate::load::Format) -> bool {
        matches!(format, crate::load::Format::Native(_))
    }

    fn name(&self, format: crate::load::Format) -> String {
        match format {
            crate::load::Format::Native(t) => format!("defense-spending CSV ({})", t.file_name()),
            _ => "defense-spending CSV".to_owned(),
        }
    }

    fn expected(&self) -> Option<String> {
        Some(format!(
            "one of this crate's CSV files: {}",
            Table::expected()
        ))
    }

    fn order(&self, format: crate::load::Format) -> usize {
        // Sources and members first, then the crate's other files.
        match format {
            crate::load::Format::Native(t) => Table::ALL.iter().position(|x| *x == t).unwrap_or(0),
            _ => 0,
        }
    }

    fn read(
        &self,
        cx: &mut crate::load::Context<'_, '_>,
        format: crate::load::Format,
        input: crate::load::Input<'_>,
    ) -> Result<()> {
        let crate::load::Format::Native(table) = format else {
            return Ok(());
        };
        let stream = input.stream()?;
        read(cx.builder, cx.file, stream, cx.rows, table)
    }
}

/// Reads one of the crate's files, already recognised as `table`, into `builder`, as a
/// stream (`input` without its byte order mark); `rows` is an estimate of its rows.
pub(crate) fn read<R: std::io::Read + Send>(
    builder: &mut Builder,
    file: &Path,
    input: R,
    rows: usize,
    table: Table,
) -> Result<()> {
    let file_id = builder.add_streamed_file(file);
    builder.mark_loaded(table);
    if table == Table::Spending {
        builder.reserve_spending(rows);
    }
    let mut reader = pipeline::Reader::new(input);
    let mut first = pipeline::Batch::default();
    reader.first(&mut first).map_err(|e| read_error(file, e))?;
    // An empty file has an empty header, which lacks the required columns.
    let header_record = first.first().unwrap_or_default();
    let width = header_record.len();
    let header = Header::new(file, header_record, table.columns())?;
    if table == Table::Spending && !(FIRST_METRIC..PRICE_BASE_YEAR).any(|k| header.has(k)) {
        return Err(Error::new(
            Position::file(file).at_line(1),
            ErrorKind::MissingColumn(format!(
                "share_of_gdp (or another figure: {})",
                Metric::ALL
                    .iter()
                    .map(|m| m.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ));
    }
    let parallel = table == Table::Spending && pipeline::worth_a_thread(rows);
    let each = |record: pipeline::Record<'_>, (): ()| -> Result<()> {
        if record.len() != width {
            return Err(Error::new(
                Position::file(file).at_byte(record.byte()),
                ErrorKind::Csv(format!(
                    "this row has {} fields, the header has {width}",
                    record.len()
                )),
            ));
        }
        let row = header.row(record);
        let loc = Loc {
            file: file_id,
            line: row.byte(),
        };
        match table {
            Table::Sources => builder.sources.push((source(&row)?, loc)),
            Table::Members => builder.members.push((member(&row)?, loc)),
            Table::Aggregates => builder.add_aggregate(aggregate(&row)?, loc),
            Table::Spending => builder.push_spending(spending(&row)?, loc),
            Table::Pledges => builder.pledges.push((pledge(&row)?, loc)),
            Table::Contracts => builder.contracts.push((contract(&row)?, loc)),
            Table::Aid => builder.aid.push((aid(&row)?, loc)),
        }
        Ok(())
    };
    pipeline::for_each_row(reader, parallel, |_| (), each, |e| read_error(file, e))
}

impl Row<'_> {
    /// A country or aggregate code in column `k`.
    fn entity(&self, k: usize) -> Result<Entity> {
        let s = self.required(k)?;
        s.parse().map_err(|e| self.code_error(k, s, e))
    }

    /// A country code in column `k`.
    fn country(&self, k: usize) -> Result<CountryCode> {
        let s = self.required(k)?;
        s.parse().map_err(|e| self.code_error(k, s, e))
    }

    fn code_error(&self, k: usize, s: &str, e: ParseCodeError) -> Error {
        match e {
            ParseCodeError::UnknownCountry(_) => {
                self.error(k, ErrorKind::UnknownCountry(s.to_owned()))
            }
            ParseCodeError::Malformed(_) => self.invalid(k, s, e.to_string()),
            ParseCodeError::TooManyIds { reason, .. } => self.invalid(k, s, reason),
        }
    }

    /// A decimal in column `k` checked against a metric's range.
    fn metric_value(&self, k: usize, range: Range) -> Result<Option<rust_decimal::Decimal>> {
        let Some(v) = self.decimal_opt(k)? else {
            return Ok(None);
        };
        let why = out_of_range(v, range);
        match why {
            Some(why) => Err(self.invalid(k, self.text(k)?, why)),
            None => Ok(Some(v)),
        }
    }

    /// A required, non-negative amount in column `k`.
    fn amount(&self, k: usize) -> Result<rust_decimal::Decimal> {
        let v = self.decimal(k)?;
        if v.is_sign_negative() && !v.is_zero() {
            return Err(self.invalid(k, self.text(k)?, "an amount cannot be negative"));
        }
        if let Some(why) = out_of_range(v, Range::NonNegative) {
            return Err(self.invalid(k, self.text(k)?, why));
        }
        Ok(v)
    }

    fn owned(&self, k: usize) -> Result<String> {
        self.required(k).map(str::to_owned)
    }

    fn owned_opt(&self, k: usize) -> Result<Option<String>> {
        Ok(self.optional(k)?.map(str::to_owned))
    }
}

fn source(row: &Row<'_>) -> Result<Source> {
    Ok(Source {
        id: row.parse(0)?,
        publisher: row.owned(1)?,
        title: row.owned(2)?,
        url: row.owned_opt(3)?,
        published: row.parse_opt(4)?,
        note: row.owned_opt(5)?,
    })
}

fn member(row: &Row<'_>) -> Result<Member> {
    Ok(Member {
        code: row.country(0)?,
        name: row.owned(1)?,
        joined: row.parse(2)?,
        source: row.parse(3)?,
    })
}

fn aggregate(row: &Row<'_>) -> Result<Aggregate> {
    let id = row.required(0)?;
    Ok(Aggregate {
        id: id
            .parse()
            .map_err(|e: ParseCodeError| row.invalid(0, id, format!("not an aggregate id: {e}")))?,
        name: row.owned(1)?,
        description: row.owned(2)?,
        source: row.parse(3)?,
    })
}

/// The `price_base_year` of a constant-price figure whose base year is unknown.
pub(crate) const UNKNOWN_BASE_YEAR: &str = "unknown";

fn spending(row: &Row<'_>) -> Result<SpendingRecord> {
    let mut r = SpendingRecord::new(
        row.entity(0)?,
        row.year(1)?,
        row.parse(PRICE_BASE_YEAR + 2)?,
    );
    for (k, metric) in (FIRST_METRIC..).zip(Metric::ALL.iter().copied()) {
        r.set(metric, row.metric_value(k, metric.range())?);
    }
    let priced = Metric::ALL
        .iter()
        .any(|m| m.is_constant_price() && r.get(*m).is_some());
    // `unknown`: constant prices of a base year the source does not state (written so
    // for figures loaded from files that do not say it), never guessed.
    let unknown = row.optional(PRICE_BASE_YEAR)? == Some(UNKNOWN_BASE_YEAR);
    if unknown {
        if !priced {
            return Err(row.invalid(
                PRICE_BASE_YEAR,
                UNKNOWN_BASE_YEAR,
                "an unknown price base year needs a constant-price figure",
            ));
        }
    } else {
        r.set_price_base_year(row.year_opt(PRICE_BASE_YEAR)?);
        if priced && r.price_base_year().is_none() {
            return Err(row.invalid(
                PRICE_BASE_YEAR,
                "",
                "the price base year is required when a constant-price figure is given \
                 (`unknown` where the source does not state it)",
            ));
        }
    }
    r.estimate = row.flag(PRICE_BASE_YEAR + 1)?;
    Ok(r)
}

fn pledge(row: &Row<'_>) -> Result<Pledge> {
    let kind: PledgeKind = row.parse(2)?;
    let threshold = threshold(row)?;
    if threshold.is_none() && !kind.is_promise() {
        return Err(row.invalid(
            4,
            "",
            "a statement of spending (stated_estimate) names a figure: give `metric`, `bound` and `low`",
        ));
    }
    let year = row.year_opt(9)?;
    let timing = match (row.optional(8)?, year) {
        (Some("in"), Some(year)) => Some(Timing::In { year }),
        (Some("by"), Some(year)) => Some(Timing::By { year }),
        (Some("annually"), from) => Some(Timing::Annually { from }),
        (Some("in" | "by"), None) => {
            return Err(row.invalid(9, "", "a pledge due in or by a year needs the year"))
        }
        (Some(other), _) => return Err(row.invalid(8, other, "expected in, by or annually")),
        (None, Some(_)) => {
            return Err(row.invalid(8, "", "a year needs its timing: in, by or annually"))
        }
        (None, None) if threshold.is_some() => {
            return Err(row.invalid(
                8,
                "",
                "a pledge with a figure needs its timing: in, by or annually",
            ))
        }
        (None, None) => None,
    };
    let adopted = row.year(10)?;
    let adopted_on: Option<jiff::civil::Date> = row.parse_opt(11)?;
    if let Some(d) = adopted_on {
        if i32::from(d.year()) != i32::from(adopted) {
            return Err(row.invalid(
                11,
                row.text(11)?,
                format!("the date is not in the year adopted ({adopted})"),
            ));
        }
    }
    Ok(Pledge {
        id: row.owned(0)?,
        subject: row.parse(1)?,
        kind,
        name: row.owned(3)?,
        threshold,
        timing,
        adopted,
        adopted_on,
        made_by: row.owned(12)?,
        statement: row.owned(13)?,
        source: row.parse(14)?,
        note: row.owned_opt(15)?,
    })
}

/// A pledge's figure from `metric`, `bound`, `low` and `high`: all empty for a pledge
/// that names no figure.
fn threshold(row: &Row<'_>) -> Result<Option<PledgeThreshold>> {
    let metric: Option<PledgeMetric> = row.parse_opt(4)?;
    let bound_name = row.optional(5)?;
    let low = row.decimal_opt(6)?;
    let high = row.decimal_opt(7)?;
    let (metric, bound_name, low) = match (metric, bound_name, low) {
        (Some(m), Some(b), Some(l)) => (m, b, l),
        (None, None, None) => {
            if high.is_some() {
                return Err(row.invalid(
                    7,
                    row.text(7)?,
                    "`high` is only for a range, and this pledge names no figure",
                ));
            }
            return Ok(None);
        }
        (m, b, _) => {
            let k = if m.is_none() {
                4
            } else if b.is_none() {
                5
            } else {
                6
            };
            return Err(row.invalid(
                k,
                "",
                "a pledge with a figure needs `metric`, `bound` and `low`; \
                 one that names no figure leaves all three empty",
            ));
        }
    };
    let bound = match (bound_name, high) {
        ("at_least", None) => Bound::AtLeast { value: low },
        ("more_than", None) => Bound::MoreThan { value: low },
        ("up_to", None) => Bound::UpTo { value: low },
        ("range", Some(high)) if low <= high => Bound::Range { low, high },
        ("range", Some(_)) => {
            return Err(row.invalid(7, row.text(7)?, "the high end is below the low end"))
        }
        ("range", None) => return Err(row.invalid(7, "", "a range needs its high end in `high`")),
        ("at_least" | "more_than" | "up_to", Some(_)) => {
            return Err(row.invalid(
                7,
                row.text(7)?,
                format!("`high` is only for a range, not for {bound_name}"),
            ))
        }
        _ => {
            return Err(row.invalid(
                5,
                bound_name,
                "expected at_least, more_than, up_to or range",
            ))
        }
    };
    Ok(Some(PledgeThreshold { metric, bound }))
}

fn countries(row: &Row<'_>, k: usize) -> Result<Vec<CountryCode>> {
    row.text(k)?
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|e| row.code_error(k, s, e)))
        .collect()
}

fn contract(row: &Row<'_>) -> Result<Contract> {
    Ok(Contract {
        id: row.owned(0)?,
        signed: row.parse(1)?,
        buyer: row.owned(2)?,
        on_behalf_of: countries(row, 3)?,
        supplier: row.owned_opt(4)?,
        system: row.owned(5)?,
        quantity: row.parse_opt(6)?,
        route: row.owned_opt(7)?,
        value: Amount {
            money: Money::new(row.amount(8)?, row.parse(9)?),
            qualifier: row.parse(10)?,
        },
        source: row.parse(11)?,
        note: row.owned_opt(12)?,
    })
}

fn aid(row: &Row<'_>) -> Result<AidTotal> {
    Ok(AidTotal {
        id: row.owned(0)?,
        donor: row.entity(1)?,
        recipient: row.entity(2)?,
        kind: row.parse(3)?,
        basis: row.parse(4)?,
        amount: Amount {
            money: Money::new(row.amount(5)?, row.parse(6)?),
            qualifier: row.parse(7)?,
        },
        period_start: row.parse_opt(8)?,
        as_of: row.parse_opt(9)?,
        source: row.parse(10)?,
        note: row.owned_opt(11)?,
        share_of_gdp: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_metric_columns_follow_the_model() {
        let names: Vec<&str> = SPENDING[FIRST_METRIC..PRICE_BASE_YEAR]
            .iter()
            .map(|c| c.name)
            .collect();
        let model: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        assert_eq!(names, model);
        assert_eq!(SPENDING[PRICE_BASE_YEAR].name, "price_base_year");
        assert_eq!(SPENDING[PRICE_BASE_YEAR + 1].name, "estimate");
        assert_eq!(SPENDING[PRICE_BASE_YEAR + 2].name, "source");
    }

    #[test]
    fn every_table_is_detected_by_its_own_columns_only() {
        for t in Table::ALL {
            let header: Vec<&str> = t.columns().iter().map(|c| c.name).collect();
            assert_eq!(Table::detect(&header), Some(t), "{t:?}");
        }
        assert_eq!(Table::detect(&["Entity", "Code", "Year"]), None);
    }
}
