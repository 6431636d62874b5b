"""Frames of the spending records: Arrow, pandas and polars.

The Rust extension fills the columns' buffers (``Dataset.spending_columns``), regions of
two NumPy byte arrays: a dictionary index per row for the text columns, little-endian
int32, bitmaps, and for each figure a ``decimal128`` column. Here they become
:mod:`pyarrow` arrays with ``pyarrow.Array.from_buffers`` (no copy, no Python object per
value), then a table, then a pandas or polars frame.

Why Arrow decimal128 rather than ``decimal.Decimal`` objects: a million ``Decimal``
objects take about a second to make and hold 104 bytes each in an ``object`` column; a
decimal128 column is 16 bytes a value, made in tens of milliseconds, and is as exact. Each column's scale
is the largest number of decimals among its values, and every value is rescaled to it by
multiplying its integer mantissa by a power of ten: the same number with trailing zeros.
A value read from the pandas column is a ``decimal.Decimal``; arithmetic on the column
(sum, comparison) is done in decimal by Arrow, never in floating point.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

    from . import _native


# The Arrow type of a dictionary's indices of 1, 2 or 4 bytes.
_INDEX = {1: lambda pa: pa.int8(), 2: lambda pa: pa.int16(), 4: lambda pa: pa.int32()}


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"this needs {module}: pip install 'defense-spending[{extra}]' "
            f"(or pip install {module} pyarrow)"
        ) from e


def _arrays(native: "_native.Dataset", extra: str) -> List[Tuple[str, Any, Optional[List[str]]]]:
    """``(name, pyarrow array, dictionary values or None)`` for each column."""
    pa = _require("pyarrow", extra)
    _require("numpy", extra)  # the extension fills NumPy arrays
    n = len(native)
    data, columns = native.spending_columns()
    wholes = [pa.py_buffer(d) for d in data]
    zeros: Dict[int, Any] = {}

    def buf(region: Any) -> Any:
        if region is None:
            return None
        which, start, length = region
        return wholes[which].slice(start, length)

    def nulls(arrow_type: Any, width: int) -> Any:
        # A column without a value. Arrow needs a data buffer even under nulls, and
        # pa.nulls would fill one per column (16 MB a million decimals): such columns
        # share buffers from bytes(), whose zero pages are never written.
        for size in ((n + 7) // 8, width * n):
            if size not in zeros:
                zeros[size] = pa.py_buffer(bytes(size))
        validity, values = zeros[(n + 7) // 8], zeros[width * n]
        return pa.Array.from_buffers(arrow_type, n, [validity, values], null_count=n)

    out = []
    idx = None
    for name, kind, *rest in columns:
        values_list = None
        if kind == "dictionary":
            indices, width, values_list, (offsets, text) = rest
            # No indices: those of the column before (the names share the codes' rows).
            if indices is not None:
                idx = pa.Array.from_buffers(_INDEX[width](pa), n, [None, buf(indices)])
            # From buffers, not pa.array(list): that imports pandas the first time.
            dictionary = pa.Array.from_buffers(
                pa.string(), len(values_list), [None, pa.py_buffer(offsets), pa.py_buffer(text)]
            )
            array = pa.DictionaryArray.from_arrays(idx, dictionary)
        elif kind == "int32":
            values, validity = rest
            array = pa.Array.from_buffers(pa.int32(), n, [buf(validity), buf(values)])
        elif kind == "bool":
            (bits,) = rest
            array = pa.Array.from_buffers(pa.bool_(), n, [None, buf(bits)])
        elif kind == "decimal128":
            values, validity, scale = rest
            array = pa.Array.from_buffers(pa.decimal128(38, scale), n, [buf(validity), buf(values)])
        elif kind == "decimal_text":
            # Wider than 38 digits at the column's scale: exact in decimal256.
            texts, scale = rest
            array = pa.array(
                [None if v is None else Decimal(v) for v in texts], pa.decimal256(76, scale)
            )
        elif kind == "null_decimal":
            array = nulls(pa.decimal128(38, 0), 16)
        elif kind == "null_int32":
            array = nulls(pa.int32(), 4)
        else:  # pragma: no cover - the extension and this file are built together
            raise RuntimeError(f"unknown column kind {kind!r}")
        out.append((name, array, values_list))
    return out


def spending_table(native: "_native.Dataset", extra: str = "pandas") -> "pyarrow.Table":
    """The spending records of ``native`` as a pyarrow Table."""
    pa = _require("pyarrow", extra)
    columns = _arrays(native, extra)
    return pa.Table.from_arrays([a for _, a, _ in columns], names=[name for name, _, _ in columns])


def spending_pandas(native: "_native.Dataset") -> "pandas.DataFrame":
    """The spending records as a pandas DataFrame (Arrow-backed, exact decimals).

    Built column by column rather than through ``Table.to_pandas``: the text columns
    become ``category`` straight from the index buffers (of the width pandas would pick
    for the codes), every other column wraps its Arrow array; nothing is copied.
    """
    pd = _require("pandas", "pandas")
    import numpy as np

    frame = {}
    for name, array, values in _arrays(native, "pandas"):
        if values is not None:
            codes = np.frombuffer(
                array.indices.buffers()[1], dtype=array.indices.type.to_pandas_dtype(), count=len(array)
            )
            # Categories as Python strings (dtype object): a few thousand at most, and
            # pandas 3 would otherwise convert them to Arrow strings (5 ms the first time).
            categories = pd.Index(values, dtype=object)
            frame[name] = pd.Categorical.from_codes(codes, categories=categories, validate=False)
        else:
            frame[name] = pd.arrays.ArrowExtensionArray(array)
    result: "pandas.DataFrame" = pd.DataFrame(frame, copy=False)
    return result


def spending_polars(native: "_native.Dataset") -> "polars.DataFrame":
    """The spending records as a polars DataFrame (exact ``pl.Decimal`` columns)."""
    pl = _require("polars", "polars")
    pa = _require("pyarrow", "polars")
    table = spending_table(native, "polars")
    wide = [f.name for f in table.schema if pa.types.is_decimal256(f.type)]
    if wide:
        # polars' Decimal holds 38 digits: such a column would be rounded (or refused).
        raise ValueError(
            f"column {', '.join(wide)} needs more than 38 digits at one scale, more than "
            "polars' Decimal holds; spending_frame() and spending_arrow() keep it exactly"
        )
    result: "polars.DataFrame" = pl.from_arrow(table)
    return result
