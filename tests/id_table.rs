//! Memory in a long-running process: source and aggregate ids are kept for the life of
//! the process (a record carries a 4-byte key), so the table that keeps them is bounded.
//!
//! One test in its own binary (its own process): the table is process-wide.

use defense_spending::load::limits::MAX_IDS;
use defense_spending::{Dataset, ErrorKind};

/// The resident set size of this process, in bytes (Linux), if known.
fn rss() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// A spending file of `rows` rows, each citing its own source id `{tag}-{i}`.
fn file_with_new_ids(tag: &str, rows: usize) -> String {
    let mut text = String::from("country,year,share_of_gdp,source\n");
    for i in 0..rows {
        text.push_str(&format!("POL,2024,4.12,{tag}-{i}\n"));
    }
    text
}

#[test]
fn the_id_table_is_bounded_and_the_same_files_add_nothing() {
    const MIB: u64 = 1 << 20;

    // 1. A service loading files of the same kind again and again, under new names each
    //    time (uploads): the ids come from the content, so nothing new is kept.
    let same = file_with_new_ids("upload", 100);
    let _ = Dataset::from_csv_str("warm-up.csv", &same).unwrap();
    let before = rss();
    for n in 0..1000 {
        let ds = Dataset::from_csv_str(format!("upload-{n}-{:x}.csv", n * 7919), &same).unwrap();
        assert_eq!(ds.spending().len(), 100);
    }
    if let (Some(a), Some(b)) = (before, rss()) {
        assert!(
            b.saturating_sub(a) < 16 * MIB,
            "1,000 loads of one kind of file grew the process by {} MiB",
            b.saturating_sub(a) / MIB
        );
    }

    // The same with a publisher's format whose source id the loader makes: an Our World
    //    in Data export under a new name each time gets the same id, from its content.
    let owid = "Entity,Code,Year,Military expenditure (% of GDP)\nPoland,POL,2024,4.12\nAfghanistan,AFG,2023,\n";
    let first = Dataset::from_bytes("owid-upload-0.csv", owid.as_bytes()).unwrap();
    let before = rss();
    for n in 1..1000 {
        let ds =
            Dataset::from_bytes(format!("tmp{:08x}.csv", n * 104_729), owid.as_bytes()).unwrap();
        assert_eq!(ds.spending()[0].source, first.spending()[0].source);
    }
    if let (Some(a), Some(b)) = (before, rss()) {
        assert!(
            b.saturating_sub(a) < 16 * MIB,
            "grew by {} MiB",
            b.saturating_sub(a) / MIB
        );
    }
    let before = rss();

    // 2. Untrusted files, every one with 10,000 ids never seen: the table fills up to its
    //    bound, and then a file with a new id is refused with an error that says so.
    const PER_FILE: usize = 10_000;
    let mut refused = None;
    let mut full_at = None;
    for n in 0..(MAX_IDS / PER_FILE + 20) {
        match Dataset::from_csv_str(
            format!("new-{n}.csv"),
            &file_with_new_ids(&format!("f{n}"), PER_FILE),
        ) {
            Ok(_) => assert!(
                refused.is_none(),
                "file {n} loaded after the table was full"
            ),
            Err(e) => {
                let ErrorKind::InvalidValue { reason, .. } = e.kind() else {
                    panic!("file {n}: {e}");
                };
                assert!(reason.contains("MAX_IDS"), "{e}");
                assert_eq!(e.position().column.as_deref(), Some("source"), "{e}");
                if refused.is_none() {
                    refused = Some(n);
                    full_at = rss();
                }
            }
        }
    }
    let refused = refused.expect("the table was never full");
    // Every id loaded before was kept: the bound, not a smaller one, refused the file.
    assert!(
        refused + 1 >= MAX_IDS / PER_FILE,
        "refused from file {refused}"
    );
    // 3. Once full, loading goes on failing cleanly and memory stays where it was.
    if let (Some(a), Some(b), Some(start)) = (full_at, rss(), before) {
        assert!(
            b.saturating_sub(a) < 16 * MIB,
            "grew by {} MiB once full",
            b.saturating_sub(a) / MIB
        );
        assert!(
            b.saturating_sub(start) < 256 * MIB,
            "the table took {} MiB",
            b.saturating_sub(start) / MIB
        );
    }
    // Ids already known still load.
    assert!(Dataset::from_csv_str("known.csv", &same).is_ok());
}
