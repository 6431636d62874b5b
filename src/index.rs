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

/// The rows of each year and of each country, counted while the records are added (by
/// [`Tally::add`]), so that laying out the index takes one pass over them, not two, and
/// over each record's year (2 bytes) rather than the record (48).
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Rows by year (indexed by the year; grown to the latest year met).
    years: Vec<usize>,
    /// Each record's year.
    row_years: Vec<u16>,
    /// Countries numbered in order of appearance, and their rows.
    groups: Groups,
    /// The records counted.
    records: usize,
}

/// Countries numbered in order of appearance and their rows counted (the previous
/// record's country tried first, since files list a country's years together).
#[derive(Debug, Default)]
struct Groups {
    by_entity: FxHashMap<Entity, usize>,
    counts: Vec<usize>,
    /// The previous record's group, and its year.
    last: Option<(Entity, usize, u16)>,
    /// A country's records came in more than one run (another country's between).
    scattered: bool,
    /// The groups (of countries in one run each) whose years did not rise.
    unsorted: Vec<usize>,
}

impl Groups {
    #[inline]
    fn add(&mut self, entity: Entity, year: u16) {
        let g = match self.last {
            Some((e, g, last_year)) if e == entity => {
                if year <= last_year && self.unsorted.last() != Some(&g) {
                    self.unsorted.push(g);
                }
                g
            }
            _ => {
                let next = self.by_entity.len();
                let g = *self.by_entity.entry(entity).or_insert(next);
                if g == next {
                    self.counts.push(0);
                } else {
                    self.scattered = true;
                }
                g
            }
        };
        self.last = Some((entity, g, year));
        if let Some(c) = self.counts.get_mut(g) {
            *c += 1;
        }
    }
}

impl Tally {
    /// Counts `record`, added after those counted before.
    #[inline]
    pub fn add(&mut self, record: &SpendingRecord) {
        let y = usize::from(record.year);
        if y >= self.years.len() {
            self.years.resize(y + 1, 0);
        }
        if let Some(c) = self.years.get_mut(y) {
            *c += 1;
        }
        self.row_years.push(record.year);
        self.groups.add(record.country, record.year);
        self.records += 1;
    }

    /// Counts `spending`.
    fn of(spending: &[SpendingRecord]) -> Tally {
        let mut tally = Tally::default();
        for r in spending {
            tally.add(r);
        }
        tally
    }
}

/// Rows by year: counted, then placed.
struct YearLayout {
    first_year: u16,
    starts: Vec<usize>,
    rows: Vec<Row>,
}

impl YearLayout {
    /// `years` are the records' years, in order; `counts` the records of each year.
    fn build(years: &[u16], counts: &[usize]) -> YearLayout {
        let lo = counts.iter().position(|&c| c > 0).unwrap_or(0);
        let hi = counts.iter().rposition(|&c| c > 0).unwrap_or(0);
        let starts = if years.is_empty() {
            Vec::new()
        } else {
            starts_of(counts.get(lo..=hi).unwrap_or_default())
        };
        let mut next = starts.clone();
        let mut rows = vec![0; years.len()];
        for (i, &year) in (0..).zip(years) {
            if let Some(at) = next.get_mut(usize::from(year).wrapping_sub(lo)) {
                if let Some(slot) = rows.get_mut(*at) {
                    *slot = i;
                }
                *at += 1;
            }
        }
        YearLayout {
            first_year: u16::try_from(lo).unwrap_or(0),
            starts,
            rows,
        }
    }
}

/// Rows by country: countries numbered in order of appearance (the previous record's
/// tried first) and their rows counted, then placed.
struct GroupLayout {
    by_entity: FxHashMap<Entity, usize>,
    starts: Vec<usize>,
    rows: Vec<Row>,
    /// The groups whose rows are not in strictly rising years (out of order, or a year
    /// given twice), found while placing them.
    unsorted: Vec<usize>,
}

impl GroupLayout {
    fn build(spending: &[SpendingRecord], groups: Groups) -> GroupLayout {
        let Groups {
            by_entity,
            counts,
            scattered,
            unsorted,
            ..
        } = groups;
        let starts = starts_of(&counts);
        if !scattered {
            // Each country's records in one run, countries in order of appearance: the
            // rows are already grouped, and the groups that need sorting are known.
            return GroupLayout {
                by_entity,
                starts,
                rows: (0..).take(spending.len()).collect(),
                unsorted,
            };
        }
        let mut next = starts.clone();
        let mut rows = vec![0; spending.len()];
        let mut last: Option<(Entity, usize)> = None;
        // Each group's latest year, and whether its rows came in rising years.
        let mut latest: Vec<Option<u16>> = vec![None; counts.len()];
        let mut rising = vec![true; counts.len()];
        for (i, r) in (0..).zip(spending) {
            let g = match last {
                Some((e, g)) if e == r.country => g,
                _ => {
                    let g = by_entity.get(&r.country).copied().unwrap_or(0);
                    last = Some((r.country, g));
                    g
                }
            };
            if let Some(at) = next.get_mut(g) {
                if let Some(slot) = rows.get_mut(*at) {
                    *slot = i;
                }
                *at += 1;
            }
            if let (Some(y), Some(ok)) = (latest.get_mut(g), rising.get_mut(g)) {
                *ok &= y.is_none_or(|y| y < r.year);
                *y = Some(r.year);
            }
        }
        let unsorted = (0..)
            .zip(rising)
            .filter(|(_, ok)| !ok)
            .map(|(g, _)| g)
            .collect();
        GroupLayout {
            by_entity,
            starts,
            rows,
            unsorted,
        }
    }
}

/// In `run` (one country's records of one year, in load order), the first record whose
/// source an earlier one has, with that earlier one. Pairwise for a short run, through a
/// map for a long one, so that a file of many sources for one country and year costs
/// time in proportion to its size, not its square.
fn first_duplicate(run: &[Row], source: impl Fn(Row) -> Option<SourceId>) -> Option<Duplicate> {
    if run.len() <= 16 {
        for (k, &b) in run.iter().enumerate() {
            if let Some(&a) = run.iter().take(k).find(|&&a| source(a) == source(b)) {
                return Some(Duplicate {
                    first: a as usize,
                    second: b as usize,
                });
            }
        }
        return None;
    }
    let mut seen: FxHashMap<Option<SourceId>, Row> = FxHashMap::default();
    for &b in run {
        if let Some(&a) = seen.get(&source(b)) {
            return Some(Duplicate {
                first: a as usize,
                second: b as usize,
            });
        }
        seen.insert(source(b), b);
    }
    None
}

impl Index {
    /// Indexes `spending`, `members` and `sources`; also gives the first duplicate record
    /// found, if any (the index is still complete).
    ///
    /// Two passes over the records: one counts the rows of each year and each country
    /// (numbering countries in order of appearance), the other places every row. The
    /// first is skipped when `tally` counted the same records as they were added.
    pub fn build(
        spending: &[SpendingRecord],
        members: &[Member],
        sources: &[Source],
        tally: Option<Tally>,
    ) -> (Index, Option<Duplicate>) {
        let mut index = Index::default();
        // Records beyond u32::MAX cannot be indexed; no loader gets near (see load limits).
        let spending = spending
            .get(..spending.len().min(Row::MAX as usize))
            .unwrap_or_default();
        let year_of = |i: usize| spending.get(i).map_or(0, |r| r.year);
        let tally = match tally {
            Some(t) if t.records == spending.len() => t,
            _ => Tally::of(spending),
        };
        let Tally {
            years: year_counts,
            row_years: row_years_kept,
            groups: group_counts,
            ..
        } = tally;
        let row_years = || row_years_kept.get(..spending.len()).unwrap_or_default();

        // Rows by year and rows by country are laid out independently: on two threads
        // when there are many and the countries' rows need placing. When each country
        // came in one run, its rows are laid out at once, after the years, whose 2-byte
        // copy is freed first (the peak memory of a large load is here).
        let (years, groups) = if group_counts.scattered
            && spending.len() >= 100_000
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
        {
            std::thread::scope(|s| {
                let years = s.spawn(|| YearLayout::build(row_years(), &year_counts));
                let groups = GroupLayout::build(spending, group_counts);
                let years = years
                    .join()
                    .unwrap_or_else(|_| YearLayout::build(row_years(), &year_counts));
                (years, groups)
            })
        } else {
            let years = YearLayout::build(row_years(), &year_counts);
            drop(row_years_kept);
            (years, GroupLayout::build(spending, group_counts))
        };
        index.first_year = years.first_year;
        index.year_starts = years.starts;
        index.year_rows = years.rows;
        index.by_entity = groups.by_entity;
        index.group_starts = groups.starts;
        index.group_rows = groups.rows;

        let year = |i: Row| year_of(i as usize);
        let source = |i: Row| spending.get(i as usize).map(|r| r.source);
        let mut duplicate: Option<Duplicate> = None;
        for g in groups.unsorted {
            let (Some(&a), Some(&b)) = (index.group_starts.get(g), index.group_starts.get(g + 1))
            else {
                continue;
            };
            let Some(group) = index.group_rows.get_mut(a..b) else {
                continue;
            };
            // Out of order, or a year given twice: sort by year (stable: load order
            // within a year) and compare the records of each year.
            group.sort_by_key(|&i| year(i));
            for run in group.chunk_by(|a, b| year(*a) == year(*b)) {
                if let Some(found) = first_duplicate(run, source) {
                    if duplicate.is_none_or(|d| found.second < d.second) {
                        duplicate = Some(found);
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

    /// The countries and aggregates with rows, in no particular order.
    pub fn entities(&self) -> impl Iterator<Item = Entity> + '_ {
        self.by_entity.keys().copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn record(code: &str, year: u16, source: &str) -> SpendingRecord {
        let country = Entity::Country(CountryCode::lookup(code).unwrap());
        SpendingRecord::new(country, year, source.parse().unwrap())
    }

    /// Checks the index of `spending` against what it must hold, worked out the long
    /// way: each year's rows in load order, each country's by year then load order, and
    /// the duplicate whose second record comes first.
    fn check(spending: &[SpendingRecord]) {
        let (index, duplicate) = Index::build(spending, &[], &[], None);
        let mut tally = Tally::default();
        for r in spending {
            tally.add(r);
        }
        assert_eq!(
            Index::build(spending, &[], &[], Some(tally)),
            (index.clone(), duplicate)
        );
        let rows = 0..spending.len() as Row;
        for y in 1990..2030 {
            let want: Vec<Row> = rows
                .clone()
                .filter(|&i| spending[i as usize].year == y)
                .collect();
            assert_eq!(index.year(y), want, "year {y}");
        }
        for e in spending.iter().map(|r| r.country) {
            let mut want: Vec<Row> = rows
                .clone()
                .filter(|&i| spending[i as usize].country == e)
                .collect();
            want.sort_by_key(|&i| spending[i as usize].year);
            assert_eq!(index.entity(&e), want, "{e:?}");
        }
        let same = |a: &SpendingRecord, b: &SpendingRecord| {
            (a.country, a.year, a.source) == (b.country, b.year, b.source)
        };
        let want = (0..spending.len()).find_map(|second| {
            (0..second)
                .find(|&first| same(&spending[first], &spending[second]))
                .map(|first| Duplicate { first, second })
        });
        assert_eq!(duplicate, want);
    }

    #[test]
    fn the_index_holds_every_row_in_order_and_finds_the_first_duplicate() {
        check(&[]);
        // Countries in one run each, years rising: the rows are already grouped.
        check(&[
            record("POL", 2014, "a"),
            record("POL", 2015, "a"),
            record("EST", 2014, "a"),
        ]);
        // A run whose years fall, and a year given twice in a run.
        check(&[
            record("POL", 2015, "a"),
            record("POL", 2014, "a"),
            record("EST", 2014, "a"),
            record("EST", 2014, "b"),
            record("EST", 2014, "a"),
        ]);
        // A country met again after another.
        check(&[
            record("POL", 2014, "a"),
            record("POL", 2015, "a"),
            record("EST", 2015, "a"),
            record("EST", 2014, "a"),
            record("POL", 2016, "a"),
            record("EST", 2015, "b"),
            record("FRA", 2020, "a"),
            record("EST", 2015, "a"),
        ]);
    }

    proptest::proptest! {
        #[test]
        fn any_records_in_any_order_are_indexed(
            rows in proptest::collection::vec((0usize..3, 2000u16..2005, 0usize..2), 0..40)
        ) {
            let spending: Vec<SpendingRecord> = rows
                .iter()
                .map(|&(c, y, s)| record(["POL", "EST", "FRA"][c], y, ["a", "b"][s]))
                .collect();
            check(&spending);
        }
    }
}
