//! The `xlsx` cargo feature: on by default; without it a workbook is a clear error.

use defense_spending::Dataset;

const WORKBOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/nato/240617-def-exp-2024-TABLES-en.xlsx"
);

#[cfg(feature = "xlsx")]
#[test]
fn with_the_feature_a_workbook_loads() {
    assert!(!Dataset::load(WORKBOOK).unwrap().spending().is_empty());
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn without_the_feature_a_workbook_says_to_enable_it() {
    use defense_spending::ErrorKind;
    let err = Dataset::load(WORKBOOK).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::FeatureDisabled { .. }),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("needs the `xlsx` feature"), "{text}");
    assert!(text.contains("features = [\"xlsx\"]"), "{text}");
    let bytes = std::fs::read(WORKBOOK).unwrap();
    let err = defense_spending::load::detect_format("renamed.bin", &bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::FeatureDisabled { .. }),
        "{err}"
    );
}
