//! The crate's [`Error`] as a Python `defense_spending.LoadError`, and the `ValueError`s
//! of arguments that do not parse.
//!
//! The crate's messages speak to a Rust user where they show what to write
//! (`LoadOptions::new().metric(Metric::ShareOfGdp)`, a cargo feature, the table of
//! `defense_spending::names`): [`python_terms`] says the same in Python's terms
//! (`dsp.load(path, metric="share_of_gdp")`) in every message the package raises.

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
    kw.set_item("reason", python_terms(&e.kind().to_string()))?;
    let value = cls.call((python_terms(&e.to_string()),), Some(&kw))?;
    Ok(PyErr::from_value(value))
}

/// A `ValueError` saying what `what` was and why it does not parse.
pub fn bad_argument(what: &str, value: &str, why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("invalid {what} {value:?}: {why}"))
}

/// `text`, a crate's message, with what it shows a Rust user to write said in Python's
/// terms: a `LoadOptions` call becomes the call of `dsp.load` with its keywords, the
/// example's `--metric` flag and the table of names are left out, a cargo feature
/// becomes the build of the package.
pub fn python_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Each `LoadOptions::new()...` in backticks, as the call of `dsp.load`.
    while let Some(start) = rest.find("`LoadOptions::new()") {
        let (before, call) = rest.split_at(start);
        out.push_str(before);
        let body = &call[1..];
        let Some(end) = body.find('`') else {
            out.push_str(call);
            rest = "";
            break;
        };
        out.push('`');
        out.push_str(&load_call(&body[..end]));
        out.push('`');
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    for (rust, python) in [
        ("`.price_base_year(", "`price_base_year="),
        (", or with `--metric` in the load_any example", ""),
        (
            "if it is a spelling of a known country, add it to the table of \
             `defense_spending::names`, mapped to its ISO 3166-1 code or an aggregate id",
            "if it is a spelling of a known country, write its ISO 3166-1 code (or a \
             known name) in the file instead",
        ),
    ] {
        out = out.replace(rust, python);
    }
    // `price_base_year=2021)` from `.price_base_year(2021)`: the call's parenthesis.
    if let Some(at) = out.find("`price_base_year=") {
        let tail = &out[at + 1..];
        if let Some(close) = tail.find(")`") {
            let fixed = format!("{}`", &tail[..close]);
            out = format!("{}`{}{}", &out[..at], fixed, &tail[close + 2..]);
        }
    }
    if out.contains("feature of defense-spending") {
        if let Some(at) = out.find(": enable it") {
            out.truncate(at);
            out.push_str(
                ": this build of the Python package was made without it (build it from the \
                 repository with pip install ./python, which enables it)",
            );
        }
    }
    out
}

/// `LoadOptions::new().metric(Metric::ShareOfGdp).load("x.csv")` as
/// `dsp.load("x.csv", metric="share_of_gdp")`.
fn load_call(rust: &str) -> String {
    let mut path = String::from("path");
    let mut keywords = Vec::new();
    // The method calls after `LoadOptions::new()`, each `name(argument)`.
    let calls = rust.trim_start_matches("LoadOptions::new()");
    for call in calls.split(").").map(|c| c.trim_start_matches('.')) {
        let Some((name, arg)) = call.split_once('(') else {
            continue;
        };
        let arg = arg.trim_end_matches(')');
        match name {
            "load" | "from_bytes" => path = arg.to_owned(),
            "metric" => {
                let metric = arg.trim_start_matches("Metric::");
                keywords.push(format!("metric=\"{}\"", snake_case(metric)));
            }
            _ => keywords.push(format!("{name}={arg}")),
        }
    }
    let mut args = vec![path];
    args.extend(keywords);
    format!("dsp.load({})", args.join(", "))
}

/// `ShareOfGdp` as `share_of_gdp`.
fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::python_terms;

    #[test]
    fn the_wide_table_hint_in_python_terms() {
        let rust = "w.csv: a wide table does not say which figure its cells hold: state it, \
                    as in `LoadOptions::new().metric(Metric::ShareOfGdp).load(\"w.csv\")` (the \
                    metrics: share_of_gdp, gdp_current; and for constant prices \
                    `.price_base_year(2021)`), or with `--metric` in the load_any example";
        assert_eq!(
            python_terms(rust),
            "w.csv: a wide table does not say which figure its cells hold: state it, as in \
             `dsp.load(\"w.csv\", metric=\"share_of_gdp\")` (the metrics: share_of_gdp, \
             gdp_current; and for constant prices `price_base_year=2021`)"
        );
    }

    #[test]
    fn other_messages_are_left_as_they_are() {
        let plain = "t.csv: line 2, column `year`: invalid value \"x\": not a year";
        assert_eq!(python_terms(plain), plain);
    }

    #[test]
    fn a_feature_is_the_build_of_the_package() {
        let rust = "this is an Excel workbook, which needs the `xlsx` feature of \
                    defense-spending: enable it (it is on by default) with `features = \
                    [\"xlsx\"]` in Cargo.toml";
        let py = python_terms(rust);
        assert!(
            !py.contains("Cargo.toml") && py.contains("pip install ./python"),
            "{py}"
        );
    }
}
