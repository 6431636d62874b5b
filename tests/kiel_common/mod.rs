//! What the Kiel tracker's tests share: the real release-7 workbook (read from the shared
//! fixtures folder, never committed), its cells read with calamine directly (not through
//! the loader), and mutations of it made at run time by rewriting a sheet's XML inside the
//! zip.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;

#[path = "../common/fixtures.rs"]
mod fixtures;
#[allow(unused_imports)]
pub use fixtures::{real_bytes, real_file};

/// The 7th release as Kiel issued it on 18 October 2022.
pub const RELEASE_7: &str = "kiel/Ukraine_Support_Tracker.xlsx";

/// A sheet's cells, read with calamine (0-based rows and columns, absolute).
pub struct Cells(pub calamine::Range<Data>);

impl Cells {
    pub fn of(bytes: &[u8], sheet: &str) -> Cells {
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        Cells(wb.worksheet_range(sheet).unwrap())
    }
    pub fn get(&self, row: u32, col: u32) -> &Data {
        self.0.get_value((row, col)).unwrap_or(&Data::Empty)
    }
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.get(row, col) {
            Data::String(s) => Some(s.trim().to_owned()),
            _ => None,
        }
    }
    /// A number cell as its shortest decimal text, exactly.
    pub fn number(&self, row: u32, col: u32) -> Decimal {
        match self.get(row, col) {
            Data::Float(f) => Decimal::from_str_exact(&format!("{f}")).unwrap(),
            Data::Int(i) => Decimal::from(*i),
            other => panic!("not a number at ({row}, {col}): {other:?}"),
        }
    }
    pub fn float(&self, row: u32, col: u32) -> f64 {
        match self.get(row, col) {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("not a number at ({row}, {col}): {other:?}"),
        }
    }
    /// The first row holding `text` in any column (its row and column).
    pub fn find(&self, text: &str) -> (u32, u32) {
        let (r0, c0) = self.0.start().unwrap();
        let (r1, c1) = self.0.end().unwrap();
        for r in r0..=r1 {
            for c in c0..=c1 {
                if self.text(r, c).as_deref() == Some(text) {
                    return (r, c);
                }
            }
        }
        panic!("{text:?} not in the sheet")
    }
    pub fn end_row(&self) -> u32 {
        self.0.end().unwrap().0
    }
}

/// The parts of a zip archive, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), data)
        })
        .collect()
}

/// A zip archive of `parts` (stored, not compressed).
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The workbook with part `name` rewritten by `f`.
pub fn rewrite(bytes: &[u8], name: &str, f: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut all = parts(bytes);
    let part = all
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    let text = String::from_utf8(std::mem::take(&mut part.1)).unwrap();
    part.1 = f(text).into_bytes();
    zip_of(&all)
}

/// The part (`xl/worksheets/sheet6.xml`) of the sheet called `sheet`.
pub fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let all = parts(bytes);
    let get =
        |n: &str| String::from_utf8(all.iter().find(|(p, _)| p == n).unwrap().1.clone()).unwrap();
    let workbook = get("xl/workbook.xml");
    let escaped = sheet.replace('&', "&amp;");
    let at = workbook
        .find(&format!("<sheet name=\"{escaped}\""))
        .unwrap();
    let rid = workbook[at..]
        .split("r:id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let rels = get("xl/_rels/workbook.xml.rels");
    let at = rels.find(&format!("Id=\"{rid}\"")).unwrap();
    let start = rels[..at].rfind('<').unwrap();
    let target = rels[start..]
        .split("Target=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    format!("xl/{}", target.trim_start_matches("/xl/"))
}

/// The sheet XML with cell `cell` (`F14`) made `new` (a whole `<c …>…</c>` element, or
/// with `{r}` for the reference).
fn replace_cell(xml: &str, cell: &str, new: &str) -> String {
    let open = format!("<c r=\"{cell}\"");
    let at = xml.find(&open).unwrap_or_else(|| panic!("no cell {cell}"));
    let rest = &xml[at..];
    let head_end = rest.find('>').unwrap();
    let end = if rest.as_bytes()[head_end - 1] == b'/' {
        head_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    format!(
        "{}{}{}",
        &xml[..at],
        new.replace("{r}", cell),
        &xml[at + end..]
    )
}

/// The sheet XML with a number in cell `cell`.
pub fn set_number(xml: &str, cell: &str, value: f64) -> String {
    replace_cell(xml, cell, &format!("<c r=\"{{r}}\"><v>{value:?}</v></c>"))
}

/// The sheet XML with text in cell `cell`.
pub fn set_text(xml: &str, cell: &str, text: &str) -> String {
    replace_cell(
        xml,
        cell,
        &format!("<c r=\"{{r}}\" t=\"inlineStr\"><is><t>{text}</t></is></c>"),
    )
}

/// The workbook with cells of sheet `sheet` changed by `f` (on its XML).
pub fn edit_sheet(bytes: &[u8], sheet: &str, f: impl FnOnce(String) -> String) -> Vec<u8> {
    let part = sheet_part(bytes, sheet);
    rewrite(bytes, &part, f)
}

/// The workbook without the sheet `sheet` in its list of sheets.
pub fn drop_sheet(bytes: &[u8], sheet: &str) -> Vec<u8> {
    let escaped = sheet.replace('&', "&amp;");
    rewrite(bytes, "xl/workbook.xml", |xml| {
        let at = xml.find(&format!("<sheet name=\"{escaped}\"")).unwrap();
        let end = at + xml[at..].find("/>").unwrap() + 2;
        format!("{}{}", &xml[..at], &xml[end..])
    })
}

/// The workbook with its document properties' last-saved date made `date`.
pub fn saved_on(bytes: &[u8], date: &str) -> Vec<u8> {
    rewrite(bytes, "docProps/core.xml", |xml| {
        let at = xml.find("<dcterms:modified").unwrap();
        let v = at + xml[at..].find('>').unwrap() + 1;
        format!("{}{date}{}", &xml[..v], &xml[v + 10..])
    })
}

/// An A1 reference for 0-based `row` and `col` (columns to `ZZ`).
pub fn a1(row: u32, col: u32) -> String {
    let letter = |n: u32| char::from(b'A' + n as u8);
    let c = if col < 26 {
        letter(col).to_string()
    } else {
        format!("{}{}", letter(col / 26 - 1), letter(col % 26))
    };
    format!("{c}{}", row + 1)
}

/// The re-issue: Denmark's military commitments 0.51 (€ billion), its total and the
/// Total row's moved by the same amount, the workbook saved on 22 November 2022.
pub fn reissue(bytes: &[u8]) -> Vec<u8> {
    let cells = Cells::of(bytes, "Country Summary");
    let (dnk, name_col) = cells.find("Denmark");
    let (total, _) = cells.find("Total");
    let (header, _) = cells.find("Country");
    let col = |title: &str| {
        (name_col..name_col + 20)
            .find(|&c| cells.text(header, c).as_deref() == Some(title))
            .unwrap()
    };
    let (mil, tot) = (
        col("Military commitments"),
        col("Total bilateral commitments"),
    );
    let delta = 0.51 - cells.float(dnk, mil);
    let edited = edit_sheet(bytes, "Country Summary", |xml| {
        let xml = set_number(&xml, &a1(dnk, mil), 0.51);
        let xml = set_number(&xml, &a1(dnk, tot), cells.float(dnk, tot) + delta);
        let xml = set_number(&xml, &a1(total, mil), cells.float(total, mil) + delta);
        set_number(&xml, &a1(total, tot), cells.float(total, tot) + delta)
    });
    saved_on(&edited, "2022-11-22")
}
