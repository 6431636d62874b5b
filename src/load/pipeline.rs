//! Reading a CSV file on two cores: one thread splits the bytes into records (the `csv`
//! crate's work, the floor of any loader), the calling thread turns them into typed
//! records at the same time.
//!
//! Records travel in batches through a bounded channel, in file order, and batches are
//! sent back to be refilled, so memory stays a few batches whatever the file's size. The
//! caller sees every record in order and can stop at the first error, exactly as with a
//! plain loop; a `csv` error is handed over after the records before it.

use std::io::Read;
use std::sync::mpsc;

/// Records per batch.
const BATCH: usize = 2048;
/// Batches in flight between the threads.
const IN_FLIGHT: usize = 4;

/// A filled batch: its records (the first `len` of them are read) and, at the end of the
/// file or on a malformed row, how reading ended.
struct Batch {
    records: Vec<csv::ByteRecord>,
    len: usize,
    end: Option<Result<(), csv::Error>>,
}

/// Calls `each` on every record `reader` reads, in order, until the end or the first
/// error (of `each` or of the CSV itself, whichever comes first in the file). With
/// `parallel`, the reading runs on a second thread.
pub(crate) fn for_each_record<R, E>(
    mut reader: csv::Reader<R>,
    parallel: bool,
    mut each: impl FnMut(&csv::ByteRecord) -> Result<(), E>,
    csv_error: impl Fn(&csv::Error) -> E,
) -> Result<(), E>
where
    R: Read + Send,
{
    if !parallel {
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => each(&record)?,
                Ok(false) => return Ok(()),
                Err(e) => return Err(csv_error(&e)),
            }
        }
    }
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (empty_tx, empty_rx) = mpsc::channel::<Vec<csv::ByteRecord>>();
        scope.spawn(move || {
            // Batches are made until enough are in flight, then only reused.
            let mut made = 0;
            loop {
                let mut records = match empty_rx.try_recv() {
                    Ok(r) => r,
                    Err(_) if made < IN_FLIGHT + 2 => {
                        made += 1;
                        Vec::new()
                    }
                    Err(_) => match empty_rx.recv() {
                        Ok(r) => r,
                        Err(_) => return,
                    },
                };
                records.resize_with(BATCH, csv::ByteRecord::new);
                let mut len = 0;
                let mut end = None;
                for record in records.iter_mut() {
                    match reader.read_byte_record(record) {
                        Ok(true) => len += 1,
                        Ok(false) => {
                            end = Some(Ok(()));
                            break;
                        }
                        Err(e) => {
                            end = Some(Err(e));
                            break;
                        }
                    }
                }
                let last = end.is_some();
                // The receiver is gone when the caller stopped at an error: stop too.
                if full_tx.send(Batch { records, len, end }).is_err() || last {
                    return;
                }
            }
        });
        for batch in full_rx {
            for record in batch.records.iter().take(batch.len) {
                each(record)?;
            }
            match batch.end {
                Some(Ok(())) => return Ok(()),
                Some(Err(e)) => return Err(csv_error(&e)),
                None => {
                    let _ = empty_tx.send(batch.records);
                }
            }
        }
        Ok(())
    })
}

/// True if a file of about `rows` rows is worth a second thread (and there is a second
/// core to run it).
pub(crate) fn worth_a_thread(rows: usize) -> bool {
    rows >= 50_000 && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str, parallel: bool) -> (Vec<String>, Option<String>) {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut seen = Vec::new();
        let r = for_each_record(
            reader,
            parallel,
            |rec| {
                let s = String::from_utf8_lossy(rec.get(0).unwrap_or_default()).into_owned();
                if s == "stop" {
                    return Err("stopped".to_owned());
                }
                seen.push(s);
                Ok(())
            },
            |e| format!("csv: {e}"),
        );
        (seen, r.err())
    }

    #[test]
    fn both_ways_see_the_same_records_and_errors() {
        let many: String = (0..10_000).map(|i| format!("{i},x\n")).collect();
        let stop = format!("{many}stop,x\nafter,x\n");
        let bad = format!("{many}a,b,c\n");
        for text in [many.as_str(), stop.as_str(), bad.as_str(), "", "one,x"] {
            assert_eq!(collect(text, true), collect(text, false));
        }
        let (seen, err) = collect(&stop, true);
        assert_eq!(seen.len(), 10_000);
        assert_eq!(err.as_deref(), Some("stopped"));
        let (seen, err) = collect(&bad, true);
        assert_eq!(seen.len(), 10_000);
        assert!(err.unwrap().starts_with("csv:"));
    }
}
