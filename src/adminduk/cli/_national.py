"""``adminduk national synthesize`` and ``adminduk national table`` (the ``scale`` extra).

``synthesize`` runs the national job (:func:`adminduk.scale.synthesize`) with a progress bar on
standard error; ``table`` prints a dataset's population table, KTP-el coverage or age pyramid.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

from adminduk import regions
from adminduk._privacy import redact
from adminduk.statistics import format_number

if TYPE_CHECKING:
    from collections.abc import Callable

    from adminduk.scale import Progress

__all__ = ["ProgressBar", "national_command"]


class ProgressBar:
    """Draws a job's progress on ``stream``: redrawn in place on a terminal, else every 10 %."""

    def __init__(self, stream: TextIO, *, clock: Callable[[], float] = time.perf_counter) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.tty = stream.isatty()
        self.shown = -1

    def __call__(self, progress: Progress) -> None:
        """Show ``progress`` (the national job calls it after each task)."""
        share = progress.residents_done / progress.residents if progress.residents else 1.0
        tenth = int(share * 10)
        if not self.tty and tenth == self.shown and progress.done < progress.tasks:
            return
        self.shown = tenth
        filled = int(share * 30)
        line = (
            f"[{'#' * filled}{'.' * (30 - filled)}] {share:6.1%} "
            f"{format_number(progress.residents_done, 'en')} / "
            f"{format_number(progress.residents, 'en')} residents, "
            f"{progress.done}/{progress.tasks} tasks, {self.clock() - self.started:.1f} s"
        )
        if self.tty:
            end = "\n" if progress.done == progress.tasks else ""
            self.stream.write(f"\r{line}{end}")
        else:
            self.stream.write(f"{line}\n")
        self.stream.flush()


def _synthesize(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    from adminduk import scale  # noqa: PLC0415 - the scale extra is optional

    within = args.region or None
    bar = ProgressBar(sys.stderr) if not args.quiet else None
    started = time.perf_counter()
    dataset, results = scale.synthesize(
        args.out,
        within=within,
        residents=args.residents,
        seed=args.seed,
        partition_size=args.partition_size,
        scheduler=args.scheduler,
        workers=args.workers,
        progress=bar,
        engine=args.engine,
    )
    wall = time.perf_counter() - started
    cpu = sum(result.cpu_seconds for result in results)
    peak = max((result.worker_peak_bytes for result in results), default=0)
    emit(
        f"wrote {format_number(dataset.residents, 'en')} residents in {len(dataset.files)} "
        f"files to {redact(str(dataset.root))} in {wall:.1f} s "
        f"({cpu / max(1, dataset.residents) * 1e6:.1f} us CPU per resident, "
        f"peak worker memory {peak / 2**20:.0f} MiB)"
    )
    return 0


def _table(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    from adminduk import scale  # noqa: PLC0415 - the scale extra is optional

    region = args.region or regions.INDONESIA
    if args.what == "population":
        table = scale.population_table(args.dataset, region, by=args.by)
        emit(table.render(lang=args.lang))
    elif args.what == "coverage":
        rows = scale.ktp_el_coverage(args.dataset, region, by=args.by)
        english = args.lang == "en"
        emit(
            "| Region | Required | Recorded | % |"
            if english
            else "| Wilayah | Wajib KTP-el | Sudah rekam | % |"
        )
        emit("|---|---|---|---|")
        for row in rows:
            shown = " | ".join(
                format_number(cell, args.lang)
                for cell in (row.required, row.recorded, row.coverage)
            )
            emit(f"| {row.name} | {shown} |")
    else:
        bands = scale.age_pyramid(args.dataset, region)
        emit(
            "| Age | Male | Female |" if args.lang == "en" else "| Umur | Laki-laki | Perempuan |"
        )
        emit("|---|---|---|")
        for band in bands:
            male, female = (
                format_number(band.male, args.lang),
                format_number(band.female, args.lang),
            )
            emit(f"| {band.label} | {male} | {female} |")
    return 0


def national_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Run ``national synthesize`` or ``national table``."""
    if args.action == "synthesize":
        return _synthesize(args, emit)
    return _table(args, emit)


def add_national_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``national`` and its two actions to the command line's parser."""
    national = commands.add_parser(
        "national", help="a synthetic country as a Dask job, tabulated by DuckDB (scale extra)"
    )
    actions = national.add_subparsers(dest="action", required=True)
    making = actions.add_parser("synthesize", help="synthesize residents into a Parquet dataset")
    making.add_argument("--residents", type=int, default=None, help="how many (default: 2025)")
    making.add_argument("--out", required=True, help="a new or empty directory")
    making.add_argument(
        "--region", action="append", default=[], help="a province or regency (repeatable)"
    )
    making.add_argument("--seed", type=int, default=0)
    making.add_argument("--partition-size", type=int, default=50_000, help="residents per task")
    making.add_argument("--scheduler", default=None, help="a Dask scheduler address")
    making.add_argument("--workers", type=int, default=2, help="local worker processes")
    making.add_argument(
        "--engine",
        choices=("objects", "columnar"),
        default="objects",
        help="draw row by row through the register's records, or column-wise with numpy",
    )
    making.add_argument("--quiet", action="store_true", help="no progress bar")
    tabling = actions.add_parser("table", help="tabulate a dataset with DuckDB")
    tabling.add_argument("dataset", help="a dataset directory")
    tabling.add_argument(
        "--by", choices=("province", "regency", "district", "village"), default="province"
    )
    tabling.add_argument("--region", default=None, help="the region tabulated (default: all)")
    tabling.add_argument(
        "--what", choices=("population", "coverage", "ages"), default="population"
    )
    tabling.add_argument("--lang", choices=("id", "en"), default="id")
