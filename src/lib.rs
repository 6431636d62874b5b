//! # defense-spending
//!
//! The facts of NATO defence spending as typed, sourced, queryable data.
//!
//! This crate bundles NATO's own figures (the June 2024 edition of "Defence Expenditure
//! of NATO Countries (2014-2024)", exact workbook values), the 32 Allies and their
//! accession dates, the pledges and targets from the 2006 guideline to The Hague's 5 %,
//! and the contracts and aid totals of the July 2024 Washington summit coverage. Every
//! row names its [`Source`].
//!
//! ```
//! use defense_spending::Dataset;
//! use rust_decimal::Decimal;
//!
//! let ds = Dataset::bundled();
//!
//! // "23 of 32 Allies" met NATO's 2 % guideline in 2024 (NATO's estimate, June 2024).
//! let meeting = ds.meeting_target(2024, Decimal::TWO);
//! let members = ds.members_in(2024).count();
//! assert_eq!((meeting.len(), members), (23, 32));
//!
//! // Poland's 4.12 % keeps its "at least 4 %".
//! let poland = meeting[0];
//! assert_eq!(poland.country.to_string(), "POL");
//! assert_eq!(poland.share_of_gdp.unwrap().round_dp(2), Decimal::new(412, 2));
//!
//! // Every figure says where it comes from.
//! let source = ds.source(&poland.source).unwrap();
//! assert_eq!(source.publisher, "NATO");
//! ```
//!
//! ## The model
//!
//! See [`model`] for every type. In short: a [`SpendingRecord`] holds one country's (or
//! one aggregate's) figures for one year from one source; a [`Member`] is an Ally and its
//! accession date; a [`Pledge`] is a guideline, pledge or stated estimate; a [`Contract`]
//! and an [`AidTotal`] are reported amounts of [`Money`], which always carries its
//! [`Currency`]. Percentages and money are [`rust_decimal::Decimal`], never floats; dates
//! are [`jiff::civil::Date`]. Countries are ISO 3166-1 alpha-3 [`CountryCode`]s;
//! NATO's "NATO Total" and "NATO Europe and Canada" rows are aggregates
//! (`NATO_TOTAL`, `NATO_EUCAN`), never counted as countries.
//!
//! ## Loading your own files
//!
//! [`Dataset::load`] reads a folder of CSV files in the format below, or one such file,
//! and (with the `xlsx` feature, on by default) NATO's "Defence Expenditure of NATO
//! Countries" workbook and SIPRI's Military Expenditure Database workbook as published:
//! see [`load`] for how each is read.
//! Loading is all-or-nothing: a bad value is an [`Error`] that names the file, line,
//! column and value, and why it is wrong. It never panics, and memory and time stay
//! bounded on any input: files, records, headers and sheets over the
//! [limits](load::limits) are errors too. [`Dataset::from_bytes`] reads a file already in
//! memory. [`Dataset::validate`] then lists the figures that load but look wrong (an
//! implausible share of GDP, a 1000-fold jump, ...) without failing the load.
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
//! | `price_base_year` | integer | the year of constant prices | with a constant-price figure |
//! | `estimate` | `true` / `false` (empty: false) | | |
//! | `source` | a source id (defined in `sources.csv` when loaded together) | | yes |
//!
//! A country, year and source appear at most once. Every figure and amount is at most
//! 10^15 in magnitude (a million times the world's GDP in millions of dollars): a larger
//! number is an error, never a figure.
//!
//! ## Modules
//!
//! - [`model`]: the types.
//! - [`Dataset`] (in `dataset.rs`): the tables and their indexes; [`Dataset::bundled`],
//!   [`Dataset::load`].
//! - [`query`]: questions asked of a dataset (who meets a target, counts by year,
//!   rankings, series), and the membership rule they follow.
//! - [`load`]: reading files.
//! - [`names`]: country and aggregate names through every publisher's spelling.
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
pub mod validate;

pub use dataset::{Dataset, DatasetParts};
pub use error::{Error, ErrorKind, Position, Result, Skipped};
pub use load::LoadOptions;
pub use model::{
    Aggregate, AggregateId, AidBasis, AidKind, AidTotal, Amount, Bound, Contract, CountryCode,
    Currency, Entity, Member, Metric, Money, MonthOrDay, ParseCodeError, Pledge, PledgeKind,
    PledgeMetric, Qualifier, Source, SourceId, SpendingRecord, Subject, Timing,
};
pub use query::{PledgeCheck, PledgeStatus, YearCount};
pub use validate::{Anomaly, AnomalyKind};
