//! Wide tables as users save them: a name whose letter a re-save turned into `?`, and a
//! quoted `"1,234"` in a comma-separated file (a thousands separator or a decimal comma?).

use defense_spending::{Dataset, Entity, ErrorKind, LoadOptions, Metric};

fn load(text: &str, metric: Metric) -> defense_spending::Result<Dataset> {
    LoadOptions::new()
        .metric(metric)
        .from_bytes("constant.csv", text.as_bytes())
}

#[test]
fn a_name_with_a_letter_lost_to_a_question_mark_is_read_and_reported() {
    let text = "Country,2021,2022\nT?rkiye,11000.5,10600.25\nC?te d'Ivoire,600,650\n";
    let ds = load(text, Metric::ExpenditureConstant).unwrap();
    let tur = "TUR".parse::<Entity>().unwrap();
    assert_eq!(
        ds.record(tur, 2022)
            .unwrap()
            .get(Metric::ExpenditureConstant)
            .unwrap()
            .to_string(),
        "10600.25"
    );
    assert!(ds.record("CIV".parse::<Entity>().unwrap(), 2021).is_ok());
    let reported: Vec<_> = ds.skipped().iter().map(|s| s.to_string()).collect();
    assert_eq!(reported.len(), 2, "{reported:?}");
    assert!(reported[0].contains("line 2"), "{}", reported[0]);
    assert!(reported[0].contains("T?rkiye"), "{}", reported[0]);
    assert!(reported[0].contains("Türkiye"), "{}", reported[0]);
    assert!(reported[1].contains("Côte d'Ivoire"), "{}", reported[1]);
}

#[test]
fn a_question_mark_that_fits_no_name_is_unknown() {
    for name in ["P?land", "Gu?nea"] {
        let text = format!("Country,2021\n{name},1.5\n");
        let err = load(&text, Metric::ShareOfGdp).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnknownName { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_quoted_number_with_one_comma_is_ambiguous_at_its_line_and_column() {
    let text = "Country,2021,2022\nPoland,\"12,345.5\",\"1,234\"\n";
    let err = load(text, Metric::ExpenditureCurrent).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{message}"
    );
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("2022"), "{message}");
    assert!(message.contains("ambiguous"), "{message}");
    assert!(
        message.contains("1234") && message.contains("1.234"),
        "{message}"
    );
    // Unambiguous groupings still load.
    let ds = load(
        "Country,2021,2022\nPoland,\"12,345.5\",\"1,234,567\"\n",
        Metric::ExpenditureCurrent,
    )
    .unwrap();
    assert_eq!(
        ds.record("POL".parse::<Entity>().unwrap(), 2022)
            .unwrap()
            .get(Metric::ExpenditureCurrent)
            .unwrap()
            .to_string(),
        "1234567"
    );
}
