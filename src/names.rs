//! Country and aggregate names, through every publisher's spelling.
//!
//! Publishers name countries, and each spells them its own way: NATO prints `Türkiye`,
//! `Slovak Republic` and `Czechia*` (with a footnote mark), SIPRI `United States of
//! America`, `Korea, South` and `Congo, DR`, the World Bank `Korea, Rep.`, `Egypt, Arab
//! Rep.` and `Turkiye`, people `Turkey`, `UK` and `Czech Republic`. This module is the one
//! table that maps them all to an [`Entity`]: an ISO 3166-1 alpha-3 [`CountryCode`]
//! for a country, or an [`AggregateId`] for a group of countries (NATO's `NATO Total`) or
//! a state without an ISO code (SIPRI's `USSR`). Every loader that reads names (NATO's
//! and SIPRI's workbooks, wide tables) resolves them here, and so can you:
//!
//! ```
//! use defense_spending::names;
//!
//! let tur = names::lookup("Türkiye").unwrap();
//! assert_eq!(tur.to_string(), "TUR");
//! assert_eq!(names::lookup("Turkey"), Some(tur));
//! assert_eq!(names::lookup("turkiye"), Some(tur)); // case and accents ignored
//! assert_eq!(names::lookup(" Czechia* ").unwrap().to_string(), "CZE"); // footnote mark
//! assert_eq!(names::lookup("Korea, South").unwrap().to_string(), "KOR");
//! assert_eq!(names::lookup("Korea, Rep.").unwrap().to_string(), "KOR");
//! assert_eq!(names::lookup("NATO Total").unwrap().to_string(), "NATO_TOTAL");
//! assert_eq!(names::lookup("USSR").unwrap().to_string(), "SIPRI_USSR");
//! assert_eq!(names::lookup("Freedonia"), None);
//!
//! // For "did you mean" messages:
//! assert_eq!(names::closest("Slovak Repulic", 1), ["Slovak Republic"]);
//! ```
//!
//! ## How a name is matched
//!
//! A name and every name in the table are compared after
//!
//! - removing footnote marks at either end (`*`, `†`, `‡`, `§`, `¶`, `‖`, `#`,
//!   superscript letters and digits) and surrounding white space;
//! - making every run of white space (no-break spaces included) one space, hyphens and
//!   dashes spaces (`Timor Leste` is `Timor-Leste`), curly apostrophes straight ones, and
//!   removing full stops (`St. Lucia` is `St Lucia`);
//! - ignoring case.
//!
//! Then accents and other diacritics are ignored (`Turkiye` is `Türkiye`, `Cote d'Ivoire`
//! is `Côte d'Ivoire`) where that is unambiguous: a name that, without its accents,
//! would match names of two different entities matches neither (no two names in the
//! table are so today; a test keeps it that way). A name is never matched by being
//! merely close: [`closest`] only suggests.
//!
//! ## What the table holds
//!
//! - ISO 3166-1's English short names (from `rust_iso3166`), for every country, and the
//!   three-letter codes themselves written in capitals (`POL`).
//! - NATO's names of the Allies and its two aggregate rows (`NATO Europe and Canada`:
//!   `NATO_EUCAN`, `NATO Total`: `NATO_TOTAL`), as in its "Defence Expenditure of NATO
//!   Countries" tables.
//! - SIPRI's names in its Military Expenditure Database, and the states and rows it lists
//!   that have no ISO code, which keep SIPRI's ids (see [`aggregate`]): `USSR`
//!   (`SIPRI_USSR`), `Yugoslavia`, `Czechoslovakia`, `German DR`, `Yemen, North`,
//!   `Yemen, South`, `Kosovo` (`SIPRI_KOSOVO`) and `European Union` (`SIPRI_EU`).
//! - The World Bank's names of economies with an ISO code (`Korea, Rep.`, `Egypt, Arab
//!   Rep.`, `Venezuela, RB`, `Lao PDR`, ...), as its WDI country metadata gives them.
//!   Its aggregates (`World`, `Euro area`) are not here: the World Bank's files give
//!   codes, and its loader names them `WB_<code>`.
//! - ISO 3166-3's codes of former countries (`ANT`, `SUN`, `YUG`, ...), in capitals: each
//!   stands for the aggregate `FORMER_<code>` ([`former_country`]), never a current
//!   country.
//! - Rows of other publishers that are not countries: Our World in Data's `European
//!   Union (SIPRI)` (SIPRI's row), the World Bank's economy `Channel Islands` (`WB_CHI`),
//!   and the Kiel Institute's donors that are institutions (`EU_COMMISSION`, `EU_EIB`,
//!   `EU_EPF`).
//! - Common English names: `United Kingdom`, `UK`, `United States`, `USA`, `Turkey`,
//!   `Czech Republic`, `Russia`, `South Korea`, `Iran`, `Ivory Coast`, ...
//!
//! A name missing from the table is an error in every loader (with [`closest`]'s
//! suggestions), never a guess: add it here, mapped to its code.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::model::{AggregateId, CountryCode, Entity};

/// An entity without an ISO 3166-1 code that names in the table stand for: a group of
/// countries (NATO's aggregate rows) or a state SIPRI lists that has no ISO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownAggregate {
    /// Its aggregate id (`NATO_TOTAL`, `SIPRI_USSR`).
    pub id: &'static str,
    /// The name its publisher prints, the first of the names that stand for it.
    pub name: &'static str,
    /// What it covers.
    pub description: &'static str,
}

/// The entities without an ISO code, and every name that stands for each (the first is
/// the publisher's).
const AGGREGATES: &[(KnownAggregate, &[&str])] = &[
    (
        KnownAggregate {
            id: AggregateId::NATO_EUCAN,
            name: "NATO Europe and Canada",
            description: "NATO's aggregate row for the European Allies and Canada (all Allies but the United States), as published in its defence expenditure tables.",
        },
        &["NATO Europe and Canada", "NATO Europe & Canada"],
    ),
    (
        KnownAggregate {
            id: AggregateId::NATO_TOTAL,
            name: "NATO Total",
            description: "NATO's aggregate row for all Allies, as published in its defence expenditure tables.",
        },
        &["NATO Total"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_USSR",
            name: "USSR",
            description: "The Union of Soviet Socialist Republics (until 1991), as SIPRI lists it.",
        },
        &["USSR", "Soviet Union"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_YUGOSLAVIA",
            name: "Yugoslavia",
            description: "The Socialist Federal Republic of Yugoslavia (until 1991-92), as SIPRI lists it.",
        },
        &["Yugoslavia"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_CZECHOSLOVAKIA",
            name: "Czechoslovakia",
            description: "Czechoslovakia (until 1992), as SIPRI lists it.",
        },
        &["Czechoslovakia"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_GERMAN_DR",
            name: "German Democratic Republic",
            description: "The German Democratic Republic (until 1990), as SIPRI lists it.",
        },
        &["German Democratic Republic", "German DR", "East Germany"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_YEMEN_NORTH",
            name: "Yemen, North",
            description: "North Yemen (the Yemen Arab Republic, until 1990), as SIPRI lists it.",
        },
        &["Yemen, North", "North Yemen"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_YEMEN_SOUTH",
            name: "Yemen, South",
            description: "South Yemen (the People's Democratic Republic of Yemen, until 1990), as SIPRI lists it.",
        },
        &["Yemen, South", "South Yemen"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_KOSOVO",
            name: "Kosovo",
            description: "Kosovo, which has no ISO 3166-1 code, as SIPRI lists it.",
        },
        &["Kosovo"],
    ),
    (
        KnownAggregate {
            id: "SIPRI_EU",
            name: "European Union",
            description: "SIPRI's row for the European Union (listed under Western Europe), kept apart from the countries.",
        },
        &["European Union", "European Union (SIPRI)"],
    ),
    (
        KnownAggregate {
            id: "WB_CHI",
            name: "Channel Islands",
            description: "The Channel Islands, which the World Bank lists as one economy (code CHI); ISO 3166-1 codes Jersey (JEY) and Guernsey (GGY) apart.",
        },
        &["Channel Islands"],
    ),
    (
        KnownAggregate {
            id: AggregateId::EU_COMMISSION,
            name: "EU (Commission and Council)",
            description: "The European Commission and the Council of the EU as a donor of their own (the EU budget's aid), as the Kiel Institute's Ukraine Support Tracker lists them: not the member states' bilateral aid.",
        },
        &["EU (Commission and Council)", "EU Commission and Council"],
    ),
    (
        KnownAggregate {
            id: AggregateId::EU_EIB,
            name: "European Investment Bank",
            description: "The European Investment Bank as a donor of its own, as the Kiel Institute's Ukraine Support Tracker lists it.",
        },
        &["European Investment Bank", "EIB"],
    ),
    (
        KnownAggregate {
            id: AggregateId::EU_EPF,
            name: "European Peace Facility",
            description: "The European Peace Facility (the EU's off-budget fund for military aid) as a donor of its own, as the Kiel Institute's Ukraine Support Tracker lists it.",
        },
        &["European Peace Facility", "EPF"],
    ),
    (
        KnownAggregate {
            id: AggregateId::KIEL_ALL_DONORS,
            name: "All donors (Kiel Institute)",
            description: "All donors tracked by the Kiel Institute's Ukraine Support Tracker.",
        },
        &["All donors (Kiel Institute)"],
    ),
];

/// A country that ISO 3166-3 lists as formerly used (its code withdrawn from ISO 3166-1),
/// such as `ANT` (Netherlands Antilles) or `SUN` (the USSR): a historical entity, kept
/// apart from every current country as an aggregate `FORMER_<code>` (see
/// [`former_country`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormerCountry {
    /// Its ISO 3166-3 alpha-3 code, as publishers still print it (`ANT`).
    pub code: &'static str,
    /// When ISO withdrew the code from ISO 3166-1 (a year, or a date as ISO gives it).
    pub withdrawn: &'static str,
    /// Its aggregate: id `FORMER_<code>`, ISO 3166-3's name, what it is.
    pub aggregate: KnownAggregate,
}

macro_rules! former {
    ($code:literal, $name:literal, $withdrawn:literal) => {
        FormerCountry {
            code: $code,
            withdrawn: $withdrawn,
            aggregate: KnownAggregate {
                id: concat!("FORMER_", $code),
                name: $name,
                description: concat!(
                    $name,
                    ": a former country, ISO 3166-3 code ",
                    $code,
                    ", withdrawn from ISO 3166-1 in ",
                    $withdrawn,
                    "; kept apart from every current country"
                ),
            },
        }
    };
}

/// ISO 3166-3's formerly used codes, with its names and withdrawal dates, as Debian's
/// `iso-codes` 4.15.0 gives them (`iso_3166-3.json`), less `ATF`, which ISO 3166-1 uses
/// again (French Southern Territories).
const FORMER: &[FormerCountry] = &[
    former!("AFI", "French Afars and Issas", "1977"),
    former!("ANT", "Netherlands Antilles", "2010-12-15"),
    former!("ATB", "British Antarctic Territory", "1979"),
    former!(
        "BUR",
        "Burma, Socialist Republic of the Union of",
        "1989-12-05"
    ),
    former!(
        "BYS",
        "Byelorussian SSR Soviet Socialist Republic",
        "1992-06-15"
    ),
    former!(
        "CSK",
        "Czechoslovakia, Czechoslovak Socialist Republic",
        "1993-06-15"
    ),
    former!("SCG", "Serbia and Montenegro", "2006-09-26"),
    former!("CTE", "Canton and Enderbury Islands", "1984"),
    former!("DDR", "German Democratic Republic", "1990-10-30"),
    former!("DHY", "Dahomey", "1977"),
    former!("FXX", "France, Metropolitan", "1997-07-14"),
    former!("GEL", "Gilbert and Ellice Islands", "1979"),
    former!("HVO", "Upper Volta, Republic of", "1984"),
    former!("JTN", "Johnston Island", "1986"),
    former!("MID", "Midway Islands", "1986"),
    former!("NHB", "New Hebrides", "1980"),
    former!("ATN", "Dronning Maud Land", "1983"),
    former!("NTZ", "Neutral Zone", "1993-07-12"),
    former!("PCI", "Pacific Islands (trust territory)", "1986"),
    former!("PUS", "US Miscellaneous Pacific Islands", "1986"),
    former!("PCZ", "Panama Canal Zone", "1980"),
    former!("RHO", "Southern Rhodesia", "1980"),
    former!("SKM", "Sikkim", "1975"),
    former!(
        "SUN",
        "USSR, Union of Soviet Socialist Republics",
        "1992-08-30"
    ),
    former!("TMP", "East Timor", "2002-05-20"),
    former!("VDR", "Viet-Nam, Democratic Republic of", "1977"),
    former!("WAK", "Wake Island", "1986"),
    former!(
        "YMD",
        "Yemen, Democratic, People's Democratic Republic of",
        "1990-08-14"
    ),
    former!(
        "YUG",
        "Yugoslavia, (Socialist) Federal Republic of",
        "2003-07-23"
    ),
    former!("ZAR", "Zaire, Republic of", "1997-07-14"),
];

/// The former country an ISO 3166-3 code stands for (`ANT`, `SCG`, `YUG`, `CSK`, `SUN`,
/// `DDR`, `ZAR`, `BUR`, `TMP`, ...), given in capitals; `None` for any other code (a
/// current ISO 3166-1 code among them). Loaders that read codes (Our World in Data's
/// exports) keep such a row as the aggregate [`FormerCountry::aggregate`], never a
/// current country and never an error:
///
/// ```
/// use defense_spending::names;
///
/// let ant = names::former_country("ANT").unwrap();
/// assert_eq!(ant.aggregate.id, "FORMER_ANT");
/// assert_eq!(ant.aggregate.name, "Netherlands Antilles");
/// assert_eq!(names::lookup("SUN").unwrap().to_string(), "FORMER_SUN");
/// assert!(names::former_country("POL").is_none());
/// ```
pub fn former_country(code: &str) -> Option<&'static FormerCountry> {
    FORMER.iter().find(|f| f.code == code)
}

/// Names of countries other than ISO 3166-1's English short name, and the alpha-3 code
/// each stands for. Grouped by who spells them so; a name two publishers share is listed
/// once.
const ALIASES: &[(&str, &str)] = &[
    // NATO, "Defence Expenditure of NATO Countries" (June 2024 tables).
    ("Slovak Republic", "SVK"),
    ("United Kingdom", "GBR"),
    ("United States", "USA"),
    ("Netherlands", "NLD"),
    // SIPRI, Military Expenditure Database (April 2024 release).
    ("United States of America", "USA"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Cape Verde", "CPV"),
    ("Congo, DR", "COD"),
    ("Congo, Democratic Republic", "COD"),
    ("Congo, Republic", "COG"),
    ("Gambia, The", "GMB"),
    ("Swaziland", "SWZ"),
    ("Tanzania", "TZA"),
    ("Korea, North", "PRK"),
    ("Korea, South", "KOR"),
    ("Taiwan", "TWN"),
    ("Brunei", "BRN"),
    ("Laos", "LAO"),
    ("Timor Leste", "TLS"),
    ("Vietnam", "VNM"),
    ("Kyrgyz Republic", "KGZ"),
    ("Czech Republic", "CZE"),
    ("Moldova", "MDA"),
    ("Russia", "RUS"),
    ("Iran", "IRN"),
    ("Syria", "SYR"),
    ("Turkey", "TUR"),
    ("UAE", "ARE"),
    ("Bosnia-Herzegovina", "BIH"),
    // Older releases, as users export them (the `Share of Govt. spending` sheet).
    ("Central African Rep.", "CAF"),
    ("Macedonia", "MKD"),
    ("Macedonia, FYR", "MKD"),
    // The World Bank, WDI country metadata (`TableName`) and data files (`Country Name`).
    ("Bahamas, The", "BHS"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Micronesia, Fed. Sts.", "FSM"),
    ("Hong Kong SAR, China", "HKG"),
    ("Iran, Islamic Rep.", "IRN"),
    ("St. Kitts and Nevis", "KNA"),
    ("Korea, Rep.", "KOR"),
    ("Lao PDR", "LAO"),
    ("St. Lucia", "LCA"),
    ("Macao SAR, China", "MAC"),
    ("St. Martin (French part)", "MAF"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("West Bank and Gaza", "PSE"),
    ("St. Vincent and the Grenadines", "VCT"),
    ("Venezuela, RB", "VEN"),
    ("British Virgin Islands", "VGB"),
    ("Yemen, Rep.", "YEM"),
    ("Syrian Arab Republic", "SYR"),
    // Our World in Data's exports (2022 style).
    ("Timor", "TLS"),
    // Common English names.
    ("UK", "GBR"),
    ("Great Britain", "GBR"),
    ("Britain", "GBR"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("U.S.A.", "USA"),
    ("South Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Republic of Korea", "KOR"),
    ("Ivory Coast", "CIV"),
    ("Democratic Republic of Congo", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    ("DR Congo", "COD"),
    ("Republic of Congo", "COG"),
    ("Republic of the Congo", "COG"),
    ("The Gambia", "GMB"),
    ("The Bahamas", "BHS"),
    ("Burma", "MMR"),
    ("East Timor", "TLS"),
    ("Palestine", "PSE"),
    ("Micronesia", "FSM"),
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("Holland", "NLD"),
    ("The Netherlands", "NLD"),
    ("Bosnia", "BIH"),
    ("Republic of Moldova", "MDA"),
    ("Russian Federation", "RUS"),
    ("Hong Kong", "HKG"),
    ("Macau", "MAC"),
];

/// A name made comparable: footnote marks and surrounding space removed, white space
/// collapsed, hyphens spaces, apostrophes straight, full stops removed, lower case.
fn clean(name: &str) -> String {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || is_footnote_mark(c));
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            '-' | '‐' | '‑' | '‒' | '–' | '—' => ' ',
            '.' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A cleaned name without its accents and other diacritics.
fn fold(cleaned: &str) -> String {
    cleaned
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Characters publishers use as footnote marks.
/// A name as it is compared: cleaned and folded (see the [module docs](self)), for
/// matching names that are not in the table (an Ally's name in a loaded members file).
pub(crate) fn comparable(name: &str) -> String {
    fold(&clean(name))
}

fn is_footnote_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '†' | '‡' | '§' | '¶' | '‖' | '#' | '¹' | '²' | '³'
            | '\u{2070}'..='\u{209F}'
            | '\u{1D2C}'..='\u{1D6A}'
    )
}

/// The table, indexed.
struct Index {
    /// Cleaned name → entity.
    exact: HashMap<String, Entity>,
    /// Folded name → entity, or `None` where names of two entities fold alike.
    folded: HashMap<String, Option<Entity>>,
    /// Every name as written, with its folded form (for [`closest`]), each folded form
    /// once.
    names: Vec<(&'static str, String)>,
    /// Names that clean alike but stand for different entities (a mistake in the
    /// table, which a test catches): the name and the two entities.
    conflicts: Vec<(&'static str, Entity, Entity)>,
    /// Every name as written, cleaned, with its entity (for [`repair`]).
    all: Vec<(&'static str, Vec<char>, Entity)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index {
        exact: HashMap::new(),
        folded: HashMap::new(),
        names: Vec::new(),
        conflicts: Vec::new(),
        all: Vec::new(),
    };
    for c in rust_iso3166::ALL {
        if let Some(code) = CountryCode::lookup(c.alpha3) {
            index.add(c.name, Entity::Country(code));
        }
    }
    for (name, code) in ALIASES {
        if let Some(code) = CountryCode::lookup(code) {
            index.add(name, Entity::Country(code));
        }
    }
    for (aggregate, names) in AGGREGATES {
        if let Ok(id) = aggregate.id.parse::<AggregateId>() {
            for name in *names {
                index.add(name, Entity::Aggregate(id));
            }
        }
    }
    index
});

impl Index {
    fn add(&mut self, name: &'static str, entity: Entity) {
        let cleaned = clean(name);
        self.all.push((name, cleaned.chars().collect(), entity));
        match self.exact.get(&cleaned) {
            Some(e) if *e != entity => self.conflicts.push((name, *e, entity)),
            Some(_) => {}
            None => {
                self.exact.insert(cleaned.clone(), entity);
            }
        }
        let folded = fold(&cleaned);
        match self.folded.get_mut(&folded) {
            Some(slot) => {
                if *slot != Some(entity) {
                    *slot = None;
                }
            }
            None => {
                self.folded.insert(folded.clone(), Some(entity));
                self.names.push((name, folded));
            }
        }
    }
}

/// The entity a country or aggregate name stands for, through every publisher's
/// spelling (see the [module docs](self) for what the table holds and how names are
/// matched). `None` for a name not in the table.
///
/// An ISO 3166-1 alpha-3 code in capitals (`POL`) stands for its country, an ISO 3166-3
/// code of a former country (`ANT`) for its [`former_country`] aggregate.
///
/// ```
/// use defense_spending::names::lookup;
///
/// assert_eq!(lookup("United States of America"), lookup("USA"));
/// assert_eq!(lookup("Côte d’Ivoire").unwrap().to_string(), "CIV");
/// assert_eq!(lookup("Cote d'Ivoire").unwrap().to_string(), "CIV");
/// assert_eq!(lookup("NATO Europe and Canada").unwrap().to_string(), "NATO_EUCAN");
/// assert_eq!(lookup("POL").unwrap().to_string(), "POL");
/// assert_eq!(lookup(""), None);
/// ```
pub fn lookup(name: &str) -> Option<Entity> {
    let index = &*INDEX;
    let cleaned = clean(name);
    if cleaned.is_empty() {
        return None;
    }
    if let Some(e) = index.exact.get(&cleaned) {
        return Some(*e);
    }
    if let Some(code) = CountryCode::lookup(name.trim()) {
        return Some(Entity::Country(code));
    }
    if let Some(former) = former_country(name.trim()) {
        return former.aggregate.id.parse().ok().map(Entity::Aggregate);
    }
    index.folded.get(&fold(&cleaned)).copied().flatten()
}

/// The entity of a name whose non-ASCII letters a re-save in another encoding turned
/// into `?` (`T?rkiye`, `C?te d'Ivoire`), and the known name it fits: each `?` stands for
/// one non-ASCII letter, every other character as [`lookup`] compares them. `None` for a
/// name without `?`, and where no known name fits or names of two entities do (then the
/// name is unknown, as any other: see [`closest`]).
///
/// Loaders use it for a name [`lookup`] does not know, and report each name so read in
/// [`Dataset::skipped`](crate::Dataset::skipped).
///
/// ```
/// use defense_spending::names::repair;
///
/// let (tur, name) = repair("T?rkiye").unwrap();
/// assert_eq!((tur.to_string().as_str(), name), ("TUR", "Türkiye"));
/// assert_eq!(repair("C?te d'Ivoire").unwrap().0.to_string(), "CIV");
/// assert_eq!(repair("Turkey"), None); // no `?`: for `lookup`
/// assert_eq!(repair("?"), None); // fits no name
/// ```
pub fn repair(name: &str) -> Option<(Entity, &'static str)> {
    let query: Vec<char> = clean(name).chars().collect();
    if !query.contains(&'?') {
        return None;
    }
    let fits = |known: &[char]| {
        known.len() == query.len()
            && known
                .iter()
                .zip(&query)
                .all(|(k, q)| if *q == '?' { !k.is_ascii() } else { k == q })
    };
    let mut found: Option<(Entity, &'static str)> = None;
    for (known, cleaned, entity) in &INDEX.all {
        if fits(cleaned) {
            match found {
                Some((e, _)) if e != *entity => return None,
                Some(_) => {}
                None => found = Some((*entity, known)),
            }
        }
    }
    found
}

/// The known names closest to `name` (by edit distance, ignoring case, accents and the
/// rest as [`lookup`] does), best first, at most `n` of them: for "did you mean"
/// messages. Names that differ only in accents or case are given once.
///
/// ```
/// use defense_spending::names::closest;
///
/// assert_eq!(closest("Slovak Repulic", 1), ["Slovak Republic"]);
/// assert_eq!(closest("Koera, South", 2)[0], "Korea, South");
/// assert!(closest("anything", 0).is_empty());
/// ```
pub fn closest(name: &str, n: usize) -> Vec<&'static str> {
    if n == 0 {
        return Vec::new();
    }
    let query = fold(&clean(name));
    let mut scored: Vec<(usize, &'static str)> = INDEX
        .names
        .iter()
        .map(|(name, folded)| (strsim::levenshtein(&query, folded), *name))
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, name)| name).collect()
}

/// The definition of an entity without an ISO code that the table's names stand for
/// (`NATO_TOTAL`, `SIPRI_USSR`): its publisher's name and what it covers. `None` for
/// any other id. Loaders define such an aggregate with it when they meet one of its
/// names.
///
/// ```
/// use defense_spending::names;
///
/// let ussr = names::aggregate("SIPRI_USSR").unwrap();
/// assert_eq!(ussr.name, "USSR");
/// assert!(names::aggregate("WB_WLD").is_none());
/// ```
pub fn aggregate(id: &str) -> Option<&'static KnownAggregate> {
    AGGREGATES
        .iter()
        .map(|(a, _)| a)
        .chain(FORMER.iter().map(|f| &f.aggregate))
        .find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str) -> String {
        lookup(name).map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn no_two_entities_share_a_name() {
        assert!(INDEX.conflicts.is_empty(), "{:?}", INDEX.conflicts);
        let ambiguous: Vec<&String> = INDEX
            .folded
            .iter()
            .filter(|(_, e)| e.is_none())
            .map(|(k, _)| k)
            .collect();
        assert!(ambiguous.is_empty(), "{ambiguous:?}");
    }

    #[test]
    fn every_name_in_the_table_maps() {
        for (name, id) in ALIASES {
            assert_eq!(code(name), *id, "{name}");
        }
        for c in rust_iso3166::ALL {
            assert_eq!(code(c.name), c.alpha3, "{}", c.name);
            assert_eq!(code(c.alpha3), c.alpha3);
        }
        for (a, names) in AGGREGATES {
            assert_eq!(a.name, names[0]);
            for name in *names {
                assert_eq!(code(name), a.id, "{name}");
            }
            assert!(a.id.parse::<AggregateId>().is_ok(), "{}", a.id);
        }
    }

    #[test]
    fn publishers_spellings() {
        // NATO's tables (with their footnote marks), SIPRI's database, the World Bank's.
        for (name, want) in [
            ("Czechia*", "CZE"),
            ("Türkiye", "TUR"),
            ("Slovak Republic", "SVK"),
            ("NATO Europe and Canada", "NATO_EUCAN"),
            ("NATO Total", "NATO_TOTAL"),
            ("United States of America", "USA"),
            ("Korea, South", "KOR"),
            ("Congo, DR", "COD"),
            ("Cote d’Ivoire", "CIV"),
            ("Côte d'Ivoire", "CIV"),
            ("German DR", "SIPRI_GERMAN_DR"),
            ("Korea, Rep.", "KOR"),
            ("Egypt, Arab Rep.", "EGY"),
            ("Turkiye", "TUR"),
            ("Russian Federation", "RUS"),
            ("Curacao", "CUW"),
            ("Sao Tome and Principe", "STP"),
            ("São Tomé and Principe", "STP"),
            ("Viet Nam", "VNM"),
            ("United Kingdom", "GBR"),
            ("UK", "GBR"),
            ("United States", "USA"),
            ("USA", "USA"),
            ("Turkey", "TUR"),
            ("Czech Republic", "CZE"),
            ("North Macedonia", "MKD"),
            ("Timor Leste", "TLS"),
            ("timor-leste", "TLS"),
            ("Korea,\u{a0}South ‡", "KOR"),
            ("Sudan¹", "SDN"),
            ("Central African Rep.", "CAF"),
            ("Timor", "TLS"),
            ("EU (Commission and Council)", "EU_COMMISSION"),
        ] {
            assert_eq!(code(name), want, "{name}");
        }
    }

    #[test]
    fn unknown_names_are_not_guessed() {
        for name in [
            "Freedonia",
            "Korea",
            "",
            "  ",
            "*",
            "NATO",
            "pol",
            "XYZ",
            "Europe",
        ] {
            assert_eq!(lookup(name), None, "{name}");
        }
    }

    #[test]
    fn closest_names_come_best_first_and_once() {
        assert_eq!(closest("Slovak Repulic", 1), ["Slovak Republic"]);
        let near = closest("Turky", 3);
        assert_eq!(near[0], "Turkey");
        assert_eq!(near.len(), 3);
        // Türkiye and Turkiye fold alike: one of them only.
        let tur = closest("Turkiy", 5);
        assert_eq!(
            tur.iter().filter(|n| fold(&clean(n)) == "turkiye").count(),
            1
        );
    }

    #[test]
    fn known_aggregates_are_defined_once() {
        for (a, _) in AGGREGATES {
            assert_eq!(aggregate(a.id), Some(a));
        }
        assert_eq!(aggregate("NATO_TOTAL").unwrap().name, "NATO Total");
        assert!(aggregate("OWID_WRL").is_none());
    }

    #[test]
    fn names_with_a_letter_lost_to_a_question_mark() {
        let got = |n: &str| repair(n).map(|(e, name)| (e.to_string(), name));
        assert_eq!(got("T?rkiye"), Some(("TUR".to_owned(), "Türkiye")));
        assert_eq!(got("C?te d'Ivoire").unwrap().0, "CIV");
        assert_eq!(got("Cura?ao").unwrap().0, "CUW");
        // A `?` stands for a letter outside ASCII only, and for one.
        assert_eq!(got("T?rkey"), None);
        assert_eq!(got("T??rkiye"), None);
        assert_eq!(got("Poland"), None);
        assert_eq!(got("?"), None);
    }

    #[test]
    fn former_codes_are_never_current_countries() {
        assert!(FORMER.len() > 25);
        for f in FORMER {
            assert!(CountryCode::lookup(f.code).is_none(), "{}", f.code);
            assert_eq!(f.aggregate.id, format!("FORMER_{}", f.code));
            assert!(f.aggregate.id.parse::<AggregateId>().is_ok());
            assert_eq!(aggregate(f.aggregate.id), Some(&f.aggregate));
            assert_eq!(code(f.code), f.aggregate.id);
        }
        for c in [
            "ANT", "SCG", "YUG", "CSK", "SUN", "DDR", "ZAR", "BUR", "TMP",
        ] {
            assert!(former_country(c).is_some(), "{c}");
        }
        assert!(former_country("ATF").is_none()); // reused by ISO 3166-1
        assert!(former_country("ant").is_none());
    }
}
