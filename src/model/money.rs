//! Amounts of money: always with their currency, never added across currencies.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::named_enum;

/// A currency (ISO 4217).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Currency {
    /// US dollar.
    Usd,
    /// Euro.
    Eur,
    /// Pound sterling.
    Gbp,
}

named_enum!(Currency, "currency code (ISO 4217)", [Usd => "USD", Eur => "EUR", Gbp => "GBP"]);

/// An amount of money in millions of a currency.
///
/// All money in this crate is in millions, as NATO publishes it: `53600` US$ million is
/// US$53.6 billion. Amounts in different currencies are never added together.
///
/// ```
/// use defense_spending::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let usd = Money::new(Decimal::from(700), Currency::Usd);
/// assert_eq!(usd.to_string(), "USD 700 million");
/// let eur = Money::new(Decimal::from(643), Currency::Eur);
/// assert!(usd.checked_add(&eur).is_none()); // never added across currencies
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in millions.
    pub millions: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// `millions` million of `currency`.
    pub fn new(millions: Decimal, currency: Currency) -> Money {
        Money { millions, currency }
    }

    /// The sum, or `None` if the currencies differ (or the sum overflows).
    pub fn checked_add(&self, other: &Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money::new(
            self.millions.checked_add(other.millions)?,
            self.currency,
        ))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} million", self.currency, self.millions.normalize())
    }
}

/// How a reported amount is worded: exact, plain, "about", "almost", "more than", "at
/// least".
///
/// Kept next to every reported amount, because "more than US$53.6 billion" and "about
/// US$50 billion" are different statements from the bare numbers. A qualifier says what
/// the source says, no more: a press report's "US$670 million" is [`Qualifier::Plain`],
/// not [`Qualifier::Exact`], because nothing says it is the exact value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualifier {
    /// Stated to be exact, or given to the unit it counts in (a contract announcement's
    /// amount in dollars).
    Exact,
    /// "about", "around", "some".
    About,
    /// "almost", "nearly": a little less.
    Almost,
    /// "more than": a lower bound, exceeded.
    MoreThan,
    /// "at least": a lower bound.
    AtLeast,
    /// A plain figure, as given: no word such as "about", and nothing said of its
    /// precision (a press report's "US$625 million", a rounded total in billions). Not a
    /// claim that the figure is exact. Printed without words, as the source gives it.
    Plain,
}

named_enum!(Qualifier, "qualifier", [
    Exact => "exact",
    About => "about",
    Almost => "almost",
    MoreThan => "more_than",
    AtLeast => "at_least",
    Plain => "plain",
]);

impl Qualifier {
    /// The words to print before the amount ("more than "), empty for [`Qualifier::Exact`]
    /// and [`Qualifier::Plain`].
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Plain => "",
            Qualifier::About => "about ",
            Qualifier::Almost => "almost ",
            Qualifier::MoreThan => "more than ",
            Qualifier::AtLeast => "at least ",
        }
    }
}

/// A reported amount: money and how the source worded it.
///
/// ```
/// use defense_spending::{Amount, Currency, Money, Qualifier};
/// use rust_decimal::Decimal;
///
/// let a = Amount { money: Money::new(Decimal::from(53600), Currency::Usd), qualifier: Qualifier::MoreThan };
/// assert_eq!(a.to_string(), "more than USD 53600 million");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    /// The figure.
    pub money: Money,
    /// How the source worded it.
    pub qualifier: Qualifier,
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.qualifier.words(), self.money)
    }
}
