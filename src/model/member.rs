//! The Allies.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{CountryCode, SourceId};

/// A member of NATO (an Ally) and the day it joined.
///
/// ```
/// use defense_spending::Dataset;
///
/// let ds = Dataset::bundled();
/// let sweden = ds.member("SWE".parse()?).unwrap();
/// assert_eq!(sweden.joined.to_string(), "2024-03-07");
/// assert!(!sweden.is_member_in(2023));
/// assert!(sweden.is_member_in(2024));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The ISO 3166-1 alpha-3 code.
    pub code: CountryCode,
    /// The usual English name ("Türkiye", "North Macedonia").
    pub name: String,
    /// The accession date (for the founders, the signature of the North Atlantic Treaty,
    /// 4 April 1949).
    pub joined: Date,
    /// Where the accession date is published.
    pub source: SourceId,
}

impl Member {
    /// True if the country was an Ally at any time in `year` (it joined on or before
    /// 31 December of that year). This is the rule every "Allies in a year" query uses:
    /// Finland (4 April 2023) counts for 2023, Sweden (7 March 2024) for 2024.
    pub fn is_member_in(&self, year: u16) -> bool {
        i32::from(self.joined.year()) <= i32::from(year)
    }

    /// True if the country was an Ally on `date`.
    pub fn is_member_on(&self, date: Date) -> bool {
        self.joined <= date
    }
}
