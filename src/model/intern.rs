//! Interned identifiers: aggregate ids and source ids are stored once per process and
//! handled as 4-byte keys, so that a million records citing one source or one region
//! carry a key, not a copy of its text.
//!
//! The text of an id, once seen, is kept for the life of the process, so that a key
//! copied out of a dataset always reads back. The table is **bounded**: at most
//! [`MAX_IDS`] distinct ids and [`MAX_ID_BYTES`] of their text (listed with the other
//! limits in [`load::limits`](crate::load::limits)). An id over the
//! bound is refused with an error (loading the file that holds it fails, with that
//! error at its line), never a process that grows without end. Loaders make their ids
//! from what a file says, never from its name, so that loading the same kind of file
//! again and again adds no id.

use std::sync::LazyLock;

use lasso::{MemoryLimits, Spur, ThreadedRodeo};

/// The most distinct source and aggregate ids a process keeps, over all the files it
/// loads: 1,000,000 (the largest public datasets have a few thousand).
///
/// Ids are interned: kept once for the life of the process, so that a record carries a
/// 4-byte key and any key reads back. The table never shrinks, so it is bounded: an id
/// past the bound is an error (the file holding it does not load), and a process that
/// loads untrusted files again and again stays within about 100 MiB for its ids. The
/// loaders never make an id from a file's name, so loading files of the same kind again
/// and again (uploads with random names, say) adds no id.
pub const MAX_IDS: usize = 1_000_000;

/// The most bytes of id text a process keeps (see [`MAX_IDS`]): 64 MiB.
pub const MAX_ID_BYTES: usize = 64 << 20;

static IDS: LazyLock<ThreadedRodeo<Spur>> = LazyLock::new(|| {
    ThreadedRodeo::with_memory_limits(MemoryLimits::for_memory_usage(MAX_ID_BYTES))
});

/// The table of ids is full: the id is refused (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableFull;

impl TableFull {
    /// Why the id is refused, for messages.
    pub(crate) fn reason() -> String {
        format!(
            "cannot keep another id: this process already holds the most distinct source and \
             aggregate ids it keeps ({MAX_IDS} ids or {} MiB of text, load::limits::MAX_IDS); \
             ids are kept for the life of the process",
            MAX_ID_BYTES >> 20
        )
    }
}

/// The key of `text`, interning it if new and the table has room.
pub(crate) fn intern(text: &str) -> Result<Spur, TableFull> {
    if let Some(key) = IDS.get(text) {
        return Ok(key);
    }
    if IDS.len() >= MAX_IDS {
        return Err(TableFull);
    }
    IDS.try_get_or_intern(text).map_err(|_| TableFull)
}

/// The text of a key made by [`intern`].
pub(crate) fn resolve(key: Spur) -> &'static str {
    let ids: &'static ThreadedRodeo<Spur> = &IDS;
    ids.try_resolve(&key).unwrap_or("")
}
