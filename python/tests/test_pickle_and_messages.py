"""A Dataset pickles and copies (bundled: a reference to the package's data; loaded: its
tables, even when the files it came from change or never existed); every message the
package raises speaks Python; docstrings agree with the data."""

import copy
import inspect
import os
import pickle
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import DATA, REPO, read_csv, real_file

import defense_spending as dsp


def same_tables(a, b):
    assert a == b
    assert a.spending() == b.spending()
    for table in ("members", "sources", "aggregates", "pledges", "contracts", "aid", "skipped"):
        assert getattr(a, table)() == getattr(b, table)(), table
    # Every decimal keeps its digits (2.50 stays 2.50).
    assert [repr(r) for r in a.spending()] == [repr(r) for r in b.spending()]


def test_bundled_pickles_to_a_reference():
    ds = dsp.bundled()
    data = pickle.dumps(ds)
    assert len(data) < 200  # a reference to the bundled data, not its tables
    back = pickle.loads(data)
    assert back._ds.is_bundled()
    same_tables(back, ds)
    assert copy.deepcopy(ds) == ds and copy.copy(ds) == ds


def test_a_dataset_from_bytes_pickles():
    text = ("country,year,share_of_gdp,gdp_current,price_base_year,estimate,source\n"
            "POL,2024,2.50,848856.9593221437,2015,true,mine\nNATO_TOTAL,2024,2.71,,,false,mine\n")
    ds = dsp.from_bytes("mine.csv", text.encode())
    back = pickle.loads(pickle.dumps(ds))
    same_tables(back, ds)
    assert back.record("POL", 2024).share_of_gdp.as_tuple() == Decimal("2.50").as_tuple()
    assert not back._ds.is_bundled()
    assert copy.deepcopy(ds) == ds
    assert ds != dsp.bundled() and hash(ds) == hash(back)


def test_a_folder_that_changed_after_loading(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(DATA, folder)
    ds = dsp.load(folder)
    data = pickle.dumps(ds)
    (folder / "spending.csv").write_text("country,year,share_of_gdp,source\nPOL,2030,9,x\n")
    shutil.rmtree(folder)
    back = pickle.loads(data)
    same_tables(back, ds)
    assert back == dsp.bundled()  # the same files as the bundled data


def test_skipped_cells_survive_pickling():
    ds = dsp.load(real_file("nato/240617-def-exp-2024-TABLES-en.xlsx"))
    assert ds.skipped()
    same_tables(pickle.loads(pickle.dumps(ds)), ds)


def test_pickle_is_compact():
    rows = "".join(f"POL,{1900 + i},{i % 7}.{i:04},,s\n" for i in range(100))
    ds = dsp.from_bytes("t.csv", ("country,year,share_of_gdp,gdp_current,source\n" + rows).encode())
    tables = len(pickle.dumps(dsp.from_bytes("t.csv", b"country,year,share_of_gdp,source\nPOL,1900,1,s\n")))
    # About one short line a record on top of the other tables.
    assert len(pickle.dumps(ds)) - tables < 100 * 40


def test_a_pickle_crosses_processes(tmp_path):
    ds = dsp.from_bytes("t.csv", b"country,year,share_of_gdp,source\nEST,2024,3.43,t\n")
    path = tmp_path / "ds.pickle"
    path.write_bytes(pickle.dumps(ds))
    code = ("import pickle, sys; ds = pickle.loads(open(sys.argv[1], 'rb').read()); "
            "print(ds.record('EST', 2024).share_of_gdp)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    assert out.stdout.strip() == "3.43"


def test_not_a_pickle_is_a_value_error():
    from defense_spending import _dataset

    with pytest.raises(ValueError, match="not a pickled defense_spending.Dataset"):
        _dataset._from_state(b"garbage")


# Messages in Python terms.

RUST_WORDS = ("::", "LoadOptions", "Cargo.toml", "--metric", "load_any", ".metric(", "Metric::")


def python_message(e):
    text = str(e)
    for word in RUST_WORDS:
        assert word not in text, (word, text)
    return text


def test_the_wide_table_error_shows_the_python_call(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("Country,2014,2015\nPoland,1.88,2.22\n")
    with pytest.raises(dsp.LoadError) as info:
        dsp.load(wide)
    text = python_message(info.value)
    assert f'dsp.load("{wide}", metric="share_of_gdp")' in text
    assert "price_base_year=2021" in text
    python_message(info.value.reason)
    # What the message says to write works.
    assert len(dsp.load(wide, metric="share_of_gdp")) == 2
    with pytest.raises(dsp.LoadError) as info:
        dsp.from_bytes("w.csv", wide.read_bytes())
    assert 'metric="share_of_gdp"' in python_message(info.value)


@pytest.mark.parametrize("name, text", [
    ("bad.csv", "country,year,share_of_gdp,source\nPOL,2024,\"2,5\",s\n"),
    ("bad.csv", "country,year,share_of_gdp,source\nXXX,2024,2,s\n"),
    ("bad.csv", "country,year,share_of_gdp,source\nPOL,2024,2,s\nPOL,2024,3,s\n"),
    ("wide.csv", "Country,2014\nAtlantis,1\n"),
    ("x.bin", "\x00\x01"),
])
def test_load_errors_speak_python(name, text):
    with pytest.raises(dsp.LoadError) as info:
        dsp.from_bytes(name, text.encode())
    python_message(info.value)


def test_an_unknown_name_speaks_python():
    with pytest.raises(dsp.LoadError) as info:
        dsp.from_bytes("wide.csv", b"Country,2014\nAtlantis,1\n", metric="share_of_gdp")
    assert info.value.kind == "unknown_name"
    assert "ISO 3166-1 code" in python_message(info.value)


def test_query_errors_speak_python(ds):
    for call in (lambda: ds.meeting_target(2031, 2), lambda: ds.series("Atlantis"),
                 lambda: ds.aid_sum(), lambda: ds.aid_sum("EUR")):
        with pytest.raises(dsp.QueryError) as info:
            call()
        python_message(info.value)


def test_an_import_error_names_each_package_once():
    code = (
        "import sys\n"
        "sys.modules['pyarrow'] = None\n"
        "import defense_spending as dsp\n"
        "try:\n"
        "    dsp.bundled().spending_polars()\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    text = out.stdout.strip()
    assert "defense-spending[polars]" in text, text
    install = text.split("pip install ")[-1].rstrip(")").split()
    assert len(install) == len(set(install)), text  # never "pyarrow pyarrow"


# Docstrings that agree with the data.


def test_amount_qualifiers_documented_are_the_datas():
    doc = inspect.getdoc(dsp.Amount) or ""
    used = {r["qualifier"] for f in ("aid.csv", "contracts.csv") for r in read_csv(DATA / f)}
    assert "plain" in used
    for q in used:
        assert f'``"{q}"``' in doc, q


def test_spending_frame_doc_does_not_round_with_python_round():
    doc = inspect.getdoc(dsp.Dataset.spending_frame) or ""
    assert "round(" not in doc.replace("Series.round", "")
    assert "half away from zero" in doc and "19612103" in doc
