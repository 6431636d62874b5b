//! The [`Dataset`]: every table, validated, with indexes by year and by country.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Result, Skipped};
use crate::load::builder::Builder;
use crate::model::{
    Aggregate, AidAnnouncement, AidRelease, AidTotal, Contract, CountryCode, Entity, Member,
    Pledge, Source, SourceId, SpendingRecord,
};

/// The tables of a [`Dataset`], without its indexes: what it serializes to and is built
/// from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatasetParts {
    /// The sources rows cite.
    pub sources: Vec<Source>,
    /// The Allies.
    pub members: Vec<Member>,
    /// The aggregates' definitions.
    pub aggregates: Vec<Aggregate>,
    /// The spending figures.
    pub spending: Vec<SpendingRecord>,
    /// Pledges, guidelines and stated estimates.
    pub pledges: Vec<Pledge>,
    /// Reported contract values.
    pub contracts: Vec<Contract>,
    /// Reported aid totals.
    pub aid: Vec<AidTotal>,
    /// The announcements behind aid totals (the Kiel Institute's `MAIN DATA`).
    #[serde(default)]
    pub aid_announcements: Vec<AidAnnouncement>,
    /// The releases of the Kiel Institute's tracker loaded, with their `Total` rows.
    #[serde(default)]
    pub aid_releases: Vec<AidRelease>,
    /// Cells a loader read but kept no figure from, by its documented policy.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// NATO defence spending data: Allies, spending figures, pledges, contracts, aid and the
/// sources of all of them, indexed for queries by year and by country.
///
/// Get one with [`Dataset::bundled`] (NATO's June 2024 figures and the facts of the
/// article, built into the crate) or [`Dataset::load`] (a folder or file of your own).
///
/// ```
/// use defense_spending::Dataset;
/// use rust_decimal::Decimal;
///
/// let ds = Dataset::bundled();
/// let at_two = ds.meeting_target(2024, Decimal::TWO)?;
/// assert_eq!(at_two.len(), 23); // "23 of 32 Allies"
/// assert_eq!(at_two[0].country.to_string(), "POL"); // highest first
/// # Ok::<(), defense_spending::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "DatasetParts", from = "DatasetParts")]
pub struct Dataset {
    pub(crate) sources: Vec<Source>,
    pub(crate) members: Vec<Member>,
    pub(crate) aggregates: Vec<Aggregate>,
    pub(crate) spending: Vec<SpendingRecord>,
    pub(crate) pledges: Vec<Pledge>,
    pub(crate) contracts: Vec<Contract>,
    pub(crate) aid: Vec<AidTotal>,
    pub(crate) aid_announcements: Vec<AidAnnouncement>,
    pub(crate) aid_releases: Vec<AidRelease>,
    pub(crate) index: crate::index::Index,
    /// The sources of the spending figures, by publisher and edition.
    pub(crate) editions: crate::query::editions::Editions,
    /// What the loaders left out (not serialized: a report on loading, not data).
    pub(crate) skipped: Vec<Skipped>,
}

impl From<DatasetParts> for Dataset {
    fn from(parts: DatasetParts) -> Dataset {
        Dataset::index(parts)
    }
}

impl From<Dataset> for DatasetParts {
    fn from(d: Dataset) -> DatasetParts {
        DatasetParts {
            sources: d.sources,
            members: d.members,
            aggregates: d.aggregates,
            spending: d.spending,
            pledges: d.pledges,
            contracts: d.contracts,
            aid: d.aid,
            aid_announcements: d.aid_announcements,
            aid_releases: d.aid_releases,
            skipped: d.skipped,
        }
    }
}

/// The bundled files, embedded at compile time.
const BUNDLED: [(&str, &str); 7] = [
    ("sources.csv", include_str!("../data/sources.csv")),
    ("members.csv", include_str!("../data/members.csv")),
    ("aggregates.csv", include_str!("../data/aggregates.csv")),
    ("spending.csv", include_str!("../data/spending.csv")),
    ("pledges.csv", include_str!("../data/pledges.csv")),
    ("contracts.csv", include_str!("../data/contracts.csv")),
    ("aid.csv", include_str!("../data/aid.csv")),
];

impl Dataset {
    /// Builds a dataset from its tables. Unlike [`Dataset::load`], this does not check
    /// uniqueness or citations: the tables are taken as they are.
    ///
    /// ```
    /// use defense_spending::{Dataset, DatasetParts};
    ///
    /// let mut parts = DatasetParts::from(Dataset::bundled().clone());
    /// parts.spending.retain(|r| r.year == 2024);
    /// let only_2024 = Dataset::index(parts);
    /// assert_eq!(only_2024.years().collect::<Vec<_>>(), [2024]);
    /// ```
    pub fn index(parts: DatasetParts) -> Dataset {
        Dataset::index_checked(parts, None).0
    }

    /// Builds a dataset, and gives the first duplicate spending record found.
    pub(crate) fn index_checked(
        parts: DatasetParts,
        tally: Option<crate::index::Tally>,
    ) -> (Dataset, Option<crate::index::Duplicate>) {
        let (index, duplicate) =
            crate::index::Index::build(&parts.spending, &parts.members, &parts.sources, tally);
        let editions = crate::query::editions::Editions::build(&parts.spending, &parts.sources);
        let dataset = Dataset {
            editions,
            sources: parts.sources,
            members: parts.members,
            aggregates: parts.aggregates,
            spending: parts.spending,
            pledges: parts.pledges,
            contracts: parts.contracts,
            aid: parts.aid,
            aid_announcements: parts.aid_announcements,
            aid_releases: parts.aid_releases,
            index,
            skipped: parts.skipped,
        };
        (dataset, duplicate)
    }

    /// The data bundled with the crate: NATO's "Defence Expenditure of NATO Countries
    /// (2014-2024)" (June 2024: Tables 2, 3, 5 and 8a, 31 Allies and NATO's two
    /// aggregates), the 32 Allies, the pledges and targets, the Stinger contracts and the
    /// aid totals of the article, with their sources.
    ///
    /// Embedded in the binary (no files are read), parsed on the first call, shared after.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.members().len(), 32);
    /// let pol = ds.record(ds.entity("POL")?, 2024)?;
    /// assert_eq!(pol.share().unwrap().to_string(), "4.12");
    /// assert!(pol.estimate);
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    ///
    /// # Panics
    ///
    /// Never on any input: the embedded files are fixed at compile time, and the crate's
    /// tests parse them. A panic here would mean a broken build of the crate itself.
    #[allow(clippy::panic)]
    pub fn bundled() -> &'static Dataset {
        static BUNDLE: OnceLock<Dataset> = OnceLock::new();
        BUNDLE.get_or_init(|| match Dataset::parse_bundled() {
            Ok(d) => d,
            Err(e) => panic!("the data bundled with defense-spending does not parse: {e}"),
        })
    }

    /// Parses the embedded files (what [`Dataset::bundled`] does once).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// assert_eq!(&Dataset::parse_bundled()?, Dataset::bundled());
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn parse_bundled() -> Result<Dataset> {
        let mut b = Builder::default();
        for (name, text) in BUNDLED {
            let file = Path::new("bundled").join(name);
            crate::load::read_bytes(
                &mut b,
                &file,
                text.as_bytes(),
                &crate::load::LoadOptions::new(),
            )?;
        }
        b.finish()
    }

    /// Loads a folder of the crate's CSV files, or a single one of them, or a publisher's
    /// workbook (NATO's defence expenditure tables, SIPRI's Military Expenditure Database;
    /// with the `xlsx` feature, on by default).
    ///
    /// Each file is recognised by its content (a CSV file's header, a workbook's sheets),
    /// not its name. A folder is read as a whole (the `.csv` and `.xlsx` files directly in
    /// it; other files are ignored, zip archives too: load one by its path). Cells a workbook's policy leaves out (NATO's `#REF!`)
    /// are listed in [`Dataset::skipped`]. Without a members file,
    /// the bundled list of Allies is used. When a sources file is loaded, every row's
    /// source must be defined in it.
    ///
    /// Also zip archives of such files (the World Bank's download), read as a folder,
    /// and the other formats of [`load`](crate::load). A wide table (one row per country,
    /// one column per year) needs its metric stated: use
    /// [`LoadOptions`](crate::LoadOptions), of which this is `LoadOptions::new().load(path)`.
    ///
    /// All or nothing: any bad value, duplicate record or unknown file is an
    /// [`Error`](crate::Error) naming the file, line and column.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let dir = std::env::temp_dir().join("defense-spending-doc-load");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("mine.csv"), "country,year,share_of_gdp,source\nPOL,2025,4.48,press\n")?;
    /// let ds = Dataset::load(dir.join("mine.csv"))?;
    /// assert_eq!(ds.spending().len(), 1);
    /// assert_eq!(ds.members().len(), 32); // the bundled Allies
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Dataset> {
        crate::load::load_path(path.as_ref(), &crate::load::LoadOptions::new())
    }

    /// Parses one of the crate's CSV files from text; `name` is used in error messages.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::from_csv_str("mine.csv", "country,year,share_of_gdp,source\nEST,2024,3.43,mine\n")?;
    /// assert_eq!(ds.spending()[0].share_of_gdp.unwrap().to_string(), "3.43");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn from_csv_str(name: impl AsRef<Path>, text: &str) -> Result<Dataset> {
        let mut b = Builder::default();
        crate::load::read_bytes(
            &mut b,
            name.as_ref(),
            text.as_bytes(),
            &crate::load::LoadOptions::new(),
        )?;
        b.finish()
    }

    /// The cells the loaders read but kept no figure from, each with its position and the
    /// reason: NATO's `#REF!` error cells and nil signs (`-`), for example. Empty for the
    /// crate's own CSV files, which skip nothing. See [`load`](crate::load) for each
    /// format's policy.
    ///
    /// ```
    /// use defense_spending::{Dataset, LoadOptions, Metric};
    ///
    /// assert!(Dataset::bundled().skipped().is_empty());
    /// // A sheet exported from SIPRI's workbook: "Europe" is a region heading, not a row
    /// // of figures.
    /// let export = "Country,2022,2023\nEurope,,\nPoland,3.8,3.9\n";
    /// let ds = LoadOptions::new()
    ///     .metric(Metric::ShareOfGdp)
    ///     .from_bytes("sipri.csv", export.as_bytes())?;
    /// for s in ds.skipped() {
    ///     println!("{s}"); // "sipri.csv: line 2: …"
    /// }
    /// assert_eq!(ds.skipped()[0].value, "Europe");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    ///
    /// NATO's workbook as downloaded (`240617-def-exp-2024-TABLES-en.xlsx`, published with
    /// <https://www.nato.int/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-en.pdf>)
    /// reports its `#REF!` cells this way, each at its `sheet!cell`:
    ///
    /// ```no_run
    /// # #[cfg(feature = "xlsx")] {
    /// # use defense_spending::Dataset;
    /// let nato = Dataset::load("240617-def-exp-2024-TABLES-en.xlsx")?; // your download
    /// for s in nato.skipped() {
    ///     println!("{s}"); // "…: TABLE8a!…: skipped \"#REF!\": …"
    /// }
    /// # }
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The sources the data cites.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// for s in Dataset::bundled().sources() {
    ///     println!("{}: {}, {}", s.id, s.publisher, s.title);
    /// }
    /// ```
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source with this id.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let pol = ds.record(ds.entity("POL")?, 2024)?;
    /// let source = ds.source(&pol.source).unwrap();
    /// assert_eq!(source.publisher, "NATO");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(self.index.source(id)?)
    }

    /// The Allies, in the order of the members file (by accession).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let members = Dataset::bundled().members();
    /// assert_eq!(members.len(), 32);
    /// assert_eq!(members.last().unwrap().name, "Sweden"); // the latest to join, 2024
    /// ```
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The Ally with this code.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let fin = ds.member("FIN".parse()?).unwrap();
    /// assert_eq!(fin.joined.to_string(), "2023-04-04");
    /// assert!(ds.member("AUT".parse()?).is_none()); // Austria is not an Ally
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn member(&self, code: CountryCode) -> Option<&Member> {
        self.members.get(self.index.member(code)?)
    }

    /// The Allies that were members at any time in `year` (see [`Member::is_member_in`]).
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.members_in(2014).count(), 28);
    /// assert_eq!(ds.members_in(2023).count(), 31); // Finland
    /// assert_eq!(ds.members_in(2024).count(), 32); // Sweden
    /// ```
    pub fn members_in(&self, year: u16) -> impl Iterator<Item = &Member> + '_ {
        self.members.iter().filter(move |m| m.is_member_in(year))
    }

    /// The aggregates' definitions.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert!(ds.aggregates().iter().any(|a| a.id.as_str() == "NATO_TOTAL" && a.name == "NATO Total"));
    /// ```
    pub fn aggregates(&self) -> &[Aggregate] {
        &self.aggregates
    }

    /// Every spending record, in load order.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// let estimates = ds.spending().iter().filter(|r| r.estimate).count();
    /// assert_eq!(estimates, ds.spending_in(2023).count() + ds.spending_in(2024).count());
    /// ```
    pub fn spending(&self) -> &[SpendingRecord] {
        &self.spending
    }

    /// The pledges, guidelines and stated estimates.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// for p in Dataset::bundled().pledges() {
    ///     println!("{}: {} ({})", p.id, p.name, p.source);
    /// }
    /// ```
    pub fn pledges(&self) -> &[Pledge] {
        &self.pledges
    }

    /// The reported contract values.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// for c in Dataset::bundled().contracts() {
    ///     println!("{} {}: {} ({})", c.signed, c.system, c.value, c.source);
    /// }
    /// ```
    pub fn contracts(&self) -> &[Contract] {
        &self.contracts
    }

    /// The reported aid totals.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// // Every row as reported; to compare donors, see `aid_latest`, to add, `aid_sum`.
    /// for a in Dataset::bundled().aid() {
    ///     println!("{} to {}: {} as of {:?} ({})", a.donor, a.recipient, a.amount, a.as_of, a.source);
    /// }
    /// ```
    pub fn aid(&self) -> &[AidTotal] {
        &self.aid
    }

    /// The announcements behind the aid totals, as a loaded Kiel Institute release lists
    /// them (its `Bilateral assistance, MAIN DATA` sheet), in the order of the file. Kept
    /// apart from [`aid`](Dataset::aid): a donor's total is the sum of its announcements,
    /// and the two are never added together. Empty for the bundled data.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// assert!(Dataset::bundled().aid_announcements().is_empty());
    /// ```
    pub fn aid_announcements(&self) -> &[AidAnnouncement] {
        &self.aid_announcements
    }

    /// The releases of the Kiel Institute's Ukraine Support Tracker loaded: each one's
    /// number, coverage, date, SHA-256 and the figures of its `Total` row. Empty for the
    /// bundled data.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// assert!(Dataset::bundled().aid_releases().is_empty());
    /// ```
    pub fn aid_releases(&self) -> &[AidRelease] {
        &self.aid_releases
    }

    /// A name to show for a country or aggregate: the Ally's name, the aggregate's name,
    /// ISO 3166-1's name, or the id itself.
    ///
    /// ```
    /// use defense_spending::Dataset;
    ///
    /// let ds = Dataset::bundled();
    /// assert_eq!(ds.name_of(ds.entity("TUR")?), "Türkiye");
    /// assert_eq!(ds.name_of(ds.entity("NATO_EUCAN")?), "NATO Europe and Canada");
    /// let aus: defense_spending::CountryCode = "AUS".parse()?; // not in the bundled data
    /// assert_eq!(ds.name_of(aus), "Australia");
    /// # Ok::<(), defense_spending::Error>(())
    /// ```
    pub fn name_of(&self, entity: impl Into<Entity>) -> String {
        match entity.into() {
            Entity::Country(c) => self
                .member(c)
                .map_or(c.iso_name(), |m| m.name.as_str())
                .to_owned(),
            Entity::Aggregate(id) => self
                .aggregates
                .iter()
                .find(|a| a.id == id)
                .map_or(id.as_str(), |a| a.name.as_str())
                .to_owned(),
        }
    }
}

/// The name to write beside a code: the bundled data's (an Ally's name as NATO gives
/// it, an aggregate's), the table of names' for other aggregates, else ISO 3166-1's.
pub(crate) fn written_name(e: crate::Entity) -> String {
    match e {
        crate::Entity::Aggregate(id) => crate::names::aggregate(id.as_str())
            .map(|a| a.name.to_owned())
            .unwrap_or_else(|| crate::Dataset::bundled().name_of(e)),
        crate::Entity::Country(_) => crate::Dataset::bundled().name_of(e),
    }
}
