//! Many sources, one answer (issue 18): a dataset of several publishers or editions
//! answers each question from one source per country and year, and says which.
//!
//! Two datasets: a folder of real files made at run time from `../shared/fixtures`
//! (NATO's June 2024 workbook, a World Bank CSV and an Our World in Data export; skipped
//! on a clone without them), and two NATO editions (the bundled June 2024 files and the
//! project's own CSV of the August 2025 series, `tests/fixtures/nato-2025-edition`),
//! which every clone runs.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use defense_spending::query::{revisions, Rule};
use defense_spending::{Dataset, Entity, ErrorKind, Figure, Metric, PledgeStatus, SpendingRecord};

const NATO: &str = "nato/240617-def-exp-2024-TABLES-en.xlsx";
const WORLD_BANK: &str = "worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv";
const OWID: &str = "owid/military-spending-as-a-share-of-gdp-sipri.csv";

/// The folder of NATO's workbook, the World Bank's CSV and the OWID export, and NATO's
/// workbook alone, each with the bundled pledges and sources; `None` (skipped) without
/// the real files.
fn real_folder(test: &str) -> Option<(Dataset, Dataset)> {
    let nato = common::real_file(NATO)?;
    let wb = common::real_file(WORLD_BANK)?;
    let owid = common::real_file(OWID)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let folder = |name: &str, files: &[&PathBuf]| {
        let dir = common::temp_dir("many-sources", &format!("{test}-{name}"));
        for f in files {
            std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
        }
        for own in ["pledges.csv", "sources.csv"] {
            std::fs::copy(root.join(own), dir.join(own)).unwrap();
        }
        Dataset::load(&dir).unwrap()
    };
    Some((
        folder("all", &[&nato, &wb, &owid]),
        folder("nato", &[&nato]),
    ))
}

/// The bundled files and the 2025-edition series in one folder.
fn two_editions(test: &str) -> Dataset {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir: PathBuf = common::temp_dir("two-editions", test);
    for entry in std::fs::read_dir(root.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let later = root.join("tests/fixtures/nato-2025-edition");
    std::fs::copy(later.join("spending.csv"), dir.join("spending-2025.csv")).unwrap();
    std::fs::copy(later.join("sources.csv"), dir.join("sources-2025.csv")).unwrap();
    Dataset::load(&dir).unwrap()
}

fn later_edition_alone() -> Dataset {
    Dataset::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nato-2025-edition"))
        .unwrap()
}

fn codes(rows: &[&SpendingRecord]) -> Vec<String> {
    rows.iter().map(|r| r.country.to_string()).collect()
}

fn distinct(rows: &[&SpendingRecord]) -> usize {
    rows.iter()
        .map(|r| r.country)
        .collect::<BTreeSet<Entity>>()
        .len()
}

fn entity(ds: &Dataset, text: &str) -> Entity {
    ds.entity(text).unwrap()
}

// Rule 1: no answer lists a country twice; counts, sums and rankings as on NATO's data.

#[test]
fn rule_1_the_real_folder_counts_each_ally_once_as_nato_does() {
    let Some((folder, nato)) = real_folder("rule-1") else {
        return;
    };
    assert!(folder.editions().len() >= 3, "{:?}", folder.editions());
    let hits = folder.meeting_target(2024, 2).unwrap();
    assert_eq!((hits.len(), distinct(&hits)), (23, 23));
    assert_eq!(codes(&hits), codes(&nato.meeting_target(2024, 2).unwrap()));
    let counts = folder.count_meeting_target(2).unwrap();
    let alone = nato.count_meeting_target(2).unwrap();
    let of = |c: &[defense_spending::YearCount], y: u16| {
        c.iter().find(|c| c.year == y).map(|c| c.meeting)
    };
    assert_eq!(
        (of(&counts, 2014), of(&counts, 2021), of(&counts, 2024)),
        (Some(3), Some(6), Some(23))
    );
    let pairs = |c: &[defense_spending::YearCount]| {
        c.iter()
            .map(|c| (c.year, c.meeting, c.members, c.reporting))
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(&counts), pairs(&alone));
    for year in 2014..=2024 {
        for metric in [
            Metric::ShareOfGdp,
            Metric::ExpenditureCurrent,
            Metric::EquipmentShare,
        ] {
            let ranked = folder.ranking(year, metric).unwrap();
            assert_eq!(distinct(&ranked), ranked.len());
            let alone = nato.ranking(year, metric).unwrap();
            assert_eq!(ranked, alone, "{year} {metric}");
        }
    }
}

#[test]
fn rule_1_shortfalls_on_the_real_folder_are_natos_30_allies_and_413_8_billion() {
    let Some((folder, nato)) = real_folder("shortfalls") else {
        return;
    };
    let r = folder.shortfalls(2024, "3.5").unwrap();
    assert_eq!(r.allies.len(), 30);
    let allies: BTreeSet<Entity> = r.allies.iter().map(|s| s.country).collect();
    assert_eq!(allies.len(), 30);
    assert_eq!(
        r,
        nato.shortfalls(2024, "3.5")
            .unwrap()
            .with_held(r.basis.held)
    );
    // US$413.8 billion, as NATO's own figures give it.
    let billions = (r.total_usd_million / rust_decimal::Decimal::ONE_THOUSAND).round_dp(1);
    assert_eq!(billions.to_string(), "413.8");
    assert!(r
        .allies
        .iter()
        .all(|s| folder.source(&s.source).unwrap().publisher == "NATO"));
}

/// Compares reports apart from the number of sources their dataset held.
trait WithHeld {
    fn with_held(self, held: usize) -> Self;
}

impl WithHeld for defense_spending::ShortfallReport {
    fn with_held(mut self, held: usize) -> Self {
        self.basis.held = held;
        self.basis.rule = Rule::Nato;
        self
    }
}

// Rule 2: editions of one publisher, the latest edition with figures for the year.

#[test]
fn rule_2_the_latest_edition_answers_and_editions_lists_both() {
    let ds = two_editions("rule-2");
    let editions = ds.editions();
    let ids: Vec<&str> = editions.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(ids, ["nato-def-exp-2025-series", "nato-def-exp-2024"]);
    assert!(editions.iter().all(|e| e.publisher == "NATO"));
    assert_eq!(editions[0].published.unwrap().to_string(), "2025-08-28");
    assert_eq!(editions[0].estimates, [2024]);
    assert_eq!(editions[1].estimates, [2023, 2024]);
    assert_eq!(editions[0].years, (2014..=2024).collect::<Vec<u16>>());

    // 2024: the 2025 edition's figures (the June 2024 estimates never beat them).
    let later = later_edition_alone();
    let hits = ds.meeting_target(2024, 2).unwrap();
    assert_eq!(distinct(&hits), hits.len());
    assert_eq!(codes(&hits), codes(&later.meeting_target(2024, 2).unwrap()));
    assert!(hits.iter().all(|r| r.source == "nato-def-exp-2025-series"));
    let pol = ds.record(entity(&ds, "POL"), 2024).unwrap();
    assert_eq!(pol.share().unwrap().to_string(), "3.79");
    assert_eq!(ds.records(entity(&ds, "POL"), 2024).count(), 2);
    let counts = ds.count_meeting_target(2).unwrap();
    for c in &counts {
        let alone = later.count_meeting_target(2).unwrap();
        let a = alone.iter().find(|a| a.year == c.year).unwrap();
        assert_eq!(
            (c.meeting, c.reporting),
            (a.meeting, a.reporting),
            "{}",
            c.year
        );
        assert_eq!(c.basis.rule, Rule::LatestEdition);
        assert_eq!(c.basis.sources, [sid("nato-def-exp-2025-series")]);
    }
    // The later edition has no GDP: no shortfall is priced with the older edition's.
    let r = ds.shortfalls(2024, 2).unwrap();
    assert!(r.allies.is_empty());
    let a = later.count_meeting_target(2).unwrap();
    let a = a.iter().find(|c| c.year == 2024).unwrap();
    assert_eq!(r.without_gdp.len(), a.reporting - a.meeting, "{r}");
    // A figure only the older edition has (expenditure) still answers from it.
    let top = ds.ranking(2024, Metric::ExpenditureCurrent).unwrap();
    assert!(top.iter().all(|r| r.source == "nato-def-exp-2024"));
}

#[test]
fn rule_2_an_undated_later_edition_ranks_after_a_dated_earlier_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = common::temp_dir("two-editions", "undated");
    for entry in std::fs::read_dir(root.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    // A workbook's loader may know no publication date: this one covers 2025, so it was
    // published in 2025 at the earliest, after the June 2024 edition.
    std::fs::write(
        dir.join("later.csv"),
        "country,year,share_of_gdp,estimate,source\nPOL,2024,3.79,false,nato-undated\n\
         POL,2025,4.48,true,nato-undated\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("later-sources.csv"),
        "id,publisher,title,url,published,note\n\
         nato-undated,NATO,Defence Expenditure of NATO Countries (2014-2025),,,\n",
    )
    .unwrap();
    let ds = Dataset::load(&dir).unwrap();
    assert_eq!(ds.editions()[0].source, "nato-undated");
    let pol = ds.record(entity(&ds, "POL"), 2024).unwrap();
    assert_eq!(pol.share().unwrap().to_string(), "3.79");
    // Every other Ally's 2024 figure is still the June 2024 edition's.
    let est = ds.record(entity(&ds, "EST"), 2024).unwrap();
    assert_eq!(est.source, "nato-def-exp-2024");
}

// Rule 3: several publishers.

#[test]
fn rule_3_nato_answers_for_allies_and_other_mixes_are_an_error_that_says_how_to_choose() {
    let Some((folder, _)) = real_folder("rule-3") else {
        return;
    };
    let counts = folder.count_meeting_target(2).unwrap();
    let c2024 = counts.iter().find(|c| c.year == 2024).unwrap();
    assert_eq!(c2024.basis.rule, Rule::Nato);
    assert!(c2024.to_string().contains("NATO's figures"), "{c2024}");

    let err = folder.countries_at_or_above(2022, 3).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::SeveralPublishers { .. }),
        "{err}"
    );
    let text = err.to_string();
    for name in ["NATO", "World Bank", "Our World in Data", "ds.publisher("] {
        assert!(text.contains(name), "{text}");
    }
    // As the error says: one publisher's view.
    let wb = folder.publisher("World Bank").unwrap();
    let hits = wb.countries_at_or_above(2022, 3).unwrap();
    assert!(hits.len() > 10);
    assert_eq!(distinct(&hits), hits.len());
    assert!(hits
        .iter()
        .all(|r| wb.source(&r.source).unwrap().publisher == "World Bank"));
    // A lookup of one country in one year, too.
    let err = folder.record(entity(&folder, "AUT"), 2022).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::SeveralPublishers { .. }),
        "{err}"
    );
}

// Rule 4: views on which every query works unchanged.

#[test]
fn rule_4_views_answer_as_the_source_loaded_alone() {
    let ds = two_editions("rule-4");
    let june = ds.from_source("nato-def-exp-2024").unwrap();
    let bundled = Dataset::bundled();
    assert_eq!(june.spending(), bundled.spending());
    assert_eq!(
        june.meeting_target(2024, 2).unwrap(),
        bundled.meeting_target(2024, 2).unwrap()
    );
    assert_eq!(
        june.shortfalls(2024, "3.5").unwrap().total_usd_million,
        bundled.shortfalls(2024, "3.5").unwrap().total_usd_million
    );
    assert_eq!(
        ds.publisher("nato").unwrap().spending().len(),
        ds.spending().len()
    );
    let err = ds.from_source("nato-def-exp-2026").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotInDataset { .. }));
    assert!(
        err.to_string().contains("nato-def-exp-2025-series"),
        "{err}"
    );
    assert!(ds.publisher("SIPRI").is_err());
}

// Rule 5: results that are not rows carry their sources, and say so with several.

#[test]
fn rule_5_results_carry_their_sources_and_display_them_with_several() {
    let bundled = Dataset::bundled();
    let c = bundled.count_meeting_target(2).unwrap();
    let c2024 = c.iter().find(|c| c.year == 2024).unwrap();
    assert_eq!(c2024.basis.sources, [sid("nato-def-exp-2024")]);
    assert_eq!(c2024.to_string(), "2024: 23 of 32 Allies (31 reporting)");

    let ds = two_editions("rule-5");
    let c = ds.count_meeting_target(2).unwrap();
    let c2024 = c.iter().find(|c| c.year == 2024).unwrap();
    assert_eq!(
        c2024.to_string(),
        format!(
            "2024: {} of 32 Allies ({} reporting), from nato-def-exp-2025-series (the latest \
             edition with the figures)",
            c2024.meeting, c2024.reporting
        )
    );
    let pol = entity(&ds, "POL");
    let change = ds.change(pol, 2014, 2024).unwrap();
    assert_eq!(change.basis.sources, [sid("nato-def-exp-2025-series")]);
    assert!(
        change
            .to_string()
            .ends_with("from nato-def-exp-2025-series (the latest edition with the figures)"),
        "{change}"
    );
    let totals = ds.alliance_totals().unwrap();
    assert!(totals
        .iter()
        .all(|t| t.basis.sources == [t.source] && t.source == "nato-def-exp-2024"));
    assert!(
        totals[0].to_string().contains("from nato-def-exp-2024"),
        "{}",
        totals[0]
    );
    let r = ds.shortfalls(2023, 2).unwrap();
    assert!(
        r.to_string().contains("from nato-def-exp-2025-series"),
        "{r}"
    );
}

// Rule 6: pledge verdicts say whether they rest on an estimate, and the later figure judges.

#[test]
fn rule_6_poland_kept_on_the_june_estimate_and_missed_on_the_later_figure() {
    let check = |ds: &Dataset| {
        ds.pledge_checks()
            .into_iter()
            .find(|c| c.pledge == "pol-2024")
            .unwrap()
    };
    let june = check(Dataset::bundled());
    assert_eq!(june.status, PledgeStatus::Kept);
    assert!(june.estimate);
    assert_eq!(june.source.unwrap(), "nato-def-exp-2024");
    assert_eq!(
        june.to_string(),
        "pol-2024 POL 2024 at least 4: kept (estimate 4.12)"
    );

    let ds = two_editions("rule-6");
    let later = check(&ds);
    assert_eq!(later.status, PledgeStatus::Missed);
    assert_eq!(Figure::percent(later.actual.unwrap()).to_string(), "3.79");
    assert_eq!(later.source.unwrap(), "nato-def-exp-2025-series");
    assert!(later.estimate);
    assert_eq!(
        later.to_string(),
        "pol-2024 POL 2024 at least 4: missed (estimate 3.79, nato-def-exp-2025-series)"
    );
    // No Ally is judged twice for one year.
    let wales: Vec<_> = ds
        .pledge_checks()
        .into_iter()
        .filter(|c| c.pledge == "wales-2014-gdp")
        .map(|c| c.subject.to_string())
        .collect();
    let unique: BTreeSet<&String> = wales.iter().collect();
    assert_eq!(unique.len(), wales.len());
}

#[test]
fn rule_6_on_the_real_folder_pledges_rest_on_natos_figures() {
    let Some((folder, nato)) = real_folder("rule-6") else {
        return;
    };
    let verdicts = |ds: &Dataset| {
        ds.pledge_checks()
            .into_iter()
            .map(|c| (c.pledge, c.subject.to_string(), c.year, c.status, c.actual))
            .collect::<Vec<_>>()
    };
    let on_folder = verdicts(&folder);
    assert!(on_folder.len() > 300, "{}", on_folder.len());
    let on_nato = verdicts(&nato);
    // Every Ally's verdict as on NATO's figures alone.
    let allies = |v: &[Verdict]| {
        v.iter()
            .filter(|c| c.1 != "RUS")
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(allies(&on_folder), allies(&on_nato));
    assert_eq!(on_folder.len(), on_nato.len());
    // Russia is no Ally: NATO's tables have no figure for it, and the one publisher of
    // the folder with a 2024 figure (Our World in Data) answers, and is named.
    let rus = folder
        .pledge_checks()
        .into_iter()
        .find(|c| c.pledge == "rus-2024-estimate")
        .unwrap();
    assert_eq!(rus.status, PledgeStatus::Consistent);
    let source = folder.source(&rus.source.unwrap()).unwrap();
    assert_eq!(source.publisher, "Our World in Data");
    assert!(
        rus.to_string().contains(rus.source.unwrap().as_str()),
        "{rus}"
    );
    let pol = folder
        .pledge_checks()
        .into_iter()
        .find(|c| c.pledge == "pol-2024")
        .unwrap();
    assert_eq!((pol.status, pol.estimate), (PledgeStatus::Kept, true));
    assert_eq!(pol.basis.rule, Rule::Nato);
}

// Rule 7: revisions between two editions of one dataset.

#[test]
fn rule_7_revisions_inside_one_dataset_are_those_between_two() {
    let ds = two_editions("rule-7");
    let inside = ds
        .revisions("nato-def-exp-2024", "nato-def-exp-2025-series")
        .unwrap();
    let apart = revisions(Dataset::bundled(), &later_edition_alone());
    assert!(!inside.is_empty());
    assert_eq!(inside, apart);
    let pol = inside
        .iter()
        .find(|r| r.country.to_string() == "POL" && r.year == 2024)
        .unwrap();
    assert_eq!(Figure::percent(pol.new).to_string(), "3.79");
    assert!(ds.revisions("nato-def-exp-2024", "nope").is_err());
}

// Issue 21: a year outside the data is told apart from a missing figure.

#[test]
fn a_year_outside_the_data_is_not_a_missing_figure() {
    let ds = Dataset::bundled();
    let pol = entity(ds, "POL");
    let err = ds.record(pol, 2031).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::YearNotInData { year: 2031, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "no spending figures for 2031 in this dataset (it covers 2014-2024)"
    );
    let err = ds.change(pol, 2014, 2031).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::YearNotInData { year: 2031, .. }),
        "{err}"
    );
    assert_eq!(ds.spending_in(2031).count(), 0);
    assert!(ds.has_year(2031).is_err());
    // A year in the data, a country without a record in it.
    let mine = Dataset::from_csv_str(
        "mine.csv",
        "country,year,share_of_gdp,source\nPOL,2024,4.12,a\nEST,2023,3.2,a\n",
    )
    .unwrap();
    let err = mine.record(entity(&mine, "EST"), 2024).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoFigure { year: 2024, .. }));
    assert_eq!(
        err.to_string(),
        "no figures for EST in 2024 in this dataset (its records cover 2023 only)"
    );
}

/// A pledge check's pledge, subject, year, status and figure.
type Verdict = (
    String,
    String,
    Option<u16>,
    PledgeStatus,
    Option<rust_decimal::Decimal>,
);

fn sid(id: &str) -> defense_spending::SourceId {
    id.parse().unwrap()
}
