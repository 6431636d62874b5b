//! A tutorial: from a new project to answers you can print, check and cite.
//!
//! Every example on this page is compiled and run by `cargo test`, so it shows what the
//! crate does today, figures included.
//!
//! # Contents
//!
//! 1. [Set-up](#set-up)
//! 2. [A first program](#a-first-program), with error handling
//! 3. [The questions it answers](#the-questions-it-answers), one recipe each
//! 4. [Displaying and rounding figures](#displaying-and-rounding-figures)
//! 5. [Countries, aggregates and names](#countries-aggregates-and-names)
//! 6. [Loading your own and downloaded files](#loading-your-own-and-downloaded-files)
//! 7. [Errors](#errors)
//! 8. [Writing CSV and JSON](#writing-csv-and-json)
//!
//! # Set-up
//!
//! Make a binary crate and depend on this one. From a clone of the repository, as a path
//! dependency (the path is relative to your crate's `Cargo.toml`):
//!
//! ```toml
//! [dependencies]
//! defense-spending = { path = "../defense-spending" }
//! rust_decimal = "1" # the figures are `rust_decimal::Decimal`
//! ```
//!
//! Once the crate is published on crates.io, the line is
//! `defense-spending = "0.1"`. The bundled data needs no files at run time: it is
//! compiled into your program.
//!
//! # A first program
//!
//! The article's headline, "23 of 32 Allies spend at least 2 % of GDP on defence", with
//! each Ally's share as NATO prints it. `main` returns this crate's [`Result`], so `?`
//! works on every call below: queries, parsing a code, opening a file, writing output.
//!
//! ```
//! use defense_spending::{Dataset, Result};
//!
//! fn main() -> Result<()> {
//!     let ds = Dataset::bundled();
//!     let at_two = ds.meeting_target(2024, 2)?; // highest share first
//!     println!("{} of {} Allies at 2 % in 2024", at_two.len(), ds.members_in(2024).count());
//!     for r in &at_two {
//!         // `share()` displays as NATO prints it: 3.38, not the truncated 3.37.
//!         println!("{:<16} {:>5} %", ds.name_of(r.country), r.share().unwrap());
//!     }
//!     # assert_eq!(at_two.len(), 23);
//!     # assert_eq!(at_two[2].share().unwrap().to_string(), "3.38");
//!     Ok(())
//! }
//! ```
//!
//! If `main` returns an error, Rust prints it with `Debug`, which for this crate's
//! [`Error`] reads like the message: `Error: no spending figures for 2030 in this dataset
//! (it covers 2014-2024)`.
//!
//! # The questions it answers
//!
//! | question | call |
//! |---|---|
//! | [Who meets a target in a year?](#who-meets-a-target-in-a-year) | [`ds.meeting_target(2024, 2)?`](crate::Dataset::meeting_target) |
//! | [How many met it each year?](#how-many-met-it-each-year) | [`ds.count_meeting_target(2)?`](crate::Dataset::count_meeting_target) |
//! | [One country's series](#one-countrys-series) | [`ds.series(ds.entity("Poland")?)`](crate::Dataset::series) |
//! | [How many dollars short?](#how-many-dollars-short) | [`ds.shortfalls(2024, 2)?`](crate::Dataset::shortfalls) |
//! | [How did spending change?](#how-did-spending-change) | [`ds.change(pol, 2014, 2024)`](crate::Dataset::change) |
//! | [Who kept their pledge?](#who-kept-their-pledge) | [`ds.pledge_checks()`](crate::Dataset::pledge_checks) |
//! | [Aid to Ukraine by donor](#aid-to-ukraine-by-donor) | [`ds.aid_latest(&filter)`](crate::Dataset::aid_latest) |
//! | [Contracts](#contracts) | [`ds.contracts_where(&filter)`](crate::Dataset::contracts_where) |
//! | [Countries outside NATO above 3 %, in a World Bank file](#countries-outside-nato-above-3--in-a-world-bank-file) | [`ds.countries_at_or_above(2022, 3)?`](crate::Dataset::countries_at_or_above) |
//! | [What did a new edition revise?](#what-did-a-new-edition-revise) | [`query::revisions(&old, &new)`](crate::query::revisions) |
//!
//! ## Who meets a target in a year?
//!
//! [`Dataset::meeting_target`](crate::Dataset::meeting_target) counts the countries that
//! were Allies in that year (Sweden from 2024), never an aggregate. The threshold is a
//! percentage written as you like: `2`, `"3.5"`, `3.5` or a `Decimal`.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::Dataset;
//!
//! let ds = Dataset::bundled();
//! let core = ds.meeting_target(2024, "3.5")?; // The Hague's core target, for 2024
//! let names: Vec<String> = core.iter().map(|r| ds.name_of(r.country)).collect();
//! assert_eq!(names, ["Poland"]);
//! // A year outside the data is an error, never an empty list:
//! assert!(ds.meeting_target(2030, 2).is_err());
//! # Ok(()) }
//! ```
//!
//! ## How many met it each year?
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::Dataset;
//!
//! for c in Dataset::bundled().count_meeting_target(2)? {
//!     println!("{}: {:>2} of {} Allies", c.year, c.meeting, c.members);
//! }
//! # let counts = defense_spending::Dataset::bundled().count_meeting_target(2)?;
//! # let of = |y: u16| counts.iter().find(|c| c.year == y).map(|c| c.meeting);
//! # assert_eq!((of(2014), of(2021), of(2024)), (Some(3), Some(6), Some(23)));
//! # Ok(()) }
//! ```
//!
//! ## One country's series
//!
//! [`Dataset::entity`](crate::Dataset::entity) finds a country by code or name
//! (`"POL"`, `"pol"`, `"Poland"`); a typo is an error that suggests the closest names.
//! Each record holds every figure NATO gives for the year; [`Metric`] names them.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{Dataset, Metric};
//!
//! let ds = Dataset::bundled();
//! let pol = ds.entity("Poland")?;
//! for r in ds.series(pol) {
//!     println!(
//!         "{} {:>5} % of GDP, US${:>6} million{}",
//!         r.year,
//!         r.share().unwrap(),
//!         r.figure(Metric::ExpenditureCurrent).unwrap(),
//!         if r.estimate { " (estimate)" } else { "" },
//!     );
//! }
//! # let last = ds.series(pol).last().unwrap();
//! # assert_eq!((last.year, last.share().unwrap().to_string()), (2024, "4.12".to_owned()));
//! # Ok(()) }
//! ```
//!
//! ## How many dollars short?
//!
//! For each Ally below a target: GDP at current prices × (target − share) / 100, from one
//! record (the standard approximation: NATO's share is of real GDP).
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{Dataset, Figure};
//!
//! let ds = Dataset::bundled();
//! let report = ds.shortfalls(2024, 2)?;
//! let spain = ds.entity("Spain")?;
//! let esp = report.allies.iter().find(|s| s.country == spain).unwrap();
//! println!("Spain: {} % of GDP, US${} million short of 2 %",
//!     Figure::percent(esp.share_of_gdp), Figure::millions(esp.shortfall_usd_million));
//! assert_eq!(Figure::millions(esp.shortfall_usd_million).to_string(), "11898");
//! println!("All {} Allies below: US${} million", report.allies.len(),
//!     Figure::millions(report.total_usd_million));
//! # Ok(()) }
//! ```
//!
//! ## How did spending change?
//!
//! Percentage points of GDP and real terms (constant prices), both years from one
//! edition; `None` where a year has no figures.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{Dataset, Figure};
//!
//! let ds = Dataset::bundled();
//! let c = ds.change(ds.entity("POL")?, 2014, 2024).unwrap();
//! assert_eq!(Figure::percent(c.points.unwrap()).to_string(), "2.24");
//! assert_eq!(Figure::percent(c.real_change_pct.unwrap()).to_string(), "213.66");
//! # Ok(()) }
//! ```
//!
//! ## Who kept their pledge?
//!
//! ```
//! use defense_spending::{Dataset, PledgeStatus};
//!
//! let checks = Dataset::bundled().pledge_checks();
//! let wales_kept = checks
//!     .iter()
//!     .filter(|c| c.pledge == "wales-2014-gdp" && c.status == PledgeStatus::Kept)
//!     .count();
//! assert_eq!(wales_kept, 23);
//! ```
//!
//! ## Aid to Ukraine by donor
//!
//! An aid figure is a cumulative total as of a date: reports of it from different sources
//! or dates never add up. [`Dataset::aid_latest`](crate::Dataset::aid_latest) gives each
//! donor's latest figure from each source, side by side;
//! [`Dataset::aid_sum`](crate::Dataset::aid_sum) adds figures only where they add up, and
//! says why not otherwise (see [`query`](crate::query#adding-up-aid)).
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{AidFilter, Dataset};
//!
//! let ds = Dataset::bundled();
//! let to_ukraine = AidFilter { recipient: Some(ds.entity("Ukraine")?), ..AidFilter::default() };
//! for a in ds.aid_latest(&to_ukraine) {
//!     // "USA to UKR, military aid (basis unspecified): more than USD 53600 million,
//!     //  2022-02 to 2024-07-09 (ap-stinger-2024)"
//!     println!("{:<24} {a}", ds.name_of(a.donor));
//! }
//! // "more than USD 53600 million", as the AP reported it:
//! # let usa = AidFilter { donor: Some(ds.entity("USA")?), source: Some("ap-stinger-2024".parse()?), ..to_ukraine };
//! # assert_eq!(ds.aid_latest(&usa)[0].amount.to_string(), "more than USD 53600 million");
//! # Ok(()) }
//! ```
//!
//! From the source itself: a release of the Kiel Institute's Ukraine Support Tracker (its
//! workbook as downloaded, under any name; see [`load::kiel`](crate::load::kiel)). Its
//! donors' figures of one kind and basis add up, the EU's institutions among them, and
//! their sum is the release's own `Total` row. Donors ranked by military commitments, with
//! the total and each donor's commitments as a share of its GDP as Kiel gives it (`cargo
//! run --example aid -- --file Ukraine_Support_Tracker.xlsx` prints this table):
//!
//! ```no_run
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{AidBasis, AidFilter, AidKind, Dataset};
//!
//! let kiel = Dataset::load("Ukraine_Support_Tracker.xlsx")?;
//! let release = &kiel.aid_releases()[0]; // its number, coverage, date and SHA-256
//! let military = AidFilter {
//!     kind: Some(AidKind::Military),
//!     basis: Some(AidBasis::Commitments),
//!     ..AidFilter::default()
//! };
//! let mut donors = kiel.aid_latest(&military);
//! donors.sort_by_key(|a| std::cmp::Reverse(a.amount.money.millions));
//! for a in &donors {
//!     let all = AidFilter { donor: Some(a.donor), kind: Some(AidKind::Total), ..military.clone() };
//!     let share = kiel.aid_latest(&all).first().and_then(|t| t.share_of_gdp); // Kiel's % GDP
//!     println!("{:<28} {:>12} {:?}", kiel.name_of(a.donor), a.amount.money.millions.round_dp(1), share);
//! }
//! let total = kiel.aid_sum(&military)?; // the summary's Total row, EUR million
//! println!("{} donors: {} ({} to {})", total.donors.len(), total.amount, release.covers_from, release.covers_to);
//! // Two releases, or two issues of one, never add: compare them.
//! let older = Dataset::load("Ukraine_Support_Tracker_earlier.xlsx")?;
//! for r in defense_spending::query::aid_revisions(&older, &kiel) {
//!     println!("{r}"); // donor, kind, basis, both figures
//! }
//! # Ok(()) }
//! ```
//!
//! ## Contracts
//!
//! One row per reported value: where sources disagree, each value is kept with its
//! source.
//!
//! ```
//! use defense_spending::{ContractFilter, Dataset};
//!
//! let ds = Dataset::bundled();
//! let stinger = ContractFilter { system: Some("Stinger".into()), ..ContractFilter::default() };
//! for c in ds.contracts_where(&stinger) {
//!     println!("{} {} {} ({})", c.signed, c.buyer, c.value, c.source);
//! }
//! ```
//!
//! ## Countries outside NATO above 3 %, in a World Bank file
//!
//! [`Dataset::countries_at_or_above`](crate::Dataset::countries_at_or_above) answers for
//! every country in the data, Ally or not; [`Dataset::is_member_in`] tells them apart.
//! The World Bank's download (the zip of its CSV files from
//! <https://data.worldbank.org/indicator/MS.MIL.XPND.GD.ZS>, "Download: CSV", or the folder
//! it unzips to) loads as it is.
//!
//! ```no_run
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::Dataset;
//!
//! let wb = Dataset::load("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.zip")?; // your download
//! let year = 2022;
//! for r in wb.countries_at_or_above(year, 3)? {
//!     let code = r.country.country().unwrap(); // countries only, never aggregates
//!     if !wb.is_member_in(code, year) {
//!         println!("{:<24} {:>6} %", wb.name_of(code), r.share().unwrap());
//!     }
//! }
//! # let outside = wb.countries_at_or_above(year, 3)?.iter()
//! #     .filter(|r| !wb.is_member_in(r.country.country().unwrap(), year)).count();
//! # assert!(outside > 10);
//! # Ok(()) }
//! ```
//!
//! [`Dataset::is_member_in`]: crate::Dataset::is_member_in
//!
//! ## What did a new edition revise?
//!
//! Editions revise past years: load each as its own dataset and compare.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{query, Dataset};
//!
//! let newer = Dataset::load("tests/fixtures/nato-2025-edition")?;
//! for r in query::revisions(Dataset::bundled(), &newer).iter().filter(|r| r.year == 2024).take(3) {
//!     println!("{} {}: {} → {}", r.country, r.metric, r.old, r.new);
//! }
//! # Ok(()) }
//! ```
//!
//! # Displaying and rounding figures
//!
//! Figures are exact: [`SpendingRecord::share_of_gdp`](crate::SpendingRecord::share_of_gdp)
//! is NATO's workbook value, `3.3790207262385565` for the United States in 2024, which
//! NATO prints as `3.38`. To show a figure:
//!
//! - [`SpendingRecord::share`](crate::SpendingRecord::share) and
//!   [`SpendingRecord::figure`](crate::SpendingRecord::figure) give a [`Figure`], which
//!   displays as NATO prints it: rounded **half away from zero**, two decimals for
//!   percentages, whole millions for money, trailing zeros kept (`2.20`).
//!   `{:.1}`, `{:>8}` and the rest work on it too.
//! - [`Figure::percent`] and [`Figure::millions`] show any other decimal the same way
//!   (a shortfall, a change in points).
//! - **Never** `format!("{:.2}", decimal)` on a `Decimal`: `rust_decimal` *truncates*
//!   (`3.37` for the US), and `Decimal::round_dp` rounds half to even (`2.125` → `2.12`).
//! - Compare and compute on the exact values (`share_of_gdp`, [`get`](crate::SpendingRecord::get)),
//!   round only to show: counting on NATO's printed figures and on the exact ones gives
//!   the same 23 Allies, but a sum of rounded figures is not the rounded sum.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{Dataset, Figure, Metric};
//!
//! let ds = Dataset::bundled();
//! let usa = ds.record(ds.entity("USA")?, 2024).unwrap();
//! assert_eq!(usa.share().unwrap().to_string(), "3.38");            // as NATO prints it
//! assert_eq!(format!("{:.2}", usa.share_of_gdp.unwrap()), "3.37"); // the trap
//! assert_eq!(usa.figure(Metric::GdpCurrent).unwrap().to_string(), "28719942");
//! assert_eq!(usa.share().unwrap().exact(), usa.share_of_gdp.unwrap());
//! assert_eq!(Figure::percent("2.2".parse()?).to_string(), "2.20");
//! # Ok(()) }
//! ```
//!
//! [`Figure`]: crate::Figure
//! [`Figure::percent`]: crate::Figure::percent
//! [`Figure::millions`]: crate::Figure::millions
//!
//! # Countries, aggregates and names
//!
//! A figure is about an [`Entity`](crate::Entity): a country, by its ISO 3166-1 alpha-3
//! [`CountryCode`](crate::CountryCode) (`POL`), or an aggregate with an id in capitals with
//! an underscore (`NATO_TOTAL`, `NATO_EUCAN`), which is never counted as a country.
//! Functions that take an entity take a `CountryCode` too. To turn what a user typed into
//! one, ask the dataset: [`Dataset::entity`](crate::Dataset::entity) accepts codes in
//! any case, aggregate ids and names in the spellings of NATO, SIPRI, the World Bank,
//! ISO 3166-1 and everyday English ([`names`](crate::names)), and refuses what the
//! dataset does not have, with suggestions.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::Dataset;
//!
//! let ds = Dataset::bundled();
//! assert_eq!(ds.entity("Türkiye")?, ds.entity("Turkey")?);
//! assert_eq!(ds.entity("uk")?.to_string(), "GBR");
//! let err = ds.entity("Polnad").unwrap_err();
//! assert_eq!(err.to_string(),
//!     "no country or aggregate \"Polnad\" in this dataset; did you mean POL (Poland)?");
//! # Ok(()) }
//! ```
//!
//! # Loading your own and downloaded files
//!
//! [`Dataset::load`](crate::Dataset::load) takes a file or a folder and recognises each
//! file by its content, whatever its name: the crate's own CSV files (the format of
//! `data/`, documented in the README), NATO's workbooks (the June 2024 edition and the
//! layout of 2025 and 2026) and SIPRI's (the 2024 and 2026 releases), the World Bank's
//! WDI CSV files, Our World in Data's CSV files (the [`load`](crate::load) module gives
//! each format's rules). Loading is all or nothing: any bad value is an error naming the
//! file, line and column, or the workbook's `sheet!cell`.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::Dataset;
//!
//! // Your own figures, in the crate's spending.csv format (one file, or a folder).
//! let mine = Dataset::from_csv_str(
//!     "mine.csv",
//!     "country,year,share_of_gdp,source\nPOL,2025,4.48,press-release\n",
//! )?;
//! assert_eq!(mine.meeting_target(2025, 4)?.len(), 1);
//!
//! # Ok(()) }
//! ```
//!
//! What a publisher gives loads the same way: NATO's workbook as you downloaded it
//! (`240617-def-exp-2024-TABLES-en.xlsx`, published with
//! <https://www.nato.int/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-en.pdf>):
//!
//! ```no_run
//! # fn main() -> defense_spending::Result<()> {
//! # use defense_spending::Dataset;
//! let nato = Dataset::load("240617-def-exp-2024-TABLES-en.xlsx")?; // your download
//! assert_eq!(nato.meeting_target(2024, 2)?.len(), 23);
//! # Ok(()) }
//! ```
//!
//! The World Bank's download loads as it comes, zipped or unzipped; a wide table (a
//! `Country,2014,…,2024` sheet someone made from NATO's or SIPRI's tables) says nothing
//! of what its cells are, so you state it with [`LoadOptions`](crate::LoadOptions):
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use defense_spending::{Dataset, LoadOptions, Metric};
//!
//! // The World Bank's zip, or its folder: Dataset::load("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.zip")
//! let wide = "Country,2023,2024e\nPoland,3.83,4.12\nTürkiye,1.51,2.09\n";
//! let ds = LoadOptions::new()
//!     .metric(Metric::ShareOfGdp)
//!     .from_bytes("my_table.csv", wide.as_bytes())?;
//! assert_eq!(ds.meeting_target(2024, 2)?.len(), 2);
//! // Without the metric, the error says how to state it:
//! assert!(Dataset::from_bytes("my_table.csv", wide.as_bytes()).is_err());
//! # Ok(()) }
//! ```
//!
//! Each loaded dataset is one source; an edition is a source. Load two editions as two
//! datasets (and compare them with [`query::revisions`](crate::query::revisions)) rather
//! than mixing them in one series.
//!
//! # Errors
//!
//! Every fallible call returns this crate's [`Result`], whose [`Error`] has a
//! [`position`](crate::Error::position) (file, line, column, workbook cell; empty for a
//! query) and a [`kind`](crate::Error::kind) ([`ErrorKind`](crate::ErrorKind)), and prints
//! readably with `Display` and with `Debug`. Errors from the standard library and from
//! parsing a code or a decimal convert into it with `?`.
//!
//! ```
//! use defense_spending::{Dataset, ErrorKind};
//!
//! let err = Dataset::from_csv_str("mine.csv", "country,year,share_of_gdp,source\nPOL,2024,2,5,x\n")
//!     .unwrap_err();
//! assert_eq!(err.position().line, Some(2));
//! assert!(matches!(err.kind(), ErrorKind::Csv(_)));
//!
//! let err = Dataset::bundled().shortfalls(2030, 2).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::YearNotInData { year: 2030, .. }));
//! assert_eq!(format!("{err:?}"), err.to_string()); // Debug reads like the message
//! ```
//!
//! # Writing CSV and JSON
//!
//! [`output::write_csv`](crate::output::write_csv) and
//! [`output::write_json`](crate::output::write_json) take what the queries return, as it
//! is. CSV is safe to open in a spreadsheet; figures are exact (JSON gives them as
//! strings, see [`output`](crate::output#json)); spending records are written in the
//! crate's own format, with names beside the codes, and load back.
//!
//! ```
//! # fn main() -> defense_spending::Result<()> {
//! use std::fs::File;
//! use defense_spending::output::{write_csv, write_json};
//! use defense_spending::Dataset;
//!
//! let ds = Dataset::bundled();
//! let at_two = ds.meeting_target(2024, 2)?;
//! # let dir = std::env::temp_dir();
//! write_csv(File::create(dir.join("at-two.csv"))?, &at_two)?;
//! write_json(File::create(dir.join("at-two.json"))?, &at_two)?;
//! write_csv(std::io::stdout(), &ds.shortfalls(2024, 2)?.allies)?;
//! # let back = Dataset::load(dir.join("at-two.csv"))?;
//! # assert_eq!(back.spending().len(), 23);
//! # Ok(()) }
//! ```
//!
//! [`Result`]: crate::Result
//! [`Error`]: crate::Error
//! [`Metric`]: crate::Metric
