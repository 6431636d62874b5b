"""Frames of the spending records (Arrow, pandas, polars), and of any query's rows.

The spending frames are built from buffers the Rust extension fills
(``Dataset.spending_columns``), regions of two NumPy byte arrays: a dictionary index per
row for the text columns, little-endian int32, bitmaps, and for each figure either a
``float64`` column (each value the float nearest to the exact decimal, NaN where
missing) or an exact ``decimal128(p, s)`` column. No Python object is made per value:
the pandas frame takes NumPy views of the buffers (figures ``float64``, the text
columns ``category``), the Arrow and polars frames ``pyarrow.Array.from_buffers``.

Why two kinds of figure columns: pandas cannot compute on Arrow decimals (``s * 2``,
``describe``, ``nlargest``, ``cumsum`` and plots fail, and a difference of two
``decimal128(38, s)`` columns overflows Arrow's 38 digits), so the default pandas frame
has ``float64`` figures, on which everything works; the exact figures are one argument
away (``exact=True``). Polars computes on its decimals, so its frame is exact by
default. A million ``decimal.Decimal`` objects would take about a second to make and
104 bytes each; a decimal128 column is 16 bytes a value, made in tens of milliseconds,
and is as exact. Each column's scale ``s`` is the largest number of decimals among its
values and ``p`` the fewest digits that hold them all at that scale: every value is its
mantissa times a power of ten, the same number with trailing zeros.

``rounded=True`` rounds every figure as NATO prints it first (two decimals for
percentages, whole units for money, half away from zero), exactly, in Rust, on the
exact value: never on a float, which can sit just below a tie (2.675 is
2.67499999... as a float).

:func:`to_pandas` and :func:`to_polars` make a frame of the rows any query returns.
"""

from __future__ import annotations

import dataclasses
import datetime
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

    from . import _native

__all__ = ["to_pandas", "to_polars"]

# The Arrow type of a dictionary's indices of 1, 2 or 4 bytes.
_INDEX = {1: lambda pa: pa.int8(), 2: lambda pa: pa.int16(), 4: lambda pa: pa.int32()}
# The NumPy type of the same indices.
_NP_INDEX = {1: "i1", 2: "<i2", 4: "<i4"}


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        others = {"pandas": "pandas pyarrow", "polars": "polars pyarrow"}.get(extra, module)
        raise ImportError(
            f"this needs {module}: pip install 'defense-spending[{extra}]' "
            f"(or pip install {others} numpy)"
        ) from e


class _Buffers:
    """The two byte arrays of a frame, cut into regions as NumPy views or Arrow buffers."""

    def __init__(self, data: Tuple[Any, ...], n: int) -> None:
        self.data = data
        self.n = n
        self._wholes: Optional[List[Any]] = None
        self._zeros: Dict[int, Any] = {}

    def numpy(self, region: Tuple[int, int, int], dtype: str) -> Any:
        which, start, length = region
        return self.data[which][start : start + length].view(dtype)

    def arrow(self, pa: Any, region: Optional[Tuple[int, int, int]]) -> Any:
        if region is None:
            return None
        if self._wholes is None:
            self._wholes = [pa.py_buffer(d) for d in self.data]
        which, start, length = region
        return self._wholes[which].slice(start, length)

    def nulls(self, pa: Any, arrow_type: Any, width: int) -> Any:
        """A column without a value. Arrow needs a data buffer even under nulls, and
        pa.nulls would fill one per column (16 MB a million decimals): such columns
        share buffers from bytes(), whose zero pages are never written."""
        n = self.n
        for size in ((n + 7) // 8, width * n):
            if size not in self._zeros:
                self._zeros[size] = pa.py_buffer(bytes(size))
        validity, values = self._zeros[(n + 7) // 8], self._zeros[width * n]
        return pa.Array.from_buffers(arrow_type, n, [validity, values], null_count=n)


def _native_columns(
    native: "_native.Dataset", extra: str, floats: bool, rounded: bool
) -> Tuple[_Buffers, List[Tuple[Any, ...]]]:
    _require("numpy", extra)  # the extension fills NumPy arrays
    data, columns = native.spending_columns(floats, rounded)
    return _Buffers(data, len(native)), columns


def _arrays(
    native: "_native.Dataset", extra: str, floats: bool = False, rounded: bool = False
) -> List[Tuple[str, Any, Optional[List[str]]]]:
    """``(name, pyarrow array, dictionary values or None)`` for each column."""
    pa = _require("pyarrow", extra)
    import numpy as np

    bufs, columns = _native_columns(native, extra, floats, rounded)
    n = bufs.n
    out = []
    idx = None
    codes = None  # the country column's indices, as NumPy
    for name, kind, *rest in columns:
        values_list = None
        if kind == "dictionary":
            indices, width, values_list, (offsets, text) = rest
            # No indices: those of the column before (the names share the codes' rows).
            if indices is not None:
                idx = pa.Array.from_buffers(_INDEX[width](pa), n, [None, bufs.arrow(pa, indices)])
                if name == "country":
                    codes = bufs.numpy(indices, _NP_INDEX[width])
            # From buffers, not pa.array(list): that imports pandas the first time.
            dictionary = pa.Array.from_buffers(
                pa.string(), len(values_list), [None, pa.py_buffer(offsets), pa.py_buffer(text)]
            )
            array = pa.DictionaryArray.from_arrays(idx, dictionary)
        elif kind == "int32":
            values, validity = rest
            array = pa.Array.from_buffers(
                pa.int32(), n, [bufs.arrow(pa, validity), bufs.arrow(pa, values)]
            )
        elif kind == "bool":
            (bits,) = rest
            array = pa.Array.from_buffers(pa.bool_(), n, [None, bufs.arrow(pa, bits)])
        elif kind == "decimal128":
            values, validity, (precision, scale) = rest
            array = pa.Array.from_buffers(
                pa.decimal128(precision, scale), n,
                [bufs.arrow(pa, validity), bufs.arrow(pa, values)],
            )
        elif kind == "float64":
            values, validity = rest
            array = pa.Array.from_buffers(
                pa.float64(), n, [bufs.arrow(pa, validity), bufs.arrow(pa, values)]
            )
        elif kind == "decimal_text":
            # Wider than 38 digits at the column's scale: exact in decimal256.
            texts, scale = rest
            array = pa.array(
                [None if v is None else Decimal(v) for v in texts], pa.decimal256(76, scale)
            )
        elif kind == "null_decimal":
            array = bufs.nulls(pa, pa.decimal128(1, 0), 16)
        elif kind == "null_float":
            array = bufs.nulls(pa, pa.float64(), 8)
        elif kind == "null_int32":
            array = bufs.nulls(pa, pa.int32(), 4)
        elif kind == "country_flags":
            (flags,) = rest
            picked = np.asarray(flags, dtype=bool)[codes] if codes is not None else []
            # As a bitmap from buffers, not pa.array: that imports pandas the first time.
            bits = np.packbits(np.asarray(picked, dtype=bool), bitorder="little")
            array = pa.Array.from_buffers(pa.bool_(), n, [None, pa.py_buffer(bits)])
        else:  # pragma: no cover - the extension and this file are built together
            raise RuntimeError(f"unknown column kind {kind!r}")
        out.append((name, array, values_list))
    return out


def spending_table(
    native: "_native.Dataset", extra: str = "pandas", *, exact: bool = True, rounded: bool = False
) -> "pyarrow.Table":
    """The spending records of ``native`` as a pyarrow Table."""
    pa = _require("pyarrow", extra)
    columns = _arrays(native, extra, not exact, rounded)
    return pa.Table.from_arrays([a for _, a, _ in columns], names=[name for name, _, _ in columns])


def _unpack(np: Any, bits: Any, n: int) -> Any:
    """A bitmap (LSB first) as ``n`` NumPy bools."""
    return np.unpackbits(bits, count=n, bitorder="little").view(bool)


def spending_pandas(
    native: "_native.Dataset", *, exact: bool = False, rounded: bool = False
) -> "pandas.DataFrame":
    """The spending records as a pandas DataFrame: figures ``float64`` (or, ``exact``,
    Arrow decimals).

    Built column by column rather than through ``Table.to_pandas``: the text columns
    become ``category`` straight from the index buffers (of the width pandas would pick
    for the codes); figures, years and flags are NumPy views of the buffers the
    extension filled, or (``exact``) the Arrow arrays wrapped. Nothing is copied.
    """
    pd = _require("pandas", "pandas")
    if exact:
        return _pandas_exact(pd, native, rounded)
    import numpy as np

    bufs, columns = _native_columns(native, "pandas", True, rounded)
    n = bufs.n
    frame: Dict[str, Any] = {}
    codes = None
    country = None  # the country column's codes
    nan: Optional[Any] = None
    for name, kind, *rest in columns:
        if kind == "dictionary":
            indices, width, values, _ = rest
            if indices is not None:
                codes = bufs.numpy(indices, _NP_INDEX[width])
                if name == "country":
                    country = codes
            # Categories as Python strings (dtype object): a few thousand at most, and
            # pandas 3 would otherwise convert them to Arrow strings (5 ms the first time).
            categories = pd.Index(values, dtype=object)
            frame[name] = pd.Categorical.from_codes(codes, categories=categories, validate=False)
        elif kind == "int32" and rest[1] is None and name == "year":
            frame[name] = bufs.numpy(rest[0], "<i4")
        elif kind == "int32":
            values, validity = rest
            mask = (
                np.zeros(n, dtype=bool) if validity is None
                else ~_unpack(np, bufs.numpy(validity, "u1"), n)
            )
            frame[name] = pd.arrays.IntegerArray(bufs.numpy(values, "<i4"), mask)
        elif kind == "null_int32":
            frame[name] = pd.arrays.IntegerArray(np.zeros(n, "<i4"), np.ones(n, dtype=bool))
        elif kind == "bool":
            frame[name] = _unpack(np, bufs.numpy(rest[0], "u1"), n)
        elif kind == "float64":
            frame[name] = bufs.numpy(rest[0], "<f8")
        elif kind == "null_float":
            # Under copy-on-write (pandas 3; pandas 2 with the option) columns without a
            # value can share one array of NaN: a write to one copies it first.
            if nan is None or not _copy_on_write(pd):
                nan = np.full(n, np.nan)
            frame[name] = nan
        elif kind == "country_flags":
            flags = np.asarray(rest[0], dtype=bool)
            frame[name] = flags[country] if country is not None else np.zeros(0, dtype=bool)
        else:  # pragma: no cover - the extension and this file are built together
            raise RuntimeError(f"unknown column kind {kind!r}")
    result: "pandas.DataFrame" = pd.DataFrame(frame, copy=False)
    return result


def _copy_on_write(pd: Any) -> bool:
    if int(pd.__version__.split(".")[0]) >= 3:
        return True
    try:
        return pd.options.mode.copy_on_write is True
    except AttributeError:  # pragma: no cover - pandas before 2.0
        return False


def _pandas_exact(pd: Any, native: "_native.Dataset", rounded: bool) -> "pandas.DataFrame":
    import numpy as np

    frame = {}
    for name, array, values in _arrays(native, "pandas", False, rounded):
        if values is not None:
            codes = np.frombuffer(
                array.indices.buffers()[1], dtype=array.indices.type.to_pandas_dtype(), count=len(array)
            )
            categories = pd.Index(values, dtype=object)
            frame[name] = pd.Categorical.from_codes(codes, categories=categories, validate=False)
        else:
            frame[name] = pd.arrays.ArrowExtensionArray(array)
    result: "pandas.DataFrame" = pd.DataFrame(frame, copy=False)
    return result


def spending_polars(
    native: "_native.Dataset", *, exact: bool = True, rounded: bool = False
) -> "polars.DataFrame":
    """The spending records as a polars DataFrame (exact ``pl.Decimal`` columns, or
    ``Float64`` without ``exact``)."""
    pl = _require("polars", "polars")
    pa = _require("pyarrow", "polars")
    table = spending_table(native, "polars", exact=exact, rounded=rounded)
    wide = [f.name for f in table.schema if pa.types.is_decimal256(f.type)]
    if wide:
        # polars' Decimal holds 38 digits: such a column would be rounded (or refused).
        raise ValueError(
            f"column {', '.join(wide)} needs more than 38 digits at one scale, more than "
            "polars' Decimal holds; spending_frame(exact=True) and spending_arrow() keep "
            "it exactly, spending_polars(exact=False) gives floats"
        )
    result: "polars.DataFrame" = pl.from_arrow(table)
    return result


# The rows of queries as frames.

# How a field's value becomes columns: its annotation, resolved.
_Kind = str  # "decimal", "int", "bool", "str", "date", "list", "amount", "bound", ...


def _kind_of(hint: Any) -> _Kind:
    from . import _types

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is Union and len(args) == 1:
        hint = args[0]
    origin = typing.get_origin(hint)
    if origin in (list, List):
        return "list"
    table: Dict[Any, _Kind] = {
        Decimal: "decimal",
        bool: "bool",
        int: "int",
        str: "str",
        datetime.date: "date",
        _types.Amount: "amount",
        _types.Bound: "bound",
        _types.Timing: "timing",
        _types.MonthOrDay: "month_or_day",
    }
    return table.get(hint, "object")


# The fields whose values are countries or aggregates: each gets an ``is_country`` column.
_ENTITY_FIELDS = {"country": "is_country", "donor": "donor_is_country",
                  "recipient": "recipient_is_country"}


def _layout(cls: type) -> List[Tuple[str, _Kind, str]]:
    """``(column, kind, field)`` for each column of rows of ``cls``."""
    hints = typing.get_type_hints(cls)
    out: List[Tuple[str, _Kind, str]] = []
    for f in dataclasses.fields(cls):
        kind = _kind_of(hints[f.name])
        if kind == "amount":
            out += [(f"{f.name}_millions", "amount.millions", f.name),
                    (f"{f.name}_currency", "amount.currency", f.name),
                    (f"{f.name}_qualifier", "amount.qualifier", f.name)]
        elif kind == "bound":
            out += [(f.name, "bound.text", f.name), (f"{f.name}_kind", "bound.kind", f.name),
                    (f"{f.name}_low", "bound.low", f.name), (f"{f.name}_high", "bound.high", f.name)]
        elif kind == "timing":
            out += [(f"{f.name}_kind", "timing.kind", f.name), (f"{f.name}_year", "timing.year", f.name)]
        else:
            out.append((f.name, kind, f.name))
    for f in dataclasses.fields(cls):
        if f.name in _ENTITY_FIELDS and _kind_of(hints[f.name]) == "str":
            out.append((_ENTITY_FIELDS[f.name], "is_country", f.name))
    return out


# The type of each part of a flattened field.
_PART_TYPE = {
    "amount.millions": "decimal", "amount.currency": "str", "amount.qualifier": "str",
    "bound.text": "str", "bound.kind": "str", "bound.low": "decimal", "bound.high": "decimal",
    "timing.kind": "str", "timing.year": "int", "month_or_day": "str", "is_country": "bool",
}


def _value(kind: _Kind, v: Any) -> Any:
    if v is None:
        return None
    if kind.startswith("amount."):
        return getattr(v, kind.split(".")[1])
    if kind.startswith("bound.") or kind.startswith("timing."):
        return getattr(v, kind.split(".")[1])
    if kind == "month_or_day":
        return str(v)
    if kind == "is_country":
        # The crate's rule: an aggregate id has an underscore, a country code none.
        return "_" not in v
    return v


def _rows(rows: Any, of: Optional[type]) -> Tuple[type, List[Any]]:
    from . import _types

    if isinstance(rows, _types.ShortfallReport):
        return _types.Shortfall, list(rows.allies)
    if dataclasses.is_dataclass(rows) and not isinstance(rows, type):
        raise TypeError(
            f"to_pandas and to_polars take a list of rows, not one {type(rows).__name__}: "
            f"dsp.to_pandas([row])"
        )
    listed = list(rows)
    if of is None:
        if not listed:
            raise ValueError(
                "no rows to tell the columns from: pass the type of the rows, as in "
                "dsp.to_pandas(ds.shortfalls(2024, 1).allies, of=dsp.Shortfall)"
            )
        of = type(listed[0])
    if not (dataclasses.is_dataclass(of) and isinstance(of, type)):
        raise TypeError(f"rows are the records a query returns, not {of.__name__}")
    for r in listed:
        if type(r) is not of:
            raise TypeError(f"rows of one type, not {of.__name__} and {type(r).__name__}")
    return of, listed


def _columns(rows: Any, of: Optional[type]) -> List[Tuple[str, _Kind, List[Any]]]:
    cls, listed = _rows(rows, of)
    out = []
    for column, kind, field in _layout(cls):
        values = [_value(kind, getattr(r, field)) for r in listed]
        out.append((column, _PART_TYPE.get(kind, kind), values))
    return out


def _decimal_type(pa: Any, values: List[Any]) -> Any:
    """The narrowest Arrow decimal that holds every one of ``values`` exactly."""
    scale = digits = 0
    for v in values:
        if v is None:
            continue
        t = v.as_tuple()
        exponent = int(t.exponent)
        scale = max(scale, -exponent)
        digits = max(digits, len(t.digits) + exponent)
    precision = max(1, digits + scale)
    if precision <= 38:
        return pa.decimal128(precision, scale)
    return pa.decimal256(min(76, precision), scale)


def to_pandas(rows: Any, *, exact: bool = False, of: Optional[type] = None) -> "pandas.DataFrame":
    """The rows a query returns as a :class:`pandas.DataFrame`, one row each (needs
    pandas and pyarrow: ``pip install 'defense-spending[pandas]'``).

    ``rows`` is a list of one kind of record: :class:`SpendingRecord` (from
    ``meeting_target``, ``ranking``, ``series``, ...), :class:`Shortfall` (or the
    :class:`ShortfallReport` itself), :class:`Change`, :class:`PledgeCheck`,
    :class:`YearCount`, :class:`FirstYear`, :class:`AllianceTotal`, :class:`AidTotal`,
    :class:`Contract`, :class:`ContractTotal`, :class:`Revision`, :class:`Anomaly`,
    :class:`Member`, :class:`Source`, :class:`Pledge`, ... One column per field, as the
    dataclass names it, with these exceptions:

    - an amount of money ``f`` (:class:`Amount`) is three columns: ``f_millions`` (a
      number), ``f_currency`` (``"USD"``) and ``f_qualifier`` (``"more_than"``);
    - a pledge's bound ``f`` is its wording ``f`` (``"at least 2"``), ``f_kind``,
      ``f_low`` and ``f_high``; a timing ``f`` is ``f_kind`` and ``f_year``;
    - a date known to the day or to the month (:class:`MonthOrDay`) is its text
      (``"2024-07-09"``, ``"2022-05"``), which sorts in time order;
    - a ``country`` (``donor``, ``recipient``) gets an ``is_country`` (``donor_is_country``,
      ...) column: False for an aggregate (``NATO_TOTAL``, ``WB_WLD``).

    Figures are ``float64`` (NaN where missing), so that arithmetic, ``nlargest``,
    ``describe`` and plots work; ``exact=True`` makes them exact Arrow decimals (dtype
    ``decimal128(p, s)[pyarrow]``, ``s`` the most decimals any value has), with the
    operations :meth:`Dataset.spending_frame` lists. Whole numbers are ``int64`` (or
    ``Int64`` with missing values), flags ``bool``, dates ``datetime64``, lists (a
    contract's countries) Python lists.

    An empty list has no row to tell the columns from: pass ``of`` (``of=dsp.Shortfall``).

    >>> import defense_spending as dsp
    >>> ds = dsp.bundled()
    >>> df = dsp.to_pandas(ds.shortfalls(2024, "3.5").allies)
    >>> top = df.nlargest(1, "shortfall_usd_million")
    >>> top.country.item(), round(top.shortfall_usd_million.item() / 1000, 1)  # US$ bn
    ('DEU', 63.7)
    """
    pd = _require("pandas", "pandas")
    pa = _require("pyarrow", "pandas")
    import numpy as np

    frame: Dict[str, Any] = {}
    for name, kind, values in _columns(rows, of):
        if kind == "decimal":
            if exact:
                t = _decimal_type(pa, values)
                frame[name] = pd.arrays.ArrowExtensionArray(pa.array(values, t))
            else:
                frame[name] = np.array(
                    [np.nan if v is None else float(v) for v in values], dtype="float64"
                )
        elif kind in ("int", "bool"):
            dtype = {"int": ("int64", "Int64"), "bool": ("bool", "boolean")}[kind]
            frame[name] = pd.array(values, dtype=dtype[1] if None in values else dtype[0])
        elif kind == "date":
            frame[name] = pd.to_datetime(pd.Series(values, dtype=object))
        elif kind in ("list", "object"):
            column = np.empty(len(values), dtype=object)
            column[:] = values
            frame[name] = column
        else:
            frame[name] = values
    result: "pandas.DataFrame" = pd.DataFrame(frame)
    return result


def to_polars(rows: Any, *, exact: bool = True, of: Optional[type] = None) -> "polars.DataFrame":
    """The rows a query returns as a :class:`polars.DataFrame` (needs polars:
    ``pip install 'defense-spending[polars]'``): the columns of :func:`to_pandas`, with
    figures as exact ``pl.Decimal(p, s)`` (``s`` the most decimals any value has), or
    ``Float64`` with ``exact=False``; whole numbers ``Int64``, flags ``Boolean``, dates
    ``Date``, lists ``List(String)``. Missing values are null.

    >>> import defense_spending as dsp
    >>> df = dsp.to_polars(dsp.bundled().meeting_target(2024, 2))
    >>> from decimal import Decimal
    >>> df.height, df["country"][0], df["share_of_gdp"][0] == Decimal("4.120190989357147")
    (23, 'POL', True)
    """
    pl = _require("polars", "polars")
    pa = _require("pyarrow", "polars")
    columns: Dict[str, Any] = {}
    for name, kind, values in _columns(rows, of):
        if kind == "decimal":
            t = _decimal_type(pa, values)
            if exact and pa.types.is_decimal128(t):
                columns[name] = pl.Series(name, values, dtype=pl.Decimal(t.precision, t.scale))
            elif exact:
                raise ValueError(
                    f"column {name} needs more than 38 digits at one scale, more than "
                    "polars' Decimal holds: to_polars(rows, exact=False) gives floats, "
                    "to_pandas(rows, exact=True) keeps it exactly"
                )
            else:
                columns[name] = pl.Series(
                    name, [None if v is None else float(v) for v in values], dtype=pl.Float64
                )
        else:
            dtype = {"int": pl.Int64, "bool": pl.Boolean, "str": pl.String, "date": pl.Date,
                     "list": pl.List(pl.String)}.get(kind, pl.Object)
            columns[name] = pl.Series(name, values, dtype=dtype)
    result: "polars.DataFrame" = pl.DataFrame(columns)
    return result
