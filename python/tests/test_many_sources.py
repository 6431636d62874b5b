"""Many sources, one answer (issue 18), from Python: editions, views, the sources on
results, and lookups that tell a year outside the data from a missing figure.

Two editions (the bundled files and the project's own CSV of the August 2025 series)
run on every clone; the folder of real files (NATO's workbook, a World Bank CSV, an OWID
export) is made at run time from ``../shared/fixtures``.
"""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import defense_spending as dsp
from conftest import DATA, PROJECT_FIXTURES, crate_spending, real_file

LATER = PROJECT_FIXTURES / "nato-2025-edition"


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> dsp.Dataset:
    folder = tmp_path_factory.mktemp("two-editions")
    for f in DATA.iterdir():
        shutil.copy(f, folder / f.name)
    shutil.copy(LATER / "spending.csv", folder / "spending-2025.csv")
    shutil.copy(LATER / "sources.csv", folder / "sources-2025.csv")
    return dsp.load(folder)


def later_figure(code: str, year: int) -> Decimal:
    rows = crate_spending(LATER / "spending.csv")
    return [r for (c, y, _), r in rows.items() if (c, y) == (code, year)][0]["share_of_gdp"]


def test_editions_lists_both_latest_first(two_editions: dsp.Dataset) -> None:
    editions = two_editions.editions()
    assert [e.source for e in editions] == ["nato-def-exp-2025-series", "nato-def-exp-2024"]
    assert {e.publisher for e in editions} == {"NATO"}
    assert editions[0].estimates == [2024]
    assert editions[1].estimates == [2023, 2024]
    assert str(editions[1].published) == "2024-06-17"


def test_the_latest_edition_answers_once_per_country(two_editions: dsp.Dataset) -> None:
    hits = two_editions.meeting_target(2024, 2)
    assert len({r.country for r in hits}) == len(hits)
    assert {r.source for r in hits} == {"nato-def-exp-2025-series"}
    pol = two_editions.record("POL", 2024)
    assert pol is not None and pol.share_of_gdp == later_figure("POL", 2024)
    assert len(two_editions.records("POL", 2024)) == 2


def test_views_answer_as_the_source_alone(two_editions: dsp.Dataset) -> None:
    june = two_editions.from_source("nato-def-exp-2024")
    assert len(june.meeting_target(2024, 2)) == 23
    assert len(two_editions.publisher("nato")) == len(two_editions)
    with pytest.raises(dsp.QueryError) as e:
        two_editions.from_source("nato-def-exp-2026")
    assert e.value.kind == "not_in_dataset"


def test_results_carry_their_basis(two_editions: dsp.Dataset) -> None:
    c2024 = [c for c in two_editions.count_meeting_target(2) if c.year == 2024][0]
    assert c2024.basis.sources == ["nato-def-exp-2025-series"]
    assert c2024.basis.rule == "latest_edition"
    assert c2024.basis.held == 2
    assert "nato-def-exp-2025-series" in str(c2024.basis)
    change = two_editions.change("POL", 2014, 2024)
    assert change is not None and change.basis.sources == ["nato-def-exp-2025-series"]
    totals = two_editions.alliance_totals()
    assert all(t.basis.sources == [t.source] for t in totals)
    report = two_editions.shortfalls(2023, 2)
    assert report.basis.sources == ["nato-def-exp-2025-series"]
    # One source: the basis is there, and prints nothing.
    one = [c for c in dsp.bundled().count_meeting_target(2) if c.year == 2024][0]
    assert (one.basis.sources, one.basis.held, str(one.basis)) == (["nato-def-exp-2024"], 1, "")


def test_pledge_checks_say_source_and_estimate(two_editions: dsp.Dataset) -> None:
    june = [c for c in dsp.bundled().pledge_checks() if c.pledge == "pol-2024"][0]
    assert (june.status, june.source, june.estimate) == ("kept", "nato-def-exp-2024", True)
    later = [c for c in two_editions.pledge_checks() if c.pledge == "pol-2024"][0]
    assert later.status == "missed"
    assert later.actual == later_figure("POL", 2024)
    assert (later.source, later.estimate) == ("nato-def-exp-2025-series", True)


def test_a_year_outside_the_data_raises_and_a_missing_figure_is_none() -> None:
    ds = dsp.bundled()
    with pytest.raises(dsp.QueryError) as e:
        ds.record("POL", 2031)
    assert e.value.kind == "year_not_in_data"
    with pytest.raises(dsp.QueryError) as e:
        ds.change("POL", 2014, 2031)
    assert e.value.kind == "year_not_in_data"
    mine = dsp.from_bytes(
        "mine.csv", b"country,year,share_of_gdp,source\nPOL,2024,4.12,a\nEST,2023,3.2,a\n"
    )
    assert mine.record("EST", 2024) is None


def test_the_real_folder_counts_as_nato_and_asks_to_choose(tmp_path: Path) -> None:
    nato = real_file("nato/240617-def-exp-2024-TABLES-en.xlsx")
    wb = real_file("worldbank/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_5871672.csv")
    owid = real_file("owid/military-spending-as-a-share-of-gdp-sipri.csv")
    for f in (nato, wb, owid):
        shutil.copy(f, tmp_path / f.name)
    folder = dsp.load(tmp_path)
    alone = dsp.load(nato)
    counts = {c.year: c.meeting for c in folder.count_meeting_target(2)}
    assert counts == {c.year: c.meeting for c in alone.count_meeting_target(2)}
    assert (counts[2014], counts[2021], counts[2024]) == (3, 6, 23)
    report = folder.shortfalls(2024, "3.5")
    assert len(report.allies) == 30
    assert report.total_usd_million == alone.shortfalls(2024, "3.5").total_usd_million
    assert report.basis.rule == "nato"
    with pytest.raises(dsp.QueryError) as e:
        folder.countries_at_or_above(2022, 3)
    assert e.value.kind == "several_publishers"
    assert "World Bank" in str(e.value) and "Our World in Data" in str(e.value)
    world = folder.publisher("World Bank").countries_at_or_above(2022, 3)
    assert len({r.country for r in world}) == len(world) > 10
