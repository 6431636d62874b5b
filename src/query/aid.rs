//! Totals of aid: by donor, recipient, kind or currency; never across currencies unless
//! the caller gives the exchange rate.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{
    named_enum, AidBasis, AidKind, AidTotal, Amount, Currency, Entity, Money, Qualifier, SourceId,
};
use crate::output::{dec, CsvRow};
use crate::Dataset;

/// Which aid rows to count. Every field left `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AidFilter {
    /// Only this donor.
    pub donor: Option<Entity>,
    /// Only this recipient.
    pub recipient: Option<Entity>,
    /// Only this kind.
    pub kind: Option<AidKind>,
    /// Only this basis (commitments, allocations).
    pub basis: Option<AidBasis>,
    /// Only this currency.
    pub currency: Option<Currency>,
    /// Only rows from this source.
    pub source: Option<SourceId>,
}

impl AidFilter {
    /// True if `a` passes the filter.
    pub fn matches(&self, a: &AidTotal) -> bool {
        self.donor.as_ref().is_none_or(|d| &a.donor == d)
            && self.recipient.as_ref().is_none_or(|r| &a.recipient == r)
            && self.kind.is_none_or(|k| a.kind == k)
            && self.basis.is_none_or(|b| a.basis == b)
            && self.currency.is_none_or(|c| a.amount.money.currency == c)
            && self.source.as_ref().is_none_or(|s| &a.source == s)
    }
}

/// What aid totals are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AidGroup {
    /// One total per donor (and currency).
    Donor,
    /// One total per recipient (and currency).
    Recipient,
    /// One total per kind (and currency).
    Kind,
    /// One total per currency.
    Currency,
}

named_enum!(AidGroup, "aid grouping", [
    Donor => "donor",
    Recipient => "recipient",
    Kind => "kind",
    Currency => "currency",
]);

/// A sum of aid rows in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidSum {
    /// The group: a donor or recipient code, a kind, or the currency.
    pub group: String,
    /// The sum, with the wording it can carry ("more than", "about").
    pub amount: Amount,
    /// How many rows were added.
    pub rows: usize,
}

impl CsvRow for AidSum {
    fn header() -> &'static [&'static str] {
        &["group", "qualifier", "amount_million", "currency", "rows"]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.group.clone(),
            self.amount.qualifier.to_string(),
            dec(Some(self.amount.money.millions)),
            self.amount.money.currency.to_string(),
            self.rows.to_string(),
        ]
    }
}

impl CsvRow for AidTotal {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "donor",
            "recipient",
            "kind",
            "basis",
            "qualifier",
            "amount_million",
            "currency",
            "period_start",
            "as_of",
            "source",
        ]
    }
    fn fields(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.donor.to_string(),
            self.recipient.to_string(),
            self.kind.to_string(),
            self.basis.to_string(),
            self.amount.qualifier.to_string(),
            dec(Some(self.amount.money.millions)),
            self.amount.money.currency.to_string(),
            self.period_start.map(|d| d.to_string()).unwrap_or_default(),
            self.as_of.map(|d| d.to_string()).unwrap_or_default(),
            self.source.to_string(),
        ]
    }
}

/// A rate to convert one currency into another: `1 from = rate to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    /// The currency converted.
    pub from: Currency,
    /// The currency converted into.
    pub to: Currency,
    /// How many units of `to` one unit of `from` is worth.
    pub rate: Decimal,
}

/// Amounts in different currencies were to be added without an exchange rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot add {found} to a total in {wanted} without an exchange rate from {found} to {wanted}"
)]
pub struct CurrencyError {
    /// The currency of the amount that could not be added.
    pub found: Currency,
    /// The currency of the total.
    pub wanted: Currency,
}

impl Qualifier {
    /// The wording of a sum of two amounts worded `self` and `other`: exact plus exact is
    /// exact; lower bounds stay lower bounds ("more than" wins over "at least"); "almost"
    /// stays "almost"; anything else is "about".
    pub fn combine(self, other: Qualifier) -> Qualifier {
        use Qualifier::*;
        match (self, other) {
            (Exact, q) | (q, Exact) => q,
            (MoreThan, MoreThan | AtLeast) | (AtLeast, MoreThan) => MoreThan,
            (AtLeast, AtLeast) => AtLeast,
            (Almost, Almost) => Almost,
            _ => About,
        }
    }
}

impl Dataset {
    /// The aid rows that pass `filter`.
    pub fn aid_where<'a>(
        &'a self,
        filter: &'a AidFilter,
    ) -> impl Iterator<Item = &'a AidTotal> + 'a {
        self.aid.iter().filter(move |a| filter.matches(a))
    }

    /// Totals of the rows that pass `filter`, one per group and currency: amounts in
    /// different currencies are never added. Groups come in order of the group key, then
    /// currency.
    ///
    /// Rows are added as they are: the caller chooses rows that can be added (one source,
    /// one basis). Cumulative totals from two sources of different dates overlap.
    ///
    /// ```
    /// use defense_spending::query::{AidFilter, AidGroup};
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let article = AidFilter { source: Some("ap-stinger-2024".parse()?), ..AidFilter::default() };
    /// let by_donor = ds.aid_totals(&article, AidGroup::Donor);
    /// let text: Vec<String> = by_donor.iter().map(|s| format!("{}: {}", s.group, s.amount)).collect();
    /// assert_eq!(text, [
    ///     "AP_NATO_PARTNERS_EX_USA: about USD 50000 million",
    ///     "USA: more than USD 53600 million",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aid_totals(&self, filter: &AidFilter, by: AidGroup) -> Vec<AidSum> {
        let mut sums: BTreeMap<(String, Currency), (Decimal, Qualifier, usize)> = BTreeMap::new();
        for a in self.aid_where(filter) {
            let money = a.amount.money;
            let group = match by {
                AidGroup::Donor => a.donor.to_string(),
                AidGroup::Recipient => a.recipient.to_string(),
                AidGroup::Kind => a.kind.to_string(),
                AidGroup::Currency => money.currency.to_string(),
            };
            let slot =
                sums.entry((group, money.currency))
                    .or_insert((Decimal::ZERO, Qualifier::Exact, 0));
            // Exact for loaded data (amounts are at most 10^15 millions).
            slot.0 = slot.0.saturating_add(money.millions);
            slot.1 = if slot.2 == 0 {
                a.amount.qualifier
            } else {
                slot.1.combine(a.amount.qualifier)
            };
            slot.2 += 1;
        }
        sums.into_iter()
            .map(|((group, currency), (millions, qualifier, rows))| AidSum {
                group,
                amount: Amount {
                    money: Money::new(millions, currency),
                    qualifier,
                },
                rows,
            })
            .collect()
    }

    /// The total of the rows that pass `filter`, in `currency`, converting other
    /// currencies with `rates`. An amount in a currency without a rate is an error, never
    /// added as if it were `currency`.
    ///
    /// ```
    /// use defense_spending::query::{AidFilter, ExchangeRate};
    /// use defense_spending::{Currency, Dataset};
    /// use rust_decimal::Decimal;
    ///
    /// let ds = Dataset::bundled();
    /// let usa = AidFilter { donor: Some("USA".parse()?), ..AidFilter::default() };
    /// assert!(ds.aid_total_in(&usa, Currency::Usd, &[]).is_err()); // USD and EUR rows
    /// let rate = ExchangeRate { from: Currency::Eur, to: Currency::Usd, rate: "1.08".parse()? };
    /// assert!(ds.aid_total_in(&usa, Currency::Usd, &[rate]).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aid_total_in(
        &self,
        filter: &AidFilter,
        currency: Currency,
        rates: &[ExchangeRate],
    ) -> Result<Amount, CurrencyError> {
        let mut total = Decimal::ZERO;
        let mut qualifier: Option<Qualifier> = None;
        for a in self.aid_where(filter) {
            let money = a.amount.money;
            let value = if money.currency == currency {
                money.millions
            } else {
                let rate = rates
                    .iter()
                    .find(|r| r.from == money.currency && r.to == currency)
                    .ok_or(CurrencyError {
                        found: money.currency,
                        wanted: currency,
                    })?;
                money.millions.saturating_mul(rate.rate)
            };
            total = total.saturating_add(value);
            qualifier = Some(match qualifier {
                None => a.amount.qualifier,
                Some(q) => q.combine(a.amount.qualifier),
            });
        }
        Ok(Amount {
            money: Money::new(total, currency),
            qualifier: qualifier.unwrap_or(Qualifier::Exact),
        })
    }
}
