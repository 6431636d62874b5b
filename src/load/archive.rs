//! Zip archives that are not workbooks, such as the World Bank's download
//! (`API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip`, holding the data CSV,
//! `Metadata_Country_….csv` and `Metadata_Indicator_….csv`): read as a folder of the
//! files inside them.
//!
//! - The archive is checked against the [limits](crate::load::limits) first (its parts,
//!   its declared and actual unpacked size, each part's compression ratio), as a
//!   workbook is.
//! - Its files whose names end in `.csv` or `.xlsx` (in any of its folders; macOS's
//!   `__MACOSX/` copies and hidden files left out) are each recognised by their content
//!   and read in the order a folder's are: a file in no known format is an error, as in
//!   a folder. Other files (a `README.txt`) are passed over.
//! - A zip archive inside it is an error (unzip the outer one); an archive with no file
//!   to read is an error listing what it holds. A folder's zip archives are not read (a
//!   download is often unzipped where it lies): an archive is loaded by its path.
//! - Positions name the file inside the archive as a path under it
//!   (`download.zip/API_….csv: line 12, column `2021``).
//!
//! Needs no cargo feature: the `zip` crate is built with deflate only.

use std::io::{Cursor, Read};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::load::{
    limits, read_all, recognise_bytes, wanted_extension, Bytes, Context, FileFormat, Format, Head,
    Input, EMPTY_ZIP, ZIP,
};

/// Zip archives of files, as a [`FileFormat`].
pub(crate) struct Archive;

/// The zip archives' reader.
pub(crate) const ARCHIVE: Archive = Archive;

impl FileFormat for Archive {
    fn recognise(&self, head: &Head<'_>) -> Result<Option<Format>> {
        if head.bytes.starts_with(EMPTY_ZIP) {
            return Ok(Some(Format::Archive));
        }
        if !head.bytes.starts_with(ZIP) {
            return Ok(None);
        }
        // An archive the zip crate cannot open is left to the workbook reader to report,
        // as before there were archives.
        let Ok(archive) = zip::ZipArchive::new(Cursor::new(head.bytes)) else {
            return Ok(None);
        };
        Ok((!crate::load::workbook::is_workbook(&archive)).then_some(Format::Archive))
    }

    fn reads(&self, format: Format) -> bool {
        format == Format::Archive
    }

    fn name(&self, _: Format) -> String {
        "zip archive of files (read as a folder)".to_owned()
    }

    fn expected(&self) -> Option<String> {
        None
    }

    fn order(&self, _: Format) -> usize {
        // Its files are ordered among themselves; as a whole it comes with the data.
        20
    }

    fn read(&self, cx: &mut Context<'_, '_>, _: Format, input: Input<'_>) -> Result<()> {
        let bytes = input.bytes()?;
        let file = cx.file;
        limits::check_archive(file, &bytes)?;
        let malformed = |e: zip::result::ZipError| {
            Error::new(Position::file(file), ErrorKind::Archive(e.to_string()))
        };
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).map_err(malformed)?;
        let mut found = Vec::new();
        let mut passed_over: Vec<String> = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(malformed)?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_owned();
            let path = file.join(&name);
            let base = name.rsplit('/').next().unwrap_or(&name);
            if name.starts_with("__MACOSX/") || base.starts_with('.') || !wanted_extension(&path) {
                passed_over.push(name);
                continue;
            }
            let mut content = Vec::with_capacity(
                usize::try_from(entry.size().min(limits::MAX_FILE_BYTES)).unwrap_or(0),
            );
            (&mut entry)
                .take(limits::MAX_FILE_BYTES.saturating_add(1))
                .read_to_end(&mut content)
                .map_err(|e| {
                    Error::new(Position::file(&path), ErrorKind::Archive(e.to_string()))
                })?;
            let shared: Arc<[u8]> = content.into();
            let recognised = recognise_bytes(path.clone(), Bytes::Shared(shared))?;
            if recognised.format == Format::Archive {
                return Err(Error::new(
                    Position::file(&path),
                    ErrorKind::Archive(
                        "a zip archive inside the archive: unzip the outer archive and load \
                         the folder it gives"
                            .to_owned(),
                    ),
                ));
            }
            found.push(recognised);
        }
        if found.is_empty() {
            let held = if passed_over.is_empty() {
                "no files".to_owned()
            } else {
                let mut shown: Vec<String> = passed_over
                    .iter()
                    .take(10)
                    .map(|n| format!("{n:?}"))
                    .collect();
                if passed_over.len() > 10 {
                    shown.push(format!("and {} more", passed_over.len() - 10));
                }
                format!("only {}", shown.join(", "))
            };
            return Err(Error::new(
                Position::file(file),
                ErrorKind::Archive(format!(
                    "nothing in it to read: it holds {held}; expected .csv files or .xlsx \
                     workbooks in a format this crate reads"
                )),
            ));
        }
        read_all(cx.builder, found, cx.options)
    }
}
