//! Changes between years, the first year at a threshold, the Alliance's totals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{AggregateId, CountryCode, Entity, Metric, SourceId};
use crate::output::{dec, CsvRow};
use crate::query::Threshold;
use crate::Dataset;

/// How one country's spending changed between two years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The country or aggregate.
    pub country: Entity,
    /// The earlier year.
    pub from: u16,
    /// The later year.
    pub to: u16,
    /// Share of GDP in the earlier year, percent.
    pub share_from: Option<Decimal>,
    /// Share of GDP in the later year, percent.
    pub share_to: Option<Decimal>,
    /// The change in share of GDP, percentage points.
    pub points: Option<Decimal>,
    /// The change in defence expenditure at constant prices, percent: real terms.
    pub real_change_pct: Option<Decimal>,
}

impl CsvRow for Change {
    fn header() -> &'static [&'static str] {
        &[
            "country",
            "from",
            "to",
            "share_from",
            "share_to",
            "points",
            "real_change_pct",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.country.to_string(),
            self.from.to_string(),
            self.to.to_string(),
            dec(self.share_from),
            dec(self.share_to),
            dec(self.points),
            dec(self.real_change_pct),
        ]
    }
}

/// The first year an Ally was at or above a threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstYear {
    /// The Ally.
    pub country: CountryCode,
    /// The first year with a share at or above the threshold, if any.
    pub year: Option<u16>,
}

/// The Alliance's defence expenditure in a year, and the United States' part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllianceTotal {
    /// The year.
    pub year: u16,
    /// NATO Total as published (`NATO_TOTAL`), million US$ at current prices.
    pub total_current: Option<Decimal>,
    /// NATO Total as published, million US$ at constant prices.
    pub total_constant: Option<Decimal>,
    /// The sum of the Allies' own figures, million US$ at current prices (a check on the
    /// published total). Exact for any loaded data (each figure is at most 10^15); a
    /// dataset built by hand with larger figures saturates at `Decimal::MAX`.
    pub allies_sum_current: Decimal,
    /// The United States, million US$ at current prices.
    pub usa_current: Option<Decimal>,
    /// The United States' part of the published total, percent.
    pub usa_share_pct: Option<Decimal>,
    /// The source (edition) of every figure of the year.
    pub source: SourceId,
}

impl CsvRow for AllianceTotal {
    fn header() -> &'static [&'static str] {
        &[
            "year",
            "total_current",
            "total_constant",
            "allies_sum_current",
            "usa_current",
            "usa_share_pct",
            "source",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.year.to_string(),
            dec(self.total_current),
            dec(self.total_constant),
            dec(Some(self.allies_sum_current)),
            dec(self.usa_current),
            dec(self.usa_share_pct),
            self.source.to_string(),
        ]
    }
}

impl Dataset {
    /// The change of a country's spending from `from` to `to`: in percentage points of
    /// GDP, and in real terms (expenditure at constant prices, of the same price base:
    /// `None` where the two years' base years differ or either is unknown, see
    /// [`SpendingRecord::same_price_basis`](crate::SpendingRecord::same_price_basis)).
    ///
    /// Both years' figures come from one source (one edition): where several are loaded,
    /// the first source (in load order) that has both years. `None` if no source has
    /// figures for the country in both years (a year outside the data included), so a
    /// missing year is never an empty change.
    ///
    /// ```
    /// use defense_spending::{Dataset, Figure};
    ///
    /// let ds = Dataset::bundled();
    /// let pol = ds.entity("POL")?;
    /// let c = ds.change(pol, 2014, 2024).unwrap();
    /// assert_eq!(Figure::percent(c.points.unwrap()).to_string(), "2.24"); // 1.88 % → 4.12 %
    /// assert_eq!(Figure::percent(c.real_change_pct.unwrap()).to_string(), "213.66");
    /// assert!(ds.change(pol, 2010, 2024).is_none()); // no figures for 2010
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn change(&self, country: impl Into<Entity>, from: u16, to: u16) -> Option<Change> {
        let country = country.into();
        let (a, b) = self.records(country, from).find_map(|a| {
            self.records(country, to)
                .find(|b| b.source == a.source)
                .map(|b| (a, b))
        })?;
        let share_from = a.share_of_gdp;
        let share_to = b.share_of_gdp;
        let points = share_from.zip(share_to).and_then(|(x, y)| y.checked_sub(x));
        // Only at the same prices: a known base year never meets an unknown one.
        let real_change_pct = if a.same_price_basis(b) {
            a.get(Metric::ExpenditureConstant)
                .zip(b.get(Metric::ExpenditureConstant))
                .filter(|(x, _)| !x.is_zero())
                .and_then(|(x, y)| {
                    y.checked_sub(x)?
                        .checked_div(x)?
                        .checked_mul(Decimal::ONE_HUNDRED)
                })
        } else {
            None
        };
        Some(Change {
            country,
            from,
            to,
            share_from,
            share_to,
            points,
            real_change_pct,
        })
    }

    /// [`change`](Dataset::change) for every Ally with figures in both years, in the
    /// order of the members list.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) if the dataset has no
    /// figures for either year.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let changes = ds.changes(2014, 2024)?;
    /// assert_eq!(changes.len(), 32); // every Ally has records in both years
    /// let isl = changes.iter().find(|c| c.country.to_string() == "ISL").unwrap();
    /// assert_eq!(isl.points, None); // Iceland: GDP only, no share
    /// let grew = changes.iter().filter(|c| c.points.is_some_and(|p| p.is_sign_positive())).count();
    /// assert!(grew > 20);
    /// assert!(ds.changes(2014, 2030).is_err());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn changes(&self, from: u16, to: u16) -> Result<Vec<Change>> {
        self.has_year(from)?;
        self.has_year(to)?;
        Ok(self
            .members
            .iter()
            .filter_map(|m| self.change(m.code, from, to))
            .collect())
    }

    /// For each Ally, the first year in the data with a share of GDP at or above
    /// `threshold` (any year with a figure, whether or not it was a member then), in the
    /// order of the members list.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a threshold that is
    /// not a number.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let first = ds.first_year_at(2)?;
    /// let deu = first.iter().find(|f| f.country.as_str() == "DEU").unwrap();
    /// assert_eq!(deu.year, Some(2024));
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn first_year_at(&self, threshold: impl Into<Threshold>) -> Result<Vec<FirstYear>> {
        let threshold = threshold.into().value()?;
        Ok(self
            .members
            .iter()
            .map(|m| FirstYear {
                country: m.code,
                year: self
                    .series(m.code)
                    .find(|r| r.share_of_gdp.is_some_and(|s| s >= threshold))
                    .map(|r| r.year),
            })
            .collect())
    }

    /// The Alliance's total defence expenditure by year (NATO Total as published, and
    /// the sum of the Allies' figures of the same source) and the United States' part of
    /// it, for every year with a NATO Total record.
    ///
    /// Each year's figures come from the source of its `NATO_TOTAL` record: with two
    /// editions loaded, the first in load order, and never a sum across editions.
    ///
    /// ```
    /// use defense_spending::{Dataset, Figure};
    ///
    /// let totals = Dataset::bundled().alliance_totals();
    /// let t2024 = totals.iter().find(|t| t.year == 2024).unwrap();
    /// assert_eq!(Figure::millions(t2024.total_current.unwrap()).to_string(), "1474399");
    /// assert_eq!(Figure::percent(t2024.usa_share_pct.unwrap()).to_string(), "65.63");
    /// ```
    pub fn alliance_totals(&self) -> Vec<AllianceTotal> {
        let total_id: Entity = match AggregateId::NATO_TOTAL.parse() {
            Ok(id) => Entity::Aggregate(id),
            Err(_) => return Vec::new(),
        };
        let usa = CountryCode::lookup("USA").map(Entity::Country);
        self.series(total_id)
            .filter(|t| {
                self.records(total_id, t.year)
                    .next()
                    .is_some_and(|first| std::ptr::eq(first, *t))
            })
            .map(|total| {
                let year = total.year;
                let same_source =
                    |e: Entity| self.records(e, year).find(|r| r.source == total.source);
                let total_current = total.get(Metric::ExpenditureCurrent);
                let usa_current = usa
                    .and_then(same_source)
                    .and_then(|r| r.get(Metric::ExpenditureCurrent));
                let allies_sum_current = self
                    .members_in(year)
                    .filter_map(|m| same_source(Entity::Country(m.code)))
                    .filter_map(|r| r.get(Metric::ExpenditureCurrent))
                    .fold(Decimal::ZERO, Decimal::saturating_add);
                AllianceTotal {
                    year,
                    total_current,
                    total_constant: total.get(Metric::ExpenditureConstant),
                    allies_sum_current,
                    usa_current,
                    usa_share_pct: usa_current
                        .zip(total_current)
                        .and_then(|(u, t)| u.checked_div(t))
                        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)),
                    source: total.source,
                }
            })
            .collect()
    }
}
