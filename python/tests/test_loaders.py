"""Every loader on the publishers' real files (read from the shared fixtures folder:
``real_file`` in conftest.py), against the files' own cells."""

import csv
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import DATA, METRIC_COLUMNS, PROJECT_FIXTURES, crate_spending, read_csv, real_file

import defense_spending as dsp

OWID = ["owid/military-expenditure-share-gdp.csv", "owid/military-spending-as-a-share-of-gdp-sipri.csv"]
NATO_XLSX = "nato/240617-def-exp-2024-TABLES-en.xlsx"
SIPRI_XLSX = "sipri/SIPRI-Milex-data-1948-2023.xlsx"
ISO3 = re.compile(r"[A-Z]{3}")


@pytest.mark.parametrize("rel", OWID, ids=lambda r: r.rsplit("/", 1)[-1])
def test_owid_every_row(rel):
    path = real_file(rel)
    ds = dsp.load(path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    assert header[:3] == ["Entity", "Code", "Year"]
    assert len(ds) == len(data)  # every row a record: countries and OWID's own entities
    countries = 0
    for entity, code, year, value, *_ in data:
        if not ISO3.fullmatch(code):
            continue
        r = ds.record(code, int(year))
        assert r is not None, (code, year)
        assert r.share_of_gdp == Decimal(value), (code, year)
        assert r.estimate is False
        countries += 1
    assert countries > 7000
    assert sum(1 for r in ds.spending() if ISO3.fullmatch(r.country)) == countries


def _worldbank(path: Path):
    """The rows of a WDI bulk CSV: {code: {year: text}}, after its metadata lines."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Country Name", "Country Code"])
    header = rows[start]
    years = {i: int(h) for i, h in enumerate(header) if h.isdigit()}
    return {
        r[1]: {years[i]: r[i] for i in years if i < len(r) and r[i] != ""}
        for r in rows[start + 1 :]
        if len(r) > 1
    }


def test_worldbank_folder_every_cell():
    folder = real_file("worldbank")
    ds = dsp.load(folder)
    meta = read_csv(next(folder.glob("Metadata_Country_*.csv")))
    countries = {m["Country Code"] for m in meta if m["Region"]}
    aggregates = {m["Country Code"] for m in meta if not m["Region"]}
    assert "WLD" in aggregates and "POL" in countries
    share = _worldbank(next(folder.glob("API_MS.MIL.XPND.GD.ZS_*.csv")))
    dollars = _worldbank(next(folder.glob("API_MS.MIL.XPND.CD_*.csv")))
    checked = 0
    for cells, metric, scale in ((share, "share_of_gdp", 0), (dollars, "expenditure_current", -6)):
        for code, by_year in cells.items():
            if code not in countries:
                continue
            # Kosovo's XKX is no ISO 3166-1 code: the README says it becomes WB_XKX.
            entity = "WB_XKX" if code == "XKX" else code
            for year, text in by_year.items():
                got = [getattr(r, metric) for r in ds.records(entity, year) if getattr(r, metric) is not None]
                # Dollars are divided exactly into millions.
                assert got == [Decimal(text).scaleb(scale)], (code, year, metric)
                checked += 1
    assert checked > 10000
    # Aggregates are kept apart, never countries.
    assert ds.records("WB_WLD", 2020)
    assert all(ISO3.fullmatch(r.country) or r.country.startswith("WB_") for r in ds.spending())
    assert not [r for r in ds.meeting_target(2020, 0) if r.country.startswith("WB_")]


def test_nato_workbook_gives_the_bundled_figures_exactly():
    workbook = real_file(NATO_XLSX)
    ds = dsp.load(workbook)
    expected = {(c, y): f for (c, y, _), f in crate_spending(DATA / "spending.csv").items()}
    got = {(r.country, r.year): r for r in ds.spending()}
    assert set(got) == set(expected)
    for key, want in expected.items():
        r = got[key]
        for m in METRIC_COLUMNS:
            assert getattr(r, m) == want[m], (key, m)
        assert r.estimate is want["estimate"]
    skipped = ds.skipped()
    assert skipped and all(s.value == "#REF!" and s.cell.startswith("TABLE8a!") for s in skipped)
    assert str(skipped[0]).startswith(f"{workbook}: {skipped[0].cell}: skipped \"#REF!\"")


def test_nato_workbook_a_whole_row_of_table_3():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = real_file(NATO_XLSX)
    ds = dsp.load(workbook)
    wb = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    rows = list(wb["TABLE3"].iter_rows(values_only=True))
    header = next(r for r in rows if r and 2014 in r)
    # The first "Poland*" row is in the share of real GDP block (the second, real change).
    start = next(i for i, r in enumerate(rows) if r and "Share of real GDP (%)" in r)
    poland = next(r for r in rows[start:] if r and "Poland*" in r)
    checked = 0
    for title, cell in zip(header, poland):
        if title is None or not isinstance(cell, float):
            continue
        year = int(str(title).rstrip("e"))
        r = ds.record("POL", year)
        assert r is not None and r.share_of_gdp == Decimal(repr(cell)), year
        assert r.estimate is str(title).endswith("e"), year  # "2023e": NATO's estimate
        checked += 1
    assert checked == 11  # 2014-2024


def test_sipri_workbook_a_whole_row():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = real_file(SIPRI_XLSX)
    ds = dsp.load(workbook)
    wb = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    rows = list(wb["Share of GDP"].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Country")
    poland = next(r for r in rows if r and r[0] == "Poland")
    checked = 0
    for title, cell in zip(header, poland):
        if not isinstance(title, int):
            continue
        r = ds.record("POL", title)
        if isinstance(cell, float):
            # SIPRI stores a fraction; the crate gives percent, exactly x100 of the
            # cell's shortest decimal form.
            assert r is not None and r.share_of_gdp == Decimal(repr(cell)) * 100, title
            checked += 1
        else:
            assert cell in ("...", "xxx", None), cell
            assert r is None or r.share_of_gdp is None, title
    assert checked >= 30


def test_the_crates_own_csv_folder():
    folder = PROJECT_FIXTURES / "nato-2025-edition"
    ds = dsp.load(folder)
    expected = crate_spending(folder / "spending.csv")
    assert {(r.country, r.year, r.source): r.share_of_gdp for r in ds.spending()} == {
        k: f["share_of_gdp"] for k, f in expected.items()
    }
    assert {s.id for s in ds.sources()} >= {r["id"] for r in read_csv(folder / "sources.csv")}


def test_from_bytes_and_path_like(tmp_path):
    text = "Entity,Code,Year,Military expenditure (% of GDP)\nPoland,POL,2023,3.83\n"
    ds = dsp.from_bytes("owid.csv", text.encode())
    assert ds.record("POL", 2023).share_of_gdp == Decimal("3.83")
    p = tmp_path / "owid.csv"
    p.write_text(text)
    assert dsp.load(p).spending() == ds.spending() == dsp.load(os.fspath(p)).spending()
    assert dsp.from_bytes("owid.csv", bytearray(text.encode())).spending() == ds.spending()
