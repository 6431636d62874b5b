"""Queries: thresholds as int, str, Decimal or float; every query's answer against the
data files' text."""

import datetime
from decimal import Decimal

import pytest

from conftest import DATA, PROJECT_FIXTURES, crate_spending, read_csv

import defense_spending as dsp


def codes(records):
    return [r.country for r in records]


@pytest.mark.parametrize("threshold", [2, "2", "2.0", " 2 ", Decimal("2"), Decimal("2.000"), 2.0, Decimal("2E0")])
def test_a_threshold_in_any_form(ds, threshold):
    assert codes(ds.meeting_target(2024, threshold)) == codes(ds.meeting_target(2024, "2"))


def test_a_float_is_its_shortest_repr():
    # 0.1 as a binary float is 0.1000000000000000055...: read through its repr it is
    # exactly 0.1, so a share of exactly 0.1 meets it.
    ds = dsp.from_bytes("t.csv", b"country,year,share_of_gdp,source\nPOL,2024,0.1,t\nEST,2024,3.5,t\n")
    assert codes(ds.countries_at_or_above(2024, 0.1)) == ["EST", "POL"]
    assert codes(ds.countries_at_or_above(2024, 3.5)) == ["EST"]
    assert codes(ds.countries_at_or_above(2024, 3.5000001)) == []
    assert codes(ds.countries_at_or_above(2024, 1e-28)) == ["EST", "POL"]
    with pytest.raises(ValueError, match="threshold"):
        ds.countries_at_or_above(2024, 1e-30)  # 30 decimals: refused, never rounded


@pytest.mark.parametrize("bad", ["2,5", "2%", "1e3", "two", "", "NaN", "1_000"])
def test_a_threshold_that_is_not_a_plain_decimal(ds, bad):
    with pytest.raises(ValueError, match="threshold"):
        ds.meeting_target(2024, bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_a_threshold_that_is_not_finite(ds, bad):
    with pytest.raises(ValueError, match="finite"):
        ds.meeting_target(2024, bad)


@pytest.mark.parametrize("bad", [True, None, [2], b"2"])
def test_a_threshold_of_another_type(ds, bad):
    with pytest.raises(TypeError):
        ds.meeting_target(2024, bad)


def test_more_than_28_decimals_is_an_error_not_a_rounding(ds):
    with pytest.raises(ValueError):
        ds.meeting_target(2024, "2." + "0" * 28 + "1")


def test_ranking_by_metric(ds):
    by_name = ds.ranking(2024, "expenditure_current")
    by_enum = ds.ranking(2024, dsp.Metric.EXPENDITURE_CURRENT)
    assert by_name == by_enum
    assert by_name[0].country == "USA"
    values = [r.expenditure_current for r in by_name]
    assert values == sorted(values, reverse=True)
    assert ds.ranking(2024)[0].country == "POL"
    with pytest.raises(ValueError, match="metric"):
        ds.ranking(2024, "share")
    assert dsp.Metric.SHARE_OF_GDP.unit == "% of GDP"
    assert str(dsp.Metric.GDP_CURRENT) == "gdp_current"
    assert list(dsp.METRICS) == [m.value for m in dsp.Metric]


def test_shortfalls_from_the_files_figures(ds):
    report = ds.shortfalls(2024, "3.5")
    spending = crate_spending(DATA / "spending.csv")
    assert report.target == Decimal("3.5") and report.year == 2024
    assert report.allies, "Allies below 3.5 % in 2024"
    import decimal

    exact = decimal.Context(prec=80)
    total = Decimal(0)
    for s in report.allies:
        f = spending[(s.country, 2024, s.source)]
        assert s.share_of_gdp == f["share_of_gdp"] < Decimal("3.5")
        assert s.gdp_current == f["gdp_current"]
        # gdp × (target − share) / 100, exact in Decimal with enough digits.
        with decimal.localcontext() as c:
            c.prec = 60
            want = f["gdp_current"] * (Decimal("3.5") - f["share_of_gdp"]) / 100
        assert abs(s.shortfall_usd_million - want) < Decimal("1e-20")
        total = exact.add(total, s.shortfall_usd_million)
    # The crate sums in rust_decimal (28-29 significant digits): the same sum to its last
    # digit.
    assert abs(report.total_usd_million - total) < Decimal("1e-22")
    amounts = [s.shortfall_usd_million for s in report.allies]
    assert amounts == sorted(amounts, reverse=True)


def test_pledge_checks(ds):
    checks = ds.pledge_checks()
    statuses = {c.status for c in checks}
    assert statuses <= {
        "kept", "missed", "pending", "not_applicable", "stated", "consistent", "inconsistent",
        "no_threshold",
    }
    pol = [c for c in checks if c.subject == "POL" and c.year == 2024 and c.pledge.startswith("pol")]
    assert pol and pol[0].status == "kept" and str(pol[0].bound) == "at least 4"
    russia = [c for c in checks if c.pledge == "rus-2024-estimate"]
    assert russia and str(russia[0].bound) == "7 to 9"
    assert russia[0].bound.kind == "range" and russia[0].bound.high == Decimal(9)
    rows = {r["id"]: r for r in read_csv(DATA / "pledges.csv")}
    pledges = ds.pledges()
    assert [p.id for p in pledges] == list(rows)
    for p in pledges:
        # A pledge without a figure (Washington 2024's industrial capacity) has none.
        low, timing = rows[p.id]["low"], rows[p.id]["timing"]
        assert (p.bound.low if p.bound else None) == (Decimal(low) if low else None)
        assert (p.timing.kind if p.timing else None) == (timing or None)
        assert p.adopted == int(rows[p.id]["adopted"])
        on = rows[p.id]["adopted_on"]
        assert p.adopted_on == (datetime.date.fromisoformat(on) if on else None)


def test_change_first_year_and_totals(ds):
    spending = crate_spending(DATA / "spending.csv")
    key = lambda c, y: spending[(c, y, "nato-def-exp-2024")]  # noqa: E731
    c = ds.change("POL", 2014, 2024)
    assert c is not None
    assert (c.share_from, c.share_to) == (key("POL", 2014)["share_of_gdp"], key("POL", 2024)["share_of_gdp"])
    assert c.points == c.share_to - c.share_from
    assert ds.change("POL", 1990, 2024) is None  # no 1990 figure: no change to give
    with pytest.raises(dsp.QueryError):
        ds.change("AUS", 2014, 2024)  # not in the dataset
    assert {x.country for x in ds.changes(2014, 2024)} >= {"POL", "USA"}
    first = {f.country: f.year for f in ds.first_year_at(2)}
    assert first["USA"] == 2014 and first["POL"] == min(
        y for (c, y, _), f in spending.items() if c == "POL" and f["share_of_gdp"] >= 2
    )
    totals = {t.year: t for t in ds.alliance_totals()}
    assert totals[2024].total_current == key("NATO_TOTAL", 2024)["expenditure_current"]
    assert totals[2024].usa_current == key("USA", 2024)["expenditure_current"]


def test_contracts_never_choose_a_value(ds):
    rows = [r for r in read_csv(DATA / "contracts.csv") if "ITA" in r["on_behalf_of"].split(";")]
    got = ds.contracts_where(country="ITA")
    assert [(str(c.value.millions), c.value.currency, c.value.qualifier) for c in got] == [
        (r["value"], r["currency"], r["qualifier"]) for r in rows
    ]
    assert [str(c.value) for c in got][0] == "almost USD 700 million"
    assert got[0].signed.date == datetime.date(2024, 7, 9)
    older = [c for c in ds.contracts() if c.id == "us-army-stinger-2022"][0]
    assert str(older.signed) == "2022-05" and older.signed.date is None
    before_2023 = [r for r in read_csv(DATA / "contracts.csv") if r["signed"] < "2023"]
    assert [c.id for c in ds.contracts_where(signed_to=datetime.date(2023, 1, 1))] == [
        r["id"] for r in before_2023
    ]
    assert older in ds.contracts_where(signed_to=datetime.date(2023, 1, 1))
    usd = [t for t in ds.contract_totals() if t.currency == "USD"][0]
    # Each contract once, from its lowest to its highest reported value.
    by_id = {}
    for r in read_csv(DATA / "contracts.csv"):
        if r["currency"] == "USD":
            by_id.setdefault(r["id"], []).append(Decimal(r["value"]))
    assert usd.contracts == len(by_id)
    assert usd.low.millions == sum(min(v) for v in by_id.values())
    assert usd.high.millions == sum(max(v) for v in by_id.values())


def test_aid_is_reported_side_by_side_and_never_added_wrongly(ds):
    rows = read_csv(DATA / "aid.csv")
    latest = ds.aid_latest(recipient="Ukraine")
    # Only rows of the data, unchanged; no sum a source does not report.
    ids = {r["id"] for r in rows}
    assert {a.id for a in latest} <= ids
    for a in latest:
        row = [r for r in rows if r["id"] == a.id][0]
        assert (str(a.amount.millions), a.amount.currency) == (row["amount"], row["currency"])
    # Reports of one total, sources, kinds or currencies that differ: never added.
    with pytest.raises(dsp.QueryError, match="different sources"):
        ds.aid_sum(donor="USA")
    with pytest.raises(dsp.QueryError) as info:
        ds.aid_sum(source="kiel-2024-mar-apr", kind="military")
    assert info.value.kind == "not_additive"
    # One EUR figure in dollars: with no rate an error, with one converted exactly.
    one = [r for r in rows if r["id"] == "kiel-2024-mar-apr-usa-military-eur"][0]
    with pytest.raises(dsp.QueryError) as info:
        ds.aid_sum("USD", id=one["id"])
    assert info.value.kind == "missing_rate"
    total = ds.aid_sum("USD", {("EUR", "USD"): "1.08"}, id=one["id"])
    assert total.amount.millions == Decimal(one["amount"]) * Decimal("1.08")
    assert total.amount.currency == "USD" and total.rows == [one["id"]]
    usa = [r for r in rows if r["donor"] == "USA"]
    assert [a.id for a in ds.aid_where(donor="USA")] == [r["id"] for r in usa]


def test_revisions_between_editions(ds):
    new = dsp.load(PROJECT_FIXTURES / "nato-2025-edition")
    old_rows = crate_spending(DATA / "spending.csv")
    new_rows = crate_spending(PROJECT_FIXTURES / "nato-2025-edition" / "spending.csv")
    revs = dsp.revisions(ds, new)
    pol = [r for r in revs if (r.country, r.year, r.metric) == ("POL", 2024, "share_of_gdp")]
    assert len(pol) == 1
    want_old = old_rows[("POL", 2024, "nato-def-exp-2024")]["share_of_gdp"]
    want_new = [f for (c, y, _), f in new_rows.items() if (c, y) == ("POL", 2024)][0]["share_of_gdp"]
    assert (pol[0].old, pol[0].new, pol[0].change) == (want_old, want_new, want_new - want_old)
