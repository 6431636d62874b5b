//! SVG charts drawn with `plotters` (an optional dependency behind the `charts` feature,
//! which the library itself never uses: linking the library never pulls it in). Text is real `<text>` elements, readable and searchable.
//!
//! Pixel positions are computed in `f64`; the data stay `Decimal` until that last step.
#![allow(dead_code)]

use defense_spending::{Dataset, Entity, Metric, SpendingRecord};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The targets drawn on every chart: NATO's 2 % guideline, and the Hague's 3.5 % core and
/// 5 % total for 2035.
pub const TARGETS: [(&str, f64); 3] = [("2%", 2.0), ("3.5%", 3.5), ("5%", 5.0)];

const FONT: &str = "sans-serif";
const BAR: RGBColor = RGBColor(31, 94, 160);
const BAR_ESTIMATE: RGBColor = RGBColor(140, 178, 220);
const TARGET_LINE: RGBColor = RGBColor(196, 40, 40);
const GREY: RGBColor = RGBColor(90, 90, 90);

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// A footnote naming the sources (and editions) of `records`.
pub fn footnote(ds: &Dataset, records: &[&SpendingRecord]) -> String {
    let mut ids: Vec<_> = records.iter().map(|r| r.source).collect();
    ids.sort();
    ids.dedup();
    let names: Vec<String> = ids
        .iter()
        .map(|id| match ds.source(id) {
            Some(s) => match s.published {
                Some(d) => format!("{}, {} ({d})", s.publisher, s.title),
                None => format!("{}, {}", s.publisher, s.title),
            },
            None => id.to_string(),
        })
        .collect();
    format!("Source: {}", names.join("; "))
}

/// Every Ally's share of GDP in `year`, sorted, as a horizontal bar chart.
pub fn shares(ds: &Dataset, year: u16) -> Result<String> {
    let rows = ds.ranking(year, Metric::ShareOfGdp)?;
    if rows.is_empty() {
        return Err(format!("no shares of GDP for Allies in {year}").into());
    }
    let n = rows.len();
    let row_h = 24u32;
    let (top, bottom) = (70u32, 80u32);
    let height = top + bottom + row_h * n as u32;
    let width = 960u32;
    let x_max = rows
        .iter()
        .filter_map(|r| r.share_of_gdp)
        .map(f)
        .fold(5.0f64, f64::max)
        + 0.6;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let any_estimate = rows.iter().any(|r| r.estimate);
        let title = format!(
            "Defence expenditure as a share of GDP, {year}{}",
            if any_estimate { " (estimates)" } else { "" }
        );
        root.draw(&Text::new(
            title,
            (20, 18),
            (FONT, 22).into_font().color(&BLACK),
        ))?;

        let mut chart = ChartBuilder::on(&root)
            .margin_top(top as i32)
            .margin_bottom(bottom as i32 - 40)
            .margin_left(190)
            .margin_right(30)
            .x_label_area_size(40)
            .build_cartesian_2d(0f64..x_max, 0f64..n as f64)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .light_line_style(TRANSPARENT)
            .x_desc("% of GDP")
            .x_label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;

        // Target lines first, so that bars cover them and labels never cross them.
        draw_vertical_targets(&root, &chart, n as f64)?;
        for (i, r) in rows.iter().enumerate() {
            let share = f(r.share_of_gdp.unwrap_or_default());
            let y0 = (n - 1 - i) as f64 + 0.15;
            let colour = if r.estimate { BAR_ESTIMATE } else { BAR };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y0), (share, y0 + 0.7)],
                colour.filled(),
            )))?;
            let (px, py) = chart.backend_coord(&(0.0, y0 + 0.35));
            let name = format!("{} ({})", ds.name_of(r.country), r.country);
            root.draw(&Text::new(
                name,
                (px - 8, py),
                (FONT, 14)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            // The value inside the end of its bar.
            // As NATO prints it: rounded half away from zero (never `{:.2}` of a
            // `Decimal`, which truncates).
            let value = format!(
                "{}{}",
                r.share().map(|s| s.to_string()).unwrap_or_default(),
                if r.estimate { " e" } else { "" }
            );
            let (vx, vy) = chart.backend_coord(&(share, y0 + 0.35));
            let text_colour = if r.estimate { BLACK } else { WHITE };
            root.draw(&Text::new(
                value,
                (vx - 5, vy),
                (FONT, 13)
                    .into_font()
                    .color(&text_colour)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }

        let mut notes = vec![footnote(ds, &rows)];
        if any_estimate {
            notes.push("e = estimate (lighter bar). Lines: NATO's 2% guideline; The Hague's 3.5% core and 5% total by 2035.".into());
        } else {
            notes.push(
                "Lines: NATO's 2% guideline; The Hague's 3.5% core and 5% total by 2035.".into(),
            );
        }
        let missing: Vec<String> = ds
            .members_in(year)
            .filter(|m| !rows.iter().any(|r| r.country == Entity::Country(m.code)))
            .map(|m| m.name.clone())
            .collect();
        if !missing.is_empty() {
            let iceland = if missing.iter().any(|m| m == "Iceland") {
                " (Iceland has no armed forces)"
            } else {
                ""
            };
            notes.push(format!("No figure for {}{iceland}.", missing.join(", ")));
        }
        for (k, note) in notes.iter().enumerate() {
            root.draw(&Text::new(
                note.clone(),
                (20, (height - bottom + 34 + 16 * k as u32) as i32),
                (FONT, 12).into_font().color(&GREY),
            ))?;
        }
        root.present()?;
    }
    Ok(svg)
}

fn draw_vertical_targets<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    y_top: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    for (label, x) in TARGETS {
        let (px0, py0) = chart.backend_coord(&(x, 0.0));
        let (_, py1) = chart.backend_coord(&(x, y_top));
        root.draw(&PathElement::new(
            vec![(px0, py0), (px0, py1 - 6)],
            TARGET_LINE.stroke_width(2),
        ))?;
        root.draw(&Text::new(
            label.to_string(),
            (px0, py1 - 10),
            (FONT, 14)
                .into_font()
                .color(&TARGET_LINE)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))?;
    }
    Ok(())
}

/// The number of Allies at or above 2 % each year, against the number of Allies.
pub fn count(ds: &Dataset) -> Result<String> {
    let counts = ds.count_meeting_target(2)?;
    let (Some(first), Some(last)) = (counts.first(), counts.last()) else {
        return Err("no figures".into());
    };
    let (y0, y1) = (first.year as i32, last.year as i32);
    let top = counts.iter().map(|c| c.members).max().unwrap_or(0) as i32 + 4;
    let (width, height) = (960u32, 560u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        root.draw(&Text::new(
            "NATO Allies spending at least 2% of GDP on defence, by year",
            (20, 18),
            (FONT, 22).into_font().color(&BLACK),
        ))?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(60)
            .margin_bottom(50)
            .margin_left(20)
            .margin_right(40)
            .x_label_area_size(45)
            .y_label_area_size(55)
            .build_cartesian_2d(y0 - 1..y1 + 1, 0..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels((y1 - y0 + 3) as usize)
            .x_label_formatter(&|y| {
                if *y < y0 || *y > y1 {
                    String::new()
                } else {
                    y.to_string()
                }
            })
            .light_line_style(TRANSPARENT)
            .x_desc("Year")
            .y_desc("Allies")
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()?;
        chart
            .draw_series(LineSeries::new(
                counts.iter().map(|c| (c.year as i32, c.members as i32)),
                GREY.stroke_width(2),
            ))?
            .label("Members of NATO")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], GREY.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(
                counts.iter().map(|c| (c.year as i32, c.meeting as i32)),
                BAR.stroke_width(3),
            ))?
            .label("At or above 2% of GDP")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BAR.stroke_width(3)));
        chart.draw_series(
            counts
                .iter()
                .map(|c| Circle::new((c.year as i32, c.meeting as i32), 4, BAR.filled())),
        )?;
        for c in &counts {
            let (px, py) = chart.backend_coord(&(c.year as i32, c.meeting as i32));
            // Below the point: the line only ever leaves a point upwards or sideways there.
            root.draw(&Text::new(
                c.meeting.to_string(),
                (px, py + 9),
                (FONT, 13)
                    .into_font()
                    .color(&BAR)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
            let (mx, my) = chart.backend_coord(&(c.year as i32, c.members as i32));
            root.draw(&Text::new(
                c.members.to_string(),
                (mx, my - 8),
                (FONT, 12)
                    .into_font()
                    .color(&GREY)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::MiddleLeft)
            .border_style(GREY)
            .background_style(WHITE)
            .label_font((FONT, 14))
            .draw()?;
        let records: Vec<&SpendingRecord> = ds.spending_in(y1 as u16).collect();
        let est: Vec<String> = counts
            .iter()
            .filter(|c| ds.spending_in(c.year).any(|r| r.estimate))
            .map(|c| c.year.to_string())
            .collect();
        root.draw(&Text::new(
            footnote(ds, &records),
            (20, height as i32 - 36),
            (FONT, 12).into_font().color(&GREY),
        ))?;
        root.draw(&Text::new(
            format!(
                "Estimates: {}. An Ally counts from the year it joined (Finland 2023, Sweden 2024).",
                if est.is_empty() { "none".into() } else { est.join(", ") }
            ),
            (20, height as i32 - 18),
            (FONT, 12).into_font().color(&GREY),
        ))?;
        root.present()?;
    }
    Ok(svg)
}

/// One country's share of GDP over time against the targets.
pub fn country(ds: &Dataset, code: &Entity) -> Result<String> {
    let series: Vec<&SpendingRecord> = ds
        .series(code)
        .filter(|r| r.share_of_gdp.is_some())
        .collect();
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return Err(format!("no share of GDP for {code}").into());
    };
    let (y0, y1) = (first.year as i32, last.year as i32);
    let y_max = series
        .iter()
        .filter_map(|r| r.share_of_gdp)
        .map(f)
        .fold(5.0f64, f64::max)
        + 0.7;
    let (width, height) = (960u32, 560u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        root.draw(&Text::new(
            format!(
                "{} ({code}): defence expenditure as a share of GDP",
                ds.name_of(code)
            ),
            (20, 18),
            (FONT, 22).into_font().color(&BLACK),
        ))?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(60)
            .margin_bottom(50)
            .margin_left(20)
            .margin_right(60)
            .x_label_area_size(45)
            .y_label_area_size(55)
            .build_cartesian_2d(y0 as f64 - 0.5..y1 as f64 + 0.5, 0f64..y_max)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels((y1 - y0 + 2) as usize)
            .x_label_formatter(&|y| {
                if y.fract() == 0.0 && *y >= y0 as f64 && *y <= y1 as f64 {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(TRANSPARENT)
            .x_desc("Year")
            .y_desc("% of GDP")
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()?;
        for (label, y) in TARGETS {
            chart.draw_series(LineSeries::new(
                vec![(y0 as f64 - 0.5, y), (y1 as f64 + 0.5, y)],
                TARGET_LINE.stroke_width(1),
            ))?;
            let (px, py) = chart.backend_coord(&(y1 as f64 + 0.5, y));
            root.draw(&Text::new(
                label.to_string(),
                (px + 6, py),
                (FONT, 14)
                    .into_font()
                    .color(&TARGET_LINE)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let points: Vec<(f64, f64)> = series
            .iter()
            .map(|r| (r.year as f64, f(r.share_of_gdp.unwrap_or_default())))
            .collect();
        // Labels first (on a white box that covers the target lines), placed where the data
        // line is not: the line is drawn over them afterwards.
        for (i, (r, (x, y))) in series.iter().zip(&points).enumerate() {
            let prev = i.checked_sub(1).and_then(|k| points.get(k)).map(|p| p.1);
            let next = points.get(i + 1).map(|p| p.1);
            let rising_next = next.is_some_and(|n| n > *y);
            let falling_prev = prev.is_some_and(|p| p > *y);
            let text = format!(
                "{}{}",
                r.share().map(|s| s.to_string()).unwrap_or_default(),
                if r.estimate { " e" } else { "" }
            );
            let w = 7 * text.chars().count() as i32 + 6;
            let (px, py) = chart.backend_coord(&(*x, *y));
            // (left edge of the box, top of the box)
            let (bx, by) = match (falling_prev, rising_next) {
                (true, true) => (px - w / 2, py + 10),   // a valley: below
                (false, true) => (px - w - 6, py - 24),  // rising on: above left
                (true, false) => (px + 6, py - 24),      // falling in: above right
                (false, false) => (px - w / 2, py - 27), // a peak or flat: above
            };
            root.draw(&Rectangle::new(
                [(bx, by), (bx + w, by + 16)],
                WHITE.filled(),
            ))?;
            root.draw(&Text::new(
                text,
                (bx + w / 2, by + 15),
                (FONT, 12)
                    .into_font()
                    .color(&BAR)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        chart.draw_series(LineSeries::new(points.clone(), BAR.stroke_width(3)))?;
        for (r, (x, y)) in series.iter().zip(&points) {
            let colour = if r.estimate { BAR_ESTIMATE } else { BAR };
            chart.draw_series(std::iter::once(Circle::new((*x, *y), 5, colour.filled())))?;
        }
        root.draw(&Text::new(
            footnote(ds, &series),
            (20, height as i32 - 36),
            (FONT, 12).into_font().color(&GREY),
        ))?;
        root.draw(&Text::new(
            "e = estimate (lighter point). Lines: NATO's 2% guideline; The Hague's 3.5% core and 5% total by 2035.",
            (20, height as i32 - 18),
            (FONT, 12).into_font().color(&GREY),
        ))?;
        root.present()?;
    }
    Ok(svg)
}
