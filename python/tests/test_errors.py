"""Errors are LoadError (a ValueError) with the position the crate gives."""

import os
import pickle

import pytest

import defense_spending as dsp

HEADER = "country,year,share_of_gdp,source\n"


def load_error(path) -> dsp.LoadError:
    with pytest.raises(dsp.LoadError) as info:
        dsp.load(path)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == info.value.message
    return info.value


def test_unknown_country(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text(HEADER + "PLO,2024,4.1,x\n")
    e = load_error(p)
    assert (e.file, e.line, e.column, e.kind, e.value) == (os.fspath(p), 2, "country", "unknown_country", "PLO")
    assert str(e) == (
        f"{p}: line 2, column `country`: unknown country code \"PLO\": not an ISO 3166-1 "
        "alpha-3 code (aggregates use ids with an underscore, such as NATO_TOTAL)"
    )


def test_a_bad_line_far_down_a_large_file(tmp_path):
    # Large enough to be read in blocks on every core: the line is still exact.
    rows = [f"Poland,POL,{1800 + i % 400},{i % 97}.25\n" for i in range(120_000)]
    bad_line = 2 + 100_000  # the header is line 1
    rows[100_000] = "Poland,POL,2024,12.5%\n"
    p = tmp_path / "owid.csv"
    p.write_text("Entity,Code,Year,Military expenditure (% of GDP)\n" + "".join(rows))
    e = load_error(p)
    assert (e.file, e.line, e.kind, e.value) == (os.fspath(p), bad_line, "invalid_value", "12.5%")
    assert e.column is not None


def test_a_workbook_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    # SIPRI's layout (as tests/common/mod.rs writes it): header on row 4, the region on
    # row 6, Poland on row 7; its 2023 share of GDP written as text with a comma.
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ["Share of GDP", "Current US$", "Constant (2022) US$", "Per capita", "Share of Govt. spending"]:
        ws = wb.create_sheet(name)
        ws["A1"] = "Military expenditure by country, 2022-2023      © SIPRI 2023"
        ws["A2"] = "Figures are in US $m., in current US$"
        ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Country", "Notes", 2022, 2023
        ws["A6"] = "Europe"
        ws["A7"], ws["C7"] = "Poland", "xxx"
        ws["D7"] = "4,1" if name == "Share of GDP" else 1.0
    p = tmp_path / "sipri.xlsx"
    wb.save(p)
    e = load_error(p)
    assert (e.file, e.cell, e.line, e.kind, e.value) == (os.fspath(p), "Share of GDP!D7", None, "invalid_value", "4,1")
    assert str(e).startswith(f"{p}: Share of GDP!D7: invalid value \"4,1\"")
    # The same workbook with a number there loads.
    wb["Share of GDP"]["D7"] = 0.0412
    wb.save(p)
    assert dsp.load(p).record("POL", 2023).share_of_gdp == __import__("decimal").Decimal("4.12")


def test_a_folder_names_the_bad_file(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "POL,2024,4.1,x\n")
    (tmp_path / "b.csv").write_text(HEADER + "EST,2024,abc,x\n")
    e = load_error(tmp_path)
    assert (e.file, e.line, e.column) == (os.fspath(tmp_path / "b.csv"), 2, "share_of_gdp")


def test_whole_file_errors(tmp_path):
    e = load_error(tmp_path)  # an empty folder
    assert e.kind == "no_data" and e.file == os.fspath(tmp_path)
    p = tmp_path / "notes.csv"
    p.write_text("a,b,c\n1,2,3\n")
    e = load_error(p)
    assert (e.kind, e.file, e.line) == ("unknown_format", os.fspath(p), 1)
    assert 'first line is "a,b,c"' in e.reason
    missing = tmp_path / "nope" / "x.csv"
    e = load_error(missing)
    assert (e.kind, e.file, e.line) == ("io", os.fspath(missing), None)


def test_duplicate_names_both_places(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text(HEADER + "POL,2024,4.1,x\nPOL,2024,4.2,x\n")
    e = load_error(p)
    assert (e.kind, e.line) == ("duplicate", 3)
    assert "line 2" in e.reason


def test_from_bytes_names_the_given_name():
    with pytest.raises(dsp.LoadError) as info:
        dsp.from_bytes("pasted.csv", (HEADER + "POL,2024,-1,x\n").encode())
    e = info.value
    assert (e.file, e.line, e.column, e.kind) == ("pasted.csv", 2, "share_of_gdp", "invalid_value")


def test_pickles_with_its_position(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text(HEADER + "POL,2024,x,x\n")
    e = load_error(p)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is dsp.LoadError
    assert (back.file, back.line, back.column, back.kind, str(back)) == (e.file, e.line, e.column, e.kind, str(e))


def test_bad_arguments_are_value_errors(ds):
    with pytest.raises(ValueError, match="PLO"):
        ds.record("PLO", 2024)
    with pytest.raises(ValueError, match="pol"):
        ds.member("pol")
    with pytest.raises(ValueError, match="aid kind"):
        ds.aid_latest(kind="weapons")
    with pytest.raises(ValueError, match="currency"):
        ds.contracts_where(currency="usd")


def test_queries_that_cannot_answer_raise_query_errors(ds):
    # A year outside the data is an error, never an empty answer.
    for call in (
        lambda: ds.meeting_target(2030, 2),
        lambda: ds.countries_at_or_above(2030, 2),
        lambda: ds.shortfalls(2030, 2),
        lambda: ds.ranking(2030),
        lambda: ds.changes(2014, 2030),
    ):
        with pytest.raises(dsp.QueryError) as info:
            call()
        assert info.value.kind == "year_not_in_data"
        assert str(info.value) == "no spending figures for 2030 in this dataset (it covers 2014-2024)"
        assert isinstance(info.value, ValueError)
    with pytest.raises(dsp.QueryError) as info:  # a year outside the data is no "None"
        ds.change("POL", 2010, 2024)
    assert info.value.kind == "year_not_in_data"
    # A typo is an error with a suggestion.
    with pytest.raises(dsp.QueryError, match="did you mean NATO_TOTAL") as info:
        ds.series("NATO_TOTL")
    assert info.value.kind == "unknown_entity" and info.value.value == "NATO_TOTL"
    # Figures that do not add up are never added.
    with pytest.raises(dsp.QueryError) as info:
        ds.aid_sum(donor="USA")
    assert info.value.kind == "not_additive"
    # A threshold that is not a number.
    with pytest.raises(ValueError, match="3,5"):
        ds.meeting_target(2024, "3,5")
    # Pickling keeps what it says.
    import pickle

    again = pickle.loads(pickle.dumps(info.value))
    assert (again.kind, str(again)) == (info.value.kind, str(info.value))


def test_names_resolve_like_codes(ds):
    assert ds.entity("Turkey") == ds.entity("Türkiye") == "TUR"
    assert ds.entity("pol") == "POL"
    assert [r.year for r in ds.series("Poland")] == [r.year for r in ds.series("POL")]
    assert ds.record("United Kingdom", 2024).country == "GBR"
