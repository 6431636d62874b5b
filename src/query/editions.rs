//! Many sources, one answer: the editions of each publisher, the rules that pick one
//! source per country and year, what an answer rests on ([`Basis`]) and views of a
//! dataset restricted to one source or publisher. The rules are in the
//! [module docs](crate::query#many-sources-one-answer).

use std::fmt;

use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{named_enum, Entity, Metric, Source, SourceId, SpendingRecord};
use crate::{Dataset, DatasetParts};

/// One edition (one source of spending figures) of a dataset, as
/// [`Dataset::editions`] lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The source's id.
    pub source: SourceId,
    /// The publisher, as the rules group editions: the source's publisher up to a
    /// parenthesis (`NATO (via a third party)` is NATO's); the source's id where the
    /// dataset has no such source, or its publisher is not stated (`[not stated]`).
    pub publisher: String,
    /// The source's title (empty where the dataset has no such source).
    pub title: String,
    /// Its publication date, where known.
    pub published: Option<Date>,
    /// The years it has figures for, ascending.
    pub years: Vec<u16>,
    /// The years it marks as estimates (any record of the year), ascending.
    pub estimates: Vec<u16>,
    /// Its spending records.
    pub records: usize,
}

impl fmt::Display for Edition {
    /// `NATO: Defence Expenditure of NATO Countries (2014-2024) (nato-def-exp-2024),
    /// 2024-06-17, 2014-2024, estimates 2023-2024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.publisher, self.title, self.source)?;
        match self.published {
            Some(d) => write!(f, ", {d}")?,
            None => f.write_str(", undated")?,
        }
        write!(f, ", {}", Spans(&self.years))?;
        if !self.estimates.is_empty() {
            write!(f, ", estimates {}", Spans(&self.estimates))?;
        }
        Ok(())
    }
}

/// Years written as runs: `1949-1990, 1992-2023`.
struct Spans<'a>(&'a [u16]);

impl fmt::Display for Spans<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut runs: Vec<(u16, u16)> = Vec::new();
        for &y in self.0 {
            match runs.last_mut() {
                Some((_, last)) if last.checked_add(1) == Some(y) => *last = y,
                _ => runs.push((y, y)),
            }
        }
        let shown: Vec<String> = runs
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        f.write_str(&shown.join(", "))
    }
}

/// Why an answer rests on the sources it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// One source had the figures.
    Only,
    /// Several editions of one publisher had them: for each country and year, the latest
    /// edition's (by publication date, then the last year it covers).
    LatestEdition,
    /// Several publishers had them, NATO among them, and the question is about NATO's
    /// guideline for Allies: NATO's figures (NATO is the authority for its own count).
    Nato,
}

named_enum!(Rule, "rule", [
    Only => "only",
    LatestEdition => "latest_edition",
    Nato => "nato",
]);

/// What an answer that is not a row rests on: the sources of its figures, and why those.
///
/// Its `Display` is empty when the dataset holds one source of spending figures (nothing
/// to tell apart), and otherwise names the sources: `from nato-def-exp-2024 (NATO's
/// figures: NATO is the authority for its guideline)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// The sources whose figures the answer uses, latest edition first (none where there
    /// were no figures to use).
    pub sources: Vec<SourceId>,
    /// Why these.
    pub rule: Rule,
    /// How many sources of spending figures the dataset holds.
    pub held: usize,
}

impl Basis {
    /// The basis of an answer built from `sources` alone, in a dataset holding `held`
    /// sources.
    pub fn only(sources: Vec<SourceId>, held: usize) -> Basis {
        Basis {
            sources,
            rule: Rule::Only,
            held,
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.held <= 1 {
            return Ok(());
        }
        if self.sources.is_empty() {
            return f.write_str("from no source (no figures)");
        }
        let ids: Vec<&str> = self.sources.iter().map(SourceId::as_str).collect();
        write!(f, "from {}", ids.join(", "))?;
        match self.rule {
            Rule::Only => Ok(()),
            Rule::LatestEdition => f.write_str(" (the latest edition with the figures)"),
            Rule::Nato => f.write_str(" (NATO's figures: NATO is the authority for its guideline)"),
        }
    }
}

/// A set of years (bits; years are at most `u16::MAX`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Years(Vec<u64>);

impl Years {
    #[inline]
    fn insert(&mut self, year: u16) {
        let (word, bit) = (usize::from(year >> 6), year & 63);
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        if let Some(w) = self.0.get_mut(word) {
            *w |= 1 << bit;
        }
    }

    fn contains(&self, year: u16) -> bool {
        self.0
            .get(usize::from(year >> 6))
            .is_some_and(|w| w & (1 << (year & 63)) != 0)
    }

    fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        (0u16..).zip(&self.0).flat_map(|(k, &w)| {
            (0..64u16)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| k * 64 + b)
        })
    }

    fn last(&self) -> Option<u16> {
        self.iter().last()
    }
}

/// One source of spending figures, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    id: SourceId,
    /// The publisher's number in [`Editions::publishers`].
    publisher: usize,
    published: Option<Date>,
    years: Years,
    estimates: Years,
    records: usize,
    /// Its place among all sources, by publication date (an undated one's taken as 1
    /// January of the last year it covers), then the last year covered, then dated
    /// before undated, then first appearance: higher is later.
    rank: usize,
}

/// The sources of a dataset's spending figures, grouped by publisher and ranked: built
/// with the indexes, in one pass over the records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Editions {
    /// In order of first appearance among the records.
    entries: Vec<Entry>,
    by_id: FxHashMap<SourceId, usize>,
    /// The publishers' names (see [`Edition::publisher`]).
    publishers: Vec<String>,
    /// NATO's number, if NATO published any of the figures.
    nato: Option<usize>,
}

/// The publisher a source is grouped under (see [`Edition::publisher`]).
fn publisher_of(id: SourceId, source: Option<&Source>) -> String {
    let Some(s) = source else {
        return id.to_string();
    };
    let name = s.publisher.split(" (").next().unwrap_or_default().trim();
    if name.is_empty() || name.starts_with('[') {
        return id.to_string();
    }
    name.to_owned()
}

impl Editions {
    /// Groups and ranks the sources of `spending`.
    pub fn build(spending: &[SpendingRecord], sources: &[Source]) -> Editions {
        let mut t = Editions::default();
        let mut last: Option<(SourceId, usize)> = None;
        for r in spending {
            let slot = match last {
                Some((id, slot)) if id == r.source => slot,
                _ => {
                    let next = t.entries.len();
                    let slot = *t.by_id.entry(r.source).or_insert(next);
                    if slot == next {
                        t.entries.push(Entry {
                            id: r.source,
                            publisher: 0,
                            published: None,
                            years: Years::default(),
                            estimates: Years::default(),
                            records: 0,
                            rank: 0,
                        });
                    }
                    last = Some((r.source, slot));
                    slot
                }
            };
            if let Some(e) = t.entries.get_mut(slot) {
                e.years.insert(r.year);
                if r.estimate {
                    e.estimates.insert(r.year);
                }
                e.records += 1;
            }
        }
        let by_source: FxHashMap<SourceId, &Source> = sources.iter().map(|s| (s.id, s)).collect();
        for e in &mut t.entries {
            let source = by_source.get(&e.id).copied();
            let name = publisher_of(e.id, source);
            e.published = source.and_then(|s| s.published);
            e.publisher = match t.publishers.iter().position(|p| *p == name) {
                Some(p) => p,
                None => {
                    t.publishers.push(name);
                    t.publishers.len() - 1
                }
            };
        }
        t.nato = t
            .publishers
            .iter()
            .position(|p| p.eq_ignore_ascii_case("NATO"));
        let mut order: Vec<usize> = (0..t.entries.len()).collect();
        order.sort_by_key(|&i| {
            t.entries.get(i).map(|e| {
                let last = e.years.last();
                // An undated edition was published no earlier than the start of the last
                // year it has figures for (estimates included).
                let floor = last.and_then(|y| Date::new(i16::try_from(y).ok()?, 1, 1).ok());
                (e.published.or(floor), last, e.published.is_some(), i)
            })
        });
        for (rank, i) in order.into_iter().enumerate() {
            if let Some(e) = t.entries.get_mut(i) {
                e.rank = rank;
            }
        }
        t
    }

    /// How many sources of spending figures there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    fn entry(&self, id: SourceId) -> Option<&Entry> {
        self.entries.get(*self.by_id.get(&id)?)
    }

    /// The publisher's number and the rank of a source.
    fn place(&self, id: SourceId) -> (usize, usize) {
        self.entry(id)
            .map_or((usize::MAX, 0), |e| (e.publisher, e.rank))
    }

    fn publisher_name(&self, p: usize) -> &str {
        self.publishers.get(p).map_or("", String::as_str)
    }

    /// Of the sources `ids` (that all have the figures a question needs), the one that
    /// answers and why: the latest edition of their one publisher, or NATO's latest if
    /// `nato_first`; otherwise each publisher and its sources, for the error.
    #[allow(clippy::type_complexity)]
    pub fn choose(
        &self,
        ids: &[SourceId],
        nato_first: bool,
    ) -> std::result::Result<(SourceId, Rule), Vec<(String, Vec<String>)>> {
        let mut by_publisher: Vec<(usize, Vec<SourceId>)> = Vec::new();
        for &id in ids {
            let p = self.place(id).0;
            match by_publisher.iter_mut().find(|(q, _)| *q == p) {
                Some((_, v)) => v.push(id),
                None => by_publisher.push((p, vec![id])),
            }
        }
        let latest = |v: &[SourceId]| v.iter().copied().max_by_key(|&id| self.place(id).1);
        let (group, rule) = match by_publisher.as_slice() {
            [(_, v)] => (
                v,
                if v.len() > 1 {
                    Rule::LatestEdition
                } else {
                    Rule::Only
                },
            ),
            more => match more
                .iter()
                .find(|(p, _)| nato_first && Some(*p) == self.nato)
            {
                Some((_, v)) => (v, Rule::Nato),
                None => {
                    return Err(more
                        .iter()
                        .map(|(p, v)| {
                            (
                                self.publisher_name(*p).to_owned(),
                                v.iter().map(|i| i.to_string()).collect(),
                            )
                        })
                        .collect())
                }
            },
        };
        latest(group).map(|id| (id, rule)).ok_or_else(Vec::new)
    }

    /// The rank of a source among all (higher is later; 0 for an unknown one).
    pub fn rank(&self, id: SourceId) -> usize {
        self.place(id).1
    }

    /// True if NATO published figures for `year`.
    pub fn nato_has(&self, year: u16) -> bool {
        self.nato.is_some_and(|n| {
            self.entries
                .iter()
                .any(|e| e.publisher == n && e.years.contains(year))
        })
    }

    /// True if NATO published any of the figures.
    pub fn has_nato(&self) -> bool {
        self.nato.is_some()
    }
}

/// Whom a question is about, which decides the rule of precedence between publishers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ask {
    /// The Allies that were members in the year: a question about NATO's guideline, NATO
    /// first.
    Allies,
    /// The Allies of the members table, whether or not members in the year: NATO
    /// first.
    Members,
    /// Every country (never an aggregate): no publisher first.
    Countries,
    /// One country or aggregate: no publisher first.
    One(Entity),
}

/// The records a question rests on (one per country or aggregate) and its basis.
#[derive(Debug)]
pub(crate) struct Pick<'a> {
    pub rows: Vec<&'a SpendingRecord>,
    pub basis: Basis,
}

impl Dataset {
    /// The editions (sources of spending figures) of this dataset, by publisher (in
    /// order of first appearance), latest edition first: each with its publisher, title,
    /// publication date, the years it covers and the years it marks as estimates.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let editions = Dataset::bundled().editions();
    /// assert_eq!(editions.len(), 1);
    /// let june = &editions[0];
    /// assert_eq!(june.publisher, "NATO");
    /// assert_eq!(june.published.map(|d| d.to_string()).as_deref(), Some("2024-06-17"));
    /// assert_eq!(june.estimates, [2023, 2024]);
    /// assert_eq!(june.to_string(), "NATO: Defence Expenditure of NATO Countries (2014-2024) \
    ///     (nato-def-exp-2024), 2024-06-17, 2014-2024, estimates 2023-2024");
    /// ```
    pub fn editions(&self) -> Vec<Edition> {
        let t = &self.editions;
        let mut entries: Vec<&Entry> = t.entries.iter().collect();
        entries.sort_by_key(|e| (e.publisher, std::cmp::Reverse(e.rank)));
        entries
            .into_iter()
            .map(|e| Edition {
                source: e.id,
                publisher: t.publisher_name(e.publisher).to_owned(),
                title: self
                    .source(&e.id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                published: e.published,
                years: e.years.iter().collect(),
                estimates: e.estimates.iter().collect(),
                records: e.records,
            })
            .collect()
    }

    /// A view of this dataset restricted to the spending figures of one source (one
    /// edition), on which every query works unchanged. Every other table (Allies,
    /// sources, pledges, contracts, aid) is kept whole.
    ///
    /// The view is a new, owned [`Dataset`] (so that every query, the bindings and
    /// serialization take it as they take any other): the kept records are copied and
    /// indexed again. That costs about as much as loading them: for the million-row
    /// synthetic OWID file of `examples/bench_load.rs`, 0.27-0.41 s a view against
    /// 0.35-0.87 s for the load, on the project's shared 2-core machine (the copy is most
    /// of it; indexing, 0.06-0.09 s). Make a view once and ask it many questions.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotInDataset`] if no spending figure cites `id`; the message lists
    /// the sources that do.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let june = ds.from_source("nato-def-exp-2024")?;
    /// assert_eq!(june.meeting_target(2024, 2)?.len(), 23);
    /// assert!(ds.from_source("nato-def-exp-2025").is_err());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    // "The figures from a source": a view of `self`, not a conversion from an id.
    #[allow(clippy::wrong_self_convention)]
    pub fn from_source(&self, id: &str) -> Result<Dataset> {
        let wanted = self
            .editions
            .entries
            .iter()
            .find(|e| e.id.as_str() == id.trim())
            .map(|e| e.id);
        match wanted {
            Some(w) => Ok(self.restricted(|r| r.source == w)),
            None => Err(Error::query(ErrorKind::NotInDataset {
                what: "source",
                given: id.to_owned(),
                known: self
                    .editions
                    .entries
                    .iter()
                    .map(|e| e.id.to_string())
                    .collect(),
            })),
        }
    }

    /// A view of this dataset restricted to one publisher's spending figures (all its
    /// editions; the latest answers for each year, as in the whole dataset), named as
    /// [`Edition::publisher`] gives it, in any case (`"World Bank"`, `"nato"`). As
    /// [`from_source`](Dataset::from_source) otherwise.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotInDataset`] if no spending figure is that publisher's; the message
    /// lists the publishers.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.publisher("nato")?.spending().len(), ds.spending().len());
    /// let err = ds.publisher("SIPRI").unwrap_err();
    /// assert_eq!(err.to_string(), "no spending figures from publisher \"SIPRI\" in this dataset; it has NATO");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn publisher(&self, name: &str) -> Result<Dataset> {
        let t = &self.editions;
        let Some(p) = t
            .publishers
            .iter()
            .position(|p| p.eq_ignore_ascii_case(name.trim()))
        else {
            return Err(Error::query(ErrorKind::NotInDataset {
                what: "publisher",
                given: name.to_owned(),
                known: t.publishers.clone(),
            }));
        };
        Ok(self.restricted(|r| t.place(r.source).0 == p))
    }

    /// This dataset with only the spending records that `keep` keeps.
    fn restricted(&self, keep: impl Fn(&SpendingRecord) -> bool) -> Dataset {
        let spending: Vec<SpendingRecord> =
            self.spending.iter().filter(|r| keep(r)).cloned().collect();
        Dataset::index(DatasetParts {
            sources: self.sources.clone(),
            members: self.members.clone(),
            aggregates: self.aggregates.clone(),
            spending,
            pledges: self.pledges.clone(),
            contracts: self.contracts.clone(),
            aid: self.aid.clone(),
            aid_announcements: self.aid_announcements.clone(),
            aid_releases: self.aid_releases.clone(),
            skipped: self.skipped.clone(),
        })
    }

    /// The records a question about `year` rests on, one per country or aggregate, by the
    /// rules of the [module docs](crate::query#many-sources-one-answer): only records
    /// with every metric of `needs`; per publisher, the latest edition's; between
    /// publishers, NATO's for a question about Allies, else the one publisher's, else an
    /// error. Does not check that the dataset has the year.
    pub(crate) fn pick_year(&self, year: u16, needs: &[Metric], ask: Ask) -> Result<Pick<'_>> {
        let t = &self.editions;
        let candidates: Box<dyn Iterator<Item = &SpendingRecord>> = match ask {
            Ask::One(e) => Box::new(self.records(e, year)),
            _ => Box::new(self.spending_in(year)),
        };
        // Per country and publisher, the latest edition's record.
        let mut best: FxHashMap<(Entity, usize), (&SpendingRecord, usize)> = FxHashMap::default();
        // Per publisher, the sources with figures.
        let mut found: Vec<(usize, Vec<SourceId>)> = Vec::new();
        for r in candidates {
            if !needs.iter().all(|m| r.get(*m).is_some()) {
                continue;
            }
            let wanted = match ask {
                Ask::Allies => r
                    .country
                    .country()
                    .is_some_and(|c| self.is_member_in(c, year)),
                Ask::Members => r
                    .country
                    .country()
                    .is_some_and(|c| self.member(c).is_some()),
                Ask::Countries => r.country.is_country(),
                Ask::One(_) => true,
            };
            if !wanted {
                continue;
            }
            let (p, rank) = t.place(r.source);
            match found.iter_mut().find(|(q, _)| *q == p) {
                Some((_, ids)) if !ids.contains(&r.source) => ids.push(r.source),
                Some(_) => {}
                None => found.push((p, vec![r.source])),
            }
            best.entry((r.country, p))
                .and_modify(|b| {
                    if rank > b.1 {
                        *b = (r, rank);
                    }
                })
                .or_insert((r, rank));
        }
        let (chosen, rule) = match found.as_slice() {
            [] => (None, Rule::Only),
            [(p, ids)] => (
                Some(*p),
                if ids.len() > 1 {
                    Rule::LatestEdition
                } else {
                    Rule::Only
                },
            ),
            _ if matches!(ask, Ask::Allies | Ask::Members)
                && t.nato.is_some_and(|n| found.iter().any(|f| f.0 == n)) =>
            {
                (t.nato, Rule::Nato)
            }
            _ => {
                return Err(Error::query(ErrorKind::SeveralPublishers {
                    year: Some(year),
                    publishers: found
                        .iter()
                        .map(|(p, ids)| {
                            (
                                t.publisher_name(*p).to_owned(),
                                ids.iter().map(|i| i.to_string()).collect(),
                            )
                        })
                        .collect(),
                }))
            }
        };
        let mut rows: Vec<(&SpendingRecord, usize)> = best
            .into_iter()
            .filter(|((_, p), _)| Some(*p) == chosen)
            .map(|(_, b)| b)
            .collect();
        rows.sort_by_key(|r| r.0.country);
        let mut used: Vec<(usize, SourceId)> =
            rows.iter().map(|(r, rank)| (*rank, r.source)).collect();
        used.sort_by_key(|u| std::cmp::Reverse(u.0));
        used.dedup();
        Ok(Pick {
            rows: rows.into_iter().map(|(r, _)| r).collect(),
            basis: Basis {
                sources: used.into_iter().map(|(_, s)| s).collect(),
                rule,
                held: t.len(),
            },
        })
    }

    /// The years a question about NATO's guideline covers: NATO's years where NATO
    /// published figures, else every year with figures.
    pub(crate) fn alliance_years(&self) -> Vec<u16> {
        let t = &self.editions;
        self.years()
            .filter(|&y| !t.has_nato() || t.nato_has(y))
            .collect()
    }

    /// The error for a lookup of `entity` in `year` that found no record.
    pub(crate) fn no_figure(&self, entity: Entity, year: u16) -> Error {
        let mut years = self.series(entity).map(|r| r.year);
        let first = years.next();
        Error::query(ErrorKind::NoFigure {
            entity: entity.to_string(),
            year,
            first,
            last: years.last().or(first),
        })
    }
}
