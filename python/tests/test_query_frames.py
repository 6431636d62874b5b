"""dsp.to_pandas(rows) and dsp.to_polars(rows) for every query that returns rows: one
column per field, money as a number beside its currency, countries told apart from
aggregates, figures float64 in pandas (exact with ``exact=True``) and exact in polars.

Expected values come from the project's files (data/*.csv) read here with csv and
Decimal, never from the package under test.
"""

from decimal import Decimal

import pytest

from conftest import DATA, crate_spending, read_csv

import defense_spending as dsp

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

SOURCE = "nato-def-exp-2024"


@pytest.fixture(scope="module")
def spending():
    return {(c, y): f for (c, y, s), f in crate_spending(DATA / "spending.csv").items() if s == SOURCE}


@pytest.fixture(scope="module")
def members():
    return [r["code"] for r in read_csv(DATA / "members.csv")]


def test_shortfalls_germany_largest_to_3_5_in_2024(ds, spending, members):
    df = dsp.to_pandas(ds.shortfalls(2024, "3.5").allies)
    want = {}
    for c in members:
        f = spending.get((c, 2024))
        if f and f["share_of_gdp"] is not None and f["share_of_gdp"] < Decimal("3.5") and f["gdp_current"]:
            want[c] = f["gdp_current"] * (Decimal("3.5") - f["share_of_gdp"]) / 100
    top = df.nlargest(3, "shortfall_usd_million")
    assert top.country.tolist() == sorted(want, key=lambda c: want[c], reverse=True)[:3]
    assert top.country.iloc[0] == "DEU"
    assert round(top.shortfall_usd_million.iloc[0] / 1000, 1) == 63.7  # US$63.7bn
    assert round(want["DEU"] / 1000, 1) == Decimal("63.7")
    assert df.shortfall_usd_million.dtype == "float64"
    assert sorted(df.country) == sorted(want)
    for c, got in zip(df.country, df.shortfall_usd_million):
        assert got == pytest.approx(float(want[c]), rel=1e-14)
    assert df.is_country.all()
    # The report itself, and the exact frame: the crate's decimals.
    report = ds.shortfalls(2024, "3.5")
    exact = dsp.to_pandas(report, exact=True)
    assert exact.shortfall_usd_million.tolist() == [s.shortfall_usd_million for s in report.allies]
    assert isinstance(exact.shortfall_usd_million.dtype, pd.ArrowDtype)
    pl = pytest.importorskip("polars")
    p = dsp.to_polars(report.allies)
    assert p["shortfall_usd_million"].to_list() == [s.shortfall_usd_million for s in report.allies]
    assert p.sort("shortfall_usd_million", descending=True)["country"][0] == "DEU"


def test_records_meeting_target_ranking(ds, spending, members):
    pl = pytest.importorskip("polars")
    rows = ds.meeting_target(2024, 2)
    p = dsp.to_polars(rows)
    want = sorted((c for c in members if spending.get((c, 2024)) and spending[(c, 2024)]["share_of_gdp"]
                   and spending[(c, 2024)]["share_of_gdp"] >= 2),
                  key=lambda c: spending[(c, 2024)]["share_of_gdp"], reverse=True)
    assert p["country"].to_list() == want and p.height == 23
    assert isinstance(p.schema["share_of_gdp"], pl.Decimal)
    assert p["share_of_gdp"].to_list() == [spending[(c, 2024)]["share_of_gdp"] for c in want]
    assert p["is_country"].all()
    df = dsp.to_pandas(ds.ranking(2024, "gdp_current"))
    assert df.gdp_current.tolist() == sorted(df.gdp_current, reverse=True)
    assert df.gdp_current.iloc[0] == float(spending[("USA", 2024)]["gdp_current"])
    series = dsp.to_pandas(ds.series("NATO_TOTAL"))
    assert not series.is_country.any()
    assert series.share_of_gdp.tolist() == [float(spending[("NATO_TOTAL", y)]["share_of_gdp"])
                                            for y in series.year]


def test_changes_poland_2_24_points(ds, spending):
    df = dsp.to_pandas(ds.changes(2014, 2024))
    pol = df[df.country == "POL"]
    want = spending[("POL", 2024)]["share_of_gdp"] - spending[("POL", 2014)]["share_of_gdp"]
    assert pol.points.item() == float(want)
    assert round(want, 2) == Decimal("2.24")
    assert df.nlargest(1, "points").country.item() == "POL"
    exact = dsp.to_pandas(ds.changes(2014, 2024), exact=True)
    assert exact[exact.country == "POL"].points.item() == want


def test_pledge_checks_bound_as_columns(ds):
    checks = ds.pledge_checks()
    df = dsp.to_pandas(checks)
    assert len(df) == len(checks)
    assert {"pledge", "subject", "year", "bound", "bound_kind", "bound_low", "bound_high",
            "actual", "status"} <= set(df.columns)
    wales = df[(df.pledge == "wales-2014-gdp") & (df.subject == "POL") & (df.year == 2024)]
    pledges = {r["id"]: r for r in read_csv(DATA / "pledges.csv")}
    assert wales.bound_low.item() == float(pledges["wales-2014-gdp"]["low"])
    assert wales.status.item() == "kept"
    assert df.year.dtype == "Int64"  # stated estimates have no year
    assert set(df.status) <= {"kept", "missed", "pending", "not_applicable", "consistent",
                              "inconsistent", "stated", "no_threshold"}


def test_aid_rows_money_beside_currency(ds):
    rows = {r["id"]: r for r in read_csv(DATA / "aid.csv")}
    df = dsp.to_pandas(ds.aid())
    assert len(df) == len(rows)
    for _, r in df.iterrows():
        want = rows[r["id"]]
        assert r["amount_millions"] == float(want["amount"])
        assert (r["amount_currency"], r["amount_qualifier"]) == (want["currency"], want["qualifier"])
        assert r["donor_is_country"] == ("_" not in want["donor"])
    assert df.amount_millions.dtype == "float64"
    assert not [c for c in df.columns if df[c].map(lambda v: isinstance(v, dict)).any()]
    pl = pytest.importorskip("polars")
    p = dsp.to_polars(ds.aid_latest(donor="USA"))
    assert p["amount_millions"].to_list() == [a.amount.millions for a in ds.aid_latest(donor="USA")]
    assert set(p["amount_currency"].to_list()) <= {"USD", "EUR", "GBP"}


def test_contracts_and_totals(ds):
    rows = read_csv(DATA / "contracts.csv")
    df = dsp.to_pandas(ds.contracts())
    assert len(df) == len(rows)
    got = sorted(zip(df.id, df.value_millions, df.value_currency))
    assert got == sorted((r["id"], float(r["value"]), r["currency"]) for r in rows)
    signed = dsp.to_pandas(ds.contracts_where()).signed.tolist()
    assert signed == sorted(signed)  # by date signed: the text sorts in time order
    totals = dsp.to_pandas(ds.contract_totals(), exact=True)
    for t, (_, row) in zip(ds.contract_totals(), totals.iterrows()):
        assert (row["low_millions"], row["high_millions"]) == (t.low.millions, t.high.millions)
        assert row["currency"] == row["low_currency"] == t.currency


def test_other_tables(ds):
    pl = pytest.importorskip("polars")
    counts = dsp.to_pandas(ds.count_meeting_target(2))
    assert counts.set_index("year").meeting[2024] == 23
    first = dsp.to_polars(ds.first_year_at(2))
    assert first.schema["year"] == pl.Int64
    members = dsp.to_pandas(ds.members())
    assert str(members.joined.dtype).startswith("datetime64")
    assert members.code.tolist() == [r["code"] for r in read_csv(DATA / "members.csv")]
    totals = dsp.to_polars(ds.alliance_totals())
    assert totals.height == len(ds.alliance_totals())


def test_empty_rows_need_their_type(ds):
    with pytest.raises(ValueError, match="of=dsp.Shortfall"):
        dsp.to_pandas([])
    df = dsp.to_pandas([], of=dsp.Shortfall)
    assert len(df) == 0 and "shortfall_usd_million" in df.columns
    report = ds.shortfalls(2024, 1)
    assert report.allies == []
    assert "shortfall_usd_million" in dsp.to_pandas(report).columns
    with pytest.raises(TypeError, match="list of rows"):
        dsp.to_pandas(ds.record("POL", 2024))
