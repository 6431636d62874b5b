//! Questions asked of a [`Dataset`]: who meets a target, how many did each year, one
//! country's series.
//!
//! Every per-year query answers from the index by year, so it costs time in proportion to
//! the records of that year, not to the whole dataset.
//!
//! ## Which countries count
//!
//! [`Dataset::meeting_target`] and [`Dataset::count_meeting_target`] count **Allies that
//! were members in that year**: a country counts for year `Y` if it joined NATO on or
//! before 31 December `Y` (Finland from 2023, Sweden from 2024). Aggregates (NATO Total,
//! NATO Europe and Canada) are never counted, and neither are non-members (a SIPRI or
//! World Bank file holds every country). [`Dataset::countries_at_or_above`] drops the
//! membership rule and answers for every country in the data.
//!
//! A value counts as meeting a threshold when it is **at or above** it, compared on the
//! exact value the source gives (NATO's workbook value). For NATO's June 2024 edition
//! this gives the same counts as comparing the two-decimal figures NATO prints.
//!
//! If the dataset holds several sources (editions) for the same country and year, each
//! record is considered on its own; load one edition at a time to get one answer per
//! country.
//!
//! ## Adding up aid
//!
//! An aid figure is almost always a **cumulative total as of a date**: "more than US$53.6
//! billion since February 2022, as of 9 July 2024". Two reports of such a total (two
//! sources, or one source on two dates) are two measurements of one stock: they never
//! add. Nor do figures of different kinds (military, total), bases (commitments,
//! allocations), currencies, recipients or sources (each counts its own way), nor a
//! group of donors (the Kiel Institute's "Europe") with anything (the group may include
//! the other donors).
//!
//! So there are two questions, two calls:
//!
//! - **What is reported?** [`Dataset::aid_latest`]: for each donor and source, its
//!   latest figure, side by side, never added.
//! - **What do these figures add up to?** [`Dataset::aid_sum`] adds the rows that pass
//!   a filter only if they form one additive set (one source, kind, basis, currency,
//!   recipient and period; different countries as donors, or one donor's figures for
//!   periods that do not overlap), and otherwise is an
//!   [`ErrorKind::NotAdditive`](crate::ErrorKind::NotAdditive) error that names the two
//!   rows and says why. [`Dataset::aid_sum_in`] does the same across currencies with
//!   the exchange rates you give.
//!
//! The reason given is the first that applies, in a fixed order: **source, basis, kind**
//! (then recipient), **currency, period, groups**. So military aid to Ukraine in the
//! bundled data is refused because its figures come from different sources, not because
//! one of them is a group. Where one figure in the data answers the question as asked (a
//! figure for all donors, such as the Kiel Institute's `KIEL_ALL_DONORS` rows or a loaded
//! release's `Total` row, of the kind, basis and currency asked for), the reason names it.
//!
//! A loaded release of the Kiel Institute's tracker (see
//! [`load::kiel`](crate::load::kiel)) is one source: its donors' figures of one kind,
//! basis and currency add up, the EU's institutions among them (donors of their own,
//! [`Entity::is_single`](crate::Entity::is_single)), and their sum is the release's own
//! `Total` row exactly ([`AidSum::total_row`]). Two releases, or two issues of one, never
//! add: compare them with [`aid_revisions`].

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{CountryCode, Entity, Metric, SpendingRecord};
use crate::Dataset;

/// How many Allies met a threshold in one year, out of how many members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCount {
    /// The year.
    pub year: u16,
    /// The Allies at or above the threshold (distinct countries).
    pub meeting: usize,
    /// The Allies that were members in that year (including any without a figure).
    pub members: usize,
    /// The Allies that were members and have a figure for the year.
    pub reporting: usize,
}

impl Dataset {
    /// The spending records of `year`, in load order (none for a year outside the data:
    /// see [`years`](Dataset::years)).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.spending_in(2024).count(), 34); // 31 Allies with figures, Iceland, 2 aggregates
    /// assert_eq!(ds.spending_in(2030).count(), 0);
    /// ```
    pub fn spending_in(&self, year: u16) -> impl Iterator<Item = &SpendingRecord> + '_ {
        self.index
            .year(year)
            .iter()
            .filter_map(|&i| self.spending.get(i as usize))
    }

    /// The years with spending records, ascending.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let years: Vec<u16> = Dataset::bundled().years().collect();
    /// assert_eq!((years[0], years[years.len() - 1], years.len()), (2014, 2024, 11));
    /// ```
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.index.years()
    }

    /// `Ok` if the dataset has spending records for `year`; otherwise the error every
    /// per-year query gives, [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData),
    /// naming the years it covers.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert!(ds.has_year(2024).is_ok());
    /// let err = ds.has_year(2030).unwrap_err();
    /// assert_eq!(err.to_string(), "no spending figures for 2030 in this dataset (it covers 2014-2024)");
    /// ```
    pub fn has_year(&self, year: u16) -> Result<()> {
        if !self.index.year(year).is_empty() {
            return Ok(());
        }
        Err(crate::Error::query(crate::ErrorKind::YearNotInData {
            year,
            first: self.years().next(),
            last: self.years().last(),
        }))
    }

    /// Every record for a country or aggregate, by year (and in load order within a
    /// year). Takes an [`Entity`] or a [`CountryCode`]; resolve a name or a code typed by
    /// a user with [`entity`](Dataset::entity), which says when the dataset has no such
    /// entity (a misspelt `"NATO_TOTL"` parses as an aggregate id, and its series is
    /// empty).
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let ds = Dataset::bundled();
    /// let pol = ds.entity("Poland")?;
    /// let shares: Vec<String> = ds.series(pol).filter_map(|r| r.share()).map(|s| s.to_string()).collect();
    /// assert_eq!(shares.first().map(String::as_str), Some("1.88")); // 2014
    /// assert_eq!(shares.last().map(String::as_str), Some("4.12")); // 2024
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn series(&self, country: impl Into<Entity>) -> impl Iterator<Item = &SpendingRecord> + '_ {
        let country = country.into();
        self.index
            .entity(&country)
            .iter()
            .filter_map(|&i| self.spending.get(i as usize))
    }

    /// Every record for a country or aggregate in `year` (one per source).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.records(ds.entity("POL")?, 2024).count(), 1); // one edition bundled
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn records(
        &self,
        country: impl Into<Entity>,
        year: u16,
    ) -> impl Iterator<Item = &SpendingRecord> + '_ {
        self.series(country).filter(move |r| r.year == year)
    }

    /// The record for a country or aggregate in `year`: the first loaded, if several
    /// sources give one (see [`records`](Dataset::records) for all of them).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let est = ds.record(ds.entity("EST")?, 2024).unwrap();
    /// assert_eq!(est.share().unwrap().to_string(), "3.43");
    /// assert!(ds.record(ds.entity("EST")?, 2030).is_none());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn record(&self, country: impl Into<Entity>, year: u16) -> Option<&SpendingRecord> {
        self.records(country, year).next()
    }

    /// True if `code` was an Ally at any time in `year`.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert!(!ds.is_member_in("SWE".parse()?, 2023));
    /// assert!(ds.is_member_in("SWE".parse()?, 2024)); // joined 7 March 2024
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn is_member_in(&self, code: CountryCode, year: u16) -> bool {
        self.member(code).is_some_and(|m| m.is_member_in(year))
    }

    /// The Allies at or above `threshold` percent of GDP in `year`, highest share first
    /// (ties by country code). Only countries that were Allies in that year count; see
    /// the [module docs](crate::query) for the rule.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) if the dataset has no
    /// figures for `year` (so that "no data" never looks like "no Ally met it"), and
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a threshold that is
    /// not a number.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let codes: Vec<String> = ds
    ///     .meeting_target(2014, 2)?
    ///     .iter()
    ///     .map(|r| r.country.to_string())
    ///     .collect();
    /// assert_eq!(codes, ["USA", "GRC", "GBR"]);
    /// assert!(ds.meeting_target(2030, 2).is_err()); // no figures for 2030
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn meeting_target(
        &self,
        year: u16,
        threshold: impl Into<Threshold>,
    ) -> Result<Vec<&SpendingRecord>> {
        self.at_or_above(year, threshold.into().value()?, true)
    }

    /// Every country (Ally or not, never an aggregate) at or above `threshold` percent of
    /// GDP in `year`, highest share first: the question to ask of a World Bank, SIPRI or
    /// Our World in Data file, which covers every country.
    ///
    /// # Errors
    ///
    /// As [`meeting_target`](Dataset::meeting_target).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled(); // NATO's figures: only Allies
    /// assert_eq!(ds.countries_at_or_above(2024, 3)?.len(), 5);
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn countries_at_or_above(
        &self,
        year: u16,
        threshold: impl Into<Threshold>,
    ) -> Result<Vec<&SpendingRecord>> {
        self.at_or_above(year, threshold.into().value()?, false)
    }

    fn at_or_above(
        &self,
        year: u16,
        threshold: Decimal,
        allies_only: bool,
    ) -> Result<Vec<&SpendingRecord>> {
        self.has_year(year)?;
        let mut hits: Vec<&SpendingRecord> = self
            .spending_in(year)
            .filter(|r| r.share_of_gdp.is_some_and(|s| s >= threshold))
            .filter(|r| match r.country.country() {
                Some(c) => !allies_only || self.is_member_in(c, year),
                None => false,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.share_of_gdp
                .cmp(&a.share_of_gdp)
                .then_with(|| a.country.cmp(&b.country))
        });
        Ok(hits)
    }

    /// For each year with data, how many Allies were at or above `threshold` percent of
    /// GDP, out of how many members.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a threshold that is
    /// not a number.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let counts = Dataset::bundled().count_meeting_target(2)?;
    /// let c2024 = counts.iter().find(|c| c.year == 2024).unwrap();
    /// assert_eq!((c2024.meeting, c2024.members), (23, 32));
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn count_meeting_target(&self, threshold: impl Into<Threshold>) -> Result<Vec<YearCount>> {
        let threshold = threshold.into().value()?;
        let mut counts = Vec::new();
        for year in self.years() {
            let meeting: BTreeSet<&Entity> = self
                .at_or_above(year, threshold, true)?
                .into_iter()
                .map(|r| &r.country)
                .collect();
            let reporting: BTreeSet<&Entity> = self
                .spending_in(year)
                .filter(|r| r.share_of_gdp.is_some())
                .filter(|r| {
                    r.country
                        .country()
                        .is_some_and(|c| self.is_member_in(c, year))
                })
                .map(|r| &r.country)
                .collect();
            counts.push(YearCount {
                year,
                meeting: meeting.len(),
                members: self.members_in(year).count(),
                reporting: reporting.len(),
            });
        }
        Ok(counts)
    }

    /// The Allies' records for `year` with a value of `metric`, highest first (ties by
    /// code). Aggregates and non-members are left out.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) if the dataset has no
    /// figures for `year`.
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let ds = Dataset::bundled();
    /// let top = ds.ranking(2024, Metric::ExpenditureCurrent)?;
    /// assert_eq!(top[0].country.to_string(), "USA");
    /// assert_eq!(top[0].figure(Metric::ExpenditureCurrent).unwrap().to_string(), "967707");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn ranking(&self, year: u16, metric: Metric) -> Result<Vec<&SpendingRecord>> {
        self.has_year(year)?;
        let mut rows: Vec<&SpendingRecord> = self
            .spending_in(year)
            .filter(|r| {
                r.country
                    .country()
                    .is_some_and(|c| self.is_member_in(c, year))
            })
            .filter(|r| r.get(metric).is_some())
            .collect();
        rows.sort_by(|a, b| {
            b.get(metric)
                .cmp(&a.get(metric))
                .then_with(|| a.country.cmp(&b.country))
        });
        Ok(rows)
    }
}

mod aid;
mod contracts;
mod pledges;
mod resolve;
mod revisions;
mod shortfall;
mod threshold;
mod trends;

pub use aid::{aid_revisions, AidFilter, AidRevision, AidSum, ExchangeRate};
pub use contracts::{ContractFilter, ContractTotal};
pub use pledges::{PledgeCheck, PledgeStatus};
pub use revisions::{revisions, Revision};
pub use shortfall::{Shortfall, ShortfallReport};
pub use threshold::Threshold;
pub use trends::{AllianceTotal, Change, FirstYear};

impl crate::output::CsvRow for YearCount {
    fn header() -> &'static [&'static str] {
        &["year", "meeting", "members", "reporting"]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.year.to_string(),
            self.meeting.to_string(),
            self.members.to_string(),
            self.reporting.to_string(),
        ]
    }
}

/// Spending records are written in the crate's own `spending.csv` format, so that what
/// is written can be loaded back, with the country's name beside its code (`name`, which
/// the loader accepts and does not read).
impl crate::output::CsvRow for SpendingRecord {
    fn header() -> &'static [&'static str] {
        &[
            "country",
            "name",
            "year",
            "share_of_gdp",
            "expenditure_current",
            "expenditure_constant",
            "gdp_current",
            "gdp_constant",
            "equipment_share",
            "real_change",
            "per_capita_current",
            "share_of_government",
            "price_base_year",
            "estimate",
            "source",
        ]
    }
    fn fields(&self) -> Vec<String> {
        let mut f = vec![
            self.country.to_string(),
            crate::dataset::written_name(self.country),
            self.year.to_string(),
        ];
        f.extend(Metric::ALL.iter().map(|m| match self.get(*m) {
            Some(v) => v.to_string(),
            None => String::new(),
        }));
        let priced = Metric::ALL
            .iter()
            .any(|m| m.is_constant_price() && self.get(*m).is_some());
        f.push(match self.price_base_year() {
            Some(y) => y.to_string(),
            // Constant prices of an unknown base year, as the crate's CSV format writes it.
            None if priced => "unknown".to_owned(),
            None => String::new(),
        });
        f.push(self.estimate.to_string());
        f.push(self.source.to_string());
        f
    }
}
