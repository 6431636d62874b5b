"""Frames that compute (issue 20): the default pandas frame (float64 figures) and the
polars frame (exact decimals) do a pandas or polars user's everyday operations, with
the values of NATO's cells; ``rounded=True`` gives NATO's printed figures exactly;
``exact=True`` gives the crate's decimals; countries and aggregates are told apart.

Expected values come from the project's own files read here with csv and Decimal
(data/spending.csv) and from NATO's printed cells in ../shared/reference, never from the
package under test.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from conftest import DATA, METRIC_COLUMNS, REPO, crate_spending, read_csv, under_ci

import defense_spending as dsp

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

SOURCE = "nato-def-exp-2024"
# Decimals NATO prints: two for percentages, none for money (whole millions, whole US$).
PRINTED = {m: (0 if m in ("expenditure_current", "expenditure_constant", "gdp_current",
                          "gdp_constant", "per_capita_current") else 2) for m in METRIC_COLUMNS}


def reference_file(rel: str) -> Path:
    """A file of ../shared/reference (NATO's printed figures): a skip on a clone without
    it, a failure under CI."""
    path = REPO.parent / "shared" / "reference" / rel
    if path.exists():
        return path
    if under_ci():
        pytest.fail(f"{path} is missing (CI has ../shared)")
    pytest.skip(f"needs {path}")


def as_printed(value: Decimal, metric: str) -> Decimal:
    """Half away from zero (ROUND_HALF_UP in Python's decimal module) to NATO's decimals."""
    return value.quantize(Decimal(1).scaleb(-PRINTED[metric]), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def exact_file():
    """(country, year) -> the figures of data/spending.csv, exact."""
    return {(c, y): f for (c, y, s), f in crate_spending(DATA / "spending.csv").items() if s == SOURCE}


@pytest.fixture(scope="module")
def members():
    return [r["code"] for r in read_csv(DATA / "members.csv")]


@pytest.fixture(scope="module")
def df(ds):
    return ds.spending_frame()


@pytest.fixture(scope="module")
def allies(df, members):
    return df[df.country.isin(members)]


def shares_of(exact_file, members, year=None):
    """The Allies' shares of GDP in the file (of ``year``), where there is one."""
    return [f["share_of_gdp"] for (c, y), f in exact_file.items()
            if c in members and f["share_of_gdp"] is not None and year in (None, y)]


def test_the_contract_of_issue_20_runs():
    # The issue's contract, verbatim.
    import copy, pickle
    import defense_spending as dsp
    ds = dsp.bundled()
    df = ds.spending_frame()
    allies = df[df.country.isin([m.code for m in ds.members()])]
    (allies.share_of_gdp * 2).describe()
    allies.nlargest(5, "share_of_gdp")
    p = allies.pivot_table(index="country", columns="year", values="share_of_gdp", aggfunc="first")
    (p[2024] - p[2014]).sort_values()
    dsp.to_pandas(ds.shortfalls(2024, "3.5").allies).nlargest(3, "shortfall_usd_million")
    dsp.to_polars(ds.meeting_target(2024, 2))
    pickle.loads(pickle.dumps(ds)); copy.deepcopy(ds)


# The default pandas frame.


def test_figures_are_float64_nearest_to_the_files_values(df, ds):
    rows = read_csv(DATA / "spending.csv")
    assert len(df) == len(rows)
    for m in METRIC_COLUMNS:
        assert df[m].dtype == "float64", m
        for i, r in enumerate(rows):
            got = df[m].iloc[i]
            if r.get(m):
                # The float nearest to the exact text: what float(text) gives.
                assert got == float(r[m]), (i, m)
            else:
                assert math.isnan(got), (i, m)
    assert df.year.dtype == "int32" and df.estimate.dtype == "bool"
    assert df.price_base_year.dtype == "Int32"
    assert df.year.tolist() == [int(r["year"]) for r in rows]
    assert df.estimate.tolist() == [r["estimate"] == "true" for r in rows]
    assert df.country.astype(str).tolist() == [r["country"] for r in rows]
    assert list(df.select_dtypes("number").columns) == ["year", *METRIC_COLUMNS, "price_base_year"]


def test_arithmetic_with_numbers_and_columns(allies, exact_file):
    doubled = allies.share_of_gdp * 2
    halved = allies.share_of_gdp / 100
    # Expenditure from GDP and the share: GDP × share / 100, the table's own identity.
    implied = allies.gdp_current * allies.share_of_gdp / 100
    for i, (c, y) in enumerate(zip(allies.country.astype(str), allies.year)):
        f = exact_file[(c, y)]
        if f["share_of_gdp"] is None:  # Iceland, without armed forces
            assert math.isnan(doubled.iloc[i]) and math.isnan(implied.iloc[i])
            continue
        assert doubled.iloc[i] == pytest.approx(float(f["share_of_gdp"] * 2), rel=1e-15)
        assert halved.iloc[i] == pytest.approx(float(f["share_of_gdp"] / 100), rel=1e-15)
        if f["gdp_current"] is not None:
            want = f["gdp_current"] * f["share_of_gdp"] / 100
            assert implied.iloc[i] == pytest.approx(float(want), rel=1e-12)


def test_describe(allies, exact_file, members):
    d = (allies.share_of_gdp * 2).describe()
    values = [2 * v for v in shares_of(exact_file, members)]
    assert d["count"] == len(values)
    assert d["max"] == pytest.approx(float(max(values)))
    assert d["min"] == pytest.approx(float(min(values)))
    assert d["mean"] == pytest.approx(float(sum(values) / len(values)))
    whole = allies.describe()
    assert "share_of_gdp" in whole.columns and "gdp_current" in whole.columns


def test_nlargest_nsmallest_and_sort_values(allies, exact_file, members):
    top = allies.nlargest(5, "share_of_gdp")
    ranked = sorted(((f["share_of_gdp"], c, y) for (c, y), f in exact_file.items()
                     if c in members and f["share_of_gdp"] is not None), reverse=True)
    assert list(zip(top.country.astype(str), top.year)) == [(c, y) for _, c, y in ranked[:5]]
    assert (top.country.iloc[0], top.year.iloc[0]) == ("POL", 2024)
    low = allies.nsmallest(1, "share_of_gdp")
    assert (low.country.item(), low.year.item()) == (ranked[-1][1], ranked[-1][2])
    in_2024 = allies[allies.year == 2024].sort_values("share_of_gdp", ascending=False)
    want = [c for _, c, y in ranked if y == 2024]
    # Iceland's missing share (NaN) sorts last.
    assert in_2024.country.astype(str).tolist() == [*want, "ISL"]


def test_pivot_poland_up_2_24_points_from_2014_to_2024(allies):
    p = allies.pivot_table(index="country", columns="year", values="share_of_gdp", aggfunc="first")
    change = (p[2024] - p[2014]).sort_values()
    # NATO's printed cells: Poland 1.88 % in 2014, 4.12 % in 2024.
    printed = {(r["iso3"], int(r["year"])): Decimal(r["share_gdp_pct"])
               for r in read_csv(reference_file("nato-2024-edition/share_gdp.csv"))}
    assert printed[("POL", 2024)] - printed[("POL", 2014)] == Decimal("2.24")
    assert round(change["POL"], 2) == 2.24
    assert change.index[-1] == "POL"  # the largest rise


def test_diff_pct_change_cumsum(df, exact_file):
    pol = df[df.country == "POL"].sort_values("year")
    years = pol.year.tolist()
    shares = [exact_file[("POL", y)]["share_of_gdp"] for y in years]
    diff = pol.share_of_gdp.diff()
    assert math.isnan(diff.iloc[0])
    for i in range(1, len(years)):
        assert diff.iloc[i] == pytest.approx(float(shares[i] - shares[i - 1]), abs=1e-13)
    pct = pol.expenditure_current.pct_change()
    spent = [exact_file[("POL", y)]["expenditure_current"] for y in years]
    for i in range(1, len(years)):
        assert pct.iloc[i] == pytest.approx(float(spent[i] / spent[i - 1] - 1), rel=1e-12)
    total = pol.expenditure_current.cumsum()
    assert total.iloc[-1] == pytest.approx(float(sum(spent)), rel=1e-14)


def test_groupby_mean(allies, exact_file, members):
    by_year = allies.groupby("year").share_of_gdp.mean()
    for year, got in by_year.items():
        values = shares_of(exact_file, members, year)
        assert got == pytest.approx(float(sum(values) / len(values)), rel=1e-14), year
    by_country = allies.groupby("country", observed=True).share_of_gdp.mean()
    means = {c: sum(v) / len(v) for c in members
             if (v := [f["share_of_gdp"] for (k, _), f in exact_file.items()
                       if k == c and f["share_of_gdp"] is not None])}
    assert by_country.idxmax() == max(means, key=lambda c: means[c]) == "USA"
    assert by_country["POL"] == pytest.approx(float(means["POL"]), rel=1e-14)


def test_plots(allies):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = allies.share_of_gdp.plot.hist(bins=10)
    assert sum(p.get_height() for p in ax.patches) == allies.share_of_gdp.notna().sum()
    plt.close("all")
    pol = allies[allies.country == "POL"]
    ax = pol.plot(x="year", y="share_of_gdp")
    xs, ys = ax.lines[0].get_data()
    assert list(ys) == pol.share_of_gdp.tolist()
    plt.close("all")


# Countries and aggregates.


def test_countries_and_aggregates_told_apart(df, exact_file):
    aggregates = {c for c, _ in exact_file if "_" in c}
    assert aggregates >= {"NATO_TOTAL"}
    for code, flag in zip(df.country.astype(str), df.is_country):
        assert flag == (code not in aggregates), code
    at2 = df[(df.year == 2024) & (df.share_of_gdp >= 2)]
    in_file = [c for (c, y), f in exact_file.items()
               if y == 2024 and f["share_of_gdp"] is not None and f["share_of_gdp"] >= 2]
    assert len(at2) == len(in_file)  # aggregates included: 25
    assert at2.is_country.sum() == len([c for c in in_file if c not in aggregates]) == 23


def test_a_world_bank_aggregate_is_not_a_country():
    text = "country,year,share_of_gdp,source\nWB_WLD,2022,2.2,t\nPOL,2022,2.4,t\n"
    ds = dsp.from_bytes("t.csv", text.encode())
    assert ds.spending_frame().is_country.tolist() == [False, True]
    assert ds.spending_frame(exact=True).is_country.tolist() == [False, True]
    pl = pytest.importorskip("polars")
    assert ds.spending_polars()["is_country"].to_list() == [False, True]
    assert ds.spending_arrow().column("is_country").to_pylist() == [False, True]


# Rounded as NATO prints it.


def test_rounded_is_natos_printed_cells(ds):
    printed = ds.spending_frame(rounded=True)
    exact = ds.spending_frame(rounded=True, exact=True)
    cells = {}
    for rel, metric, column in [
        ("share_gdp.csv", "share_of_gdp", "share_gdp_pct"),
        ("gdp_usd.csv", "gdp_current", "gdp_million_usd"),
        ("expenditure_usd.csv", "expenditure_current", "million_usd"),
        ("equipment_share.csv", "equipment_share", "equipment_share_pct"),
        ("real_change_pct.csv", "real_change", "annual_real_change_pct"),
    ]:
        for r in read_csv(reference_file(f"nato-2024-edition/{rel}")):
            if r.get("price_basis", "current") == "current" and r[column]:
                cells[(r["iso3"], int(r["year"]), metric)] = Decimal(r[column])
    assert len(cells) > 1000
    index = {(c, y): i for i, (c, y) in enumerate(zip(printed.country.astype(str), printed.year))}
    checked = 0
    for (c, y, m), want in cells.items():
        if (c, y) not in index:
            continue
        i = index[(c, y)]
        assert exact[m].iloc[i] == want, (c, y, m)
        assert str(exact[m].iloc[i]) == str(want), (c, y, m)  # no padding zeros
        assert printed[m].iloc[i] == float(want), (c, y, m)
        checked += 1
    assert checked > 1000
    # USA 2017 GDP is 19612102.5 exactly: half away from zero, 19612103 (half to even
    # would give 19612102).
    usa = printed[(printed.country == "USA") & (printed.year == 2017)]
    assert usa.gdp_current.item() == 19612103


def test_rounded_every_value_half_away_from_zero(ds):
    exact = ds.spending_frame(rounded=True, exact=True)
    rows = read_csv(DATA / "spending.csv")
    for m in METRIC_COLUMNS:
        if not any(r.get(m) for r in rows):
            continue
        assert exact[m].dtype.pyarrow_dtype.scale == PRINTED[m], m
        got = exact[m].tolist()
        for i, r in enumerate(rows):
            if r.get(m):
                assert got[i] == as_printed(Decimal(r[m]), m), (i, m)


def test_rounding_ties_on_the_exact_value_not_a_float():
    # 2.675 is 2.67499999... as a float: rounded exactly, 2.68; 1.005 gives 1.01.
    text = "country,year,share_of_gdp,gdp_current,real_change,source\nPOL,2024,2.675,0.5,-1.005,t\n"
    ds = dsp.from_bytes("t.csv", text.encode())
    df = ds.spending_frame(rounded=True)
    assert (df.share_of_gdp.item(), df.gdp_current.item(), df.real_change.item()) == (2.68, 1.0, -1.01)
    assert round(2.675, 2) == 2.67  # what rounding the float would give
    assert dsp.Metric.SHARE_OF_GDP.round(Decimal("2.675")) == Decimal("2.68")
    assert dsp.Metric.GDP_CURRENT.round(Decimal("19612102.5")) == Decimal("19612103")
    pl = pytest.importorskip("polars")
    p = ds.spending_polars(rounded=True)
    assert str(p["share_of_gdp"][0]) == "2.68" and str(p["gdp_current"][0]) == "1"


# The exact frame.


def test_exact_frame_values_are_the_crates_decimals(ds):
    df = ds.spending_frame(exact=True)
    records = ds.spending()
    for m in METRIC_COLUMNS:
        got = [None if v is pd.NA else v for v in df[m].tolist()]
        assert got == [getattr(r, m) for r in records], m
        assert all(type(v) is Decimal for v in got if v is not None), m
    # Supported operations, exactly.
    pol = df[df.country == "POL"].sort_values("year")
    diff = pol.share_of_gdp.diff().tolist()
    shares = [r.share_of_gdp for r in ds.series("POL")]
    assert diff[1:] == [b - a for a, b in zip(shares, shares[1:])]
    both = (df.expenditure_current - df.expenditure_constant).tolist()
    for r, got in zip(records, both):
        if r.expenditure_current is not None and r.expenditure_constant is not None:
            assert got == r.expenditure_current - r.expenditure_constant
    p = df.pivot_table(index="country", columns="year", values="share_of_gdp", aggfunc="first")
    assert p[2024]["POL"] - p[2014]["POL"] == shares[-1] - shares[0]
    sums = df.groupby("year").gdp_current.sum()
    assert sums[2024] == sum(r.gdp_current for r in records if r.year == 2024 and r.gdp_current)
    assert df.sort_values("share_of_gdp").share_of_gdp.dropna().tolist() == sorted(
        r.share_of_gdp for r in records if r.share_of_gdp is not None)


# Polars: exact by default, and the same operations.


def test_polars_computes_exactly(ds, exact_file, members):
    pl = pytest.importorskip("polars")
    df = ds.spending_polars()
    allies = df.filter(pl.col("country").cast(pl.String).is_in(members))
    assert isinstance(allies.schema["share_of_gdp"], pl.Decimal)
    doubled = allies.select(pl.col("share_of_gdp") * 2)["share_of_gdp"].to_list()
    keys = zip(allies["country"].cast(pl.String), allies["year"])
    want = [None if f["share_of_gdp"] is None else f["share_of_gdp"] * 2
            for f in (exact_file[k] for k in keys)]
    assert doubled == want
    top = allies.top_k(5, by="share_of_gdp")
    assert (top["country"][0], top["year"][0]) == ("POL", 2024)
    p = allies.pivot(on="year", index="country", values="share_of_gdp")
    pol = p.filter(pl.col("country").cast(pl.String) == "POL")
    change = pol["2024"][0] - pol["2014"][0]
    assert change == exact_file[("POL", 2024)]["share_of_gdp"] - exact_file[("POL", 2014)]["share_of_gdp"]
    assert round(change, 2) == Decimal("2.24")
    series = allies.filter(pl.col("country").cast(pl.String) == "POL").sort("year")
    diffs = series["share_of_gdp"].diff().to_list()[1:]
    shares = [exact_file[("POL", y)]["share_of_gdp"] for y in series["year"]]
    assert diffs == [b - a for a, b in zip(shares, shares[1:])]
    assert series["expenditure_current"].cum_sum()[-1] == sum(
        exact_file[("POL", y)]["expenditure_current"] for y in series["year"])
    pct = series["expenditure_current"].pct_change().to_list()
    assert pct[1] == pytest.approx(float(exact_file[("POL", 2015)]["expenditure_current"]
                                         / exact_file[("POL", 2014)]["expenditure_current"] - 1))
    means = allies.group_by("year").agg(pl.col("share_of_gdp").mean()).sort("year")
    for year, got in zip(means["year"], means["share_of_gdp"]):
        values = shares_of(exact_file, members, year)
        assert float(got) == pytest.approx(float(sum(values) / len(values)), rel=1e-12)
    d = allies.select("share_of_gdp").describe()
    count = d.filter(pl.col("statistic") == "count")["share_of_gdp"][0]
    assert int(count) == len(shares_of(exact_file, members))
    not_countries = set(df.filter(~pl.col("is_country"))["country"].cast(pl.String).to_list())
    assert not_countries == {c for c, _ in exact_file if "_" in c}


def test_polars_floats_on_request(ds):
    pl = pytest.importorskip("polars")
    df = ds.spending_polars(exact=False)
    assert df.schema["share_of_gdp"] == pl.Float64
    records = ds.spending()
    assert df["gdp_current"].to_list() == [None if r.gdp_current is None else float(r.gdp_current)
                                            for r in records]
    assert df["per_capita_current"].null_count() == len(records)  # null, not NaN


def test_the_exact_frame_is_an_argument_away_in_the_docs():
    text = (REPO / "README.md").read_text(encoding="utf-8").split("## Python", 1)[1]
    assert "spending_frame(exact=True)" in text and "rounded=True" in text
    doc = dsp.Dataset.spending_frame.__doc__ or ""
    for words in ("exact=True", "does not support", "nlargest", "describe", "rounded=True"):
        assert words in doc, words


def test_the_polars_frame_does_not_import_pandas():
    # pa.array imports pandas the first time (a second on this machine): the polars
    # frame, is_country included, is built from buffers.
    pytest.importorskip("polars")
    import subprocess
    import sys

    code = ("import sys, defense_spending as dsp\n"
            "df = dsp.bundled().spending_polars()\n"
            "assert df['is_country'].sum() == len(df) - (df['country'].cast(str).str.contains('_')).sum()\n"
            "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
