//! Our World in Data grapher CSV: any bytes, read as one file.
#![no_main]

use defense_spending::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Dataset::from_bytes("fuzz/military-spending-as-a-share-of-gdp-sipri.csv", data);
});
