//! Small helpers shared by the examples: argument parsing and aligned tables.
#![allow(dead_code)]

use std::fmt::Write as _;

/// Command-line arguments: `--name value` pairs and positional arguments.
pub struct Args {
    pairs: Vec<(String, String)>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `std::env::args`, exiting with `usage` on `--help` or a flag without value.
    pub fn parse(usage: &str) -> Args {
        let mut pairs = Vec::new();
        let mut positional = Vec::new();
        let mut it = std::env::args().skip(1);
        while let Some(a) = it.next() {
            if a == "--help" || a == "-h" {
                println!("{usage}");
                std::process::exit(0);
            }
            if let Some(name) = a.strip_prefix("--") {
                match it.next() {
                    Some(v) => pairs.push((name.to_owned(), v)),
                    None => fail(usage, &format!("--{name} needs a value")),
                }
            } else {
                positional.push(a);
            }
        }
        Args { pairs, positional }
    }

    /// The value of `--name`, parsed, or `default`.
    pub fn get<T: std::str::FromStr>(&self, usage: &str, name: &str, default: T) -> T
    where
        T::Err: std::fmt::Display,
    {
        match self.pairs.iter().rev().find(|(n, _)| n == name) {
            None => default,
            Some((_, v)) => v
                .parse()
                .unwrap_or_else(|e| fail(usage, &format!("--{name} {v}: {e}"))),
        }
    }

    /// The value of `--name`, parsed, if given.
    pub fn opt<T: std::str::FromStr>(&self, usage: &str, name: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| {
                v.parse()
                    .unwrap_or_else(|e| fail(usage, &format!("--{name} {v}: {e}")))
            })
    }

    /// Fails on any flag not in `known`.
    pub fn only(&self, usage: &str, known: &[&str]) {
        if let Some((n, _)) = self
            .pairs
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            fail(usage, &format!("unknown option --{n}"));
        }
    }
}

/// Prints an error and the usage, and exits with status 2.
pub fn fail(usage: &str, message: &str) -> ! {
    eprintln!("error: {message}\n\n{usage}");
    std::process::exit(2)
}

/// How a column is aligned.
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// A text table whose columns are aligned, numbers to the right.
pub struct Table {
    headers: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[(&str, Align)]) -> Table {
        Table {
            headers: headers.iter().map(|(h, a)| (h.to_string(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders the table; no line is wider than `max_width` (long cells are cut with …).
    pub fn render(&self, max_width: usize) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self
            .headers
            .iter()
            .map(|(h, _)| h.chars().count())
            .collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        // Shrink the widest left-aligned column until the table fits.
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        while total(&widths) > max_width {
            let Some((i, _)) = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| self.headers[*i].1 == Align::Left && **w > 8)
                .max_by_key(|(_, w)| **w)
            else {
                break;
            };
            widths[i] -= 1;
        }
        let mut out = String::new();
        let mut line = |cells: Vec<&str>| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                let w = widths[i];
                let c = fit(c, w);
                if i > 0 {
                    s.push_str("  ");
                }
                match self.headers[i].1 {
                    Align::Left => write!(s, "{c:<w$}").unwrap(),
                    Align::Right => write!(s, "{c:>w$}").unwrap(),
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(self.headers.iter().map(|(h, _)| h.as_str()).collect());
        line(
            widths
                .iter()
                .map(|w| "-".repeat(*w))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect(),
        );
        for r in &self.rows {
            line(r.iter().map(String::as_str).collect());
        }
        out
    }
}

fn fit(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// How an example prints its result.
#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    /// An aligned table for people (the default).
    Table,
    /// CSV with a header, safe to open in a spreadsheet.
    Csv,
    /// Pretty-printed JSON.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err("expected table, csv or json".into()),
        }
    }
}

/// Prints `rows` as CSV or JSON to standard output; `false` for [`Format::Table`].
pub fn emit<R: defense_spending::output::CsvRow + serde::Serialize>(
    format: Format,
    rows: &[R],
) -> bool {
    let rows: Vec<&R> = rows.iter().collect();
    let out = std::io::stdout().lock();
    let result = match format {
        Format::Table => return false,
        Format::Csv => defense_spending::output::write_csv(out, &rows),
        Format::Json => defense_spending::output::write_json(out, &rows),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    true
}

/// A decimal rounded to `dp` places as publishers round (half away from zero, through
/// `Figure`), with thousands separators for readability.
pub fn num(v: rust_decimal::Decimal, dp: u32) -> String {
    let s = defense_spending::Figure::with_decimals(v, dp).to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_owned(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_owned()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// Wraps `text` into lines of at most `width` characters, each after the first indented
/// by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = indent.to_owned();
        } else if len > 0 && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}

/// The dataset of `--file PATH` when given, else the bundled one.
pub fn dataset(args: &Args, usage: &str) -> std::borrow::Cow<'static, defense_spending::Dataset> {
    match args.opt::<String>(usage, "file") {
        Some(path) => std::borrow::Cow::Owned(
            defense_spending::Dataset::load(&path).unwrap_or_else(|e| fail(usage, &e.to_string())),
        ),
        None => std::borrow::Cow::Borrowed(defense_spending::Dataset::bundled()),
    }
}

/// Writes `svg` to `out` and says so.
pub fn write_svg(usage: &str, out: &str, svg: Result<String, Box<dyn std::error::Error>>) {
    let svg = svg.unwrap_or_else(|e| fail(usage, &e.to_string()));
    std::fs::write(out, svg).unwrap_or_else(|e| fail(usage, &format!("{out}: {e}")));
    println!("wrote {out}");
}
