//! The chart examples draw valid SVG whose labels are real, searchable `<text>` elements,
//! all inside the picture. (The examples themselves are thin wrappers of these functions;
//! CI also runs each of them and parses what they write.)
//!
//! They need the `charts` feature (plotters): `cargo test --features charts --test charts`.
#![cfg(feature = "charts")]

#[path = "../examples/charts/mod.rs"]
mod charts;

use defense_spending::Dataset;

/// The texts of an SVG document, with their positions, checking it parses and that every
/// text starts inside the picture.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    let height: f64 = root.attribute("height").unwrap().parse().unwrap();
    let mut out = Vec::new();
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let text = t.text().unwrap_or_default().trim().to_owned();
        let size: f64 = t.attribute("font-size").unwrap().parse().unwrap();
        let x: f64 = t.attribute("x").unwrap().parse().unwrap();
        let y: f64 = t.attribute("y").unwrap().parse().unwrap();
        assert!(
            (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
            "{text:?} at ({x}, {y}) is outside {width}x{height}"
        );
        // The text must fit inside, whatever its anchor: a character is at most about 0.65
        // of the font size wide in a sans-serif font.
        let w = 0.65 * size * text.chars().count() as f64;
        if t.attribute("transform").is_some() {
            // Rotated (an axis title): it runs along y, which is checked above.
            out.push(text);
            continue;
        }
        let (left, right) = match t.attribute("text-anchor") {
            Some("end") => (x - w, x),
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            _ => (x, x + w),
        };
        assert!(
            left >= -1.0 && right <= width + 1.0,
            "{text:?} spans {left}..{right}, outside 0..{width}"
        );
        out.push(text);
    }
    out
}

fn has(texts: &[String], want: &str) -> bool {
    texts.iter().any(|t| t == want)
}

#[test]
fn the_shares_chart_labels_every_ally_and_the_targets() {
    let ds = Dataset::bundled();
    let t = texts(&charts::shares(ds, 2024).unwrap());
    for target in ["2%", "3.5%", "5%"] {
        assert!(has(&t, target), "{target}");
    }
    for label in [
        "Poland (POL)",
        "4.12 e",
        "Spain (ESP)",
        "1.28 e",
        "Türkiye (TUR)",
        "Slovakia (SVK)",
    ] {
        assert!(has(&t, label), "{label}");
    }
    // 31 Allies with a figure, each with its name and value.
    assert_eq!(
        t.iter()
            .filter(|s| s.ends_with(')') && s.contains(" (") && s.len() < 30)
            .count(),
        31
    );
    assert!(t
        .iter()
        .any(|s| s.starts_with("Source: NATO, Defence Expenditure of NATO Countries (2014-2024)")));
    assert!(t.iter().any(|s| s.contains("e = estimate")));
    assert!(t.iter().any(|s| s.contains("Iceland")));
}

#[test]
fn the_shares_chart_of_2014_has_no_estimates() {
    let t = texts(&charts::shares(Dataset::bundled(), 2014).unwrap());
    assert!(has(&t, "3.71"), "the US in 2014");
    assert!(!t.iter().any(|s| s.ends_with(" e")));
    // Finland and Sweden have figures for 2014 but were not Allies yet.
    assert!(!has(&t, "Finland (FIN)") && !has(&t, "Sweden (SWE)"));
}

#[test]
fn the_count_chart_shows_each_years_count_and_members() {
    let t = texts(&charts::count(Dataset::bundled()).unwrap());
    for year in 2014..=2024 {
        assert!(has(&t, &year.to_string()), "{year}");
    }
    for n in ["3", "6", "10", "23", "28", "32"] {
        assert!(has(&t, n), "{n}");
    }
    assert!(has(&t, "At or above 2% of GDP") && has(&t, "Members of NATO"));
}

#[test]
fn the_country_chart_draws_the_series_against_the_targets() {
    let t = texts(&charts::country(Dataset::bundled(), &"POL".parse().unwrap()).unwrap());
    for label in ["2%", "3.5%", "5%", "1.88", "4.12 e", "3.26 e"] {
        assert!(has(&t, label), "{label}");
    }
    assert!(t.iter().any(|s| s.starts_with("Poland (POL)")));
    // Iceland has no share: an error, not an empty chart.
    assert!(charts::country(Dataset::bundled(), &"ISL".parse().unwrap()).is_err());
}
