//! SIPRI's Military Expenditure Database workbook (April 2024 release, 1948-2023), read
//! directly.
//!
//! Expected values were read off the workbook by hand (with openpyxl, `data_only=True`):
//! each is given with its sheet and cell. Shares are stored by SIPRI as fractions.
#![cfg(feature = "xlsx")]

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::OnceLock;

use defense_spending::load::{detect_format, Format};
use defense_spending::{Dataset, Entity, ErrorKind, SpendingRecord};
use rust_decimal::Decimal;

mod common;

/// SIPRI's workbook in the shared fixtures folder (never committed: `tests/common/fixtures.rs`).
const WORKBOOK: &str = "sipri/SIPRI-Milex-data-1948-2023.xlsx";

/// The workbook's path, or `None` (with a line saying so) where the folder is missing.
fn workbook() -> Option<PathBuf> {
    common::real_file(WORKBOOK)
}

/// The workbook, loaded once; `None` where it is missing.
fn sipri() -> Option<&'static Dataset> {
    static DS: OnceLock<Dataset> = OnceLock::new();
    let path = workbook()?;
    Some(DS.get_or_init(|| Dataset::load(path).unwrap()))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn record(code: &str, year: u16) -> Option<&'static SpendingRecord> {
    let e: Entity = code.parse().unwrap();
    // Called by tests that have found the workbook first.
    sipri().unwrap().record(e, year)
}

#[test]
fn a_dozen_cells_by_hand() {
    let Some(_sipri) = sipri() else {
        return;
    };
    // Share of GDP!BZ146, Poland 2023: 0.03832728538982234 (a fraction).
    assert_eq!(
        record("POL", 2023).unwrap().share_of_gdp,
        Some(d("3.832728538982234"))
    );
    // Share of GDP!BZ159, Ukraine 2023: 0.3665310993790993.
    assert_eq!(
        record("UKR", 2023).unwrap().share_of_gdp,
        Some(d("36.65310993790993"))
    );
    // Share of GDP!AT190, Kuwait 1991: 1.173498232086904, over 100 % of GDP (the Gulf War).
    assert_eq!(
        record("KWT", 1991).unwrap().share_of_gdp,
        Some(d("117.3498232086904"))
    );
    // Current US$!BZ79, United States of America 2023: 916014.7 (US$ m.).
    assert_eq!(
        record("USA", 2023)
            .unwrap()
            .get(defense_spending::Metric::ExpenditureCurrent),
        Some(d("916014.7"))
    );
    // Constant (2022) US$!BZ158, Russia 2022: 102366.63645968008.
    let rus = record("RUS", 2022).unwrap();
    assert_eq!(
        rus.get(defense_spending::Metric::ExpenditureConstant),
        Some(d("102366.63645968008"))
    );
    assert_eq!(rus.price_base_year(), Some(2022));
    // Per capita!C109, Korea, South 1988: 179.87335245988683 (current US$ per person).
    assert_eq!(
        record("KOR", 1988)
            .unwrap()
            .get(defense_spending::Metric::PerCapitaCurrent),
        Some(d("179.87335245988683"))
    );
    // Share of Govt. spending!AM148, Poland 2023: 0.08119155968430838.
    assert_eq!(
        record("POL", 2023)
            .unwrap()
            .get(defense_spending::Metric::ShareOfGovernment),
        Some(d("8.119155968430838"))
    );
    // Share of Govt. spending!Z28, Cote d'Ivoire 2010: 0.07791551696153222.
    assert_eq!(
        record("CIV", 2010)
            .unwrap()
            .get(defense_spending::Metric::ShareOfGovernment),
        Some(d("7.791551696153222"))
    );
    // Current US$!BZ141, Kosovo 2023: 133.18546592279202 (a non-ISO entity).
    assert_eq!(
        record("SIPRI_KOSOVO", 2023)
            .unwrap()
            .get(defense_spending::Metric::ExpenditureCurrent),
        Some(d("133.18546592279202"))
    );
    // Current US$!AS137, Czechoslovakia 1990: 2334.2618384401117.
    assert_eq!(
        record("SIPRI_CZECHOSLOVAKIA", 1990)
            .unwrap()
            .get(defense_spending::Metric::ExpenditureCurrent),
        Some(d("2334.2618384401117"))
    );
    // Current US$!AP160, USSR 1987: 225021.10084977018.
    assert_eq!(
        record("SIPRI_USSR", 1987)
            .unwrap()
            .get(defense_spending::Metric::ExpenditureCurrent),
        Some(d("225021.10084977018"))
    );
    // Share of GDP!BZ182, European Union 2023: 6.74812539531817e-05, i.e. 0.00674812539531817 %.
    assert_eq!(
        record("SIPRI_EU", 2023).unwrap().share_of_gdp,
        Some(d("0.00674812539531817"))
    );
}

#[test]
fn the_markers_give_no_figure() {
    let Some(ds) = sipri() else {
        return;
    };
    // Share of GDP!AS160, USSR 1990: "..." (missing); AU160, 1992: "xxx" (no such state).
    let ussr_1990 = record("SIPRI_USSR", 1990).unwrap();
    assert_eq!(ussr_1990.share_of_gdp, None);
    assert!(
        ussr_1990
            .get(defense_spending::Metric::ExpenditureCurrent)
            .is_some(),
        "Current US$!AS160 has a figure"
    );
    assert!(
        record("SIPRI_USSR", 1992).is_none(),
        "xxx in every sheet for 1992"
    );
    // Per capita!AL170, Iceland 2023: "..." while Current US$ has a figure.
    let isl = record("ISL", 2023).unwrap();
    assert_eq!(isl.get(defense_spending::Metric::PerCapitaCurrent), None);
    // Share of GDP!BW65, Costa Rica 2020: "...".
    assert!(record("CRI", 2020).is_none_or(|r| r.share_of_gdp.is_none()));
    // SIPRI marks estimates by colour only: not flagged.
    assert!(ds.spending().iter().all(|r| !r.estimate));
    assert!(ds.skipped().is_empty());
}

#[test]
fn countries_at_or_above_two_percent_in_2023() {
    let Some(ds) = sipri() else {
        return;
    };
    // Computed independently with a Python one-off over the sheet "Share of GDP" (openpyxl,
    // data_only=True): rows under the header whose column BZ (2023) holds a number v with
    // Decimal(repr(v)) * 100 >= 2, leaving out the rows that are not ISO countries (USSR,
    // Yugoslavia, Czechoslovakia, German Democratic Republic, Yemen North, Kosovo,
    // European Union): 54. The same for 1990 (column AS) gives 75 and for 1960 37.
    assert_eq!(
        ds.countries_at_or_above(2023, Decimal::TWO).unwrap().len(),
        54
    );
    assert_eq!(
        ds.countries_at_or_above(1990, Decimal::TWO).unwrap().len(),
        75
    );
    assert_eq!(
        ds.countries_at_or_above(1960, Decimal::TWO).unwrap().len(),
        37
    );
}

#[test]
fn historical_states_and_aggregates_are_kept_apart() {
    let Some(ds) = sipri() else {
        return;
    };
    let mut ids: Vec<&str> = ds.aggregates().iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "SIPRI_CZECHOSLOVAKIA",
            "SIPRI_EU",
            "SIPRI_GERMAN_DR",
            "SIPRI_KOSOVO",
            "SIPRI_USSR",
            "SIPRI_YEMEN_NORTH",
            "SIPRI_YUGOSLAVIA"
        ]
    );
    for a in ds.aggregates() {
        assert_eq!(a.source, "sipri-milex-1948-2023");
    }
    let ussr: Entity = "SIPRI_USSR".parse().unwrap();
    assert!(!ussr.is_country());
    assert_eq!(ds.name_of(ussr), "USSR");
    // Never counted as countries.
    for year in [1988, 2023] {
        assert!(ds
            .countries_at_or_above(year, Decimal::ZERO)
            .unwrap()
            .iter()
            .all(|r| r.country.is_country()));
    }
    // Region headings ("Africa", "North Africa", ...) are not entities: every record is an
    // ISO country or one of the ids above.
    let countries: std::collections::BTreeSet<&Entity> =
        ds.spending().iter().map(|r| &r.country).collect();
    assert_eq!(countries.iter().filter(|e| !e.is_country()).count(), 7);
    assert!(countries.len() > 160, "{}", countries.len());
}

#[test]
fn the_release_comes_from_the_file() {
    let Some(ds) = sipri() else {
        return;
    };
    let src = ds
        .source(&"sipri-milex-1948-2023".parse().unwrap())
        .unwrap();
    assert_eq!(src.publisher, "SIPRI");
    assert_eq!(src.title, "SIPRI Military Expenditure Database (1948-2023)");
    assert!(src.note.as_deref().unwrap().contains("2024-04-16"));
    assert!(ds
        .spending()
        .iter()
        .all(|r| r.source == *"sipri-milex-1948-2023"));
    assert_eq!(ds.years().next(), Some(1948));
    assert_eq!(ds.years().last(), Some(2023));
}

#[test]
fn detected_by_content_on_a_renamed_copy() {
    let Some(sipri) = sipri() else {
        return;
    };
    let bytes = std::fs::read(workbook().unwrap()).unwrap();
    assert_eq!(
        detect_format("renamed.bin", &bytes).unwrap(),
        Format::SipriWorkbook
    );
    let ds = common::load_written("sipri", "renamed.bin", &bytes).unwrap();
    assert_eq!(ds.spending().len(), sipri.spending().len());
}

/// A small workbook in SIPRI's layout (see `tests/common`), `name` on row 7 with a "‡"
/// note, and `poland_2023` as its 2023 share of GDP.
fn small_workbook(sheets: &[&str], poland_2023: &str, name: &str) -> Vec<u8> {
    common::sipri_workbook(sheets, name, Some("‡"), poland_2023, |_| {})
}

const ALL: &[&str] = common::SIPRI_SHEETS;

fn load_bytes(name: &str, bytes: &[u8]) -> Result<Dataset, defense_spending::Error> {
    common::load_written("sipri", name, bytes)
}

#[test]
fn a_small_workbook_in_sipris_layout_loads() {
    let ds = load_bytes("small.xlsx", &small_workbook(ALL, "0.0412", "Poland‡")).unwrap();
    assert_eq!(ds.spending().len(), 1);
    let r = &ds.spending()[0];
    assert_eq!(r.country.to_string(), "POL");
    assert_eq!(r.share_of_gdp, Some(d("4.12")));
    assert_eq!(r.share_of_gdp.unwrap().to_string(), "4.12");
    assert_eq!(
        r.get(defense_spending::Metric::ShareOfGovernment),
        Some(d("100"))
    );
    assert_eq!(ds.sources()[0].id, "sipri-milex-2022-2023");
}

#[test]
fn a_missing_sheet_is_an_error() {
    let sheets = &ALL[..4];
    let err = load_bytes("missing.xlsx", &small_workbook(sheets, "0.0412", "Poland")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MissingTable(_)), "{err}");
    assert!(
        err.to_string()
            .contains("missing sheet \"Share of Govt. spending\""),
        "{err}"
    );
}

#[test]
fn text_where_a_number_belongs_is_an_error_at_its_cell() {
    let err = load_bytes("text.xlsx", &small_workbook(ALL, "4.1%", "Poland")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{err}"
    );
    assert_eq!(err.position().cell.as_deref(), Some("Share of GDP!D7"));
    assert!(
        err.to_string().ends_with(
            "Share of GDP!D7: invalid value \"4.1%\": text where a number belongs \
         (the markers this format knows are \"...\", \"xxx\", \". .\", \"..\")"
        ),
        "{err}"
    );
}

#[test]
fn an_unknown_country_name_is_an_error_at_its_cell() {
    let err = load_bytes("name.xlsx", &small_workbook(ALL, "0.02", "Freedonia†")).unwrap_err();
    match err.kind() {
        ErrorKind::UnknownName { name, .. } => assert_eq!(name, "Freedonia"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.position().cell.as_deref(), Some("Share of GDP!A7"));
    // A misspelling: the message names the closest known names.
    let err = load_bytes("name.xlsx", &small_workbook(ALL, "0.02", "Korea, Sout")).unwrap_err();
    match err.kind() {
        ErrorKind::UnknownName { closest, .. } => assert_eq!(closest[0], "Korea, South"),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("not a known name (the closest known are \"Korea, South\""),
        "{err}"
    );
}

#[test]
fn fractions_become_percent_exactly() {
    let Some(_sipri) = sipri() else {
        return;
    };
    // Share of GDP!BZ182: 6.74812539531817e-05 is 0.00674812539531817 %, not a float's
    // approximation of it.
    let eu = record("SIPRI_EU", 2023).unwrap().share_of_gdp.unwrap();
    assert_eq!(eu.to_string(), "0.00674812539531817");
    assert_eq!(eu, Decimal::from_str("0.00674812539531817").unwrap());
}
