//! Load any file or folder the crate reads and say what is in it.
//!
//! ```text
//! cargo run --example load_any -- data
//! cargo run --example load_any -- military-expenditure-share-gdp.csv
//! cargo run --example load_any -- SIPRI-Milex-data-1948-2023.xlsx --year 1990
//! cargo run --example load_any -- my_wide_table.csv --metric share_of_gdp
//! cargo run --example load_any -- sipri-constant.csv --metric expenditure_constant --base-year 2022
//! ```
//!
//! `data` is the crate's own folder; the other files are your downloads: Our World in
//! Data's grapher CSV (<https://ourworldindata.org/grapher/military-expenditure-share-gdp>,
//! "Download"), SIPRI's workbook (<https://www.sipri.org/databases/milex>), a
//! `Country,2014,…,2024` table you made, a sheet exported from SIPRI's workbook.

mod common;

use std::path::Path;

use common::{Align, Args, Table};
use defense_spending::load::detect_format;
use defense_spending::{Entity, LoadOptions, Metric};

const USAGE: &str =
    "usage: load_any FILE_OR_FOLDER [--year YEAR] [--metric METRIC] [--base-year YEAR]

Loads a file or folder in any format the crate reads (its own CSV files, World Bank WDI
CSV or its zip download, Our World in Data CSV, NATO's or SIPRI's workbook, a wide table
of one row per country and one column per year; European `;` files too), detected by
content, and prints the format and source, the countries and years covered, and who is at
or above 2 % of GDP in the latest year with shares (or YEAR).

--metric says what a wide table's cells are (share_of_gdp, expenditure_current,
expenditure_constant, gdp_current, gdp_constant, equipment_share, real_change,
per_capita_current, share_of_government); --base-year the year of constant prices where
the file does not say it.";

fn main() {
    let args = Args::parse(USAGE);
    args.only(USAGE, &["year", "metric", "base-year"]);
    let mut options = LoadOptions::new();
    if let Some(metric) = args.opt::<Metric>(USAGE, "metric") {
        options.metric(metric);
    }
    if let Some(year) = args.opt::<u16>(USAGE, "base-year") {
        options.price_base_year(year);
    }
    let [path] = args.positional.as_slice() else {
        common::fail(USAGE, "give one file or folder");
    };
    let path = Path::new(path);

    // What each file is.
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.is_file());
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    for f in &files {
        match std::fs::read(f).map(|b| detect_format(f, &b)) {
            Ok(Ok(format)) => {
                let name = f.file_name().map_or(f.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                println!(
                    "{}",
                    common::wrap(&format!("{name}: {format}"), 100, "    ")
                );
            }
            Ok(Err(_)) if path.is_dir() => {}
            Ok(Err(e)) => common::fail(USAGE, &e.to_string()),
            Err(e) => common::fail(USAGE, &format!("{}: {e}", f.display())),
        }
    }

    let ds = options.load(path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    println!();
    for s in ds
        .sources()
        .iter()
        .filter(|s| ds.spending().iter().any(|r| r.source == s.id))
    {
        let date = s.published.map(|d| format!(", {d}")).unwrap_or_default();
        let line = format!("Source: {} ({}), {}{date}", s.id, s.publisher, s.title);
        println!("{}", common::wrap(&line, 100, "    "));
    }
    let countries: std::collections::BTreeSet<&Entity> = ds
        .spending()
        .iter()
        .map(|r| &r.country)
        .filter(|e| e.is_country())
        .collect();
    let others: std::collections::BTreeSet<&Entity> = ds
        .spending()
        .iter()
        .map(|r| &r.country)
        .filter(|e| !e.is_country())
        .collect();
    let years: Vec<u16> = ds.years().collect();
    println!(
        "{} records: {} countries, {} aggregates or other entities, years {}",
        ds.spending().len(),
        countries.len(),
        others.len(),
        match (years.first(), years.last()) {
            (Some(a), Some(b)) => format!("{a}-{b}"),
            _ => "none".into(),
        }
    );
    let metrics: Vec<&str> = Metric::ALL
        .iter()
        .filter(|m| ds.spending().iter().any(|r| r.get(**m).is_some()))
        .map(|m| m.name())
        .collect();
    println!(
        "{}",
        common::wrap(&format!("Figures: {}", metrics.join(", ")), 100, "    ")
    );
    if !ds.skipped().is_empty() {
        println!("Cells read but kept as no figure: {}", ds.skipped().len());
        for s in ds.skipped().iter().take(3) {
            let at = s.position.cell.clone().unwrap_or_default();
            println!("  {at}: {}", s.value);
        }
        if let Some(s) = ds.skipped().first() {
            println!(
                "{}",
                common::wrap(&format!("  Why: {}", s.reason), 100, "    ")
            );
        }
    }

    let latest = ds
        .years()
        .filter(|y| ds.spending_in(*y).any(|r| r.share_of_gdp.is_some()))
        .last();
    let Some(year) = args.opt::<u16>(USAGE, "year").or(latest) else {
        println!("\nNo shares of GDP in this data.");
        return;
    };
    let fail = |e: defense_spending::Error| common::fail(USAGE, &e.to_string());
    let all = ds.countries_at_or_above(year, 2).unwrap_or_else(fail);
    let allies = ds.meeting_target(year, 2).unwrap_or_else(fail);
    println!();
    println!(
        "{year}: {} countries at or above 2 % of GDP, of which {} NATO Allies (of {} members).",
        all.len(),
        allies.len(),
        ds.members_in(year).count()
    );
    let mut table = Table::new(&[
        ("Country", Align::Left),
        ("Code", Align::Left),
        ("% of GDP", Align::Right),
        ("Ally", Align::Left),
    ]);
    for r in &all {
        let ally = r
            .country
            .country()
            .is_some_and(|c| ds.is_member_in(c, year));
        table.row(vec![
            ds.name_of(r.country),
            r.country.to_string(),
            r.share().map(|s| s.to_string()).unwrap_or_default(),
            if ally { "yes".into() } else { String::new() },
        ]);
    }
    print!("{}", table.render(100));
}
