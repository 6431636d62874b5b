//! The audit of `data/` (issue 21): each row says what its source says, no more. The
//! expected words are the sources' as `../shared/reference/facts.md` records them.

use defense_spending::Dataset;

fn pledge(id: &str) -> &'static defense_spending::Pledge {
    Dataset::bundled()
        .pledges()
        .iter()
        .find(|p| p.id == id)
        .unwrap()
}

fn source(id: &str) -> &'static defense_spending::Source {
    Dataset::bundled()
        .sources()
        .iter()
        .find(|s| s.id.as_str() == id)
        .unwrap()
}

#[test]
fn the_others_aid_figure_has_no_start_the_article_does_not_give() {
    let ds = Dataset::bundled();
    let others = ds.aid().iter().find(|a| a.id == "ap-others-2024").unwrap();
    assert_eq!(others.period_start, None);
    let note = others.note.as_deref().unwrap();
    assert!(note.contains("24 January 2022"), "{note}");
    assert!(
        note.contains("article's (9 July 2024), not the data's"),
        "{note}"
    );
}

#[test]
fn the_wales_pledges_quote_their_sources_and_say_what_is_read_into_them() {
    let gdp = pledge("wales-2014-gdp");
    assert!(gdp
        .statement
        .contains("aim to increase defence expenditure in real terms as GDP grows"));
    assert!(!gdp.statement.contains("raise spending"));
    assert!(gdp.note.as_deref().unwrap().contains("is a reading"));
    let equipment = pledge("wales-2014-equipment");
    assert_eq!(equipment.source.as_str(), "postimees-wales-equipment");
    assert!(equipment.note.as_deref().unwrap().contains("is a reading"));
}

#[test]
fn polands_pledge_names_its_speaker_as_the_article_does() {
    let pol = pledge("pol-2024");
    assert!(
        pol.made_by.starts_with("Władysław Kosiniak-Kamysz"),
        "{}",
        pol.made_by
    );
    assert!(pol
        .note
        .as_deref()
        .unwrap()
        .contains("said his country will commit at least 4% of its GDP to defense this year"));
}

#[test]
fn the_reuters_625_is_not_said_to_round_624_6() {
    let ds = Dataset::bundled();
    let reuters = ds
        .contracts()
        .iter()
        .find(|c| c.id == "us-army-stinger-2022" && c.source.as_str() == "reuters-stinger-2024")
        .unwrap();
    let note = reuters.note.as_deref().unwrap();
    assert!(note.contains("is an inference"), "{note}");
}

#[test]
fn source_dates_say_where_they_come_from() {
    for id in ["kiel-2025-02", "wion-sweden", "hague-2025"] {
        let s = source(id);
        assert_eq!(s.published, None, "{id}");
        assert!(
            s.note.as_deref().unwrap().contains("No publication date:"),
            "{id}"
        );
    }
    assert!(source("china-org-2009")
        .note
        .as_deref()
        .unwrap()
        .contains("URL"));
    assert!(source("esut-stinger-2024")
        .note
        .as_deref()
        .unwrap()
        .contains("July 9"));
    let ap = source("ap-stinger-2024");
    assert_eq!(
        ap.title,
        "NATO signs $700 million Stinger missile contract as it makes plans to boost arms production"
    );
    assert!(ap.url.as_deref().unwrap().contains("boost-arms-production"));
}
