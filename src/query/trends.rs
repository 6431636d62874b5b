//! Changes between years, the first year at a threshold, the Alliance's totals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{AggregateId, CountryCode, Entity, Metric};
use crate::output::{dec, CsvRow};
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
        ]
    }
}

impl Dataset {
    /// The change of `country`'s spending from `from` to `to`: in percentage points of
    /// GDP, and in real terms (expenditure at constant prices, of the same price base:
    /// `None` where the two years' base years differ or either is unknown, see
    /// [`SpendingRecord::same_price_basis`](crate::SpendingRecord::same_price_basis)).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let c = ds.change(&"POL".parse()?, 2014, 2024).unwrap();
    /// assert_eq!(c.points.unwrap().round_dp(2).to_string(), "2.24"); // 1.88 % → 4.12 %
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn change(&self, country: &Entity, from: u16, to: u16) -> Option<Change> {
        let a = self.record(country, from);
        let b = self.record(country, to);
        if a.is_none() && b.is_none() {
            return None;
        }
        let share_from = a.and_then(|r| r.share_of_gdp);
        let share_to = b.and_then(|r| r.share_of_gdp);
        let points = share_from.zip(share_to).and_then(|(x, y)| y.checked_sub(x));
        let real_change_pct = match (a, b) {
            // Only at the same prices: a known base year never meets an unknown one.
            (Some(a), Some(b)) if a.same_price_basis(b) => a
                .get(Metric::ExpenditureConstant)
                .zip(b.get(Metric::ExpenditureConstant))
                .filter(|(x, _)| !x.is_zero())
                .and_then(|(x, y)| {
                    y.checked_sub(x)?
                        .checked_div(x)?
                        .checked_mul(Decimal::ONE_HUNDRED)
                }),
            _ => None,
        };
        Some(Change {
            country: *country,
            from,
            to,
            share_from,
            share_to,
            points,
            real_change_pct,
        })
    }

    /// [`change`](Dataset::change) for every Ally with a figure in either year, by code.
    pub fn changes(&self, from: u16, to: u16) -> Vec<Change> {
        self.members
            .iter()
            .filter_map(|m| self.change(&Entity::Country(m.code), from, to))
            .collect()
    }

    /// For each Ally, the first year in the data with a share of GDP at or above
    /// `threshold` (any year with a figure, whether or not it was a member then), in the
    /// order of the members list.
    ///
    /// ```
    /// use defense_spending::Dataset;
    /// use rust_decimal::Decimal;
    ///
    /// let ds = Dataset::bundled();
    /// let first = ds.first_year_at(Decimal::TWO);
    /// let deu = first.iter().find(|f| f.country.as_str() == "DEU").unwrap();
    /// assert_eq!(deu.year, Some(2024));
    /// ```
    pub fn first_year_at(&self, threshold: Decimal) -> Vec<FirstYear> {
        self.members
            .iter()
            .map(|m| FirstYear {
                country: m.code,
                year: self
                    .series(&Entity::Country(m.code))
                    .find(|r| r.share_of_gdp.is_some_and(|s| s >= threshold))
                    .map(|r| r.year),
            })
            .collect()
    }

    /// The Alliance's total defence expenditure by year (NATO Total as published, and
    /// the sum of the Allies' figures) and the United States' part of it.
    pub fn alliance_totals(&self) -> Vec<AllianceTotal> {
        let total_id: Entity = match AggregateId::NATO_TOTAL.parse() {
            Ok(id) => Entity::Aggregate(id),
            Err(_) => return Vec::new(),
        };
        let usa = CountryCode::lookup("USA").map(Entity::Country);
        self.years()
            .map(|year| {
                let total = self.record(&total_id, year);
                let total_current = total.and_then(|r| r.get(Metric::ExpenditureCurrent));
                let usa_current = usa
                    .as_ref()
                    .and_then(|u| self.record(u, year))
                    .and_then(|r| r.get(Metric::ExpenditureCurrent));
                let allies_sum_current = self
                    .ranking(year, Metric::ExpenditureCurrent)
                    .iter()
                    .filter_map(|r| r.get(Metric::ExpenditureCurrent))
                    .fold(Decimal::ZERO, Decimal::saturating_add);
                AllianceTotal {
                    year,
                    total_current,
                    total_constant: total.and_then(|r| r.get(Metric::ExpenditureConstant)),
                    allies_sum_current,
                    usa_current,
                    usa_share_pct: usa_current
                        .zip(total_current)
                        .and_then(|(u, t)| u.checked_div(t))
                        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)),
                }
            })
            .collect()
    }
}
