#!/usr/bin/env bash
# Times loading the same synthetic 1M-row Our World in Data file with this crate (through
# the bench_load example), pandas and polars, in one run, and prints the ratios.
#
#   bash benches/compare/run.sh [ROWS]        # default 1000000
#
# Installs pandas and polars with pip into a virtual environment under target/.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work="target/compare"
mkdir -p "$work"

cargo build --quiet --release --example bench_load
./target/release/examples/bench_load generate "$work/owid.csv" "$rows"

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pandas polars

"$work/venv/bin/python" benches/compare/compare.py "$work/owid.csv" ./target/release/examples/bench_load
