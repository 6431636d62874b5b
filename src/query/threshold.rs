//! A percentage given to a query, written the way a user writes it.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Result};

/// A threshold in percent (of GDP, unless a query says otherwise), as given to a query:
/// an integer (`2`), a decimal (`Decimal::TWO`), text (`"3.5"`) or a float (`3.5`, read
/// through its shortest decimal form, so `3.5` is exactly 3.5 and `0.1` exactly 0.1).
///
/// Every query that takes a threshold takes `impl Into<Threshold>` and returns this
/// crate's [`Result`]: text that is not a number, or a float that is not finite, is an
/// [`ErrorKind::InvalidValue`] error from the query, so there is no second error type to
/// convert.
///
/// ```
/// use defense_spending::Dataset;
/// use rust_decimal::Decimal;
///
/// let ds = Dataset::bundled();
/// assert_eq!(ds.meeting_target(2024, 2)?.len(), 23);
/// assert_eq!(ds.meeting_target(2024, Decimal::TWO)?.len(), 23);
/// assert_eq!(ds.meeting_target(2024, "3.5")?.len(), 1);
/// assert_eq!(ds.meeting_target(2024, 3.5)?.len(), 1);
/// assert!(ds.meeting_target(2024, "3,5").is_err()); // a dot is the decimal separator
/// # Ok::<(), defense_spending::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Threshold(std::result::Result<Decimal, (String, String)>);

impl Threshold {
    /// The threshold as a decimal, or the error that says why the value given is not one.
    pub fn value(&self) -> Result<Decimal> {
        self.0.clone().map_err(|(value, reason)| {
            Error::query(ErrorKind::InvalidValue {
                value,
                reason: format!("not a threshold: {reason}"),
            })
        })
    }
}

impl fmt::Debug for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Ok(v) => write!(f, "Threshold({v})"),
            Err((value, _)) => write!(f, "Threshold(invalid {value:?})"),
        }
    }
}

impl From<Decimal> for Threshold {
    fn from(v: Decimal) -> Threshold {
        Threshold(Ok(v))
    }
}

impl From<&Decimal> for Threshold {
    fn from(v: &Decimal) -> Threshold {
        Threshold(Ok(*v))
    }
}

macro_rules! from_integer {
    ($($t:ty),+) => {
        $(impl From<$t> for Threshold {
            fn from(v: $t) -> Threshold {
                Threshold(Ok(Decimal::from(v)))
            }
        })+
    };
}
from_integer!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

impl From<&str> for Threshold {
    fn from(text: &str) -> Threshold {
        let t = text.trim();
        let parsed = Decimal::from_str_exact(t).map_err(|e| {
            let hint = if t.contains(',') {
                " (use a dot as the decimal separator)"
            } else if t.ends_with('%') {
                " (give the number without %)"
            } else {
                ""
            };
            (text.to_owned(), format!("{e}{hint}"))
        });
        Threshold(parsed)
    }
}

impl From<String> for Threshold {
    fn from(text: String) -> Threshold {
        Threshold::from(text.as_str())
    }
}

impl From<&String> for Threshold {
    fn from(text: &String) -> Threshold {
        Threshold::from(text.as_str())
    }
}

impl From<f64> for Threshold {
    /// Through the shortest decimal text that reads back as the same float (`3.5` is
    /// 3.5, `0.1` is 0.1, never 0.1000000000000000055...).
    fn from(v: f64) -> Threshold {
        if !v.is_finite() {
            return Threshold(Err((v.to_string(), "not a finite number".to_owned())));
        }
        Threshold::from(v.to_string().as_str())
    }
}

impl From<f32> for Threshold {
    /// Through the shortest decimal text of the `f32` (`0.1_f32` is 0.1).
    fn from(v: f32) -> Threshold {
        if !v.is_finite() {
            return Threshold(Err((v.to_string(), "not a finite number".to_owned())));
        }
        Threshold::from(v.to_string().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_gives_the_exact_value() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Threshold::from(2).value().unwrap(), d("2"));
        assert_eq!(Threshold::from(3.5).value().unwrap(), d("3.5"));
        assert_eq!(Threshold::from(0.1).value().unwrap(), d("0.1"));
        assert_eq!(Threshold::from(0.1_f32).value().unwrap(), d("0.1"));
        assert_eq!(Threshold::from(" 3.5 ").value().unwrap(), d("3.5"));
        assert_eq!(Threshold::from(d("4.12")).value().unwrap(), d("4.12"));
    }

    #[test]
    fn bad_values_are_errors_that_say_why() {
        let e = Threshold::from("3,5").value().unwrap_err();
        assert!(e.to_string().contains("\"3,5\""), "{e}");
        assert!(e.to_string().contains("dot"), "{e}");
        assert!(Threshold::from("2%")
            .value()
            .unwrap_err()
            .to_string()
            .contains("without %"));
        assert!(Threshold::from(f64::NAN).value().is_err());
        assert!(Threshold::from(f64::INFINITY).value().is_err());
        assert!(Threshold::from(1e300).value().is_err());
    }
}
