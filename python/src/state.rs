//! A dataset as bytes and back, for pickling: every table exactly, in a compact form.
//!
//! The crate serializes a [`Dataset`] (`Serialize`, through [`DatasetParts`]), but as
//! JSON a spending record takes about 390 bytes (every field named, every missing
//! figure a `null`): 390 MB for a million-row file. So the spending records go as
//! lines of text, one a record, and every other table (sources, members, aggregates,
//! pledges, contracts, aid, skipped cells: small) as the crate's JSON:
//!
//! ```text
//! defense-spending state 1
//! {"sources": [...], ..., "spending": []}        the other tables
//! ["nato-def-exp-2024", ...]                      the records' distinct sources
//! POL,2024,4.12,...,2015,1,0                      country, year, the nine figures,
//!                                                 price base year, estimate, source
//! ```
//!
//! Figures are written with `Decimal`'s `Display`, which keeps the scale (`2.50` stays
//! `2.50`), and read back with `Decimal::from_str_exact`: the dataset read back equals
//! the one written, field for field. Codes, ids and numbers hold no comma.

use std::fmt::Write as _;
use std::str::FromStr;

use defense_spending::{Dataset, DatasetParts, Entity, Metric, SourceId, SpendingRecord};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

const MAGIC: &str = "defense-spending state 1";

/// `ds` as bytes ([`read`] gives it back).
pub fn write(ds: &Dataset) -> Result<Vec<u8>, String> {
    let mut parts = DatasetParts::from(ds.clone());
    let spending = std::mem::take(&mut parts.spending);
    let mut out = String::with_capacity(64 * spending.len() + 4096);
    out.push_str(MAGIC);
    out.push('\n');
    out.push_str(&serde_json::to_string(&parts).map_err(|e| e.to_string())?);
    out.push('\n');
    let mut sources: Vec<&str> = Vec::new();
    let mut index: FxHashMap<SourceId, usize> = FxHashMap::default();
    for r in &spending {
        index.entry(r.source).or_insert_with(|| {
            sources.push(r.source.as_str());
            sources.len() - 1
        });
    }
    out.push_str(&serde_json::to_string(&sources).map_err(|e| e.to_string())?);
    out.push('\n');
    for r in &spending {
        let _ = write!(out, "{},{}", r.country.as_str(), r.year);
        for m in Metric::ALL {
            out.push(',');
            if let Some(v) = r.get(*m) {
                let _ = write!(out, "{v}");
            }
        }
        out.push(',');
        if let Some(y) = r.price_base_year() {
            let _ = write!(out, "{y}");
        }
        let source = index.get(&r.source).copied().unwrap_or(0);
        let _ = writeln!(out, ",{},{source}", u8::from(r.estimate));
    }
    Ok(out.into_bytes())
}

/// The dataset [`write`] wrote, or why `bytes` are not one.
pub fn read(bytes: &[u8]) -> Result<Dataset, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut lines = text.split('\n');
    if lines.next() != Some(MAGIC) {
        return Err("it does not start with the state's header".to_owned());
    }
    let mut parts: DatasetParts =
        serde_json::from_str(lines.next().unwrap_or("")).map_err(|e| e.to_string())?;
    let names: Vec<String> =
        serde_json::from_str(lines.next().unwrap_or("")).map_err(|e| e.to_string())?;
    let sources = names
        .iter()
        .map(|s| SourceId::from_str(s).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let record = record(line, &sources).map_err(|e| format!("record {}: {e}", n + 1))?;
        parts.spending.push(record);
    }
    Ok(Dataset::index(parts))
}

/// One record's line.
fn record(line: &str, sources: &[SourceId]) -> Result<SpendingRecord, String> {
    let fields: Vec<&str> = line.split(',').collect();
    let [country, year, rest @ ..] = fields.as_slice() else {
        return Err("too few fields".to_owned());
    };
    let [figures @ .., base_year, estimate, source] = rest else {
        return Err("too few fields".to_owned());
    };
    if figures.len() != Metric::ALL.len() {
        return Err(format!(
            "{} figures, not {}",
            figures.len(),
            Metric::ALL.len()
        ));
    }
    let source = source
        .parse::<usize>()
        .ok()
        .and_then(|i| sources.get(i))
        .ok_or("no such source")?;
    let country = Entity::from_str(country).map_err(|e| e.to_string())?;
    let year = year.parse::<u16>().map_err(|e| e.to_string())?;
    let mut r = SpendingRecord::new(country, year, *source);
    for (m, v) in Metric::ALL.iter().zip(figures) {
        if !v.is_empty() {
            r.set(
                *m,
                Some(Decimal::from_str_exact(v).map_err(|e| e.to_string())?),
            );
        }
    }
    if !base_year.is_empty() {
        r.set_price_base_year(Some(base_year.parse().map_err(|_| "bad price base year")?));
    }
    r.estimate = *estimate == "1";
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_reads_back_equal() {
        let ds = Dataset::bundled();
        let bytes = write(ds).unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!(&back, ds);
        // Far smaller than the crate's JSON.
        let json = serde_json::to_vec(ds).unwrap();
        assert!(
            bytes.len() * 2 < json.len(),
            "{} {}",
            bytes.len(),
            json.len()
        );
    }

    #[test]
    fn scales_are_kept() {
        let ds = Dataset::from_csv_str(
            "t.csv",
            "country,year,share_of_gdp,gdp_current,price_base_year,source\n\
             POL,2024,2.50,1000.0,2015,s\nNATO_TOTAL,2024,,5,,s\n",
        )
        .unwrap();
        let back = read(&write(&ds).unwrap()).unwrap();
        assert_eq!(back, ds);
        let share = back.spending()[0].share_of_gdp.unwrap();
        assert_eq!(share.to_string(), "2.50");
    }

    #[test]
    fn bad_bytes_are_an_error() {
        assert!(read(b"").is_err());
        assert!(read(b"defense-spending state 1\n{}\n").is_err());
        let mut bytes = write(Dataset::bundled()).unwrap();
        bytes.extend_from_slice(b"POL,2024,x\n");
        assert!(read(&bytes).is_err());
    }
}
