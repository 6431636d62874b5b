//! Finding the country or aggregate a user means: by code, by id or by name.

use std::collections::BTreeSet;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{AggregateId, CountryCode, Entity};
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
    /// Ally, an aggregate it defines, or a donor or recipient of aid), so that a typo is
    /// an error rather than an empty series.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEntity`] with the closest codes and names the dataset knows.
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
        known
    }

    /// The codes and names of known entities closest to `text`, best first (at most 3).
    fn suggestions(&self, text: &str, known: &BTreeSet<Entity>) -> Vec<String> {
        let key = fold(text);
        let mut scored: Vec<(usize, String)> = Vec::new();
        for e in known {
            let mut candidates = vec![e.as_str().to_owned()];
            let name = self.name_of(*e);
            if name != e.as_str() {
                candidates.push(name);
            }
            let best = candidates
                .into_iter()
                .map(|c| (strsim::levenshtein(&key, &fold(&c)), c))
                .min();
            if let Some((distance, _)) = best {
                // Show the code, and the name beside it when they differ.
                let shown = match e {
                    Entity::Country(_) => format!("{} ({})", e.as_str(), self.name_of(*e)),
                    Entity::Aggregate(_) => e.as_str().to_owned(),
                };
                scored.push((distance, shown));
            }
        }
        let limit = (key.chars().count() / 3).max(2);
        scored.retain(|(d, _)| *d <= limit);
        scored.sort();
        scored.into_iter().take(3).map(|(_, s)| s).collect()
    }
}

/// A name as it is compared: case, spacing, footnote marks and accents ignored.
fn fold(text: &str) -> String {
    crate::names::comparable(text)
}
