//! Yearly defence spending figures.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{named_enum, Entity, Figure, SourceId};

/// One country's (or aggregate's) defence spending figures for one year, from one source.
///
/// Every metric is optional: not every source publishes every metric (NATO publishes no
/// equipment share for its aggregates, SIPRI no equipment share at all, Iceland has no
/// armed forces and only a GDP figure). Values are exact: the bundled NATO figures are the
/// workbook's own values, of which NATO prints rounded forms (see
/// [`Metric::published_decimals`] and [`SpendingRecord::rounded`]).
///
/// The share of GDP, the figure most questions are about, is a field; every metric,
/// that one included, is read with [`get`](SpendingRecord::get) and written with
/// [`set`](SpendingRecord::set). The other figures are kept apart from the record so
/// that a record holding only a share of GDP (an Our World in Data or World Bank file of a
/// million rows) stays small.
///
/// | metric | unit |
/// |---|---|
/// | `share_of_gdp` | percent of GDP (NATO: of real GDP, at constant prices) |
/// | `expenditure_current`, `gdp_current` | million US$, current prices and exchange rates |
/// | `expenditure_constant`, `gdp_constant` | million US$, constant prices of [`price_base_year`](SpendingRecord::price_base_year) |
/// | `equipment_share` | percent of defence expenditure spent on major equipment |
/// | `real_change` | percent change on the year before, in real terms |
/// | `per_capita_current` | US$ per person (not millions), current prices |
/// | `share_of_government` | percent of general government expenditure |
///
/// ```
/// use defense_spending::{Metric, SpendingRecord};
/// use rust_decimal::Decimal;
///
/// let mut r = SpendingRecord::new("POL".parse()?, 2024, "mine".parse()?);
/// r.share_of_gdp = Some("4.12".parse()?);
/// r.set(Metric::ExpenditureConstant, Some(Decimal::from(26839)));
/// r.set_price_base_year(Some(2015));
/// assert_eq!(r.get(Metric::ShareOfGdp), r.share_of_gdp);
/// assert_eq!(r.get(Metric::ExpenditureConstant), Some(Decimal::from(26839)));
/// assert_eq!(r.get(Metric::GdpCurrent), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SpendingRecord {
    /// The country (ISO code) or the aggregate the figures are for.
    pub country: Entity,
    /// The calendar year.
    pub year: u16,
    /// True if the source marks the year's figures as estimates (NATO: 2023 and 2024 in
    /// the June 2024 edition).
    pub estimate: bool,
    /// Defence expenditure as a percentage of GDP.
    pub share_of_gdp: Option<Decimal>,
    /// The source (and so the edition) the figures come from.
    pub source: SourceId,
    /// Every other figure, when there is one.
    other: Option<Box<OtherFigures>>,
}

/// The figures of a record other than its share of GDP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OtherFigures {
    /// In the order of [`Metric::ALL`], without its first (the share of GDP).
    values: [Option<Decimal>; OTHER_METRICS],
    price_base_year: Option<u16>,
}

const OTHER_METRICS: usize = 8;

impl OtherFigures {
    fn is_empty(&self) -> bool {
        self.price_base_year.is_none() && self.values.iter().all(Option::is_none)
    }
}

impl SpendingRecord {
    /// A record with no figures yet.
    pub fn new(country: Entity, year: u16, source: SourceId) -> SpendingRecord {
        SpendingRecord {
            country,
            year,
            estimate: false,
            share_of_gdp: None,
            source,
            other: None,
        }
    }

    /// The position of `metric` among the other figures (`None` for the share of GDP).
    fn slot(metric: Metric) -> Option<usize> {
        Metric::ALL
            .iter()
            .position(|m| *m == metric)
            .and_then(|i| i.checked_sub(1))
    }

    /// The value of `metric`, if given.
    pub fn get(&self, metric: Metric) -> Option<Decimal> {
        match Self::slot(metric) {
            None => self.share_of_gdp,
            Some(i) => self.other.as_ref()?.values.get(i).copied().flatten(),
        }
    }

    /// Sets (or with `None`, clears) the value of `metric`.
    pub fn set(&mut self, metric: Metric, value: Option<Decimal>) {
        match Self::slot(metric) {
            None => self.share_of_gdp = value,
            Some(i) => {
                if value.is_none() && self.other.is_none() {
                    return;
                }
                let other = self.other.get_or_insert_with(Box::default);
                if let Some(v) = other.values.get_mut(i) {
                    *v = value;
                }
                if other.is_empty() {
                    self.other = None;
                }
            }
        }
    }

    /// The base year of the constant-price figures (2015 in NATO's 2024 edition).
    ///
    /// On a record with a constant-price figure, `None` means the base year is
    /// **unknown**: the file did not say it and the load options did not state it (Our
    /// World in Data's `Military expenditure (constant US$)`, a wide table; the crate's
    /// own CSV files always give it). Such figures are never combined with figures of a
    /// known base year: see [`same_price_basis`](SpendingRecord::same_price_basis).
    pub fn price_base_year(&self) -> Option<u16> {
        self.other.as_ref().and_then(|o| o.price_base_year)
    }

    /// True if the constant-price figures of `self` and `other` are at the same prices,
    /// so that they can be compared or combined: both of the same known base year, or
    /// both of an unknown base year from the same source (one file's series is at one
    /// base). A figure of an unknown base year is never comparable with one of a known
    /// base year, nor with another source's.
    ///
    /// ```
    /// use defense_spending::SpendingRecord;
    ///
    /// let record = |source: &str, base: Option<u16>| {
    ///     let mut r = SpendingRecord::new("POL".parse().unwrap(), 2024, source.parse().unwrap());
    ///     r.set_price_base_year(base);
    ///     r
    /// };
    /// assert!(record("a", Some(2015)).same_price_basis(&record("b", Some(2015))));
    /// assert!(!record("a", Some(2015)).same_price_basis(&record("a", Some(2021))));
    /// assert!(!record("a", None).same_price_basis(&record("a", Some(2015))));
    /// assert!(record("a", None).same_price_basis(&record("a", None)));
    /// assert!(!record("a", None).same_price_basis(&record("b", None)));
    /// ```
    pub fn same_price_basis(&self, other: &SpendingRecord) -> bool {
        match (self.price_base_year(), other.price_base_year()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.source == other.source,
            _ => false,
        }
    }

    /// Sets the base year of the constant-price figures.
    pub fn set_price_base_year(&mut self, year: Option<u16>) {
        if year.is_none() && self.other.is_none() {
            return;
        }
        let other = self.other.get_or_insert_with(Box::default);
        other.price_base_year = year;
        if other.is_empty() {
            self.other = None;
        }
    }

    /// Every metric with a value, in the order of [`Metric::ALL`].
    pub fn figures(&self) -> impl Iterator<Item = (Metric, Decimal)> + '_ {
        Metric::ALL
            .iter()
            .filter_map(move |m| self.get(*m).map(|v| (*m, v)))
    }

    /// The value of `metric` as a [`Figure`]: exact, and displayed as NATO prints it
    /// (rounded half away from zero, two decimals for percentages, whole millions for
    /// money). **The way to show a figure**: formatting the `Decimal` itself with
    /// `{:.2}` truncates (see [`figure`](crate::model::figure)).
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let ds = Dataset::bundled();
    /// let usa = ds.record(ds.entity("USA")?, 2024)?;
    /// assert_eq!(usa.figure(Metric::ShareOfGdp).unwrap().to_string(), "3.38");
    /// assert_eq!(usa.figure(Metric::ExpenditureCurrent).unwrap().to_string(), "967707");
    /// println!("{} spent {} % of GDP", ds.name_of(usa.country), usa.share().unwrap());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn figure(&self, metric: Metric) -> Option<Figure> {
        self.get(metric).map(|v| Figure::of(metric, v))
    }

    /// The share of GDP as a [`Figure`] (`figure(Metric::ShareOfGdp)`): displays as NATO
    /// prints it, `3.38`.
    pub fn share(&self) -> Option<Figure> {
        self.figure(Metric::ShareOfGdp)
    }

    /// The value of `metric` rounded as NATO prints it (see [`Metric::round`]), with
    /// exactly its published decimals (`2.20`).
    ///
    /// ```
    /// use defense_spending::{Dataset, Metric};
    ///
    /// let ds = Dataset::bundled();
    /// let pol = ds.record(ds.entity("POL")?, 2024)?;
    /// assert_eq!(pol.rounded(Metric::ShareOfGdp).unwrap().to_string(), "4.12");
    /// assert_eq!(pol.rounded(Metric::ExpenditureCurrent).unwrap().to_string(), "34975");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn rounded(&self, metric: Metric) -> Option<Decimal> {
        self.get(metric).map(|v| metric.round(v))
    }
}

impl PartialEq for SpendingRecord {
    fn eq(&self, other: &Self) -> bool {
        self.country == other.country
            && self.year == other.year
            && self.estimate == other.estimate
            && self.source == other.source
            && self.price_base_year() == other.price_base_year()
            && Metric::ALL.iter().all(|m| self.get(*m) == other.get(*m))
    }
}

impl Eq for SpendingRecord {}

impl std::fmt::Debug for SpendingRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("SpendingRecord");
        d.field("country", &self.country).field("year", &self.year);
        for (m, v) in self.figures() {
            d.field(m.name(), &v);
        }
        if let Some(y) = self.price_base_year() {
            d.field("price_base_year", &y);
        }
        d.field("estimate", &self.estimate)
            .field("source", &self.source)
            .finish()
    }
}

/// The flat form a record is serialized in: every metric a field, as in the crate's
/// `spending.csv`.
#[derive(Serialize, Deserialize)]
struct Flat {
    country: Entity,
    /// The country's name, for people reading the JSON (as `write_csv` writes it beside
    /// the code); not read back.
    #[serde(default, skip_deserializing)]
    name: String,
    year: u16,
    share_of_gdp: Option<Decimal>,
    expenditure_current: Option<Decimal>,
    expenditure_constant: Option<Decimal>,
    gdp_current: Option<Decimal>,
    gdp_constant: Option<Decimal>,
    equipment_share: Option<Decimal>,
    real_change: Option<Decimal>,
    per_capita_current: Option<Decimal>,
    share_of_government: Option<Decimal>,
    price_base_year: Option<u16>,
    estimate: bool,
    source: SourceId,
}

impl Serialize for SpendingRecord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Flat {
            country: self.country,
            name: crate::dataset::written_name(self.country),
            year: self.year,
            share_of_gdp: self.share_of_gdp,
            expenditure_current: self.get(Metric::ExpenditureCurrent),
            expenditure_constant: self.get(Metric::ExpenditureConstant),
            gdp_current: self.get(Metric::GdpCurrent),
            gdp_constant: self.get(Metric::GdpConstant),
            equipment_share: self.get(Metric::EquipmentShare),
            real_change: self.get(Metric::RealChange),
            per_capita_current: self.get(Metric::PerCapitaCurrent),
            share_of_government: self.get(Metric::ShareOfGovernment),
            price_base_year: self.price_base_year(),
            estimate: self.estimate,
            source: self.source,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for SpendingRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Flat::deserialize(d)?;
        let mut r = SpendingRecord::new(f.country, f.year, f.source);
        r.estimate = f.estimate;
        r.share_of_gdp = f.share_of_gdp;
        for (m, v) in [
            (Metric::ExpenditureCurrent, f.expenditure_current),
            (Metric::ExpenditureConstant, f.expenditure_constant),
            (Metric::GdpCurrent, f.gdp_current),
            (Metric::GdpConstant, f.gdp_constant),
            (Metric::EquipmentShare, f.equipment_share),
            (Metric::RealChange, f.real_change),
            (Metric::PerCapitaCurrent, f.per_capita_current),
            (Metric::ShareOfGovernment, f.share_of_government),
        ] {
            r.set(m, v);
        }
        r.set_price_base_year(f.price_base_year);
        Ok(r)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Range {
    /// A percentage of a whole: 0 to 100.
    Percent,
    /// A percentage of another quantity, which it can exceed: 0 or more. Military
    /// expenditure was 117 % of Kuwait's GDP in 1991 (World Bank, SIPRI).
    PercentOver,
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
            Metric::ShareOfGdp => Range::PercentOver,
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
            Range::Percent | Range::PercentOver | Range::Any => 2,
            Range::NonNegative => 0,
        }
    }

    /// Rounds `value` as NATO prints it: half away from zero to
    /// [`published_decimals`](Metric::published_decimals), keeping exactly that many
    /// decimals (`2.2` gives `2.20`).
    pub fn round(self, value: Decimal) -> Decimal {
        super::figure::round_half_away(value, self.published_decimals())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_small() {
        // The memory budget of a million-row load rests on these sizes (benches/README.md).
        assert!(std::mem::size_of::<Entity>() <= 8);
        assert!(std::mem::size_of::<SourceId>() <= 4);
        assert!(
            std::mem::size_of::<SpendingRecord>() <= 48,
            "{}",
            std::mem::size_of::<SpendingRecord>()
        );
    }

    #[test]
    fn clearing_every_other_figure_frees_it() {
        let mut r = SpendingRecord::new("POL".parse().unwrap(), 2024, "s".parse().unwrap());
        let plain = r.clone();
        r.set(Metric::GdpCurrent, Some(Decimal::ONE));
        assert_ne!(r, plain);
        r.set(Metric::GdpCurrent, None);
        assert_eq!(r, plain);
        assert!(r.other.is_none());
    }
}
