//! Yearly defence spending figures.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::{named_enum, Entity, SourceId};

/// One country's (or aggregate's) defence spending figures for one year, from one source.
///
/// Every metric is optional: not every source publishes every metric (NATO publishes no
/// equipment share for its aggregates, SIPRI no equipment share at all, Iceland has no
/// armed forces and only a GDP figure). Values are exact: the bundled NATO figures are the
/// workbook's own values, of which NATO prints rounded forms (see
/// [`Metric::published_decimals`] and [`SpendingRecord::rounded`]).
///
/// | field | unit |
/// |---|---|
/// | `share_of_gdp` | percent of GDP (NATO: of real GDP, at constant prices) |
/// | `expenditure_current`, `gdp_current` | million US$, current prices and exchange rates |
/// | `expenditure_constant`, `gdp_constant` | million US$, constant prices of `price_base_year` |
/// | `equipment_share` | percent of defence expenditure spent on major equipment |
/// | `real_change` | percent change on the year before, in real terms |
/// | `per_capita_current` | US$ per person (not millions), current prices |
/// | `share_of_government` | percent of general government expenditure |
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingRecord {
    /// The country (ISO code) or the aggregate the figures are for.
    pub country: Entity,
    /// The calendar year.
    pub year: u16,
    /// Defence expenditure as a percentage of GDP.
    pub share_of_gdp: Option<Decimal>,
    /// Defence expenditure, million US$, current prices and exchange rates.
    pub expenditure_current: Option<Decimal>,
    /// Defence expenditure, million US$, constant prices and exchange rates of
    /// `price_base_year`.
    pub expenditure_constant: Option<Decimal>,
    /// The base year of the constant-price figures (2015 in NATO's 2024 edition).
    pub price_base_year: Option<u16>,
    /// GDP, million US$, current prices and exchange rates.
    pub gdp_current: Option<Decimal>,
    /// GDP, million US$, constant prices and exchange rates of `price_base_year`.
    pub gdp_constant: Option<Decimal>,
    /// Equipment expenditure as a percentage of defence expenditure.
    pub equipment_share: Option<Decimal>,
    /// Annual real change of defence expenditure, percent.
    pub real_change: Option<Decimal>,
    /// Defence expenditure per person, US$ (not millions), current prices.
    pub per_capita_current: Option<Decimal>,
    /// Defence expenditure as a percentage of general government expenditure.
    pub share_of_government: Option<Decimal>,
    /// True if the source marks the year's figures as estimates (NATO: 2023 and 2024 in
    /// the June 2024 edition).
    pub estimate: bool,
    /// The source (and so the edition) the figures come from.
    pub source: SourceId,
}

impl SpendingRecord {
    /// A record with no figures yet.
    pub fn new(country: Entity, year: u16, source: SourceId) -> SpendingRecord {
        SpendingRecord {
            country,
            year,
            share_of_gdp: None,
            expenditure_current: None,
            expenditure_constant: None,
            price_base_year: None,
            gdp_current: None,
            gdp_constant: None,
            equipment_share: None,
            real_change: None,
            per_capita_current: None,
            share_of_government: None,
            estimate: false,
            source,
        }
    }

    /// The value of `metric`, if given.
    pub fn get(&self, metric: Metric) -> Option<Decimal> {
        match metric {
            Metric::ShareOfGdp => self.share_of_gdp,
            Metric::ExpenditureCurrent => self.expenditure_current,
            Metric::ExpenditureConstant => self.expenditure_constant,
            Metric::GdpCurrent => self.gdp_current,
            Metric::GdpConstant => self.gdp_constant,
            Metric::EquipmentShare => self.equipment_share,
            Metric::RealChange => self.real_change,
            Metric::PerCapitaCurrent => self.per_capita_current,
            Metric::ShareOfGovernment => self.share_of_government,
        }
    }

    /// The field that holds `metric`.
    pub fn get_mut(&mut self, metric: Metric) -> &mut Option<Decimal> {
        match metric {
            Metric::ShareOfGdp => &mut self.share_of_gdp,
            Metric::ExpenditureCurrent => &mut self.expenditure_current,
            Metric::ExpenditureConstant => &mut self.expenditure_constant,
            Metric::GdpCurrent => &mut self.gdp_current,
            Metric::GdpConstant => &mut self.gdp_constant,
            Metric::EquipmentShare => &mut self.equipment_share,
            Metric::RealChange => &mut self.real_change,
            Metric::PerCapitaCurrent => &mut self.per_capita_current,
            Metric::ShareOfGovernment => &mut self.share_of_government,
        }
    }

    /// The value of `metric` rounded as NATO prints it (see [`Metric::round`]).
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let pol = Dataset::bundled().record(&"POL".parse()?, 2024).unwrap();
    /// assert_eq!(pol.rounded(Metric::ShareOfGdp).unwrap().to_string(), "4.12");
    /// assert_eq!(pol.rounded(Metric::ExpenditureCurrent).unwrap().to_string(), "34975");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rounded(&self, metric: Metric) -> Option<Decimal> {
        self.get(metric).map(|v| metric.round(v))
    }
}

/// A figure a [`SpendingRecord`] can hold. Its name is the record's field name and the
/// column name in the crate's CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// `share_of_gdp`, percent.
    ShareOfGdp,
    /// `expenditure_current`, million US$.
    ExpenditureCurrent,
    /// `expenditure_constant`, million US$ at constant prices.
    ExpenditureConstant,
    /// `gdp_current`, million US$.
    GdpCurrent,
    /// `gdp_constant`, million US$ at constant prices.
    GdpConstant,
    /// `equipment_share`, percent of defence expenditure.
    EquipmentShare,
    /// `real_change`, percent.
    RealChange,
    /// `per_capita_current`, US$ per person.
    PerCapitaCurrent,
    /// `share_of_government`, percent of government spending.
    ShareOfGovernment,
}

named_enum!(Metric, "metric", [
    ShareOfGdp => "share_of_gdp",
    ExpenditureCurrent => "expenditure_current",
    ExpenditureConstant => "expenditure_constant",
    GdpCurrent => "gdp_current",
    GdpConstant => "gdp_constant",
    EquipmentShare => "equipment_share",
    RealChange => "real_change",
    PerCapitaCurrent => "per_capita_current",
    ShareOfGovernment => "share_of_government",
]);

/// What values a metric can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// A percentage of a whole: 0 to 100.
    Percent,
    /// A percentage of another quantity: 0 or more, and it may exceed 100. Defence
    /// spending is not a part of GDP's year: in SIPRI's data Kuwait spent 117 % of its GDP
    /// in 1991.
    Ratio,
    /// An amount of money: 0 or more.
    NonNegative,
    /// A change: any sign.
    Any,
}

impl Metric {
    /// The unit, for headings: "% of GDP", "US$ million", ...
    pub fn unit(self) -> &'static str {
        match self {
            Metric::ShareOfGdp => "% of GDP",
            Metric::ExpenditureCurrent | Metric::GdpCurrent => "US$ million, current prices",
            Metric::ExpenditureConstant | Metric::GdpConstant => "US$ million, constant prices",
            Metric::EquipmentShare => "% of defence expenditure",
            Metric::RealChange => "% real change",
            Metric::PerCapitaCurrent => "US$ per person",
            Metric::ShareOfGovernment => "% of government spending",
        }
    }

    /// What values the metric can take; loaders reject values outside it.
    pub fn range(self) -> Range {
        match self {
            Metric::ShareOfGdp => Range::Ratio,
            Metric::EquipmentShare | Metric::ShareOfGovernment => Range::Percent,
            Metric::RealChange => Range::Any,
            _ => Range::NonNegative,
        }
    }

    /// True for the metrics priced at a base year (which then must be given).
    pub fn is_constant_price(self) -> bool {
        matches!(self, Metric::ExpenditureConstant | Metric::GdpConstant)
    }

    /// The decimals NATO prints: 2 for percentages, 0 (whole millions) for money, 0 for
    /// US$ per person.
    pub fn published_decimals(self) -> u32 {
        match self.range() {
            Range::Percent | Range::Ratio | Range::Any => 2,
            Range::NonNegative => 0,
        }
    }

    /// Rounds `value` as NATO prints it: half away from zero to
    /// [`published_decimals`](Metric::published_decimals).
    pub fn round(self, value: Decimal) -> Decimal {
        value.round_dp_with_strategy(
            self.published_decimals(),
            RoundingStrategy::MidpointAwayFromZero,
        )
    }
}
