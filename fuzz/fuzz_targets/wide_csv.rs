//! Wide tables (`Country,2014,…`), and European `;` files: any bytes, read as one file
//! with a metric stated (the first byte picks it, and whether a base year is stated).
#![no_main]

use defense_spending::{LoadOptions, Metric};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let metric = Metric::ALL[usize::from(pick) % Metric::ALL.len()];
    let mut options = LoadOptions::new();
    options.metric(metric);
    if pick & 0x80 != 0 {
        options.price_base_year(2021);
    }
    let _ = options.from_bytes("fuzz/nato_defense_spending_clean.csv", rest);
});
