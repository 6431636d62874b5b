//! [`LoadOptions`]: what a file does not say, stated by the user.

use std::path::Path;

use crate::error::Result;
use crate::load::builder::Builder;
use crate::model::{Metric, SourceId};
use crate::Dataset;

/// Options for loading files, in the style of the `csv` crate's `ReaderBuilder`: what a
/// file does not say about itself, stated by the user.
///
/// [`Dataset::load`] is `LoadOptions::new().load(path)`: every format that says what its
/// figures are (the crate's CSV files, the World Bank's and Our World in Data's CSV,
/// NATO's and SIPRI's workbooks) needs no option. A **wide table** (one row per
/// country, one column per year, as analysts copy NATO's and SIPRI's tables) does not
/// say which figure its cells hold: [`metric`](LoadOptions::metric) says it, and without
/// it loading one is an error that shows this call.
///
/// ```
/// use defense_spending::{LoadOptions, Metric};
///
/// let table = "Country,2023,2024e\nPoland,3.83,4.12\nNATO Total,2.42,2.71\n";
/// let ds = LoadOptions::new()
///     .metric(Metric::ShareOfGdp) // what the wide table's cells are
///     .from_bytes("nato_defense_spending_clean.csv", table.as_bytes())?;
/// let pol = ds.record(ds.entity("Poland")?, 2024)?;
/// assert_eq!(pol.share().unwrap().to_string(), "4.12");
/// assert!(pol.estimate); // the `e` of `2024e`
///
/// // Constant prices of which year, where the file does not say:
/// let table = "Country,2021,2022\nUnited States of America,806230,860692\n";
/// let ds = LoadOptions::new()
///     .metric(Metric::ExpenditureConstant)
///     .price_base_year(2021)
///     .from_bytes("SIPRI-Milex-data-1949-2022.csv", table.as_bytes())?;
/// assert_eq!(ds.spending()[0].price_base_year(), Some(2021));
/// # Ok::<(), defense_spending::Error>(())
/// ```
///
/// Options apply to every file of a load where they are needed: a folder loaded with
/// [`metric`](LoadOptions::metric) reads each of its wide tables as that metric (load
/// wide tables of different metrics one by one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOptions {
    metric: Option<Metric>,
    price_base_year: Option<u16>,
    source: Option<SourceId>,
}

impl LoadOptions {
    /// No options: what [`Dataset::load`] uses.
    pub fn new() -> LoadOptions {
        LoadOptions::default()
    }

    /// What a wide table's cells are, in the metric's unit: percent for shares
    /// (`5.7%` is read as 5.7 too), million US$ for money, US$ per person for
    /// [`Metric::PerCapitaCurrent`].
    pub fn metric(&mut self, metric: Metric) -> &mut LoadOptions {
        self.metric = Some(metric);
        self
    }

    /// The year of the constant prices of constant-price figures whose file does not say
    /// it (a wide table, Our World in Data's `Military expenditure (constant US$)`).
    /// Where a file says its base year and this is another, loading it is an error.
    /// Without it, and without the file saying, the base year is unknown: the figures
    /// load with [`price_base_year`](crate::SpendingRecord::price_base_year) `None`, and
    /// queries never combine them with figures of a known base year. A base year is
    /// never guessed.
    pub fn price_base_year(&mut self, year: u16) -> &mut LoadOptions {
        self.price_base_year = Some(year);
        self
    }

    /// The source id the figures of a wide table cite, instead of the one made from its
    /// content (`wide-share_of_gdp-2014-2024`: the metric, the base year if any, and
    /// the years). The source is defined with this id, titled as the table's (define it
    /// yourself in a `sources.csv` loaded along to give its publisher and URL).
    pub fn source(&mut self, id: SourceId) -> &mut LoadOptions {
        self.source = Some(id);
        self
    }

    /// The metric stated with [`metric`](LoadOptions::metric).
    pub(crate) fn get_metric(&self) -> Option<Metric> {
        self.metric
    }

    /// The base year stated with [`price_base_year`](LoadOptions::price_base_year).
    pub(crate) fn get_price_base_year(&self) -> Option<u16> {
        self.price_base_year
    }

    /// The source id stated with [`source`](LoadOptions::source).
    pub(crate) fn get_source(&self) -> Option<SourceId> {
        self.source
    }

    /// Loads a folder or a file, as [`Dataset::load`] does, with these options.
    pub fn load(&self, path: impl AsRef<Path>) -> Result<Dataset> {
        crate::load::load_path(path.as_ref(), self)
    }

    /// Reads one file from its bytes, as [`Dataset::from_bytes`] does, with these
    /// options; `name` is used in error messages.
    pub fn from_bytes(&self, name: impl AsRef<Path>, bytes: &[u8]) -> Result<Dataset> {
        let mut builder = Builder::default();
        crate::load::read_bytes(&mut builder, name.as_ref(), bytes, self)?;
        builder.finish()
    }
}
