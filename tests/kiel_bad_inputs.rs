//! The bad-input catalogue for the Kiel Institute's tracker: mutations of the real
//! release-7 workbook (read from the shared fixtures folder) made at run time by rewriting
//! its XML inside the zip, never committed. Each case names the error kind and the
//! position it must give (the workbook's `sheet!cell`, or the sheet), and is loaded twice:
//! from a file with `Dataset::load` and from memory with `Dataset::from_bytes`.
#![cfg(feature = "xlsx")]

use defense_spending::{Dataset, ErrorKind};
use kiel_common::{drop_sheet, edit_sheet, real_bytes, set_number, set_text, Cells, RELEASE_7};

mod kiel_common;

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    /// The error kind's name (`ErrorKind::name`).
    kind: &'static str,
    /// What the position must say (`Country Summary!F10`), and words the message holds.
    at: String,
    words: &'static [&'static str],
}

fn check(case: &Case) {
    let dir = std::env::temp_dir().join(format!("kiel-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.xlsx", case.name.replace(' ', "_")));
    std::fs::write(&path, &case.bytes).unwrap();
    let from_file = Dataset::load(&path).unwrap_err();
    let from_memory = Dataset::from_bytes(&path, &case.bytes).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        from_file.to_string(),
        from_memory.to_string(),
        "{}",
        case.name
    );
    let text = from_file.to_string();
    assert_eq!(from_file.kind().name(), case.kind, "{}: {text}", case.name);
    assert!(
        from_file.position().to_string().contains(&case.at),
        "{}: {text}",
        case.name
    );
    for w in case.words {
        assert!(text.contains(w), "{}: {w:?} not in {text}", case.name);
    }
}

#[test]
fn the_trackers_mutations_are_errors_at_their_cells() {
    let Some(bytes) = real_bytes(RELEASE_7) else {
        return;
    };
    let summary = Cells::of(&bytes, "Country Summary");
    let readme = Cells::of(&bytes, "ReadMe");
    let (canada, name_col) = summary.find("Canada");
    let (total, _) = summary.find("Total");
    let (header, _) = summary.find("Country");
    let mil = (name_col..name_col + 20)
        .find(|&c| summary.text(header, c).as_deref() == Some("Military commitments"))
        .unwrap();
    let (line_row, line_col) = (0..20)
        .flat_map(|r| (0..10).map(move |c| (r, c)))
        .find(|&(r, c)| {
            readme
                .text(r, c)
                .is_some_and(|t| t.contains("Ukraine Support Tracker"))
        })
        .unwrap();
    let cell = kiel_common::a1;
    let cases = [
        Case {
            name: "a summary cell with text for a number",
            bytes: edit_sheet(&bytes, "Country Summary", |x| {
                set_text(&x, &cell(canada, mil), "about 0.93")
            }),
            kind: "invalid_value",
            at: format!("Country Summary!{}", cell(canada, mil)),
            words: &["about 0.93", "text where a number belongs"],
        },
        Case {
            name: "a Total row that does not add up",
            bytes: edit_sheet(&bytes, "Country Summary", |x| {
                set_number(&x, &cell(total, mil), summary.float(total, mil) + 1.0)
            }),
            kind: "invalid_value",
            at: format!("Country Summary!{}", cell(total, mil)),
            words: &["does not add up", "military commitments", "41 donors"],
        },
        Case {
            name: "a missing sheet",
            bytes: drop_sheet(&bytes, "Bilateral assistance, MAIN DATA"),
            kind: "missing_table",
            at: "missing_sheet.xlsx".to_owned(),
            words: &["Bilateral assistance, MAIN DATA", "Country Summary"],
        },
        Case {
            name: "a release line in an unknown form",
            bytes: edit_sheet(&bytes, "ReadMe", |x| {
                set_text(
                    &x,
                    &cell(line_row, line_col),
                    "Ukraine Support Tracker – seventh release, autumn 2022",
                )
            }),
            kind: "invalid_value",
            at: format!("ReadMe!{}", cell(line_row, line_col)),
            words: &["seventh release", "unknown form", "covering"],
        },
        Case {
            name: "an unknown donor",
            bytes: edit_sheet(&bytes, "Country Summary", |x| {
                set_text(&x, &cell(canada, name_col), "Canadia")
            }),
            kind: "unknown_name",
            at: format!("Country Summary!{}", cell(canada, name_col)),
            words: &["Canadia", "Canada"],
        },
        Case {
            name: "a group of countries as a donor",
            bytes: edit_sheet(&bytes, "Country Summary", |x| {
                set_text(&x, &cell(canada, name_col), "NATO Total")
            }),
            kind: "invalid_value",
            at: format!("Country Summary!{}", cell(canada, name_col)),
            words: &["group of countries"],
        },
        Case {
            name: "no Total row",
            bytes: edit_sheet(&bytes, "Country Summary", |x| {
                set_text(&x, &cell(total, name_col), "")
            }),
            kind: "missing_table",
            at: "Country Summary".to_owned(),
            words: &["Total"],
        },
    ];
    for case in &cases {
        check(case);
    }
    // Without its summary the workbook is no tracker's: an unknown workbook, with its sheets.
    let err = Dataset::from_bytes("k.xlsx", &drop_sheet(&bytes, "Country Summary")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownFormat { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("ReadMe"), "{err}");
}
