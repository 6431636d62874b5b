//! The crate's types as Python values: each row a `dict` whose keys are the fields of
//! the dataclass the Python package wraps it in (`defense_spending/_types.py`).
//!
//! Figures are `decimal.Decimal` (built from the exact decimal's text, so never rounded),
//! dates `datetime.date`, codes and ids `str`, the values of enums their snake_case names
//! as in the crate's CSV files.

use std::collections::HashMap;

use defense_spending::query::{
    AidSum, AllianceTotal, Basis, Change, ContractTotal, Edition, FirstYear, Revision, Shortfall,
    ShortfallReport,
};
use defense_spending::{
    Aggregate, AidTotal, Amount, Anomaly, AnomalyKind, Contract, Dataset, Entity, Member,
    MonthOrDay, Pledge, PledgeCheck, Position, Skipped, Source, SpendingRecord, Timing, YearCount,
};
use jiff::civil::Date;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList};

/// A dict of `key => value` pairs (each value anything pyo3 converts).
macro_rules! dict {
    ($py:expr, { $($key:literal => $value:expr),* $(,)? }) => {{
        let d = PyDict::new($py);
        $(d.set_item($key, $value)?;)*
        d
    }};
}

/// `datetime.date` of a civil date.
pub fn date<'py>(py: Python<'py>, d: Date) -> PyResult<Bound<'py, PyDate>> {
    let month = u8::try_from(d.month()).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let day = u8::try_from(d.day()).map_err(|e| PyValueError::new_err(e.to_string()))?;
    PyDate::new(py, i32::from(d.year()), month, day)
}

fn opt_date<'py>(py: Python<'py>, d: Option<Date>) -> PyResult<Option<Bound<'py, PyDate>>> {
    d.map(|d| date(py, d)).transpose()
}

/// A list of the dicts of `rows`.
pub fn list<'py, T>(
    py: Python<'py>,
    rows: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in rows {
        out.append(f(r)?)?;
    }
    Ok(out)
}

/// The names of countries and aggregates ([`Dataset::name_of`]), each looked up once.
pub struct Names<'a> {
    ds: &'a Dataset,
    seen: HashMap<Entity, String>,
}

impl<'a> Names<'a> {
    pub fn new(ds: &'a Dataset) -> Names<'a> {
        Names {
            ds,
            seen: HashMap::new(),
        }
    }

    pub fn of(&mut self, e: &Entity) -> &str {
        self.seen.entry(*e).or_insert_with(|| self.ds.name_of(e))
    }
}

pub fn spending<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    r: &SpendingRecord,
) -> PyResult<Bound<'py, PyDict>> {
    use defense_spending::Metric::*;
    Ok(dict!(py, {
        "country" => r.country.as_str(),
        "name" => names.of(&r.country),
        "year" => r.year,
        "share_of_gdp" => r.share_of_gdp,
        "expenditure_current" => r.get(ExpenditureCurrent),
        "expenditure_constant" => r.get(ExpenditureConstant),
        "gdp_current" => r.get(GdpCurrent),
        "gdp_constant" => r.get(GdpConstant),
        "equipment_share" => r.get(EquipmentShare),
        "real_change" => r.get(RealChange),
        "per_capita_current" => r.get(PerCapitaCurrent),
        "share_of_government" => r.get(ShareOfGovernment),
        "price_base_year" => r.price_base_year(),
        "estimate" => r.estimate,
        "source" => r.source.as_str(),
    }))
}

pub fn member<'py>(py: Python<'py>, m: &Member) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "code" => m.code.as_str(),
        "name" => m.name.as_str(),
        "joined" => date(py, m.joined)?,
        "source" => m.source.as_str(),
    }))
}

pub fn source<'py>(py: Python<'py>, s: &Source) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "id" => s.id.as_str(),
        "publisher" => s.publisher.as_str(),
        "title" => s.title.as_str(),
        "url" => s.url.as_deref(),
        "published" => opt_date(py, s.published)?,
        "note" => s.note.as_deref(),
    }))
}

pub fn aggregate<'py>(py: Python<'py>, a: &Aggregate) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "id" => a.id.as_str(),
        "name" => a.name.as_str(),
        "description" => a.description.as_str(),
        "source" => a.source.as_str(),
    }))
}

pub fn bound<'py>(py: Python<'py>, b: &Bound_) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "kind" => b.name(),
        "low" => b.low(),
        "high" => b.high(),
        "text" => b.to_string(),
    }))
}

/// The crate's pledge bound (renamed: `Bound` is pyo3's smart pointer here).
pub type Bound_ = defense_spending::Bound;

fn timing<'py>(py: Python<'py>, t: &Timing) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, { "kind" => t.name(), "year" => t.year() }))
}

pub fn pledge<'py>(py: Python<'py>, p: &Pledge) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "id" => p.id.as_str(),
        "subject" => p.subject.to_string(),
        "kind" => p.kind.name(),
        "name" => p.name.as_str(),
        "metric" => p.metric().map(|m| m.name()),
        "bound" => p.bound().map(|b| bound(py, &b)).transpose()?,
        "timing" => p.timing.as_ref().map(|t| timing(py, t)).transpose()?,
        "adopted" => p.adopted,
        "adopted_on" => opt_date(py, p.adopted_on)?,
        "made_by" => p.made_by.as_str(),
        "statement" => p.statement.as_str(),
        "source" => p.source.as_str(),
        "note" => p.note.as_deref(),
    }))
}

fn month_or_day<'py>(py: Python<'py>, d: &MonthOrDay) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "year" => d.year(),
        "month" => d.month(),
        "day" => d.day().map(|d| d.day()),
    }))
}

fn opt_month_or_day<'py>(
    py: Python<'py>,
    d: Option<&MonthOrDay>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    d.map(|d| month_or_day(py, d)).transpose()
}

pub fn amount<'py>(py: Python<'py>, a: &Amount) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "millions" => a.money.millions,
        "currency" => a.money.currency.name(),
        "qualifier" => a.qualifier.name(),
        "text" => a.to_string(),
    }))
}

pub fn contract<'py>(py: Python<'py>, c: &Contract) -> PyResult<Bound<'py, PyDict>> {
    let on_behalf_of: Vec<&str> = c.on_behalf_of.iter().map(|c| c.as_str()).collect();
    Ok(dict!(py, {
        "id" => c.id.as_str(),
        "signed" => month_or_day(py, &c.signed)?,
        "buyer" => c.buyer.as_str(),
        "on_behalf_of" => on_behalf_of,
        "supplier" => c.supplier.as_deref(),
        "system" => c.system.as_str(),
        "quantity" => c.quantity,
        "route" => c.route.as_deref(),
        "value" => amount(py, &c.value)?,
        "source" => c.source.as_str(),
        "note" => c.note.as_deref(),
    }))
}

pub fn aid<'py>(py: Python<'py>, a: &AidTotal) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "id" => a.id.as_str(),
        "donor" => a.donor.as_str(),
        "recipient" => a.recipient.as_str(),
        "kind" => a.kind.name(),
        "basis" => a.basis.name(),
        "amount" => amount(py, &a.amount)?,
        "period_start" => opt_month_or_day(py, a.period_start.as_ref())?,
        "as_of" => opt_month_or_day(py, a.as_of.as_ref())?,
        "source" => a.source.as_str(),
        "note" => a.note.as_deref(),
    }))
}

fn position_items(d: &Bound<'_, PyDict>, p: &Position) -> PyResult<()> {
    d.set_item(
        "file",
        p.file.as_ref().map(|f| f.to_string_lossy().into_owned()),
    )?;
    d.set_item("line", p.line)?;
    d.set_item("column", p.column.as_deref())?;
    d.set_item("cell", p.cell.as_deref())?;
    Ok(())
}

pub fn skipped<'py>(py: Python<'py>, s: &Skipped) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    position_items(&d, &s.position)?;
    d.set_item("value", s.value.as_str())?;
    d.set_item("reason", s.reason.as_str())?;
    d.set_item("text", s.to_string())?;
    Ok(d)
}

pub fn year_count<'py>(py: Python<'py>, c: &YearCount) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "year" => c.year,
        "meeting" => c.meeting,
        "members" => c.members,
        "reporting" => c.reporting,
        "basis" => basis(py, &c.basis)?,
    }))
}

pub fn shortfall<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    s: &Shortfall,
) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "country" => s.country.as_str(),
        "name" => names.of(&s.country),
        "year" => s.year,
        "share_of_gdp" => s.share_of_gdp,
        "target" => s.target,
        "gdp_current" => s.gdp_current,
        "shortfall_usd_million" => s.shortfall_usd_million,
        "estimate" => s.estimate,
        "source" => s.source.as_str(),
    }))
}

pub fn shortfall_report<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    r: &ShortfallReport,
) -> PyResult<Bound<'py, PyDict>> {
    let without: Vec<&str> = r.without_gdp.iter().map(Entity::as_str).collect();
    Ok(dict!(py, {
        "year" => r.year,
        "target" => r.target,
        "allies" => list(py, &r.allies, |s| shortfall(py, names, s))?,
        "total_usd_million" => r.total_usd_million,
        "without_gdp" => without,
        "basis" => basis(py, &r.basis)?,
    }))
}

pub fn pledge_check<'py>(py: Python<'py>, c: &PledgeCheck) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "pledge" => c.pledge.as_str(),
        "subject" => c.subject.to_string(),
        "year" => c.year,
        "bound" => c.bound.as_ref().map(|b| bound(py, b)).transpose()?,
        "actual" => c.actual,
        "status" => c.status.name(),
        "source" => c.source.map(|s| s.as_str()),
        "estimate" => c.estimate,
        "basis" => basis(py, &c.basis)?,
    }))
}

pub fn change<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    c: &Change,
) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "country" => c.country.as_str(),
        "name" => names.of(&c.country),
        "from_year" => c.from,
        "to_year" => c.to,
        "share_from" => c.share_from,
        "share_to" => c.share_to,
        "points" => c.points,
        "real_change_pct" => c.real_change_pct,
        "basis" => basis(py, &c.basis)?,
    }))
}

pub fn first_year<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    f: &FirstYear,
) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "country" => f.country.as_str(),
        "name" => names.of(&Entity::Country(f.country)),
        "year" => f.year,
        "source" => f.source.map(|s| s.as_str()),
    }))
}

pub fn alliance_total<'py>(py: Python<'py>, t: &AllianceTotal) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "year" => t.year,
        "total_current" => t.total_current,
        "total_constant" => t.total_constant,
        "allies_sum_current" => t.allies_sum_current,
        "usa_current" => t.usa_current,
        "usa_share_pct" => t.usa_share_pct,
        "source" => t.source.as_str(),
        "basis" => basis(py, &t.basis)?,
    }))
}

/// What an answer rests on (the crate's `Basis`).
pub fn basis<'py>(py: Python<'py>, b: &Basis) -> PyResult<Bound<'py, PyDict>> {
    let sources: Vec<&str> = b.sources.iter().map(|s| s.as_str()).collect();
    Ok(dict!(py, {
        "sources" => sources,
        "rule" => b.rule.name(),
        "held" => b.held,
        "text" => b.to_string(),
    }))
}

/// One edition of a dataset (the crate's `Edition`).
pub fn edition<'py>(py: Python<'py>, e: &Edition) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "source" => e.source.as_str(),
        "publisher" => e.publisher.as_str(),
        "title" => e.title.as_str(),
        "published" => opt_date(py, e.published)?,
        "years" => e.years.clone(),
        "estimates" => e.estimates.clone(),
        "records" => e.records,
    }))
}

fn anomaly_kind(k: AnomalyKind) -> &'static str {
    match k {
        AnomalyKind::ImplausibleShare => "implausible_share",
        AnomalyKind::InconsistentShare => "inconsistent_share",
        AnomalyKind::Jump => "jump",
        AnomalyKind::EstimateBeforeFinal => "estimate_before_final",
        AnomalyKind::ImplausibleForMetric => "implausible_for_metric",
        _ => "other",
    }
}

pub fn anomaly<'py>(py: Python<'py>, a: &Anomaly) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "kind" => anomaly_kind(a.kind),
        "country" => a.country.as_str(),
        "year" => a.year,
        "source" => a.source.as_str(),
        "metric" => a.metric.map(|m| m.name()),
        "message" => a.message.as_str(),
        "text" => a.to_string(),
    }))
}

pub fn revision<'py>(py: Python<'py>, r: &Revision) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "country" => r.country.as_str(),
        "year" => r.year,
        "metric" => r.metric.name(),
        "old" => r.old,
        "new" => r.new,
        "change" => r.change,
    }))
}

pub fn aid_sum<'py>(
    py: Python<'py>,
    names: &mut Names<'_>,
    s: &AidSum,
) -> PyResult<Bound<'py, PyDict>> {
    let donors: Vec<&str> = s.donors.iter().map(Entity::as_str).collect();
    let donor_names: Vec<String> = s.donors.iter().map(|d| names.of(d).to_owned()).collect();
    Ok(dict!(py, {
        "amount" => amount(py, &s.amount)?,
        "donors" => donors,
        "donor_names" => donor_names,
        "recipient" => s.recipient.as_str(),
        "kind" => s.kind.name(),
        "basis" => s.basis.name(),
        "period_start" => opt_month_or_day(py, s.period_start.as_ref())?,
        "as_of" => opt_month_or_day(py, s.as_of.as_ref())?,
        "source" => s.source.as_str(),
        "rows" => s.rows.clone(),
    }))
}

pub fn contract_total<'py>(py: Python<'py>, t: &ContractTotal) -> PyResult<Bound<'py, PyDict>> {
    Ok(dict!(py, {
        "currency" => t.currency.name(),
        "contracts" => t.contracts,
        "reports" => t.reports,
        "low" => amount(py, &t.low)?,
        "high" => amount(py, &t.high)?,
    }))
}
