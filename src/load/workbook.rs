//! Excel workbooks (`.xlsx`): NATO's defence expenditure tables and SIPRI's Military
//! Expenditure Database, recognised by their sheets. Read with the `xlsx` feature (on by
//! default, through calamine); without it a workbook is an error that says to enable it.

use crate::error::Result;
use crate::load::{FileFormat, Format, Head, Input, ZIP};

/// The workbook formats.
pub(crate) struct Workbooks;

/// The workbook formats' reader.
pub(crate) const WORKBOOKS: Workbooks = Workbooks;

/// True if a zip archive is an Excel workbook: it holds `xl/workbook.xml`.
pub(crate) fn is_workbook(archive: &zip::ZipArchive<std::io::Cursor<&[u8]>>) -> bool {
    archive.index_for_name("xl/workbook.xml").is_some()
}

impl FileFormat for Workbooks {
    fn recognise(&self, head: &Head<'_>) -> Result<Option<Format>> {
        if !head.bytes.starts_with(ZIP) {
            return Ok(None);
        }
        #[cfg(feature = "xlsx")]
        return crate::load::xlsx::detect(head.file, head.bytes).map(Some);
        #[cfg(not(feature = "xlsx"))]
        return Err(crate::load::xlsx_disabled(head.file));
    }

    fn reads(&self, format: Format) -> bool {
        matches!(format, Format::NatoWorkbook | Format::SipriWorkbook)
    }

    fn name(&self, format: Format) -> String {
        match format {
            Format::SipriWorkbook => "SIPRI's Military Expenditure Database workbook",
            _ => "NATO's Defence Expenditure workbook",
        }
        .to_owned()
    }

    fn expected(&self) -> Option<String> {
        None
    }

    fn order(&self, format: Format) -> usize {
        // Each workbook defines its own source.
        match format {
            Format::SipriWorkbook => 23,
            _ => 22,
        }
    }

    #[cfg_attr(not(feature = "xlsx"), allow(unused_variables))]
    fn read(
        &self,
        cx: &mut crate::load::Context<'_, '_>,
        format: Format,
        input: Input<'_>,
    ) -> Result<()> {
        #[cfg(feature = "xlsx")]
        {
            let bytes = input.bytes()?;
            if format == Format::SipriWorkbook {
                crate::load::sipri::read(cx.builder, cx.file, &bytes)
            } else {
                crate::load::nato_xlsx::read(cx.builder, cx.file, &bytes)
            }
        }
        #[cfg(not(feature = "xlsx"))]
        Err(crate::load::xlsx_disabled(cx.file))
    }
}
