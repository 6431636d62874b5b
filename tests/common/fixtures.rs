//! Where the tests find publishers' real files: one rule, used by every test, bench and
//! script that reads one (`python/tests/conftest.py` follows the same rule).
//!
//! The files are third parties' publications and are never committed: they live in the
//! shared folder beside the project, `../shared/fixtures/` (provenance:
//! `../shared/fixtures/SOURCES.md`), or in the folder that the environment variable
//! `DEFENSE_SPENDING_FIXTURES` names.
//!
//! - Found: [`real_file`] gives its path.
//! - Missing on a developer's clone: the test prints one line saying which file it skipped
//!   (written to the terminal, past the test harness's capture) and returns early.
//! - Missing under CI (`CI` set to anything but `false` or `0`): the test fails, naming the
//!   folder it looked in, so CI always runs every real-file test.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// The environment variable that names the folder of real files.
pub const FIXTURES_VAR: &str = "DEFENSE_SPENDING_FIXTURES";

/// The folder of real files: `$DEFENSE_SPENDING_FIXTURES`, else `../shared/fixtures`
/// beside the project root.
pub fn fixtures_dir() -> PathBuf {
    match std::env::var_os(FIXTURES_VAR) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"),
    }
}

/// Whether this run is CI's (`CI=true`, as CI sets it): there a missing file fails.
pub fn under_ci() -> bool {
    match std::env::var("CI") {
        Ok(v) => !v.is_empty() && v != "false" && v != "0",
        Err(_) => false,
    }
}

/// The real file `rel` (a path inside the fixtures folder, such as
/// `"nato/240617-def-exp-2024-TABLES-en.xlsx"` or `"worldbank"`), if it is there.
///
/// When it is not: under CI this panics with the folder it looked in; elsewhere it prints
/// `skipped: <test>: needs <rel> (not in <folder>)` and returns `None`, and the test
/// returns early:
///
/// ```ignore
/// let Some(path) = real_file("owid/military-expenditure-share-gdp.csv") else { return };
/// ```
pub fn real_file(rel: &str) -> Option<PathBuf> {
    let dir = fixtures_dir();
    let path = dir.join(rel);
    if path.exists() {
        return Some(path);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    if under_ci() {
        panic!(
            "{test}: the real file {rel} is not in {} (CI runs every real-file test: \
             put ../shared beside the project, or name the folder in {FIXTURES_VAR})",
            dir.display()
        );
    }
    // Past the harness's capture, so that a passing test still says what it skipped.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test}: needs {rel} (not in {}; set {FIXTURES_VAR} to run it)",
        dir.display()
    );
    None
}

/// The bytes of the real file `rel`, if it is there (see [`real_file`]).
pub fn real_bytes(rel: &str) -> Option<Vec<u8>> {
    let path = real_file(rel)?;
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}
