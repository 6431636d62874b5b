"""The issue's contract, as written, plus the error it expects from a bad file."""

import decimal
import os

import pytest

from conftest import REPO, real_file


def test_the_contract_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # the repository: paths as in the README
    import defense_spending as dsp

    ds = dsp.bundled()
    at2 = ds.meeting_target(2024, 2)  # Allies at or above 2 % in 2024, highest first
    assert len(at2) == 23 and at2[0].country == "POL"
    assert isinstance(at2[0].share_of_gdp, decimal.Decimal)
    df = ds.spending_frame()  # pandas.DataFrame
    import pandas

    assert isinstance(df, pandas.DataFrame)
    wb = dsp.load(real_file("worldbank"))  # any file or folder the crate reads
    assert len(wb) > 0
    caught = None
    try:
        dsp.load("bad.csv")  # no such file here
    except dsp.LoadError as e:
        caught = e
        print(e.file, e.line, e.column)
    assert caught is not None
    assert caught.file == "bad.csv" and caught.kind == "io"
    assert (caught.line, caught.column) == (None, None)


def test_a_bad_value_gives_file_line_and_column(tmp_path):
    import defense_spending as dsp

    bad = tmp_path / "bad.csv"
    bad.write_text('country,year,share_of_gdp,source\nPOL,2023,3.9,mine\nPOL,2024,"2,5",mine\n')
    with pytest.raises(dsp.LoadError) as info:
        dsp.load(bad)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.file, e.line, e.column, e.cell) == (os.fspath(bad), 3, "share_of_gdp", None)
    assert e.kind == "invalid_value" and e.value == "2,5"
    assert str(e) == e.message
    assert str(e).startswith(f"{bad}: line 3, column `share_of_gdp`: invalid value \"2,5\": ")
    assert str(e).endswith(e.reason)


def test_pandas_polars_and_pyarrow_are_never_needed_to_import_or_query():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for m in ('pandas', 'polars', 'pyarrow', 'numpy'):\n"
        "    sys.modules[m] = None  # as if not installed: importing it fails\n"
        "import defense_spending as dsp\n"
        "ds = dsp.bundled()\n"
        "assert len(ds.meeting_target(2024, 2)) == 23\n"
        "try:\n"
        "    ds.spending_frame()\n"
        "except ImportError as e:\n"
        "    assert \"defense-spending[pandas]\" in str(e), e\n"
        "else:\n"
        "    raise AssertionError('a frame without pandas')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
