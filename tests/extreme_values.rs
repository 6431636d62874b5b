//! Every query over data with the largest values the loaders accept (10^15), and over a
//! dataset built by hand with `Decimal::MAX` everywhere: a result or an error, never a
//! panic (no arithmetic overflow). Larger values are refused when loading.

use defense_spending::query::{AidFilter, ContractFilter, ExchangeRate};
use defense_spending::{Currency, Dataset, DatasetParts, ErrorKind, Metric};
use rust_decimal::Decimal;

const MAX: &str = "1000000000000000";

fn extreme() -> Dataset {
    let dir = std::env::temp_dir().join(format!("ds-extreme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut spending = String::from(
        "country,year,share_of_gdp,expenditure_current,expenditure_constant,gdp_current,\
         gdp_constant,equipment_share,real_change,per_capita_current,share_of_government,\
         price_base_year,estimate,source\n",
    );
    for (c, y, v, change) in [
        ("POL", 2023, MAX, MAX),
        (
            "POL",
            2024,
            "0.0000000000000000000000000001",
            "-1000000000000000",
        ),
        ("USA", 2024, MAX, MAX),
        ("DEU", 2024, MAX, MAX),
        ("NATO_TOTAL", 2024, MAX, MAX),
        ("NATO_EUCAN", 2024, MAX, MAX),
    ] {
        spending.push_str(&format!(
            "{c},{y},{v},{v},{v},{v},{v},100,{change},{v},100,2015,false,x\n"
        ));
    }
    std::fs::write(dir.join("spending.csv"), spending).unwrap();
    let aid = std::fs::read_to_string("data/aid.csv").unwrap();
    let aid: String = aid
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                // The amount is the 6th field; the first fields have no commas.
                let mut f: Vec<&str> = l.splitn(7, ',').collect();
                f[5] = MAX;
                format!("{}\n", f.join(","))
            }
        })
        .collect();
    std::fs::write(dir.join("aid.csv"), aid).unwrap();
    let contracts = std::fs::read_to_string("data/contracts.csv").unwrap();
    let contracts = contracts.replace(",700,USD,", &format!(",{MAX},USD,"));
    std::fs::write(dir.join("contracts.csv"), contracts).unwrap();
    let ds = Dataset::load(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    ds
}

/// The loaded extremes with every figure and amount made `Decimal::MAX` by hand.
fn beyond() -> Dataset {
    let mut parts = DatasetParts::from(extreme());
    for r in &mut parts.spending {
        for m in Metric::ALL {
            r.set(*m, Some(Decimal::MAX));
        }
    }
    for a in &mut parts.aid {
        a.amount.money.millions = Decimal::MAX;
    }
    for c in &mut parts.contracts {
        c.value.money.millions = Decimal::MAX;
    }
    Dataset::index(parts)
}

#[test]
fn a_figure_over_ten_to_the_fifteenth_is_refused() {
    let csv = "country,year,expenditure_current,source\nPOL,2024,1000000000000000.1,x\n";
    let err = Dataset::from_csv_str("x.csv", csv).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{err}"
    );
    assert_eq!(
        err.position().column.as_deref(),
        Some("expenditure_current")
    );
    let owid = "Entity,Code,Year,Military expenditure (% of GDP)\nPoland,POL,2024,2e15\n";
    let err = Dataset::from_bytes("owid.csv", owid.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("10^15"), "{err}");
}

#[test]
fn queries_over_extreme_values_never_panic() {
    queries(&extreme());
    queries(&beyond());
}

fn queries(ds: &Dataset) {
    let pol: defense_spending::Entity = "POL".parse().unwrap();
    let big = MAX.parse::<Decimal>().unwrap();
    for threshold in [Decimal::TWO, big, -big] {
        let _ = ds.meeting_target(2024, threshold);
        let _ = ds.countries_at_or_above(2024, threshold);
        let _ = ds.count_meeting_target(threshold);
        let _ = ds.shortfalls(2024, threshold);
        let _ = ds.first_year_at(threshold);
    }
    for m in Metric::ALL {
        let _ = ds.ranking(2024, *m);
    }
    let _ = ds.change(pol, 2023, 2024);
    let _ = ds.changes(2023, 2024);
    let _ = ds.alliance_totals();
    let _ = ds.pledge_checks();
    let _ = ds.aid_latest(&AidFilter::default());
    let _ = ds.aid_sum(&AidFilter::default());
    let rate = ExchangeRate {
        from: Currency::Eur,
        to: Currency::Usd,
        rate: big,
    };
    let _ = ds.aid_sum_in(&AidFilter::default(), Currency::Usd, &[rate]);
    let _ = ds.contract_totals(&ContractFilter::default());
    let _ = defense_spending::query::revisions(ds, ds);
    let _ = ds.validate();
}
