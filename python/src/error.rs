//! The crate's [`Error`] as a Python `defense_spending.LoadError`, and the `ValueError`s
//! of arguments that do not parse.

use defense_spending::{Error, ErrorKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

static LOAD_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A short name for what was wrong: the `kind` attribute of a `LoadError`.
fn kind_name(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io(_) => "io",
        ErrorKind::Csv(_) => "csv",
        ErrorKind::UnknownFormat { .. } => "unknown_format",
        ErrorKind::MissingColumn(_) => "missing_column",
        ErrorKind::UnknownColumn { .. } => "unknown_column",
        ErrorKind::DuplicateColumn(_) => "duplicate_column",
        ErrorKind::Empty => "empty",
        ErrorKind::InvalidValue { .. } => "invalid_value",
        ErrorKind::UnknownCountry(_) => "unknown_country",
        ErrorKind::Duplicate { .. } => "duplicate",
        ErrorKind::UnknownSource(_) => "unknown_source",
        ErrorKind::Workbook(_) => "workbook",
        ErrorKind::MissingTable(_) => "missing_table",
        ErrorKind::UnknownName { .. } => "unknown_name",
        ErrorKind::FeatureDisabled { .. } => "feature_disabled",
        ErrorKind::TooLarge { .. } => "too_large",
        ErrorKind::NoData => "no_data",
        _ => "other",
    }
}

/// The value a kind names, where it names one (`"2,5"` of an invalid value).
fn kind_value(kind: &ErrorKind) -> Option<&str> {
    match kind {
        ErrorKind::InvalidValue { value, .. } => Some(value),
        ErrorKind::UnknownCountry(v) | ErrorKind::UnknownSource(v) => Some(v),
        ErrorKind::UnknownName { name, .. } => Some(name),
        ErrorKind::UnknownColumn { column, .. } => Some(column),
        ErrorKind::MissingColumn(c) | ErrorKind::DuplicateColumn(c) => Some(c),
        _ => None,
    }
}

/// `defense_spending.LoadError(message, file=..., line=..., ...)` for `e`.
pub fn load_error(py: Python<'_>, e: &Error) -> PyErr {
    match build(py, e) {
        Ok(err) => err,
        // The package's own class could not be made (an import failing half-way):
        // still a ValueError with the crate's message.
        Err(other) => {
            let err = PyValueError::new_err(e.to_string());
            err.set_cause(py, Some(other));
            err
        }
    }
}

fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let cls = LOAD_ERROR.import(py, "defense_spending._errors", "LoadError")?;
    let p = e.position();
    let kw = PyDict::new(py);
    kw.set_item(
        "file",
        p.file.as_ref().map(|f| f.to_string_lossy().into_owned()),
    )?;
    kw.set_item("line", p.line)?;
    kw.set_item("column", p.column.as_deref())?;
    kw.set_item("cell", p.cell.as_deref())?;
    kw.set_item("byte", p.byte)?;
    kw.set_item("kind", kind_name(e.kind()))?;
    kw.set_item("value", kind_value(e.kind()))?;
    kw.set_item("reason", e.kind().to_string())?;
    let value = cls.call((e.to_string(),), Some(&kw))?;
    Ok(PyErr::from_value(value))
}

/// A `ValueError` saying what `what` was and why it does not parse.
pub fn bad_argument(what: &str, value: &str, why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("invalid {what} {value:?}: {why}"))
}
