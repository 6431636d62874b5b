//! Showing a figure as its publisher prints it.
//!
//! The figures in a [`SpendingRecord`](crate::SpendingRecord) are exact: NATO's workbook
//! holds `3.3790207262385565` for the United States' share of GDP in 2024, and prints
//! `3.38`. A [`Figure`] is an exact value together with the number of decimals to show,
//! and displays **rounded half away from zero**, the way NATO (and a spreadsheet) rounds,
//! always with that many decimals (`2.20`, not `2.2`).
//!
//! Why not format the `Decimal` directly? `rust_decimal`'s `{:.2}` **truncates**
//! (`3.379` shows as `3.37`), and `Decimal::round_dp` rounds half to even (banker's
//! rounding, `2.125` → `2.12`) and drops trailing zeros of the value it is given. Neither
//! is the published figure.
//!
//! ```
//! use defense_spending::{Dataset, Figure, Metric};
//!
//! let ds = Dataset::bundled();
//! let usa = ds.record("USA".parse::<defense_spending::CountryCode>()?, 2024)?;
//! let share = usa.figure(Metric::ShareOfGdp).unwrap();
//! assert_eq!(share.to_string(), "3.38"); // NATO prints 3.38
//! assert_eq!(format!("{:.2}", usa.share_of_gdp.unwrap()), "3.37"); // the trap: truncated
//! assert_eq!(format!("{share:.4}"), "3.3790"); // any precision, still rounded
//! assert_eq!(format!("[{share:>6}]"), "[  3.38]"); // width and alignment are honoured
//! assert_eq!(usa.figure(Metric::ExpenditureCurrent).unwrap().to_string(), "967707");
//!
//! // Any decimal can be shown this way.
//! assert_eq!(Figure::percent("2.125".parse()?).to_string(), "2.13");
//! assert_eq!(Figure::millions("11897.5".parse()?).to_string(), "11898");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::Metric;

/// An exact value and the decimals it is shown with: displays rounded half away from
/// zero, with exactly that many decimals. See the [module docs](self).
///
/// # JSON
///
/// A `Figure` serializes (and deserializes) as an object of its exact value, a string
/// with every digit the source gives, and the decimals it is shown with: `{"value":
/// "4.120190989357147", "decimals": 2}`. It is not the printed figure: to write figures
/// as printed (`"4.12"`), use
/// [`output::write_printed_json`](crate::output::write_printed_json), or its
/// `to_string()`.
///
/// ```
/// use defense_spending::{output, Dataset, Metric};
///
/// let ds = Dataset::bundled();
/// let pol = ds.record(ds.entity("POL")?, 2024).unwrap();
/// let share = pol.figure(Metric::ShareOfGdp).unwrap();
/// let mut json = Vec::new();
/// output::write_json(&mut json, &share)?;
/// let json: String = String::from_utf8(json).unwrap().split_whitespace().collect();
/// assert_eq!(json, r#"{"value":"4.120190989357147","decimals":2}"#);
/// assert_eq!(share.to_string(), "4.12");
/// # Ok::<(), defense_spending::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Figure {
    value: Decimal,
    decimals: u32,
}

impl Figure {
    /// `value` shown as NATO prints `metric`: two decimals for percentages, whole
    /// numbers for money (see [`Metric::published_decimals`]).
    pub fn of(metric: Metric, value: Decimal) -> Figure {
        Figure::with_decimals(value, metric.published_decimals())
    }

    /// A percentage (or percentage points), shown with two decimals.
    pub fn percent(value: Decimal) -> Figure {
        Figure::with_decimals(value, 2)
    }

    /// An amount in millions, shown as whole millions.
    pub fn millions(value: Decimal) -> Figure {
        Figure::with_decimals(value, 0)
    }

    /// `value` shown with `decimals` decimals (at most 28).
    pub fn with_decimals(value: Decimal, decimals: u32) -> Figure {
        Figure {
            value,
            decimals: decimals.min(28),
        }
    }

    /// The exact value, as the source gives it.
    pub fn exact(self) -> Decimal {
        self.value
    }

    /// The decimals it is shown with.
    pub fn decimals(self) -> u32 {
        self.decimals
    }

    /// The value as shown: rounded half away from zero, with exactly
    /// [`decimals`](Figure::decimals) decimals (so `to_string` gives `2.20`).
    pub fn rounded(self) -> Decimal {
        round_half_away(self.value, self.decimals)
    }
}

/// `value` rounded half away from zero to `dp` decimals, keeping exactly `dp` decimals
/// (trailing zeros included) where the value's size allows it.
pub(crate) fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if r.scale() < dp {
        // Pads with zeros; a value too large to hold the digits keeps fewer.
        r.rescale(dp);
    }
    r
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dp = f
            .precision()
            .and_then(|p| u32::try_from(p).ok())
            .map_or(self.decimals, |p| p.min(28));
        let text = round_half_away(self.value, dp).to_string();
        let Some(width) = f.width() else {
            return f.write_str(&text);
        };
        let len = text.chars().count();
        let pad = width.saturating_sub(len);
        let (before, after) = match f.align() {
            Some(fmt::Alignment::Left) => (0, pad),
            Some(fmt::Alignment::Center) => (pad / 2, pad - pad / 2),
            // Numbers align right by default.
            Some(fmt::Alignment::Right) | None => (pad, 0),
        };
        let fill = f.fill();
        for _ in 0..before {
            write!(f, "{fill}")?;
        }
        f.write_str(&text)?;
        for _ in 0..after {
            write!(f, "{fill}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_with_fixed_decimals() {
        for (value, dp, shown) in [
            ("3.3790207262385565", 2, "3.38"),
            ("2.125", 2, "2.13"),
            ("-2.125", 2, "-2.13"),
            ("2.2", 2, "2.20"),
            ("2", 2, "2.00"),
            ("1.995", 2, "2.00"),
            ("34975.4999", 0, "34975"),
            ("0.5", 0, "1"),
            ("-0.5", 0, "-1"),
        ] {
            assert_eq!(
                Figure::with_decimals(d(value), dp).to_string(),
                shown,
                "{value}"
            );
        }
    }

    #[test]
    fn precision_width_and_fill() {
        let f = Figure::percent(d("3.3790207262385565"));
        assert_eq!(format!("{f:.1}"), "3.4");
        assert_eq!(format!("{f:.0}"), "3");
        assert_eq!(format!("{f:6}"), "  3.38");
        assert_eq!(format!("{f:<6}|"), "3.38  |");
        assert_eq!(format!("{f:*^8}"), "**3.38**");
        assert_eq!(format!("{f:>8.3}"), "   3.379");
        assert_eq!(format!("{f:2}"), "3.38");
    }

    #[test]
    fn the_largest_values_do_not_panic() {
        for v in [Decimal::MAX, Decimal::MIN, Decimal::ZERO] {
            let shown = Figure::percent(v).to_string();
            assert!(!shown.is_empty());
        }
    }
}
