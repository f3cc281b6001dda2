"""Shared helpers for the benchmarks: timing by median over repeats, targets, a results table.

Machines here are shared and noisy, so every claim is a ratio measured in the same run, and every
figure is the median of several repeats.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path


@dataclass
class Figure:
    """One measured figure with what it is compared to."""

    name: str
    value: float
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""


@dataclass
class Report:
    """Collected figures of one benchmark run."""

    title: str
    figures: list[Figure] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def lines(self) -> list[str]:
        out = [
            f"## {self.title}",
            "",
            "| figure | value | target | result | note |",
            "|---|---|---|---|---|",
        ]
        for f in self.figures:
            verdict = "" if f.passed is None else ("PASS" if f.passed else "MISS")
            out.append(
                f"| {f.name} | {f.value:,.3f} {f.unit} | {f.target} | {verdict} | {f.note} |"
            )
        return out


def median_seconds(run: Callable[[], object], *, repeats: int, pause_gc: bool = False) -> float:
    """Median wall time of ``repeats`` calls of ``run`` (with the cyclic collector paused)."""
    times = []
    for _ in range(repeats):
        with gc_paused(pause_gc):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextlib.contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, as a bulk loader may choose to.

    adminduk's functions never do this themselves (it is process-wide state); the benchmarks
    measure both ways where it matters.
    """
    was_enabled = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Comparison:
    """Variants timed in alternation in one process: process CPU and wall time per round."""

    cpu: dict[str, list[float]]
    wall: dict[str, list[float]]

    def median_cpu(self, name: str) -> float:
        """Median process CPU seconds of one round of ``name``."""
        return statistics.median(self.cpu[name])

    def ratios(self, slower: str, faster: str) -> list[float]:
        """Per-round ratios of CPU time, ``slower`` over ``faster``."""
        return [s / f for s, f in zip(self.cpu[slower], self.cpu[faster], strict=True)]

    def ratio(self, slower: str, faster: str) -> tuple[float, float, float]:
        """(median, lowest, highest) of the per-round ratios of ``slower`` over ``faster``."""
        found = self.ratios(slower, faster)
        return statistics.median(found), min(found), max(found)

    def describe(self, slower: str, faster: str) -> str:
        """The ratio with its spread, for a figure's note."""
        median, low, high = self.ratio(slower, faster)
        return (
            f"median of {len(self.cpu[slower])} rounds {median:.2f}x (spread {low:.2f}-{high:.2f})"
        )


def compare(
    variants: dict[str, Callable[[], object]],
    *,
    rounds: int,
    before: Callable[[str], object] | None = None,
) -> Comparison:
    """Time each variant once per round, alternating their order, in this one process.

    The machine is shared and its load swings; variants measured side by side in every round
    share its state, so the per-round ratios hold where absolute times do not. ``before(name)``
    runs untimed ahead of each run of variant ``name`` (a fresh copy of what it changes).
    """
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    wall: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            if before is not None:
                before(name)
            gc.collect()
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            variants[name]()
            cpu[name].append(time.process_time() - started_cpu)
            wall[name].append(time.perf_counter() - started_wall)
    return Comparison(cpu, wall)


def versions(packages: Sequence[str]) -> str:
    """Installed versions of ``packages`` (or 'not installed')."""
    found = []
    for name in packages:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join(found)


def machine() -> str:
    """A one-line description of the machine and interpreter."""
    return (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {sys.version.split()[0]}"
    )


def arguments(description: str) -> argparse.Namespace:
    """Common command-line arguments: --smoke for tiny sizes, --out to write Markdown."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, to check the script runs"
    )
    parser.add_argument("--out", default=None, help="write the results as Markdown to this file")
    return parser.parse_args()


def publish(args: argparse.Namespace, packages: Sequence[str], body: Sequence[str]) -> None:
    """Print the results under a header (machine, versions, date) and write them to --out."""
    header = [
        f"Machine: {machine()}",
        f"Versions: {versions(packages)}",
        f"Date: {datetime.date.today().isoformat()}",
        "",
    ]
    text = "\n".join([*header, *body]) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
