//! The [`Builder`] the loaders push rows into, and the checks it makes when a load is
//! finished (uniqueness, citations, the bundled Allies when no members file came along).

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::dataset::{Dataset, DatasetParts};
use crate::error::{Error, ErrorKind, Position, Result, Skipped};
use crate::load::native::Table;
use crate::model::{
    Aggregate, AidAnnouncement, AidRelease, AidTotal, Contract, Entity, Member, Pledge, Source,
    SourceId, SpendingRecord,
};

/// Where a row was read: an index into the builder's files, and a line (or, for a file
/// registered with [`Builder::add_streamed_file`], the byte offset of the row).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc {
    pub file: usize,
    pub line: u64,
}

/// Where the bytes of a file can be read again, to turn a byte offset into a line when
/// an error is reported.
#[derive(Debug, Clone)]
pub(crate) enum Origin<'a> {
    /// Read again from the file.
    Disk,
    /// The bytes in memory.
    Memory(&'a [u8]),
    /// Bytes in memory the builder keeps until the load is finished: an archive's file,
    /// or a European spreadsheet's CSV translated into commas and dots (line for line).
    Shared(std::sync::Arc<[u8]>),
}

/// Where the bytes of each file are, by path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins<'a>(Vec<(PathBuf, Origin<'a>)>);

impl Origins<'_> {
    /// The line of byte `offset` of `file` (offsets count from after a byte order mark).
    fn line_of(&self, file: &Path, offset: u64) -> Option<u64> {
        let origin = self
            .0
            .iter()
            .rev()
            .find(|(p, _)| p == file)
            .map(|(_, o)| o)?;
        let owned;
        let bytes: &[u8] = match origin {
            Origin::Memory(b) => b,
            Origin::Shared(b) => b,
            Origin::Disk => {
                owned = std::fs::read(file).ok()?;
                owned.as_slice()
            }
        };
        let bytes = crate::load::fields::strip_bom(bytes);
        Some(crate::load::fields::Lines::new(bytes).at_byte(usize::try_from(offset).ok()?))
    }

    /// Fills in the line of a position known by byte offset.
    fn locate_position(&self, p: &mut Position) {
        if let (None, Some(byte), Some(file)) = (p.line, p.byte, p.file.as_deref()) {
            p.line = self.line_of(file, byte);
        }
    }

    /// Fills in the lines of an error's positions known by byte offset.
    pub fn locate(&self, mut e: Error) -> Error {
        self.locate_position(e.position_mut());
        if let ErrorKind::Duplicate { first, .. } = e.kind_mut() {
            self.locate_position(first);
        }
        e
    }
}

/// Collects rows from files, then checks them as a whole.
#[derive(Default)]
pub(crate) struct Builder<'a> {
    files: Vec<PathBuf>,
    /// For each file, true if its rows are located by byte offset (streamed CSV), false if
    /// by line.
    by_byte: Vec<bool>,
    /// Where each file's bytes are, by path.
    origins: Origins<'a>,
    loaded: HashSet<&'static str>,
    pub sources: Vec<(Source, Loc)>,
    pub members: Vec<(Member, Loc)>,
    pub aggregates: Vec<(Aggregate, Loc)>,
    /// Spending records, kept apart from their locations (below) to stay compact.
    spending: Vec<SpendingRecord>,
    /// Where each spending record was read: the line or byte offset (4 bytes each)...
    spending_locs: Vec<u32>,
    /// ...in the file of the last of these `(first record, file)` at or before it.
    spending_files: Vec<(usize, usize)>,
    /// The spending records counted by year and country, for the index.
    tally: crate::index::Tally,
    pub pledges: Vec<(Pledge, Loc)>,
    pub contracts: Vec<(Contract, Loc)>,
    pub aid: Vec<(AidTotal, Loc)>,
    /// Announcements behind aid totals (a Kiel Institute release's `MAIN DATA`).
    pub aid_announcements: Vec<AidAnnouncement>,
    /// The Kiel Institute releases read.
    pub aid_releases: Vec<AidRelease>,
    /// What the World Bank country metadata files loaded so far say about each code.
    pub worldbank: crate::load::worldbank::CountryMetadata,
    /// The ids in `aggregates`, to define each once without a scan.
    aggregate_ids: FxHashSet<crate::model::AggregateId>,
    /// Cells the loaders read but kept no figure from (see [`Skipped`]).
    pub skipped: Vec<Skipped>,
}

impl<'a> Builder<'a> {
    /// Registers a file whose rows are located by line; rows read from it carry the
    /// returned index.
    pub fn add_file(&mut self, file: &Path) -> usize {
        self.files.push(file.to_path_buf());
        self.by_byte.push(false);
        self.files.len() - 1
    }

    /// Registers a file whose rows are located by byte offset (in [`Loc::line`]); the
    /// line is worked out if an error is reported.
    pub fn add_streamed_file(&mut self, file: &Path) -> usize {
        self.files.push(file.to_path_buf());
        self.by_byte.push(true);
        self.files.len() - 1
    }

    /// Says where the bytes of `file` can be read again.
    pub fn register_origin(&mut self, file: &Path, origin: Origin<'a>) {
        self.origins.0.push((file.to_path_buf(), origin));
    }

    /// Fills in the lines of an error's positions known by byte offset.
    pub fn locate(&self, e: Error) -> Error {
        self.origins.locate(e)
    }

    /// Defines an aggregate (or other non-ISO entity) met in a file, unless one with the
    /// same id is defined already (the first definition stands).
    pub fn define_aggregate(&mut self, aggregate: Aggregate, loc: Loc) {
        if self.aggregate_ids.insert(aggregate.id) {
            self.aggregates.push((aggregate, loc));
        }
    }

    /// Adds an aggregate read from an aggregates file (a second definition of an id is
    /// an error when the dataset is finished).
    pub fn add_aggregate(&mut self, aggregate: Aggregate, loc: Loc) {
        self.aggregate_ids.insert(aggregate.id);
        self.aggregates.push((aggregate, loc));
    }

    /// Adds the source a file describes itself with (its publisher and edition), unless
    /// one with the same id is there already.
    pub fn define_source(&mut self, source: Source, loc: Loc) {
        if !self.sources.iter().any(|(s, _)| s.id == source.id) {
            self.sources.push((source, loc));
        }
    }

    /// Adds a spending record read at `loc`.
    #[inline]
    pub fn push_spending(&mut self, record: SpendingRecord, loc: Loc) {
        if self
            .spending_files
            .last()
            .is_none_or(|&(_, f)| f != loc.file)
        {
            self.spending_files.push((self.spending.len(), loc.file));
        }
        self.tally.add(&record);
        self.spending.push(record);
        self.spending_locs
            .push(u32::try_from(loc.line).unwrap_or(u32::MAX));
    }

    /// Makes room for `n` more spending records.
    pub fn reserve_spending(&mut self, n: usize) {
        self.spending.reserve(n);
        self.spending_locs.reserve(n);
    }

    /// Where the spending record at `i` was read.
    fn spending_loc(&self, i: usize) -> Loc {
        let k = self
            .spending_files
            .partition_point(|&(first, _)| first <= i);
        let file = k
            .checked_sub(1)
            .and_then(|k| self.spending_files.get(k))
            .map_or(usize::MAX, |&(_, f)| f);
        Loc {
            file,
            line: u64::from(self.spending_locs.get(i).copied().unwrap_or(0)),
        }
    }

    /// Notes that a file of `table` was read (even if it held no rows).
    pub fn mark_loaded(&mut self, table: Table) {
        self.loaded.insert(table.file_name());
    }

    fn position(&self, loc: Loc) -> Position {
        let mut p = if self.by_byte.get(loc.file).copied().unwrap_or(false) {
            Position::default().at_byte(loc.line)
        } else {
            Position::default().at_line(loc.line)
        };
        p.file = self.files.get(loc.file).cloned();
        p
    }

    /// Fails on the second of two rows with the same key.
    fn unique<T, K: Hash + Eq + Display>(
        &self,
        rows: &[(T, Loc)],
        key: impl Fn(&T) -> K,
    ) -> Result<()> {
        let mut seen: HashMap<K, Loc> = HashMap::with_capacity(rows.len());
        for (row, loc) in rows {
            if let Some(first) = seen.insert(key(row), *loc) {
                return Err(Error::new(
                    self.position(*loc),
                    ErrorKind::Duplicate {
                        key: key(row).to_string(),
                        first: self.position(first),
                    },
                ));
            }
        }
        Ok(())
    }

    /// Fails on a row citing a source that the loaded sources do not define.
    fn cited<T>(
        &self,
        known: &FxHashSet<SourceId>,
        rows: &[(T, Loc)],
        source: impl Fn(&T) -> &SourceId,
    ) -> Result<()> {
        for (row, loc) in rows {
            let id = source(row);
            if !known.contains(id) {
                return Err(Error::new(
                    self.position(*loc).at_column("source"),
                    ErrorKind::UnknownSource(id.to_string()),
                ));
            }
        }
        Ok(())
    }

    /// Checks uniqueness and citations, fills in what was not loaded, builds the indexes.
    pub fn finish(mut self) -> Result<Dataset> {
        let origins = std::mem::take(&mut self.origins);
        self.finish_unlocated().map_err(|e| origins.locate(e))
    }

    fn finish_unlocated(mut self) -> Result<Dataset> {
        self.unique(&self.sources, |s| s.id)?;
        self.unique(&self.members, |m| m.code)?;
        self.unique(&self.aggregates, |a| a.id)?;
        self.unique(&self.pledges, |p| p.id.clone())?;
        self.unique(&self.contracts, |c| {
            format!("{} {} {}", c.id, c.source, c.value.money.currency)
        })?;
        self.unique(&self.aid, |a| a.id.clone())?;

        // Citations are checked when a sources file was loaded with the data.
        if self.loaded.contains(Table::Sources.file_name()) {
            let known: FxHashSet<SourceId> = self.sources.iter().map(|(s, _)| s.id).collect();
            self.cited(&known, &self.members, |m| &m.source)?;
            self.cited(&known, &self.aggregates, |a| &a.source)?;
            if let Some(i) = self
                .spending
                .iter()
                .position(|r| !known.contains(&r.source))
            {
                let id = self.spending.get(i).map(|r| r.source.to_string());
                return Err(Error::new(
                    self.position(self.spending_loc(i)).at_column("source"),
                    ErrorKind::UnknownSource(id.unwrap_or_default()),
                ));
            }
            self.cited(&known, &self.pledges, |p| &p.source)?;
            self.cited(&known, &self.contracts, |c| &c.source)?;
            self.cited(&known, &self.aid, |a| &a.source)?;
        }

        let mut parts = DatasetParts {
            sources: strip(std::mem::take(&mut self.sources)),
            members: strip(std::mem::take(&mut self.members)),
            aggregates: strip(std::mem::take(&mut self.aggregates)),
            spending: Vec::new(),
            pledges: strip(std::mem::take(&mut self.pledges)),
            contracts: strip(std::mem::take(&mut self.contracts)),
            aid: strip(std::mem::take(&mut self.aid)),
            aid_announcements: std::mem::take(&mut self.aid_announcements),
            aid_releases: std::mem::take(&mut self.aid_releases),
            skipped: std::mem::take(&mut self.skipped),
        };
        // Membership is a fact of the Alliance, not of a file: without a members file, the
        // bundled list of Allies (and the sources it cites) comes along.
        if !self.loaded.contains(Table::Members.file_name()) {
            let bundled = Dataset::bundled();
            parts.members = bundled.members.clone();
            for m in &parts.members {
                if !parts.sources.iter().any(|s| s.id == m.source) {
                    if let Some(s) = bundled.source(&m.source) {
                        parts.sources.push(s.clone());
                    }
                }
            }
        }
        // The spending records are moved, not copied: a million of them is most of the
        // memory a load takes.
        let spending_locs = std::mem::take(&mut self.spending_locs);
        parts.spending = std::mem::take(&mut self.spending);
        let tally = std::mem::take(&mut self.tally);
        let (dataset, duplicate) = Dataset::index_checked(parts, Some(tally));
        if let Some(d) = duplicate {
            let key = dataset
                .spending
                .get(d.second)
                .map(|r| SpendingKey(r.country, r.year, r.source).to_string())
                .unwrap_or_default();
            self.spending_locs = spending_locs;
            return Err(Error::new(
                self.position(self.spending_loc(d.second)),
                ErrorKind::Duplicate {
                    key,
                    first: self.position(self.spending_loc(d.first)),
                },
            ));
        }
        Ok(dataset)
    }
}

/// Drops the locations of rows.
fn strip<T>(rows: Vec<(T, Loc)>) -> Vec<T> {
    rows.into_iter().map(|(x, _)| x).collect()
}

/// The key that identifies a spending record.
struct SpendingKey(Entity, u16, SourceId);

impl Display for SpendingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} from source {}", self.0, self.1, self.2)
    }
}
