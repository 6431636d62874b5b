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

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::intern::{intern, resolve};
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
    /// A well-formed aggregate id that the process's table of ids has no room for (see
    /// [`load::limits::MAX_IDS`](crate::load::limits::MAX_IDS)).
    #[error("aggregate id {id:?}: {reason}")]
    TooManyIds {
        /// The id refused.
        id: String,
        /// Why.
        reason: String,
    },
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
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountryCode(u16);

/// For each three-letter code `ABC` at `(A·26 + B)·26 + C`, one more than its position in
/// `rust_iso3166::ALL` (0: not a code).
static BY_LETTERS: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let mut table = vec![0u16; 26 * 26 * 26];
    for (i, c) in rust_iso3166::ALL.iter().enumerate() {
        if let (Some(k), Ok(i)) = (letters_key(c.alpha3.as_bytes()), u16::try_from(i + 1)) {
            if let Some(slot) = table.get_mut(k) {
                *slot = i;
            }
        }
    }
    table
});

/// The table position of three capital letters.
fn letters_key(code: &[u8]) -> Option<usize> {
    match code {
        [a, b, c] if code.iter().all(u8::is_ascii_uppercase) => {
            Some((usize::from(a - b'A') * 26 + usize::from(b - b'A')) * 26 + usize::from(c - b'A'))
        }
        _ => None,
    }
}

impl CountryCode {
    /// Looks up an alpha-3 code; `None` unless it is in ISO 3166-1.
    pub fn lookup(code: &str) -> Option<CountryCode> {
        CountryCode::lookup_bytes(code.as_bytes())
    }

    /// Looks up an alpha-3 code given as bytes (as read from a file).
    pub fn lookup_bytes(code: &[u8]) -> Option<CountryCode> {
        let k = letters_key(code)?;
        match BY_LETTERS.get(k) {
            Some(&i) if i > 0 => Some(CountryCode(i - 1)),
            _ => None,
        }
    }

    fn entry(&self) -> Option<&'static rust_iso3166::CountryCode> {
        rust_iso3166::ALL.get(usize::from(self.0))
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &'static str {
        self.entry().map_or("", |c| c.alpha3)
    }

    /// The country's English short name in ISO 3166-1 (for an Ally's usual name, see
    /// [`Member::name`](crate::Member)).
    pub fn iso_name(&self) -> &'static str {
        self.entry().map_or("", |c| c.name)
    }
}

impl PartialOrd for CountryCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CountryCode {
    /// Alphabetical by code.
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AggregateId(lasso::Spur);

impl AggregateId {
    /// NATO's "NATO Europe and Canada" row.
    pub const NATO_EUCAN: &'static str = "NATO_EUCAN";
    /// NATO's "NATO Total" row.
    pub const NATO_TOTAL: &'static str = "NATO_TOTAL";
    /// All donors of the Kiel Institute's Ukraine Support Tracker: its summary's `Total`
    /// row (see [`AidRelease::totals`](crate::AidRelease::totals)).
    pub const KIEL_ALL_DONORS: &'static str = "KIEL_ALL_DONORS";
    /// The European Commission and Council as a donor (Kiel: `EU (Commission and
    /// Council)`): an institution, not a group of its members.
    pub const EU_COMMISSION: &'static str = "EU_COMMISSION";
    /// The European Investment Bank as a donor.
    pub const EU_EIB: &'static str = "EU_EIB";
    /// The European Peace Facility as a donor.
    pub const EU_EPF: &'static str = "EU_EPF";
    /// The ids of institutions that give aid of their own: donors like countries, not
    /// groups of them. Their aid is not their members' bilateral aid, so it adds to it.
    pub const INSTITUTIONS: &'static [&'static str] = &[
        AggregateId::EU_COMMISSION,
        AggregateId::EU_EIB,
        AggregateId::EU_EPF,
    ];

    /// True for an institution that is a donor of its own ([`AggregateId::INSTITUTIONS`]).
    ///
    /// ```
    /// use defense_spending::AggregateId;
    ///
    /// assert!("EU_EIB".parse::<AggregateId>()?.is_institution());
    /// assert!(!"KIEL_EUROPE".parse::<AggregateId>()?.is_institution());
    /// # Ok::<(), defense_spending::ParseCodeError>(())
    /// ```
    pub fn is_institution(&self) -> bool {
        AggregateId::INSTITUTIONS.contains(&self.as_str())
    }

    /// The id as written.
    pub fn as_str(&self) -> &'static str {
        resolve(self.0)
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

impl Hash for AggregateId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialOrd for AggregateId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for AggregateId {
    /// Alphabetical by id.
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for AggregateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AggregateId({})", self.as_str())
    }
}

impl fmt::Display for AggregateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AggregateId {
    type Err = ParseCodeError;
    fn from_str(s: &str) -> Result<AggregateId, ParseCodeError> {
        if AggregateId::is_well_formed(s) {
            intern(s)
                .map(AggregateId)
                .map_err(|_| ParseCodeError::TooManyIds {
                    id: s.to_owned(),
                    reason: super::intern::TableFull::reason(),
                })
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

    /// True for a single donor or subject (a country, or an institution such as the EU's
    /// Commission: [`AggregateId::is_institution`]); false for a group of countries, whose
    /// figure may include others'.
    pub fn is_single(&self) -> bool {
        match self {
            Entity::Country(_) => true,
            Entity::Aggregate(a) => a.is_institution(),
        }
    }

    /// The country code, if this is a country.
    pub fn country(&self) -> Option<CountryCode> {
        match self {
            Entity::Country(c) => Some(*c),
            Entity::Aggregate(_) => None,
        }
    }

    /// The code as written (`POL`, `NATO_TOTAL`).
    pub fn as_str(&self) -> &'static str {
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

impl From<&CountryCode> for Entity {
    fn from(c: &CountryCode) -> Entity {
        Entity::Country(*c)
    }
}

impl From<AggregateId> for Entity {
    fn from(a: AggregateId) -> Entity {
        Entity::Aggregate(a)
    }
}

/// So that functions taking `impl Into<Entity>` take `&entity` as well as `entity`.
impl From<&Entity> for Entity {
    fn from(e: &Entity) -> Entity {
        *e
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
