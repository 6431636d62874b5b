//! The `xlsx` cargo feature: on by default; without it a workbook is a clear error.

use defense_spending::Dataset;

mod common;

/// NATO's workbook in the shared fixtures folder (never committed: `tests/common/fixtures.rs`).
const WORKBOOK: &str = "nato/240617-def-exp-2024-TABLES-en.xlsx";

#[cfg(feature = "xlsx")]
#[test]
fn with_the_feature_a_workbook_loads() {
    let Some(workbook) = common::real_file(WORKBOOK) else {
        return;
    };
    assert!(!Dataset::load(workbook).unwrap().spending().is_empty());
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn without_the_feature_a_workbook_says_to_enable_it() {
    use defense_spending::ErrorKind;
    let Some(workbook) = common::real_file(WORKBOOK) else {
        return;
    };
    let err = Dataset::load(&workbook).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::FeatureDisabled { .. }),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("needs the `xlsx` feature"), "{text}");
    assert!(text.contains("features = [\"xlsx\"]"), "{text}");
    let bytes = std::fs::read(&workbook).unwrap();
    let err = defense_spending::load::detect_format("renamed.bin", &bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::FeatureDisabled { .. }),
        "{err}"
    );
}
