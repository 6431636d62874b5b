//! Guidelines, pledges, targets and statements of spending, kept as data.
//!
//! NATO's 2 % guideline, the 2014 Wales pledge, the 2023 Vilnius floor, the 2025 Hague
//! commitment and national pledges are rows of `data/pledges.csv`, not constants in code,
//! so that a new summit is a new row.
//!
//! Three things are told apart, because they are checked differently
//! ([`Dataset::pledge_checks`](crate::Dataset::pledge_checks)):
//!
//! - a **pledge with a figure** (a [`PledgeThreshold`]: "at least 2 % of GDP by 2024"), which
//!   the figures show kept or missed;
//! - a **pledge without a figure** (`threshold` is `None`): the 2024 Washington summit's
//!   pledge that every Ally make national plans to strengthen its defence-industrial
//!   capacity. What was pledged, by whom, when and where it is reported is kept; no
//!   figure can show it kept or missed;
//! - a **statement of spending** ([`PledgeKind::StatedEstimate`]): not a promise but what
//!   someone said a country spends, with the speaker in `made_by`: Estonia's defence
//!   minister saying it "is spending more than 3 %", or his estimate of Russia's 7-9 %.
//!   It is compared with the figure where there is one, and never kept or missed.
//!
//! ```
//! use defense_spending::{Dataset, PledgeKind};
//!
//! let ds = Dataset::bundled();
//! let estonia = ds.pledges().iter().find(|p| p.id == "est-2024").unwrap();
//! assert_eq!(estonia.kind, PledgeKind::StatedEstimate);
//! assert!(!estonia.kind.is_promise());
//! assert_eq!(estonia.made_by, "Hanno Pevkur, Estonia's defence minister");
//!
//! let industry = ds.pledges().iter().find(|p| p.id == "washington-2024-industry").unwrap();
//! assert!(industry.kind.is_promise());
//! assert_eq!(industry.threshold, None); // a pledge that names no figure
//! ```

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
    /// A commitment of all Allies at a summit (Wales, Vilnius, The Hague, and Washington's
    /// pledge of national plans for defence-industrial capacity).
    AlliancePledge,
    /// One Ally's own pledge (Poland's "at least 4 %" of GDP for 2024).
    NationalPledge,
    /// Not a pledge but a statement of what a country spends, as someone (named in
    /// `made_by`) stated or estimated it: Estonia's defence minister saying Estonia "is
    /// spending more than 3 %", or his estimate of Russia's 7-9 %. Compared with the
    /// figure where there is one; never kept or missed, because nothing was promised.
    StatedEstimate,
}

named_enum!(PledgeKind, "pledge kind", [
    Guideline => "guideline",
    AlliancePledge => "alliance_pledge",
    NationalPledge => "national_pledge",
    StatedEstimate => "stated_estimate",
]);

impl PledgeKind {
    /// True for a promise (a guideline or a pledge), false for a statement of spending.
    ///
    /// ```
    /// use defense_spending::PledgeKind;
    ///
    /// assert!(PledgeKind::NationalPledge.is_promise());
    /// assert!(!PledgeKind::StatedEstimate.is_promise());
    /// ```
    pub fn is_promise(self) -> bool {
        self != PledgeKind::StatedEstimate
    }
}

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

/// The figure a pledge or statement names: what it is measured in, and its bound.
///
/// ```
/// use defense_spending::{Bound, PledgeMetric, PledgeThreshold};
/// use rust_decimal::Decimal;
///
/// let wales = PledgeThreshold {
///     metric: PledgeMetric::ShareOfGdp,
///     bound: Bound::AtLeast { value: Decimal::TWO },
/// };
/// assert_eq!(wales.to_string(), "at least 2 share_of_gdp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PledgeThreshold {
    /// What the figure is measured in.
    pub metric: PledgeMetric,
    /// The figure, with its wording.
    pub bound: Bound,
}

impl fmt::Display for PledgeThreshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.bound, self.metric)
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

/// A pledge, guideline or target (or a statement of spending), as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pledge {
    /// A stable id (`wales-2014-gdp`).
    pub id: String,
    /// Who it binds (for a statement of spending: whose spending it is about).
    pub subject: Subject,
    /// What kind of statement it is.
    pub kind: PledgeKind,
    /// A short name.
    pub name: String,
    /// The figure pledged or stated, with what it is measured in; `None` for a pledge
    /// that names no figure (Washington 2024: national plans for defence-industrial
    /// capacity). A statement of spending always names one.
    pub threshold: Option<PledgeThreshold>,
    /// When it is due (for a statement, the year it is about); `None` where the source
    /// states no time, which only a pledge without a figure may leave out.
    pub timing: Option<Timing>,
    /// The year it was made.
    pub adopted: u16,
    /// The day it was made, where the source gives it.
    pub adopted_on: Option<Date>,
    /// Who made it: the summit, the government, or the person who said it.
    pub made_by: String,
    /// What was said, as reported.
    pub statement: String,
    /// Where it is reported.
    pub source: SourceId,
    /// Caveats (what could not be verified).
    pub note: Option<String>,
}

impl Pledge {
    /// The figure's bound, if the pledge names a figure.
    pub fn bound(&self) -> Option<Bound> {
        self.threshold.map(|t| t.bound)
    }

    /// What the figure is measured in, if the pledge names a figure.
    pub fn metric(&self) -> Option<PledgeMetric> {
        self.threshold.map(|t| t.metric)
    }
}
