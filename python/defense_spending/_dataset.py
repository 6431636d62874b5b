"""The dataset: its tables, its queries and its frames."""

from __future__ import annotations

import datetime
import math
import os
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _frames, _native
from ._types import (
    Aggregate,
    AidSum,
    AidTotal,
    AllianceTotal,
    Anomaly,
    Change,
    Contract,
    ContractTotal,
    FirstYear,
    Member,
    Metric,
    Pledge,
    PledgeCheck,
    Revision,
    ShortfallReport,
    Skipped,
    Source,
    SpendingRecord,
    YearCount,
    _metric_name,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

__all__ = ["Dataset", "Threshold", "bundled", "load", "from_bytes", "revisions"]

Threshold = Union[int, str, Decimal, float]
"""A percentage given as ``int`` (``2``), ``str`` (``"3.5"``), :class:`~decimal.Decimal`
or ``float`` (read through its shortest repr, so ``3.5`` means exactly 3.5)."""

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _decimal_text(value: Threshold, what: str = "threshold") -> str:
    """``value`` as plain decimal text (``"3.5"``), exactly; TypeError or ValueError else."""
    if isinstance(value, bool):
        raise TypeError(f"a {what} is a number, not a bool")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"invalid {what} {value!r}: not a finite number")
        value = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if not _PLAIN.fullmatch(text):
            raise ValueError(
                f"invalid {what} {value!r}: not a decimal number "
                "(use a dot as the decimal separator, no thousands separators, no %)"
            )
        value = Decimal(text)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"invalid {what} {value!r}: not a finite number")
    else:
        raise TypeError(f"a {what} is an int, str, Decimal or float, not {type(value).__name__}")
    return format(value, "f")


def _date_text(value: Optional[datetime.date]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, datetime.date):
        raise TypeError(f"expected a datetime.date, not {type(value).__name__}")
    return value.isoformat()


def _records(rows: List[Dict[str, Any]]) -> List[SpendingRecord]:
    return [SpendingRecord(**r) for r in rows]


class Dataset:
    """NATO defence spending data: Allies, spending figures, pledges, contracts, aid and
    the sources of all of them, indexed for queries by year and by country.

    Get one with :func:`bundled` (NATO's June 2024 figures and the facts of the July 2024
    Washington summit coverage, built into the package) or :func:`load` (a file or folder
    of your own). A dataset never changes; queries return new lists of frozen records.

    Figures are exact :class:`~decimal.Decimal` values, never floats. Thresholds and
    targets may be given as ``int``, ``str``, ``Decimal`` or ``float`` (a float is read
    through its shortest repr: ``3.5`` is exactly 3.5). Countries are ISO 3166-1 alpha-3
    codes (``"POL"``) or aggregate ids (``"NATO_TOTAL"``).

    >>> import defense_spending as dsp
    >>> ds = dsp.bundled()
    >>> [r.country for r in ds.meeting_target(2014, 2)]
    ['USA', 'GRC', 'GBR']
    """

    __slots__ = ("_ds",)

    def __init__(self, native: "_native.Dataset") -> None:
        """Wraps a native dataset; use :func:`bundled` or :func:`load` to get one."""
        if not isinstance(native, _native.Dataset):
            raise TypeError("use defense_spending.bundled() or defense_spending.load(path)")
        self._ds = native

    def __len__(self) -> int:
        """The number of spending records."""
        return len(self._ds)

    def __eq__(self, other: object) -> bool:
        """True if ``other`` is a dataset with the same tables (every record, member,
        source, aggregate, pledge, contract, aid row and skipped cell)."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return bool(self._ds == other._ds)

    def __hash__(self) -> int:
        # Consistent with ==: equal datasets have equal sizes and years.
        return hash((len(self), tuple(self._ds.years())))

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        """Pickling: the bundled dataset as a reference to the package's data; any other
        as its tables, serialized by the crate (JSON with every decimal as its exact
        text, the skipped cells included), so that the copy equals the original even
        when the files it was loaded from have changed or were never files (bytes)."""
        if self._ds.is_bundled():
            return (bundled, ())
        return (_from_state, (self._ds.state(),))

    def __copy__(self) -> "Dataset":
        return self  # a dataset never changes

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Dataset":
        return self  # a dataset never changes: a copy would be equal in every way

    def __repr__(self) -> str:
        years = self._ds.years()
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        what = "bundled" if self._ds.is_bundled() else "loaded"
        return f"<Dataset ({what}): {len(self)} spending records, {span}>"

    # The tables.

    def spending(self) -> List[SpendingRecord]:
        """Every spending record, in load order. For many records, :meth:`spending_frame`
        is much faster."""
        return _records(self._ds.spending())

    def spending_in(self, year: int) -> List[SpendingRecord]:
        """The spending records of ``year``, in load order."""
        return _records(self._ds.spending_in(year))

    def years(self) -> List[int]:
        """The years with spending records, ascending."""
        return self._ds.years()

    def series(self, country: str) -> List[SpendingRecord]:
        """Every record for ``country`` (an ISO code or aggregate id), by year."""
        return _records(self._ds.series(country))

    def records(self, country: str, year: int) -> List[SpendingRecord]:
        """Every record for ``country`` in ``year`` (one per source)."""
        return _records(self._ds.records(country, year))

    def record(self, country: str, year: int) -> Optional[SpendingRecord]:
        """The record for ``country`` in ``year``: the first loaded if several sources
        give one; None if there is none."""
        rows = self._ds.records(country, year)
        return SpendingRecord(**rows[0]) if rows else None

    def members(self) -> List[Member]:
        """The Allies, by accession (the bundled list when a load had no members file)."""
        return [Member(**m) for m in self._ds.members()]

    def members_in(self, year: int) -> List[Member]:
        """The Allies that were members at any time in ``year``."""
        return [Member(**m) for m in self._ds.members_in(year)]

    def member(self, code: str) -> Optional[Member]:
        """The Ally with this ISO code, or None if it is not one."""
        m = self._ds.member(code)
        return None if m is None else Member(**m)

    def is_member_in(self, code: str, year: int) -> bool:
        """True if ``code`` was an Ally at any time in ``year``."""
        return self._ds.is_member_in(code, year)

    def sources(self) -> List[Source]:
        """The sources the data cites."""
        return [Source(**s) for s in self._ds.sources()]

    def source(self, id: str) -> Optional[Source]:
        """The source with this id, or None."""
        s = self._ds.source(id)
        return None if s is None else Source(**s)

    def aggregates(self) -> List[Aggregate]:
        """The aggregates' definitions (``NATO_TOTAL``, ``NATO_EUCAN``, ...)."""
        return [Aggregate(**a) for a in self._ds.aggregates()]

    def pledges(self) -> List[Pledge]:
        """The pledges, guidelines and stated estimates."""
        return [Pledge._from_native(p) for p in self._ds.pledges()]

    def contracts(self) -> List[Contract]:
        """The reported contract values."""
        return [Contract._from_native(c) for c in self._ds.contracts()]

    def aid(self) -> List[AidTotal]:
        """The reported aid totals."""
        return [AidTotal._from_native(a) for a in self._ds.aid()]

    def skipped(self) -> List[Skipped]:
        """The cells the loaders read but kept no figure from, each with its position and
        the reason (NATO's ``#REF!`` cells). Empty for the crate's own CSV files."""
        return [Skipped(**s) for s in self._ds.skipped()]

    def name_of(self, country: str) -> str:
        """A name to show for a country or aggregate: the Ally's name, the aggregate's
        name, ISO 3166-1's name, or the id itself."""
        return self._ds.name_of(country)

    def entity(self, text: str) -> str:
        """The code of the country or aggregate ``text`` stands for in this dataset: an
        ISO 3166-1 alpha-3 code in any case (``"pol"``), an aggregate id
        (``"NATO_TOTAL"``), or a name in NATO's, SIPRI's, the World Bank's, ISO's or
        everyday spelling (``"Poland"``, ``"Türkiye"``, ``"Turkey"``, ``"UK"``).

        Every method that takes a country takes any of these too. A name or code the
        dataset does not have raises :class:`QueryError` with the closest ones:

        >>> import defense_spending as dsp
        >>> ds = dsp.bundled()
        >>> ds.entity("Turkey"), ds.entity("uk")
        ('TUR', 'GBR')
        >>> ds.entity("NATO_TOTL")
        Traceback (most recent call last):
        ...
        defense_spending._errors.QueryError: no country or aggregate "NATO_TOTL" in this dataset; did you mean NATO_TOTAL?
        """
        return self._ds.entity(text)

    # Queries.

    def meeting_target(self, year: int, threshold: Threshold) -> List[SpendingRecord]:
        """The Allies at or above ``threshold`` percent of GDP in ``year``, highest share
        first (ties by code).

        Only countries that were Allies in that year count (Finland from 2023, Sweden
        from 2024); aggregates and non-members never do. The comparison is on the exact
        value the source gives.

        A year without figures raises :class:`QueryError` (kind ``"year_not_in_data"``):
        "no data for 2030" is never "no Ally met it".

        >>> import defense_spending as dsp
        >>> len(dsp.bundled().meeting_target(2024, 2))
        23
        """
        return _records(self._ds.meeting_target(year, _decimal_text(threshold)))

    def countries_at_or_above(self, year: int, threshold: Threshold) -> List[SpendingRecord]:
        """Every country (Ally or not, never an aggregate) at or above ``threshold``
        percent of GDP in ``year``, highest share first."""
        return _records(self._ds.countries_at_or_above(year, _decimal_text(threshold)))

    def count_meeting_target(self, threshold: Threshold) -> List[YearCount]:
        """For each year with data, how many Allies were at or above ``threshold`` percent
        of GDP, out of how many members."""
        return [YearCount(**c) for c in self._ds.count_meeting_target(_decimal_text(threshold))]

    def ranking(
        self, year: int, metric: Union[Metric, str] = Metric.SHARE_OF_GDP
    ) -> List[SpendingRecord]:
        """The Allies' records for ``year`` with a value of ``metric``, highest first."""
        return _records(self._ds.ranking(year, _metric_name(metric)))

    def shortfalls(self, year: int, target: Threshold) -> ShortfallReport:
        """The extra defence spending each Ally below ``target`` percent of GDP would need
        in ``year``, in million US$ at current prices: GDP × (target − share) / 100, both
        from the same record; and the Alliance's total."""
        return ShortfallReport._from_native(
            self._ds.shortfalls(year, _decimal_text(target, "target"))
        )

    def pledge_checks(self) -> List[PledgeCheck]:
        """Every pledge against the figures: kept, missed, pending, not applicable, or
        stated (an estimate, never judged)."""
        return [PledgeCheck._from_native(c) for c in self._ds.pledge_checks()]

    def change(self, country: str, from_year: int, to_year: int) -> Optional[Change]:
        """How ``country``'s spending changed from ``from_year`` to ``to_year``: in
        percentage points of GDP and in real terms. None without a record for both."""
        c = self._ds.change(country, from_year, to_year)
        return None if c is None else Change(**c)

    def changes(self, from_year: int, to_year: int) -> List[Change]:
        """:meth:`change` for every Ally with records in both years."""
        return [Change(**c) for c in self._ds.changes(from_year, to_year)]

    def first_year_at(self, threshold: Threshold) -> List[FirstYear]:
        """The first year each Ally was at or above ``threshold`` percent of GDP."""
        return [FirstYear(**f) for f in self._ds.first_year_at(_decimal_text(threshold))]

    def alliance_totals(self) -> List[AllianceTotal]:
        """The Alliance's defence expenditure each year, and the United States' part."""
        return [AllianceTotal(**t) for t in self._ds.alliance_totals()]

    def validate(self) -> List[Anomaly]:
        """The records that load but look wrong (a share of GDP over 30 % that is not a
        published case, a share that is not expenditure over GDP, a 1000-fold jump, an
        estimate older than a final figure). Never fails; changes nothing."""
        return [Anomaly(**a) for a in self._ds.validate()]

    def contracts_where(
        self,
        *,
        buyer: Optional[str] = None,
        supplier: Optional[str] = None,
        system: Optional[str] = None,
        country: Optional[str] = None,
        signed_from: Optional[datetime.date] = None,
        signed_to: Optional[datetime.date] = None,
        currency: Optional[str] = None,
    ) -> List[Contract]:
        """The reported contract values that pass every filter given, by date signed.
        Text filters match case-insensitively anywhere in the field; ``country`` is a
        country the contract buys for."""
        rows = self._ds.contracts_where(
            buyer, supplier, system, country, _date_text(signed_from), _date_text(signed_to),
            currency,
        )
        return [Contract._from_native(c) for c in rows]

    def contract_totals(
        self,
        *,
        buyer: Optional[str] = None,
        supplier: Optional[str] = None,
        system: Optional[str] = None,
        country: Optional[str] = None,
        signed_from: Optional[datetime.date] = None,
        signed_to: Optional[datetime.date] = None,
        currency: Optional[str] = None,
    ) -> List[ContractTotal]:
        """Totals per currency of the contracts that pass the filters (as
        :meth:`contracts_where`): a contract with several reported values counts once,
        and the total is a range."""
        rows = self._ds.contract_totals(
            buyer, supplier, system, country, _date_text(signed_from), _date_text(signed_to),
            currency,
        )
        return [ContractTotal._from_native(t) for t in rows]

    def aid_where(
        self,
        *,
        donor: Optional[str] = None,
        recipient: Optional[str] = None,
        kind: Optional[str] = None,
        basis: Optional[str] = None,
        currency: Optional[str] = None,
        source: Optional[str] = None,
        id: Optional[str] = None,
        as_of: Optional[str] = None,
    ) -> List[AidTotal]:
        """The aid rows that pass every filter given (``donor`` and ``recipient`` by code
        or name; ``as_of`` as ``"YYYY-MM-DD"`` or ``"YYYY-MM"``)."""
        rows = self._ds.aid_rows(False, donor, recipient, kind, basis, currency, source, id, as_of)
        return [AidTotal._from_native(a) for a in rows]

    def aid_latest(
        self,
        *,
        donor: Optional[str] = None,
        recipient: Optional[str] = None,
        kind: Optional[str] = None,
        basis: Optional[str] = None,
        currency: Optional[str] = None,
        source: Optional[str] = None,
        id: Optional[str] = None,
        as_of: Optional[str] = None,
    ) -> List[AidTotal]:
        """The figures as reported, side by side and never added: for each donor,
        recipient, source, kind, basis, currency and period start, the latest figure.
        An aid figure is a cumulative total as of a date: two reports of it do not add.

        >>> import defense_spending as dsp
        >>> [str(a.amount) for a in dsp.bundled().aid_latest(donor="USA", source="ap-stinger-2024")]
        ['more than USD 53600 million']
        """
        rows = self._ds.aid_rows(True, donor, recipient, kind, basis, currency, source, id, as_of)
        return [AidTotal._from_native(a) for a in rows]

    def aid_sum(
        self,
        currency: Optional[str] = None,
        rates: Optional[Mapping[Tuple[str, str], Threshold]] = None,
        *,
        donor: Optional[str] = None,
        recipient: Optional[str] = None,
        kind: Optional[str] = None,
        basis: Optional[str] = None,
        source: Optional[str] = None,
        id: Optional[str] = None,
        as_of: Optional[str] = None,
    ) -> AidSum:
        """The sum of the aid rows that pass the filters, if they add up: one source,
        kind, basis, recipient and currency; different countries as donors for one
        period, or one donor's figures for periods that do not overlap. Otherwise
        :class:`QueryError` (kind ``"not_additive"``) says which two rows and why.

        With ``currency``, rows in other currencies are converted with ``rates``
        (``{("EUR", "USD"): "1.08"}``: one euro is 1.08 dollars); a row in a currency
        without a rate raises :class:`QueryError` (``"missing_rate"``), never a guess.
        """
        triples = [
            (src, dst, _decimal_text(rate, "exchange rate"))
            for (src, dst), rate in (rates or {}).items()
        ]
        return AidSum._from_native(
            self._ds.aid_sum(
                currency, triples, donor, recipient, kind, basis, source, id, as_of
            )
        )

    # Frames.

    def spending_arrow(self, *, exact: bool = True, rounded: bool = False) -> "pyarrow.Table":
        """Every spending record as a :class:`pyarrow.Table` (needs pyarrow and numpy).

        One row per record and one column per field of :class:`SpendingRecord`, then
        ``is_country``: ``country``, ``name``, ``source`` dictionary-encoded strings;
        ``year`` and ``price_base_year`` int32; each figure ``decimal128(p, s)``, ``s``
        being the largest number of decimals in the column and ``p`` the fewest digits
        that hold its values, so every value is exact (``float64`` with
        ``exact=False``); ``estimate`` and ``is_country`` bool. ``rounded``: every figure
        as NATO prints it (see :meth:`spending_frame`). Built from buffers filled in
        Rust: no Python object per value.
        """
        return _frames.spending_table(self._ds, exact=exact, rounded=rounded)

    def spending_frame(self, *, exact: bool = False, rounded: bool = False) -> "pandas.DataFrame":
        """Every spending record as a :class:`pandas.DataFrame` (needs pandas, pyarrow and
        numpy: ``pip install 'defense-spending[pandas]'``).

        One row per record: ``country`` (the code), ``name``, ``year``, one column per
        figure (:data:`METRICS`), ``price_base_year``, ``estimate``, ``source``, and
        ``is_country`` (False for an aggregate such as ``NATO_TOTAL`` or ``WB_WLD``: keep
        ``df[df.is_country]`` to count countries). ``country``, ``name`` and ``source``
        are ``category``; ``year`` ``int32``; ``price_base_year`` ``Int32`` (missing
        values ``<NA>``); ``estimate`` and ``is_country`` ``bool``.

        **Figures are float64** (each the float nearest to the exact value, NaN where
        missing), so that everything pandas does works: arithmetic with numbers and
        columns, ``diff``, ``pct_change``, ``cumsum``, ``describe``, ``nlargest``,
        ``sort_values``, pivots, ``groupby().mean()``, plots. The queries of the dataset
        (``meeting_target``, ``shortfalls``, ...) compare and add the exact values
        whatever the frame.

        ``rounded=True``: every figure rounded as NATO prints it (two decimals for
        percentages, whole units for money; half away from zero), computed exactly on the
        exact value before any conversion. Do not round the float columns with
        ``Series.round``: it rounds half to even, on a float that can sit below a tie
        (USA 2017 GDP 19612102.5 would give 19612102; NATO prints 19612103).

        ``exact=True``: figures as exact Arrow decimals, dtype
        ``decimal128(p, s)[pyarrow]`` (``s`` the most decimals any value of the column
        has, ``p`` the fewest digits that hold them; ``decimal256(76, s)`` past 38
        digits), years ``int32[pyarrow]``, flags ``bool[pyarrow]``. A value read from
        it is a :class:`~decimal.Decimal` at the column's scale (``4.12019098935714700``
        in a column of 17 decimals: the same number; ``rounded=True`` gives the printed
        decimals only). pandas supports on these columns: reading
        values, comparisons and filters (``df[df.share_of_gdp >= 2]``), ``sort_values``,
        ``sum``, ``min``, ``max``, ``groupby().sum()``/``min()``/``max()``,
        ``pivot_table(aggfunc="first")``, the sum or difference of two columns and
        ``diff``. It does not support (pyarrow raises ``ArrowInvalid`` or
        ``ArrowTypeError``, or pandas ``TypeError``): multiplying or dividing by a
        number or a column (``s * 2``, ``/ 100``, ``pct_change``), ``mean``,
        ``describe``, ``cumsum``, ``nlargest``/``nsmallest``, ``select_dtypes("number")``
        and plots. Combine both: compute on the default frame, read exact values from
        this one or from the records.

        >>> import defense_spending as dsp
        >>> df = dsp.bundled().spending_frame()
        >>> pol = df[(df.country == "POL") & (df.year == 2024)]
        >>> pol.share_of_gdp.item()
        4.120190989357147
        >>> from decimal import Decimal
        >>> exact = dsp.bundled().spending_frame(exact=True)
        >>> pol = exact[(exact.country == "POL") & (exact.year == 2024)].share_of_gdp.item()
        >>> pol == Decimal("4.120190989357147"), pol  # at the column's scale: 17 decimals
        (True, Decimal('4.12019098935714700'))
        >>> printed = dsp.bundled().spending_frame(rounded=True)
        >>> printed[(printed.country == "USA") & (printed.year == 2017)].gdp_current.item()
        19612103.0
        """
        return _frames.spending_pandas(self._ds, exact=exact, rounded=rounded)

    def spending_polars(self, *, exact: bool = True, rounded: bool = False) -> "polars.DataFrame":
        """Every spending record as a :class:`polars.DataFrame` (needs polars, pyarrow and
        numpy: ``pip install 'defense-spending[polars]'``): the columns of
        :meth:`spending_arrow`, text columns ``pl.Categorical``.

        Figures are exact ``pl.Decimal(p, s)`` (``s`` the most decimals any value of the
        column has, ``p`` the fewest digits that hold them), on which polars computes in
        decimal: arithmetic, ``diff``, ``sum``, ``mean``, ``describe``, pivots, group-bys.
        ``exact=False`` gives ``Float64`` instead (nulls where missing). A figure column
        that needs more than 38 digits at one scale (16 integer digits and more than 22
        decimals in one column) is a ValueError with ``exact``: polars could not hold it
        exactly.

        ``rounded=True``: every figure rounded as NATO prints it, exactly (half away from
        zero), with that many decimals: a share of GDP displays as ``4.12``, money as
        ``19612103``. polars' own ``round`` rounds half to even by default and keeps the
        column's scale (``4.12000000000000000``).

        >>> import defense_spending as dsp
        >>> df = dsp.bundled().spending_polars(rounded=True)
        >>> import polars as pl
        >>> str(df.filter((pl.col("country") == "POL") & (pl.col("year") == 2024))["share_of_gdp"][0])
        '4.12'
        """
        return _frames.spending_polars(self._ds, exact=exact, rounded=rounded)


def _from_state(state: bytes) -> Dataset:
    """The dataset a pickle holds (see :meth:`Dataset.__reduce__`)."""
    return Dataset(_native.Dataset.from_state(state))


def bundled() -> Dataset:
    """The data bundled with the package: NATO's "Defence Expenditure of NATO Countries
    (2014-2024)" (June 2024: Tables 2, 3, 5 and 8a, 31 Allies and NATO's two aggregates,
    exact workbook values), the 32 Allies, the pledges and targets, the Stinger contracts
    and the aid totals of the July 2024 coverage, with their sources.

    Embedded in the package (no file is read), parsed on the first call, shared after.
    """
    return Dataset(_native.bundled())


def load(
    path: Union[str, "os.PathLike[str]"],
    *,
    metric: Optional[Union[Metric, str]] = None,
    price_base_year: Optional[int] = None,
    source: Optional[str] = None,
) -> Dataset:
    """Loads a file or a folder, each file recognised by its content, not its name.

    Reads the crate's own CSV files, the World Bank's download (its ``.zip``, or the
    folder of its CSV files), Our World in Data's CSV exports, NATO's "Defence
    Expenditure of NATO Countries" workbook and SIPRI's Military Expenditure Database
    workbook (``.xlsx``), spreadsheets re-saved with ``;`` and decimal commas, and wide
    tables (``Country,2014,...,2024``). A wide table does not say what its cells are:
    ``metric`` says it (``"share_of_gdp"``, ``"expenditure_constant"``, ...), and
    ``price_base_year`` the year of constant prices where the file does not; ``source``
    names the source id its rows cite.

    All or nothing: any bad value, duplicate record or unknown file raises
    :class:`LoadError` with the file, line and column (or ``sheet!cell``). Large files
    are read on every core, without the GIL.
    """
    return Dataset(
        _native.load(
            os.fspath(path),
            None if metric is None else _metric_name(metric),
            price_base_year,
            source,
        )
    )


def from_bytes(
    name: str,
    data: bytes,
    *,
    metric: Optional[Union[Metric, str]] = None,
    price_base_year: Optional[int] = None,
    source: Optional[str] = None,
) -> Dataset:
    """Reads one file already in memory, in any format :func:`load` reads, with the same
    options; ``name`` is used in error messages (and its extension, like a file's, is not
    needed)."""
    return Dataset(
        _native.from_bytes(
            name,
            bytes(data),
            None if metric is None else _metric_name(metric),
            price_base_year,
            source,
        )
    )


def revisions(old: Dataset, new: Dataset) -> List[Revision]:
    """Every country-year-metric whose value differs between ``old`` and ``new`` (two
    editions of the same data), by country, year and metric. Values present in only one
    of the two are not revisions and are left out."""
    return [Revision(**r) for r in _native.revisions(old._ds, new._ds)]
