"""Time loading one CSV file into a data frame: this package (typed, validated; float64
figures in the default pandas frame, exact decimals with exact=True and in polars)
against pandas.read_csv and polars.read_csv; print times and ratios.

As in benches/compare/compare.py: each tool runs in its own process (so that each one's
peak memory is its own), RUNS times, the tools taking turns (so that a slow minute of a
shared machine falls on all of them); the median and the best time of each are reported.
Times are measured inside each process around the load alone: the imports (pandas,
polars, pyarrow, the package) come before the clock starts. Polars is given 2 threads,
the machine's two cores; the package uses both cores too.

    python bench_frame.py FILE [RUNS]
"""
import os
import subprocess
import sys

PACKAGE_PANDAS = """
import sys, time
import pandas, pyarrow
import defense_spending as dsp
t = time.perf_counter()
df = dsp.load(sys.argv[1]).spending_frame()
s = time.perf_counter() - t
assert isinstance(df, pandas.DataFrame)
print("package", len(df), s)
"""

PACKAGE_PANDAS_EXACT = """
import sys, time
import pandas, pyarrow
import defense_spending as dsp
t = time.perf_counter()
df = dsp.load(sys.argv[1]).spending_frame(exact=True)
print("package-exact", len(df), time.perf_counter() - t)
"""

PANDAS_PYTHON_STRINGS = """
import sys, time
import pandas
# Text in Python objects, as pandas stores it when pyarrow is not installed (the
# setting of benches/compare, whose environment has no pyarrow).
pandas.set_option("mode.string_storage", "python")
t = time.perf_counter()
df = pandas.read_csv(sys.argv[1])
print("pandas-python-strings", len(df), time.perf_counter() - t)
"""

PACKAGE_POLARS = """
import sys, time
import polars, pyarrow
import defense_spending as dsp
t = time.perf_counter()
df = dsp.load(sys.argv[1]).spending_polars()
print("package-polars", len(df), time.perf_counter() - t)
"""

PACKAGE_LOAD = """
import sys, time
import defense_spending as dsp
t = time.perf_counter()
ds = dsp.load(sys.argv[1])
print("load", len(ds), time.perf_counter() - t)
"""

PANDAS = """
import sys, time
import pandas
t = time.perf_counter()
df = pandas.read_csv(sys.argv[1])
print("pandas", len(df), time.perf_counter() - t)
"""

POLARS = """
import sys, time
import polars
t = time.perf_counter()
df = polars.read_csv(sys.argv[1])
print("polars", len(df), time.perf_counter() - t)
"""


def run(cmd, env):
    """Run cmd; return (rows, seconds it printed, peak RSS in KiB)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{cmd[:3]} failed: {out}")
    _, rows, secs = out.split()
    return int(rows), float(secs), usage.ru_maxrss


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    size_kib = os.path.getsize(path) / 1024
    before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    env = dict(os.environ, POLARS_MAX_THREADS="2")
    py = sys.executable
    tools = {
        "defense_spending: load + spending_frame (pandas)": PACKAGE_PANDAS,
        "defense_spending: load + spending_frame(exact=True)": PACKAGE_PANDAS_EXACT,
        "defense_spending: load + spending_polars": PACKAGE_POLARS,
        "defense_spending: load only": PACKAGE_LOAD,
        "pandas read_csv": PANDAS,
        "pandas read_csv, text as Python objects": PANDAS_PYTHON_STRINGS,
        "polars read_csv (2 threads)": POLARS,
    }
    results = {name: [] for name in tools}
    for _ in range(runs):
        for name, code in tools.items():
            results[name].append(run([py, "-c", code, path], env))
    rows = {}
    for name, found in results.items():
        counts = {r for r, _, _ in found}
        times = sorted(t for _, t, _ in found)
        rows[name] = (counts, times[len(times) // 2], times[0], max(m for _, _, m in found))
    import pandas, polars, pyarrow  # noqa: E401  (versions for the report)

    frame = "defense_spending: load + spending_frame (pandas)"
    pd_name, pl_name = "pandas read_csv", "polars read_csv (2 threads)"
    print(f"file: {path}, {os.path.getsize(path):,} bytes; {runs} runs each, taking turns")
    print(f"load average (1, 5, 15 min) before the runs: {before}")
    print(
        f"pandas {pandas.__version__}, polars {polars.__version__}, pyarrow {pyarrow.__version__}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print(
        f"{'':50} {'rows':>9} {'median s':>9} {'/pandas':>8} {'/polars':>8}"
        f" {'best s':>8} {'/pandas':>8} {'/polars':>8} {'RSS/file':>9}"
    )
    for name, (counts, med, top, rss) in rows.items():
        print(
            f"{name:50} {','.join(map(str, sorted(counts))):>9} {med:9.4f}"
            f" {med / rows[pd_name][1]:8.2f} {med / rows[pl_name][1]:8.2f}"
            f" {top:8.4f} {top / rows[pd_name][2]:8.2f} {top / rows[pl_name][2]:8.2f}"
            f" {rss / size_kib:9.2f}"
        )
    med, top = rows[frame][1], rows[frame][2]
    print()
    print(
        f"load + frame vs pandas.read_csv: {med / rows[pd_name][1]:.2f} (median), "
        f"{top / rows[pd_name][2]:.2f} (best); goal: under 1"
    )
    print(
        f"load + frame vs polars.read_csv: {med / rows[pl_name][1]:.2f} (median), "
        f"{top / rows[pl_name][2]:.2f} (best); goal: at most 1.5"
    )
    py_name = "pandas read_csv, text as Python objects"
    print(
        f"load + frame vs pandas.read_csv with text as Python objects: "
        f"{med / rows[py_name][1]:.2f} (median), {top / rows[py_name][2]:.2f} (best)"
    )


if __name__ == "__main__":
    main()
