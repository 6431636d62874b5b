//! Aid: the figures as reported, and sums only of figures that add up (see the
//! [module docs](crate::query) of `query`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    AidBasis, AidKind, AidTotal, Amount, Currency, Entity, Money, MonthOrDay, Qualifier, SourceId,
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
    /// Only the row with this id.
    pub id: Option<String>,
    /// Only rows of figures as of this date (or month).
    pub as_of: Option<MonthOrDay>,
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
            && self.id.as_ref().is_none_or(|i| &a.id == i)
            && self.as_of.is_none_or(|d| a.as_of == Some(d))
    }
}

/// A sum of aid figures that add up: one source, kind, basis, recipient and currency,
/// one period for different donors (or one donor's figures of periods that do not
/// overlap). See [`Dataset::aid_sum`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidSum {
    /// The sum, with the wording it carries ("more than" if any part was "more than").
    pub amount: Amount,
    /// The donors added, in order of first appearance.
    pub donors: Vec<Entity>,
    /// The recipient.
    pub recipient: Entity,
    /// The kind of aid.
    pub kind: AidKind,
    /// The basis (commitments, allocations).
    pub basis: AidBasis,
    /// The start of the earliest period added (`None` where a source does not state it).
    pub period_start: Option<MonthOrDay>,
    /// The end of the latest period added.
    pub as_of: Option<MonthOrDay>,
    /// The source of every figure added.
    pub source: SourceId,
    /// The ids of the rows added.
    pub rows: Vec<String>,
    /// Where the rows added are every donor's figure of one Kiel Institute release (one
    /// kind, basis and currency): the id of the release's own `Total` row, which
    /// [`amount`](AidSum::amount) then is, exactly (the loader checked that the rows add
    /// up to it within the rounding of the workbook's sum; see
    /// [`load::kiel`](crate::load::kiel)). `None` otherwise.
    #[serde(default)]
    pub total_row: Option<String>,
}

/// One line that says what the sum is: its donors (their count past three), recipient,
/// kind, basis, amount as worded, period and source, and the `Total` row it equals where
/// there is one.
///
/// ```
/// use defense_spending::{AidFilter, AidKind, Dataset};
/// let ds = Dataset::bundled();
/// let usa = AidFilter {
///     donor: Some(ds.entity("USA")?),
///     kind: Some(AidKind::Military),
///     source: Some("ap-stinger-2024".parse()?),
///     ..Default::default()
/// };
/// let line = ds.aid_sum(&usa)?.to_string();
/// assert!(line.starts_with("USA to UKR, military aid"), "{line}");
/// assert!(line.contains("more than USD 53600 million"), "{line}");
/// # Ok::<(), defense_spending::Error>(())
/// ```
impl std::fmt::Display for AidSum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.donors.as_slice() {
            [one] => write!(f, "{one}")?,
            many if many.len() <= 3 => {
                let names: Vec<String> = many.iter().map(ToString::to_string).collect();
                f.write_str(&names.join(" + "))?
            }
            many => write!(f, "{} donors", many.len())?,
        }
        let basis = match self.basis {
            AidBasis::Unspecified => "basis unspecified",
            b => b.name(),
        };
        write!(
            f,
            " to {}, {} aid ({basis}): {}, ",
            self.recipient, self.kind, self.amount
        )?;
        match (self.period_start, self.as_of) {
            (Some(a), Some(b)) => write!(f, "{a} to {b}")?,
            (None, Some(b)) => write!(f, "cumulative as of {b}")?,
            (Some(a), None) => write!(f, "since {a}")?,
            (None, None) => f.write_str("no date")?,
        }
        write!(f, " ({}", self.source)?;
        if let Some(total) = &self.total_row {
            write!(f, "; the release's Total row {total}")?;
        }
        f.write_str(")")
    }
}

impl CsvRow for AidSum {
    fn header() -> &'static [&'static str] {
        &[
            "donors",
            "recipient",
            "kind",
            "basis",
            "qualifier",
            "amount_million",
            "currency",
            "period_start",
            "as_of",
            "source",
            "rows",
        ]
    }
    fn fields(&self) -> Vec<String> {
        let donors: Vec<&str> = self.donors.iter().map(|d| d.as_str()).collect();
        vec![
            donors.join(";"),
            self.recipient.to_string(),
            self.kind.to_string(),
            self.basis.to_string(),
            self.amount.qualifier.to_string(),
            dec(Some(self.amount.money.millions)),
            self.amount.money.currency.to_string(),
            self.period_start.map(|d| d.to_string()).unwrap_or_default(),
            self.as_of.map(|d| d.to_string()).unwrap_or_default(),
            self.source.to_string(),
            self.rows.join(";"),
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
            (Plain, Plain) => Plain,
            _ => About,
        }
    }
}

/// The sum of `parts` (each an amount in `currency` and its wording), worded as
/// [`Qualifier::combine`] says; saturating at `Decimal::MAX` (exact for loaded data,
/// whose amounts are at most 10^15 millions).
pub(crate) fn add_up(
    parts: impl IntoIterator<Item = (Decimal, Qualifier)>,
    currency: Currency,
) -> Amount {
    let mut total = Decimal::ZERO;
    let mut qualifier: Option<Qualifier> = None;
    for (value, q) in parts {
        total = total.saturating_add(value);
        qualifier = Some(qualifier.map_or(q, |all| all.combine(q)));
    }
    Amount {
        money: Money::new(total, currency),
        qualifier: qualifier.unwrap_or(Qualifier::Exact),
    }
}

impl Dataset {
    /// The aid rows that pass `filter`, in the order of the data.
    ///
    /// ```
    /// use defense_spending::{AidFilter, AidKind, Dataset};
    ///
    /// let ds = Dataset::bundled();
    /// let military = AidFilter { kind: Some(AidKind::Military), ..AidFilter::default() };
    /// assert!(ds.aid_where(&military).all(|a| a.kind == AidKind::Military));
    /// ```
    pub fn aid_where<'a>(
        &'a self,
        filter: &'a AidFilter,
    ) -> impl Iterator<Item = &'a AidTotal> + 'a {
        self.aid.iter().filter(move |a| filter.matches(a))
    }

    /// The figures as reported, side by side and never added: for each donor, recipient,
    /// source, kind, basis, currency and period start, the latest figure (by `as_of`).
    /// Sorted by donor, then source, kind, basis and currency.
    ///
    /// ```
    /// use defense_spending::{AidFilter, Dataset};
    ///
    /// let ds = Dataset::bundled();
    /// let to_ukraine = AidFilter { recipient: Some(ds.entity("UKR")?), ..AidFilter::default() };
    /// for a in ds.aid_latest(&to_ukraine) {
    ///     println!("{a}"); // who, to whom, kind, basis, amount as worded, period, source
    /// }
    /// let usa: Vec<String> = ds
    ///     .aid_latest(&AidFilter { donor: Some(ds.entity("USA")?), ..to_ukraine.clone() })
    ///     .iter()
    ///     .map(|a| format!("{} ({})", a.amount, a.source))
    ///     .collect();
    /// assert!(usa.contains(&"more than USD 53600 million (ap-stinger-2024)".to_owned()));
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn aid_latest(&self, filter: &AidFilter) -> Vec<&AidTotal> {
        use std::collections::btree_map::Entry;
        type Key = (
            Entity,
            Entity,
            SourceId,
            AidKind,
            AidBasis,
            Currency,
            Option<MonthOrDay>,
        );
        let mut latest: BTreeMap<Key, &AidTotal> = BTreeMap::new();
        for a in self.aid.iter().filter(|a| filter.matches(a)) {
            let key = (
                a.donor,
                a.recipient,
                a.source,
                a.kind,
                a.basis,
                a.amount.money.currency,
                a.period_start,
            );
            match latest.entry(key) {
                Entry::Vacant(v) => {
                    v.insert(a);
                }
                Entry::Occupied(mut o) => {
                    if a.as_of > o.get().as_of {
                        o.insert(a);
                    }
                }
            }
        }
        latest.into_values().collect()
    }

    /// The sum of the rows that pass `filter`, if they are additive: one source, kind,
    /// basis, recipient and currency; different donors, each a country or an institution
    /// of its own (the EU's Commission, the EIB, the European Peace Facility: never a
    /// group), for one period (the same start and `as_of`), or one donor's figures for
    /// periods that do not overlap. See the [`query` module docs](crate::query#adding-up-aid)
    /// for why.
    ///
    /// Over every donor of a loaded Kiel Institute release (one kind, basis and
    /// currency), the sum is the release's own `Total` row, exactly
    /// ([`AidSum::total_row`] names it).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotAdditive`](crate::ErrorKind::NotAdditive) naming two rows that
    /// cannot be added and the first reason, in a fixed order: source, basis, kind,
    /// recipient, currency, period, groups; where one figure in the data answers the
    /// question for all donors, the reason names it.
    /// [`ErrorKind::NoRows`](crate::ErrorKind::NoRows) if no row passes the filter.
    ///
    /// ```
    /// use defense_spending::{AidFilter, AidKind, Dataset};
    ///
    /// let ds = Dataset::bundled();
    /// let ap = AidFilter { source: Some("ap-stinger-2024".parse()?), ..AidFilter::default() };
    /// // The US since the invasion, and a group of donors from a start the article
    /// // does not give: periods come before groups among the reasons.
    /// let err = ds.aid_sum(&ap).unwrap_err();
    /// assert!(err.to_string().contains("different periods"), "{err}");
    ///
    /// // Military aid to Ukraine: figures of different sources, and one for all donors.
    /// let military = AidFilter { kind: Some(AidKind::Military), ..AidFilter::default() };
    /// let err = ds.aid_sum(&military).unwrap_err().to_string();
    /// assert!(err.contains("different sources"), "{err}");
    /// assert!(err.contains("the one figure in the data for all donors is \"kiel-2025-02-all-military\""), "{err}");
    ///
    /// // Every report on the United States: several measurements of one total.
    /// let usa = AidFilter { donor: Some(ds.entity("USA")?), ..AidFilter::default() };
    /// assert!(ds.aid_sum(&usa).is_err());
    ///
    /// // One figure is its own sum.
    /// let one = AidFilter { donor: Some(ds.entity("USA")?), ..ap };
    /// assert_eq!(ds.aid_sum(&one)?.amount.to_string(), "more than USD 53600 million");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aid_sum(&self, filter: &AidFilter) -> Result<AidSum> {
        self.sum_aid(filter, None)
    }

    /// [`aid_sum`](Dataset::aid_sum) in `currency`, converting the rows in other
    /// currencies with `rates` (`1 from = rate to`). The rows must be additive but for
    /// their currency; the same figure given in two currencies is one figure, and is not
    /// added to itself.
    ///
    /// # Errors
    ///
    /// As [`aid_sum`](Dataset::aid_sum), and
    /// [`ErrorKind::MissingRate`](crate::ErrorKind::MissingRate) for a row in a currency
    /// without a rate: never added as if it were `currency`.
    ///
    /// ```
    /// use defense_spending::query::ExchangeRate;
    /// use defense_spending::{AidFilter, Currency, Dataset};
    ///
    /// let ds = Dataset::bundled();
    /// let one = AidFilter { id: Some("kiel-2024-04-usa-military".into()), ..AidFilter::default() };
    /// assert!(ds.aid_sum_in(&one, Currency::Usd, &[]).is_err()); // a EUR figure, no rate
    /// let rate = ExchangeRate { from: Currency::Eur, to: Currency::Usd, rate: "1.08".parse()? };
    /// assert_eq!(ds.aid_sum_in(&one, Currency::Usd, &[rate])?.amount.to_string(), "USD 46548 million");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aid_sum_in(
        &self,
        filter: &AidFilter,
        currency: Currency,
        rates: &[ExchangeRate],
    ) -> Result<AidSum> {
        self.sum_aid(filter, Some((currency, rates)))
    }

    fn sum_aid(
        &self,
        filter: &AidFilter,
        convert: Option<(Currency, &[ExchangeRate])>,
    ) -> Result<AidSum> {
        let rows: Vec<&AidTotal> = self.aid.iter().filter(|a| filter.matches(a)).collect();
        let Some(first) = rows.first() else {
            return Err(Error::query(ErrorKind::NoRows(
                "no aid rows pass the filter".to_owned(),
            )));
        };
        if let Some((a, b, mut reason)) = first_reason(&rows, convert.is_some()) {
            if let Some(answer) = self.answering_figure(filter) {
                reason.push_str(&answer);
            }
            return Err(Error::query(ErrorKind::NotAdditive {
                first: format!("aid row {:?}", a.id),
                second: format!("aid row {:?}", b.id),
                reason,
            }));
        }
        let currency = convert.map_or(first.amount.money.currency, |(c, _)| c);
        let mut parts = Vec::with_capacity(rows.len());
        let mut donors: Vec<Entity> = Vec::new();
        for a in &rows {
            let money = a.amount.money;
            let value = if money.currency == currency {
                money.millions
            } else {
                let rates = convert.map_or(&[][..], |(_, r)| r);
                let rate = rates
                    .iter()
                    .find(|r| r.from == money.currency && r.to == currency)
                    .ok_or_else(|| {
                        Error::query(ErrorKind::MissingRate {
                            from: money.currency,
                            to: currency,
                        })
                    })?;
                money.millions.saturating_mul(rate.rate)
            };
            parts.push((value, a.amount.qualifier));
            if !donors.contains(&a.donor) {
                donors.push(a.donor);
            }
        }
        let total = self.release_total(&rows, currency);
        Ok(AidSum {
            amount: total.map_or_else(|| add_up(parts, currency), |t| t.amount),
            donors,
            recipient: first.recipient,
            kind: first.kind,
            basis: first.basis,
            period_start: rows.iter().map(|a| a.period_start).min().flatten(),
            as_of: rows.iter().filter_map(|a| a.as_of).max(),
            source: first.source,
            rows: rows.iter().map(|a| a.id.clone()).collect(),
            total_row: total.map(|t| t.id.clone()),
        })
    }

    /// The release's own total for `rows` if they are every donor's figure of one release
    /// for one kind, basis, recipient and currency (all in `currency`).
    fn release_total(&self, rows: &[&AidTotal], currency: Currency) -> Option<&AidTotal> {
        let first = rows.first()?;
        let release = self
            .aid_releases
            .iter()
            .find(|r| r.source == first.source)?;
        let total = release.totals.iter().find(|t| {
            t.kind == first.kind
                && t.basis == first.basis
                && t.recipient == first.recipient
                && t.amount.money.currency == currency
                && first.amount.money.currency == currency
        })?;
        let same = |a: &AidTotal| {
            a.source == first.source
                && a.kind == first.kind
                && a.basis == first.basis
                && a.recipient == first.recipient
                && a.amount.money.currency == currency
        };
        let every = self.aid.iter().filter(|a| same(a)).count();
        (every == rows.len() && rows.iter().all(|a| same(a))).then_some(total)
    }

    /// The words naming the figures for all donors that answer the question `filter` asks
    /// (rows, or releases' `Total` rows, whose donor is
    /// [`KIEL_ALL_DONORS`](crate::AggregateId::KIEL_ALL_DONORS) and that pass the filter
    /// but for its donor), if it asks about every donor.
    fn answering_figure(&self, filter: &AidFilter) -> Option<String> {
        let all = |d: &Entity| d.as_str() == crate::model::AggregateId::KIEL_ALL_DONORS;
        if filter.donor.is_some_and(|d| !all(&d)) {
            return None;
        }
        let question = AidFilter {
            donor: None,
            id: None,
            ..filter.clone()
        };
        let found: Vec<&AidTotal> = self
            .aid
            .iter()
            .chain(self.aid_releases.iter().flat_map(|r| r.totals.iter()))
            .filter(|a| all(&a.donor) && question.matches(a))
            .collect();
        match found.as_slice() {
            [] => None,
            [one] => Some(format!(
                "; the one figure in the data for all donors is {:?}: {one}",
                one.id
            )),
            many => Some(format!(
                "; the data holds {} figures for all donors ({}): narrow the filter to one",
                many.len(),
                many.iter()
                    .map(|a| format!("{:?}", a.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// The first reason the rows cannot be added, in a fixed order (source, basis, kind,
/// recipient, currency, period, groups), with the first two rows it concerns; `None` if
/// they add up.
fn first_reason<'a>(
    rows: &[&'a AidTotal],
    any_currency: bool,
) -> Option<(&'a AidTotal, &'a AidTotal, String)> {
    type Check = fn(&AidTotal, &AidTotal, bool) -> Option<String>;
    const CHECKS: &[Check] = &[
        |a, b, _| {
            (a.source != b.source).then(|| {
                format!(
                    "different sources ({} and {}) count aid differently; compare them side by \
                     side (aid_latest)",
                    a.source, b.source
                )
            })
        },
        |a, b, _| {
            (a.basis != b.basis).then(|| format!("different bases ({} and {})", a.basis, b.basis))
        },
        |a, b, _| {
            (a.kind != b.kind)
                .then(|| format!("different kinds of aid ({} and {})", a.kind, b.kind))
        },
        |a, b, _| {
            (a.recipient != b.recipient)
                .then(|| format!("different recipients ({} and {})", a.recipient, b.recipient))
        },
        |a, b, any_currency| {
            let (ca, cb) = (a.amount.money.currency, b.amount.money.currency);
            (ca != cb && !any_currency).then(|| {
                format!(
                    "different currencies ({ca} and {cb}); convert with aid_sum_in and exchange \
                     rates"
                )
            })
        },
        |a, b, _| period_reason(a, b),
        |a, b, _| {
            [a.donor, b.donor]
                .into_iter()
                .find(|d| !d.is_single())
                .map(|d| {
                    format!(
                        "{d} is a group of donors, which may include the others: its total is \
                     reported, never added to"
                    )
                })
        },
    ];
    let first = rows.first()?;
    for (k, check) in CHECKS.iter().enumerate() {
        // Source, basis, kind, recipient and currency are each one value for all rows if
        // every row has the first's; periods and donors are compared pair by pair (by
        // then the rows are of one source, kind and basis: few).
        if k < 5 {
            if let Some((b, reason)) = rows
                .iter()
                .find_map(|b| check(first, b, any_currency).map(|r| (b, r)))
            {
                return Some((first, b, reason));
            }
            continue;
        }
        for (i, b) in rows.iter().enumerate() {
            for a in rows.iter().take(i) {
                if let Some(reason) = check(a, b, any_currency) {
                    return Some((a, b, reason));
                }
            }
        }
    }
    // One row alone can still be a group's figure: its own sum.
    None
}

/// Why two rows of different or the same donors cannot be added for their periods.
fn period_reason(a: &AidTotal, b: &AidTotal) -> Option<String> {
    if a.donor == b.donor {
        return (!periods_disjoint(a, b)).then(|| {
            format!(
                "two figures for {} over overlapping or unstated periods are two reports of one \
                 cumulative total",
                a.donor
            )
        });
    }
    ((a.period_start, a.as_of) != (b.period_start, b.as_of)).then(|| {
        format!(
            "figures for different periods ({} and {}) add up to a total of no single date",
            period(a),
            period(b)
        )
    })
}

/// True if both rows state their periods and one ends before the other starts.
fn periods_disjoint(a: &AidTotal, b: &AidTotal) -> bool {
    match (a.period_start, a.as_of, b.period_start, b.as_of) {
        (Some(sa), Some(ea), Some(sb), Some(eb)) => {
            ea.latest() < sb.earliest() || eb.latest() < sa.earliest()
        }
        _ => false,
    }
}

/// `2022-02 to 2024-07-09`, with `?` for what is not stated.
fn period(a: &AidTotal) -> String {
    let show = |d: Option<MonthOrDay>| d.map_or("?".to_owned(), |d| d.to_string());
    format!("{} to {}", show(a.period_start), show(a.as_of))
}

/// One donor's figure that differs between two datasets: two releases of the Kiel
/// Institute's tracker, or two issues of one release. See [`aid_revisions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AidRevision {
    /// The donor.
    pub donor: Entity,
    /// The recipient.
    pub recipient: Entity,
    /// The kind of aid.
    pub kind: AidKind,
    /// The basis (commitments, allocations).
    pub basis: AidBasis,
    /// The older figure.
    pub old: AidTotal,
    /// The newer figure.
    pub new: AidTotal,
}

/// `DNK military aid (commitments): EUR 299.6 million (…, to 2022-10-03) → EUR 510
/// million (…, to 2022-10-03)`, every digit as given.
impl std::fmt::Display for AidRevision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let side = |a: &AidTotal| {
            let to = a
                .as_of
                .map_or_else(|| "no date".to_owned(), |d| format!("to {d}"));
            format!("{} ({}, {to})", a.amount, a.source)
        };
        write!(
            f,
            "{} to {}, {} aid ({}): {} -> {}",
            self.donor,
            self.recipient,
            self.kind,
            self.basis,
            side(&self.old),
            side(&self.new)
        )
    }
}

/// Every donor's figure that differs between `old` and `new` (two releases of the Kiel
/// Institute's tracker, or two issues of one): for each donor, recipient, kind, basis and
/// currency with a figure in both, the two figures, where they differ. Sorted by donor,
/// kind and basis. Where a dataset holds several figures for one of them (several
/// sources), its latest (by `as_of`, then the first loaded) is compared. A figure in only
/// one of the two is not a revision and is left out. The two figures are never added:
/// between two releases the newer is a later cumulative total, between two issues of one
/// a correction.
///
/// ```
/// use defense_spending::query::aid_revisions;
/// use defense_spending::Dataset;
///
/// let ds = Dataset::bundled();
/// assert!(aid_revisions(ds, ds).is_empty()); // nothing differs from itself
/// ```
pub fn aid_revisions(old: &Dataset, new: &Dataset) -> Vec<AidRevision> {
    type Key = (Entity, Entity, AidKind, AidBasis, Currency);
    fn latest(ds: &Dataset) -> BTreeMap<Key, &AidTotal> {
        let mut map: BTreeMap<Key, &AidTotal> = BTreeMap::new();
        for a in ds.aid() {
            let key = (
                a.donor,
                a.recipient,
                a.kind,
                a.basis,
                a.amount.money.currency,
            );
            match map.get(&key) {
                Some(b) if b.as_of >= a.as_of => {}
                _ => {
                    map.insert(key, a);
                }
            }
        }
        map
    }
    let before = latest(old);
    let mut out = Vec::new();
    for (key, n) in latest(new) {
        let Some(o) = before.get(&key) else { continue };
        if o.amount != n.amount {
            out.push(AidRevision {
                donor: key.0,
                recipient: key.1,
                kind: key.2,
                basis: key.3,
                old: (*o).clone(),
                new: n.clone(),
            });
        }
    }
    out
}
