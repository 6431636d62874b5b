//! Loading data from files.
//!
//! [`Dataset::load`](crate::Dataset::load) takes a folder or a single file. Each file is
//! recognised by its content (its header), never by its name, because downloaded files
//! get renamed. This crate reads its own CSV files (see [`crate`] docs for their schema);
//! a file in no known format is an error that lists what was expected.
//!
//! Loading is all-or-nothing: the first bad value stops the load with an
//! [`Error`](crate::Error) naming the file, line, column and value. Nothing is skipped.

pub(crate) mod fields;
pub(crate) mod native;

use std::path::{Path, PathBuf};

use crate::dataset::Builder;
use crate::error::{Error, ErrorKind, Position, Result};
use crate::Dataset;

use fields::strip_bom;
use native::Table;

/// The file extensions a folder is searched for.
const EXTENSIONS: &[&str] = &["csv"];

/// Loads a folder or a file.
pub(crate) fn load_path(path: &Path) -> Result<Dataset> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let mut builder = Builder::default();
    if meta.is_dir() {
        let files = data_files(path)?;
        if files.is_empty() {
            return Err(Error::new(Position::file(path), ErrorKind::NoData));
        }
        // Sources first, so that the order of files never matters to the result.
        let mut read: Vec<(PathBuf, Vec<u8>, Table)> = Vec::with_capacity(files.len());
        for file in files {
            let bytes = std::fs::read(&file).map_err(|e| io_error(&file, e))?;
            let table = detect(&file, &bytes)?;
            read.push((file, bytes, table));
        }
        read.sort_by_key(|(file, _, table)| {
            (Table::ALL.iter().position(|t| t == table), file.clone())
        });
        for (file, bytes, table) in &read {
            native::read(&mut builder, file, bytes, *table)?;
        }
    } else {
        let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
        read_bytes(&mut builder, path, &bytes)?;
    }
    builder.finish()
}

/// Reads one file's bytes into `builder`, detecting its format.
pub(crate) fn read_bytes(builder: &mut Builder, file: &Path, bytes: &[u8]) -> Result<()> {
    let table = detect(file, bytes)?;
    native::read(builder, file, bytes, table)
}

/// The data files in a folder (not its subfolders), sorted by name.
fn data_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if wanted && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Recognises a file by its header.
fn detect(file: &Path, bytes: &[u8]) -> Result<Table> {
    let bytes = strip_bom(bytes);
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = String::from_utf8_lossy(first_line);
    let header: Vec<&str> = first_line
        .trim_end_matches('\r')
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .collect();
    Table::detect(&header).ok_or_else(|| {
        let found = if bytes.is_empty() {
            "an empty file".to_owned()
        } else {
            let shown: String = first_line.chars().take(120).collect();
            format!("a file whose first line is {shown:?}")
        };
        Error::new(
            Position::file(file).at_line(1),
            ErrorKind::UnknownFormat {
                found,
                expected: format!("one of this crate's CSV files: {}", Table::expected()),
            },
        )
    })
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(Position::file(path), ErrorKind::Io(e))
}
