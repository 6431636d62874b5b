//! The crate's own CSV files: any bytes, read as one file (the format is recognised by
//! the header, so mutations may wander into the other CSV formats too), and as text.
#![no_main]

use defense_spending::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Dataset::from_bytes("fuzz/spending.csv", data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Dataset::from_csv_str("fuzz/spending.csv", text);
    }
});
