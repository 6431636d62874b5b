//! Changes between years, the first year at a threshold, the Alliance's totals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{AggregateId, CountryCode, Entity, Figure, Metric, SourceId, SpendingRecord};
use crate::output::{dec, CsvRow};
use crate::query::editions::{Ask, Basis};
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
    /// The source both years' figures come from (one edition).
    pub basis: Basis,
}

impl std::fmt::Display for Change {
    /// `POL 2014-2024: 1.88 % to 4.12 % of GDP (+2.24 points), +213.66 % in real terms`,
    /// and where the dataset holds several sources, the one used.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |d: Option<Decimal>| d.map_or("-".to_owned(), |d| Figure::percent(d).to_string());
        write!(
            f,
            "{} {}-{}: {} % to {} % of GDP",
            self.country,
            self.from,
            self.to,
            pct(self.share_from),
            pct(self.share_to)
        )?;
        let signed = |d: Decimal| {
            let sign = if d.is_sign_positive() && !d.is_zero() {
                "+"
            } else {
                ""
            };
            format!("{sign}{}", Figure::percent(d))
        };
        if let Some(p) = self.points {
            write!(f, " ({} points)", signed(p))?;
        }
        if let Some(r) = self.real_change_pct {
            write!(f, ", {} % in real terms", signed(r))?;
        }
        if self.basis.held > 1 {
            write!(f, ", {}", self.basis)?;
        }
        Ok(())
    }
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
    /// The source of that year's figure.
    pub source: Option<SourceId>,
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
    /// The same source, and why it was picked (see the
    /// [rules](crate::query#many-sources-one-answer)).
    pub basis: Basis,
}

impl std::fmt::Display for AllianceTotal {
    /// `2024: NATO Total US$1474399 million, the United States 65.63 %`, and where the
    /// dataset holds several sources, the one used.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: NATO Total ", self.year)?;
        match self.total_current {
            Some(t) => write!(f, "US${} million", Figure::millions(t))?,
            None => f.write_str("not given")?,
        }
        if let Some(u) = self.usa_share_pct {
            write!(f, ", the United States {} %", Figure::percent(u))?;
        }
        if self.basis.held > 1 {
            write!(f, ", {}", self.basis)?;
        }
        Ok(())
    }
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
    /// Both years' figures come from one source (one edition): of a publisher's
    /// editions with figures for both years, the latest (see the
    /// [rules](crate::query#many-sources-one-answer)); `basis` names it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) for a year outside
    /// the data, [`ErrorKind::NoFigure`](crate::ErrorKind::NoFigure) where the country has
    /// no record in one of the years, [`ErrorKind::NoRows`](crate::ErrorKind::NoRows)
    /// where no one source has both, and
    /// [`ErrorKind::SeveralPublishers`](crate::ErrorKind::SeveralPublishers) where
    /// several publishers do (ask a [view](Dataset::publisher) of one).
    ///
    /// ```
    /// use defense_spending::{Dataset, ErrorKind, Figure};
    ///
    /// let ds = Dataset::bundled();
    /// let pol = ds.entity("POL")?;
    /// let c = ds.change(pol, 2014, 2024)?;
    /// assert_eq!(c.points.map(|p| Figure::percent(p).to_string()).as_deref(), Some("2.24")); // 1.88 % → 4.12 %
    /// assert_eq!(c.real_change_pct.map(|p| Figure::percent(p).to_string()).as_deref(), Some("213.66"));
    /// assert_eq!(c.to_string(), "POL 2014-2024: 1.88 % to 4.12 % of GDP (+2.24 points), +213.66 % in real terms");
    /// let err = ds.change(pol, 2014, 2031).unwrap_err(); // no figures for 2031
    /// assert!(matches!(err.kind(), ErrorKind::YearNotInData { year: 2031, .. }));
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn change(&self, country: impl Into<Entity>, from: u16, to: u16) -> Result<Change> {
        self.change_with(country.into(), from, to, false)
    }

    /// [`change`](Dataset::change), with NATO's figures first if `nato_first` (for an
    /// Ally, in a question about NATO's guideline).
    fn change_with(&self, country: Entity, from: u16, to: u16, nato_first: bool) -> Result<Change> {
        self.has_year(from)?;
        self.has_year(to)?;
        let t = &self.editions;
        // The sources with figures for both years, latest edition per publisher.
        let mut pairs: Vec<(&SpendingRecord, &SpendingRecord)> = Vec::new();
        for a in self.records(country, from) {
            if let Some(b) = self.records(country, to).find(|b| b.source == a.source) {
                pairs.push((a, b));
            }
        }
        if pairs.is_empty() {
            for year in [from, to] {
                if self.records(country, year).next().is_none() {
                    return Err(self.no_figure(country, year));
                }
            }
            return Err(crate::Error::query(crate::ErrorKind::NoRows(format!(
                "no one source has figures for {country} in both {from} and {to}: a change is \
                 never worked out across sources"
            ))));
        }
        let ids: Vec<SourceId> = pairs.iter().map(|(a, _)| a.source).collect();
        let choice = t.choose(&ids, nato_first).map_err(|publishers| {
            crate::Error::query(crate::ErrorKind::SeveralPublishers {
                year: None,
                publishers,
            })
        })?;
        let Some(&(a, b)) = pairs.iter().find(|(a, _)| a.source == choice.0) else {
            return Err(self.no_figure(country, from));
        };
        let basis = Basis {
            sources: vec![a.source],
            rule: choice.1,
            held: t.len(),
        };
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
        Ok(Change {
            country,
            from,
            to,
            share_from,
            share_to,
            points,
            real_change_pct,
            basis,
        })
    }

    /// [`change`](Dataset::change) for every Ally with figures in both years from one
    /// source, in the order of the members list; NATO's figures first, where several
    /// publishers have them (a question about Allies).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) if the dataset has no
    /// figures for either year;
    /// [`ErrorKind::SeveralPublishers`](crate::ErrorKind::SeveralPublishers) where an Ally's
    /// figures come from several publishers, none of them NATO.
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
        let mut out = Vec::new();
        for m in &self.members {
            match self.change_with(Entity::Country(m.code), from, to, true) {
                Ok(c) => out.push(c),
                Err(e) if matches!(e.kind(), crate::ErrorKind::SeveralPublishers { .. }) => {
                    return Err(e)
                }
                Err(_) => {} // no figures in both years from one source
            }
        }
        Ok(out)
    }

    /// For each Ally, the first year in the data with a share of GDP at or above
    /// `threshold` (any year with a figure, whether or not it was a member then), in the
    /// order of the members list. Each year's figures are picked as for
    /// [`meeting_target`](Dataset::meeting_target): NATO's where the dataset has them
    /// (and then only NATO's years), the latest edition's.
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
        let mut first: Vec<FirstYear> = self
            .members
            .iter()
            .map(|m| FirstYear {
                country: m.code,
                year: None,
                source: None,
            })
            .collect();
        for year in self.alliance_years() {
            let pick = self.pick_year(year, &[Metric::ShareOfGdp], Ask::Members)?;
            for r in pick.rows {
                if r.share_of_gdp.is_none_or(|s| s < threshold) {
                    continue;
                }
                if let Some(f) = first
                    .iter_mut()
                    .find(|f| r.country == Entity::Country(f.country) && f.year.is_none())
                {
                    f.year = Some(year);
                    f.source = Some(r.source);
                }
            }
        }
        Ok(first)
    }

    /// The Alliance's total defence expenditure by year (NATO Total as published, and
    /// the sum of the Allies' figures of the same source) and the United States' part of
    /// it, for every year with a NATO Total record.
    ///
    /// Each year's figures come from the source of its `NATO_TOTAL` record: with several
    /// editions loaded, the latest with a NATO Total for the year, and never a sum
    /// across editions.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::SeveralPublishers`](crate::ErrorKind::SeveralPublishers) if
    /// `NATO_TOTAL` records of a year come from several publishers.
    ///
    /// ```
    /// use defense_spending::{Dataset, Figure};
    ///
    /// let totals = Dataset::bundled().alliance_totals()?;
    /// let t2024 = totals.iter().find(|t| t.year == 2024).unwrap();
    /// assert_eq!(Figure::millions(t2024.total_current.unwrap()).to_string(), "1474399");
    /// assert_eq!(Figure::percent(t2024.usa_share_pct.unwrap()).to_string(), "65.63");
    /// assert_eq!(t2024.to_string(), "2024: NATO Total US$1474399 million, the United States 65.63 %");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn alliance_totals(&self) -> Result<Vec<AllianceTotal>> {
        let total_id: Entity = match AggregateId::NATO_TOTAL.parse() {
            Ok(id) => Entity::Aggregate(id),
            Err(_) => return Ok(Vec::new()),
        };
        let usa = CountryCode::lookup("USA").map(Entity::Country);
        let mut years: Vec<u16> = self.series(total_id).map(|r| r.year).collect();
        years.dedup();
        let mut out = Vec::new();
        for year in years {
            let pick = self.pick_year(year, &[Metric::ExpenditureCurrent], Ask::One(total_id))?;
            let Some(total) = pick.rows.first() else {
                continue;
            };
            let same_source = |e: Entity| self.records(e, year).find(|r| r.source == total.source);
            let total_current = total.get(Metric::ExpenditureCurrent);
            let usa_current = usa
                .and_then(same_source)
                .and_then(|r| r.get(Metric::ExpenditureCurrent));
            let allies_sum_current = self
                .members_in(year)
                .filter_map(|m| same_source(Entity::Country(m.code)))
                .filter_map(|r| r.get(Metric::ExpenditureCurrent))
                .fold(Decimal::ZERO, Decimal::saturating_add);
            out.push(AllianceTotal {
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
                basis: pick.basis,
            });
        }
        Ok(out)
    }
}
