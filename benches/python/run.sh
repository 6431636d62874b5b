#!/usr/bin/env bash
# Times loading the same synthetic 1M-row Our World in Data file into a data frame with
# the Python package (typed, validated, exact), pandas.read_csv and polars.read_csv, in
# one run, and prints the ratios.
#
#   bash benches/python/run.sh [ROWS] [RUNS]        # default 1000000 rows, 7 runs
#
# Builds the package (pip install ./python, the wheel profile) into a virtual environment
# under target/, with pandas, polars and pyarrow.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
runs="${2:-7}"
work="target/bench-python"
mkdir -p "$work"

cargo build --quiet --release --example bench_load
./target/release/examples/bench_load generate "$work/owid.csv" "$rows"

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pandas polars pyarrow
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python

"$work/venv/bin/python" benches/python/bench_frame.py "$work/owid.csv" "$runs"
