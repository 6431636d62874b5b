//! The typed model: who the Allies are, what they spend, what they promised, what they buy
//! and what they give.
//!
//! One module per concept:
//!
//! | module | types |
//! |---|---|
//! | [`country`] | [`CountryCode`] (ISO 3166-1 alpha-3), [`AggregateId`], [`Entity`] (either) |
//! | [`member`] | [`Member`]: an Ally and its accession date |
//! | [`spending`] | [`SpendingRecord`]: one country (or aggregate) and year; [`Metric`] |
//! | [`pledge`] | [`Pledge`]: guidelines, pledges (with or without a figure) and statements of spending, as data; [`PledgeThreshold`] |
//! | [`contract`] | [`Contract`]: a reported procurement contract value |
//! | [`aid`] | [`AidTotal`]: a reported total of aid to a recipient |
//! | [`money`] | [`Money`], [`Currency`], [`Amount`] and its [`Qualifier`] |
//! | [`source`] | [`Source`], [`SourceId`]: where every row comes from |
//! | [`date`] | [`MonthOrDay`]: a date known to the day or only to the month |
//! | [`figure`] | [`Figure`]: an exact value shown as its publisher prints it |
//!
//! Every type is `Debug`, `Clone`, `PartialEq` and serde `Serialize`/`Deserialize`.
//! Money and percentages are [`rust_decimal::Decimal`], dates are [`jiff::civil::Date`].

pub mod aid;
pub mod contract;
pub mod country;
pub mod date;
pub mod figure;
pub(crate) mod intern;
pub mod member;
pub mod money;
pub mod pledge;
pub mod source;
pub mod spending;

pub use aid::{AidAnnouncement, AidBasis, AidKind, AidRelease, AidTotal};
pub use contract::Contract;
pub use country::{Aggregate, AggregateId, CountryCode, Entity, ParseCodeError};
pub use date::MonthOrDay;
pub use figure::Figure;
pub use member::Member;
pub use money::{Amount, Currency, Money, Qualifier};
pub use pledge::{Bound, Pledge, PledgeKind, PledgeMetric, PledgeThreshold, Subject, Timing};
pub use source::{ParseSourceIdError, Source, SourceId};
pub use spending::{Metric, SpendingRecord};

/// Implements `Serialize` as the `Display` string and `Deserialize` through `FromStr`.
macro_rules! serde_via_str {
    ($ty:ty, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    };
}
pub(crate) use serde_via_str;

/// Implements `FromStr` and `Display` for a field-less enum through a table of names.
macro_rules! named_enum {
    ($ty:ty, $what:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The name used in CSV files and serialized output.
            pub fn name(self) -> &'static str {
                match self {
                    $(<$ty>::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<$ty, String> {
                match s {
                    $($name => Ok(<$ty>::$variant),)+
                    _ => Err(format!(
                        "not a known {}; expected one of: {}",
                        $what,
                        [$($name),+].join(", ")
                    )),
                }
            }
        }

        $crate::model::serde_via_str!($ty, $what);
    };
}
pub(crate) use named_enum;
