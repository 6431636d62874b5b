"""The facts of NATO defence spending as typed, sourced, queryable data.

A Python package built from the Rust crate ``defense-spending``: the same bundled data
(NATO's June 2024 "Defence Expenditure of NATO Countries (2014-2024)" with the workbook's
exact values, the 32 Allies, the pledges from the 2006 guideline to The Hague's 5 %,
contracts, aid to Ukraine, every row with its source), the same loaders (NATO and SIPRI
workbooks, World Bank and Our World in Data CSVs, the crate's CSV files) and the same
queries, with exact figures.

- Figures are :class:`decimal.Decimal` (exact: never a float), dates
  :class:`datetime.date`, codes ``str`` (ISO 3166-1 alpha-3, ``"POL"``; aggregates with an
  underscore, ``"NATO_TOTAL"``).
- Thresholds may be ``int``, ``str``, ``Decimal`` or ``float`` (read through its shortest
  repr: ``3.5`` is exactly 3.5).
- A file that does not load raises :class:`LoadError` (a ``ValueError``) with its
  ``file``, ``line``, ``column`` or ``cell`` (``"TABLE3!D14"``). A query that cannot
  answer raises :class:`QueryError` (a ``ValueError``): a year outside the data (never
  an empty answer), a name the dataset does not have (with suggestions), figures that
  do not add up.
- Countries are given by code or name: ``"POL"``, ``"pol"``, ``"Poland"``, ``"Turkey"``
  (see :meth:`Dataset.entity`).
- :meth:`Dataset.spending_frame` gives a pandas DataFrame (float64 figures, on which
  pandas computes; ``exact=True`` for exact decimals), :meth:`Dataset.spending_polars`
  a polars one (exact decimals); :func:`to_pandas` and :func:`to_polars` a frame of any
  query's rows. ``rounded=True`` rounds figures as NATO prints them, exactly. Install
  the extras ``pandas`` or ``polars``; neither is needed to import the package.

>>> import defense_spending as dsp
>>> ds = dsp.bundled()
>>> at2 = ds.meeting_target(2024, 2)     # Allies at or above 2 % of GDP in 2024
>>> len(at2), at2[0].country, at2[0].name
(23, 'POL', 'Poland')
"""

from ._dataset import Dataset, Threshold, bundled, from_bytes, load, revisions
from ._errors import LoadError, QueryError
from ._frames import to_pandas, to_polars
from ._native import CRATE_VERSION as _CRATE_VERSION
from ._types import (
    METRICS,
    Aggregate,
    AidSum,
    AidTotal,
    AllianceTotal,
    Amount,
    Anomaly,
    Bound,
    Change,
    Contract,
    ContractTotal,
    FirstYear,
    Member,
    Metric,
    MonthOrDay,
    Pledge,
    PledgeCheck,
    Revision,
    Shortfall,
    ShortfallReport,
    Skipped,
    Source,
    SpendingRecord,
    Timing,
    YearCount,
)

__version__ = _CRATE_VERSION
"""The version of the package, the same as the Rust crate's it is built from."""

__all__ = [
    "Dataset",
    "LoadError",
    "QueryError",
    "Threshold",
    "bundled",
    "load",
    "from_bytes",
    "revisions",
    "to_pandas",
    "to_polars",
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
