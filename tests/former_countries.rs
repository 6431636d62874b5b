//! Former countries (ISO 3166-3 codes: `ANT`, `SCG`, `YUG`, `CSK`, `SUN`, `DDR`, `ZAR`,
//! `BUR`, `TMP`, ...) in Our World in Data's exports: historical entities, kept apart as
//! SIPRI's `USSR` is, never an error and never a current country.
//!
//! The 2025 exports that hold `ANT` (the SIPRI share-of-GDP export with the
//! `World regions according to OWID` column, and the Global Military Spending Dataset's
//! `military-spending-gmsd.csv`) are not among the shared real files: their layouts are
//! re-created here, with values written by the test.

use defense_spending::{names, Dataset, Entity};

fn aggregate<'a>(ds: &'a Dataset, id: &str) -> Option<&'a defense_spending::Aggregate> {
    ds.aggregates().iter().find(|a| a.id.as_str() == id)
}

fn entity(code: &str) -> Entity {
    code.parse().unwrap()
}

/// The 2025 SIPRI share export's layout: the plural region column, filled on one row per
/// entity.
fn share_export() -> String {
    [
        "Entity,Code,Year,Military expenditure (% of GDP),World regions according to OWID",
        "Netherlands Antilles,ANT,1990,0.5,North America",
        "Netherlands Antilles,ANT,1991,0.75,",
        "Serbia and Montenegro,SCG,2005,2.25,Europe",
        "USSR,SUN,1988,12.5,Europe",
        "Czechoslovakia,CSK,1990,3.5,Europe",
        "East Germany,DDR,1989,4.25,Europe",
        "Zaire,ZAR,1990,1.5,Africa",
        "Burma,BUR,1985,3,Asia",
        "East Timor,TMP,2001,1.25,Asia",
        "Yugoslavia,YUG,1990,4.75,Europe",
        "Poland,POL,1990,2.5,Europe",
    ]
    .join("\n")
}

#[test]
fn former_countries_in_an_owid_export_load_apart_from_current_ones() {
    let ds = Dataset::from_bytes(
        "military-spending-as-a-share-of-gdp-sipri.csv",
        share_export().as_bytes(),
    )
    .unwrap();
    for (code, year, want) in [
        ("ANT", 1990, "0.5"),
        ("ANT", 1991, "0.75"),
        ("SCG", 2005, "2.25"),
        ("SUN", 1988, "12.5"),
        ("CSK", 1990, "3.5"),
        ("DDR", 1989, "4.25"),
        ("ZAR", 1990, "1.5"),
        ("BUR", 1985, "3"),
        ("TMP", 2001, "1.25"),
        ("YUG", 1990, "4.75"),
    ] {
        let id = entity(&format!("FORMER_{code}"));
        assert!(!id.is_country());
        let record = ds
            .record(id, year)
            .unwrap_or_else(|e| panic!("{code} {year}: {e}"));
        assert_eq!(record.share_of_gdp.unwrap().to_string(), want, "{code}");
        // Defined, with the file's name and ISO 3166-3's word for what it is.
        let aggregate = aggregate(&ds, &id.to_string()).unwrap_or_else(|| panic!("{code}"));
        assert!(aggregate.description.contains("former country"), "{code}");
        assert!(aggregate.description.contains(code), "{code}");
    }
    assert_eq!(
        aggregate(&ds, "FORMER_ANT").unwrap().name,
        "Netherlands Antilles"
    );
    // Never a current country: no country row but Poland's, and no count of countries
    // includes them.
    let countries: Vec<_> = ds
        .spending()
        .iter()
        .filter(|r| r.country.is_country())
        .map(|r| r.country.to_string())
        .collect();
    assert_eq!(countries, ["POL"]);
    // Kept apart from SIPRI's own ids for states without a code.
    assert!(aggregate(&ds, "SIPRI_USSR").is_none());
}

#[test]
fn the_gmsd_export_layout_with_a_former_country_loads() {
    let text = [
        "Entity,Code,Year,\"Military expenditure (% of GDP) - Method: Global Military Spending \
         Dataset, 2024 (Stockholm International Peace Research Institute (SIPRI); GMSD (2025))\"",
        "Netherlands Antilles,ANT,1995,0.25",
        "Poland,POL,1995,1.75",
    ]
    .join("\n");
    let ds = Dataset::from_bytes("military-spending-gmsd.csv", text.as_bytes()).unwrap();
    let ant = entity("FORMER_ANT");
    assert_eq!(
        ds.record(ant, 1995)
            .unwrap()
            .share_of_gdp
            .unwrap()
            .to_string(),
        "0.25"
    );
    assert_eq!(
        ds.record(entity("POL"), 1995)
            .unwrap()
            .share_of_gdp
            .unwrap()
            .to_string(),
        "1.75"
    );
}

#[test]
fn a_code_neither_current_nor_former_is_still_an_error() {
    let text = "Entity,Code,Year,Military expenditure (% of GDP)\nNowhere,XYZ,1990,1\n";
    let err = Dataset::from_bytes("x.csv", text.as_bytes()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("XYZ"), "{message}");
    assert!(message.contains("ISO 3166-3"), "{message}");
}

#[test]
fn names_resolve_former_codes_to_their_aggregate() {
    assert_eq!(names::lookup("ANT").unwrap().to_string(), "FORMER_ANT");
    assert_eq!(names::lookup("SCG").unwrap().to_string(), "FORMER_SCG");
    assert!(!names::lookup("YUG").unwrap().is_country());
    assert!("ANT".parse::<defense_spending::CountryCode>().is_err());
}
