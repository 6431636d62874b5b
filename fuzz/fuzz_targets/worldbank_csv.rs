//! World Bank WDI bulk CSV and its country metadata: any bytes, read as one file; and,
//! when the input holds a NUL byte, split there into a metadata file and a data file
//! loaded together from a folder (the metadata decides which codes are aggregates).
#![no_main]

use defense_spending::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Dataset::from_bytes("fuzz/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.csv", data);
    if let Some(at) = data.iter().position(|&b| b == 0) {
        let (meta, rest) = data.split_at(at);
        let dir = std::env::temp_dir().join(format!("ds-fuzz-wb-{}", std::process::id()));
        if std::fs::create_dir_all(&dir).is_ok()
            && std::fs::write(dir.join("Metadata_Country.csv"), meta).is_ok()
            && std::fs::write(dir.join("API.csv"), rest.get(1..).unwrap_or_default()).is_ok()
        {
            let _ = Dataset::load(&dir);
        }
    }
});
