//! Where every figure comes from.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::serde_via_str;

/// The id of a [`Source`], named by every data row (`nato-def-exp-2024`).
///
/// Any non-empty text of at most 200 characters without surrounding white space or
/// control characters, that does not start with `=`, `+`, `-` or `@` (a spreadsheet
/// would read it as a formula, and [`output::write_csv`](crate::output::write_csv) would
/// have to write it with a guarding apostrophe, so that it would not load back as the
/// same id). Cheap to clone (shared).
///
/// ```
/// use defense_spending::SourceId;
///
/// assert!("nato-def-exp-2024".parse::<SourceId>().is_ok());
/// assert!("=HYPERLINK(\"x\")".parse::<SourceId>().is_err());
/// assert!(" padded".parse::<SourceId>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(Arc<str>);

impl SourceId {
    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceId({})", self.0)
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for SourceId {
    type Err = String;
    fn from_str(s: &str) -> Result<SourceId, String> {
        if s.is_empty() {
            Err("a source id cannot be empty".to_owned())
        } else if s.chars().count() > 200 {
            Err("a source id has at most 200 characters".to_owned())
        } else if s.trim() != s || s.chars().any(char::is_control) {
            Err("a source id has no surrounding white space or control characters".to_owned())
        } else if s.starts_with(['=', '+', '-', '@']) {
            Err(
                "a source id cannot start with =, +, - or @ (spreadsheets read it as a formula)"
                    .to_owned(),
            )
        } else {
            Ok(SourceId(Arc::from(s)))
        }
    }
}

impl PartialEq<str> for SourceId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SourceId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

serde_via_str!(SourceId, "a source id");

/// A published source: a report, a table, an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The id rows refer to it by.
    pub id: SourceId,
    /// Who published it (NATO, the Kiel Institute, Associated Press).
    pub publisher: String,
    /// Its title; a description in square brackets where the title was not recorded.
    pub title: String,
    /// Where it can be read.
    pub url: Option<String>,
    /// When it was published, where known.
    pub published: Option<Date>,
    /// What it covers, how it was read, caveats.
    pub note: Option<String>,
}
