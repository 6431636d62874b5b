"""Time the crate, pandas and polars loading one CSV file; print times and ratios.

Each tool runs in its own process (so that each one's peak memory is its own), five
times; the best time of each counts. Times are measured inside each process around the
load alone (no interpreter or process start-up). Polars is given 2 threads, the machine's
two cores; the crate uses two threads for a file this size too.
"""
import os
import subprocess
import sys

RUNS = 5

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


def run(cmd, env=None):
    """Run cmd; return (seconds it printed, peak RSS in KiB)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{cmd[:2]} failed: {out}")
    return float(out.split()[-1]), usage.ru_maxrss


def best(cmd, env=None):
    results = [run(cmd, env) for _ in range(RUNS)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main():
    path, exe = sys.argv[1], sys.argv[2]
    size_kib = os.path.getsize(path) / 1024
    env2 = dict(os.environ, POLARS_MAX_THREADS="2")
    rows = {
        "csv floor (ByteRecord)": best([exe, "floor", path]),
        "defense-spending Dataset::load": best([exe, "load", path]),
        "pandas read_csv": best([sys.executable, "-c", PANDAS, path]),
        "polars read_csv (2 threads)": best([sys.executable, "-c", POLARS, path], env2),
    }
    import pandas, polars  # noqa: E401  (versions for the report)
    floor = rows["csv floor (ByteRecord)"][0]
    load = rows["defense-spending Dataset::load"][0]
    print(f"file: {path}, {os.path.getsize(path):,} bytes; best of {RUNS} runs")
    print(f"pandas {pandas.__version__}, polars {polars.__version__}, {os.cpu_count()} cores")
    print(f"{'':34} {'seconds':>9} {'x floor':>8} {'x crate':>8} {'peak RSS / file':>16}")
    for name, (secs, rss) in rows.items():
        print(f"{name:34} {secs:9.4f} {secs / floor:8.2f} {secs / load:8.2f} {rss / size_kib:16.2f}")


if __name__ == "__main__":
    main()
