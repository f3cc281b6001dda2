"""The national synthesis as a Dask job: one task per bounded partition, each writing Parquet."""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

import attrs
import pyarrow as pa
from distributed import Client, LocalCluster, as_completed

from adminduk.errors import AdmindukError, DatasetError, InvalidComponent, InvalidFormat
from adminduk.register.records import ResidentRecord, family_records
from adminduk.register.registry import Registry
from adminduk.scale._checks import check_columns
from adminduk.scale._columnar import draw_unchecked
from adminduk.scale._dataset import (
    Dataset,
    PartFile,
    batched,
    prepare,
    write_manifest,
    write_parquet,
)
from adminduk.simulation.partitions import (
    DEFAULT_DAY,
    Partition,
    plan_partitions,
    synthesize_partition,
)


@attrs.frozen
class PartitionResult:
    """What one task did: its partitions, file, rows, CPU seconds, its worker's peak memory."""

    partitions: tuple[Partition, ...]
    path: str
    rows: int
    cpu_seconds: float
    worker_peak_bytes: int
    worker: int


@attrs.frozen
class Progress:
    """How far a job is: tasks and residents done of the totals."""

    done: int
    tasks: int
    residents_done: int
    residents: int


def tasks_of(parts: Iterable[Partition], size: int) -> list[tuple[Partition, ...]]:
    """The partitions grouped into tasks: consecutive ones of one province, at most ``size``.

    A large district's slices are a task each; the small districts of a province share one, so
    a small national run is a few dozen files, not thousands of a few dozen people each (a
    query engine pays for every file it opens: 514 regency files of a 1M-resident run took
    DuckDB ten times as long as 46 province files).
    """
    tasks: list[tuple[Partition, ...]] = []
    group: list[Partition] = []
    held = 0
    for part in parts:
        if group and (part.province != group[0].province or held + part.residents > size):
            tasks.append(tuple(group))
            group, held = [], 0
        group.append(part)
        held += part.residents
    if group:
        tasks.append(tuple(group))
    return tasks


def _file_of(task: tuple[Partition, ...]) -> str:
    first, last = task[0], task[-1]
    name = first.name if len(task) == 1 else f"{first.name}--{last.name}"
    return f"province={first.province}/{name}.parquet"


def partition_records(partition: Partition) -> Iterator[ResidentRecord]:
    """The flat records of a partition's families, as drawn (streamed)."""
    for event in synthesize_partition(partition):
        residents = {person.nik: person for person in event.residents}
        yield from family_records(event.family, residents)


#: How a task draws its people: ``"objects"`` row by row through the core's records,
#: ``"columnar"`` column-wise with numpy (:func:`~adminduk.scale.draw_columns`).
Engine = Literal["objects", "columnar"]
ENGINES: tuple[Engine, ...] = ("objects", "columnar")


def _batches(
    task: tuple[Partition, ...], engine: Engine
) -> Iterator[list[ResidentRecord] | pa.Table]:
    if engine == "objects":
        yield from batched(record for part in task for record in partition_records(part))
        return
    # The task's pieces are drawn together and checked once, as one table of the task's
    # province (every NIK unique across the pieces too); the pieces whose families need more
    # adults than they hold (a few dozen people can) are drawn row by row.
    table, refused = draw_unchecked(task)
    if refused:
        yield from batched(record for part in refused for record in partition_records(part))
    if table.num_rows:
        check_columns(table, on=task[0].on, area=task[0].province)
        yield table


def _check_engine(engine: object) -> None:
    if engine not in ENGINES:
        raise InvalidComponent(f"engine must be one of {', '.join(ENGINES)}, not {engine!r:.20}")


def write_partitions(
    task: tuple[Partition, ...], root: str, engine: Engine = "objects"
) -> PartitionResult:
    """Synthesize partitions of one province into one Parquet file below ``root`` (a task)."""
    if not task or any(part.province != task[0].province for part in task):
        raise DatasetError("a task holds one or more partitions of one province")
    _check_engine(engine)
    started = time.process_time()
    path = _file_of(task)
    rows = write_parquet(Path(root) / path, _batches(task, engine))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return PartitionResult(task, path, rows, time.process_time() - started, peak, os.getpid())


def _run_on_dask(
    tasks: list[tuple[Partition, ...]],
    root: Path,
    *,
    scheduler: str | None,
    workers: int,
    finished: Callable[[PartitionResult], None],
    engine: Engine,
) -> None:
    with _client(scheduler, max(1, workers)) as client:
        futures = client.map(  # type: ignore[attr-defined]
            write_partitions, tasks, root=str(root.resolve()), engine=engine
        )
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            finished(future.result())


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[object]:
    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def synthesize(
    out: str | os.PathLike[str],
    *,
    within: str | Iterable[str] | None = None,
    residents: int | None = None,
    seed: int = 0,
    partition_size: int = 50_000,
    on: datetime.date = DEFAULT_DAY,
    scheduler: str | None = None,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    engine: Engine = "objects",
) -> tuple[Dataset, tuple[PartitionResult, ...]]:
    """Synthesize a country, provinces or regencies into a Parquet dataset at ``out``.

    One Dask task per :func:`~adminduk.simulation.plan_partitions` piece of at most
    ``partition_size`` residents (small districts of a regency share a task, up to that size), on a fresh local cluster of ``workers`` processes, or on the
    scheduler at ``scheduler`` (``"tcp://host:8786"``: its workers must see ``out`` and have
    adminduk installed). ``out`` must be new or empty; its manifest is written last, so an
    interrupted job leaves a directory every reader refuses. ``progress`` is called after each
    finished task. ``workers=0`` (and no scheduler) runs the same tasks in this process, one
    after another, without Dask: for small runs, tests and notebooks. ``engine="columnar"``
    draws each piece column-wise with numpy and checks the register's rules on the columns
    (:func:`~adminduk.scale.draw_columns`, several times faster; other people from the same
    seed). Returns the dataset and what each task did, in file order.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise InvalidFormat(f"workers must be an int, 0 or more, not {workers!r:.20}")
    _check_engine(engine)
    parts = plan_partitions(
        within, seed=seed, residents=residents, partition_size=partition_size, on=on
    )
    tasks = tasks_of(parts, partition_size)
    root = Path(out)
    prepare(root)
    total = sum(part.residents for part in parts)
    results: list[PartitionResult] = []

    def finished(result: PartitionResult) -> None:
        results.append(result)
        if progress is not None:
            done = sum(r.rows for r in results)
            progress(Progress(len(results), len(tasks), done, total))

    try:
        if scheduler is None and workers == 0:
            for task in tasks:
                finished(write_partitions(task, str(root), engine))
        else:
            _run_on_dask(
                tasks,
                root,
                scheduler=scheduler,
                workers=workers,
                finished=finished,
                engine=engine,
            )
    except AdmindukError:
        raise
    except Exception as error:
        raise DatasetError(
            f"the national job failed: {type(error).__name__}: {str(error)[:200]}"
        ) from None
    results.sort(key=lambda r: r.path)
    dataset = Dataset(
        root, on, "synthesized", seed, tuple(PartFile(r.path, r.rows) for r in results)
    )
    write_manifest(dataset)
    return dataset, tuple(results)


def export_register(
    registry: Registry, out: str | os.PathLike[str], *, on: datetime.date | None = None
) -> Dataset:
    """Write a register's flat records as a dataset (one file), tabulated like a national one.

    ``on`` is the day the dataset describes (default: the latest day in the register's journal).
    """
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    day = on or max((event.recorded_on for event in registry.journal), default=DEFAULT_DAY)
    root = Path(out)
    prepare(root)
    path = "register/records.parquet"
    try:
        rows = write_parquet(root / path, batched(registry.records()))
    except OSError as error:
        raise DatasetError(f"cannot write {root / path}: {error.strerror}") from None
    dataset = Dataset(root, day, "register", None, (PartFile(path, rows),))
    write_manifest(dataset)
    return dataset
