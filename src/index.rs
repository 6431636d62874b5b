//! The indexes of a [`Dataset`](crate::Dataset): spending records by year and by country,
//! Allies by code, sources by id.
//!
//! Built in one pass over the records, in time linear in their number: records by year
//! go to a slot per year, records by country to a group per country (the group of the
//! previous record is tried first, since files list a country's years together). A
//! country's group is sorted by year only when a file lists years out of order, and two
//! records of the same country, year and source — a duplicate — are found there, by
//! comparing neighbours, without hashing every record.

use rustc_hash::FxHashMap;

use crate::model::{CountryCode, Entity, Member, Source, SourceId, SpendingRecord};

/// Record positions are 4 bytes: a dataset holds at most `u32::MAX` records.
pub(crate) type Row = u32;

/// Lookups built once when a dataset is made.
///
/// Rows by year and by country are each one array of row positions, grouped, with the
/// start of every group (a compressed layout: 4 bytes a row, no spare capacity).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Index {
    /// The first year with rows.
    first_year: u16,
    /// `year_starts[y - first_year]..year_starts[y - first_year + 1]` are the year's rows
    /// in `year_rows`.
    year_starts: Vec<usize>,
    /// Rows, year after year, each year's in load order.
    year_rows: Vec<Row>,
    /// The group of each country or aggregate.
    by_entity: FxHashMap<Entity, usize>,
    /// `group_starts[g]..group_starts[g + 1]` are group `g`'s rows in `group_rows`.
    group_starts: Vec<usize>,
    /// Rows, country after country, each country's by year then load order.
    group_rows: Vec<Row>,
    /// Position of each Ally in the members table.
    members: FxHashMap<CountryCode, usize>,
    /// Position of each source in the sources table.
    sources: FxHashMap<SourceId, usize>,
}

/// Two records with the same country, year and source: their positions, in load order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub first: usize,
    pub second: usize,
}

/// Lays out `n` rows by group: `group(i)` is row `i`'s group, below `groups`. Two passes:
/// count, then place; each group's rows stay in row order.
fn grouped(
    n: usize,
    groups: usize,
    mut group: impl FnMut(usize) -> usize,
) -> (Vec<usize>, Vec<Row>) {
    let mut starts = vec![0usize; groups + 1];
    for i in 0..n {
        if let Some(c) = starts.get_mut(group(i) + 1) {
            *c += 1;
        }
    }
    for g in 0..groups {
        let before = starts.get(g).copied().unwrap_or(0);
        if let Some(s) = starts.get_mut(g + 1) {
            *s += before;
        }
    }
    let mut next = starts.clone();
    let mut rows = vec![0 as Row; n];
    for i in 0..n {
        let g = group(i);
        if let Some(at) = next.get_mut(g) {
            if let Some(slot) = rows.get_mut(*at) {
                *slot = i as Row;
            }
            *at += 1;
        }
    }
    (starts, rows)
}

impl Index {
    /// Indexes `spending`, `members` and `sources`; also gives the first duplicate record
    /// found, if any (the index is still complete).
    pub fn build(
        spending: &[SpendingRecord],
        members: &[Member],
        sources: &[Source],
    ) -> (Index, Option<Duplicate>) {
        let mut index = Index::default();
        // Records beyond u32::MAX cannot be indexed; no loader gets near (see load limits).
        let spending = spending
            .get(..spending.len().min(Row::MAX as usize))
            .unwrap_or_default();
        let n = spending.len();
        let year_of = |i: usize| spending.get(i).map_or(0, |r| r.year);

        // By year.
        let (lo, hi) = spending.iter().fold((u16::MAX, u16::MIN), |(lo, hi), r| {
            (lo.min(r.year), hi.max(r.year))
        });
        if lo <= hi {
            index.first_year = lo;
            (index.year_starts, index.year_rows) = grouped(n, usize::from(hi - lo) + 1, |i| {
                usize::from(year_of(i) - lo)
            });
        }

        // By country: group numbers in order of first appearance, the previous record's
        // group tried first.
        let mut last: Option<Entity> = None;
        for r in spending {
            if last != Some(r.country) {
                let next = index.by_entity.len();
                index.by_entity.entry(r.country).or_insert(next);
                last = Some(r.country);
            }
        }
        let group_count = index.by_entity.len();
        let by_entity = &index.by_entity;
        let mut last: Option<(Entity, usize)> = None;
        let group_of = |i: usize| -> usize {
            let Some(r) = spending.get(i) else {
                return 0;
            };
            match last {
                Some((e, g)) if e == r.country => g,
                _ => {
                    let g = by_entity.get(&r.country).copied().unwrap_or(0);
                    last = Some((r.country, g));
                    g
                }
            }
        };
        let (starts, rows) = grouped(n, group_count, group_of);
        (index.group_starts, index.group_rows) = (starts, rows);

        let year = |i: Row| year_of(i as usize);
        let source = |i: Row| spending.get(i as usize).map(|r| r.source);
        let mut duplicate: Option<Duplicate> = None;
        for g in 0..group_count {
            let (Some(&a), Some(&b)) = (index.group_starts.get(g), index.group_starts.get(g + 1))
            else {
                continue;
            };
            let Some(group) = index.group_rows.get_mut(a..b) else {
                continue;
            };
            if group
                .windows(2)
                .any(|w| matches!(w, [a, b] if year(*a) >= year(*b)))
            {
                // Out of order, or a year given twice: sort by year (stable: load order
                // within a year) and compare the records of each year.
                group.sort_by_key(|&i| year(i));
                for run in group.chunk_by(|a, b| year(*a) == year(*b)) {
                    for (k, &a) in run.iter().enumerate() {
                        for &b in run.iter().skip(k + 1) {
                            if source(a) == source(b) {
                                let found = Duplicate {
                                    first: a as usize,
                                    second: b as usize,
                                };
                                if duplicate.is_none_or(|d| found.second < d.second) {
                                    duplicate = Some(found);
                                }
                            }
                        }
                    }
                }
            }
        }

        for (i, m) in members.iter().enumerate() {
            index.members.entry(m.code).or_insert(i);
        }
        for (i, s) in sources.iter().enumerate() {
            index.sources.entry(s.id).or_insert(i);
        }
        (index, duplicate)
    }

    /// The rows of `year`, in load order.
    pub fn year(&self, year: u16) -> &[Row] {
        let Some(k) = year.checked_sub(self.first_year).map(usize::from) else {
            return &[];
        };
        match (self.year_starts.get(k), self.year_starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.year_rows.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The years with rows, ascending.
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        (0u16..)
            .zip(self.year_starts.windows(2))
            .filter(|(_, w)| matches!(w, [a, b] if a < b))
            .map(move |(k, _)| self.first_year + k)
    }

    /// The rows of `entity`, by year then load order.
    pub fn entity(&self, entity: &Entity) -> &[Row] {
        let Some(&g) = self.by_entity.get(entity) else {
            return &[];
        };
        match (self.group_starts.get(g), self.group_starts.get(g + 1)) {
            (Some(&a), Some(&b)) => self.group_rows.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The position of an Ally in the members table.
    pub fn member(&self, code: CountryCode) -> Option<usize> {
        self.members.get(&code).copied()
    }

    /// The position of a source in the sources table.
    pub fn source(&self, id: &SourceId) -> Option<usize> {
        self.sources.get(id).copied()
    }
}
