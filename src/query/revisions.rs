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
/// (a different base is no revision, an unknown one cannot be compared). Where a dataset holds several records for a country and year, the first loaded
/// is compared.
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
    let mut first_old: HashMap<(&Entity, u16), &SpendingRecord> = HashMap::new();
    for r in old.spending() {
        first_old.entry((&r.country, r.year)).or_insert(r);
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for n in new.spending() {
        if !seen.insert((&n.country, n.year)) {
            continue;
        }
        let Some(o) = first_old.get(&(&n.country, n.year)) else {
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
                        country: n.country,
                        year: n.year,
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
