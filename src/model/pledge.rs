//! Guidelines, pledges, targets and stated estimates, kept as data.
//!
//! NATO's 2 % guideline, the 2014 Wales pledge, the 2023 Vilnius floor, the 2025 Hague
//! commitment and national pledges are rows of `data/pledges.csv`, not constants in code,
//! so that a new summit is a new row.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{named_enum, serde_via_str, CountryCode, Metric, SourceId};

/// Who a pledge binds: the whole Alliance (every Ally) or one country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// Every Ally (written `NATO`).
    Alliance,
    /// One country.
    Country(CountryCode),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Alliance => f.write_str("NATO"),
            Subject::Country(c) => write!(f, "{c}"),
        }
    }
}

impl FromStr for Subject {
    type Err = String;
    fn from_str(s: &str) -> Result<Subject, String> {
        if s == "NATO" {
            return Ok(Subject::Alliance);
        }
        s.parse()
            .map(Subject::Country)
            .map_err(|e| format!("{e}; or NATO for the whole Alliance"))
    }
}

serde_via_str!(Subject, "NATO or an ISO 3166-1 alpha-3 country code");

/// What kind of statement a [`Pledge`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PledgeKind {
    /// A guideline agreed by NATO (the 2006 2 % guideline).
    Guideline,
    /// A commitment of all Allies at a summit (Wales, Vilnius, The Hague).
    AlliancePledge,
    /// One Ally's own pledge (Poland's "at least 4 %" for 2024).
    NationalPledge,
    /// Not a pledge but a stated estimate, such as a minister's estimate of a
    /// non-member's spending. Kept with its source and never checked as a promise.
    StatedEstimate,
}

named_enum!(PledgeKind, "pledge kind", [
    Guideline => "guideline",
    AlliancePledge => "alliance_pledge",
    NationalPledge => "national_pledge",
    StatedEstimate => "stated_estimate",
]);

/// What a pledge is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PledgeMetric {
    /// Defence expenditure (NATO's definition: "core defence") as % of GDP.
    ShareOfGdp,
    /// Equipment as % of defence expenditure.
    EquipmentShare,
    /// Defence- and security-related spending (infrastructure, resilience, industry) as %
    /// of GDP: the Hague's "up to 1.5 %". No bundled source publishes it.
    RelatedShareOfGdp,
    /// Core defence plus related spending as % of GDP: the Hague's 5 %.
    CoreAndRelatedShareOfGdp,
}

named_enum!(PledgeMetric, "pledge metric", [
    ShareOfGdp => "share_of_gdp",
    EquipmentShare => "equipment_share",
    RelatedShareOfGdp => "related_share_of_gdp",
    CoreAndRelatedShareOfGdp => "core_and_related_share_of_gdp",
]);

impl PledgeMetric {
    /// The spending metric that measures it, if the model has one.
    pub fn spending_metric(self) -> Option<Metric> {
        match self {
            PledgeMetric::ShareOfGdp => Some(Metric::ShareOfGdp),
            PledgeMetric::EquipmentShare => Some(Metric::EquipmentShare),
            PledgeMetric::RelatedShareOfGdp | PledgeMetric::CoreAndRelatedShareOfGdp => None,
        }
    }
}

/// The figure a pledge names, with its wording: "at least 4", "more than 3", "up to 1.5",
/// or a range "7 to 9" (which stays a range, never one number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "bound")]
pub enum Bound {
    /// At least this value (reached when equal).
    AtLeast {
        /// The threshold.
        value: Decimal,
    },
    /// More than this value (not reached when equal).
    MoreThan {
        /// The threshold.
        value: Decimal,
    },
    /// At most this value.
    UpTo {
        /// The ceiling.
        value: Decimal,
    },
    /// Between two values, both included.
    Range {
        /// The low end.
        low: Decimal,
        /// The high end.
        high: Decimal,
    },
}

impl Bound {
    /// True if `value` satisfies the bound.
    ///
    /// ```
    /// use defense_spending::Bound;
    /// use rust_decimal::Decimal;
    ///
    /// let more_than_3 = Bound::MoreThan { value: Decimal::from(3) };
    /// assert!(more_than_3.is_met_by("3.43".parse()?));
    /// assert!(!more_than_3.is_met_by(Decimal::from(3)));
    /// # Ok::<(), rust_decimal::Error>(())
    /// ```
    pub fn is_met_by(&self, value: Decimal) -> bool {
        match *self {
            Bound::AtLeast { value: t } => value >= t,
            Bound::MoreThan { value: t } => value > t,
            Bound::UpTo { value: t } => value <= t,
            Bound::Range { low, high } => low <= value && value <= high,
        }
    }

    /// The name of the bound in CSV files: `at_least`, `more_than`, `up_to`, `range`.
    pub fn name(&self) -> &'static str {
        match self {
            Bound::AtLeast { .. } => "at_least",
            Bound::MoreThan { .. } => "more_than",
            Bound::UpTo { .. } => "up_to",
            Bound::Range { .. } => "range",
        }
    }

    /// The low end (the threshold, or the ceiling for `up_to`).
    pub fn low(&self) -> Decimal {
        match *self {
            Bound::AtLeast { value } | Bound::MoreThan { value } | Bound::UpTo { value } => value,
            Bound::Range { low, .. } => low,
        }
    }

    /// The high end of a range.
    pub fn high(&self) -> Option<Decimal> {
        match *self {
            Bound::Range { high, .. } => Some(high),
            _ => None,
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::AtLeast { value } => write!(f, "at least {value}"),
            Bound::MoreThan { value } => write!(f, "more than {value}"),
            Bound::UpTo { value } => write!(f, "up to {value}"),
            Bound::Range { low, high } => write!(f, "{low} to {high}"),
        }
    }
}

/// When a pledge is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "timing")]
pub enum Timing {
    /// For that year itself ("at least 4 % in 2024").
    In {
        /// The year.
        year: u16,
    },
    /// By that year at the latest ("within a decade", "by 2035").
    By {
        /// The deadline year.
        year: u16,
    },
    /// Every year, from `from` when the source states it.
    Annually {
        /// The first year, if the source states one.
        from: Option<u16>,
    },
}

impl Timing {
    /// The name in CSV files: `in`, `by`, `annually`.
    pub fn name(&self) -> &'static str {
        match self {
            Timing::In { .. } => "in",
            Timing::By { .. } => "by",
            Timing::Annually { .. } => "annually",
        }
    }

    /// The year the source names, if any.
    pub fn year(&self) -> Option<u16> {
        match *self {
            Timing::In { year } | Timing::By { year } => Some(year),
            Timing::Annually { from } => from,
        }
    }
}

/// A pledge, guideline or target (or a stated estimate), as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pledge {
    /// A stable id (`wales-2014-gdp`).
    pub id: String,
    /// Who it binds.
    pub subject: Subject,
    /// What kind of statement it is.
    pub kind: PledgeKind,
    /// A short name.
    pub name: String,
    /// What it is measured in.
    pub metric: PledgeMetric,
    /// The figure, with its wording.
    pub bound: Bound,
    /// When it is due.
    pub timing: Timing,
    /// The year it was made.
    pub adopted: u16,
    /// The day it was made, where the source gives it.
    pub adopted_on: Option<Date>,
    /// Who made it.
    pub made_by: String,
    /// What was said, as reported.
    pub statement: String,
    /// Where it is reported.
    pub source: SourceId,
    /// Caveats (what could not be verified).
    pub note: Option<String>,
}
