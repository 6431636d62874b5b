//! The limits every loader keeps to, so that memory and time stay bounded on any input.
//!
//! A file, a record or a sheet over a limit is an [`Error`] of kind
//! [`ErrorKind::TooLarge`] naming the file and the line (or the sheet), never an abort
//! for want of memory. The limits are far above anything the publishers ship (the
//! largest real file this crate reads, SIPRI's workbook, is under 1 MB; a World Bank
//! bulk CSV has about 70 columns and rows under 2 KB), and far below what would exhaust
//! a machine:
//!
//! | limit | value | checked |
//! |---|---|---|
//! | [`MAX_FILE_BYTES`] | 1 GiB | from the file's metadata before it is read, and again while reading (a file that grows, or a device such as `/dev/zero`) |
//! | [`MAX_RECORD_BYTES`] | 1 MiB | each CSV record (the header too), its fields' bytes |
//! | [`MAX_COLUMNS`] | 10,000 | each CSV record's fields, and a sheet's columns |
//! | [`MAX_SHEET_ROWS`] | 100,000 | the rows a sheet spans (from its first used row to its last) |
//! | [`MAX_SHEET_CELLS`] | 5,000,000 | the cells a sheet's used range spans, and the cells its XML lists |
//! | [`MAX_WORKBOOK_BYTES`] | 512 MiB | the uncompressed size a zip archive (a workbook, or an archive of files such as the World Bank's download) declares for its parts, and what they unpack to |
//! | [`MAX_ARCHIVE_ENTRIES`] | 10,000 | the parts a zip archive lists |
//! | [`MAX_COMPRESSION_RATIO`] | 100 | how many times its compressed size a part of a zip archive may unpack to, for parts over 1 MiB (a "zip bomb" unpacks to a thousand times its size and more) |
//! | [`MAX_IDS`], [`MAX_ID_BYTES`] | 1,000,000 ids, 64 MiB | the distinct source and aggregate ids a process keeps, over every load |
//!
//! The per-record check is two comparisons (the record's byte length and field count,
//! both kept by the `csv` crate), made once per record.
//!
//! ```
//! use defense_spending::{Dataset, ErrorKind};
//! use defense_spending::load::limits::MAX_COLUMNS;
//!
//! let header = format!("country,year,share_of_gdp,source{}\n", ",x".repeat(MAX_COLUMNS));
//! let err = Dataset::from_csv_str("wide.csv", &header).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::TooLarge { .. }));
//! assert_eq!(err.position().line, Some(1));
//! ```

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Position, Result};

/// The largest file any loader reads, in bytes: 1 GiB.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The largest CSV record (one row, the header included), in bytes of field content
/// (quotes and separators not counted): 1 MiB.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The most fields a CSV record may have, and the most columns a sheet's used range may
/// span: 10,000 (a World Bank bulk CSV has about 70).
pub const MAX_COLUMNS: usize = 10_000;

/// The most rows a sheet's used range may span: 100,000 (SIPRI's sheets have about 200).
pub const MAX_SHEET_ROWS: u32 = 100_000;

/// The most cells a sheet's used range may span (rows times columns), and the most cells
/// its XML may list: 5,000,000.
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// The largest uncompressed size a zip archive (a workbook, or an archive of files such
/// as the World Bank's download) may declare for all its parts together, or unpack to,
/// in bytes: 512 MiB (a guard against "zip bombs"; NATO's and SIPRI's workbooks unpack to
/// a few MB).
pub const MAX_WORKBOOK_BYTES: u64 = 512 << 20;

// The bounds of the table of ids live with the table (the model's interner); the
// loaders keep to them, and they are listed here with the other limits.
pub use crate::model::intern::{MAX_IDS, MAX_ID_BYTES};

/// The most parts (files and folders) a zip archive may list: 10,000 (NATO's workbook has
/// 50, the World Bank's download 3).
pub const MAX_ARCHIVE_ENTRIES: usize = 10_000;

/// How many times its compressed size a part of a zip archive may unpack to, for parts
/// that unpack to more than [`RATIO_FLOOR_BYTES`]: 100 (the parts of NATO's workbook
/// unpack to at most 16 times their size; a "zip bomb" to a thousand times and more).
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// The unpacked size under which a part of a zip archive may have any compression
/// ratio: 1 MiB (a small part is harmless however well it compresses).
pub const RATIO_FLOOR_BYTES: u64 = 1 << 20;

/// Checks a zip archive (a workbook, or an archive of files) against the limits before
/// anything in it is read: its number of parts ([`MAX_ARCHIVE_ENTRIES`]), the
/// uncompressed size it declares ([`MAX_WORKBOOK_BYTES`]), each part's compression ratio
/// ([`MAX_COMPRESSION_RATIO`]); then unpacks every part into nothing, counting, since a
/// forged archive can declare less than it holds. An archive or a part the `zip` crate
/// cannot read is left to the reader to report.
pub(crate) fn check_archive(file: &Path, bytes: &[u8]) -> Result<()> {
    check_archive_within(file, bytes, MAX_WORKBOOK_BYTES)
}

/// [`check_archive`] with another limit on the unpacked size.
pub(crate) fn check_archive_within(file: &Path, bytes: &[u8], limit: u64) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let at = || Position::file(file);
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    if archive.len() > MAX_ARCHIVE_ENTRIES {
        return Err(too_large(
            at(),
            "the parts the zip archive lists",
            n(MAX_ARCHIVE_ENTRIES),
            n(archive.len()),
        ));
    }
    let unpacked_too_large = |found: u64| {
        too_large(
            at(),
            "the zip archive's uncompressed size in bytes",
            limit,
            found,
        )
    };
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            declared = declared.saturating_add(entry.size());
            if entry.size() > RATIO_FLOOR_BYTES {
                let ratio = entry.size() / entry.compressed_size().max(1);
                if ratio > MAX_COMPRESSION_RATIO {
                    return Err(too_large(
                        Position::file(file.join(entry.name())),
                        "the times its compressed size the part unpacks to",
                        MAX_COMPRESSION_RATIO,
                        ratio,
                    ));
                }
            }
        }
    }
    if declared > limit {
        return Err(unpacked_too_large(declared));
    }
    let mut unpacked: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let left = limit.saturating_sub(unpacked).saturating_add(1);
        let n = std::io::copy(&mut entry.take(left), &mut std::io::sink()).unwrap_or(0);
        unpacked = unpacked.saturating_add(n);
        if unpacked > limit {
            return Err(unpacked_too_large(unpacked));
        }
    }
    Ok(())
}

/// The error for `what` over `limit` at `position`.
pub(crate) fn too_large(position: Position, what: &str, limit: u64, found: u64) -> Error {
    Error::new(
        position,
        ErrorKind::TooLarge {
            what: what.to_owned(),
            limit,
            found,
        },
    )
}

/// Fails if a file of `len` bytes is over [`MAX_FILE_BYTES`].
pub(crate) fn check_file_size(file: &Path, len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(too_large(
            Position::file(file),
            "the file's size in bytes",
            MAX_FILE_BYTES,
            len,
        ));
    }
    Ok(())
}

/// Reads a file whole, after checking its size from its metadata, and reading no more
/// than [`MAX_FILE_BYTES`] and one byte whatever the metadata said.
pub(crate) fn read_file(file: &Path) -> Result<Vec<u8>> {
    let io = |e| Error::new(Position::file(file), ErrorKind::Io(e));
    let f = std::fs::File::open(file).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    check_file_size(file, len)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    f.take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_file_size(file, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    Ok(bytes)
}

/// Fails if a CSV record is over [`MAX_RECORD_BYTES`] or [`MAX_COLUMNS`]; `at` gives
/// where it starts (asked only when it is over).
#[inline]
pub(crate) fn check_record(
    _file: &Path,
    record: &csv::ByteRecord,
    at: impl FnOnce() -> Position,
) -> Result<()> {
    let bytes = record.as_slice().len();
    let fields = record.len();
    if bytes > MAX_RECORD_BYTES || fields > MAX_COLUMNS {
        return Err(record_too_large(bytes, fields, at(), false));
    }
    Ok(())
}

/// A reader that fails once more than [`MAX_FILE_BYTES`] have been read from it (a file
/// that grows while it is read, or a device such as `/dev/zero`).
pub(crate) struct Bounded<R> {
    inner: R,
    read: u64,
}

impl<R> Bounded<R> {
    /// `inner`, bounded.
    pub(crate) fn new(inner: R) -> Bounded<R> {
        Bounded { inner, read: 0 }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if self.read > MAX_FILE_BYTES {
            return Err(std::io::Error::other(format!(
                "the file is over the limit of {MAX_FILE_BYTES} bytes"
            )));
        }
        Ok(n)
    }
}

/// The error for a record over [`MAX_RECORD_BYTES`] or [`MAX_COLUMNS`]: `bytes` and
/// `fields` are what was read of it, all of it unless `partly` (a reader that stops at
/// the limit does not read the rest).
#[cold]
pub(crate) fn record_too_large(bytes: usize, fields: usize, at: Position, partly: bool) -> Error {
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    let (what, limit, found) = if fields > MAX_COLUMNS {
        ("the record's number of fields", MAX_COLUMNS, fields)
    } else {
        ("the record's size in bytes", MAX_RECORD_BYTES, bytes)
    };
    let what = if partly {
        format!("{what} (as far as it was read)")
    } else {
        what.to_owned()
    };
    too_large(at, &what, n(limit), n(found))
}

/// Fails if a sheet's used range, rows `rows` by columns `cols`, is over the sheet limits.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn check_sheet(position: impl Fn() -> Position, rows: u64, cols: u64) -> Result<()> {
    if rows > u64::from(MAX_SHEET_ROWS) {
        return Err(too_large(
            position(),
            "the rows the sheet's used range spans",
            u64::from(MAX_SHEET_ROWS),
            rows,
        ));
    }
    let max_cols = u64::try_from(MAX_COLUMNS).unwrap_or(u64::MAX);
    if cols > max_cols {
        return Err(too_large(
            position(),
            "the columns the sheet's used range spans",
            max_cols,
            cols,
        ));
    }
    let cells = rows.saturating_mul(cols);
    if cells > MAX_SHEET_CELLS {
        return Err(too_large(
            position(),
            "the cells the sheet's used range spans",
            MAX_SHEET_CELLS,
            cells,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_over_either_limit_is_an_error_at_its_line() {
        let file = Path::new("x.csv");
        let ok = csv::ByteRecord::from(vec!["a"; 10]);
        assert!(check_record(file, &ok, || unreachable!()).is_ok());
        let wide = csv::ByteRecord::from(vec!["a"; MAX_COLUMNS + 1]);
        let err = check_record(file, &wide, || Position::file(file).at_line(7)).unwrap_err();
        assert_eq!(err.position().line, Some(7));
        assert!(err.to_string().contains("10000"), "{err}");
        let long = csv::ByteRecord::from(vec!["x".repeat(MAX_RECORD_BYTES + 1)]);
        let err = check_record(file, &long, || Position::file(file).at_line(3)).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::TooLarge { found, .. } if *found == 1_048_577));
    }

    #[test]
    fn sheets_are_bounded_in_rows_columns_and_cells() {
        let at = || Position::file("x.xlsx").at_sheet("S");
        assert!(check_sheet(at, 200, 80).is_ok());
        assert!(check_sheet(at, 100_001, 1).is_err());
        assert!(check_sheet(at, 1, 10_001).is_err());
        assert!(check_sheet(at, 100_000, 10_000).is_err());
        assert!(check_sheet(at, 1_048_576, 16_384).is_err());
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        assert!(check_file_size(Path::new("x"), MAX_FILE_BYTES).is_ok());
        let err = check_file_size(Path::new("x"), MAX_FILE_BYTES + 1).unwrap_err();
        assert_eq!(err.position().file.as_deref(), Some(Path::new("x")));
    }
}
