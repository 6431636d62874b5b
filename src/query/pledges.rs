//! Pledges against the figures: kept, missed, pending, not applicable.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{named_enum, Bound, Entity, Pledge, PledgeKind, Subject, Timing};
use crate::Dataset;

/// How a pledge stands against the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PledgeStatus {
    /// The figure for the year meets the bound.
    Kept,
    /// The figure for the year falls short of the bound.
    Missed,
    /// The year is after the last year with figures, or the figure is not published.
    Pending,
    /// The country publishes no figure for this metric at all (Iceland, which has no
    /// armed forces).
    NotApplicable,
    /// Not a promise but a stated estimate (a claim about a non-member): shown, never
    /// judged.
    Stated,
}

named_enum!(PledgeStatus, "pledge status", [
    Kept => "kept",
    Missed => "missed",
    Pending => "pending",
    NotApplicable => "not_applicable",
    Stated => "stated",
]);

/// One pledge, for one subject and year, against the figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PledgeCheck {
    /// The pledge's id.
    pub pledge: String,
    /// Whom the row is about: an Ally, or `NATO` for a pledge of all Allies whose year has
    /// no figures yet (one row rather than one per Ally).
    pub subject: Subject,
    /// The year checked (`None` for a stated estimate without a year).
    pub year: Option<u16>,
    /// The pledge's bound, shown as a range where it is one.
    pub bound: Bound,
    /// The figure for that subject and year, exact, where there is one.
    pub actual: Option<Decimal>,
    /// The verdict.
    pub status: PledgeStatus,
}

impl fmt::Display for PledgeCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.pledge, self.subject)?;
        match self.year {
            Some(y) => write!(f, "{y}")?,
            None => f.write_str("-")?,
        }
        write!(f, " {}: {}", self.bound, self.status)
    }
}

impl Dataset {
    /// Every pledge against the figures, in the order of the pledges file.
    ///
    /// - A pledge due **in** or **by** a year is checked for that year; one made
    ///   **annually** for every year with figures from its first year (or the year it was
    ///   adopted).
    /// - A pledge of all Allies gives one row per Ally that was a member in that year; if
    ///   the year is after the last year with figures, one `NATO` row, `pending`.
    /// - The figure compared is the exact value of the pledge's metric (share of GDP,
    ///   equipment share) from the first source that gives it. A metric no source
    ///   publishes (the Hague's related spending) is `pending`.
    /// - A country that is in the data but has no figure for the metric in any year,
    ///   while others have one that year, is `not_applicable` (Iceland, in NATO's tables
    ///   only for its GDP); any other missing figure is `pending`.
    /// - A stated estimate (Russia's 7-9 %) is `stated` and keeps its range.
    ///
    /// ```
    /// use defense_spending::{Dataset, PledgeStatus};
    ///
    /// let checks = Dataset::bundled().pledge_checks();
    /// let poland = checks.iter().find(|c| c.pledge == "pol-2024").unwrap();
    /// assert_eq!(poland.status, PledgeStatus::Kept);
    /// let wales_kept = checks
    ///     .iter()
    ///     .filter(|c| c.pledge == "wales-2014-gdp" && c.status == PledgeStatus::Kept)
    ///     .count();
    /// assert_eq!(wales_kept, 23);
    /// ```
    pub fn pledge_checks(&self) -> Vec<PledgeCheck> {
        let last_year = self.years().last();
        let mut out = Vec::new();
        for p in &self.pledges {
            if p.kind == PledgeKind::StatedEstimate {
                out.push(PledgeCheck {
                    pledge: p.id.clone(),
                    subject: p.subject,
                    year: p.timing.year(),
                    bound: p.bound,
                    actual: None,
                    status: PledgeStatus::Stated,
                });
                continue;
            }
            let years: Vec<u16> = match p.timing {
                Timing::In { year } | Timing::By { year } => vec![year],
                Timing::Annually { from } => {
                    let first = from.unwrap_or(p.adopted);
                    self.years().filter(|y| *y >= first).collect()
                }
            };
            for year in years {
                let beyond = last_year.is_none_or(|last| year > last);
                match p.subject {
                    Subject::Alliance if beyond => out.push(PledgeCheck {
                        pledge: p.id.clone(),
                        subject: Subject::Alliance,
                        year: Some(year),
                        bound: p.bound,
                        actual: None,
                        status: PledgeStatus::Pending,
                    }),
                    Subject::Alliance => {
                        for m in self.members_in(year) {
                            out.push(self.check(p, Subject::Country(m.code), year));
                        }
                    }
                    Subject::Country(_) => out.push(self.check(p, p.subject, year)),
                }
            }
        }
        out
    }

    /// True if `e` is in the data but has no figure for `m` in any year, while others
    /// have one in `year`: Iceland, which has no armed forces, in NATO's tables.
    fn publishes_none(&self, e: &Entity, m: crate::Metric, year: u16) -> bool {
        let listed = self.series(e).next().is_some();
        listed
            && self.series(e).all(|r| r.get(m).is_none())
            && self
                .spending_in(year)
                .any(|r| &r.country != e && r.get(m).is_some())
    }

    fn check(&self, p: &Pledge, subject: Subject, year: u16) -> PledgeCheck {
        let metric = p.metric.spending_metric();
        let entity = match subject {
            Subject::Country(c) => Some(Entity::Country(c)),
            Subject::Alliance => None,
        };
        let actual = match (metric, &entity) {
            (Some(m), Some(e)) => self.records(e, year).find_map(|r| r.get(m)),
            _ => None,
        };
        let status = match (actual, metric, &entity) {
            (Some(v), _, _) if p.bound.is_met_by(v) => PledgeStatus::Kept,
            (Some(_), _, _) => PledgeStatus::Missed,
            (None, Some(m), Some(e)) if self.publishes_none(e, m, year) => {
                PledgeStatus::NotApplicable
            }
            _ => PledgeStatus::Pending,
        };
        PledgeCheck {
            pledge: p.id.clone(),
            subject,
            year: Some(year),
            bound: p.bound,
            actual,
            status,
        }
    }
}

impl crate::output::CsvRow for PledgeCheck {
    fn header() -> &'static [&'static str] {
        &["subject", "pledge", "year", "threshold", "actual", "status"]
    }
    /// `threshold` is the pledge's figure, or `low-high` for a range (never one number).
    fn fields(&self) -> Vec<String> {
        let threshold = match self.bound {
            Bound::Range { low, high } => format!("{}-{}", low.normalize(), high.normalize()),
            b => b.low().normalize().to_string(),
        };
        vec![
            self.subject.to_string(),
            self.pledge.clone(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            threshold,
            crate::output::dec(self.actual),
            self.status.to_string(),
        ]
    }
}
