"""Shared helpers: the repository's files, read as text, for expected values.

Expected values come from the files' own text (parsed here with the csv module and
``decimal.Decimal``), never from the package under test.
"""

import csv
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
# The project's own test files (its CSV format, the 2025-edition transcription, NATO's
# printed figures from the shared reference extraction).
PROJECT_FIXTURES = REPO / "tests" / "fixtures"
FIXTURES_VAR = "DEFENSE_SPENDING_FIXTURES"


def fixtures_dir() -> Path:
    """The folder of publishers' real files: ``$DEFENSE_SPENDING_FIXTURES``, else
    ``../shared/fixtures`` beside the project root (the rule of
    ``tests/common/fixtures.rs``). The files are never committed to the repository."""
    named = os.environ.get(FIXTURES_VAR)
    return Path(named) if named else REPO.parent / "shared" / "fixtures"


def under_ci() -> bool:
    """Whether this is CI's run (``CI=true``): there a missing real file fails."""
    return os.environ.get("CI", "") not in ("", "false", "0")


def real_file(rel: str) -> Path:
    """The real file ``rel`` inside the fixtures folder (``"worldbank"``,
    ``"nato/240617-def-exp-2024-TABLES-en.xlsx"``). Missing: a skip that names it on a
    developer's clone, a failure that names the folder under CI."""
    folder = fixtures_dir()
    path = folder / rel
    if path.exists():
        return path
    if under_ci():
        pytest.fail(
            f"the real file {rel} is not in {folder} (CI runs every real-file test: put "
            f"../shared beside the project, or name the folder in {FIXTURES_VAR})"
        )
    pytest.skip(f"needs {rel} (not in {folder}; set {FIXTURES_VAR} to run it)")
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
