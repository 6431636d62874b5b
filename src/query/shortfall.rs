//! How far Allies are from a target, in dollars.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{Entity, SourceId};
use crate::output::{dec, CsvRow};
use crate::query::editions::{Ask, Basis};
use crate::query::Threshold;
use crate::Dataset;

/// One Ally's shortfall to a target share of GDP in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The Ally.
    pub country: Entity,
    /// The year.
    pub year: u16,
    /// Its share of GDP, percent (exact).
    pub share_of_gdp: Decimal,
    /// The target, percent of GDP.
    pub target: Decimal,
    /// GDP at current prices, million US$, from the same record (the same edition).
    pub gdp_current: Decimal,
    /// The extra defence spending needed, million US$ at current prices:
    /// `gdp_current × (target − share_of_gdp) / 100`.
    pub shortfall_usd_million: Decimal,
    /// True if the figures are estimates.
    pub estimate: bool,
    /// Where the figures come from.
    pub source: SourceId,
}

impl CsvRow for Shortfall {
    fn header() -> &'static [&'static str] {
        &[
            "country",
            "year",
            "share_of_gdp",
            "target",
            "shortfall_usd_million",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.country.to_string(),
            self.year.to_string(),
            dec(Some(self.share_of_gdp)),
            dec(Some(self.target)),
            dec(Some(self.shortfall_usd_million)),
        ]
    }
}

/// Every Ally below a target in a year, and what it would take to reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortfallReport {
    /// The year.
    pub year: u16,
    /// The target, percent of GDP.
    pub target: Decimal,
    /// The Allies below the target, largest shortfall first.
    pub allies: Vec<Shortfall>,
    /// The sum of the Allies' shortfalls, million US$ at current prices (saturating at
    /// `Decimal::MAX`, which only an absurd target reaches).
    pub total_usd_million: Decimal,
    /// Allies below the target whose record has no GDP figure (so no shortfall in
    /// dollars), if any; or whose shortfall is too large for a `Decimal` (only a target
    /// of trillions of percent gives one).
    pub without_gdp: Vec<Entity>,
    /// The sources the report rests on: one record per Ally (see the
    /// [rules](crate::query#many-sources-one-answer)).
    pub basis: Basis,
}

impl std::fmt::Display for ShortfallReport {
    /// `2024: 30 Allies below 3.5 %, US$413808 million short`, and where the dataset
    /// holds several sources, the one used.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} Allies below {} %, US${} million short",
            self.year,
            self.allies.len(),
            self.target.normalize(),
            crate::Figure::millions(self.total_usd_million)
        )?;
        if !self.without_gdp.is_empty() {
            write!(f, " ({} more without a GDP figure)", self.without_gdp.len())?;
        }
        if self.basis.held > 1 {
            write!(f, ", {}", self.basis)?;
        }
        Ok(())
    }
}

impl Dataset {
    /// The extra defence spending each Ally below `target` percent of GDP would need in
    /// `year`, in million US$ at current prices, and the Alliance total.
    ///
    /// For each Ally (a member in that year) whose share of GDP is below the target:
    /// `GDP at current prices × (target − share) / 100`, both taken from the same record,
    /// so from the same edition. NATO's share is of *real* GDP (constant 2015 prices) while
    /// this multiplies by nominal GDP: it is the standard approximation of "how many
    /// dollars short", not a figure NATO publishes. Allies without a share (Iceland) are
    /// left out; Allies below target without a GDP figure are listed in `without_gdp`.
    ///
    /// With several sources loaded, each Ally's share and GDP come from one record,
    /// picked by the [rules](crate::query#many-sources-one-answer): NATO's figures where
    /// the dataset has them for the year, and the latest edition that has a share of GDP
    /// (if that edition gives no GDP, the Ally is listed in `without_gdp`, never priced
    /// with another edition's GDP). The total adds one record per Ally; `basis` names
    /// the sources.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearNotInData`](crate::ErrorKind::YearNotInData) if the dataset has no
    /// figures for `year` (never "0 Allies short, US$0"), and
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a target that is not
    /// a number.
    ///
    /// ```
    /// use defense_spending::{Dataset, Figure};
    ///
    /// let ds = Dataset::bundled();
    /// let r = ds.shortfalls(2024, 2)?;
    /// assert_eq!(r.allies.len(), 8);
    /// assert_eq!(r.allies[0].country.to_string(), "CAN"); // the largest gap in dollars
    /// let esp = r.allies.iter().find(|s| s.country.to_string() == "ESP").unwrap();
    /// assert_eq!(Figure::millions(esp.shortfall_usd_million).to_string(), "11898");
    /// assert!(ds.shortfalls(2030, 2).is_err());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn shortfalls(&self, year: u16, target: impl Into<Threshold>) -> Result<ShortfallReport> {
        let target = target.into().value()?;
        self.has_year(year)?;
        let pick = self.pick_year(year, &[crate::Metric::ShareOfGdp], Ask::Allies)?;
        let mut allies = Vec::new();
        let mut without_gdp = Vec::new();
        for r in pick.rows {
            let Some(share) = r.share_of_gdp else {
                continue;
            };
            if share >= target {
                continue;
            }
            let Some(gdp) = r.get(crate::Metric::GdpCurrent) else {
                without_gdp.push(r.country);
                continue;
            };
            let gap = target
                .checked_sub(share)
                .and_then(|d| gdp.checked_mul(d))
                .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED));
            let Some(gap) = gap else {
                // Only an absurd target (trillions of percent) overflows.
                without_gdp.push(r.country);
                continue;
            };
            allies.push(Shortfall {
                country: r.country,
                year,
                share_of_gdp: share,
                target,
                gdp_current: gdp,
                shortfall_usd_million: gap,
                estimate: r.estimate,
                source: r.source,
            });
        }
        allies.sort_by(|a, b| {
            b.shortfall_usd_million
                .cmp(&a.shortfall_usd_million)
                .then_with(|| a.country.cmp(&b.country))
        });
        let total_usd_million = allies
            .iter()
            .map(|s| s.shortfall_usd_million)
            .fold(Decimal::ZERO, Decimal::saturating_add);
        Ok(ShortfallReport {
            year,
            target,
            allies,
            total_usd_million,
            without_gdp,
            basis: pick.basis,
        })
    }
}
