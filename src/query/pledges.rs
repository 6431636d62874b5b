//! Pledges against the figures: kept, missed, pending, not applicable; statements of
//! spending against the figures: consistent, inconsistent, or only stated; pledges that
//! name no figure: no threshold.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{named_enum, Bound, Entity, Pledge, PledgeThreshold, SourceId, Subject, Timing};
use crate::query::editions::{Ask, Basis};
use crate::Dataset;

/// How a pledge (or a statement of spending) stands against the figures.
///
/// The first four judge a promise; the next three compare a statement of spending, which
/// promised nothing and so is never kept or missed; the last is a pledge without a
/// figure.
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
    /// A statement of spending with no figure to compare it with (Russia's 7-9 %: NATO's
    /// tables do not cover Russia): shown, never judged.
    Stated,
    /// A statement of spending that the figure agrees with: Estonia's "more than 3 %"
    /// against NATO's estimate of 3.43 %.
    Consistent,
    /// A statement of spending that the figure contradicts.
    Inconsistent,
    /// A pledge that names no figure (Washington 2024: national plans for
    /// defence-industrial capacity): no figure can show it kept or missed.
    NoThreshold,
}

named_enum!(PledgeStatus, "pledge status", [
    Kept => "kept",
    Missed => "missed",
    Pending => "pending",
    NotApplicable => "not_applicable",
    Stated => "stated",
    Consistent => "consistent",
    Inconsistent => "inconsistent",
    NoThreshold => "no_threshold",
]);

/// One pledge, for one subject and year, against the figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PledgeCheck {
    /// The pledge's id.
    pub pledge: String,
    /// Whom the row is about: an Ally, or `NATO` for a pledge of all Allies whose year has
    /// no figures yet, or that names no figure (one row rather than one per Ally).
    pub subject: Subject,
    /// The year checked (`None` where the pledge or statement names no year).
    pub year: Option<u16>,
    /// The pledge's bound, shown as a range where it is one; `None` for a pledge that
    /// names no figure.
    pub bound: Option<Bound>,
    /// The figure for that subject and year, exact, where there is one.
    pub actual: Option<Decimal>,
    /// The verdict.
    pub status: PledgeStatus,
    /// The source of the figure, where there is one.
    pub source: Option<SourceId>,
    /// True if the figure is an estimate (NATO's 2024 figures in the June 2024 edition).
    pub estimate: bool,
    /// What the verdict rests on: the source, and why it was picked (see the
    /// [rules](crate::query#many-sources-one-answer)).
    pub basis: Basis,
}

impl fmt::Display for PledgeCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.pledge, self.subject)?;
        match self.year {
            Some(y) => write!(f, "{y}")?,
            None => f.write_str("-")?,
        }
        match self.bound {
            Some(b) => write!(f, " {b}: {}", self.status)?,
            None => write!(f, ": {}", self.status)?,
        }
        if let Some(v) = self.actual {
            let figure = crate::Figure::percent(v);
            match (self.estimate, self.basis.held > 1, self.source) {
                (true, true, Some(s)) => write!(f, " (estimate {figure}, {s})")?,
                (false, true, Some(s)) => write!(f, " ({figure}, {s})")?,
                (true, _, _) => write!(f, " (estimate {figure})")?,
                (false, _, _) => write!(f, " ({figure})")?,
            }
        }
        Ok(())
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
    /// - A **statement of spending** ([`PledgeKind::StatedEstimate`]) is compared with the
    ///   figure for its subject and year: `consistent` if the figure is within the stated
    ///   bound (Estonia's "more than 3 %", 3.43 %), `inconsistent` if not, `stated` if
    ///   there is no figure (Russia's 7-9 %, which keeps its range). Never `kept` or
    ///   `missed`: nothing was promised.
    /// - A pledge that **names no figure** gives one row, `no_threshold`, with no bound
    ///   and no figure (Washington 2024's national plans for defence-industrial
    ///   capacity).
    ///
    /// [`PledgeKind::StatedEstimate`]: crate::PledgeKind::StatedEstimate
    ///
    /// ```
    /// use defense_spending::{Dataset, PledgeStatus};
    ///
    /// let checks = Dataset::bundled().pledge_checks();
    /// let status = |id: &str| checks.iter().find(|c| c.pledge == id).unwrap().status;
    /// assert_eq!(status("pol-2024"), PledgeStatus::Kept);
    /// assert_eq!(status("est-2024"), PledgeStatus::Consistent); // a statement, not a pledge
    /// assert_eq!(status("rus-2024-estimate"), PledgeStatus::Stated);
    /// assert_eq!(status("washington-2024-industry"), PledgeStatus::NoThreshold);
    /// let wales_kept = checks
    ///     .iter()
    ///     .filter(|c| c.pledge == "wales-2014-gdp" && c.status == PledgeStatus::Kept)
    ///     .count();
    /// assert_eq!(wales_kept, 23);
    /// ```
    pub fn pledge_checks(&self) -> Vec<PledgeCheck> {
        let years = self.alliance_years();
        let last_year = years.last().copied();
        let mut picks = Picks::default();
        let none = Basis::only(Vec::new(), self.editions.len());
        let mut out = Vec::new();
        for p in &self.pledges {
            let year_named = p.timing.and_then(|t| t.year());
            let (Some(threshold), Some(timing)) = (p.threshold, p.timing) else {
                // No figure to judge by, or no year to judge it in.
                let status = match (p.threshold, p.kind.is_promise()) {
                    (None, _) => PledgeStatus::NoThreshold,
                    (Some(_), true) => PledgeStatus::Pending,
                    (Some(_), false) => PledgeStatus::Stated,
                };
                out.push(PledgeCheck {
                    pledge: p.id.clone(),
                    subject: p.subject,
                    year: year_named,
                    bound: p.bound(),
                    actual: None,
                    status,
                    source: None,
                    estimate: false,
                    basis: none.clone(),
                });
                continue;
            };
            if !p.kind.is_promise() {
                out.push(self.compare(&mut picks, p, threshold, year_named));
                continue;
            }
            let years: Vec<u16> = match timing {
                Timing::In { year } | Timing::By { year } => vec![year],
                Timing::Annually { from } => {
                    let first = from.unwrap_or(p.adopted);
                    years.iter().copied().filter(|y| *y >= first).collect()
                }
            };
            for year in years {
                let beyond = last_year.is_none_or(|last| year > last);
                match p.subject {
                    Subject::Alliance if beyond => out.push(PledgeCheck {
                        pledge: p.id.clone(),
                        subject: Subject::Alliance,
                        year: Some(year),
                        bound: Some(threshold.bound),
                        actual: None,
                        status: PledgeStatus::Pending,
                        source: None,
                        estimate: false,
                        basis: none.clone(),
                    }),
                    Subject::Alliance => {
                        for m in self.members_in(year) {
                            let subject = Subject::Country(m.code);
                            out.push(self.check(&mut picks, p, threshold, subject, year));
                        }
                    }
                    Subject::Country(_) => {
                        out.push(self.check(&mut picks, p, threshold, p.subject, year))
                    }
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

    /// The record for `subject` in `year` with `threshold`'s metric, picked by the
    /// [rules](crate::query#many-sources-one-answer) (NATO's figures first for an Ally),
    /// the figure, and the basis; `None` where there is none, or where the figures come
    /// from several publishers and none is NATO (the check is then `pending` or
    /// `stated`, with the publishers' sources in `basis`).
    fn figure<'a>(
        &'a self,
        picks: &mut Picks<'a>,
        threshold: PledgeThreshold,
        subject: Subject,
        year: u16,
    ) -> (Option<(Decimal, &'a crate::SpendingRecord)>, Basis) {
        let held = self.editions.len();
        let (Some(metric), Subject::Country(c)) = (threshold.metric.spending_metric(), subject)
        else {
            return (None, Basis::only(Vec::new(), held));
        };
        let ask = if self.member(c).is_some() {
            Ask::Members
        } else {
            Ask::One(Entity::Country(c))
        };
        let key = (year, metric, ask);
        let pick = picks
            .0
            .entry(key)
            .or_insert_with(|| self.pick_year(year, &[metric], ask).ok());
        let Some(pick) = pick else {
            return (None, Basis::only(Vec::new(), held));
        };
        let found = pick
            .rows
            .iter()
            .find(|r| r.country == Entity::Country(c))
            .and_then(|r| r.get(metric).map(|v| (v, *r)));
        let basis = match found {
            Some((_, r)) => Basis {
                sources: vec![r.source],
                rule: pick.basis.rule,
                held,
            },
            None => Basis::only(Vec::new(), held),
        };
        (found, basis)
    }

    /// A promise with a figure, for one subject and year.
    fn check<'a>(
        &'a self,
        picks: &mut Picks<'a>,
        p: &Pledge,
        threshold: PledgeThreshold,
        subject: Subject,
        year: u16,
    ) -> PledgeCheck {
        let (found, basis) = self.figure(picks, threshold, subject, year);
        let actual = found.map(|(v, _)| v);
        let status = match (actual, threshold.metric.spending_metric(), subject) {
            (Some(v), _, _) if threshold.bound.is_met_by(v) => PledgeStatus::Kept,
            (Some(_), _, _) => PledgeStatus::Missed,
            (None, Some(m), Subject::Country(c))
                if self.publishes_none(&Entity::Country(c), m, year) =>
            {
                PledgeStatus::NotApplicable
            }
            _ => PledgeStatus::Pending,
        };
        PledgeCheck {
            pledge: p.id.clone(),
            subject,
            year: Some(year),
            bound: Some(threshold.bound),
            actual,
            status,
            source: found.map(|(_, r)| r.source),
            estimate: found.is_some_and(|(_, r)| r.estimate),
            basis,
        }
    }

    /// A statement of spending against the figure for its subject and year.
    fn compare<'a>(
        &'a self,
        picks: &mut Picks<'a>,
        p: &Pledge,
        threshold: PledgeThreshold,
        year: Option<u16>,
    ) -> PledgeCheck {
        let (found, basis) = match year {
            Some(y) => self.figure(picks, threshold, p.subject, y),
            None => (None, Basis::only(Vec::new(), self.editions.len())),
        };
        let actual = found.map(|(v, _)| v);
        let status = match actual {
            Some(v) if threshold.bound.is_met_by(v) => PledgeStatus::Consistent,
            Some(_) => PledgeStatus::Inconsistent,
            None => PledgeStatus::Stated,
        };
        PledgeCheck {
            pledge: p.id.clone(),
            subject: p.subject,
            year,
            bound: Some(threshold.bound),
            actual,
            status,
            source: found.map(|(_, r)| r.source),
            estimate: found.is_some_and(|(_, r)| r.estimate),
            basis,
        }
    }
}

/// The records picked for each year, metric and question, while checking pledges.
#[derive(Default)]
struct Picks<'a>(
    std::collections::HashMap<(u16, crate::Metric, Ask), Option<crate::query::editions::Pick<'a>>>,
);

impl crate::output::CsvRow for PledgeCheck {
    fn header() -> &'static [&'static str] {
        &["subject", "pledge", "year", "threshold", "actual", "status"]
    }
    /// `threshold` is the pledge's figure, `low-high` for a range (never one number), or
    /// empty for a pledge that names no figure.
    fn fields(&self) -> Vec<String> {
        let threshold = match self.bound {
            Some(Bound::Range { low, high }) => {
                format!("{}-{}", low.normalize(), high.normalize())
            }
            Some(b) => b.low().normalize().to_string(),
            None => String::new(),
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
