//! Aid totals (military aid to Ukraine by donor).

use serde::{Deserialize, Serialize};

use super::{named_enum, Amount, Entity, Money, MonthOrDay, SourceId};

/// What the aid consists of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AidKind {
    /// Weapons and security assistance.
    Military,
    /// Budget support, loans, grants and guarantees (the Kiel Institute's "financial").
    Financial,
    /// Relief: food, medicine, shelter (the Kiel Institute's "humanitarian").
    Humanitarian,
    /// All aid: military, financial and humanitarian.
    Total,
}

named_enum!(AidKind, "aid kind", [
    Military => "military",
    Financial => "financial",
    Humanitarian => "humanitarian",
    Total => "total",
]);

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
    /// The amount as a percentage of the donor's GDP, as the source gives it (the Kiel
    /// Institute's `% GDP` column of its summary); `None` where it gives none. Not
    /// written to or read from the crate's `aid.csv`.
    #[serde(default)]
    pub share_of_gdp: Option<rust_decimal::Decimal>,
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

/// One announcement behind a donor's total: a row of the Kiel Institute's
/// `Bilateral assistance, MAIN DATA` sheet, with its date, kind and values.
///
/// Announcements are kept apart from the totals ([`Dataset::aid`](crate::Dataset::aid)):
/// a donor's total *is* the sum of its announcements, so the two are never added
/// together. [`Dataset::validate`](crate::Dataset::validate) reports a donor whose
/// announcements do not add up to its total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AidAnnouncement {
    /// The publisher's id of the announcement (`AUH1`); the rows of one package share it.
    pub id: String,
    /// The 1-based row of the sheet it was read from: unique within its source.
    pub row: u32,
    /// The release it was read from.
    pub source: SourceId,
    /// Who gives (a country, or an EU institution such as `EU_EIB`).
    pub donor: Entity,
    /// Who receives.
    pub recipient: Entity,
    /// The announcement's date, where the cell holds a date.
    pub date: Option<jiff::civil::Date>,
    /// The date cell's text where it holds text instead (`until 3/10/2022`, `unclear,
    /// 04/22`): kept as written, never guessed into a date.
    pub date_text: Option<String>,
    /// What the aid consists of (never [`AidKind::Total`]).
    pub kind: AidKind,
    /// Promised or delivered: [`AidBasis::Commitments`] in releases without a `measure`
    /// column, else the row's `measure` (`Allocation`, `Commitment`).
    pub basis: AidBasis,
    /// Its value in euros as the publisher converted it (`Converted Value in EUR`, or
    /// `tot_sub_activity_value_EUR`), in millions, exactly; `None` where the cell is empty
    /// or `.` (no value: the package's value stands on its first row).
    pub amount: Option<Money>,
    /// The currency the publisher's source gave the value in (`AUD`), where stated.
    pub original_currency: Option<String>,
    /// The value as the publisher's source gave it, in units of that currency (not
    /// millions), where stated.
    pub original_value: Option<rust_decimal::Decimal>,
}

/// A release (or one issue of a release) of the Kiel Institute's Ukraine Support Tracker,
/// as a loaded file says: its number, what it covers, the workbook's own date, the file's
/// SHA-256, and the figures of its summary's `Total` row. Its [`Source`](crate::Source)
/// is [`AidRelease::source`].
///
/// One release number can be two files (Kiel re-issued release 7 on 22 November 2022,
/// with corrections): each is a release of its own, a source of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AidRelease {
    /// The source its rows cite.
    pub source: SourceId,
    /// The release's number (7 for "7th release").
    pub number: u16,
    /// The first day it covers.
    pub covers_from: jiff::civil::Date,
    /// The last day it covers.
    pub covers_to: jiff::civil::Date,
    /// The date the workbook was last saved (its document properties), if it says.
    pub saved: Option<jiff::civil::Date>,
    /// The SHA-256 of the file's bytes, in lower-case hexadecimal.
    pub sha256: String,
    /// The summary's `Total` row: the publisher's own figure for all its donors, one per
    /// kind and basis, with the donor [`KIEL_ALL_DONORS`](crate::AggregateId::KIEL_ALL_DONORS).
    /// The loader checked that the donors' figures add up to it.
    pub totals: Vec<AidTotal>,
    /// True if the release's summary is the sum of its announcements' euro values (as the
    /// release-7 layout's formulas say), so that [`Dataset::validate`](crate::Dataset::validate)
    /// compares them; false for layouts whose summary counts values not read here.
    pub summary_sums_announcements: bool,
}

impl std::fmt::Display for AidAnnouncement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} to {}, {} aid ({}): ",
            self.id, self.donor, self.recipient, self.kind, self.basis
        )?;
        match &self.amount {
            Some(m) => write!(f, "{m}")?,
            None => f.write_str("no value")?,
        }
        match (&self.date, &self.date_text) {
            (Some(d), _) => write!(f, ", {d}")?,
            (None, Some(t)) => write!(f, ", {t:?}")?,
            (None, None) => {}
        }
        write!(f, " ({} row {})", self.source, self.row)
    }
}
