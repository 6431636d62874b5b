#!/usr/bin/env python3
"""Rebuild data/spending.csv from NATO's June 2024 tables as extracted in shared/reference.

Usage: python3 tools/build_spending.py ../shared/reference/nato-2024-edition > data/spending.csv

Every value is the workbook's exact value (the `*_full` columns of the reference files),
copied as text, never re-computed or rounded. The script only joins the five tables
(Table 2, 3, 5, 8a and the real change of Table 3) on country and year.
"""
import csv
import sys
from pathlib import Path

SOURCE = "nato-def-exp-2024"
BASE_YEAR = "2015"

COLUMNS = [
    "country", "year", "share_of_gdp", "expenditure_current", "expenditure_constant",
    "price_base_year", "gdp_current", "gdp_constant", "equipment_share", "real_change",
    "estimate", "source",
]


def main(folder: Path) -> None:
    rows: dict[tuple[str, int], dict[str, str]] = {}
    estimates: dict[tuple[str, int], str] = {}

    def put(code: str, year: str, column: str, value: str, estimate: str) -> None:
        key = (code, int(year))
        row = rows.setdefault(key, {})
        if column in row:
            raise SystemExit(f"duplicate {column} for {key}")
        row[column] = value
        previous = estimates.setdefault(key, estimate)
        if previous != estimate:
            raise SystemExit(f"estimate flags disagree for {key}")

    for r in csv.DictReader(open(folder / "share_gdp.csv", encoding="utf-8")):
        put(r["iso3"], r["year"], "share_of_gdp", r["share_gdp_pct_full"], r["estimate"])
    for r in csv.DictReader(open(folder / "real_change_pct.csv", encoding="utf-8")):
        put(r["iso3"], r["year"], "real_change", r["annual_real_change_pct_full"], r["estimate"])
    for r in csv.DictReader(open(folder / "equipment_share.csv", encoding="utf-8")):
        put(r["iso3"], r["year"], "equipment_share", r["equipment_share_pct_full"], r["estimate"])
    basis = {"current": "current", "constant2015": "constant"}
    for r in csv.DictReader(open(folder / "expenditure_usd.csv", encoding="utf-8")):
        put(r["iso3"], r["year"], f"expenditure_{basis[r['price_basis']]}", r["million_usd_full"], r["estimate"])
    for r in csv.DictReader(open(folder / "gdp_usd.csv", encoding="utf-8")):
        put(r["iso3"], r["year"], f"gdp_{basis[r['price_basis']]}", r["gdp_million_usd_full"], r["estimate"])

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(COLUMNS)
    # NATO's aggregates last, countries by code, years ascending.
    for (code, year) in sorted(rows, key=lambda k: (k[0].startswith("NATO_"), k)):
        row = rows[(code, year)]
        has_constant = "expenditure_constant" in row or "gdp_constant" in row
        row["price_base_year"] = BASE_YEAR if has_constant else ""
        out.writerow([code, year] + [row.get(c, "") for c in COLUMNS[2:10]]
                     + [estimates[(code, year)], SOURCE])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
