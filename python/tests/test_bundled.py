"""The bundled data: NATO's published counts, and every figure exactly as in data/."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from conftest import DATA, METRIC_COLUMNS, crate_spending, read_csv, walk

import defense_spending as dsp


# NATO's counts of Allies at or above 2 % of GDP, with the Allies named in
# shared/reference/facts.md (NATO-2024-data; Stoltenberg for 2014, the Sweden Herald's
# "six countries" for 2021; "23 of 32 Allies" for 2024).
@pytest.mark.parametrize(
    "year, expected",
    [
        (2014, {"GRC", "GBR", "USA"}),
        (2021, {"EST", "GRC", "LVA", "POL", "GBR", "USA"}),
    ],
)
def test_the_published_counts_and_who(ds, year, expected):
    at2 = ds.meeting_target(year, 2)
    assert {r.country for r in at2} == expected
    assert len(at2) == len(expected)


def test_23_of_32_in_2024(ds):
    at2 = ds.meeting_target(2024, 2)
    assert len(at2) == 23
    assert len(ds.members_in(2024)) == 32
    counts = {c.year: c for c in ds.count_meeting_target(2)}
    assert (counts[2014].meeting, counts[2021].meeting, counts[2024].meeting) == (3, 6, 23)
    assert (counts[2024].members, counts[2023].members) == (32, 31)


def test_highest_share_first_and_exact(ds):
    at2 = ds.meeting_target(2024, 2)
    shares = [r.share_of_gdp for r in at2]
    assert shares == sorted(shares, reverse=True)
    assert all(type(s) is Decimal and s >= 2 for s in shares)
    assert at2[0].country == "POL" and at2[0].name == "Poland"
    assert round(at2[0].share_of_gdp, 2) == Decimal("4.12")


def test_every_record_is_the_file_exactly(ds):
    expected = crate_spending(DATA / "spending.csv")
    got = ds.spending()
    assert len(got) == len(expected)
    for r in got:
        want = expected[(r.country, r.year, r.source)]
        for m in METRIC_COLUMNS:
            v = getattr(r, m)
            assert v == want[m], (r.country, r.year, m)
            # Not only equal: the same digits as the file (no rounding, no float).
            assert v is None or str(v) == str(want[m]), (r.country, r.year, m)
        assert r.price_base_year == want["price_base_year"]
        assert r.estimate is want["estimate"]


def test_no_float_anywhere(ds):
    tables = [
        ds.spending(), ds.members(), ds.sources(), ds.aggregates(), ds.pledges(),
        ds.contracts(), ds.aid(), ds.count_meeting_target(2), ds.shortfalls(2024, 2),
        ds.pledge_checks(), ds.changes(2014, 2024), ds.first_year_at(2),
        ds.alliance_totals(), ds.ranking(2024, "expenditure_current"),
        ds.aid_latest(), ds.aid_sum(id="ap-usa-2024"), ds.contract_totals(),
    ]
    values = list(walk(tables))
    assert values
    assert not [v for v in values if isinstance(v, float)]
    assert any(isinstance(v, Decimal) for v in values)
    assert any(isinstance(v, datetime.date) for v in values)


def test_members_are_the_file(ds):
    rows = read_csv(DATA / "members.csv")
    members = ds.members()
    assert [(m.code, m.name, m.joined.isoformat(), m.source) for m in members] == [
        (r["code"], r["name"], r["joined"], r["source"]) for r in rows
    ]
    swe = ds.member("SWE")
    assert swe is not None and swe.joined == datetime.date(2024, 3, 7)
    assert not swe.is_member_in(2023) and swe.is_member_in(2024)
    assert ds.is_member_in("FIN", 2023) and not ds.is_member_in("FIN", 2022)
    assert ds.member("AUS") is None


def test_sources_and_names(ds):
    src = {s.id: s for s in ds.sources()}
    rows = {r["id"]: r for r in read_csv(DATA / "sources.csv")}
    assert set(src) == set(rows)
    nato = src["nato-def-exp-2024"]
    assert nato.publisher == rows["nato-def-exp-2024"]["publisher"]
    assert nato.published == datetime.date.fromisoformat(rows["nato-def-exp-2024"]["published"])
    assert ds.source("nato-def-exp-2024") == nato
    assert ds.source("no-such-source") is None
    assert ds.name_of("TUR") == "Türkiye"
    assert ds.name_of("NATO_EUCAN") == "NATO Europe and Canada"
    assert ds.name_of("AUS") == "Australia"


def test_records_are_frozen_and_read_well(ds):
    r = ds.record("EST", 2024)
    assert r is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.year = 2000  # type: ignore[misc]
    text = repr(r)
    assert text.startswith("SpendingRecord(country='EST', name='Estonia', year=2024, share_of_gdp=Decimal('")
    assert "per_capita_current" not in text  # figures it lacks are left out
    assert r.get("share_of_gdp") == r.get(dsp.Metric.SHARE_OF_GDP) == r.share_of_gdp
    assert r.rounded("share_of_gdp") == Decimal("3.43")
    assert r.figures()["share_of_gdp"] == r.share_of_gdp
    assert list(r.figures()) == [m for m in dsp.METRICS if getattr(r, m) is not None]
    with pytest.raises(ValueError):
        r.get("share")


def test_series_and_years(ds):
    years = ds.years()
    assert years == list(range(2014, 2025))
    pol = ds.series("POL")
    assert [r.year for r in pol] == years
    assert ds.records("POL", 2024) == [ds.record("POL", 2024)]
    with pytest.raises(dsp.QueryError) as info:  # a year outside the data is no "None"
        ds.record("POL", 1990)
    assert info.value.kind == "year_not_in_data"
    assert {r.country for r in ds.spending_in(2024)} >= {"POL", "NATO_TOTAL", "NATO_EUCAN"}
    with pytest.raises(ValueError, match="PLO"):
        ds.series("PLO")
