"""Shared helpers: the repository's files, read as text, for expected values.

Expected values come from the files' own text (parsed here with the csv module and
``decimal.Decimal``), never from the package under test.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
DATA = REPO / "data"

METRIC_COLUMNS = (
    "share_of_gdp",
    "expenditure_current",
    "expenditure_constant",
    "gdp_current",
    "gdp_constant",
    "equipment_share",
    "real_change",
    "per_capita_current",
    "share_of_government",
)


def read_csv(path: Path) -> List[Dict[str, str]]:
    """The rows of a CSV file as dicts (a byte order mark is dropped)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def crate_spending(path: Path) -> Dict[Tuple[str, int, str], Dict[str, object]]:
    """A spending.csv in the crate's format: (country, year, source) -> the fields,
    figures as Decimal (None where empty)."""
    out = {}
    for row in read_csv(path):
        fields: Dict[str, object] = {
            m: (Decimal(row[m]) if row.get(m) else None) for m in METRIC_COLUMNS
        }
        fields["price_base_year"] = int(row["price_base_year"]) if row.get("price_base_year") else None
        fields["estimate"] = row.get("estimate") == "true"
        out[(row["country"], int(row["year"]), row["source"])] = fields
    return out


@pytest.fixture(scope="session")
def ds():
    import defense_spending

    return defense_spending.bundled()


def walk(value: object) -> Iterator[object]:
    """Every value inside a dataclass, list, dict or tuple, recursively."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from walk(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    else:
        yield value
