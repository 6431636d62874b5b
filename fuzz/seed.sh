#!/usr/bin/env bash
# Seeds each target's corpus (fuzz/corpus/<target>, not committed) from the crate's own
# files and the publishers' real files: every file whole, and for the CSV files also their
# first 12 lines (small inputs mutate faster). The regression inputs in fuzz/regressions/
# are added too. The publishers' files are read from the shared fixtures folder, as the
# tests find it (tests/common/fixtures.rs): $DEFENSE_SPENDING_FIXTURES, else
# ../shared/fixtures beside the project; they are never copied into the repository.
set -euo pipefail
cd "$(dirname "$0")"
root=..
real="${DEFENSE_SPENDING_FIXTURES:-$root/../shared/fixtures}"
if [ ! -d "$real/worldbank" ]; then
    echo "seed.sh: the publishers' real files are not in $real (put ../shared beside the" \
         "project, or name the folder in DEFENSE_SPENDING_FIXTURES)" >&2
    exit 1
fi
seed() { # target file...
    local target="$1"; shift
    mkdir -p "corpus/$target"
    for f in "$@"; do
        local name
        name=$(basename "$f")
        cp "$f" "corpus/$target/$name"
        case "$f" in
            *.csv) head -n 12 "$f" > "corpus/$target/head-$name" ;;
        esac
    done
}
seed native_csv "$root"/data/*.csv "$root"/tests/fixtures/nato-2025-edition/*.csv
seed worldbank_csv "$real"/worldbank/*.csv
seed owid_csv "$real"/owid/*.csv
seed xlsx "$real"/nato/*.xlsx "$real"/sipri/*.xlsx
# wide_csv: a first byte picks the metric (0: share_of_gdp).
mkdir -p corpus/wide_csv
for f in "$real"/wide/*.csv; do
    { printf '\0'; cat "$f"; } > "corpus/wide_csv/$(basename "$f")"
    { printf '\0'; head -n 6 "$f"; } > "corpus/wide_csv/head-$(basename "$f")"
done
# archive: the World Bank's download, and its files joined by NULs (zipped by the target).
mkdir -p corpus/archive
python3 - corpus/archive/download.zip "$real"/worldbank/*.csv <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in sys.argv[2:]:
        z.write(f, f.rsplit("/", 1)[-1])
PY
{ head -n 8 "$real"/worldbank/Metadata_Indicator_*.csv; printf '\0';
  head -n 12 "$real"/worldbank/API_MS.MIL.XPND.GD.ZS_*.csv; } > corpus/archive/parts
# A few programs for the workbook builder (see fuzz_targets/xlsx.rs).
printf '\x01\x0a\x0b\x02\x00\x00\x00\x01\x00\x01\x10\x01\x01\x02\x00\x00\x01\x02\x01\x01\x00\x0f' > corpus/xlsx/built-sipri
printf '\x00\x02\x02\x00\x01\x00\x02\x03\x01\x00\x01\x05\x01\x05\x02\x00\x00\x01\x0c' > corpus/xlsx/built-nato
# A WB metadata file and a data file, joined by a NUL (see fuzz_targets/worldbank_csv.rs).
{ head -n 20 "$real"/worldbank/Metadata_Country_*.csv; printf '\0';
  head -n 20 "$real"/worldbank/API_MS.MIL.XPND.GD.ZS_*.csv; } > corpus/worldbank_csv/pair
for t in native_csv worldbank_csv owid_csv xlsx wide_csv archive; do
    if [ -d "regressions/$t" ]; then cp regressions/"$t"/* "corpus/$t/" 2>/dev/null || true; fi
done
