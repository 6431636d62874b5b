//! Contracts: filters and totals per currency.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Amount, Contract, CountryCode, Currency};
use crate::output::{dec, CsvRow};
use crate::Dataset;

/// Which contracts to list. Text filters match case-insensitively anywhere in the field;
/// every field left `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractFilter {
    /// Text in the buyer ("NSPA").
    pub buyer: Option<String>,
    /// Text in the supplier ("RTX").
    pub supplier: Option<String>,
    /// Text in the system ("Stinger").
    pub system: Option<String>,
    /// A country the contract buys for.
    pub country: Option<CountryCode>,
    /// Signed on or after this day (a month counts from its first day).
    pub signed_from: Option<Date>,
    /// Signed on or before this day.
    pub signed_to: Option<Date>,
    /// Only values in this currency.
    pub currency: Option<Currency>,
}

fn contains(field: Option<&str>, want: Option<&String>) -> bool {
    match want {
        None => true,
        Some(w) => field.is_some_and(|f| f.to_lowercase().contains(&w.to_lowercase())),
    }
}

impl ContractFilter {
    /// True if `c` passes the filter.
    pub fn matches(&self, c: &Contract) -> bool {
        contains(Some(&c.buyer), self.buyer.as_ref())
            && contains(c.supplier.as_deref(), self.supplier.as_ref())
            && contains(Some(&c.system), self.system.as_ref())
            && self.country.is_none_or(|k| c.on_behalf_of.contains(&k))
            && self.signed_from.is_none_or(|d| c.signed.earliest() >= d)
            && self.signed_to.is_none_or(|d| c.signed.earliest() <= d)
            && self.currency.is_none_or(|k| c.value.money.currency == k)
    }
}

/// The contracts in one currency: how many, and their total as a range, because one
/// contract can have several reported values.
///
/// Different contracts add up (each is its own purchase); the reports of one contract
/// do not (they are several statements of one value), so each contract counts once,
/// with its lowest reported value in `low` and its highest in `high`. Each end carries
/// the wording of what it adds: "almost" stays "almost", "more than" stays "more than",
/// a mix becomes "about" (see [`Qualifier::combine`](crate::Qualifier::combine)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTotal {
    /// The currency.
    pub currency: Currency,
    /// Distinct contracts (by id).
    pub contracts: usize,
    /// Reported values counted.
    pub reports: usize,
    /// The total taking each contract's lowest reported value.
    pub low: Amount,
    /// The total taking each contract's highest reported value.
    pub high: Amount,
}

impl CsvRow for ContractTotal {
    fn header() -> &'static [&'static str] {
        &[
            "currency",
            "contracts",
            "reports",
            "low_qualifier",
            "low_million",
            "high_qualifier",
            "high_million",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.currency.to_string(),
            self.contracts.to_string(),
            self.reports.to_string(),
            self.low.qualifier.to_string(),
            dec(Some(self.low.money.millions)),
            self.high.qualifier.to_string(),
            dec(Some(self.high.money.millions)),
        ]
    }
}

impl CsvRow for Contract {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "signed",
            "buyer",
            "on_behalf_of",
            "supplier",
            "system",
            "quantity",
            "qualifier",
            "value_million",
            "currency",
            "source",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.signed.to_string(),
            self.buyer.clone(),
            self.on_behalf_of
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            self.supplier.clone().unwrap_or_default(),
            self.system.clone(),
            self.quantity.map(|q| q.to_string()).unwrap_or_default(),
            self.value.qualifier.to_string(),
            dec(Some(self.value.money.millions)),
            self.value.money.currency.to_string(),
            self.source.to_string(),
        ]
    }
}

impl Dataset {
    /// The reported contract values that pass `filter`, by date signed.
    ///
    /// ```
    /// use defense_spending::query::ContractFilter;
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let f = ContractFilter { country: Some("ITA".parse()?), ..ContractFilter::default() };
    /// let values: Vec<String> = ds.contracts_where(&f).iter().map(|c| c.value.to_string()).collect();
    /// assert_eq!(values, ["almost USD 700 million", "about EUR 643 million", "USD 670 million"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contracts_where(&self, filter: &ContractFilter) -> Vec<&Contract> {
        let mut out: Vec<&Contract> = self
            .contracts
            .iter()
            .filter(|c| filter.matches(c))
            .collect();
        out.sort_by_key(|c| c.signed);
        out
    }

    /// Totals per currency of the contracts that pass `filter`. A contract reported with
    /// several values (the Stinger contract: almost US$700 million, US$670 million) counts
    /// once, and the total is a range from the lowest to the highest reports. Amounts in
    /// different currencies are never added: one total per currency (a contract reported
    /// in dollars and in euros counts in both, so the totals are never to be added
    /// either).
    ///
    /// ```
    /// use defense_spending::query::ContractFilter;
    /// use defense_spending::{Currency, Dataset};
    ///
    /// let totals = Dataset::bundled().contract_totals(&ContractFilter::default());
    /// let usd = totals.iter().find(|t| t.currency == Currency::Usd).unwrap();
    /// assert_eq!(usd.contracts, 2); // NATO's Stinger order of 2024, the US Army's of 2022
    /// assert_eq!((usd.low.money.millions.to_string(), usd.high.money.millions.to_string()), ("1294.6".into(), "1325".into()));
    /// println!("{} to {}", usd.low, usd.high);
    /// ```
    pub fn contract_totals(&self, filter: &ContractFilter) -> Vec<ContractTotal> {
        use std::collections::BTreeMap;
        // currency -> contract id -> (lowest report, highest report, reports)
        let mut by: BTreeMap<Currency, BTreeMap<&str, (Amount, Amount, usize)>> = BTreeMap::new();
        for c in self.contracts.iter().filter(|c| filter.matches(c)) {
            let v = c.value;
            let slot = by
                .entry(v.money.currency)
                .or_default()
                .entry(c.id.as_str())
                .or_insert((v, v, 0));
            if v.money.millions < slot.0.money.millions {
                slot.0 = v;
            }
            if v.money.millions > slot.1.money.millions {
                slot.1 = v;
            }
            slot.2 += 1;
        }
        by.into_iter()
            .map(|(currency, ids)| {
                let add = |pick: fn(&(Amount, Amount, usize)) -> Amount| {
                    let parts = ids.values().map(pick);
                    super::aid::add_up(parts.map(|a| (a.money.millions, a.qualifier)), currency)
                };
                ContractTotal {
                    currency,
                    contracts: ids.len(),
                    reports: ids.values().map(|x| x.2).sum(),
                    low: add(|x| x.0),
                    high: add(|x| x.1),
                }
            })
            .collect()
    }
}
