//! Finding the country or aggregate a user means: by code, by id or by name.

use std::collections::BTreeSet;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{AggregateId, CountryCode, Entity, Subject};
use crate::Dataset;

impl Dataset {
    /// The country or aggregate that `text` stands for in this dataset: an ISO 3166-1
    /// alpha-3 code in any case (`"POL"`, `"pol"`), an aggregate id (`"NATO_TOTAL"`), or a
    /// name as a publisher or a person writes it (`"Poland"`, `"Türkiye"`, `"Turkey"`,
    /// `"UK"`, `"United States of America"`, `"NATO Total"`), through the names the
    /// dataset's members and aggregates carry and the crate's table of names
    /// ([`names`](crate::names)).
    ///
    /// The answer must be something the dataset knows (it has figures for it, it is an
    /// Ally, an aggregate it defines, a donor or recipient of aid, or what a pledge or a
    /// statement of spending is about, as Russia is), so that a typo is an error rather
    /// than an empty series.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEntity`] with the closest codes and names the dataset knows:
    /// those whose names hold every word of `text` first (`NATO` suggests `NATO_TOTAL`),
    /// then those within a few letters of it.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// for text in ["POL", "pol", "Poland", "poland"] {
    ///     assert_eq!(ds.entity(text)?.to_string(), "POL");
    /// }
    /// assert_eq!(ds.entity("UK")?.to_string(), "GBR");
    /// assert_eq!(ds.entity("Turkey")?.to_string(), "TUR");
    /// assert_eq!(ds.entity("NATO Europe and Canada")?.to_string(), "NATO_EUCAN");
    ///
    /// assert_eq!(ds.entity("Russia")?.to_string(), "RUS"); // a statement is about it
    ///
    /// let err = ds.entity("NATO").unwrap_err();
    /// assert!(err.to_string().contains("did you mean one of: NATO_TOTAL, NATO_EUCAN"));
    /// let err = ds.entity("NATO_TOTL").unwrap_err();
    /// assert_eq!(err.to_string(),
    ///     "no country or aggregate \"NATO_TOTL\" in this dataset; did you mean NATO_TOTAL?");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn entity(&self, text: &str) -> Result<Entity> {
        let known = self.known_entities();
        let wanted = text.trim();
        if let Some(e) = self.interpret(wanted) {
            if known.contains(&e) {
                return Ok(e);
            }
        }
        Err(Error::query(ErrorKind::UnknownEntity {
            given: text.to_owned(),
            suggestions: self.suggestions(wanted, &known),
        }))
    }

    /// What `text` means, whether or not the dataset has it.
    fn interpret(&self, text: &str) -> Option<Entity> {
        let upper = text.to_uppercase();
        if let Some(c) = CountryCode::lookup(&upper) {
            return Some(Entity::Country(c));
        }
        if upper.contains('_') {
            if let Ok(id) = upper.parse::<AggregateId>() {
                return Some(Entity::Aggregate(id));
            }
        }
        let key = fold(text);
        let member = self
            .members
            .iter()
            .find(|m| fold(&m.name) == key)
            .map(|m| Entity::Country(m.code));
        let aggregate = || {
            self.aggregates
                .iter()
                .find(|a| fold(&a.name) == key)
                .map(|a| Entity::Aggregate(a.id))
        };
        member
            .or_else(aggregate)
            .or_else(|| crate::names::lookup(text))
    }

    /// Every entity the dataset knows: with figures, Allies, defined aggregates, aid
    /// donors and recipients, contract buyers' countries.
    fn known_entities(&self) -> BTreeSet<Entity> {
        let mut known: BTreeSet<Entity> = self.index.entities().collect();
        known.extend(self.members.iter().map(|m| Entity::Country(m.code)));
        known.extend(self.aggregates.iter().map(|a| Entity::Aggregate(a.id)));
        for a in &self.aid {
            known.insert(a.donor);
            known.insert(a.recipient);
        }
        for c in &self.contracts {
            known.extend(c.on_behalf_of.iter().map(|&k| Entity::Country(k)));
        }
        // A country a pledge or a statement of spending is about (Russia, in Estonia's
        // minister's estimate).
        for p in &self.pledges {
            if let Subject::Country(c) = p.subject {
                known.insert(Entity::Country(c));
            }
        }
        known
    }

    /// The codes and names of known entities closest to `text`, best first (at most 3).
    fn suggestions(&self, text: &str, known: &BTreeSet<Entity>) -> Vec<String> {
        let key = fold(text);
        let mut scored: Vec<(u8, usize, String)> = Vec::new();
        for e in known {
            let mut candidates = vec![e.as_str().to_owned()];
            let name = self.name_of(*e);
            if name != e.as_str() {
                candidates.push(name);
            }
            // Words of the text all in the entity's name: how many more the name has.
            let extra_words = candidates
                .last()
                .and_then(|name| extra_words(&fold(name), &key));
            let best = candidates
                .into_iter()
                .map(|c| (strsim::levenshtein(&key, &fold(&c)), c))
                .min();
            if let Some((distance, _)) = best {
                if let Some(extra) = extra_words {
                    // `NATO` for `NATO Total`: every word of the text is a word of the
                    // name, however far the rest of it; the fewest other words first.
                    scored.push((0, extra, self.shown(*e)));
                    continue;
                }
                scored.push((1, distance, self.shown(*e)));
            }
        }
        let limit = (key.chars().count() / 3).max(2);
        scored.retain(|(rank, d, _)| *rank == 0 || *d <= limit);
        scored.sort();
        scored.into_iter().take(3).map(|(.., s)| s).collect()
    }

    /// An entity as a suggestion shows it: the code, and the name beside it for a
    /// country.
    fn shown(&self, e: Entity) -> String {
        match e {
            Entity::Country(_) => format!("{} ({})", e.as_str(), self.name_of(e)),
            Entity::Aggregate(_) => e.as_str().to_owned(),
        }
    }
}

/// If every word of `text` (letters and digits) is a word of `name`, both folded: how
/// many other words `name` has. `None` otherwise, and for a text without a word.
fn extra_words(name: &str, text: &str) -> Option<usize> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let of_name = words(name);
    let of_text = words(text);
    (!of_text.is_empty() && of_text.iter().all(|w| of_name.contains(w)))
        .then(|| of_name.iter().filter(|w| !of_text.contains(w)).count())
}

/// A name as it is compared: case, spacing, footnote marks and accents ignored.
fn fold(text: &str) -> String {
    crate::names::comparable(text)
}
