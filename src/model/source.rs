//! Where every figure comes from.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::intern::{intern, resolve};
use super::serde_via_str;

/// The id of a [`Source`], named by every data row (`nato-def-exp-2024`).
///
/// Any non-empty text of at most 200 characters without surrounding white space or
/// control characters, that does not start with `=`, `+`, `-` or `@` (a spreadsheet
/// would read it as a formula, and [`output::write_csv`](crate::output::write_csv) would
/// have to write it with a guarding apostrophe, so that it would not load back as the
/// same id). Interned: a 4-byte key, cheap to copy and compare.
///
/// ```
/// use defense_spending::SourceId;
///
/// assert!("nato-def-exp-2024".parse::<SourceId>().is_ok());
/// assert!("=HYPERLINK(\"x\")".parse::<SourceId>().is_err());
/// assert!(" padded".parse::<SourceId>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SourceId(lasso::Spur);

impl SourceId {
    /// The id as written.
    pub fn as_str(&self) -> &'static str {
        resolve(self.0)
    }
}

impl Hash for SourceId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialOrd for SourceId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SourceId {
    /// Alphabetical by id.
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceId({})", self.as_str())
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a text is not a [`SourceId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct ParseSourceIdError {
    /// The text given.
    pub value: String,
    /// Why it is not a source id.
    pub reason: String,
}

impl FromStr for SourceId {
    type Err = ParseSourceIdError;
    fn from_str(s: &str) -> Result<SourceId, ParseSourceIdError> {
        let bad = |reason: &str| ParseSourceIdError {
            value: s.to_owned(),
            reason: reason.to_owned(),
        };
        if s.is_empty() {
            Err(bad("a source id cannot be empty"))
        } else if s.chars().count() > 200 {
            Err(bad("a source id has at most 200 characters"))
        } else if s.trim() != s || s.chars().any(char::is_control) {
            Err(bad(
                "a source id has no surrounding white space or control characters",
            ))
        } else if s.starts_with(['=', '+', '-', '@']) {
            Err(bad(
                "a source id cannot start with =, +, - or @ (spreadsheets read it as a formula)",
            ))
        } else {
            intern(s)
                .map(SourceId)
                .map_err(|_| bad(&super::intern::TableFull::reason()))
        }
    }
}

impl PartialEq<str> for SourceId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SourceId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
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
