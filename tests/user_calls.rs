//! The calls a new user makes first, and what they must give: the published figure, an
//! error rather than an empty answer, figures added only where they add up, errors that
//! compose with `?`. Each test here failed on the crate before issue 11.

use std::collections::HashMap;
use std::path::Path;

use defense_spending::output::{write_csv, write_json};
use defense_spending::{
    AidFilter, CountryCode, Dataset, Entity, ErrorKind, Figure, Metric, Result, SpendingRecord,
};

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// `(code, year) -> (printed, exact)` from a file of NATO's printed and exact figures.
fn printed(
    file: &str,
    keep: impl Fn(&csv::StringRecord) -> bool,
    printed: usize,
    exact: usize,
) -> HashMap<(String, u16), (String, String)> {
    let mut out = HashMap::new();
    let mut reader = csv::Reader::from_path(fixture(file)).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        if keep(&row) {
            out.insert(
                (row[0].to_owned(), row[2].parse().unwrap()),
                (row[printed].to_owned(), row[exact].to_owned()),
            );
        }
    }
    out
}

/// Every bundled share of GDP and every expenditure in current US$ shows as NATO prints it
/// (the printed column of NATO's tables beside the workbook's value): `{:.2}` of a
/// `Decimal` truncates (3.37 for the United States in 2024, where NATO prints 3.38).
#[test]
fn every_figure_shows_as_nato_prints_it() {
    let ds = Dataset::bundled();
    let shares = printed("nato-2024-printed/share_gdp.csv", |_| true, 3, 5);
    let money = printed(
        "nato-2024-printed/expenditure_usd.csv",
        |r| &r[3] == "current",
        4,
        6,
    );
    assert_eq!((shares.len(), money.len()), (363, 363));
    for (metric, table) in [
        (Metric::ShareOfGdp, &shares),
        (Metric::ExpenditureCurrent, &money),
    ] {
        for ((code, year), (shown, exact)) in table {
            let entity: Entity = code.parse().unwrap();
            let r = ds.record(entity, *year).unwrap();
            let figure = r.figure(metric).unwrap();
            assert_eq!(
                figure.exact().to_string(),
                *exact,
                "{code} {year}: the exact value"
            );
            assert_eq!(figure.to_string(), *shown, "{code} {year} {metric}");
            assert_eq!(r.rounded(metric).unwrap().to_string(), *shown);
        }
    }
    // The four the issue found truncated.
    for (code, shown) in [
        ("USA", "3.38"),
        ("LVA", "3.15"),
        ("GRC", "3.08"),
        ("MNE", "2.02"),
    ] {
        let r = ds.record(ds.entity(code).unwrap(), 2024).unwrap();
        assert_eq!(r.share().unwrap().to_string(), shown);
    }
}

/// A year outside the data is an error naming the years covered, never "nobody".
#[test]
fn a_year_outside_the_data_is_an_error_not_an_empty_answer() {
    let ds = Dataset::bundled();
    let is_year_error = |e: defense_spending::Error| {
        matches!(
            e.kind(),
            ErrorKind::YearNotInData {
                year: 2030,
                first: Some(2014),
                last: Some(2024)
            }
        )
    };
    assert!(is_year_error(ds.meeting_target(2030, 2).unwrap_err()));
    assert!(is_year_error(
        ds.countries_at_or_above(2030, 2).unwrap_err()
    ));
    assert!(is_year_error(ds.shortfalls(2030, 2).unwrap_err()));
    assert!(is_year_error(
        ds.ranking(2030, Metric::ShareOfGdp).unwrap_err()
    ));
    assert!(is_year_error(ds.changes(2014, 2030).unwrap_err()));
    let pol = ds.entity("POL").unwrap();
    assert!(ds.change(pol, 2010, 2024).is_err());
    assert!(ds.change(pol, 2014, 2024).is_ok());
    // Inside the data, "nobody" is an empty list.
    assert!(ds.meeting_target(2014, 5).unwrap().is_empty());
    assert_eq!(
        ds.shortfalls(2030, 2).unwrap_err().to_string(),
        "no spending figures for 2030 in this dataset (it covers 2014-2024)"
    );
}

/// The README's call for aid by donor gives no sum that no source reports.
#[test]
fn aid_by_donor_never_adds_reports_of_one_total() {
    let ds = Dataset::bundled();
    let all = ds.aid_latest(&AidFilter::default());
    // Each returned row is a reported row, unchanged.
    for a in &all {
        assert!(ds.aid().iter().any(|row| row == *a));
    }
    // Asking for a sum of what does not add up is an error that says why.
    let usa = AidFilter {
        donor: Some(ds.entity("United States").unwrap()),
        ..AidFilter::default()
    };
    let err = ds.aid_sum(&usa).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotAdditive { .. }), "{err}");
}

/// What `main` prints when it returns an error: the message, not the struct.
#[test]
fn debug_of_an_error_reads_like_its_message() {
    let err = Dataset::from_csv_str(
        "mine.csv",
        "country,year,share_of_gdp,source\nPOL,2024,2,5,x\n",
    )
    .unwrap_err();
    assert_eq!(format!("{err:?}"), err.to_string());
    assert!(
        format!("{err:?}").starts_with("mine.csv: line 2"),
        "{err:?}"
    );
    assert!(!format!("{err:?}").contains("Inner"));
    // A query's error has no position to print.
    let err = Dataset::bundled().entity("NATO_TOTL").unwrap_err();
    assert_eq!(
        format!("{err:?}"),
        "no country or aggregate \"NATO_TOTL\" in this dataset; did you mean NATO_TOTAL?"
    );
}

/// Names and codes resolve against the dataset; a typo is an error with a suggestion.
#[test]
fn entities_resolve_by_code_and_name_with_suggestions() {
    let ds = Dataset::bundled();
    for (text, code) in [
        ("Poland", "POL"),
        ("pol", "POL"),
        ("POL", "POL"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Slovak Republic", "SVK"),
        ("United States of America", "USA"),
        ("Czechia*", "CZE"),
        ("NATO Total", "NATO_TOTAL"),
        ("nato_total", "NATO_TOTAL"),
        ("Ukraine", "UKR"),
    ] {
        assert_eq!(ds.entity(text).unwrap().to_string(), code, "{text}");
    }
    let err = ds.entity("NATO_TOTL").unwrap_err();
    let ErrorKind::UnknownEntity { suggestions, .. } = err.kind() else {
        panic!("{err}")
    };
    assert_eq!(suggestions, &["NATO_TOTAL"]);
    // Valid ISO codes the dataset has nothing on are refused too: an empty series is a typo's symptom.
    assert!(ds.entity("AUS").is_err());
    assert!(ds.entity("").is_err());
}

/// A member's code works wherever an entity does.
#[test]
fn functions_taking_an_entity_take_a_country_code() {
    let ds = Dataset::bundled();
    let pol: CountryCode = "POL".parse().unwrap();
    assert_eq!(ds.series(pol).count(), 11);
    assert!(ds.record(pol, 2024).is_ok());
    assert!(ds.change(pol, 2014, 2024).is_ok());
    assert_eq!(ds.name_of(pol), "Poland");
    let e = Entity::from(pol);
    assert_eq!(ds.series(e).count(), ds.series(&e).count());
}

/// The README's `main`: `?` on a query, a threshold written as text, a code parsed, a file
/// created and the writers, all into this crate's `Error`.
fn a_users_main(dir: &Path) -> Result<usize> {
    let ds = Dataset::bundled();
    let at_two: Vec<&SpendingRecord> = ds.meeting_target(2024, "2")?;
    let pol: CountryCode = "POL".parse()?;
    let target: rust_decimal::Decimal = "3.5".parse()?;
    let report = ds.shortfalls(2024, target)?;
    let file = std::fs::File::create(dir.join("at-two.csv"))?;
    write_csv(file, &at_two)?;
    write_json(std::fs::File::create(dir.join("short.json"))?, &report)?;
    write_csv(std::fs::File::create(dir.join("pol.csv"))?, ds.series(pol))?;
    let _missing = std::fs::File::open(dir.join("no-such-file.csv"))?;
    Ok(at_two.len())
}

#[test]
fn errors_compose_with_question_marks() {
    let dir = std::env::temp_dir().join(format!("ds-user-main-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let err = a_users_main(&dir).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err}");
    // What it wrote before: the records as CSV, with names, loading back.
    let text = std::fs::read_to_string(dir.join("at-two.csv")).unwrap();
    assert!(
        text.starts_with("country,name,year,share_of_gdp,"),
        "{text}"
    );
    assert!(text.contains("\nPOL,Poland,2024,"));
    assert!(text.contains("\nTUR,Türkiye,2024,"));
    let back = Dataset::load(dir.join("at-two.csv")).unwrap();
    assert_eq!(back.spending().len(), 23);
    // JSON figures are exact strings.
    let json = std::fs::read_to_string(dir.join("short.json")).unwrap();
    assert!(json.contains("\"target\": \"3.5\""), "{json}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn figures_of_any_metric_round_half_away_from_zero() {
    assert_eq!(
        Figure::percent("0.125".parse().unwrap()).to_string(),
        "0.13"
    );
    assert_eq!(Figure::millions("2.5".parse().unwrap()).to_string(), "3");
    assert_eq!(Figure::millions("-2.5".parse().unwrap()).to_string(), "-3");
}
