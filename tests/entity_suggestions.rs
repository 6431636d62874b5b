//! `Dataset::entity` for names a user tries first: a country the pledges name (Russia, in
//! Estonia's defence minister's estimate) and the Alliance as `NATO`.

use defense_spending::{Dataset, ErrorKind, Subject};

#[test]
fn a_country_the_pledges_name_is_known() {
    let ds = Dataset::bundled();
    let rus = ds.entity("Russia").unwrap();
    assert_eq!(rus.to_string(), "RUS");
    assert_eq!(ds.entity("RUS").unwrap(), rus);
    // Because a statement in the pledges is about it.
    assert!(ds
        .pledges()
        .iter()
        .any(|p| p.subject == Subject::Country(rus.country().unwrap())));
    // A typo of it is suggested.
    let err = ds.entity("Rusia").unwrap_err();
    let ErrorKind::UnknownEntity { suggestions, .. } = err.kind() else {
        panic!("{err}")
    };
    assert!(
        suggestions.iter().any(|s| s.starts_with("RUS")),
        "{suggestions:?}"
    );
}

#[test]
fn nato_suggests_the_alliance_total_first() {
    let ds = Dataset::bundled();
    let err = ds.entity("NATO").unwrap_err();
    let ErrorKind::UnknownEntity { suggestions, .. } = err.kind() else {
        panic!("{err}")
    };
    assert_eq!(
        suggestions.first().map(String::as_str),
        Some("NATO_TOTAL"),
        "{err}"
    );
    assert!(
        suggestions.iter().any(|s| s == "NATO_EUCAN"),
        "{suggestions:?}"
    );
    assert!(err.to_string().contains("NATO_TOTAL"), "{err}");
    // A typo still gets the close names only.
    let err = ds.entity("Polnd").unwrap_err();
    let ErrorKind::UnknownEntity { suggestions, .. } = err.kind() else {
        panic!("{err}")
    };
    assert_eq!(
        suggestions.first().map(String::as_str),
        Some("POL (Poland)")
    );
}
