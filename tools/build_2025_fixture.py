#!/usr/bin/env python3
"""Build tests/fixtures/nato-2025-edition/ from shared/reference/share_gdp_2025_edition.csv.

Usage: python3 tools/build_2025_fixture.py ../shared/reference/share_gdp_2025_edition.csv tests/fixtures/nato-2025-edition

Takes only the 2014-2024 Table 3 series of NATO's August 2025 edition (as published by a
third party, medium confidence; see the source's note), with its exact values, in the
crate's spending.csv format. Used to test revisions between editions, never bundled.
"""
import csv
import sys
from pathlib import Path

SOURCE = "nato-def-exp-2025-series"


def main(src: Path, out: Path) -> None:
    rows = [r for r in csv.DictReader(open(src, encoding="utf-8"))
            if r["source"].startswith("github namanjain92/NATO-Analytics")]
    with open(out / "spending.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country", "year", "share_of_gdp", "estimate", "source"])
        for r in rows:
            w.writerow([r["iso3"], r["year"], r["share_gdp_pct_full"], r["estimate"], SOURCE])
    with open(out / "sources.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "publisher", "title", "url", "published", "note"])
        w.writerow([SOURCE, "NATO (via a third party)",
                    "Defence Expenditure of NATO Countries (2014-2025), Table 3, 2014-2024 columns",
                    "https://github.com/namanjain92/NATO-Analytics/blob/c7de616633e6776ad9a6aec277628a6bd1a33414/data/defence_per.csv",
                    "2025-08-28",
                    "Medium confidence: a third-party copy that does not name its edition; attributed to "
                    "the August 2025 edition because its values match a transcription of that edition and "
                    "it gives 18 Allies at 2 % in 2024, as TASS reported from the new report. Only 2024 is "
                    "marked as an estimate."])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
