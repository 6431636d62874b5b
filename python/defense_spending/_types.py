"""The records and answers a dataset gives: frozen dataclasses of exact values.

Every figure is a :class:`decimal.Decimal` holding the source's exact value (never a
float), every date a :class:`datetime.date`, every code or id a ``str``. The values of
enumerations are their snake_case names, as in the crate's CSV files (``"kept"``,
``"more_than"``, ``"share_of_gdp"``).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native

__all__ = [
    "Metric",
    "METRICS",
    "SpendingRecord",
    "Member",
    "Source",
    "Aggregate",
    "Bound",
    "Timing",
    "Pledge",
    "MonthOrDay",
    "Amount",
    "Contract",
    "AidTotal",
    "Skipped",
    "YearCount",
    "Shortfall",
    "ShortfallReport",
    "PledgeCheck",
    "Change",
    "FirstYear",
    "AllianceTotal",
    "Anomaly",
    "Revision",
    "AidSum",
    "ContractTotal",
]


class Metric(str, enum.Enum):
    """A figure a :class:`SpendingRecord` can hold.

    Its value is the record's attribute name and the column name in frames and in the
    crate's CSV files. Anywhere a metric is asked for, its name as a ``str`` is accepted
    too (``ds.ranking(2024, "expenditure_current")``).
    """

    SHARE_OF_GDP = "share_of_gdp"
    """Defence expenditure as a percentage of GDP (NATO: of real GDP)."""
    EXPENDITURE_CURRENT = "expenditure_current"
    """Defence expenditure, million US$, current prices and exchange rates."""
    EXPENDITURE_CONSTANT = "expenditure_constant"
    """Defence expenditure, million US$, constant prices of the record's ``price_base_year``."""
    GDP_CURRENT = "gdp_current"
    """GDP, million US$, current prices."""
    GDP_CONSTANT = "gdp_constant"
    """GDP, million US$, constant prices of the record's ``price_base_year``."""
    EQUIPMENT_SHARE = "equipment_share"
    """Major equipment as a percentage of defence expenditure."""
    REAL_CHANGE = "real_change"
    """Percentage change on the year before, in real terms."""
    PER_CAPITA_CURRENT = "per_capita_current"
    """Defence expenditure per person, US$ (not millions), current prices."""
    SHARE_OF_GOVERNMENT = "share_of_government"
    """Defence expenditure as a percentage of general government expenditure."""

    @property
    def unit(self) -> str:
        """The unit, for headings: ``"% of GDP"``, ``"US$ million, current prices"``, ..."""
        return _native.metric_unit(self.value)

    def round(self, value: Decimal) -> Decimal:
        """``value`` rounded as NATO prints this metric: half away from zero, to two
        decimals for percentages and whole units for money, keeping exactly that many
        decimals. Exact (decimal arithmetic, in the crate): Python's ``round()`` of a
        Decimal rounds half to even, and of a float, on a float that may sit below a tie.

        >>> from decimal import Decimal
        >>> Metric.GDP_CURRENT.round(Decimal("19612102.5")), Metric.SHARE_OF_GDP.round(Decimal("2.675"))
        (Decimal('19612103'), Decimal('2.68'))
        """
        return _native.round_figure(self.value, value)

    def __str__(self) -> str:
        return self.value


METRICS: Tuple[str, ...] = tuple(_native.metric_names())
"""The names of every metric, in the order of the frame's columns."""


def _metric_name(metric: Union[Metric, str]) -> str:
    if isinstance(metric, Metric):
        return metric.value
    if isinstance(metric, str):
        return metric
    raise TypeError(f"a metric is a Metric or its name (str), not {type(metric).__name__}")


def _figures_repr(obj: Any, always: Tuple[str, ...]) -> str:
    """``Name(field=value, ...)``, leaving out the fields that are None except ``always``."""
    parts = []
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if v is None and f.name not in always:
            continue
        parts.append(f"{f.name}={v!r}")
    return f"{type(obj).__name__}({', '.join(parts)})"


@dataclass(frozen=True)
class SpendingRecord:
    """One country's (or aggregate's) defence spending figures for one year, from one source.

    Every figure is optional (not every source publishes every metric) and exact: the
    bundled NATO figures are the workbook's own values, of which NATO prints rounded
    forms (:meth:`rounded`). The ``repr`` leaves out the figures that are None.

    Attributes:
        country: ISO 3166-1 alpha-3 code (``"POL"``), or an aggregate id with an
            underscore (``"NATO_TOTAL"``).
        name: The name to show: the Ally's usual name, the aggregate's, or ISO 3166-1's.
        year: The calendar year.
        share_of_gdp: Percent of GDP (NATO: of real GDP, at constant prices).
        expenditure_current: Million US$, current prices and exchange rates.
        expenditure_constant: Million US$, constant prices of ``price_base_year``.
        gdp_current: Million US$, current prices.
        gdp_constant: Million US$, constant prices of ``price_base_year``.
        equipment_share: Percent of defence expenditure spent on major equipment.
        real_change: Percent change on the year before, in real terms.
        per_capita_current: US$ per person, current prices.
        share_of_government: Percent of general government expenditure.
        price_base_year: The year of the constant prices (2015 in NATO's 2024 edition).
        estimate: True if the source marks the year's figures as estimates.
        source: The id of the source (and so the edition) the figures come from.
    """

    country: str
    name: str
    year: int
    share_of_gdp: Optional[Decimal] = None
    expenditure_current: Optional[Decimal] = None
    expenditure_constant: Optional[Decimal] = None
    gdp_current: Optional[Decimal] = None
    gdp_constant: Optional[Decimal] = None
    equipment_share: Optional[Decimal] = None
    real_change: Optional[Decimal] = None
    per_capita_current: Optional[Decimal] = None
    share_of_government: Optional[Decimal] = None
    price_base_year: Optional[int] = None
    estimate: bool = False
    source: str = ""

    def get(self, metric: Union[Metric, str]) -> Optional[Decimal]:
        """The value of ``metric`` (a :class:`Metric` or its name), or None."""
        name = _metric_name(metric)
        if name not in METRICS:
            raise ValueError(f"unknown metric {name!r}; expected one of: {', '.join(METRICS)}")
        value: Optional[Decimal] = getattr(self, name)
        return value

    def figures(self) -> Dict[str, Decimal]:
        """Every metric with a value, by name, in the order of :data:`METRICS`."""
        return {m: v for m in METRICS if (v := getattr(self, m)) is not None}

    def rounded(self, metric: Union[Metric, str]) -> Optional[Decimal]:
        """The value of ``metric`` rounded as NATO prints it (two decimals for
        percentages, whole millions for money; half away from zero), or None."""
        value = self.get(metric)
        if value is None:
            return None
        return _native.round_figure(_metric_name(metric), value)

    def __repr__(self) -> str:
        return _figures_repr(self, always=("share_of_gdp",))


@dataclass(frozen=True)
class Member:
    """A member of NATO (an Ally) and the day it joined.

    Attributes:
        code: ISO 3166-1 alpha-3 code.
        name: The usual English name ("Türkiye", "North Macedonia").
        joined: The accession date (for the founders, 4 April 1949).
        source: The id of the source of the accession date.
    """

    code: str
    name: str
    joined: datetime.date
    source: str

    def is_member_in(self, year: int) -> bool:
        """True if the country was an Ally at any time in ``year`` (it joined on or
        before 31 December): the rule every "Allies in a year" query follows."""
        return self.joined.year <= year


@dataclass(frozen=True)
class Source:
    """A published source: a report, a table, an article.

    Attributes:
        id: The id records refer to it by.
        publisher: Who published it (NATO, the Kiel Institute, Associated Press).
        title: Its title (a description in square brackets where none was recorded).
        url: Where it can be read.
        published: When it was published, where known.
        note: What it covers, how it was read, caveats.
    """

    id: str
    publisher: str
    title: str
    url: Optional[str] = None
    published: Optional[datetime.date] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Aggregate:
    """A group of countries a publisher prints a row for (``NATO_TOTAL``): never counted
    as a country.

    Attributes:
        id: The id, capitals with an underscore.
        name: The name as its publisher prints it ("NATO Total").
        description: What it covers.
        source: Where it is defined.
    """

    id: str
    name: str
    description: str
    source: str


@dataclass(frozen=True)
class Bound:
    """The figure a pledge names, with its wording; ``str()`` gives the wording.

    Attributes:
        kind: ``"at_least"``, ``"more_than"``, ``"up_to"`` or ``"range"``.
        low: The threshold (the ceiling for ``up_to``, the low end of a range).
        high: The high end of a range, else None.
        text: The wording: ``"at least 4"``, ``"7 to 9"``.
    """

    kind: str
    low: Decimal
    high: Optional[Decimal]
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Timing:
    """When a pledge is due.

    Attributes:
        kind: ``"in"`` (that year itself), ``"by"`` (by that year at the latest) or
            ``"annually"`` (every year, from ``year`` when the source states it).
        year: The year the source names, if any.
    """

    kind: str
    year: Optional[int]


@dataclass(frozen=True)
class Pledge:
    """A guideline, pledge or target (or a stated estimate), as published.

    Attributes:
        id: A stable id (``"wales-2014-gdp"``).
        subject: Whom it binds: ``"NATO"`` (every Ally) or an ISO code.
        kind: ``"guideline"``, ``"alliance_pledge"``, ``"national_pledge"`` or
            ``"stated_estimate"`` (a statement of spending, not a promise).
        name: A short name.
        metric: What its figure is measured in (``"share_of_gdp"``,
            ``"equipment_share"``, ``"related_share_of_gdp"``,
            ``"core_and_related_share_of_gdp"``); None for a pledge without a figure.
        bound: The figure, with its wording; None for a pledge without a figure.
        timing: When it is due; None where the pledge states no time.
        adopted: The year it was made.
        adopted_on: The day it was made, where the source gives it.
        made_by: Who made it.
        statement: What was said, as reported.
        source: The id of the source that reports it.
        note: Caveats (what could not be verified).
    """

    id: str
    subject: str
    kind: str
    name: str
    metric: Optional[str]
    bound: Optional[Bound]
    timing: Optional[Timing]
    adopted: int
    adopted_on: Optional[datetime.date]
    made_by: str
    statement: str
    source: str
    note: Optional[str] = None

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "Pledge":
        d = dict(
            d,
            bound=None if d["bound"] is None else Bound(**d["bound"]),
            timing=None if d["timing"] is None else Timing(**d["timing"]),
        )
        return cls(**d)


@dataclass(frozen=True, order=True)
class MonthOrDay:
    """A date known to the day, or only to the month (sources often give "May 2022"):
    ``str()`` gives ``2024-07-09`` or ``2022-05``.

    Attributes:
        year: The year.
        month: The month, 1 to 12.
        day: The day of the month, when known.
    """

    year: int
    month: int
    day: Optional[int] = None

    @property
    def date(self) -> Optional[datetime.date]:
        """The day as a :class:`datetime.date`, or None when only the month is known."""
        if self.day is None:
            return None
        return datetime.date(self.year, self.month, self.day)

    @property
    def earliest(self) -> datetime.date:
        """The first day it can stand for (the first of the month for a month)."""
        return datetime.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04}-{self.month:02}"
        return f"{self.year:04}-{self.month:02}-{self.day:02}"


def _month_or_day(d: Optional[Dict[str, Any]]) -> Optional[MonthOrDay]:
    return None if d is None else MonthOrDay(**d)


@dataclass(frozen=True)
class Amount:
    """A reported amount of money in millions, with its currency and wording: ``str()``
    gives ``"more than USD 53600 million"``. Amounts in different currencies are never
    added together.

    Attributes:
        millions: The figure, in millions of ``currency``.
        currency: ISO 4217 code (``"USD"``, ``"EUR"``, ``"GBP"``).
        qualifier: How the source worded it: ``"plain"`` (a figure as given, with no
            word such as "about" and nothing said of its precision: not a claim that it
            is exact), ``"about"``, ``"almost"``, ``"more_than"``, ``"at_least"``, or
            ``"exact"`` (stated to be exact, or given to the unit it counts in).
        text: The amount in words.
    """

    millions: Decimal
    currency: str
    qualifier: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Contract:
    """A procurement contract's reported value, from one source. Sources disagree on
    values: each reported value is its own row with the same ``id``.

    Attributes:
        id: Identifies the contract; shared by every reported value of it.
        signed: When it was signed (or ordered), to the day or to the month.
        buyer: Who placed it (NSPA, the US Army).
        on_behalf_of: The ISO codes of the countries it buys for.
        supplier: Who supplies it, where the source names them.
        system: What is bought.
        quantity: How many, where the source says.
        route: The procurement route (US Foreign Military Sales).
        value: The value as reported, with its wording.
        source: The id of the source of the value.
        note: Caveats.
    """

    id: str
    signed: MonthOrDay
    buyer: str
    on_behalf_of: List[str]
    supplier: Optional[str]
    system: str
    quantity: Optional[int]
    route: Optional[str]
    value: Amount
    source: str
    note: Optional[str] = None

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "Contract":
        return cls(**dict(d, signed=MonthOrDay(**d["signed"]), value=Amount(**d["value"])))


@dataclass(frozen=True)
class AidTotal:
    """A reported total of aid from a donor (a country or a group) to a recipient.

    Attributes:
        id: A stable id.
        donor: Who gives: an ISO code or an aggregate id (``"KIEL_EUROPE"``).
        recipient: Who receives.
        kind: ``"military"``, ``"financial"``, ``"humanitarian"`` or ``"total"``.
        basis: ``"commitments"``, ``"allocations"`` or ``"unspecified"``.
        amount: The amount, with its wording.
        period_start: The start of the period counted, if the source states it.
        as_of: The date (or month) the total runs to.
        source: The id of the source.
        note: Caveats.
    """

    id: str
    donor: str
    recipient: str
    kind: str
    basis: str
    amount: Amount
    period_start: Optional[MonthOrDay]
    as_of: Optional[MonthOrDay]
    source: str
    note: Optional[str] = None

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "AidTotal":
        return cls(
            **dict(
                d,
                amount=Amount(**d["amount"]),
                period_start=_month_or_day(d["period_start"]),
                as_of=_month_or_day(d["as_of"]),
            )
        )


@dataclass(frozen=True)
class Skipped:
    """A cell a loader read but kept no figure from, and why (NATO's ``#REF!`` cells):
    nothing vanishes silently. ``str()`` gives the position, the value and the reason.

    Attributes:
        file: The file.
        line: The line (CSV).
        column: The column (CSV).
        cell: The sheet and cell (``"TABLE8a!D42"``).
        value: The cell's content as found.
        reason: Why no figure was kept.
        text: The whole report in words.
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[str]
    cell: Optional[str]
    value: str
    reason: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Basis:
    """What an answer rests on: the sources of its figures, and why those (one record per
    country and year; see the crate's ``query`` docs, "Many sources, one answer").

    Attributes:
        sources: The ids of the sources used, latest edition first.
        rule: ``"only"`` (one source had the figures), ``"latest_edition"`` (several
            editions of one publisher: the latest's) or ``"nato"`` (several publishers:
            NATO's figures, for a question about NATO's guideline).
        held: How many sources of spending figures the dataset holds.
        text: As the crate prints it (empty when the dataset holds one source).
    """

    sources: List[str]
    rule: str
    held: int
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Edition:
    """One edition (one source of spending figures) of a dataset.

    Attributes:
        source: The source's id.
        publisher: The publisher, as the rules group editions.
        title: The source's title.
        published: Its publication date, where known.
        years: The years it has figures for, ascending.
        estimates: The years it marks as estimates, ascending.
        records: Its spending records.
    """

    source: str
    publisher: str
    title: str
    published: Optional[datetime.date]
    years: List[int]
    estimates: List[int]
    records: int


@dataclass(frozen=True)
class YearCount:
    """How many Allies met a threshold in one year, out of how many members.

    Attributes:
        year: The year.
        meeting: The Allies at or above the threshold.
        members: The Allies that were members in that year.
        reporting: The members with a figure for the year.
        basis: The sources the count rests on.
    """

    year: int
    meeting: int
    members: int
    reporting: int
    basis: Basis

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "YearCount":
        return cls(**dict(d, basis=Basis(**d["basis"])))


@dataclass(frozen=True)
class Shortfall:
    """One Ally's shortfall to a target share of GDP in a year.

    Attributes:
        country: The Ally's ISO code.
        name: Its name.
        year: The year.
        share_of_gdp: Its share of GDP, percent (exact).
        target: The target, percent of GDP.
        gdp_current: GDP at current prices, million US$, from the same record.
        shortfall_usd_million: ``gdp_current × (target − share_of_gdp) / 100``.
        estimate: True if the figures are estimates.
        source: The id of the source of the figures.
    """

    country: str
    name: str
    year: int
    share_of_gdp: Decimal
    target: Decimal
    gdp_current: Decimal
    shortfall_usd_million: Decimal
    estimate: bool
    source: str


@dataclass(frozen=True)
class ShortfallReport:
    """Every Ally below a target in a year, and what it would take to reach it.

    Attributes:
        year: The year.
        target: The target, percent of GDP.
        allies: The Allies below the target, largest shortfall first.
        total_usd_million: The sum of their shortfalls, million US$, current prices.
        without_gdp: Allies below the target whose record has no GDP figure.
        basis: The sources the report rests on.
    """

    year: int
    target: Decimal
    allies: List[Shortfall]
    total_usd_million: Decimal
    without_gdp: List[str]
    basis: Basis

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "ShortfallReport":
        allies = [Shortfall(**a) for a in d["allies"]]
        return cls(**dict(d, allies=allies, basis=Basis(**d["basis"])))


@dataclass(frozen=True)
class PledgeCheck:
    """One pledge, for one subject and year, against the figure.

    Attributes:
        pledge: The pledge's id.
        subject: An Ally's ISO code, or ``"NATO"`` for a pledge of all Allies whose year
            has no figures yet.
        year: The year checked (None for a stated estimate without a year).
        bound: The pledge's bound; None for a pledge without a figure.
        actual: The figure for that subject and year, exact, where there is one.
        status: ``"kept"``, ``"missed"``, ``"pending"``, ``"not_applicable"``; for a
            statement of spending ``"consistent"``, ``"inconsistent"`` or ``"stated"``;
            ``"no_threshold"`` for a pledge without a figure.
        source: The id of the figure's source, where there is a figure.
        estimate: True if the figure is an estimate.
        basis: What the verdict rests on.
    """

    pledge: str
    subject: str
    year: Optional[int]
    bound: Optional[Bound]
    actual: Optional[Decimal]
    status: str
    source: Optional[str]
    estimate: bool
    basis: Basis

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "PledgeCheck":
        bound = None if d["bound"] is None else Bound(**d["bound"])
        return cls(**dict(d, bound=bound, basis=Basis(**d["basis"])))


@dataclass(frozen=True)
class Change:
    """How one country's spending changed between two years.

    Attributes:
        country: The country or aggregate.
        name: Its name.
        from_year: The earlier year.
        to_year: The later year.
        share_from: Share of GDP in the earlier year, percent.
        share_to: Share of GDP in the later year, percent.
        points: The change in share of GDP, percentage points.
        real_change_pct: The change in expenditure at constant prices, percent.
        basis: The source both years' figures come from.
    """

    country: str
    name: str
    from_year: int
    to_year: int
    share_from: Optional[Decimal]
    share_to: Optional[Decimal]
    points: Optional[Decimal]
    real_change_pct: Optional[Decimal]
    basis: Basis

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "Change":
        return cls(**dict(d, basis=Basis(**d["basis"])))


@dataclass(frozen=True)
class FirstYear:
    """The first year an Ally was at or above a threshold.

    Attributes:
        country: The Ally's ISO code.
        name: Its name.
        year: The first year at or above the threshold, or None.
        source: The id of the source of that year's figure, or None.
    """

    country: str
    name: str
    year: Optional[int]
    source: Optional[str]


@dataclass(frozen=True)
class AllianceTotal:
    """The Alliance's defence expenditure in a year, and the United States' part of it.

    Attributes:
        year: The year.
        total_current: NATO Total as published, million US$, current prices.
        total_constant: NATO Total as published, million US$, constant prices.
        allies_sum_current: The sum of the Allies' own figures (a check on the total).
        usa_current: The United States, million US$, current prices.
        usa_share_pct: The United States' part of the published total, percent.
        source: The source (edition) of every figure of the year.
        basis: The same source, and why it was picked.
    """

    year: int
    total_current: Optional[Decimal]
    total_constant: Optional[Decimal]
    allies_sum_current: Decimal
    usa_current: Optional[Decimal]
    usa_share_pct: Optional[Decimal]
    source: str
    basis: Basis

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "AllianceTotal":
        return cls(**dict(d, basis=Basis(**d["basis"])))


@dataclass(frozen=True)
class Anomaly:
    """A record that loads but looks wrong (:meth:`Dataset.validate`), and why.

    Attributes:
        kind: ``"implausible_share"``, ``"inconsistent_share"``, ``"jump"``,
            ``"estimate_before_final"`` or ``"implausible_for_metric"``.
        country: The record's country or aggregate.
        year: The record's year.
        source: The record's source.
        metric: The figure concerned, or None when about the whole record.
        message: What was found, in words, with the numbers.
        text: The whole report in words.
    """

    kind: str
    country: str
    year: int
    source: str
    metric: Optional[str]
    message: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Revision:
    """One value that differs between an older and a newer dataset.

    Attributes:
        country: The country or aggregate.
        year: The year.
        metric: The metric's name.
        old: The value in the older dataset.
        new: The value in the newer dataset.
        change: ``new − old``.
    """

    country: str
    year: int
    metric: str
    old: Decimal
    new: Decimal
    change: Decimal


@dataclass(frozen=True)
class AidSum:
    """A sum of aid figures that add up (see :meth:`Dataset.aid_sum`).

    Attributes:
        amount: The sum, with the wording it carries ("more than" if a part was).
        donors: The donors added (ISO codes), in order of first appearance.
        donor_names: Their names.
        recipient: The recipient.
        kind: ``"military"``, ``"financial"``, ``"humanitarian"`` or ``"total"``.
        basis: ``"commitments"``, ``"allocations"`` or ``"unspecified"``.
        period_start: The start of the earliest period added, where stated.
        as_of: The end of the latest period added.
        source: The source of every figure added.
        rows: The ids of the rows added.
    """

    amount: Amount
    donors: List[str]
    donor_names: List[str]
    recipient: str
    kind: str
    basis: str
    period_start: Optional[MonthOrDay]
    as_of: Optional[MonthOrDay]
    source: str
    rows: List[str]

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "AidSum":
        return cls(
            **dict(
                d,
                amount=Amount(**d["amount"]),
                period_start=_month_or_day(d["period_start"]),
                as_of=_month_or_day(d["as_of"]),
            )
        )


@dataclass(frozen=True)
class ContractTotal:
    """The contracts in one currency: how many, and their total as a range (a contract
    with several reported values counts once, from its lowest to its highest).

    Attributes:
        currency: ISO 4217 code.
        contracts: Distinct contracts (by id).
        reports: Reported values counted.
        low: The total taking each contract's lowest reported value, with the wording
            of what it adds.
        high: The total taking each contract's highest reported value, likewise.
    """

    currency: str
    contracts: int
    reports: int
    low: Amount
    high: Amount

    @classmethod
    def _from_native(cls, d: Dict[str, Any]) -> "ContractTotal":
        return cls(**dict(d, low=Amount(**d["low"]), high=Amount(**d["high"])))
