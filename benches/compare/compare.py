"""Time the crate, pandas and polars loading one CSV file; print times and ratios.

Each tool runs in its own process (so that each one's peak memory is its own), seven
times, the tools taking turns (so that a slow minute of a shared machine falls on all of
them); the median and the best time of each are reported. Times are measured inside
each process around the load alone (no interpreter or process start-up). Polars is given
2 threads, the machine's two cores; the crate uses both cores for a file this size too.
"""
import os
import subprocess
import sys

RUNS = 7

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


def main():
    path, exe = sys.argv[1], sys.argv[2]
    size_kib = os.path.getsize(path) / 1024
    env2 = dict(os.environ, POLARS_MAX_THREADS="2")
    tools = {
        "csv floor (ByteRecord)": ([exe, "floor", path], None),
        "defense-spending Dataset::load": ([exe, "load", path], None),
        "pandas read_csv": ([sys.executable, "-c", PANDAS, path], None),
        "polars read_csv (2 threads)": ([sys.executable, "-c", POLARS, path], env2),
    }
    results = {name: [] for name in tools}
    for _ in range(RUNS):
        for name, (cmd, env) in tools.items():
            results[name].append(run(cmd, env))
    rows = {}
    for name, runs in results.items():
        times = sorted(t for t, _ in runs)
        rows[name] = (times[len(times) // 2], times[0], max(r for _, r in runs))
    import pandas, polars  # noqa: E401  (versions for the report)
    floor, floor_best = rows["csv floor (ByteRecord)"][:2]
    load, load_best = rows["defense-spending Dataset::load"][:2]
    print(f"file: {path}, {os.path.getsize(path):,} bytes; {RUNS} runs each, taking turns")
    print(f"pandas {pandas.__version__}, polars {polars.__version__}, {os.cpu_count()} cores")
    print(
        f"{'':32} {'median s':>9} {'x floor':>8} {'x crate':>8}"
        f" {'best s':>8} {'x floor':>8} {'x crate':>8} {'peak RSS/file':>14}"
    )
    for name, (med, top, rss) in rows.items():
        print(
            f"{name:32} {med:9.4f} {med / floor:8.2f} {med / load:8.2f}"
            f" {top:8.4f} {top / floor_best:8.2f} {top / load_best:8.2f} {rss / size_kib:14.2f}"
        )


if __name__ == "__main__":
    main()
