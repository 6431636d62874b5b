//! `defense_spending._native`: the extension module behind the Python package
//! `defense_spending`.
//!
//! A thin layer over the public API of the `defense-spending` crate: each method calls
//! the crate and converts what it returns into plain Python values (see `convert.rs`);
//! the package's Python code (`defense_spending/`) wraps those in documented dataclasses,
//! and builds pandas and polars frames from the Arrow buffers of `frame.rs`. Loading and
//! building the buffers run without the GIL.

// The methods take the keyword arguments of the Python methods they serve, one filter each.
#![allow(clippy::too_many_arguments)]

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use defense_spending::query::{AidFilter, ContractFilter, ExchangeRate};
use defense_spending::{CountryCode, Currency, Dataset, Entity, LoadOptions, Metric, SourceId};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use rust_decimal::Decimal;

mod convert;
mod error;
mod frame;
mod state;

use convert::Names;
use error::{bad_argument, load_error, query_error};

/// A dataset: the bundled one (shared, parsed once) or one loaded from files.
#[derive(Clone)]
enum Data {
    Bundled(&'static Dataset),
    Loaded(Arc<Dataset>),
}

impl std::ops::Deref for Data {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        match self {
            Data::Bundled(d) => d,
            Data::Loaded(d) => d,
        }
    }
}

/// The native dataset; the package's `defense_spending.Dataset` wraps it.
#[pyclass(name = "Dataset", module = "defense_spending._native", frozen)]
struct PyDataset {
    data: Data,
}

fn parse<T: FromStr>(what: &str, s: &str) -> PyResult<T>
where
    T::Err: std::fmt::Display,
{
    s.parse().map_err(|e| bad_argument(what, s, e))
}

fn country(s: &str) -> PyResult<CountryCode> {
    parse("country code", s)
}

fn metric(s: &str) -> PyResult<Metric> {
    parse("metric", s)
}

fn date(s: &str) -> PyResult<jiff::civil::Date> {
    parse("date", s)
}

fn opt<T>(s: Option<&str>, f: impl Fn(&str) -> PyResult<T>) -> PyResult<Option<T>> {
    s.map(f).transpose()
}

impl PyDataset {
    /// The country or aggregate `text` stands for in this dataset (`Dataset::entity`: a
    /// code in any case, an aggregate id, or a name), or a `QueryError` with suggestions.
    fn resolve(&self, py: Python<'_>, text: &str) -> PyResult<Entity> {
        self.data.entity(text).map_err(|e| query_error(py, &e))
    }
}

/// A query's answer, or its error as a `QueryError`.
fn answer<T>(py: Python<'_>, r: defense_spending::Result<T>) -> PyResult<T> {
    r.map_err(|e| query_error(py, &e))
}

#[pymethods]
impl PyDataset {
    /// The crate's `Dataset::entity`: the code of the country or aggregate `text` names.
    fn entity(&self, py: Python<'_>, text: &str) -> PyResult<&'static str> {
        Ok(self.resolve(py, text)?.as_str())
    }

    /// The number of spending records.
    fn __len__(&self) -> usize {
        self.data.spending().len()
    }

    /// True for the bundled dataset.
    fn is_bundled(&self) -> bool {
        matches!(self.data, Data::Bundled(_))
    }

    /// True if `other` is a dataset with the same tables (the crate's `PartialEq`).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<PyDataset>() else {
            return false;
        };
        let (a, b) = (self.data.clone(), other.get().data.clone());
        py.detach(|| std::ptr::eq::<Dataset>(&*a, &*b) || *a == *b)
    }

    /// Every table of the dataset, its skipped cells included, exactly (see
    /// `state.rs`): what `from_state` reads back into an equal dataset. For pickling.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let data = self.data.clone();
        let bytes = py
            .detach(|| state::write(&data))
            .map_err(pyo3::exceptions::PyRuntimeError::new_err)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The dataset `state` gave.
    #[staticmethod]
    fn from_state(py: Python<'_>, state: &[u8]) -> PyResult<PyDataset> {
        let ds = py.detach(|| state::read(state)).map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "not a pickled defense_spending.Dataset: {e}"
            ))
        })?;
        Ok(PyDataset {
            data: Data::Loaded(Arc::new(ds)),
        })
    }

    /// The crate's `Dataset::spending`, as plain Python values.
    fn spending<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let mut names = Names::new(&self.data);
        convert::list(py, self.data.spending(), |r| {
            convert::spending(py, &mut names, r)
        })
    }

    /// The crate's `Dataset::spending_in`, as plain Python values.
    fn spending_in<'py>(&self, py: Python<'py>, year: u16) -> PyResult<Bound<'py, PyList>> {
        let mut names = Names::new(&self.data);
        convert::list(py, self.data.spending_in(year), |r| {
            convert::spending(py, &mut names, r)
        })
    }

    /// The crate's `Dataset::years`, as plain Python values.
    fn years(&self) -> Vec<u16> {
        self.data.years().collect()
    }

    /// The crate's `Dataset::series`, as plain Python values.
    fn series<'py>(&self, py: Python<'py>, country: &str) -> PyResult<Bound<'py, PyList>> {
        let e = self.resolve(py, country)?;
        let mut names = Names::new(&self.data);
        convert::list(py, self.data.series(e), |r| {
            convert::spending(py, &mut names, r)
        })
    }

    /// The crate's `Dataset::records`, as plain Python values.
    fn records<'py>(
        &self,
        py: Python<'py>,
        country: &str,
        year: u16,
    ) -> PyResult<Bound<'py, PyList>> {
        let e = self.resolve(py, country)?;
        let mut names = Names::new(&self.data);
        convert::list(py, self.data.records(e, year), |r| {
            convert::spending(py, &mut names, r)
        })
    }

    /// The crate's `Dataset::members`, as plain Python values.
    fn members<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.members(), |m| convert::member(py, m))
    }

    /// The crate's `Dataset::members_in`, as plain Python values.
    fn members_in<'py>(&self, py: Python<'py>, year: u16) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.members_in(year), |m| convert::member(py, m))
    }

    /// The crate's `Dataset::member`, as plain Python values.
    fn member<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let c = country(code)?;
        self.data
            .member(c)
            .map(|m| convert::member(py, m))
            .transpose()
    }

    /// The crate's `Dataset::is_member_in`, as plain Python values.
    fn is_member_in(&self, code: &str, year: u16) -> PyResult<bool> {
        Ok(self.data.is_member_in(country(code)?, year))
    }

    /// The crate's `Dataset::sources`, as plain Python values.
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.sources(), |s| convert::source(py, s))
    }

    /// The crate's `Dataset::source`, as plain Python values.
    fn source<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let id: SourceId = parse("source id", id)?;
        self.data
            .source(&id)
            .map(|s| convert::source(py, s))
            .transpose()
    }

    /// The crate's `Dataset::aggregates`, as plain Python values.
    fn aggregates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.aggregates(), |a| convert::aggregate(py, a))
    }

    /// The crate's `Dataset::pledges`, as plain Python values.
    fn pledges<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.pledges(), |p| convert::pledge(py, p))
    }

    /// The crate's `Dataset::contracts`, as plain Python values.
    fn contracts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.contracts(), |c| convert::contract(py, c))
    }

    /// The crate's `Dataset::aid`, as plain Python values.
    fn aid<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.aid(), |a| convert::aid(py, a))
    }

    /// The crate's `Dataset::skipped`, as plain Python values.
    fn skipped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, self.data.skipped(), |s| convert::skipped(py, s))
    }

    /// The crate's `Dataset::name_of`, as plain Python values.
    fn name_of(&self, py: Python<'_>, country: &str) -> PyResult<String> {
        // Any code has a name (ISO 3166-1's), in the dataset or not; a name is resolved.
        let e = match country.parse::<Entity>() {
            Ok(e) => e,
            Err(_) => self.resolve(py, country)?,
        };
        Ok(self.data.name_of(e))
    }

    /// The crate's `Dataset::meeting_target`, as plain Python values.
    fn meeting_target<'py>(
        &self,
        py: Python<'py>,
        year: u16,
        threshold_text: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let found = answer(py, self.data.meeting_target(year, threshold_text))?;
        let mut names = Names::new(&self.data);
        convert::list(py, found, |r| convert::spending(py, &mut names, r))
    }

    /// The crate's `Dataset::countries_at_or_above`, as plain Python values.
    fn countries_at_or_above<'py>(
        &self,
        py: Python<'py>,
        year: u16,
        threshold_text: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let found = answer(py, self.data.countries_at_or_above(year, threshold_text))?;
        let mut names = Names::new(&self.data);
        convert::list(py, found, |r| convert::spending(py, &mut names, r))
    }

    /// The crate's `Dataset::count_meeting_target`, as plain Python values.
    fn count_meeting_target<'py>(
        &self,
        py: Python<'py>,
        threshold_text: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let counts = answer(py, self.data.count_meeting_target(threshold_text))?;
        convert::list(py, &counts, |c| convert::year_count(py, c))
    }

    /// The crate's `Dataset::ranking`, as plain Python values.
    fn ranking<'py>(
        &self,
        py: Python<'py>,
        year: u16,
        metric_name: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let m = metric(metric_name)?;
        let found = answer(py, self.data.ranking(year, m))?;
        let mut names = Names::new(&self.data);
        convert::list(py, found, |r| convert::spending(py, &mut names, r))
    }

    /// The crate's `Dataset::shortfalls`, as plain Python values.
    fn shortfalls<'py>(
        &self,
        py: Python<'py>,
        year: u16,
        target_text: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let report = answer(py, self.data.shortfalls(year, target_text))?;
        let mut names = Names::new(&self.data);
        convert::shortfall_report(py, &mut names, &report)
    }

    /// The crate's `Dataset::pledge_checks`, as plain Python values.
    fn pledge_checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, &self.data.pledge_checks(), |c| {
            convert::pledge_check(py, c)
        })
    }

    /// The crate's `Dataset::change`, as plain Python values.
    fn change<'py>(
        &self,
        py: Python<'py>,
        country: &str,
        from_year: u16,
        to_year: u16,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let e = self.resolve(py, country)?;
        let mut names = Names::new(&self.data);
        self.data
            .change(e, from_year, to_year)
            .map(|c| convert::change(py, &mut names, &c))
            .transpose()
    }

    /// The crate's `Dataset::changes`, as plain Python values.
    fn changes<'py>(
        &self,
        py: Python<'py>,
        from_year: u16,
        to_year: u16,
    ) -> PyResult<Bound<'py, PyList>> {
        let changes = answer(py, self.data.changes(from_year, to_year))?;
        let mut names = Names::new(&self.data);
        convert::list(py, &changes, |c| convert::change(py, &mut names, c))
    }

    /// The crate's `Dataset::first_year_at`, as plain Python values.
    fn first_year_at<'py>(
        &self,
        py: Python<'py>,
        threshold_text: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let first = answer(py, self.data.first_year_at(threshold_text))?;
        let mut names = Names::new(&self.data);
        convert::list(py, &first, |f| convert::first_year(py, &mut names, f))
    }

    /// The crate's `Dataset::alliance_totals`, as plain Python values.
    fn alliance_totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        convert::list(py, &self.data.alliance_totals(), |t| {
            convert::alliance_total(py, t)
        })
    }

    /// The crate's `Dataset::validate`, as plain Python values.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let data = self.data.clone();
        let anomalies = py.detach(move || data.validate());
        convert::list(py, &anomalies, |a| convert::anomaly(py, a))
    }

    /// The crate's `Dataset::contracts_where`, as plain Python values.
    #[pyo3(signature = (buyer=None, supplier=None, system=None, country=None, signed_from=None, signed_to=None, currency=None))]
    fn contracts_where<'py>(
        &self,
        py: Python<'py>,
        buyer: Option<String>,
        supplier: Option<String>,
        system: Option<String>,
        country: Option<&str>,
        signed_from: Option<&str>,
        signed_to: Option<&str>,
        currency: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let filter = contract_filter(
            buyer,
            supplier,
            system,
            country,
            signed_from,
            signed_to,
            currency,
        )?;
        convert::list(py, self.data.contracts_where(&filter), |c| {
            convert::contract(py, c)
        })
    }

    /// The crate's `Dataset::contract_totals`, as plain Python values.
    #[pyo3(signature = (buyer=None, supplier=None, system=None, country=None, signed_from=None, signed_to=None, currency=None))]
    fn contract_totals<'py>(
        &self,
        py: Python<'py>,
        buyer: Option<String>,
        supplier: Option<String>,
        system: Option<String>,
        country: Option<&str>,
        signed_from: Option<&str>,
        signed_to: Option<&str>,
        currency: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let filter = contract_filter(
            buyer,
            supplier,
            system,
            country,
            signed_from,
            signed_to,
            currency,
        )?;
        convert::list(py, &self.data.contract_totals(&filter), |t| {
            convert::contract_total(py, t)
        })
    }

    /// The crate's `Dataset::aid_where`, or with `latest` `Dataset::aid_latest`, as
    /// plain Python values.
    #[pyo3(signature = (latest, donor=None, recipient=None, kind=None, basis=None, currency=None, source=None, id=None, as_of=None))]
    fn aid_rows<'py>(
        &self,
        py: Python<'py>,
        latest: bool,
        donor: Option<&str>,
        recipient: Option<&str>,
        kind: Option<&str>,
        basis: Option<&str>,
        currency: Option<&str>,
        source: Option<&str>,
        id: Option<String>,
        as_of: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let filter = self.aid_filter(
            py,
            [donor, recipient, kind, basis, currency, source, as_of],
            id,
        )?;
        if latest {
            convert::list(py, self.data.aid_latest(&filter), |a| convert::aid(py, a))
        } else {
            convert::list(py, self.data.aid_where(&filter), |a| convert::aid(py, a))
        }
    }

    /// The crate's `Dataset::aid_sum` (without `currency`) or `Dataset::aid_sum_in`;
    /// `rates`: `(from, to, rate)` triples, the rate as decimal text.
    #[pyo3(signature = (currency=None, rates=Vec::new(), donor=None, recipient=None, kind=None, basis=None, source=None, id=None, as_of=None))]
    fn aid_sum<'py>(
        &self,
        py: Python<'py>,
        currency: Option<&str>,
        rates: Vec<(String, String, String)>,
        donor: Option<&str>,
        recipient: Option<&str>,
        kind: Option<&str>,
        basis: Option<&str>,
        source: Option<&str>,
        id: Option<String>,
        as_of: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let rates = rates
            .iter()
            .map(|(from, to, rate)| {
                Ok(ExchangeRate {
                    from: parse("currency", from)?,
                    to: parse("currency", to)?,
                    rate: Decimal::from_str_exact(rate)
                        .map_err(|e| bad_argument("exchange rate", rate, e))?,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let filter =
            self.aid_filter(py, [donor, recipient, kind, basis, None, source, as_of], id)?;
        let sum = match currency {
            None => self.data.aid_sum(&filter),
            Some(c) => {
                let wanted: Currency = parse("currency", c)?;
                self.data.aid_sum_in(&filter, wanted, &rates)
            }
        };
        let mut names = Names::new(&self.data);
        convert::aid_sum(py, &mut names, &answer(py, sum)?)
    }

    /// The spending records as Arrow buffers: `(arrays, columns)`, two NumPy byte
    /// arrays and each column a `(name, kind, ...)` tuple whose buffers are
    /// `(array, offset, length)` regions of them (see the package's `_frames.py`).
    /// Figures as `float64` with `floats`, else exact decimals; with `rounded`, rounded
    /// as NATO prints them first.
    #[pyo3(signature = (floats=false, rounded=false))]
    fn spending_columns<'py>(
        &self,
        py: Python<'py>,
        floats: bool,
        rounded: bool,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyList>)> {
        use numpy::PyArrayMethods as _;
        let data = self.data.clone();
        let options = frame::Options { floats, rounded };
        let fixed = frame::Fixed::new(data.spending().len(), options);
        let plan = py.detach(|| frame::plan(&data, &fixed, options));
        let failed =
            || pyo3::exceptions::PyRuntimeError::new_err("the frame could not be laid out");
        // NumPy's arrays rather than `bytes` (which pyo3 zeroes page by page): NumPy gets
        // huge pages for large arrays, and its zeros cost nothing until written.
        let first = numpy::PyArray1::<u8>::zeros(py, fixed.size, false);
        let rest = numpy::PyArray1::<u8>::zeros(py, plan.size, false);
        let overflow = {
            let mut a = first.readwrite();
            let mut b = rest.readwrite();
            let (a, b) = (
                a.as_slice_mut().map_err(|_| failed())?,
                b.as_slice_mut().map_err(|_| failed())?,
            );
            py.detach(|| frame::fill(&data, &plan, a, b))
                .ok_or_else(failed)?
        };
        let out = PyList::empty(py);
        let region = |r: frame::Region| (r.buffer, r.range.start, r.range.len());
        for c in frame::columns(&data, plan, &overflow) {
            let name = c.name.into_pyobject(py)?.into_any();
            let item = match c.data {
                frame::ColumnData::Dictionary {
                    indices,
                    width,
                    values,
                } => {
                    // The values also in Arrow's string layout, so that pyarrow need not
                    // convert a list (which imports pandas, when installed, the first time).
                    let (offsets, text) = frame::string_buffers(&values);
                    let strings = (PyBytes::new(py, &offsets), PyBytes::new(py, &text));
                    (
                        name,
                        "dictionary",
                        indices.map(region),
                        width,
                        values,
                        strings,
                    )
                        .into_pyobject(py)?
                }
                frame::ColumnData::Int32 { data, validity } => {
                    (name, "int32", region(data), validity.map(region)).into_pyobject(py)?
                }
                frame::ColumnData::Bool { bits } => {
                    (name, "bool", region(bits)).into_pyobject(py)?
                }
                frame::ColumnData::Decimal128 {
                    data,
                    validity,
                    precision,
                    scale,
                } => (
                    name,
                    "decimal128",
                    region(data),
                    validity.map(region),
                    (precision, scale),
                )
                    .into_pyobject(py)?,
                frame::ColumnData::Float64 { data, validity } => {
                    (name, "float64", region(data), validity.map(region)).into_pyobject(py)?
                }
                frame::ColumnData::NullFloat => (name, "null_float").into_pyobject(py)?,
                frame::ColumnData::CountryFlags { flags } => {
                    (name, "country_flags", flags).into_pyobject(py)?
                }
                frame::ColumnData::DecimalText { values, scale } => {
                    (name, "decimal_text", values, scale).into_pyobject(py)?
                }
                frame::ColumnData::NullDecimal => (name, "null_decimal").into_pyobject(py)?,
                frame::ColumnData::NullInt32 => (name, "null_int32").into_pyobject(py)?,
            };
            out.append(item)?;
        }
        Ok((PyTuple::new(py, [first.into_any(), rest.into_any()])?, out))
    }
}

impl PyDataset {
    /// An aid filter: `[donor, recipient, kind, basis, currency, source, as_of]` as text,
    /// the donor and recipient resolved by code or name.
    fn aid_filter(
        &self,
        py: Python<'_>,
        [donor, recipient, kind, basis, currency, source, as_of]: [Option<&str>; 7],
        id: Option<String>,
    ) -> PyResult<AidFilter> {
        Ok(AidFilter {
            donor: opt(donor, |s| self.resolve(py, s))?,
            recipient: opt(recipient, |s| self.resolve(py, s))?,
            kind: opt(kind, |s| parse("aid kind", s))?,
            basis: opt(basis, |s| parse("aid basis", s))?,
            currency: opt(currency, |s| parse("currency", s))?,
            source: opt(source, |s| parse("source id", s))?,
            id,
            as_of: opt(as_of, |s| parse("date or month", s))?,
        })
    }
}

fn contract_filter(
    buyer: Option<String>,
    supplier: Option<String>,
    system: Option<String>,
    country_code: Option<&str>,
    signed_from: Option<&str>,
    signed_to: Option<&str>,
    currency: Option<&str>,
) -> PyResult<ContractFilter> {
    Ok(ContractFilter {
        buyer,
        supplier,
        system,
        country: opt(country_code, country)?,
        signed_from: opt(signed_from, date)?,
        signed_to: opt(signed_to, date)?,
        currency: opt(currency, |s| parse("currency", s))?,
    })
}

/// The bundled dataset (parsed on the first call, shared after).
#[pyfunction]
fn bundled(py: Python<'_>) -> PyDataset {
    PyDataset {
        data: Data::Bundled(py.detach(Dataset::bundled)),
    }
}

/// `LoadOptions` from the keyword arguments of `load` and `from_bytes`.
fn load_options(
    metric_name: Option<&str>,
    price_base_year: Option<u16>,
    source: Option<&str>,
) -> PyResult<LoadOptions> {
    let mut options = LoadOptions::new();
    if let Some(m) = metric_name {
        options.metric(metric(m)?);
    }
    if let Some(y) = price_base_year {
        options.price_base_year(y);
    }
    if let Some(s) = source {
        options.source(parse("source id", s)?);
    }
    Ok(options)
}

/// Loads a file or folder (`LoadOptions::load`, `Dataset::load` without options),
/// without the GIL.
#[pyfunction]
#[pyo3(signature = (path, metric=None, price_base_year=None, source=None))]
fn load(
    py: Python<'_>,
    path: PathBuf,
    metric: Option<&str>,
    price_base_year: Option<u16>,
    source: Option<&str>,
) -> PyResult<PyDataset> {
    let options = load_options(metric, price_base_year, source)?;
    match py.detach(|| options.load(&path)) {
        Ok(d) => Ok(PyDataset {
            data: Data::Loaded(Arc::new(d)),
        }),
        Err(e) => Err(load_error(py, &e)),
    }
}

/// Reads one file already in memory (`LoadOptions::from_bytes`), without the GIL.
#[pyfunction]
#[pyo3(signature = (name, data, metric=None, price_base_year=None, source=None))]
fn from_bytes(
    py: Python<'_>,
    name: PathBuf,
    data: &[u8],
    metric: Option<&str>,
    price_base_year: Option<u16>,
    source: Option<&str>,
) -> PyResult<PyDataset> {
    let options = load_options(metric, price_base_year, source)?;
    match py.detach(|| options.from_bytes(&name, data)) {
        Ok(d) => Ok(PyDataset {
            data: Data::Loaded(Arc::new(d)),
        }),
        Err(e) => Err(load_error(py, &e)),
    }
}

/// Every value that differs between two datasets (`query::revisions`).
#[pyfunction]
fn revisions<'py>(
    py: Python<'py>,
    old: &PyDataset,
    new: &PyDataset,
) -> PyResult<Bound<'py, PyList>> {
    let found = defense_spending::query::revisions(&old.data, &new.data);
    convert::list(py, &found, |r| convert::revision(py, r))
}

/// `value` rounded as NATO prints `metric` (`Metric::round`).
#[pyfunction]
fn round_figure(metric_name: &str, value: Decimal) -> PyResult<Decimal> {
    Ok(metric(metric_name)?.round(value))
}

/// The names of the metrics, in the crate's order.
#[pyfunction]
fn metric_names() -> Vec<&'static str> {
    Metric::ALL.iter().map(|m| m.name()).collect()
}

/// The unit of a metric (`Metric::unit`).
#[pyfunction]
fn metric_unit(metric_name: &str) -> PyResult<&'static str> {
    Ok(metric(metric_name)?.unit())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDataset>()?;
    m.add_function(wrap_pyfunction!(bundled, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(from_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(revisions, m)?)?;
    m.add_function(wrap_pyfunction!(round_figure, m)?)?;
    m.add_function(wrap_pyfunction!(metric_names, m)?)?;
    m.add_function(wrap_pyfunction!(metric_unit, m)?)?;
    m.add("CRATE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
