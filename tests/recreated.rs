//! Every format the crate reads, re-created by this file's own code: so that a clone
//! without the publishers' real files (`../shared/fixtures`, read by the other tests
//! through `tests/common/fixtures.rs`) still tests every loader.
//!
//! Each writer follows the layout of the publisher's file as `../shared/fixtures/SOURCES.md`
//! describes it (NATO's and SIPRI's workbooks, the World Bank's bulk CSV with its metadata
//! lines, BOM, quoted fields and trailing commas, its country and indicator metadata and
//! the zip of the three, Our World in Data's 2022 and 2026 exports, a wide table, and a
//! European Excel's re-save of each CSV). The figures are the test's own, made by a
//! formula, not any publisher's; the expected values are what the test wrote, parsed here.

use std::collections::BTreeMap;
use std::io::Write;

use defense_spending::load::{detect_format, Format};
use defense_spending::{Dataset, Entity, ErrorKind, LoadOptions, Metric};
use rust_decimal::Decimal;

mod common;

fn entity(code: &str) -> Entity {
    code.parse().unwrap()
}

/// A decimal as a file writes it (`1.715E-05` too), exactly.
fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s)
        .or_else(|_| Decimal::from_scientific(s))
        .unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

/// Every record's value of `metric`, by entity id and year.
fn values(ds: &Dataset, metric: Metric) -> BTreeMap<(String, u16), Decimal> {
    ds.spending()
        .iter()
        .filter_map(|r| r.get(metric).map(|v| ((r.country.to_string(), r.year), v)))
        .collect()
}

/// A zip archive of `files` (name, bytes), deflated, as the World Bank ships them.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `text` (a comma-separated file) as a European Excel saves it: `;` between fields,
/// decimal commas in numbers, quotes where a field needs them, CRLF.
fn european(text: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = String::new();
    for r in reader.records() {
        let fields: Vec<String> = r
            .unwrap()
            .iter()
            .map(|f| {
                let is_number = f.starts_with(|c: char| c.is_ascii_digit())
                    && f.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | 'E' | 'e'));
                if is_number {
                    f.replace('.', ",")
                } else if f.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.to_owned()
                }
            })
            .collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

// ---------------------------------------------------------------------------------------
// The World Bank: bulk CSV, country metadata, indicator metadata, the zip of the three.

/// The years of the World Bank files written here.
const WB_YEARS: [u16; 4] = [2019, 2020, 2021, 2022];

/// The rows of a World Bank data file: name, code, and a cell per year (empty: no
/// figure). Countries, aggregates (`WLD`, `EMU`), a code that is not ISO 3166-1 (`XKX`),
/// a name with a comma, a row with no figure at all, a value with an exponent.
/// With `dollars`, each cell is the share's figure times a million (read back in
/// millions, the same figure).
fn wb_rows(dollars: bool) -> Vec<(&'static str, &'static str, Vec<String>)> {
    let cell = |i: usize, j: usize| format!("{}.{:02}", i + 1, j * 7 + 3);
    let names = [
        ("Poland", "POL"),
        ("Korea, Rep.", "KOR"),
        ("Turkiye", "TUR"),
        ("Kosovo", "XKX"),
        ("Euro area", "EMU"),
        ("World", "WLD"),
    ];
    let mut rows: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, &(name, code))| {
            let cells: Vec<String> = (0..WB_YEARS.len())
                // Korea's 2019 cell left empty: no figure.
                .map(|j| {
                    if (i, j) == (1, 0) {
                        String::new()
                    } else {
                        cell(i, j)
                    }
                })
                .collect();
            (name, code, cells)
        })
        .collect();
    // Kosovo's 2022 cell with an exponent, as the World Bank writes small values.
    rows[3].2[3] = "1.715E-05".to_owned();
    rows.insert(0, ("Aruba", "ABW", vec![String::new(); WB_YEARS.len()]));
    if dollars {
        for (_, _, cells) in &mut rows {
            for c in cells.iter_mut().filter(|c| !c.is_empty()) {
                *c = (dec(c) * Decimal::from(1_000_000)).normalize().to_string();
            }
        }
    }
    rows
}

/// A World Bank bulk CSV as downloaded: a BOM, four metadata lines (two of them blank),
/// the header, every field quoted, every line ending with a comma, LF.
fn wb_data(code: &str, name: &str, updated: &str, dollars: bool) -> String {
    let quoted = |fields: &[&str]| {
        let mut line: String = fields.iter().map(|f| format!("\"{f}\",")).collect();
        line.push('\n');
        line
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&quoted(&["Data Source", "World Development Indicators"]));
    out.push('\n');
    out.push_str(&quoted(&["Last Updated Date", updated]));
    out.push('\n');
    let years: Vec<String> = WB_YEARS.iter().map(u16::to_string).collect();
    let mut header = vec![
        "Country Name",
        "Country Code",
        "Indicator Name",
        "Indicator Code",
    ];
    header.extend(years.iter().map(String::as_str));
    out.push_str(&quoted(&header));
    for (country, iso, cells) in wb_rows(dollars) {
        let mut fields = vec![country, iso, name, code];
        fields.extend(cells.iter().map(String::as_str));
        out.push_str(&quoted(&fields));
    }
    out
}

const WB_SHARE: &str = "MS.MIL.XPND.GD.ZS";
const WB_SHARE_NAME: &str = "Military expenditure (% of GDP)";

/// The share-of-GDP data file, last updated 2023-09-19.
fn wb_share() -> String {
    wb_data(WB_SHARE, WB_SHARE_NAME, "2023-09-19", false)
}

/// The country metadata file: `Country Code, Region, IncomeGroup, SpecialNotes,
/// TableName`, aggregates with an empty region, a quoted note with a bare line break.
fn wb_countries() -> String {
    "\u{feff}\"Country Code\",\"Region\",\"IncomeGroup\",\"SpecialNotes\",\"TableName\",\n\
     \"ABW\",\"Latin America & Caribbean\",\"High income\",\"\",\"Aruba\",\n\
     \"EMU\",\"\",\"\",\"A note written by the test,\nover two lines.\",\"Euro area\",\n\
     \"KOR\",\"East Asia & Pacific\",\"High income\",\"\",\"Korea, Rep.\",\n\
     \"POL\",\"Europe & Central Asia\",\"High income\",\"\",\"Poland\",\n\
     \"TUR\",\"Europe & Central Asia\",\"Upper middle income\",\"\",\"Turkiye\",\n\
     \"WLD\",\"\",\"\",\"\",\"World\",\n\
     \"XKX\",\"Europe & Central Asia\",\"Upper middle income\",\"\",\"Kosovo\",\n"
        .to_owned()
}

const NOTE: &str = "A source note written by the test.";
const ORGANISATION: &str = "An organisation named by the test.";

/// The indicator metadata file: one record and a trailing comma, a BOM, CRLF.
fn wb_indicator() -> String {
    format!(
        "\u{feff}\"INDICATOR_CODE\",\"INDICATOR_NAME\",\"SOURCE_NOTE\",\"SOURCE_ORGANIZATION\",\r\n\
         \"{WB_SHARE}\",\"{WB_SHARE_NAME}\",\"{NOTE}\",\"{ORGANISATION}\",\r\n"
    )
}

/// The share cells written by [`wb_rows`] (the dollar cells in millions): (entity id,
/// year) to value, an aggregate's code with `WB_` before it.
fn wb_cells() -> BTreeMap<(String, u16), Decimal> {
    let mut cells = BTreeMap::new();
    for (_, code, row) in wb_rows(false) {
        let id = match code {
            "WLD" | "EMU" | "XKX" => format!("WB_{code}"),
            _ => code.to_owned(),
        };
        for (year, cell) in WB_YEARS.iter().zip(&row) {
            if !cell.is_empty() {
                cells.insert((id.clone(), *year), dec(cell));
            }
        }
    }
    cells
}

#[test]
fn a_world_bank_bulk_csv_gives_every_cell_it_holds() {
    let text = wb_share();
    assert_eq!(
        detect_format("renamed.txt", text.as_bytes()).unwrap(),
        Format::WorldBank
    );
    let ds =
        Dataset::from_bytes("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.csv", text.as_bytes()).unwrap();
    assert_eq!(values(&ds, Metric::ShareOfGdp), wb_cells());
    assert_eq!(
        ds.record(entity("POL"), 2022).unwrap().share_of_gdp,
        Some(dec("1.24"))
    );
    assert_eq!(
        ds.record(entity("WB_XKX"), 2022).unwrap().share_of_gdp,
        Some(dec("0.00001715"))
    );
    // Aruba's empty row and Korea's empty cell give no record, never a zero.
    assert_eq!(ds.series(&entity("ABW")).count(), 0);
    assert!(ds.record(entity("KOR"), 2019).is_none());
    // Aggregates (and Kosovo's XKX, no ISO code) are kept apart from countries.
    for id in ["WB_WLD", "WB_EMU", "WB_XKX"] {
        assert!(ds.aggregates().iter().any(|a| a.id.as_str() == id), "{id}");
    }
    let at_two = ds.countries_at_or_above(2022, Decimal::TWO).unwrap();
    assert!(at_two.iter().all(|r| r.country.is_country()));
    assert_eq!(
        at_two.len(),
        2,
        "KOR and TUR (POL is at 1.24), not WLD, EMU or XKX"
    );
    // The source is the indicator and the file's date.
    let s = ds
        .source(&"worldbank-MS.MIL.XPND.GD.ZS-2023-09-19".parse().unwrap())
        .unwrap();
    assert_eq!(s.publisher, "World Bank");
    assert_eq!(s.title, WB_SHARE_NAME);
    assert_eq!(s.published.unwrap().to_string(), "2023-09-19");
}

#[test]
fn world_bank_dollars_become_millions_exactly() {
    // Each cell is the share file's figure in dollars: a million times it.
    let text = wb_data(
        "MS.MIL.XPND.CD",
        "Military expenditure (current USD)",
        "2024-03-28",
        true,
    );
    assert!(
        text.contains("\"1030000\",\"1100000\""),
        "Poland's row in dollars"
    );
    let ds = Dataset::from_bytes("usd.csv", text.as_bytes()).unwrap();
    assert_eq!(values(&ds, Metric::ExpenditureCurrent), wb_cells());
    assert!(ds.spending().iter().all(|r| r.share_of_gdp.is_none()));
}

#[test]
fn a_bad_world_bank_cell_is_an_error_at_its_line_and_year() {
    // Line 1 "Data Source", 2 blank, 3 "Last Updated Date", 4 blank, 5 the header, 6
    // Aruba, 7 Poland.
    let text = wb_share().replacen("\"1.10\"", "\"n/a\"", 1);
    assert!(text.lines().nth(6).unwrap().contains("\"n/a\""));
    let err = Dataset::from_bytes("bad.csv", text.as_bytes()).unwrap_err();
    assert_eq!(err.position().line, Some(7));
    assert_eq!(err.position().column.as_deref(), Some("2020"));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
}

#[test]
fn the_world_bank_download_zipped_or_unzipped_loads_as_one_dataset() {
    let files = [
        ("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_1.csv", wb_share()),
        (
            "Metadata_Country_API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_1.csv",
            wb_countries(),
        ),
        (
            "Metadata_Indicator_API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_1.csv",
            wb_indicator(),
        ),
    ];
    let dir = common::temp_dir("recreated", "wb-folder");
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let folder = Dataset::load(&dir).unwrap();
    let zip = zip_of(&files.each_ref().map(|(n, t)| (*n, t.as_bytes())));
    let path = dir.join("API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_1.zip");
    std::fs::write(&path, &zip).unwrap();
    let zipped = Dataset::load(&path).unwrap();
    // The folder's zip is not read besides its files: the same records.
    assert_eq!(Dataset::load(&dir).unwrap().spending(), folder.spending());
    std::fs::remove_dir_all(&dir).unwrap();

    for ds in [&folder, &zipped] {
        assert_eq!(values(ds, Metric::ShareOfGdp), wb_cells());
        // The country metadata names the aggregates.
        let wld = ds
            .aggregates()
            .iter()
            .find(|a| a.id.as_str() == "WB_WLD")
            .unwrap();
        assert_eq!(
            (wld.name.as_str(), wld.source.as_str()),
            ("World", "worldbank-country-metadata")
        );
        // The indicator metadata gives the source its title and note.
        let s = ds
            .sources()
            .iter()
            .find(|s| s.id.as_str().starts_with("worldbank-MS.MIL.XPND.GD.ZS"))
            .unwrap();
        assert_eq!(s.title, WB_SHARE_NAME);
        let note = s.note.as_deref().unwrap();
        assert!(note.contains(NOTE) && note.contains(ORGANISATION), "{note}");
    }
    assert_eq!(zipped.spending(), folder.spending());
    assert_eq!(zipped.aggregates(), folder.aggregates());
    // An error inside the zip names the file inside it.
    let bad = wb_share().replacen("\"1.10\"", "\"n/a\"", 1);
    let zip = zip_of(&[("folder/API.csv", bad.as_bytes())]);
    let err = Dataset::from_bytes("download.zip", &zip).unwrap_err();
    assert_eq!(
        err.position().file.as_deref(),
        Some(std::path::Path::new("download.zip/folder/API.csv"))
    );
    assert_eq!(err.position().line, Some(7));
}

#[test]
fn world_bank_files_in_crlf_and_as_a_european_excel_saves_them_read_the_same() {
    let text = wb_share();
    let original = Dataset::from_bytes("a.csv", text.as_bytes()).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let resaved = european(&text);
    assert!(resaved.contains("Korea, Rep.;KOR;") && resaved.contains(";1,24;"));
    for variant in [crlf, resaved] {
        let ds = Dataset::from_bytes("b.csv", variant.as_bytes()).unwrap();
        assert_eq!(ds.spending(), original.spending());
    }
    let meta = wb_countries();
    let a = Dataset::from_bytes("m.csv", meta.as_bytes()).unwrap();
    let b = Dataset::from_bytes("m.csv", european(&meta).as_bytes()).unwrap();
    assert_eq!(a.aggregates(), b.aggregates());
    assert!(!a.aggregates().is_empty());
}

// ---------------------------------------------------------------------------------------
// Our World in Data: the 2022 and the 2026 export.

/// OWID's 2022 export: `Entity,Code,Year,military_expenditure_share_gdp`, values to two
/// decimals, OWID's own code for Kosovo, a quoted name with a comma, a final newline.
const OWID_2022: &str = "Entity,Code,Year,military_expenditure_share_gdp\n\
     Afghanistan,AFG,1970,1.63\n\
     Afghanistan,AFG,1973,1.87\n\
     \"Bonaire, Sint Eustatius and Saba\",BES,2019,0.5\n\
     Kosovo,OWID_KOS,2019,0.8\n\
     Poland,POL,2019,2.01\n\
     Poland,POL,2020,2.23\n";

/// OWID's 2026 export: the value column titled, a region column, the EU with an empty
/// code and region, no final newline.
const OWID_2026: &str =
    "Entity,Code,Year,Military expenditure (% of GDP),World region according to OWID\n\
     Afghanistan,AFG,1970,1.6296061,Asia\n\
     European Union (SIPRI),,2023,0.008518244,\n\
     Kosovo,OWID_KOS,2024,0.9,Europe\n\
     Poland,POL,2023,3.832728,Europe\n\
     Poland,POL,2024,4.1234,Europe\n\
     Zimbabwe,ZWE,2024,0.351195,Africa";

/// The (code, year, value) of each row of an OWID export written here, parsed with the
/// `csv` crate.
fn owid_rows(text: &str) -> Vec<(String, String, u16, Decimal)> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_owned(),
                r[1].to_owned(),
                r[2].parse().unwrap(),
                dec(&r[3]),
            )
        })
        .collect()
}

#[test]
fn both_generations_of_owid_exports_give_every_row() {
    for (text, source) in [
        (OWID_2022, "owid-military-expenditure-share-gdp"),
        (OWID_2026, "owid-military-expenditure-of-gdp"),
    ] {
        assert_eq!(
            detect_format("renamed.txt", text.as_bytes()).unwrap(),
            Format::Owid
        );
        let ds = Dataset::from_bytes("export.csv", text.as_bytes()).unwrap();
        let rows = owid_rows(text);
        assert_eq!(ds.spending().len(), rows.len(), "{source}");
        for (name, code, year, value) in &rows {
            let e = if code.is_empty() {
                // An empty code: OWID's own entity, found by its name.
                ds.aggregates()
                    .iter()
                    .find(|a| a.name == *name)
                    .map(|a| Entity::Aggregate(a.id))
                    .unwrap()
            } else if code.starts_with("OWID_") {
                Entity::Aggregate(code.parse().unwrap())
            } else {
                entity(code)
            };
            assert_eq!(
                ds.record(e, *year).unwrap().share_of_gdp,
                Some(*value),
                "{name} {year}"
            );
        }
        assert!(ds.spending().iter().all(|r| r.source == source));
        assert_eq!(
            ds.name_of(Entity::Aggregate("OWID_KOS".parse().unwrap())),
            "Kosovo"
        );
        for year in ds.years() {
            assert!(ds
                .countries_at_or_above(year, Decimal::ZERO)
                .unwrap()
                .iter()
                .all(|r| r.country.is_country()));
        }
    }
}

#[test]
fn owid_in_the_plural_region_style_with_empty_values_and_as_re_saved() {
    let original = Dataset::from_bytes("a.csv", OWID_2026.as_bytes()).unwrap();
    // The region filled on an entity's first row only, a row with an empty value.
    let plural = OWID_2026
        .replace("World region according", "World regions according")
        .replace(
            "Poland,POL,2024,4.1234,Europe",
            "Poland,POL,2024,4.1234,\nPoland,POL,2025,,",
        );
    let ds = Dataset::from_bytes("b.csv", plural.as_bytes()).unwrap();
    assert_eq!(ds.spending(), original.spending());
    assert!(ds.record(entity("POL"), 2025).is_none());
    // CRLF with a BOM, and a European Excel's re-save: the same records.
    for (text, variant) in [
        (
            OWID_2022,
            format!("\u{feff}{}", OWID_2022.replace('\n', "\r\n")),
        ),
        (OWID_2022, european(OWID_2022)),
        (OWID_2026, european(OWID_2026)),
    ] {
        let want = Dataset::from_bytes("x.csv", text.as_bytes()).unwrap();
        let got = Dataset::from_bytes("x.csv", variant.as_bytes()).unwrap();
        assert_eq!(got.spending(), want.spending());
    }
    // A bad value names its line and column.
    let bad = OWID_2026.replace("Poland,POL,2023,3.832728", "Poland,POL,2023,about 4");
    let err = Dataset::from_bytes("bad.csv", bad.as_bytes()).unwrap_err();
    assert_eq!(err.position().line, Some(5));
    assert_eq!(
        err.position().column.as_deref(),
        Some("Military expenditure (% of GDP)")
    );
}

// ---------------------------------------------------------------------------------------
// A wide table: `Country,2014,…,2024`, as data users make them from NATO's Table 3.

/// A wide table with NATO's names (`Türkiye`, `Slovak Republic`, `Czechia*`), an
/// estimate column `2024e`, an empty cell, CRLF, no final newline.
fn wide() -> String {
    let names = [
        "Albania",
        "Czechia*",
        "Poland",
        "Slovak Republic",
        "Türkiye",
    ];
    let mut lines = vec!["Country,2022,2023,2024e".to_owned()];
    for (i, name) in names.iter().enumerate() {
        let cells: Vec<String> = (0..3)
            .map(|j| {
                if (i, j) == (0, 0) {
                    String::new()
                } else {
                    format!("{}.{}{}", i + 1, j, 7 - i)
                }
            })
            .collect();
        lines.push(format!("{name},{}", cells.join(",")));
    }
    lines.join("\r\n")
}

#[test]
fn a_wide_table_loads_with_its_metric_stated() {
    let text = wide();
    let options = LoadOptions::new().metric(Metric::ShareOfGdp).clone();
    let ds = options.from_bytes("my_table.csv", text.as_bytes()).unwrap();
    let mut n = 0;
    for line in text.split("\r\n").skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let e = defense_spending::names::lookup(cells[0].trim_end_matches('*')).unwrap();
        for (year, cell) in [2022u16, 2023, 2024].iter().zip(&cells[1..]) {
            let r = ds.record(e, *year);
            if cell.is_empty() {
                assert!(r.is_none());
                continue;
            }
            let r = r.unwrap();
            assert_eq!(r.share_of_gdp, Some(dec(cell)), "{line}");
            assert_eq!(r.estimate, *year == 2024);
            n += 1;
        }
    }
    assert_eq!(ds.spending().len(), n);
    assert!(ds.record(entity("TUR"), 2023).is_some() && ds.record(entity("SVK"), 2023).is_some());
    assert_eq!(
        ds.spending()[0].source.as_str(),
        "wide-share_of_gdp-2022-2024"
    );
    // European re-save: the same.
    let resaved = options
        .from_bytes("my_table.csv", european(&text).as_bytes())
        .unwrap();
    assert_eq!(resaved.spending(), ds.spending());
    // Without its metric: an error that shows how to state it.
    let err = Dataset::from_bytes("my_table.csv", text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::OptionNeeded(_)));
    assert!(
        err.to_string().contains("metric(Metric::ShareOfGdp)"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// NATO's and SIPRI's workbooks, written with rust_xlsxwriter.

#[cfg(feature = "xlsx")]
/// The entities of the NATO-layout workbook: NATO's names, its two aggregate rows.
const NATO_ROWS: [(&str, &str); 6] = [
    ("Albania", "ALB"),
    ("Czechia*", "CZE"),
    ("Türkiye", "TUR"),
    ("United Kingdom", "GBR"),
    ("NATO Europe and Canada", "NATO_EUCAN"),
    ("NATO Total", "NATO_TOTAL"),
];

#[cfg(feature = "xlsx")]
/// The year headers: a number, a text, an estimate.
const NATO_YEARS: [(&str, u16, bool); 3] = [
    ("2014", 2014, false),
    ("2019", 2019, false),
    ("2023e", 2023, true),
];

/// A table of the NATO-layout workbook: its sheet, title and blocks.
#[cfg(feature = "xlsx")]
type NatoTable = (
    &'static str,
    &'static str,
    Vec<(&'static str, Option<Metric>)>,
);

/// Each table's sheet, title, and blocks (heading and metric; `None`: a block not read).
#[cfg(feature = "xlsx")]
fn nato_tables() -> Vec<NatoTable> {
    vec![
        (
            "TABLE2",
            "Table 2 : Defence expenditure",
            vec![
                (
                    "Current prices and exchange rates",
                    Some(Metric::ExpenditureCurrent),
                ),
                (
                    "Constant 2015 prices and exchange rates",
                    Some(Metric::ExpenditureConstant),
                ),
            ],
        ),
        (
            "TABLE3",
            "Table 3 : Defence expenditure as a share of GDP and annual real change",
            vec![
                ("Share of real GDP (%)", Some(Metric::ShareOfGdp)),
                ("Annual real change (%)", Some(Metric::RealChange)),
            ],
        ),
        (
            "TABLE5",
            "Table 5 : GDP",
            vec![
                (
                    "Current prices and exchange rates",
                    Some(Metric::GdpCurrent),
                ),
                (
                    "Constant 2015 prices and exchange rates",
                    Some(Metric::GdpConstant),
                ),
            ],
        ),
        (
            "TABLE8a",
            "Table 8a : Distribution of defence expenditure by main category",
            vec![
                ("Equipment (a)", Some(Metric::EquipmentShare)),
                ("Personnel (b)", None),
            ],
        ),
    ]
}

#[cfg(feature = "xlsx")]
/// The value written for block `b` of table `t`, entity `e`, year `y`: exact in hundredths.
fn nato_value(t: usize, b: usize, e: usize, y: usize) -> Decimal {
    Decimal::new((t * 2000 + b * 1000 + e * 100 + y * 10 + 5) as i64, 2)
}

#[cfg(feature = "xlsx")]
/// Where the workbook holds a marker instead of a figure: (sheet, entity, year) to text.
fn nato_marker(sheet: &str, block: usize, e: usize, y: usize) -> Option<&'static str> {
    match (sheet, block, e, y) {
        ("TABLE8a", 0, 0, 0) => Some(".."), // not available
        ("TABLE2", 0, 3, 1) => Some("-"),   // nil: no figure, reported
        _ => None,
    }
}

/// A workbook in NATO's layout: one sheet per table, a title, a row of years, then per
/// block a heading row and a row per entity (names in one column, figures from the next).
#[cfg(feature = "xlsx")]
fn nato_workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (t, (sheet, title, blocks)) in nato_tables().iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        ws.write(3, 1, *title).unwrap();
        for (y, (header, year, _)) in NATO_YEARS.iter().enumerate() {
            let col = 3 + y as u16;
            match y {
                0 => ws.write(7, col, *year).unwrap(),
                _ => ws.write(7, col, *header).unwrap(),
            };
        }
        let mut row = 9;
        for (b, (heading, _)) in blocks.iter().enumerate() {
            ws.write(row, 1, *heading).unwrap();
            for (e, (name, _)) in NATO_ROWS.iter().enumerate() {
                row += 1;
                ws.write(row, 2, *name).unwrap();
                for y in 0..NATO_YEARS.len() {
                    let col = 3 + y as u16;
                    match nato_marker(sheet, b, e, y) {
                        Some(m) => ws.write(row, col, m).unwrap(),
                        None => ws
                            .write(
                                row,
                                col,
                                nato_value(t, b, e, y).to_string().parse::<f64>().unwrap(),
                            )
                            .unwrap(),
                    };
                }
            }
            row += 2;
        }
    }
    wb.save_to_buffer().unwrap()
}

#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_in_natos_layout_gives_every_figure_it_holds() {
    let bytes = nato_workbook();
    assert_eq!(
        detect_format("renamed.bin", &bytes).unwrap(),
        Format::NatoWorkbook
    );
    let ds = common::load_written("recreated", "tables.xlsx", &bytes).unwrap();
    assert_eq!(ds.spending().len(), NATO_ROWS.len() * NATO_YEARS.len());
    for (t, (sheet, _, blocks)) in nato_tables().iter().enumerate() {
        for (b, (_, metric)) in blocks.iter().enumerate() {
            let Some(metric) = metric else { continue };
            for (e, (_, code)) in NATO_ROWS.iter().enumerate() {
                for (y, (_, year, estimate)) in NATO_YEARS.iter().enumerate() {
                    let r = ds.record(entity(code), *year).unwrap();
                    let want = match nato_marker(sheet, b, e, y) {
                        Some(_) => None,
                        None => Some(nato_value(t, b, e, y)),
                    };
                    assert_eq!(r.get(*metric), want, "{sheet} {code} {year} {metric}");
                    assert_eq!(r.estimate, *estimate);
                }
            }
        }
    }
    assert_eq!(
        ds.record(entity("GBR"), 2014).unwrap().price_base_year(),
        Some(2015)
    );
    // The nil sign is reported at its cell (TABLE2, row 14: heading on 10, GBR the 4th
    // entity; column E: 2019), never kept as 0.
    assert_eq!(ds.skipped().len(), 1);
    assert_eq!(ds.skipped()[0].position.cell.as_deref(), Some("TABLE2!E14"));
    assert_eq!(ds.skipped()[0].value, "-");
    // The edition comes from the years; NATO's aggregate rows are aggregates.
    assert!(ds
        .spending()
        .iter()
        .all(|r| r.source == "nato-def-exp-2014-2023"));
    assert_eq!(ds.name_of(entity("NATO_EUCAN")), "NATO Europe and Canada");
    let at_two = ds.countries_at_or_above(2023, Decimal::TWO).unwrap();
    assert_eq!(at_two.len(), 4, "the four Allies, not NATO's aggregates");
}

#[cfg(feature = "xlsx")]
/// The rows of the SIPRI-layout workbook: region headings (no code) and countries, with
/// SIPRI's names and a note marker.
const SIPRI_ROWS: [(&str, Option<&str>, &str); 9] = [
    ("Africa", None, ""),
    ("Congo, DR", Some("COD"), ""),
    ("Europe", None, ""),
    ("Poland", Some("POL"), ""),
    ("Türkiye", Some("TUR"), ""),
    ("USSR", Some("SIPRI_USSR"), ""),
    ("Americas", None, ""),
    ("United States of America", Some("USA"), "‡"),
    ("Korea, South", Some("KOR"), ""),
];

#[cfg(feature = "xlsx")]
const SIPRI_YEARS: [u16; 3] = [2021, 2022, 2023];

#[cfg(feature = "xlsx")]
/// SIPRI's sheets, each with its metric and whether it holds fractions.
const SIPRI_METRICS: [(&str, Metric, bool); 5] = [
    ("Share of GDP", Metric::ShareOfGdp, true),
    ("Current US$", Metric::ExpenditureCurrent, false),
    ("Constant (2022) US$", Metric::ExpenditureConstant, false),
    ("Per capita", Metric::PerCapitaCurrent, false),
    ("Share of Govt. spending", Metric::ShareOfGovernment, true),
];

#[cfg(feature = "xlsx")]
/// The cell of row `r`, year `y` on sheet `s`: a marker, or the value's text as written
/// (a fraction on the share sheets).
fn sipri_cell(s: usize, r: usize, y: usize) -> Result<String, &'static str> {
    match (SIPRI_ROWS[r].0, y) {
        ("USSR", _) => Err("xxx"),      // the state did not exist
        ("Congo, DR", 0) => Err("..."), // data missing
        _ => Ok(format!("0.0{}{}{}", s + 1, r, y + 1)),
    }
}

/// A workbook in SIPRI's layout: a sheet per measure, a title naming the years, a unit
/// line, the header a few rows down, region headings between the countries.
#[cfg(feature = "xlsx")]
fn sipri_workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (s, (sheet, _, _)) in SIPRI_METRICS.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        ws.write(
            0,
            0,
            "Military expenditure by country, 2021-2023      © SIPRI 2024",
        )
        .unwrap();
        ws.write(1, 0, "Figures are in US $m., in current US$")
            .unwrap();
        ws.write(3, 0, "Country").unwrap();
        ws.write(3, 1, "Notes").unwrap();
        for (y, year) in SIPRI_YEARS.iter().enumerate() {
            ws.write(3, 2 + y as u16, *year).unwrap();
        }
        for (r, (name, code, note)) in SIPRI_ROWS.iter().enumerate() {
            let row = 5 + r as u32;
            ws.write(row, 0, *name).unwrap();
            ws.write(row, 1, *note).unwrap();
            if code.is_none() {
                continue;
            }
            for y in 0..SIPRI_YEARS.len() {
                match sipri_cell(s, r, y) {
                    Ok(v) => ws.write(row, 2 + y as u16, v.parse::<f64>().unwrap()),
                    Err(m) => ws.write(row, 2 + y as u16, m),
                }
                .unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_in_sipris_layout_gives_every_figure_it_holds() {
    let bytes = sipri_workbook();
    assert_eq!(
        detect_format("renamed.bin", &bytes).unwrap(),
        Format::SipriWorkbook
    );
    let ds = common::load_written("recreated", "milex.xlsx", &bytes).unwrap();
    let mut n = 0;
    for (r, (name, code, _)) in SIPRI_ROWS.iter().enumerate() {
        let Some(code) = code else { continue };
        for (y, year) in SIPRI_YEARS.iter().enumerate() {
            let record = ds.record(entity(code), *year);
            if sipri_cell(0, r, y).is_err() {
                assert!(record.is_none(), "{name} {year}");
                continue;
            }
            n += 1;
            let record = record.unwrap();
            for (s, (sheet, metric, fraction)) in SIPRI_METRICS.iter().enumerate() {
                let written = dec(&sipri_cell(s, r, y).unwrap());
                let want = if *fraction {
                    written * Decimal::ONE_HUNDRED
                } else {
                    written
                };
                assert_eq!(record.get(*metric), Some(want), "{sheet} {name} {year}");
            }
            assert_eq!(record.price_base_year(), Some(2022));
            assert!(!record.estimate);
        }
    }
    assert_eq!(ds.spending().len(), n);
    assert_eq!(ds.name_of(entity("SIPRI_USSR")), "USSR");
    assert!(ds
        .spending()
        .iter()
        .all(|r| r.source == "sipri-milex-2021-2023"));
    // Poland's 2023 share: 0.0133 on the sheet, 1.33 %.
    assert_eq!(
        ds.record(entity("POL"), 2023).unwrap().share_of_gdp,
        Some(dec("1.33"))
    );
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn without_the_xlsx_feature_a_workbook_says_to_enable_it() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for sheet in ["TABLE2", "TABLE3"] {
        wb.add_worksheet()
            .set_name(sheet)
            .unwrap()
            .write(0, 0, "Table")
            .unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let err = Dataset::from_bytes("tables.xlsx", &bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::FeatureDisabled { .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("needs the `xlsx` feature"),
        "{err}"
    );
}
