//! The indexes of a [`Dataset`](crate::Dataset): spending records by year and by country,
//! Allies by code, sources by id.
//!
//! Built in one pass over the records, in time linear in their number: records by year
//! go to a slot per year, records by country to a group per country (the group of the
//! previous record is tried first, since files list a country's years together). A
//! country's group is sorted by year only when a file lists years out of order, and two
//! records of the same country, year and source — a duplicate — are found there, by
//! comparing neighbours, without hashing every record.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::model::{CountryCode, Entity, Member, Source, SourceId, SpendingRecord};

/// Record positions are 4 bytes: a dataset holds at most `u32::MAX` records.
pub(crate) type Row = u32;

/// Lookups built once when a dataset is made.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Index {
    /// Spending rows of each year, in load order.
    by_year: BTreeMap<u16, Vec<Row>>,
    /// The group of each country or aggregate in `groups`.
    by_entity: FxHashMap<Entity, usize>,
    /// Spending rows of one country or aggregate, by year then load order.
    groups: Vec<Vec<Row>>,
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

        // By year: one slot per year between the first and the last.
        let (lo, hi) = spending.iter().fold((u16::MAX, u16::MIN), |(lo, hi), r| {
            (lo.min(r.year), hi.max(r.year))
        });
        if lo <= hi {
            let mut slots: Vec<Vec<Row>> = vec![Vec::new(); usize::from(hi - lo) + 1];
            for (i, r) in (0..).zip(spending) {
                if let Some(slot) = slots.get_mut(usize::from(r.year - lo)) {
                    slot.push(i);
                }
            }
            index.by_year = (lo..=hi)
                .zip(slots)
                .filter(|(_, rows)| !rows.is_empty())
                .collect();
        }

        // By country, trying the previous record's group first.
        let mut last: Option<(Entity, usize)> = None;
        for (i, r) in (0..).zip(spending) {
            let g = match last {
                Some((e, g)) if e == r.country => g,
                _ => {
                    let next = index.groups.len();
                    let g = *index.by_entity.entry(r.country).or_insert(next);
                    if g == next {
                        index.groups.push(Vec::new());
                    }
                    last = Some((r.country, g));
                    g
                }
            };
            if let Some(group) = index.groups.get_mut(g) {
                group.push(i);
            }
        }

        let year = |i: Row| spending.get(i as usize).map_or(0, |r| r.year);
        let source = |i: Row| spending.get(i as usize).map(|r| r.source);
        let mut duplicate: Option<Duplicate> = None;
        for group in &mut index.groups {
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
        self.by_year.get(&year).map_or(&[], Vec::as_slice)
    }

    /// The years with rows, ascending.
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.by_year.keys().copied()
    }

    /// The rows of `entity`, by year then load order.
    pub fn entity(&self, entity: &Entity) -> &[Row] {
        self.by_entity
            .get(entity)
            .and_then(|&g| self.groups.get(g))
            .map_or(&[], Vec::as_slice)
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
