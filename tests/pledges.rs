//! Pledges with a figure, pledges without one, and statements of spending: how each is
//! read from a pledges file and how `pledge_checks` treats it.

use defense_spending::output::CsvRow;
use defense_spending::{
    Bound, Dataset, DatasetParts, ErrorKind, PledgeKind, PledgeMetric, PledgeStatus,
    PledgeThreshold, Subject, Timing,
};
use rust_decimal::Decimal;

const HEADER: &str = "id,subject,kind,name,metric,bound,low,high,timing,year,adopted,adopted_on,made_by,statement,source,note\n";

/// A pledges file of `rows` under the full header, with a spending file giving Estonia's
/// and Poland's 2024 share, loaded together from memory.
fn load(rows: &str) -> Result<Dataset, defense_spending::Error> {
    let pledges = Dataset::from_csv_str("p.csv", &format!("{HEADER}{rows}"))?;
    let spending = Dataset::from_csv_str(
        "s.csv",
        "country,year,share_of_gdp,source\nEST,2024,3.43,s\nPOL,2024,3.9,s\n",
    )?;
    let mut parts = DatasetParts::from(spending);
    parts.pledges = pledges.pledges().to_vec();
    Ok(Dataset::index(parts))
}

fn column_of(rows: &str) -> Option<String> {
    let err = Dataset::from_csv_str("p.csv", &format!("{HEADER}{rows}")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{err}"
    );
    err.position().column.clone()
}

#[test]
fn a_pledge_without_a_figure_loads_without_metric_bound_low_or_timing() {
    let ds =
        load("ind,NATO,alliance_pledge,Plans,,,,,,,2024,2024-07-10,Leaders,National plans,src,\n")
            .unwrap();
    let p = &ds.pledges()[0];
    assert_eq!(p.threshold, None);
    assert_eq!(p.timing, None);
    assert_eq!((p.bound(), p.metric()), (None, None));
    assert_eq!(p.adopted_on.unwrap().to_string(), "2024-07-10");

    let checks = ds.pledge_checks();
    assert_eq!(checks.len(), 1, "one row, not one per Ally");
    let c = &checks[0];
    assert_eq!(
        (c.subject, c.year, c.bound, c.actual, c.status),
        (
            Subject::Alliance,
            None,
            None,
            None,
            PledgeStatus::NoThreshold
        )
    );
    assert_eq!(c.fields(), ["NATO", "ind", "", "", "", "no_threshold"]);
    assert_eq!(c.to_string(), "ind NATO -: no_threshold");
}

#[test]
fn a_pledge_without_a_figure_may_still_name_its_year() {
    let ds = load("ind,NATO,alliance_pledge,Plans,,,,,by,2030,2024,,Leaders,Plans by 2030,src,\n")
        .unwrap();
    let c = &ds.pledge_checks()[0];
    assert_eq!((c.year, c.status), (Some(2030), PledgeStatus::NoThreshold));
}

#[test]
fn a_statement_of_spending_is_compared_never_kept_or_missed() {
    let ds = load(
        "est,EST,stated_estimate,Estonia,share_of_gdp,more_than,3,,in,2024,2024,,Minister,Spending more than 3%,src,\n\
         high,EST,stated_estimate,Estonia,share_of_gdp,more_than,3.5,,in,2024,2024,,Minister,Spending more than 3.5%,src,\n\
         none,EST,stated_estimate,Estonia,share_of_gdp,more_than,3,,in,2023,2023,,Minister,Spending more than 3%,src,\n\
         pol,POL,national_pledge,Poland,share_of_gdp,at_least,4,,in,2024,2024,,Poland,At least 4%,src,\n",
    )
    .unwrap();
    assert!(!ds.pledges()[0].kind.is_promise());
    let checks = ds.pledge_checks();
    let got: Vec<(&str, Option<Decimal>, PledgeStatus)> = checks
        .iter()
        .map(|c| (c.pledge.as_str(), c.actual, c.status))
        .collect();
    let est = "3.43".parse().ok();
    assert_eq!(
        got,
        [
            ("est", est, PledgeStatus::Consistent),
            ("high", est, PledgeStatus::Inconsistent),
            ("none", None, PledgeStatus::Stated),
            // The same figures judge a pledge: 3.9 is short of "at least 4".
            ("pol", "3.9".parse().ok(), PledgeStatus::Missed),
        ]
    );
    assert_eq!(checks[0].fields()[5], "consistent");
}

#[test]
fn a_threshold_is_all_three_columns_or_none() {
    // metric without bound and low
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,share_of_gdp,,,,by,2024,2014,,m,s,src,\n").as_deref(),
        Some("bound")
    );
    // bound and low without metric
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,,at_least,2,,by,2024,2014,,m,s,src,\n").as_deref(),
        Some("metric")
    );
    // metric and bound without low
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,share_of_gdp,at_least,,,by,2024,2014,,m,s,src,\n")
            .as_deref(),
        Some("low")
    );
    // a high end with no figure at all
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,,,,9,,,2014,,m,s,src,\n").as_deref(),
        Some("high")
    );
}

#[test]
fn timing_rules() {
    // A figure needs its timing.
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,share_of_gdp,at_least,2,,,,2014,,m,s,src,\n")
            .as_deref(),
        Some("timing")
    );
    // A year needs its timing, figure or not.
    assert_eq!(
        column_of("x,NATO,alliance_pledge,n,,,,,,2030,2024,,m,s,src,\n").as_deref(),
        Some("timing")
    );
    // A statement of spending names a figure.
    assert_eq!(
        column_of("x,EST,stated_estimate,n,,,,,in,2024,2024,,m,s,src,\n").as_deref(),
        Some("metric")
    );
}

#[test]
fn a_file_without_the_threshold_columns_is_still_a_pledges_file() {
    let text = "id,subject,kind,name,adopted,made_by,statement,source\n\
                ind,NATO,alliance_pledge,Plans,2024,Leaders,National plans,src\n";
    let ds = Dataset::from_csv_str("p.csv", text).unwrap();
    assert_eq!(ds.pledges().len(), 1);
    assert_eq!(ds.pledges()[0].threshold, None);
}

#[test]
fn the_bundled_pledges_are_of_all_three_sorts() {
    let ds = Dataset::bundled();
    let get = |id: &str| ds.pledges().iter().find(|p| p.id == id).unwrap();

    // Poland's "at least 4 %" stays a national pledge.
    let pol = get("pol-2024");
    assert_eq!(pol.kind, PledgeKind::NationalPledge);
    assert_eq!(
        pol.threshold,
        Some(PledgeThreshold {
            metric: PledgeMetric::ShareOfGdp,
            bound: Bound::AtLeast {
                value: Decimal::from(4)
            }
        })
    );

    // Estonia's "more than 3 %" is what its minister said Estonia spends.
    let est = get("est-2024");
    assert_eq!(est.kind, PledgeKind::StatedEstimate);
    assert_eq!(est.made_by, "Hanno Pevkur, Estonia's defence minister");
    assert_eq!(
        est.bound(),
        Some(Bound::MoreThan {
            value: Decimal::from(3)
        })
    );
    assert_eq!(est.timing, Some(Timing::In { year: 2024 }));

    // Washington 2024: a pledge of every Ally, with no figure and no deadline.
    let ind = get("washington-2024-industry");
    assert_eq!(
        (ind.subject, ind.kind, ind.threshold, ind.timing),
        (Subject::Alliance, PledgeKind::AlliancePledge, None, None)
    );
    assert_eq!(ind.adopted_on.unwrap().to_string(), "2024-07-10");
    assert_eq!(ind.source, "nato-industrial-pledge-2024");
    assert!(ind.statement.contains("national plans"));
}
