"""The Kiel Institute's Ukraine Support Tracker (release 7) from Python: the figures are
computed here from the workbook's cells with openpyxl, never from the loader."""

from decimal import Decimal
from typing import Dict, List, Tuple

import openpyxl

from conftest import real_file

import defense_spending as dsp

RELEASE_7 = "kiel/Ukraine_Support_Tracker.xlsx"


def summary_cells() -> Tuple[List[Tuple[str, Dict[str, Decimal]]], Dict[str, Decimal]]:
    wb = openpyxl.load_workbook(real_file(RELEASE_7), data_only=True, read_only=True)
    rows = list(wb["Country Summary"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if "Country" in r)
    names = rows[header]
    cols = {
        kind: names.index(f"{kind.capitalize()} commitments")
        for kind in ("financial", "humanitarian", "military")
    }
    donors = []
    for r in rows[header + 2 :]:
        name = r[names.index("Country")]
        figures = {k: Decimal(repr(float(r[c]))) * 1000 for k, c in cols.items()}
        if name == "Total":
            return donors, figures
        donors.append((name, figures))
    raise AssertionError("no Total row")


def test_a_release_loads_with_its_kinds_and_its_total() -> None:
    ds = dsp.load(real_file(RELEASE_7))
    donors, total = summary_cells()
    for kind in ("financial", "humanitarian", "military"):
        rows = ds.aid_latest(kind=kind, basis="commitments")
        assert len(rows) == len(donors) == 41
        assert sorted(r.amount.millions for r in rows) == sorted(d[1][kind] for d in donors)
        s = ds.aid_sum(kind=kind, basis="commitments")
        assert s.amount.millions == total[kind]
        assert s.amount.currency == "EUR"
    assert "EU_COMMISSION" in {r.donor for r in ds.aid()}
    assert ds.validate() == []
