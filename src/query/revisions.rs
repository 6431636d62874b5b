//! What changed between two editions or vintages of the same data.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Entity, Metric, SpendingRecord};
use crate::output::{dec, CsvRow};
use crate::Dataset;

/// One value that differs between an older and a newer dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// The country or aggregate.
    pub country: Entity,
    /// The year.
    pub year: u16,
    /// The metric.
    pub metric: Metric,
    /// The value in the older dataset.
    pub old: Decimal,
    /// The value in the newer dataset.
    pub new: Decimal,
    /// `new − old`.
    pub change: Decimal,
}

impl CsvRow for Revision {
    fn header() -> &'static [&'static str] {
        &["country", "year", "metric", "old", "new", "change"]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.country.to_string(),
            self.year.to_string(),
            self.metric.to_string(),
            dec(Some(self.old)),
            dec(Some(self.new)),
            dec(Some(self.change)),
        ]
    }
}

/// Every country-year-metric whose value differs between `old` and `new`, by country,
/// year and metric. Values present in only one of the two are not revisions and are left
/// out, and so are constant-price figures unless both are of the same known base year
/// (a different base is no revision, an unknown one cannot be compared). Where a dataset
/// holds several records for a country and year, its latest edition's is compared (by
/// publication date, then the last year covered, as in the
/// [rules](crate::query#many-sources-one-answer)); to compare two editions inside one
/// dataset, see [`Dataset::revisions`].
///
/// ```
/// use defense_spending::query::revisions;
/// use defense_spending::Dataset;
///
/// let june_2024 = Dataset::from_csv_str("a.csv", "country,year,share_of_gdp,source\nPOL,2024,4.12,a\nEST,2024,3.43,a\n")?;
/// let newer = Dataset::from_csv_str("b.csv", "country,year,share_of_gdp,source\nPOL,2024,3.79,b\nEST,2024,3.43,b\n")?;
/// let r = revisions(&june_2024, &newer);
/// assert_eq!(r.len(), 1);
/// assert_eq!((r[0].country.to_string(), r[0].change.to_string()), ("POL".into(), "-0.33".into()));
/// # Ok::<(), defense_spending::Error>(())
/// ```
pub fn revisions(old: &Dataset, new: &Dataset) -> Vec<Revision> {
    let old_latest = latest(old);
    let mut out = Vec::new();
    for ((country, year), n) in latest(new) {
        let Some(o) = old_latest.get(&(country, year)) else {
            continue;
        };
        for &metric in Metric::ALL {
            // Constant prices of different or unknown base years are no revision of each
            // other.
            let same_prices =
                o.price_base_year().is_some() && o.price_base_year() == n.price_base_year();
            if metric.is_constant_price() && !same_prices {
                continue;
            }
            if let (Some(a), Some(b)) = (o.get(metric), n.get(metric)) {
                if a != b {
                    out.push(Revision {
                        country,
                        year,
                        metric,
                        old: a,
                        new: b,
                        change: b.saturating_sub(a),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.country, a.year, a.metric).cmp(&(&b.country, b.year, b.metric)));
    out
}

/// Each country and year's record of the latest edition of `ds`.
fn latest(ds: &Dataset) -> HashMap<(Entity, u16), &SpendingRecord> {
    let mut best: HashMap<(Entity, u16), &SpendingRecord> = HashMap::new();
    for r in ds.spending() {
        best.entry((r.country, r.year))
            .and_modify(|b| {
                if ds.editions.rank(r.source) > ds.editions.rank(b.source) {
                    *b = r;
                }
            })
            .or_insert(r);
    }
    best
}

impl Dataset {
    /// What the edition `new` revised of the edition `old`, both sources of this dataset:
    /// [`revisions`] of the two [views](Dataset::from_source).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotInDataset`](crate::ErrorKind::NotInDataset) if either source has
    /// no spending figures here.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let text = "country,year,share_of_gdp,source\nPOL,2024,4.12,june\nPOL,2024,3.79,august\n";
    /// let both = Dataset::from_csv_str("both.csv", text)?;
    /// let r = both.revisions("june", "august")?;
    /// assert_eq!((r.len(), r[0].change.to_string()), (1, "-0.33".to_owned()));
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn revisions(&self, old: &str, new: &str) -> crate::Result<Vec<Revision>> {
        Ok(revisions(&self.from_source(old)?, &self.from_source(new)?))
    }
}
