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

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    /// The spending records of `year`, in load order.
    pub fn spending_in(&self, year: u16) -> impl Iterator<Item = &SpendingRecord> + '_ {
        self.index
            .year(year)
            .iter()
            .filter_map(|&i| self.spending.get(i as usize))
    }

    /// The years with spending records, ascending.
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.index.years()
    }

    /// Every record for `country` (a country or aggregate), by year.
    pub fn series(&self, country: &Entity) -> impl Iterator<Item = &SpendingRecord> + '_ {
        self.index
            .entity(country)
            .iter()
            .filter_map(|&i| self.spending.get(i as usize))
    }

    /// Every record for `country` in `year` (one per source).
    pub fn records<'a>(
        &'a self,
        country: &Entity,
        year: u16,
    ) -> impl Iterator<Item = &'a SpendingRecord> + 'a {
        self.series(country).filter(move |r| r.year == year)
    }

    /// The record for `country` in `year`: the first loaded, if several sources give one.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let est = Dataset::bundled().record(&"EST".parse()?, 2024).unwrap();
    /// assert_eq!(est.share_of_gdp.unwrap().round_dp(2).to_string(), "3.43");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record(&self, country: &Entity, year: u16) -> Option<&SpendingRecord> {
        self.records(country, year).next()
    }

    /// True if `code` was an Ally at any time in `year`.
    pub fn is_member_in(&self, code: CountryCode, year: u16) -> bool {
        self.member(code).is_some_and(|m| m.is_member_in(year))
    }

    /// The Allies at or above `threshold` percent of GDP in `year`, highest share first
    /// (ties by country code). Only countries that were Allies in that year count; see
    /// the [module docs](crate::query) for the rule.
    ///
    /// ```
    /// use defense_spending::Dataset;
    /// use rust_decimal::Decimal;
    ///
    /// let ds = Dataset::bundled();
    /// let codes: Vec<String> = ds
    ///     .meeting_target(2014, Decimal::TWO)
    ///     .iter()
    ///     .map(|r| r.country.to_string())
    ///     .collect();
    /// assert_eq!(codes, ["USA", "GRC", "GBR"]);
    /// ```
    pub fn meeting_target(&self, year: u16, threshold: Decimal) -> Vec<&SpendingRecord> {
        self.at_or_above(year, threshold, true)
    }

    /// Every country (Ally or not, never an aggregate) at or above `threshold` percent of
    /// GDP in `year`, highest share first.
    pub fn countries_at_or_above(&self, year: u16, threshold: Decimal) -> Vec<&SpendingRecord> {
        self.at_or_above(year, threshold, false)
    }

    fn at_or_above(
        &self,
        year: u16,
        threshold: Decimal,
        allies_only: bool,
    ) -> Vec<&SpendingRecord> {
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
        hits
    }

    /// For each year with data, how many Allies were at or above `threshold` percent of
    /// GDP, out of how many members.
    ///
    /// ```
    /// use defense_spending::Dataset;
    /// use rust_decimal::Decimal;
    ///
    /// let counts = Dataset::bundled().count_meeting_target(Decimal::TWO);
    /// let c2024 = counts.iter().find(|c| c.year == 2024).unwrap();
    /// assert_eq!((c2024.meeting, c2024.members), (23, 32));
    /// ```
    pub fn count_meeting_target(&self, threshold: Decimal) -> Vec<YearCount> {
        self.years()
            .map(|year| {
                let meeting: BTreeSet<&Entity> = self
                    .meeting_target(year, threshold)
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
                YearCount {
                    year,
                    meeting: meeting.len(),
                    members: self.members_in(year).count(),
                    reporting: reporting.len(),
                }
            })
            .collect()
    }

    /// The Allies' records for `year` with a value of `metric`, highest first (ties by
    /// code). Aggregates and non-members are left out.
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let ds = Dataset::bundled();
    /// let top = ds.ranking(2024, Metric::ExpenditureCurrent);
    /// assert_eq!(top[0].country.to_string(), "USA");
    /// ```
    pub fn ranking(&self, year: u16, metric: Metric) -> Vec<&SpendingRecord> {
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
        rows
    }
}

mod aid;
mod contracts;
mod pledges;
mod revisions;
mod shortfall;
mod trends;

pub use aid::{AidFilter, AidGroup, AidSum, CurrencyError, ExchangeRate};
pub use contracts::{ContractFilter, ContractTotal};
pub use pledges::{PledgeCheck, PledgeStatus};
pub use revisions::{revisions, Revision};
pub use shortfall::{Shortfall, ShortfallReport};
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
/// is written can be loaded back.
impl crate::output::CsvRow for SpendingRecord {
    fn header() -> &'static [&'static str] {
        &[
            "country",
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
        let mut f = vec![self.country.to_string(), self.year.to_string()];
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
