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

/// Turns counts into group starts: `starts[g]..starts[g + 1]` will hold group `g`.
fn starts_of(counts: &[usize]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut total = 0usize;
    starts.push(0);
    for c in counts {
        total += c;
        starts.push(total);
    }
    starts
}

impl Index {
    /// Indexes `spending`, `members` and `sources`; also gives the first duplicate record
    /// found, if any (the index is still complete).
    ///
    /// Two passes over the records: one counts the rows of each year and each country
    /// (numbering countries in order of appearance), the other places every row.
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
        let year_of = |i: usize| spending.get(i).map_or(0, |r| r.year);

        // Count.
        let mut year_counts = vec![0usize; usize::from(u16::MAX) + 1];
        let mut group_counts: Vec<usize> = Vec::new();
        let mut last: Option<(Entity, usize)> = None;
        for r in spending {
            let g = match last {
                Some((e, g)) if e == r.country => g,
                _ => {
                    let next = index.by_entity.len();
                    let g = *index.by_entity.entry(r.country).or_insert(next);
                    if g == next {
                        group_counts.push(0);
                    }
                    last = Some((r.country, g));
                    g
                }
            };
            if let Some(c) = group_counts.get_mut(g) {
                *c += 1;
            }
            if let Some(c) = year_counts.get_mut(usize::from(r.year)) {
                *c += 1;
            }
        }
        let lo = year_counts.iter().position(|&c| c > 0).unwrap_or(0);
        let hi = year_counts.iter().rposition(|&c| c > 0).unwrap_or(0);
        index.first_year = u16::try_from(lo).unwrap_or(0);
        index.year_starts = if spending.is_empty() {
            Vec::new()
        } else {
            starts_of(year_counts.get(lo..=hi).unwrap_or_default())
        };
        index.group_starts = starts_of(&group_counts);

        // Place.
        let mut year_next = index.year_starts.clone();
        let mut group_next = index.group_starts.clone();
        index.year_rows = vec![0; spending.len()];
        index.group_rows = vec![0; spending.len()];
        let mut last: Option<(Entity, usize)> = None;
        for (i, r) in (0..).zip(spending) {
            let g = match last {
                Some((e, g)) if e == r.country => g,
                _ => {
                    let g = index.by_entity.get(&r.country).copied().unwrap_or(0);
                    last = Some((r.country, g));
                    g
                }
            };
            if let Some(at) = group_next.get_mut(g) {
                if let Some(slot) = index.group_rows.get_mut(*at) {
                    *slot = i;
                }
                *at += 1;
            }
            if let Some(at) = year_next.get_mut(usize::from(r.year).wrapping_sub(lo)) {
                if let Some(slot) = index.year_rows.get_mut(*at) {
                    *slot = i;
                }
                *at += 1;
            }
        }
        let group_count = group_counts.len();

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
