"""Frames of the spending records: Arrow, pandas and polars.

The Rust extension fills the columns' buffers (``Dataset.spending_columns``): a
dictionary index per row for the text columns, little-endian int32, bitmaps, and for each
figure a ``decimal128`` column. Here they become :mod:`pyarrow` arrays with
``pyarrow.Array.from_buffers`` (no copy, no Python object per value), then a table, then a
pandas or polars frame.

Why Arrow decimal128 rather than ``decimal.Decimal`` objects: a million ``Decimal``
objects take seconds to make and hold 100 bytes each in an ``object`` column; a decimal128
column is 16 bytes a value, made in milliseconds, and is as exact. Each column's scale
is the largest number of decimals among its values, and every value is rescaled to it by
multiplying its integer mantissa by a power of ten: the same number with trailing zeros.
A value read from the pandas column is a ``decimal.Decimal``; arithmetic on the column
(sum, comparison) is done in decimal by Arrow, never in floating point.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

    from . import _native


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"this needs {module}: pip install 'defense-spending[{extra}]' "
            f"(or pip install {module} pyarrow)"
        ) from e


def spending_table(native: "_native.Dataset", extra: str = "pandas") -> "pyarrow.Table":
    """The spending records of ``native`` as a pyarrow Table."""
    pa = _require("pyarrow", extra)
    n = len(native)
    names = []
    arrays = []
    idx = None
    no_values = None
    for name, kind, *rest in native.spending_columns():
        if kind == "dictionary":
            indices, values = rest
            # No indices: those of the column before (the names share the codes' rows).
            if indices is not None:
                idx = pa.Array.from_buffers(pa.int32(), n, [None, pa.py_buffer(indices)])
            array = pa.DictionaryArray.from_arrays(idx, pa.array(values, pa.string()))
        elif kind == "int32":
            data, validity = rest
            array = pa.Array.from_buffers(pa.int32(), n, [_buffer(pa, validity), pa.py_buffer(data)])
        elif kind == "bool":
            (bits,) = rest
            array = pa.Array.from_buffers(pa.bool_(), n, [None, pa.py_buffer(bits)])
        elif kind == "decimal128":
            data, validity, scale = rest
            array = pa.Array.from_buffers(
                pa.decimal128(38, scale), n, [_buffer(pa, validity), pa.py_buffer(data)]
            )
        elif kind == "decimal_text":
            # Wider than 38 digits at the column's scale: exact in decimal256.
            values, scale = rest
            array = pa.array(
                [None if v is None else Decimal(v) for v in values], pa.decimal256(76, scale)
            )
        elif kind == "null_decimal":
            # A figure no record has. Arrow needs a data buffer even under nulls, and
            # pa.nulls would fill one per column (16 MB a million rows): the columns share
            # one, from bytes(), whose zero pages are never written.
            if no_values is None:
                no_values = [pa.py_buffer(bytes((n + 7) // 8)), pa.py_buffer(bytes(16 * n))]
            array = pa.Array.from_buffers(pa.decimal128(38, 0), n, no_values, null_count=n)
        else:  # pragma: no cover - the extension and this file are built together
            raise RuntimeError(f"unknown column kind {kind!r}")
        names.append(name)
        arrays.append(array)
    return pa.Table.from_arrays(arrays, names=names)


def _buffer(pa: Any, data: Any) -> Any:
    return None if data is None else pa.py_buffer(data)


def spending_pandas(native: "_native.Dataset") -> "pandas.DataFrame":
    """The spending records as a pandas DataFrame (Arrow-backed, exact decimals)."""
    pd = _require("pandas", "pandas")
    pa = _require("pyarrow", "pandas")
    table = spending_table(native, "pandas")

    def types(t: Any) -> Any:
        # Dictionaries become `category` (pandas' own type for a few distinct strings);
        # everything else keeps its Arrow type: exact decimals, integers without NaN.
        if pa.types.is_dictionary(t):
            return None
        return pd.ArrowDtype(t)

    return table.to_pandas(types_mapper=types)


def spending_polars(native: "_native.Dataset") -> "polars.DataFrame":
    """The spending records as a polars DataFrame (exact ``pl.Decimal`` columns)."""
    pl = _require("polars", "polars")
    return pl.from_arrow(spending_table(native, "polars"))
