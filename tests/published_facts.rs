//! The bundled data reproduces the facts NATO and the press published.
//!
//! Sources of the expected values: NATO's June 2024 release (23 of 32 Allies at 2 % in
//! 2024; politico.eu, 17 June 2024), Stoltenberg on 2014 (three Allies; hurriyetdailynews),
//! the Sweden Herald on 2021 ("six countries"), the UK MOD bulletin of 11 April 2024 on 2022
//! (seven, same names), and the top shares printed in the press (pravda.com.ua, 18 June 2024).

use defense_spending::{Dataset, Entity, Metric};
use rust_decimal::Decimal;

fn codes(year: u16) -> Vec<String> {
    Dataset::bundled()
        .meeting_target(year, Decimal::TWO)
        .unwrap()
        .iter()
        .map(|r| r.country.to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn share(code: &str, year: u16) -> Decimal {
    let e: Entity = code.parse().unwrap();
    Dataset::bundled()
        .record(e, year)
        .unwrap()
        .rounded(Metric::ShareOfGdp)
        .unwrap()
}

#[test]
fn three_allies_at_two_percent_in_2014() {
    assert_eq!(sorted(codes(2014)), ["GBR", "GRC", "USA"]);
}

#[test]
fn six_allies_at_two_percent_in_2021_before_the_invasion() {
    assert_eq!(
        sorted(codes(2021)),
        ["EST", "GBR", "GRC", "LVA", "POL", "USA"]
    );
}

#[test]
fn seven_allies_at_two_percent_in_2022() {
    assert_eq!(
        sorted(codes(2022)),
        ["EST", "GBR", "GRC", "LTU", "LVA", "POL", "USA"]
    );
}

#[test]
fn twenty_three_of_32_allies_at_two_percent_in_2024_in_natos_order() {
    // NATO's list, highest first, as printed in its June 2024 release.
    let expected = [
        "POL", "EST", "USA", "LVA", "GRC", "LTU", "FIN", "DNK", "GBR", "ROU", "MKD", "NOR", "BGR",
        "SWE", "DEU", "HUN", "CZE", "TUR", "FRA", "NLD", "ALB", "MNE", "SVK",
    ];
    assert_eq!(codes(2024), expected);
    let ds = Dataset::bundled();
    assert_eq!(ds.members_in(2024).count(), 32);
    let c = ds.count_meeting_target(Decimal::TWO).unwrap();
    let y2024 = c.iter().find(|c| c.year == 2024).unwrap();
    assert_eq!(
        (y2024.meeting, y2024.members, y2024.reporting),
        (23, 32, 31)
    );
}

#[test]
fn counts_by_year_match_the_rounded_figures_nato_prints() {
    // Counting on NATO's printed two-decimal figures must give the same answer as the
    // exact values the crate compares.
    let ds = Dataset::bundled();
    for c in ds.count_meeting_target(Decimal::TWO).unwrap() {
        let printed = ds
            .spending_in(c.year)
            .filter(|r| r.country.is_country())
            .filter(|r| {
                r.rounded(Metric::ShareOfGdp)
                    .is_some_and(|s| s >= Decimal::TWO)
            })
            .count();
        assert_eq!(c.meeting, printed, "{}", c.year);
    }
    let by_year: Vec<(u16, usize)> = ds
        .count_meeting_target(Decimal::TWO)
        .unwrap()
        .iter()
        .map(|c| (c.year, c.meeting))
        .collect();
    assert_eq!(by_year.first(), Some(&(2014, 3)));
    assert_eq!(by_year.last(), Some(&(2024, 23)));
    assert_eq!(by_year.len(), 11);
}

#[test]
fn headline_shares_for_2024() {
    assert_eq!(share("POL", 2024), Decimal::new(412, 2));
    assert_eq!(share("EST", 2024), Decimal::new(343, 2));
    assert_eq!(share("USA", 2024), Decimal::new(338, 2));
    assert_eq!(share("LVA", 2024), Decimal::new(315, 2));
    assert_eq!(share("GRC", 2024), Decimal::new(308, 2));
    assert_eq!(share("ESP", 2024), Decimal::new(128, 2));
    assert_eq!(share("SVK", 2024), Decimal::new(200, 2));
}

#[test]
fn poland_keeps_at_least_four_and_estonia_spends_more_than_three() {
    // Poland's "at least 4 %" is a pledge, and NATO's 4.12 % meets it; Estonia's "more
    // than 3 %" is its defence minister's statement of what it spends, and NATO's 3.43 %
    // agrees with it.
    let ds = Dataset::bundled();
    for (id, code) in [("pol-2024", "POL"), ("est-2024", "EST")] {
        let pledge = ds.pledges().iter().find(|p| p.id == id).unwrap();
        let figure = ds
            .record(code.parse::<defense_spending::Entity>().unwrap(), 2024)
            .unwrap()
            .share_of_gdp
            .unwrap();
        assert!(pledge.bound().unwrap().is_met_by(figure), "{id}: {figure}");
    }
    let est = ds.pledges().iter().find(|p| p.id == "est-2024").unwrap();
    assert!(!est.kind.is_promise());
    assert!(est.made_by.starts_with("Hanno Pevkur"));
}

#[test]
fn iceland_is_an_ally_without_spending_figures() {
    let ds = Dataset::bundled();
    let isl = ds.member("ISL".parse().unwrap()).unwrap();
    assert_eq!(isl.joined.to_string(), "1949-04-04");
    let series: Vec<_> = ds
        .series("ISL".parse::<defense_spending::Entity>().unwrap())
        .collect();
    assert_eq!(series.len(), 11, "NATO's Table 5 lists Iceland's GDP");
    assert!(series
        .iter()
        .all(|r| r.share_of_gdp.is_none() && r.get(Metric::ExpenditureCurrent).is_none()));
    assert!(series.iter().all(|r| r.get(Metric::GdpCurrent).is_some()));
}

#[test]
fn finland_and_sweden_joined_when_nato_says() {
    let ds = Dataset::bundled();
    let fin = ds.member("FIN".parse().unwrap()).unwrap();
    let swe = ds.member("SWE".parse().unwrap()).unwrap();
    assert_eq!(fin.joined.to_string(), "2023-04-04");
    assert_eq!(swe.joined.to_string(), "2024-03-07");
    assert_eq!(ds.members_in(2022).count(), 30);
    assert_eq!(ds.members_in(2023).count(), 31);
}

#[test]
fn aggregates_are_never_counted_as_countries() {
    let ds = Dataset::bundled();
    let total: Entity = "NATO_TOTAL".parse().unwrap();
    let r = ds.record(total, 2024).unwrap();
    assert!(
        r.share_of_gdp.unwrap() > Decimal::TWO,
        "NATO as a whole is above 2 %"
    );
    for year in ds.years() {
        assert!(ds
            .meeting_target(year, Decimal::ZERO)
            .unwrap()
            .iter()
            .all(|r| r.country.is_country()));
    }
    assert_eq!(ds.meeting_target(2024, Decimal::ZERO).unwrap().len(), 31);
}

#[test]
fn the_stinger_contract_keeps_each_reported_value_with_its_own_details() {
    use defense_spending::{Currency, Qualifier};
    let ds = Dataset::bundled();
    let reports: Vec<_> = ds
        .contracts()
        .iter()
        .filter(|c| c.id == "nspa-stinger-2024")
        .collect();
    let by_source: Vec<(&str, String, Currency, Qualifier)> = reports
        .iter()
        .map(|c| {
            (
                c.source.as_str(),
                c.value.money.millions.to_string(),
                c.value.money.currency,
                c.value.qualifier,
            )
        })
        .collect();
    assert_eq!(
        by_source,
        [
            (
                "reuters-stinger-2024",
                "700".into(),
                Currency::Usd,
                Qualifier::Almost
            ),
            (
                "esut-stinger-2024",
                "700".into(),
                Currency::Usd,
                Qualifier::Almost
            ),
            (
                "esut-stinger-2024",
                "643".into(),
                Currency::Eur,
                Qualifier::About
            ),
            // Given plainly; whether it is the exact value is unverified.
            (
                "stiriziare-stinger-2024",
                "670".into(),
                Currency::Usd,
                Qualifier::Plain
            ),
        ]
    );
    for c in &reports {
        assert_eq!(c.signed.to_string(), "2024-07-09");
        assert!(ds.source(&c.source).is_some(), "{}", c.source);
        let on_behalf: Vec<String> = c.on_behalf_of.iter().map(|c| c.to_string()).collect();
        if c.source == "reuters-stinger-2024" {
            // Reuters: "in the name of several member states", none named, and no
            // quantity, type or route.
            assert!(on_behalf.is_empty());
            assert_eq!((c.quantity, c.route.as_deref()), (None, None));
            assert!(!c.system.contains("FIM-92K"));
        } else {
            // ESUT and stiriziare.ro name the Allies and the quantity.
            assert_eq!(on_behalf, ["DEU", "ITA", "NLD"]);
            assert_eq!(c.quantity, Some(940));
        }
        // Only ESUT gives the type and the Foreign Military Sales route.
        assert_eq!(
            c.system.contains("FIM-92K"),
            c.source == "esut-stinger-2024",
            "{}",
            c.source
        );
        assert_eq!(
            c.route.as_deref() == Some("US Foreign Military Sales"),
            c.source == "esut-stinger-2024"
        );
    }

    // The US Army's May 2022 order: Reuters' "$625 million", the Defense Department's
    // US$624.6 million (as Shephard reports its notice), neither stated to be exact.
    let army: Vec<(&str, String, Qualifier)> = ds
        .contracts()
        .iter()
        .filter(|c| c.id == "us-army-stinger-2022")
        .map(|c| {
            assert_eq!(c.signed.to_string(), "2022-05");
            (
                c.source.as_str(),
                c.value.money.millions.to_string(),
                c.value.qualifier,
            )
        })
        .collect();
    assert_eq!(
        army,
        [
            ("reuters-stinger-2024", "625".into(), Qualifier::Plain),
            ("shephard-stinger-2022", "624.6".into(), Qualifier::Plain),
        ]
    );
}

#[test]
fn aid_to_ukraine_as_the_article_words_it() {
    use defense_spending::Qualifier;
    let ds = Dataset::bundled();
    let us = ds.aid().iter().find(|a| a.id == "ap-usa-2024").unwrap();
    assert_eq!(us.amount.to_string(), "more than USD 53600 million");
    assert_eq!(us.amount.qualifier, Qualifier::MoreThan);
    let others = ds.aid().iter().find(|a| a.id == "ap-others-2024").unwrap();
    assert_eq!(others.amount.to_string(), "about USD 50000 million");
    assert_eq!(ds.name_of(others.donor), "Other NATO members and partners");
    assert!(!others.donor.is_country());
}

#[test]
fn every_row_cites_a_defined_source() {
    let ds = Dataset::bundled();
    let cited = ds
        .spending()
        .iter()
        .map(|r| &r.source)
        .chain(ds.members().iter().map(|m| &m.source))
        .chain(ds.pledges().iter().map(|p| &p.source))
        .chain(ds.contracts().iter().map(|c| &c.source))
        .chain(ds.aid().iter().map(|a| &a.source))
        .chain(ds.aggregates().iter().map(|a| &a.source));
    for id in cited {
        assert!(ds.source(id).is_some(), "{id}");
    }
}

/// Every bundled source is cited by a row, and every source either has its publication
/// date or says in its note why not, in a sentence starting "No publication date:".
#[test]
fn every_source_is_cited_and_dated_or_says_why_not() {
    use std::collections::BTreeSet;
    let ds = Dataset::bundled();
    let cited: BTreeSet<&str> = ds
        .spending()
        .iter()
        .map(|r| r.source.as_str())
        .chain(ds.members().iter().map(|m| m.source.as_str()))
        .chain(ds.pledges().iter().map(|p| p.source.as_str()))
        .chain(ds.contracts().iter().map(|c| c.source.as_str()))
        .chain(ds.aid().iter().map(|a| a.source.as_str()))
        .chain(ds.aggregates().iter().map(|a| a.source.as_str()))
        .collect();
    let defined: BTreeSet<&str> = ds.sources().iter().map(|s| s.id.as_str()).collect();
    let uncited: Vec<&&str> = defined.difference(&cited).collect();
    assert!(uncited.is_empty(), "sources no row cites: {uncited:?}");
    let undefined: Vec<&&str> = cited.difference(&defined).collect();
    assert!(undefined.is_empty(), "cited but not defined: {undefined:?}");

    let mut undated = 0;
    for s in ds.sources() {
        if s.published.is_some() {
            continue;
        }
        undated += 1;
        let note = s.note.as_deref().unwrap_or_default();
        let why = note
            .split_once("No publication date:")
            .map(|(_, why)| why.trim())
            .unwrap_or_default();
        assert!(
            why.len() > 10,
            "{}: no published date, and the note does not say why: {note:?}",
            s.id
        );
    }
    // The fact check gives no date for these pages, and the audit of issue 21 undated
    // three whose dates no record backs; the others have theirs.
    assert!(undated <= 13, "{undated} undated sources");
}

#[test]
fn the_hague_commitment_is_data_not_a_constant() {
    use defense_spending::{Bound, Timing};
    let ds = Dataset::bundled();
    let get = |id: &str| ds.pledges().iter().find(|p| p.id == id).unwrap();
    assert_eq!(
        get("hague-2025-total").bound(),
        Some(Bound::AtLeast {
            value: Decimal::from(5)
        })
    );
    assert_eq!(
        get("hague-2025-core").bound(),
        Some(Bound::AtLeast {
            value: Decimal::new(35, 1)
        })
    );
    assert_eq!(
        get("hague-2025-related").bound(),
        Some(Bound::UpTo {
            value: Decimal::new(15, 1)
        })
    );
    assert_eq!(
        get("hague-2025-core").timing,
        Some(Timing::By { year: 2035 })
    );
    assert_eq!(
        get("wales-2014-gdp").adopted_on.unwrap().to_string(),
        "2014-09-05"
    );
    let russia = get("rus-2024-estimate");
    assert_eq!(
        russia.bound(),
        Some(Bound::Range {
            low: Decimal::from(7),
            high: Decimal::from(9)
        })
    );
}
