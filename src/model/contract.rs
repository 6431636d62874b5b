//! Procurement contracts.

use serde::{Deserialize, Serialize};

use super::{Amount, CountryCode, MonthOrDay, SourceId};

/// A procurement contract's reported value, from one source.
///
/// Sources disagree on values: NATO's Stinger contract of 9 July 2024 was announced as
/// "almost US$700 million", and a NATO communiqué reported US$670 million. Each reported
/// value is its own `Contract` row with the same `id` and its own source: none is chosen
/// silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// Identifies the contract; shared by every reported value of it.
    pub id: String,
    /// When it was signed (or ordered), to the day or to the month.
    pub signed: MonthOrDay,
    /// Who placed it (NSPA, the US Army).
    pub buyer: String,
    /// The countries it buys for, when the buyer buys on others' behalf.
    pub on_behalf_of: Vec<CountryCode>,
    /// Who supplies it, where the source names them.
    pub supplier: Option<String>,
    /// What is bought.
    pub system: String,
    /// How many, where the source says.
    pub quantity: Option<u32>,
    /// The procurement route (US Foreign Military Sales).
    pub route: Option<String>,
    /// The value as reported, with its wording.
    pub value: Amount,
    /// Where the value is reported.
    pub source: SourceId,
    /// Caveats.
    pub note: Option<String>,
}
