"""National scale: the Dask synthesis job per worker, and DuckDB beside polars and pandas.

Side by side in one run, on this machine: the national job on a 2-worker
``distributed.LocalCluster`` at 1M and 5M residents (residents per CPU second per worker, peak
memory per worker), a single task of 600,000 residents (Kabupaten Bogor in one partition: the
memory of a large partition), the national table by province and sex (adminduk's
``scale.population_table`` on DuckDB, the same count in polars and in pandas) over the same 1M-
and 5M-row Parquet (each in its own process, alternated, for its time and peak memory), and the
extrapolation to 285 million residents here and on 32 cores.

The columnar engine (``engine="columnar"``: numpy draws, the register's rules checked on the
columns) is measured twice: the same Dask job at 1M and 5M, and in this process against the
row-by-row engine on the same pieces, alternated, CPU time, with the collector running.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _harness import Figure, Report, arguments, compare, gc_paused, publish

from adminduk import regions, scale
from adminduk.simulation import plan_partitions

#: The prototype of the national issue: about 50 us of CPU per resident.
PROTOTYPE_US = 50.0
NATIONAL = regions.population(regions.INDONESIA).total
GIB = 2**30

_TABULATE = {
    "duckdb": """
import json, resource, sys, time
from adminduk import scale
times = []
for _ in range(2):  # the first call in a fresh process, then the same call again
    started = time.perf_counter()
    table = scale.population_table(sys.argv[1])
    times.append(time.perf_counter() - started)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": times[0], "again": times[1], "peak": peak, "total": table.total.total}))
""",
    "pandas": """
import json, resource, sys, time
import pandas as pd
from adminduk import scale
dataset = scale.open_dataset(sys.argv[1])
times = []
for _ in range(2):
    started = time.perf_counter()
    columns = ["province", "sex", "life_status"]
    frame = pd.concat([pd.read_parquet(path, columns=columns) for path in dataset.paths()])
    alive = frame[frame["life_status"] == 1]
    table = alive.groupby(["province", "sex"]).size()
    times.append(time.perf_counter() - started)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": times[0], "again": times[1], "peak": peak, "total": int(table.sum())}))
""",
    "polars": """
import json, resource, sys, time
import polars as pl
from adminduk import scale
dataset = scale.open_dataset(sys.argv[1])
times = []
for _ in range(2):
    started = time.perf_counter()
    table = (
        pl.scan_parquet(dataset.paths(), hive_partitioning=False)
        .filter((pl.col("life_status") == 1) & pl.col("village").is_not_null())
        .group_by(["province", "sex"])
        .len()
        .collect()
    )
    times.append(time.perf_counter() - started)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": times[0], "again": times[1], "peak": peak, "total": int(table["len"].sum())}))
""",
}
#: DuckDB's national table within this factor of the fastest tool beside it (issue 32).
TABLE_RATIO = 1.2
#: The columnar engine's aim: CPU microseconds per resident, every register rule checked.
COLUMNAR_US = 5.0


def job(
    root: Path,
    residents: int,
    *,
    within: str | None = None,
    size: int = 50_000,
    engine: scale.Engine = "objects",
) -> tuple[scale.Dataset, tuple[scale.PartitionResult, ...], float]:
    started = time.perf_counter()
    dataset, results = scale.synthesize(
        root,
        within=within,
        residents=residents,
        seed=1,
        partition_size=size,
        workers=2,
        engine=engine,
    )
    return dataset, results, time.perf_counter() - started


def columnar_figures(report: Report, root: Path, residents: int) -> float:
    """The columnar engine's Dask job at ``residents``; return its CPU us per resident."""
    dataset, results, wall = job(root, residents, engine="columnar")
    assert dataset.residents == residents
    cpu = sum(r.cpu_seconds for r in results)
    per_resident = cpu / residents * 1e6
    report.add(
        Figure(
            f"{residents:,} residents, columnar engine: CPU per resident per worker",
            per_resident,
            "us",
            f"<= {COLUMNAR_US:.0f} us, every register rule checked",
            per_resident <= COLUMNAR_US,
            note=f"{len(results)} tasks, wall {wall:.1f} s on 2 workers; "
            f"peak worker memory {max(r.worker_peak_bytes for r in results) / 2**20:.0f} MiB; "
            "task CPU includes writing the Parquet file",
        )
    )
    return per_resident


def engines_side_by_side(report: Report, residents: int, rounds: int) -> None:
    """Both engines on the same pieces in this process, alternated (collector running)."""
    parts = plan_partitions("18.08", residents=residents, seed=3, partition_size=50_000)
    drawn = sum(p.residents for p in parts)

    def objects() -> None:
        for part in parts:
            for _ in scale.partition_records(part):
                pass

    def columnar() -> None:
        for part in parts:
            scale.draw_columns(part)

    scale.draw_columns(parts[0])  # load the region lists and tables both engines read
    next(iter(scale.partition_records(parts[0])))
    running = compare({"objects": objects, "columnar": columnar}, rounds=rounds)
    with gc_paused():
        paused = compare({"objects": objects, "columnar": columnar}, rounds=rounds)
    per = running.median_cpu("columnar") / drawn * 1e6
    report.add(
        Figure(
            f"columnar drawing, {drawn:,} residents of Way Kanan: CPU per resident",
            per,
            "us",
            f"<= {COLUMNAR_US:.0f} us",
            per <= COLUMNAR_US,
            note=f"row-by-row records over columnar: {running.describe('objects', 'columnar')}, "
            f"collector running; paused {paused.describe('objects', 'columnar')}; rules "
            "checked on the columns (no Parquet written)",
        )
    )


def job_figures(
    report: Report,
    label: str,
    residents: int,
    results: tuple[scale.PartitionResult, ...],
    wall: float,
) -> float:
    """Add a run's figures; return its CPU microseconds per resident."""
    cpu = sum(r.cpu_seconds for r in results)
    per_resident = cpu / residents * 1e6
    peak = max(r.worker_peak_bytes for r in results)
    largest = max(r.rows for r in results)
    report.add(
        Figure(
            f"{label}: residents per CPU second per worker",
            residents / cpu,
            "res/s",
            f">= {2e6 / PROTOTYPE_US:,.0f} (2x the prototype's {PROTOTYPE_US:.0f} us)",
            per_resident <= PROTOTYPE_US / 2,
            note=f"{per_resident:.1f} us CPU per resident; {len(results)} tasks, "
            f"largest {largest:,} residents; wall {wall:.1f} s on 2 workers",
        )
    )
    report.add(
        Figure(
            f"{label}: peak memory per worker",
            peak / 2**20,
            "MiB",
            "< 1,024 MiB",
            peak < GIB,
            note="ru_maxrss of the worker process (Dask and adminduk loaded included)",
        )
    )
    return per_resident


def tabulate(tool: str, root: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _TABULATE[tool], str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, float] = json.loads(result.stdout)
    return found


def table_figures(report: Report, root: Path, rows: int, rounds: int) -> None:
    """The national table in DuckDB (adminduk), polars and pandas, alternated, each in its own
    process; DuckDB's time over the fastest other tool's, per round."""
    # polars and pandas come with the bench extra (`make bench`); a smoke run may lack them.
    tools = ["duckdb"] + [t for t in ("polars", "pandas") if importlib.util.find_spec(t)]
    times: dict[str, list[float]] = {tool: [] for tool in tools}
    again: dict[str, list[float]] = {tool: [] for tool in tools}
    peaks: dict[str, list[float]] = {tool: [] for tool in tools}
    for index in range(rounds):
        for tool in tools if index % 2 == 0 else reversed(tools):
            found = tabulate(tool, root)
            assert int(found["total"]) == rows
            times[tool].append(found["seconds"])
            again[tool].append(found["again"])
            peaks[tool].append(found["peak"])
    duck = statistics.median(times["duckdb"])
    others = [tool for tool in tools if tool != "duckdb"]
    notes = [
        f"{tool} {statistics.median(times[tool]):.3f} s, "
        f"{statistics.median(peaks[tool]) / 2**20:.0f} MiB"
        for tool in others
    ]
    report.add(
        Figure(
            f"national table over {rows:,} rows: DuckDB",
            duck,
            "s",
            "< 2 s",
            duck < 2.0,
            note=f"peak {statistics.median(peaks['duckdb']) / 2**20:.0f} MiB; " + "; ".join(notes),
        )
    )
    if not others:
        return
    fastest = min(others, key=lambda tool: statistics.median(times[tool]))
    ratios = [d / f for d, f in zip(times["duckdb"], times[fastest], strict=True)]
    report.add(
        Figure(
            f"national table over {rows:,} rows: DuckDB / {fastest}",
            statistics.median(ratios),
            "x",
            f"<= {TABLE_RATIO}x",
            statistics.median(ratios) <= TABLE_RATIO,
            note=f"median of {rounds} alternated rounds (spread {min(ratios):.2f}-"
            f"{max(ratios):.2f}); the first call in a fresh process; adminduk's includes "
            "opening the dataset, building the table's rows and starting DuckDB",
        )
    )
    warm = [d / f for d, f in zip(again["duckdb"], again[fastest], strict=True)]
    report.add(
        Figure(
            f"national table over {rows:,} rows, called again in the process: DuckDB / {fastest}",
            statistics.median(warm),
            "x",
            "",
            None,
            note=f"median of {rounds} rounds (spread {min(warm):.2f}-{max(warm):.2f}); "
            f"DuckDB {statistics.median(again['duckdb']):.3f} s, {fastest} "
            f"{statistics.median(again[fastest]):.3f} s",
        )
    )


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    report = Report("National scale (Dask job, DuckDB tabulation)")
    sizes = (20_000,) if args.smoke else (1_000_000, 5_000_000)
    big = 20_000 if args.smoke else 600_000
    rounds = 1 if args.smoke else 5
    costs = []
    columnar = []
    engines_side_by_side(report, 20_000 if args.smoke else 200_000, rounds)
    with tempfile.TemporaryDirectory() as folder:
        for residents in sizes:
            root = Path(folder) / f"n{residents}"
            dataset, results, wall = job(root, residents)
            assert dataset.residents == residents
            costs.append(job_figures(report, f"{residents:,} residents", residents, results, wall))
            columnar.append(columnar_figures(report, Path(folder) / f"c{residents}", residents))
            table_figures(report, root, residents, rounds)
        # One partition as large as a whole regency (Kabupaten Bogor, 32.01): memory follows
        # the writer's batch, not the partition.
        bogor = Path(folder) / "bogor"
        _, results, wall = job(bogor, big, within="32.01", size=big)
        report.add(
            Figure(
                f"one partition of {max(r.rows for r in results):,} residents: peak worker memory",
                max(r.worker_peak_bytes for r in results) / 2**20,
                "MiB",
                "< 1,024 MiB",
                max(r.worker_peak_bytes for r in results) < GIB,
                note=f"Kabupaten Bogor in {len(results)} task(s); the writer flushes every "
                "65,536 rows",
            )
        )
    per_resident = costs[-1]
    here = NATIONAL * per_resident / 1e6 / 2
    cluster = NATIONAL * per_resident / 1e6 / 32
    report.add(
        Figure(
            f"extrapolated: {NATIONAL:,} residents on this machine (2 workers)",
            here / 3600,
            "h",
            note=f"{per_resident:.1f} us CPU per resident, linear (each task is independent); "
            f"on 32 cores {cluster / 60:.0f} min; partitions of at most 50,000 residents",
        )
    )
    fast = columnar[-1]
    report.add(
        Figure(
            f"extrapolated, columnar engine: {NATIONAL:,} residents on this machine (2 workers)",
            NATIONAL * fast / 1e6 / 2 / 3600,
            "h",
            note=f"{fast:.1f} us CPU per resident; on 32 cores "
            f"{NATIONAL * fast / 1e6 / 32 / 60:.1f} min",
        )
    )
    publish(
        args,
        ["adminduk", "dask", "distributed", "pyarrow", "duckdb", "polars", "pandas"],
        report.lines(),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
