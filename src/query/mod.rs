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
//! ## Many sources, one answer
//!
//! A dataset may hold several sources of spending figures: a folder of NATO's workbook,
//! a World Bank CSV and an Our World in Data export; two editions of NATO's tables.
//! Figures of different sources for the same country and year are never added, counted
//! together or compared: every answer lists a country (or an aggregate) at most once,
//! and rests on **one record per country and year**, picked by these rules.
//!
//! 1. **Editions.** Sources are grouped by publisher ([`Source::publisher`](crate::Source::publisher) up to a
//!    parenthesis, so `NATO (via a third party)` is NATO's; a source without a sources
//!    row, or whose publisher is not stated, is a publisher of its own). A publisher's
//!    editions are ranked by publication date, then by the last year they cover, then
//!    by load order. An undated edition is taken as published on 1 January of the last
//!    year it has figures for (no one publishes figures, estimates included, for a year
//!    that has not begun), so that a later workbook without a date still ranks after a
//!    dated earlier edition. For each country and year, the **latest edition
//!    with the figures the question needs** answers (a share of GDP for
//!    [`Dataset::meeting_target`], the ranked metric for [`Dataset::ranking`]): an
//!    earlier edition's estimate never beats a later edition's figure.
//!    [`Dataset::editions`] lists them: publisher, title, publication date, years
//!    covered, years marked as estimates.
//! 2. **NATO for NATO's guideline.** A question about Allies and NATO's guideline
//!    ([`meeting_target`](Dataset::meeting_target),
//!    [`count_meeting_target`](Dataset::count_meeting_target),
//!    [`shortfalls`](Dataset::shortfalls), [`ranking`](Dataset::ranking),
//!    [`changes`](Dataset::changes), [`first_year_at`](Dataset::first_year_at),
//!    [`pledge_checks`](Dataset::pledge_checks)) answers from NATO's figures wherever
//!    the dataset has NATO figures for the year: NATO is the authority for its own
//!    count, and the answer says so ([`Rule::Nato`]). The counts over years
//!    (`count_meeting_target`, `first_year_at`, annual pledges) then cover NATO's years.
//! 3. **Otherwise one publisher, or an error.** Any other question whose figures come
//!    from several publishers ([`countries_at_or_above`](Dataset::countries_at_or_above)
//!    with the World Bank's and Our World in Data's, [`record`](Dataset::record),
//!    [`change`](Dataset::change), a non-member's statement in `pledge_checks`) has no
//!    order of precedence between them: it is an
//!    [`ErrorKind::SeveralPublishers`](crate::ErrorKind::SeveralPublishers) error that
//!    names each publisher and its sources and says how to choose (a pledge check
//!    stays `pending` or `stated`). Never a silent merge, never a silent empty answer.
//! 4. **Views.** [`Dataset::from_source`] (one edition) and [`Dataset::publisher`] (one
//!    publisher's editions) are datasets restricted to those spending figures (every
//!    other table whole), on which every query works unchanged.
//!    [`Dataset::revisions`] compares two editions of one dataset.
//! 5. **Every answer says what it rests on.** Rows ([`SpendingRecord`], [`Shortfall`])
//!    carry their source; [`YearCount`], [`ShortfallReport`], [`AllianceTotal`],
//!    [`PledgeCheck`] and [`Change`] carry a [`Basis`] (the sources used, and which rule
//!    picked them), and their `Display` names the sources when the dataset holds more
//!    than one. A [`PledgeCheck`] also carries its figure's source and estimate flag, and
//!    says "estimate" where it is one.
//!
//! Tables stay tables: [`Dataset::spending`], [`Dataset::spending_in`],
//! [`Dataset::series`] and [`Dataset::records`] give every source's records.
//!
//! ```
//! use defense_spending::query::Rule;
//! use defense_spending::{Dataset, PledgeStatus};
//!
//! // The bundled June 2024 edition and a later series of NATO's (Poland 2024: 3.79 %).
//! let dir = std::env::temp_dir().join("defense-spending-doc-editions");
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("later.csv"), "country,year,share_of_gdp,estimate,source\n\
//!     POL,2024,3.79,true,nato-def-exp-2025\n")?;
//! std::fs::write(dir.join("sources.csv"), "id,publisher,title,url,published,note\n\
//!     nato-def-exp-2025,NATO,Defence Expenditure of NATO Countries (2014-2025),,2025-08-28,\n\
//!     nato-def-exp-2024,NATO,Defence Expenditure of NATO Countries (2014-2024),,2024-06-17,\n")?;
//! std::fs::write(dir.join("spending.csv"), include_str!("../../data/spending.csv"))?;
//! let ds = Dataset::load(&dir)?;
//! assert_eq!(ds.editions()[0].source.as_str(), "nato-def-exp-2025"); // the latest first
//!
//! let pol = ds.record(ds.entity("POL")?, 2024)?; // the later edition's figure
//! assert_eq!(pol.share().map(|s| s.to_string()).as_deref(), Some("3.79"));
//! let check = ds.pledge_checks().into_iter().find(|c| c.pledge == "pol-2024");
//! # let _ = check; // no pledges file here: see tests/many_sources.rs
//! let counts = ds.count_meeting_target(4)?;
//! let c2024 = counts.iter().find(|c| c.year == 2024).unwrap();
//! assert_eq!(c2024.basis.rule, Rule::LatestEdition);
//! assert_eq!(c2024.to_string(),
//!     "2024: 0 of 32 Allies (31 reporting), from nato-def-exp-2025, nato-def-exp-2024 \
//!      (the latest edition with the figures)");
//!
//! // The June edition alone, as a view.
//! let june = ds.from_source("nato-def-exp-2024")?;
//! assert_eq!(june.meeting_target(2024, 4)?.len(), 1); // Poland, 4.12 %
//! # let _ = PledgeStatus::Kept;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
    /// The Allies that were members and have a figure for the year (in the sources
    /// used).
    pub reporting: usize,
    /// The sources the count rests on (one per country: see the
    /// [rules](crate::query#many-sources-one-answer)).
    pub basis: Basis,
}

impl std::fmt::Display for YearCount {
    /// `2024: 23 of 32 Allies (31 reporting)`, and where the dataset holds several
    /// sources, the one used: `…, from nato-def-exp-2024 (NATO's figures: …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} of {} Allies ({} reporting)",
            self.year, self.meeting, self.members, self.reporting
        )?;
        if self.basis.held > 1 {
            write!(f, ", {}", self.basis)?;
        }
        Ok(())
    }
}

impl Dataset {
    /// The spending records of `year`, of every source, in load order: a table, like
    /// [`spending`](Dataset::spending), not an answer (with several sources it holds a
    /// country once per source; the queries pick one). None for a year outside the data:
    /// tell that apart from a year without records with [`has_year`](Dataset::has_year).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.spending_in(2024).count(), 34); // 31 Allies with figures, Iceland, 2 aggregates
    /// assert_eq!(ds.spending_in(2031).count(), 0);
    /// assert!(ds.has_year(2031).is_err()); // "no spending figures for 2031 in this dataset (it covers 2014-2024)"
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

    /// The record for a country or aggregate in `year`: with several editions of one
    /// publisher, the latest edition's (see the
    /// [rules](crate::query#many-sources-one-answer); [`records`](Dataset::records)
    /// gives every source's).
    ///
    /// # Errors
    ///
    /// A lookup that can miss says why:
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) for a year outside
    /// the data, [`ErrorKind::NoFigure`](crate::ErrorKind::NoFigure) for a country or
    /// aggregate without a record in a year the data covers, and
    /// [`ErrorKind::SeveralPublishers`](crate::ErrorKind::SeveralPublishers) where
    /// several publishers have one (ask a [view](Dataset::publisher) of one).
    ///
    /// ```
    /// use defense_spending::{Dataset, ErrorKind};
    ///
    /// let ds = Dataset::bundled();
    /// let est = ds.record(ds.entity("EST")?, 2024)?;
    /// assert_eq!(est.share().map(|s| s.to_string()).as_deref(), Some("3.43"));
    /// let err = ds.record(ds.entity("EST")?, 2031).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::YearNotInData { year: 2031, .. }));
    /// let aus: defense_spending::CountryCode = "AUS".parse()?; // not in NATO's tables
    /// let err = ds.record(aus, 2024).unwrap_err();
    /// assert_eq!(err.to_string(), "no figures for AUS in 2024 in this dataset (it has no records)");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn record(&self, country: impl Into<Entity>, year: u16) -> Result<&SpendingRecord> {
        let country = country.into();
        self.has_year(year)?;
        let pick = self.pick_year(year, &[], editions::Ask::One(country))?;
        match pick.rows.first() {
            Some(r) => Ok(r),
            None => Err(self.no_figure(country, year)),
        }
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
        Ok(self.at_or_above_picked(year, threshold, allies_only)?.0)
    }

    /// The records at or above `threshold` in `year`, highest first, the Allies (or
    /// countries) reporting, and the basis.
    fn at_or_above_picked(
        &self,
        year: u16,
        threshold: Decimal,
        allies_only: bool,
    ) -> Result<(Vec<&SpendingRecord>, usize, Basis)> {
        self.has_year(year)?;
        let ask = if allies_only {
            editions::Ask::Allies
        } else {
            editions::Ask::Countries
        };
        let pick = self.pick_year(year, &[Metric::ShareOfGdp], ask)?;
        let reporting = pick.rows.len();
        let mut hits: Vec<&SpendingRecord> = pick
            .rows
            .into_iter()
            .filter(|r| r.share_of_gdp.is_some_and(|s| s >= threshold))
            .collect();
        hits.sort_by(|a, b| {
            b.share_of_gdp
                .cmp(&a.share_of_gdp)
                .then_with(|| a.country.cmp(&b.country))
        });
        Ok((hits, reporting, pick.basis))
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
        for year in self.alliance_years() {
            let (meeting, reporting, basis) = self.at_or_above_picked(year, threshold, true)?;
            counts.push(YearCount {
                year,
                meeting: meeting.len(),
                members: self.members_in(year).count(),
                reporting,
                basis,
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
        let mut rows = self.pick_year(year, &[metric], editions::Ask::Allies)?.rows;
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
pub(crate) mod editions;
mod pledges;
mod resolve;
mod revisions;
mod shortfall;
mod threshold;
mod trends;

pub use aid::{aid_revisions, AidFilter, AidRevision, AidSum, ExchangeRate};
pub use contracts::{ContractFilter, ContractTotal};
pub use editions::{Basis, Edition, Rule};
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
