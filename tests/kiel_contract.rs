//! The Contract of issue 19, verbatim, on the real release-7 workbook (read from the shared
//! fixtures folder) and a re-issue of it made at run time (Denmark's military commitments
//! revised from €0.30bn to €0.51bn, as Kiel re-issued release 7 on 22 November 2022): both
//! written to a temporary folder under the Contract's file names, which is made the
//! current directory. Nothing is committed.
#![cfg(feature = "xlsx")]

use defense_spending::{AidBasis, AidFilter, AidKind, Dataset};
use kiel_common::{real_bytes, reissue, Cells, RELEASE_7};
use rust_decimal::Decimal;

mod kiel_common;

fn contract() -> Result<(), Box<dyn std::error::Error>> {
    use defense_spending::{AidBasis, AidFilter, AidKind, Dataset};
    let kiel = Dataset::load("Ukraine_Support_Tracker.xlsx")?;
    let military = AidFilter {
        kind: Some(AidKind::Military),
        basis: Some(AidBasis::Commitments),
        ..Default::default()
    };
    let total = kiel.aid_sum(&military)?; // every donor of the release: the summary's Total row, € millions
    for row in kiel.aid_latest(&military) {
        // one row per donor: its commitments in the summary
        println!("{row}");
    }
    let older = Dataset::load("an earlier release or issue.xlsx")?;
    for r in defense_spending::query::aid_revisions(&older, &kiel) {
        // donor, kind, basis, both figures
        println!("{r}");
    }
    let _ = total;
    Ok(())
}

#[test]
fn the_contract_holds() {
    let Some(october) = real_bytes(RELEASE_7) else {
        return;
    };
    let november = reissue(&october);
    let dir = std::env::temp_dir().join(format!("kiel-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Ukraine_Support_Tracker.xlsx"), &november).unwrap();
    std::fs::write(dir.join("an earlier release or issue.xlsx"), &october).unwrap();
    std::env::set_current_dir(&dir).unwrap();
    contract().unwrap();

    // What the Contract's comments promise, from the cells.
    let kiel = Dataset::load("Ukraine_Support_Tracker.xlsx").unwrap();
    let older = Dataset::load("an earlier release or issue.xlsx").unwrap();
    let military = AidFilter {
        kind: Some(AidKind::Military),
        basis: Some(AidBasis::Commitments),
        ..Default::default()
    };
    let cells = Cells::of(&november, "Country Summary");
    let (total_row, _) = cells.find("Total");
    let (header, name_col) = cells.find("Country");
    let mil = (name_col..name_col + 20)
        .find(|&c| cells.text(header, c).as_deref() == Some("Military commitments"))
        .unwrap();
    let total = kiel.aid_sum(&military).unwrap();
    assert_eq!(
        total.amount.money.millions,
        cells.number(total_row, mil) * Decimal::from(1000)
    );
    let rows = kiel.aid_latest(&military);
    let donors = (header + 2..total_row).count();
    assert_eq!(rows.len(), donors);
    let mut seen: Vec<_> = rows.iter().map(|r| r.donor).collect();
    seen.dedup();
    assert_eq!(seen.len(), donors, "one row per donor");
    // Two issues of release 7: two sources, never added.
    assert_ne!(
        kiel.aid_releases()[0].source,
        older.aid_releases()[0].source
    );
    assert_eq!(
        kiel.aid_releases()[0].number,
        older.aid_releases()[0].number
    );
    let revisions = defense_spending::query::aid_revisions(&older, &kiel);
    let dnk: Vec<String> = revisions
        .iter()
        .map(|r| format!("{} {} {}", r.donor, r.kind, r.basis))
        .collect();
    assert_eq!(
        dnk,
        ["DNK military commitments", "DNK total commitments"],
        "{revisions:?}"
    );
    let r = &revisions[0];
    assert_eq!(r.new.amount.money.millions, Decimal::from(510));
    assert_eq!(r.old.amount.money.millions, cells_of_october(&older));
    let shown = r.to_string();
    assert!(shown.contains("DNK") && shown.contains("military") && shown.contains("commitments"));
    assert!(
        shown.contains("EUR 510 million") && shown.contains(&r.old.amount.to_string()),
        "{shown}"
    );
    std::env::set_current_dir(std::env::temp_dir()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Denmark's military commitments in the October issue, from its cells.
fn cells_of_october(_older: &Dataset) -> Decimal {
    let bytes = real_bytes(RELEASE_7).unwrap();
    let cells = Cells::of(&bytes, "Country Summary");
    let (dnk, name_col) = cells.find("Denmark");
    let (header, _) = cells.find("Country");
    let mil = (name_col..name_col + 20)
        .find(|&c| cells.text(header, c).as_deref() == Some("Military commitments"))
        .unwrap();
    cells.number(dnk, mil) * Decimal::from(1000)
}
