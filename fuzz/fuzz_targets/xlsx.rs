//! NATO's and SIPRI's workbooks, two ways:
//!
//! - an input starting with a zip signature (`PK`) is given as it is to the loader
//!   (mutated real workbooks: the archive, the XML, the shared strings);
//! - any other input is a little program that builds a well-formed workbook with
//!   `rust_xlsxwriter` (sheets named as NATO's or SIPRI's, cells with numbers, years,
//!   country names, markers and text, anywhere), so that the loaders' own logic is
//!   reached without the fuzzer having to find valid deflate streams.
#![no_main]

use defense_spending::Dataset;
use libfuzzer_sys::fuzz_target;
use rust_xlsxwriter::Workbook;

const SHEETS: &[&str] = &[
    "TABLE1",
    "TABLE2",
    "TABLE3",
    "TABLE4",
    "TABLE5",
    "TABLE6",
    "TABLE7",
    "TABLE8a",
    "TABLE8b",
    "Front page",
    "Share of GDP",
    "Current US$",
    "Constant (2022) US$",
    "Per capita",
    "Share of Govt. spending",
    "Local currency financial years",
    "Notes",
];

const TEXTS: &[&str] = &[
    "Country",
    "Poland",
    "Albania",
    "Belgium",
    "United States",
    "NATO Total",
    "NATO Europe and Canada",
    "Kuwait",
    "USSR",
    "..",
    "...",
    "xxx",
    "-",
    "#REF!",
    "2024e",
    "2023",
    "Notes",
    "Africa",
    "Europe",
    "Million US$",
    "% of GDP",
    "Current prices",
    "Constant 2015 prices",
    "Table 3",
    "e",
    "",
    "1,5",
    "NaN",
    "Czechia*",
    "Türkiye",
];

fn build(data: &[u8]) -> Option<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut bytes = data.iter().copied();
    let sheets = usize::from(bytes.next()? % 4) + 1;
    for _ in 0..sheets {
        let name = SHEETS.get(usize::from(bytes.next()?) % SHEETS.len())?;
        let ws = wb.add_worksheet();
        if ws.set_name(*name).is_err() {
            return None;
        }
    }
    let mut sheet = 0usize;
    while let (Some(op), Some(r), Some(c)) = (bytes.next(), bytes.next(), bytes.next()) {
        let (row, col) = (u32::from(r) % 64, u16::from(c) % 32);
        let ws = wb.worksheet_from_index(sheet).ok()?;
        let ok = match op % 6 {
            0 => ws
                .write_number(row, col, f64::from(bytes.next()?) / 7.0)
                .is_ok(),
            1 => ws
                .write_number(row, col, 1948.0 + f64::from(bytes.next()? % 90))
                .is_ok(),
            2 => ws
                .write_string(row, col, TEXTS[usize::from(bytes.next()?) % TEXTS.len()])
                .is_ok(),
            3 => {
                let n = usize::from(bytes.next()? % 8);
                let s: String = bytes.by_ref().take(n).map(char::from).collect();
                ws.write_string(row, col, s).is_ok()
            }
            4 => ws
                .write_number(row, col, f64::from_bits(u64::from(bytes.next()?) << 56))
                .is_ok(),
            _ => {
                sheet = usize::from(r) % sheets;
                true
            }
        };
        if !ok {
            return None;
        }
    }
    wb.save_to_buffer().ok()
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        let _ = Dataset::from_bytes("fuzz/workbook.xlsx", data);
    } else if let Some(workbook) = build(data) {
        let _ = Dataset::from_bytes("fuzz/built.xlsx", &workbook);
    }
});
