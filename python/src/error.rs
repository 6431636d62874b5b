//! The crate's [`Error`] as a Python `defense_spending.LoadError`, and the `ValueError`s
//! of arguments that do not parse.

use defense_spending::{Error, ErrorKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

static LOAD_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static QUERY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The value a kind names, where it names one (`"2,5"` of an invalid value).
fn kind_value(kind: &ErrorKind) -> Option<&str> {
    match kind {
        ErrorKind::InvalidValue { value, .. } => Some(value),
        ErrorKind::UnknownCountry(v) | ErrorKind::UnknownSource(v) => Some(v),
        ErrorKind::UnknownName { name, .. } => Some(name),
        ErrorKind::UnknownEntity { given, .. } => Some(given),
        ErrorKind::UnknownColumn { column, .. } => Some(column),
        ErrorKind::MissingColumn(c) | ErrorKind::DuplicateColumn(c) => Some(c),
        _ => None,
    }
}

/// `defense_spending.LoadError(message, file=..., line=..., ...)` for `e`.
pub fn load_error(py: Python<'_>, e: &Error) -> PyErr {
    raise(py, e, &LOAD_ERROR, "LoadError")
}

/// `defense_spending.QueryError(message, kind=..., ...)` for an error a query gave (a
/// year outside the data, a name the dataset does not know, figures that do not add
/// up, a threshold that is not a number).
pub fn query_error(py: Python<'_>, e: &Error) -> PyErr {
    raise(py, e, &QUERY_ERROR, "QueryError")
}

fn raise(py: Python<'_>, e: &Error, class: &PyOnceLock<Py<PyType>>, name: &'static str) -> PyErr {
    match build(py, e, class, name) {
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

fn build(
    py: Python<'_>,
    e: &Error,
    class: &PyOnceLock<Py<PyType>>,
    name: &'static str,
) -> PyResult<PyErr> {
    let cls = class.import(py, "defense_spending._errors", name)?;
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
    kw.set_item("kind", e.kind().name())?;
    kw.set_item("value", kind_value(e.kind()))?;
    kw.set_item("reason", e.kind().to_string())?;
    let value = cls.call((e.to_string(),), Some(&kw))?;
    Ok(PyErr::from_value(value))
}

/// A `ValueError` saying what `what` was and why it does not parse.
pub fn bad_argument(what: &str, value: &str, why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("invalid {what} {value:?}: {why}"))
}
