//! Zip archives of files: bytes starting with `PK` as they are (seeds: the World Bank's
//! download zipped); anything else split at NUL bytes into files, zipped here (so that
//! the loaders behind the archive are reached without forging deflate streams).
#![no_main]

use std::io::Write;

use defense_spending::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        let _ = Dataset::from_bytes("fuzz/download.zip", data);
        return;
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (i, part) in data.split(|&b| b == 0).take(8).enumerate() {
        if w.start_file(format!("f{i}.csv"), options).is_err() || w.write_all(part).is_err() {
            return;
        }
    }
    if let Ok(cursor) = w.finish() {
        let _ = Dataset::from_bytes("fuzz/download.zip", &cursor.into_inner());
    }
});
