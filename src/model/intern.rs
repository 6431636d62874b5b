//! Interned identifiers: aggregate ids and source ids are stored once per process and
//! handled as 4-byte keys, so that a million records citing one source or one region
//! carry a key, not a copy of its text.
//!
//! The text of an id, once seen, is kept for the life of the process (ids are few: a few
//! thousand in the largest public datasets).

use std::sync::LazyLock;

use lasso::{Spur, ThreadedRodeo};

static IDS: LazyLock<ThreadedRodeo<Spur>> = LazyLock::new(ThreadedRodeo::new);

/// The key of `text`, interning it if new.
pub(crate) fn intern(text: &str) -> Spur {
    IDS.get_or_intern(text)
}

/// The text of a key made by [`intern`].
pub(crate) fn resolve(key: Spur) -> &'static str {
    let ids: &'static ThreadedRodeo<Spur> = &IDS;
    ids.try_resolve(&key).unwrap_or("")
}
