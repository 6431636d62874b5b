"""Frames: one row per record, the right dtypes, the records' exact values, no float
(the exact frames: ``spending_frame(exact=True)``, polars, Arrow; the default pandas
frame, with float64 figures, is tested in test_frames_compute.py)."""

import decimal
from decimal import Decimal

import pytest

from conftest import DATA, METRIC_COLUMNS, read_csv, real_file

import defense_spending as dsp

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

FIELDS = ["country", "name", "year", *METRIC_COLUMNS, "price_base_year", "estimate", "source"]
COLUMNS = [*FIELDS, "is_country"]


def decimals_in(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def assert_frame_is_records(df, records):
    assert list(df.columns) == COLUMNS
    assert len(df) == len(records)
    for i, r in enumerate(records):
        row = df.iloc[i]
        for c in FIELDS:
            want, got = getattr(r, c), row[c]
            if want is None:
                assert got is pd.NA or pd.isna(got), (i, c)
            else:
                assert got == want, (i, c, got, want)
                if isinstance(want, Decimal):
                    assert type(got) is Decimal, (i, c)


def test_pandas_dtypes(ds):
    df = ds.spending_frame(exact=True)
    assert isinstance(df, pd.DataFrame)
    for c in ("country", "name", "source"):
        assert isinstance(df[c].dtype, pd.CategoricalDtype), c
    assert df.year.dtype == pd.ArrowDtype(pa.int32())
    assert df.price_base_year.dtype == pd.ArrowDtype(pa.int32())
    assert df.estimate.dtype == pd.ArrowDtype(pa.bool_())
    rows = read_csv(DATA / "spending.csv")
    for m in METRIC_COLUMNS:
        t = df[m].dtype
        assert isinstance(t, pd.ArrowDtype) and pa.types.is_decimal128(t.pyarrow_dtype), m
        # The scale is the most decimals any value of the file has in that column.
        scales = [decimals_in(r[m]) for r in rows if r.get(m)]
        assert t.pyarrow_dtype.scale == (max(scales) if scales else 0), m
        # The precision: the most digits before the point, plus the scale.
        ints = [len(r[m].lstrip("-").split(".")[0].lstrip("0")) for r in rows if r.get(m)]
        if scales:
            assert t.pyarrow_dtype.precision == max(1, max(ints) + max(scales)), m
    assert not [c for c in df.columns if pd.api.types.is_float_dtype(df[c].dtype)]
    assert not [c for c in df.columns if df[c].dtype == object]


def test_pandas_values_are_the_records(ds):
    assert_frame_is_records(ds.spending_frame(exact=True), ds.spending())


def test_pandas_values_are_the_files_digits(ds):
    df = ds.spending_frame(exact=True)
    rows = read_csv(DATA / "spending.csv")
    assert len(df) == len(rows)
    for i, r in enumerate(rows):
        assert df.country.iloc[i] == r["country"] and df.year.iloc[i] == int(r["year"])
        for m in METRIC_COLUMNS:
            if r.get(m):
                assert df[m].iloc[i] == Decimal(r[m]), (i, m)


def test_sums_are_exact(ds):
    df = ds.spending_frame(exact=True)
    exact = decimal.Context(prec=100)
    for m in ("share_of_gdp", "gdp_current"):
        want = Decimal(0)
        for r in ds.spending():
            if getattr(r, m) is not None:
                want = exact.add(want, getattr(r, m))
        got = df[m].sum()
        assert type(got) is Decimal and got == want, m


def test_no_figure_at_all_is_an_all_missing_decimal_column(ds):
    df = ds.spending_frame(exact=True)
    assert df.per_capita_current.isna().all()
    assert pa.types.is_decimal(df.per_capita_current.dtype.pyarrow_dtype)


@pytest.mark.parametrize(
    "rel",
    ["owid/military-expenditure-share-gdp.csv", "owid/military-spending-as-a-share-of-gdp-sipri.csv"],
    ids=lambda r: r.rsplit("/", 1)[-1],
)
def test_a_loaded_file(rel):
    path = real_file(rel)
    ds = dsp.load(path)
    df = ds.spending_frame(exact=True)
    records = ds.spending()
    assert len(df) == len(records)
    assert df.share_of_gdp.tolist() == [r.share_of_gdp for r in records]
    assert df.country.astype(str).tolist() == [r.country for r in records]
    assert df.name.astype(str).tolist() == [r.name for r in records]
    assert df.year.tolist() == [r.year for r in records]


def test_wider_than_38_digits_stays_exact():
    text = "country,year,share_of_gdp,source\nPOL,2024,0.1234567890123456789012345678,t\nEST,2024,999999999999999,t\n"
    ds = dsp.from_bytes("wide.csv", text.encode())
    table = ds.spending_arrow()
    assert table.schema.field("share_of_gdp").type == pa.decimal256(76, 28)
    df = ds.spending_frame(exact=True)
    assert df.share_of_gdp.tolist() == [Decimal("0.1234567890123456789012345678"), Decimal("999999999999999")]
    pytest.importorskip("polars")
    with pytest.raises(ValueError, match="38 digits"):
        ds.spending_polars()  # polars' Decimal has 38 digits: refused, never rounded


def test_two_entities_with_one_name(tmp_path):
    (tmp_path / "aggregates.csv").write_text("id,name,description,source\nX_ONE,Same,a,s\nX_TWO,Same,b,s\n")
    (tmp_path / "spending.csv").write_text(
        "country,year,share_of_gdp,source\nX_ONE,2024,1,s\nX_TWO,2024,2,s\nPOL,2024,3,s\n"
    )
    df = dsp.load(tmp_path).spending_frame()
    assert df.name.astype(str).tolist() == ["Same", "Same", "Poland"]
    assert df.country.astype(str).tolist() == ["X_ONE", "X_TWO", "POL"]
    assert sorted(df.name.cat.categories) == ["Poland", "Same"]


def test_arrow_table(ds):
    t = ds.spending_arrow()
    assert t.column_names == COLUMNS
    assert t.num_rows == len(ds)
    assert pa.types.is_dictionary(t.schema.field("country").type)
    assert t.column("share_of_gdp").to_pylist() == [r.share_of_gdp for r in ds.spending()]


def test_polars(ds):
    pl = pytest.importorskip("polars")
    df = ds.spending_polars()
    assert isinstance(df, pl.DataFrame)
    assert df.columns == COLUMNS
    assert isinstance(df.schema["share_of_gdp"], pl.Decimal)
    assert df.schema["year"] == pl.Int32 and df.schema["estimate"] == pl.Boolean
    assert df.schema["country"] == pl.Categorical
    assert not [c for c, t in df.schema.items() if t in (pl.Float32, pl.Float64)]
    records = ds.spending()
    for c in FIELDS:
        assert df[c].to_list() == [getattr(r, c) for r in records], c
    assert all(type(v) is Decimal for v in df["share_of_gdp"].drop_nulls().to_list())


def test_a_dataset_without_spending_records(tmp_path):
    # A folder with only a sources file loads, with no spending records: its frames are
    # empty but have every column, with the same types.
    rows = (DATA / "sources.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "sources.csv").write_text("\n".join(rows[:2]) + "\n", encoding="utf-8")
    ds = dsp.load(tmp_path)
    assert len(ds) == 0
    df = ds.spending_frame(exact=True)
    assert list(df.columns) == COLUMNS and len(df) == 0
    assert df.share_of_gdp.dtype == pd.ArrowDtype(pa.decimal128(1, 0))
    df = ds.spending_frame()
    assert list(df.columns) == COLUMNS and len(df) == 0
    assert df.share_of_gdp.dtype == "float64"
    assert ds.spending_arrow().num_rows == 0
