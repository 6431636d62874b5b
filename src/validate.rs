//! Checks of the data itself, after a load: figures that are valid one by one (a loader
//! accepts them) but implausible or inconsistent together.
//!
//! [`Dataset::validate`] reports [`Anomaly`]s and never fails: what to do about them is
//! the caller's choice (the bundled data has none; a publisher's file may have some, and
//! they may be real). The checks, each an [`AnomalyKind`]:
//!
//! - [`ImplausibleShare`](AnomalyKind::ImplausibleShare): a share of GDP over
//!   [`MAX_PLAUSIBLE_SHARE`] (30 %), unless the country and year are in
//!   [`KNOWN_HIGH_SHARES`], the short list of published cases (with their source).
//! - [`InconsistentShare`](AnomalyKind::InconsistentShare): a record with a share of GDP,
//!   expenditure and GDP at constant prices whose share differs from
//!   `expenditure_constant / gdp_constant * 100` by more than the tolerance (NATO's share
//!   is of real GDP, at constant prices). The tolerance is
//!   [`SHARE_TOLERANCE_POINTS`] (0.01 percentage points, the rounding of a share printed
//!   with two decimals) plus [`SHARE_TOLERANCE_RELATIVE`] (0.5 %) of the share, for
//!   figures rounded to whole millions: a share of current-price expenditure over real GDP,
//!   or a GDP of another base year, is off by far more.
//! - [`Jump`](AnomalyKind::Jump): a figure [`JUMP_FACTOR`] (1000) times larger or smaller
//!   than the same country's, source's and metric's figure for the year before (the
//!   calendar year before: a gap in the series is not compared across). SIPRI once
//!   shipped Belarus's expenditure 1000 times too high (roubles for thousands of roubles).
//!   Changes (`real_change`) are not compared: they cross zero.
//! - [`EstimateBeforeFinal`](AnomalyKind::EstimateBeforeFinal): a record marked as an
//!   estimate for a year when the same source gives a final (not estimated) figure for
//!   the same country in a later year: estimates come last, so one of the two marks is
//!   wrong.
//! - [`AidAnnouncements`](AnomalyKind::AidAnnouncements): a donor of a Kiel Institute
//!   release whose announcements (its `MAIN DATA` rows) do not add up to its figure in the
//!   release's summary, for a release whose summary is the sum of its announcements
//!   ([`AidRelease::summary_sums_announcements`](crate::AidRelease::summary_sums_announcements)),
//!   beyond the rounding of the workbook's own sums. Its `year` is the year the release
//!   runs to. Donors with announcements but no row in the summary (release 7's European
//!   Investment Bank and European Peace Facility, which it counts apart) are not compared.
//!
//! - [`ImplausibleForMetric`](AnomalyKind::ImplausibleForMetric): an Ally's amount
//!   (expenditure or GDP, current or constant prices, in US$ millions) more than
//!   [`METRIC_FACTOR`] (10) times larger or smaller than NATO's own figure for the same
//!   Ally, year and metric in the bundled data (June 2024 edition, 2014-2024): a table of
//!   shares loaded as `expenditure_current` (Poland "4" million US$ where NATO gives
//!   34,975), or dollars read as millions. Publishers' amounts for one Ally and year
//!   differ (SIPRI's and NATO's definitions, constant prices of another base year), but
//!   not tenfold. Other countries, and years outside the bundled edition's, are not
//!   checked this way.
//!
//! ```
//! use defense_spending::{AnomalyKind, Dataset};
//!
//! assert!(Dataset::bundled().validate().is_empty());
//!
//! let csv = "country,year,share_of_gdp,source\nPOL,2023,3.8,mine\nPOL,2024,41.2,mine\n";
//! let anomalies = Dataset::from_csv_str("mine.csv", csv)?.validate();
//! assert_eq!(anomalies.len(), 1);
//! assert_eq!(anomalies[0].kind, AnomalyKind::ImplausibleShare);
//! assert_eq!(anomalies[0].year, 2024);
//! # Ok::<(), defense_spending::Error>(())
//! ```

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Entity, Metric, SourceId, SpendingRecord};
use crate::Dataset;

/// The share of GDP above which a figure needs a reason (see [`KNOWN_HIGH_SHARES`]): 30 %.
/// No country has spent more in peacetime in the data the crate reads; above it are wars
/// and data errors.
pub const MAX_PLAUSIBLE_SHARE: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// Shares of GDP over [`MAX_PLAUSIBLE_SHARE`] that are published facts, not errors: the
/// ISO code, the year, and the source that gives it. A figure for one of these is not
/// reported whatever its source.
///
/// - Kuwait 1991: 117.35 % in the World Bank's `MS.MIL.XPND.GD.ZS` (last updated
///   2023-09-19) and 117.35 % in Our World in Data's SIPRI series, the year of the Gulf
///   War and Kuwait's liberation.
/// - Ukraine 2022, 2023 and 2024, the years of the full-scale Russian invasion: 33.55 %
///   (2022) in the World Bank's file; 25.64 %, 36.53 % and 34.48 % in Our World in Data's
///   SIPRI series (`military-spending-as-a-share-of-gdp-sipri.csv`), which revises 2022.
///
/// (The figures are those of the publishers' files that the tests read, named in
/// `tests/fixtures/SOURCES.md`, where they can be checked.)
///
/// Other shares over 30 % in the publishers' files that this crate's tests read (Eritrea
/// 1998-2000, Israel 1975, Kuwait 1990 and 1992) are reported: they may well be real
/// (wars), but no publication beyond the databases themselves is cited here for them.
pub const KNOWN_HIGH_SHARES: &[(&str, u16, &str)] = &[
    (
        "KWT",
        1991,
        "SIPRI Military Expenditure Database; World Bank MS.MIL.XPND.GD.ZS (Gulf War)",
    ),
    (
        "UKR",
        2022,
        "World Bank MS.MIL.XPND.GD.ZS; Our World in Data, SIPRI series (full-scale invasion)",
    ),
    (
        "UKR",
        2023,
        "SIPRI Military Expenditure Database; Our World in Data, SIPRI series",
    ),
    ("UKR", 2024, "Our World in Data, SIPRI series"),
];

/// The absolute part of the tolerance between a share and expenditure over GDP: 0.01
/// percentage points.
pub const SHARE_TOLERANCE_POINTS: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// The relative part of the tolerance between a share and expenditure over GDP: 0.5 % of
/// the share.
pub const SHARE_TOLERANCE_RELATIVE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// The factor between a year's figure and the previous one's that is reported: 1000.
pub const JUMP_FACTOR: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// The factor between an Ally's amount and NATO's own figure for it (bundled data) above
/// which the amount is reported as implausible for its metric: 10.
pub const METRIC_FACTOR: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// The metrics checked against NATO's own figures: amounts in US$ millions.
const AMOUNTS: [Metric; 4] = [
    Metric::ExpenditureCurrent,
    Metric::ExpenditureConstant,
    Metric::GdpCurrent,
    Metric::GdpConstant,
];

/// What is wrong with a record (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnomalyKind {
    /// A share of GDP over 30 % without a published reason.
    ImplausibleShare,
    /// A share of GDP that is not expenditure over GDP at constant prices.
    InconsistentShare,
    /// A figure 1000 times the previous year's, or a thousandth of it.
    Jump,
    /// An estimate for a year before a year with a final figure.
    EstimateBeforeFinal,
    /// A donor's announcements that do not add up to its aid total.
    AidAnnouncements,
    /// An Ally's amount more than ten times off NATO's own figure for it: a figure of
    /// another metric or unit (a share loaded as US$ millions).
    ImplausibleForMetric,
}

/// A record that looks wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anomaly {
    /// What looks wrong.
    pub kind: AnomalyKind,
    /// The record's country or aggregate.
    pub country: Entity,
    /// The record's year.
    pub year: u16,
    /// The record's source.
    pub source: SourceId,
    /// The figure concerned (`None` for [`AnomalyKind::EstimateBeforeFinal`], which is
    /// about the whole record).
    pub metric: Option<Metric>,
    /// What was found, in words, with the numbers.
    pub message: String,
}

impl std::fmt::Display for Anomaly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ({})", self.country, self.year, self.source)?;
        if let Some(m) = self.metric {
            write!(f, ", {m}")?;
        }
        write!(f, ": {}", self.message)
    }
}

fn anomaly(
    r: &SpendingRecord,
    kind: AnomalyKind,
    metric: Option<Metric>,
    message: String,
) -> Anomaly {
    Anomaly {
        kind,
        country: r.country,
        year: r.year,
        source: r.source,
        metric,
        message,
    }
}

impl Dataset {
    /// The spending records that look wrong: implausible shares of GDP, shares that
    /// disagree with expenditure over GDP, 1000-fold jumps, estimates older than final
    /// figures. See [`validate`](crate::validate) for each check and its thresholds.
    ///
    /// Never fails, and changes nothing: a dataset with anomalies is still loaded. The
    /// anomalies come in the order of the records (load order), each record's checks in
    /// the order above.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// assert!(Dataset::bundled().validate().is_empty());
    /// let odd = Dataset::from_csv_str("odd.csv", "country,year,share_of_gdp,source\nPOL,2024,41.2,typo\n")?;
    /// for a in odd.validate() {
    ///     println!("{a}"); // a share of GDP over 30 %
    /// }
    /// assert_eq!(odd.validate().len(), 1);
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Anomaly> {
        // Each anomaly with its record's index and its check's rank, sorted at the end.
        let mut found: Vec<(usize, AnomalyKind, Anomaly)> = Vec::new();
        let mut series: HashMap<(&Entity, &SourceId), Vec<(usize, &SpendingRecord)>> =
            HashMap::new();
        let nato = nato_figures();
        for (i, r) in self.spending().iter().enumerate() {
            series
                .entry((&r.country, &r.source))
                .or_default()
                .push((i, r));
            found.extend(implausible_share(r).map(|a| (i, a.kind, a)));
            found.extend(inconsistent_share(r).map(|a| (i, a.kind, a)));
            found.extend(implausible_for_metric(r, &nato).map(|a| (i, a.kind, a)));
        }
        for rows in series.values_mut() {
            rows.sort_by_key(|(i, r)| (r.year, *i));
            for &m in Metric::ALL {
                if m == Metric::RealChange {
                    continue;
                }
                let mut previous: Option<(u16, Decimal)> = None;
                for &(i, r) in rows.iter() {
                    let Some(v) = r.get(m) else { continue };
                    let adjacent = previous.filter(|(year, _)| year.checked_add(1) == Some(r.year));
                    if let Some((year, p)) = adjacent {
                        if let Some(message) = jump(p, v, year) {
                            let a = anomaly(r, AnomalyKind::Jump, Some(m), message);
                            found.push((i, a.kind, a));
                        }
                    }
                    previous = Some((r.year, v));
                }
            }
            let last_final = rows
                .iter()
                .filter(|(_, r)| !r.estimate)
                .map(|(_, r)| r.year)
                .max();
            if let Some(last_final) = last_final {
                for &(i, r) in rows
                    .iter()
                    .filter(|(_, r)| r.estimate && r.year < last_final)
                {
                    let a = anomaly(
                        r,
                        AnomalyKind::EstimateBeforeFinal,
                        None,
                        format!(
                            "marked as an estimate, but the same source gives a final figure \
                             for {last_final}"
                        ),
                    );
                    found.push((i, a.kind, a));
                }
            }
        }
        found.sort_by_key(|(i, kind, a)| (*i, *kind, a.metric));
        let mut out: Vec<Anomaly> = found.into_iter().map(|(_, _, a)| a).collect();
        out.extend(self.aid_anomalies());
        out
    }

    /// The donors whose announcements do not add up to their totals, in the order of the
    /// totals.
    fn aid_anomalies(&self) -> Vec<Anomaly> {
        let mut out = Vec::new();
        for release in self
            .aid_releases
            .iter()
            .filter(|r| r.summary_sums_announcements)
        {
            let mut sums: HashMap<
                (Entity, crate::AidKind, crate::AidBasis),
                (Decimal, Decimal, usize),
            > = HashMap::new();
            for a in self
                .aid_announcements
                .iter()
                .filter(|a| a.source == release.source)
            {
                if let Some(m) = a.amount {
                    let e = sums.entry((a.donor, a.kind, a.basis)).or_default();
                    e.0 = e.0.saturating_add(m.millions);
                    e.1 = e.1.saturating_add(m.millions.abs());
                    e.2 += 1;
                }
            }
            for t in self
                .aid
                .iter()
                .filter(|t| t.source == release.source && t.kind != crate::AidKind::Total)
            {
                let (sum, magnitude, n) = sums
                    .get(&(t.donor, t.kind, t.basis))
                    .copied()
                    .unwrap_or_default();
                let figure = t.amount.money.millions;
                // The summary's own rounding: its sum, and its division by a billion.
                let bound = crate::load::kiel::rounding_bound(
                    n + 1,
                    magnitude.saturating_add(figure.abs()),
                );
                if sum.saturating_sub(figure).abs() <= bound {
                    continue;
                }
                out.push(Anomaly {
                    kind: AnomalyKind::AidAnnouncements,
                    country: t.donor,
                    year: u16::try_from(release.covers_to.year()).unwrap_or(0),
                    source: t.source,
                    metric: None,
                    message: format!(
                        "its {n} announcements of {} aid ({}) add up to EUR {} million, its \
                         total in the summary is EUR {} million",
                        t.kind,
                        t.basis,
                        sum.normalize(),
                        figure.normalize()
                    ),
                });
            }
        }
        out
    }
}

fn implausible_share(r: &SpendingRecord) -> Option<Anomaly> {
    let share = r.share_of_gdp?;
    if share <= MAX_PLAUSIBLE_SHARE {
        return None;
    }
    let code = r.country.to_string();
    if KNOWN_HIGH_SHARES
        .iter()
        .any(|(c, y, _)| *c == code && *y == r.year)
    {
        return None;
    }
    Some(anomaly(
        r,
        AnomalyKind::ImplausibleShare,
        Some(Metric::ShareOfGdp),
        format!(
            "{share} % of GDP is over {MAX_PLAUSIBLE_SHARE} %, and not a known case (a war, or \
             an error in the data or its unit)"
        ),
    ))
}

/// NATO's own records of its Allies in the bundled data, by country and year.
fn nato_figures() -> HashMap<(Entity, u16), &'static SpendingRecord> {
    Dataset::bundled()
        .spending()
        .iter()
        .filter(|r| r.country.is_country())
        .map(|r| ((r.country, r.year), r))
        .collect()
}

/// Each of an Ally's amounts that is more than [`METRIC_FACTOR`] times off NATO's own
/// figure for the same year (the first such amount of the record).
fn implausible_for_metric(
    r: &SpendingRecord,
    nato: &HashMap<(Entity, u16), &'static SpendingRecord>,
) -> Option<Anomaly> {
    let reference = nato.get(&(r.country, r.year))?;
    if std::ptr::eq(*reference, r) {
        return None;
    }
    AMOUNTS.iter().find_map(|&m| {
        let value = r.get(m)?;
        let known = reference.get(m)?;
        if value <= Decimal::ZERO || known <= Decimal::ZERO {
            return None;
        }
        let too_large = value > known.checked_mul(METRIC_FACTOR)?;
        let too_small = known > value.checked_mul(METRIC_FACTOR)?;
        if !too_large && !too_small {
            return None;
        }
        Some(anomaly(
            r,
            AnomalyKind::ImplausibleForMetric,
            Some(m),
            format!(
                "{value} ({}) is {} NATO's own figure for {} {} ({}): a figure of another \
                 metric or unit (a share of GDP, dollars for millions)?",
                m.unit(),
                if too_large {
                    "more than ten times"
                } else {
                    "less than a tenth of"
                },
                r.country,
                r.year,
                known.round_dp(0)
            ),
        ))
    })
}

fn inconsistent_share(r: &SpendingRecord) -> Option<Anomaly> {
    let share = r.share_of_gdp?;
    let expenditure = r.get(Metric::ExpenditureConstant)?;
    let gdp = r.get(Metric::GdpConstant)?;
    let computed = expenditure
        .checked_div(gdp)?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    let tolerance =
        SHARE_TOLERANCE_POINTS.checked_add(share.checked_mul(SHARE_TOLERANCE_RELATIVE)?)?;
    let gap = computed.checked_sub(share)?.abs();
    if gap <= tolerance {
        return None;
    }
    Some(anomaly(
        r,
        AnomalyKind::InconsistentShare,
        Some(Metric::ShareOfGdp),
        format!(
            "{share} % of GDP, but expenditure over GDP at constant prices ({expenditure} / \
             {gdp}) is {} %",
            computed.round_dp(4).normalize()
        ),
    ))
}

/// The message for a jump from `previous` (of `year`) to `value`, if it is one.
fn jump(previous: Decimal, value: Decimal, year: u16) -> Option<String> {
    if previous <= Decimal::ZERO || value <= Decimal::ZERO {
        return None;
    }
    let up = value >= previous.checked_mul(JUMP_FACTOR)?;
    let down = previous >= value.checked_mul(JUMP_FACTOR)?;
    if !up && !down {
        return None;
    }
    let (factor, way) = if up {
        (value.checked_div(previous)?, "times")
    } else {
        (previous.checked_div(value)?, "times less than")
    };
    Some(format!(
        "{value} is {} {way} {previous}, the figure for {year}: a slip of unit or of \
         decimal point?",
        factor.round_dp(0)
    ))
}
