//! Country codes and NATO's (and others') aggregates.
//!
//! A [`CountryCode`] is an ISO 3166-1 alpha-3 code checked against the standard's list
//! (249 codes), not merely "three letters": `POL` parses, `XYZ` and `pol` do not.
//!
//! Publishers also print rows for groups of countries: NATO's "NATO Europe and Canada" and
//! "NATO Total", the World Bank's "World", the Kiel Institute's "Europe". These are
//! [`AggregateId`]s, never countries: every query that counts countries leaves them out.
//! An aggregate id is written in capitals with an underscore (`NATO_TOTAL`, `NATO_EUCAN`),
//! so that it can never be mistaken for a misspelt country code.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{serde_via_str, SourceId};

/// Why a code did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseCodeError {
    /// Three letters, but not an ISO 3166-1 alpha-3 code.
    #[error("{0:?} is not an ISO 3166-1 alpha-3 country code")]
    UnknownCountry(String),
    /// Neither a country code nor a well-formed aggregate id.
    #[error("{0:?} is neither an ISO 3166-1 alpha-3 country code (like POL) nor an aggregate id (capitals, digits and underscores with at least one underscore, like NATO_TOTAL)")]
    Malformed(String),
}

/// An ISO 3166-1 alpha-3 country code, such as `POL`.
///
/// Checked against the full ISO 3166-1 list (from the `rust_iso3166` crate). Cheap to copy
/// and compare. Displays and serializes as the three capital letters.
///
/// ```
/// use defense_spending::CountryCode;
///
/// let pol: CountryCode = "POL".parse()?;
/// assert_eq!(pol.to_string(), "POL");
/// assert_eq!(pol.iso_name(), "Poland");
/// assert!("XYZ".parse::<CountryCode>().is_err()); // three letters, but no such country
/// assert!("pol".parse::<CountryCode>().is_err()); // codes are upper case
/// # Ok::<(), defense_spending::ParseCodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode {
    alpha3: &'static str,
    name: &'static str,
}

impl CountryCode {
    /// Looks up an alpha-3 code; `None` unless it is in ISO 3166-1.
    pub fn lookup(code: &str) -> Option<CountryCode> {
        rust_iso3166::from_alpha3(code).map(|c| CountryCode {
            alpha3: c.alpha3,
            name: c.name,
        })
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &'static str {
        self.alpha3
    }

    /// The country's English short name in ISO 3166-1 (for an Ally's usual name, see
    /// [`Member::name`](crate::Member)).
    pub fn iso_name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.alpha3)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha3)
    }
}

impl FromStr for CountryCode {
    type Err = ParseCodeError;
    fn from_str(s: &str) -> Result<CountryCode, ParseCodeError> {
        CountryCode::lookup(s).ok_or_else(|| {
            if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
                ParseCodeError::UnknownCountry(s.to_owned())
            } else {
                ParseCodeError::Malformed(s.to_owned())
            }
        })
    }
}

serde_via_str!(CountryCode, "an ISO 3166-1 alpha-3 country code");

/// The id of an aggregate row (a group of countries), such as `NATO_TOTAL`.
///
/// Capital letters, digits and underscores, starting with a letter, with at least one
/// underscore, at most 64 characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AggregateId(Arc<str>);

impl AggregateId {
    /// NATO's "NATO Europe and Canada" row.
    pub const NATO_EUCAN: &'static str = "NATO_EUCAN";
    /// NATO's "NATO Total" row.
    pub const NATO_TOTAL: &'static str = "NATO_TOTAL";

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_well_formed(s: &str) -> bool {
        let b = s.as_bytes();
        (2..=64).contains(&b.len())
            && b.first().is_some_and(u8::is_ascii_uppercase)
            && b.contains(&b'_')
            && b.iter()
                .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
    }
}

impl fmt::Debug for AggregateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AggregateId({})", self.0)
    }
}

impl fmt::Display for AggregateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for AggregateId {
    type Err = ParseCodeError;
    fn from_str(s: &str) -> Result<AggregateId, ParseCodeError> {
        if AggregateId::is_well_formed(s) {
            Ok(AggregateId(Arc::from(s)))
        } else {
            Err(ParseCodeError::Malformed(s.to_owned()))
        }
    }
}

serde_via_str!(AggregateId, "an aggregate id such as NATO_TOTAL");

/// What a figure is about: a country or an aggregate of countries.
///
/// Parses from and displays as the code: `POL` is a country, `NATO_TOTAL` an aggregate.
/// A three-letter code that is not in ISO 3166-1 is an error, never an aggregate.
///
/// ```
/// use defense_spending::Entity;
///
/// let pol: Entity = "POL".parse()?;
/// let total: Entity = "NATO_TOTAL".parse()?;
/// assert!(pol.is_country());
/// assert!(!total.is_country());
/// assert_eq!(total.to_string(), "NATO_TOTAL");
/// assert!("PLO".parse::<Entity>().is_err());
/// # Ok::<(), defense_spending::ParseCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    /// A country.
    Country(CountryCode),
    /// A group of countries.
    Aggregate(AggregateId),
}

impl Entity {
    /// True for a country, false for an aggregate.
    pub fn is_country(&self) -> bool {
        matches!(self, Entity::Country(_))
    }

    /// The country code, if this is a country.
    pub fn country(&self) -> Option<CountryCode> {
        match self {
            Entity::Country(c) => Some(*c),
            Entity::Aggregate(_) => None,
        }
    }

    /// The code as written (`POL`, `NATO_TOTAL`).
    pub fn as_str(&self) -> &str {
        match self {
            Entity::Country(c) => c.as_str(),
            Entity::Aggregate(a) => a.as_str(),
        }
    }
}

impl From<CountryCode> for Entity {
    fn from(c: CountryCode) -> Entity {
        Entity::Country(c)
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Entity {
    type Err = ParseCodeError;
    fn from_str(s: &str) -> Result<Entity, ParseCodeError> {
        if let Some(c) = CountryCode::lookup(s) {
            return Ok(Entity::Country(c));
        }
        if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ParseCodeError::UnknownCountry(s.to_owned()));
        }
        s.parse().map(Entity::Aggregate)
    }
}

serde_via_str!(Entity, "an ISO 3166-1 alpha-3 code or an aggregate id");

/// An aggregate's definition: its id, its name and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// The id, such as `NATO_TOTAL`.
    pub id: AggregateId,
    /// The name as its publisher prints it, such as "NATO Total".
    pub name: String,
    /// What it covers.
    pub description: String,
    /// Where the aggregate is defined.
    pub source: SourceId,
}
