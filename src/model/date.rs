//! Dates known to the day, or only to the month.
//!
//! Sources often give a month ("May 2022", "since February 2022") and no day. Inventing the
//! first of the month would be a fact the source does not state, so such dates are kept
//! as [`MonthOrDay::Month`].

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use super::serde_via_str;

/// A date known to the day (`2024-07-09`) or only to the month (`2022-05`).
///
/// ```
/// use defense_spending::MonthOrDay;
///
/// let day: MonthOrDay = "2024-07-09".parse()?;
/// let month: MonthOrDay = "2022-05".parse()?;
/// assert_eq!(day.year(), 2024);
/// assert_eq!(month.to_string(), "2022-05");
/// assert!(month < day);
/// assert!("2022-13".parse::<MonthOrDay>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthOrDay {
    /// Known to the day.
    Day(Date),
    /// Known only to the month, held as the first day of that month (which the source
    /// does not state: only the year and month count).
    Month(Date),
}

impl MonthOrDay {
    /// The year.
    pub fn year(&self) -> i16 {
        self.earliest().year()
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> i8 {
        self.earliest().month()
    }

    /// The day, when known.
    pub fn day(&self) -> Option<Date> {
        match self {
            MonthOrDay::Day(d) => Some(*d),
            MonthOrDay::Month(_) => None,
        }
    }

    /// The first day the value can stand for (the first of the month for a month).
    pub fn earliest(&self) -> Date {
        match self {
            MonthOrDay::Day(d) => *d,
            MonthOrDay::Month(d) => d.first_of_month(),
        }
    }
}

impl MonthOrDay {
    /// The last day the value can stand for (the last of the month for a month).
    pub fn latest(&self) -> Date {
        match self {
            MonthOrDay::Day(d) => *d,
            MonthOrDay::Month(d) => d.last_of_month(),
        }
    }
}

impl PartialOrd for MonthOrDay {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MonthOrDay {
    /// Orders by the earliest day each stands for; a month sorts before the days in it.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then_with(|| self.day().is_some().cmp(&other.day().is_some()))
    }
}

impl fmt::Display for MonthOrDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MonthOrDay::Day(d) => write!(f, "{d}"),
            MonthOrDay::Month(d) => write!(f, "{:04}-{:02}", d.year(), d.month()),
        }
    }
}

impl FromStr for MonthOrDay {
    type Err = String;
    fn from_str(s: &str) -> Result<MonthOrDay, String> {
        let bad = |e: jiff::Error| format!("not a date (YYYY-MM-DD) or a month (YYYY-MM): {e}");
        match s.len() {
            10 => s.parse::<Date>().map(MonthOrDay::Day).map_err(bad),
            7 => {
                let first: Date = format!("{s}-01").parse().map_err(bad)?;
                Ok(MonthOrDay::Month(first))
            }
            _ => Err("not a date (YYYY-MM-DD) or a month (YYYY-MM)".to_owned()),
        }
    }
}

serde_via_str!(MonthOrDay, "a date (YYYY-MM-DD) or a month (YYYY-MM)");
