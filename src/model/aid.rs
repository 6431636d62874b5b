//! Aid totals (military aid to Ukraine by donor).

use serde::{Deserialize, Serialize};

use super::{named_enum, Amount, Entity, MonthOrDay, SourceId};

/// What the aid consists of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AidKind {
    /// Weapons and security assistance.
    Military,
    /// All aid: military, financial and humanitarian.
    Total,
}

named_enum!(AidKind, "aid kind", [Military => "military", Total => "total"]);

/// Whether a total counts what was promised or what was delivered or earmarked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AidBasis {
    /// Promised (the Kiel Institute's "commitments").
    Commitments,
    /// Delivered or specified for delivery (the Kiel Institute's "allocations").
    Allocations,
    /// The source does not say.
    Unspecified,
}

named_enum!(AidBasis, "aid basis", [
    Commitments => "commitments",
    Allocations => "allocations",
    Unspecified => "unspecified",
]);

/// A reported total of aid from a donor (a country or a group) to a recipient.
///
/// ```
/// use defense_spending::{Dataset, Qualifier};
///
/// let ds = Dataset::bundled();
/// let us = ds.aid().iter().find(|a| a.id == "ap-usa-2024").unwrap();
/// assert_eq!(us.donor.to_string(), "USA");
/// assert_eq!(us.amount.qualifier, Qualifier::MoreThan);
/// assert_eq!(us.amount.to_string(), "more than USD 53600 million");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AidTotal {
    /// A stable id.
    pub id: String,
    /// Who gives: a country or a group (an aggregate such as `KIEL_EUROPE`).
    pub donor: Entity,
    /// Who receives.
    pub recipient: Entity,
    /// What the aid consists of.
    pub kind: AidKind,
    /// Promised or delivered.
    pub basis: AidBasis,
    /// The amount, with its wording ("more than", "about").
    pub amount: Amount,
    /// The start of the period counted; `None` for a cumulative total whose start the
    /// source does not state.
    pub period_start: Option<MonthOrDay>,
    /// The date (or month) the total runs to.
    pub as_of: Option<MonthOrDay>,
    /// Where it is reported.
    pub source: SourceId,
    /// Caveats.
    pub note: Option<String>,
}

/// One line that says what the figure is: who, to whom, what kind, on what basis, how
/// much (with the source's wording), over what period, and whose report it is.
///
/// ```
/// use defense_spending::Dataset;
///
/// let ds = Dataset::bundled();
/// let us = ds.aid().iter().find(|a| a.id == "ap-usa-2024").unwrap();
/// assert_eq!(us.to_string(),
///     "USA to UKR, military aid (basis unspecified): more than USD 53600 million, \
///      2022-02 to 2024-07-09 (ap-stinger-2024)");
/// ```
impl std::fmt::Display for AidTotal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let basis = match self.basis {
            AidBasis::Unspecified => "basis unspecified",
            b => b.name(),
        };
        write!(
            f,
            "{} to {}, {} aid ({basis}): {}, ",
            self.donor, self.recipient, self.kind, self.amount
        )?;
        match (self.period_start, self.as_of) {
            (Some(a), Some(b)) => write!(f, "{a} to {b}")?,
            (None, Some(b)) => write!(f, "cumulative as of {b}")?,
            (Some(a), None) => write!(f, "since {a}")?,
            (None, None) => f.write_str("no date")?,
        }
        write!(f, " ({})", self.source)
    }
}
