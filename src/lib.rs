//! # defense-spending
//!
//! The facts of NATO defence spending as typed, sourced, queryable data.
//!
//! This crate bundles NATO's own figures (the June 2024 edition of "Defence Expenditure
//! of NATO Countries (2014-2024)", exact workbook values), the 32 Allies and their
//! accession dates, the pledges and targets from the 2006 guideline to The Hague's 5 %,
//! and the contracts and aid totals of the July 2024 Washington summit coverage. Every
//! row names its [`Source`]. It also reads the files analysts download (NATO's and
//! SIPRI's workbooks, the World Bank's and Our World in Data's CSV files) into the same
//! model.
//!
//! **New here? Start with the [`tutorial`]**: set-up, a first program, a recipe for each
//! question, how to show figures as publishers print them, loading files, errors and
//! output.
//!
//! ```
//! use defense_spending::{Dataset, Result};
//!
//! fn main() -> Result<()> {
//!     let ds = Dataset::bundled();
//!
//!     // "23 of 32 Allies" met NATO's 2 % guideline in 2024 (NATO's estimate, June 2024).
//!     let meeting = ds.meeting_target(2024, 2)?;
//!     let members = ds.members_in(2024).count();
//!     assert_eq!((meeting.len(), members), (23, 32));
//!
//!     // Poland first, at 4.12 % as NATO prints it (the exact value is 4.1201909...).
//!     let poland = meeting[0];
//!     assert_eq!(ds.name_of(poland.country), "Poland");
//!     assert_eq!(poland.share().unwrap().to_string(), "4.12");
//!
//!     // Every figure says where it comes from.
//!     let source = ds.source(&poland.source).unwrap();
//!     assert_eq!(source.publisher, "NATO");
//!
//!     // A year without figures is an error, not an empty answer.
//!     assert!(ds.meeting_target(2030, 2).is_err());
//!     Ok(())
//! }
//! ```
//!
//! ## The model
//!
//! See [`model`] for every type. In short: a [`SpendingRecord`] holds one country's (or
//! one aggregate's) figures for one year from one source; a [`Member`] is an Ally and its
//! accession date; a [`Pledge`] is a guideline, a pledge (with or without a figure) or a
//! statement of spending; a [`Contract`] and an [`AidTotal`] are reported amounts of
//! [`Money`], which always carries its [`Currency`] and the source's wording
//! ([`Qualifier`]: "more than", "about").
//! Percentages and money are [`rust_decimal::Decimal`], never floats, exact as the
//! source gives them; a [`Figure`] shows one rounded as the publisher prints it. Dates
//! are [`jiff::civil::Date`]. Countries are ISO 3166-1 alpha-3 [`CountryCode`]s; NATO's
//! "NATO Total" and "NATO Europe and Canada" rows are aggregates (`NATO_TOTAL`,
//! `NATO_EUCAN`), never counted as countries. [`Dataset::entity`] finds either by code
//! or name.
//!
//! ## Queries
//!
//! Questions are methods of [`Dataset`] (see [`query`] for the rules they follow): who
//! meets a target ([`Dataset::meeting_target`]), how many each year
//! ([`Dataset::count_meeting_target`]), how many dollars short
//! ([`Dataset::shortfalls`]), pledges against figures ([`Dataset::pledge_checks`]),
//! trends ([`Dataset::change`], [`Dataset::first_year_at`],
//! [`Dataset::alliance_totals`]), rankings, aid ([`Dataset::aid_latest`],
//! [`Dataset::aid_sum`]) and contracts. A per-year query asked about a year without
//! figures is an error ([`ErrorKind::YearNotInData`]); figures that do not add up
//! (two reports of one cumulative aid total, two editions, two currencies) are never
//! added.
//!
//! ## Loading your own files
//!
//! [`Dataset::load`] reads a folder or a file: the crate's own CSV files (the format of
//! `data/`, documented in the README), and the publishers' files as downloaded, each
//! recognised by its content (see [`load`] for how each is read): NATO's and SIPRI's
//! workbooks and the Kiel Institute's Ukraine Support Tracker, aid to Ukraine by donor
//! release by release ([`load::kiel`]; all with the `xlsx` feature, on by default), the
//! World Bank's download (its
//! zip, or the folder it unzips to), Our World in Data's CSV files of every generation,
//! and spreadsheets re-saved with `;` and decimal commas. A wide table (one row per
//! country, one column per year) does not say what its cells are: [`LoadOptions`]
//! states it. Loading is all-or-nothing: a bad
//! value is an [`Error`] that names the file, line, column and value, and why it is
//! wrong. It never panics, and memory and time stay bounded on any input: files,
//! records, headers and sheets over the [limits](load::limits) are errors too.
//! [`Dataset::from_bytes`] reads a file already in memory. [`Dataset::validate`] then
//! lists the figures that load but look wrong (an implausible share of GDP, a 1000-fold
//! jump, ...) without failing the load.
//!
//! ```
//! use defense_spending::{Dataset, ErrorKind};
//!
//! let err = Dataset::from_csv_str("mine.csv", "country,year,share_of_gdp,source\nPLO,2024,4.1,x\n")
//!     .unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::UnknownCountry(_)));
//! assert_eq!(err.to_string(),
//!     "mine.csv: line 2, column `country`: unknown country code \"PLO\": not an ISO 3166-1 \
//!      alpha-3 code (aggregates use ids with an underscore, such as NATO_TOTAL)");
//! ```
//!
//! ## The CSV format
//!
//! UTF-8 (a byte order mark is allowed), comma-separated, a header line, fields quoted
//! as needed (RFC 4180). Files are recognised by their header; columns may come in any
//! order; optional columns may be left out or left empty; unknown columns are an error.
//! Decimals are plain (`4.12`, `-2.5`: a dot, no thousands separators, no `%`, no
//! exponent). Dates are `YYYY-MM-DD`; where a source gives only a month, `YYYY-MM`.
//! Money is in **millions**. The schema of every file is in the README (`data/` holds the
//! bundled files as examples); the spending file's is:
//!
//! | column | type | unit | required |
//! |---|---|---|---|
//! | `country` | ISO 3166-1 alpha-3 code, or an aggregate id with an underscore (`NATO_TOTAL`) | | yes |
//! | `year` | integer, 1800 to 2200 | | yes |
//! | `share_of_gdp` | decimal ≥ 0 (over 100 happens: Kuwait, 1991) | % of GDP | one figure at least |
//! | `expenditure_current` | decimal ≥ 0 | million US$, current prices | |
//! | `expenditure_constant` | decimal ≥ 0 | million US$, constant prices | |
//! | `gdp_current` | decimal ≥ 0 | million US$, current prices | |
//! | `gdp_constant` | decimal ≥ 0 | million US$, constant prices | |
//! | `equipment_share` | decimal, 0 to 100 | % of defence expenditure | |
//! | `real_change` | decimal | % change on the previous year, real terms | |
//! | `per_capita_current` | decimal ≥ 0 | US$ per person | |
//! | `share_of_government` | decimal, 0 to 100 | % of government spending | |
//! | `price_base_year` | integer, or `unknown` where the source does not state it | the year of constant prices | with a constant-price figure |
//! | `estimate` | `true` / `false` (empty: false) | | |
//! | `source` | a source id (defined in `sources.csv` when loaded together) | | yes |
//! | `name` | text: the country's name, written by [`output::write_csv`] for people; not read | | |
//!
//! A country, year and source appear at most once. Every figure and amount is at most
//! 10^15 in magnitude (a million times the world's GDP in millions of dollars): a larger
//! number is an error, never a figure.
//!
//! ## Modules
//!
//! - [`tutorial`]: start here.
//! - [`model`]: the types.
//! - [`Dataset`]: the tables and their indexes; [`Dataset::bundled`],
//!   [`Dataset::load`].
//! - [`query`]: questions asked of a dataset, and the rules they follow.
//! - [`names`]: country and aggregate names in every publisher's spelling.
//! - [`load`]: reading files, and its limits.
//! - [`output`]: writing results as CSV and JSON.
//! - [`error`]: the [`Error`] type, a [`Position`] and an [`ErrorKind`].
//! - [`validate`]: [`Dataset::validate`], the figures that load but look wrong
//!   ([`Anomaly`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod dataset;
pub mod error;
mod index;
pub mod load;
pub mod model;
pub mod names;
pub mod output;
pub mod query;
pub mod tutorial;
pub mod validate;

pub use dataset::{Dataset, DatasetParts};
pub use error::{Error, ErrorKind, Position, Result, Skipped};
pub use load::LoadOptions;
pub use model::{
    Aggregate, AggregateId, AidAnnouncement, AidBasis, AidKind, AidRelease, AidTotal, Amount,
    Bound, Contract, CountryCode, Currency, Entity, Figure, Member, Metric, Money, MonthOrDay,
    ParseCodeError, ParseSourceIdError, Pledge, PledgeKind, PledgeMetric, PledgeThreshold,
    Qualifier, Source, SourceId, SpendingRecord, Subject, Timing,
};
pub use query::{
    AidFilter, AidRevision, AidSum, AllianceTotal, Change, ContractFilter, ContractTotal,
    ExchangeRate, FirstYear, PledgeCheck, PledgeStatus, Revision, Shortfall, ShortfallReport,
    Threshold, YearCount,
};
pub use validate::{Anomaly, AnomalyKind};

/// The README's Rust code, compiled and run by `cargo test` so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
