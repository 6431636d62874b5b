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
