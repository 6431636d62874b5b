//! Helpers shared by the integration tests: fresh temporary folders and files, and a
//! small workbook in SIPRI's layout. Each test file uses some of them.
#![allow(dead_code)]

mod fixtures;
#[allow(unused_imports)] // each test file uses some of them
pub use fixtures::{fixtures_dir, real_bytes, real_file, under_ci, FIXTURES_VAR};

use std::path::PathBuf;

/// A fresh, empty folder for one test: `defense-spending-<group>-<process>-<test>` in the
/// system's temporary folder.
pub fn temp_dir(group: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "defense-spending-{group}-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `bytes` to `name` in a fresh folder (see [`temp_dir`]) and returns the path.
pub fn write(group: &str, test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_dir(group, test).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A small workbook in SIPRI's layout: every sheet of `sheets`, a title on row 1, the
/// header on row 4, the region "Europe" on row 6 and the country `name` on row 7 (with
/// `note` in its Notes cell, if any). Its 2022 cell is "xxx" (SIPRI's marker for no
/// data); its 2023 cell is `poland_2023` in "Share of GDP" (a number if it parses as
/// one, else the text) and 1 elsewhere. `extra` writes more cells in "Share of GDP".
pub fn sipri_workbook(
    sheets: &[&str],
    name: &str,
    note: Option<&str>,
    poland_2023: &str,
    extra: impl Fn(&mut rust_xlsxwriter::Worksheet),
) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for &sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.write(
            0,
            0,
            "Military expenditure by country, 2022-2023      © SIPRI 2023",
        )
        .unwrap();
        ws.write(1, 0, "Figures are in US $m., in current US$")
            .unwrap();
        ws.write(3, 0, "Country").unwrap();
        ws.write(3, 1, "Notes").unwrap();
        ws.write(3, 2, 2022).unwrap();
        ws.write(3, 3, 2023).unwrap();
        ws.write(5, 0, "Europe").unwrap();
        ws.write(6, 0, name).unwrap();
        if let Some(note) = note {
            ws.write(6, 1, note).unwrap();
        }
        ws.write(6, 2, "xxx").unwrap();
        if sheet == "Share of GDP" {
            match poland_2023.parse::<f64>() {
                Ok(v) => ws.write(6, 3, v).unwrap(),
                Err(_) => ws.write(6, 3, poland_2023).unwrap(),
            };
            extra(ws);
        } else {
            ws.write(6, 3, 1.0).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The five sheets of SIPRI's workbook that the loader reads.
pub const SIPRI_SHEETS: &[&str] = &[
    "Share of GDP",
    "Current US$",
    "Constant (2022) US$",
    "Per capita",
    "Share of Govt. spending",
];

/// Loads `bytes` written to `name` in a fresh folder, which is removed afterwards.
pub fn load_written(
    group: &str,
    name: &str,
    bytes: &[u8],
) -> Result<defense_spending::Dataset, defense_spending::Error> {
    let path = write(group, name, name, bytes);
    let result = defense_spending::Dataset::load(&path);
    if let Some(dir) = path.parent() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    result
}
