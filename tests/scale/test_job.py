"""The national job on a real Dask cluster, and datasets refused when they cannot be trusted."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster

from adminduk import scale
from adminduk.errors import DatasetError, InvalidFormat
from adminduk.simulation import plan_partitions

WITHIN = ["18.08", "31.71"]


def job(out: Path, **how: Any) -> tuple[scale.Dataset, tuple[scale.PartitionResult, ...]]:
    """The same small plan (two regencies, 3,000 residents, seed 11), run as ``how`` says."""
    return scale.synthesize(
        out, within=WITHIN, residents=3_000, seed=11, partition_size=700, **how
    )


def rows_of(dataset: scale.Dataset) -> list[tuple[object, ...]]:
    with scale.connect(dataset) as db:
        return db.sql("SELECT * FROM records ORDER BY nik").fetchall()


@pytest.fixture(scope="module")
def here(tmp_path_factory: pytest.TempPathFactory) -> scale.Dataset:
    """The job's tasks run in this process: what every cluster must reproduce."""
    out = tmp_path_factory.mktemp("here") / "data"
    dataset, _ = job(out, workers=0)
    return dataset


def test_a_local_cluster_of_two_workers_writes_the_same_people(
    tmp_path: Path, here: scale.Dataset
) -> None:
    """A 2-worker LocalCluster writes the very rows the in-process run writes."""
    seen: list[scale.Progress] = []
    dataset, results = job(tmp_path / "data", workers=2, progress=seen.append)
    assert {r.worker for r in results}.isdisjoint({os.getpid()}), "tasks ran on the workers"
    assert dataset.residents == 3_000
    assert [p.done for p in seen] == list(range(1, len(results) + 1))
    assert seen[-1].residents_done == seen[-1].residents == 3_000
    assert all(r.worker_peak_bytes > 0 and r.cpu_seconds > 0 for r in results)
    assert [f.path for f in dataset.files] == [f.path for f in here.files]
    assert rows_of(dataset) == rows_of(here)
    assert scale.open_dataset(tmp_path / "data") == dataset


def test_the_same_code_runs_on_a_scheduler_given_by_address(
    tmp_path: Path, here: scale.Dataset
) -> None:
    """The job runs unchanged on a scheduler reached by its address."""
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        dataset, _ = job(tmp_path / "data", scheduler=address)
    assert rows_of(dataset) == rows_of(here)
    assert scale.population_table(dataset) == scale.population_table(here)


def test_files_are_partitioned_by_province(here: scale.Dataset) -> None:
    """Each file sits under its province and holds only that province's residents."""
    folders = {Path(f.path).parent.as_posix() for f in here.files}
    assert folders == {"province=18", "province=31"}
    with scale.connect(here) as db:
        for file in here.files:
            province = int(Path(file.path).parent.name.removeprefix("province="))
            found = db.sql(
                "SELECT DISTINCT province FROM read_parquet(?)",
                params=[str(here.root / file.path)],
            ).fetchall()
            assert found == [(province,)]
        mixed = db.sql("SELECT count(*) FROM records WHERE regency NOT IN (1808, 3171)").fetchall()
    assert mixed == [(0,)]


def test_a_directory_in_use_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """A non-empty directory, a file or bad workers are refused before anything is written."""
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(DatasetError, match="not empty"):
        scale.synthesize(tmp_path, within="18.08", residents=10, workers=0)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    with pytest.raises(DatasetError, match="not a directory"):
        scale.synthesize(tmp_path / "notes.txt", within="18.08", residents=10, workers=0)
    with pytest.raises(InvalidFormat, match="workers"):
        scale.synthesize(tmp_path / "new", residents=10, workers=-1)
    assert not (tmp_path / "new").exists()


def test_a_job_that_fails_leaves_no_dataset_anyone_can_read(tmp_path: Path) -> None:
    """A job failing halfway raises DatasetError and leaves no manifest."""
    out = tmp_path / "data"

    def sabotage(progress: scale.Progress) -> None:
        # After the first task, the province's folder becomes a file: the next write fails.
        if progress.done == 1:
            shutil.rmtree(out / "province=18")
            (out / "province=18").write_text("in the way")

    with pytest.raises(DatasetError, match="job failed: "):
        scale.synthesize(
            out,
            within="18.08",
            residents=500,
            partition_size=100,
            workers=0,
            progress=sabotage,
        )
    with pytest.raises(DatasetError, match="did not finish"):
        scale.open_dataset(out)


def manifest_of(dataset: scale.Dataset) -> dict[str, object]:
    document = json.loads((dataset.root / "_dataset.json").read_text())
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not an adminduk national dataset"),
        (lambda d: d.update(schema_version=2), "record schema 2"),
        (lambda d: d.update(schema_version="1"), "schema_version"),
        (lambda d: d.update(on="yesterday"), "not a date"),
        (lambda d: d.update(seed=True), "seed"),
        (lambda d: d.update(files={"a": 1}), "files"),
        (lambda d: d.update(files=[["x"]]), "not an object"),
        (lambda d: d.update(files=[{"path": "../../etc/passwd", "rows": 1}]), "missing"),
        (lambda d: d.update(files=[{"path": "gone.parquet", "rows": 1}]), "missing"),
        (lambda d: d.update(files=[{"path": "x", "rows": "1"}]), "rows"),
    ],
)
def test_a_manifest_that_cannot_be_trusted_is_refused(
    tmp_path: Path, here: scale.Dataset, change: object, message: str
) -> None:
    """Each way a manifest can be wrong is refused with DatasetError."""
    document = manifest_of(here)
    assert callable(change)
    change(document)
    (tmp_path / "_dataset.json").write_text(json.dumps(document))
    with pytest.raises(DatasetError, match=message):
        scale.population_table(tmp_path)


@pytest.mark.parametrize(
    "name",
    ["/etc/passwd", "a/../b.parquet", "./a.parquet", "a//b.parquet", "a\\b.parquet", "",
     "a\0.parquet"],
)  # fmt: skip
def test_a_manifest_naming_files_outside_is_refused(tmp_path: Path, name: str) -> None:
    """Absolute, dotted, empty or odd names are refused before anything is read."""
    document = {"format": "adminduk-national", "schema_version": 1, "on": "2026-01-01",
                "source": "synthesized", "seed": 1, "files": [{"path": name, "rows": 1}]}  # fmt: skip
    (tmp_path / "_dataset.json").write_text(json.dumps(document))
    with pytest.raises(DatasetError, match="missing"):
        scale.open_dataset(tmp_path)


def test_links_inside_a_dataset_are_refused(tmp_path: Path, here: scale.Dataset) -> None:
    """A file or a folder that is a link (which could point the reader anywhere) is refused; the
    same dataset copied as real files opens."""
    copy = tmp_path / "copy"
    shutil.copytree(here.root, copy)
    assert scale.open_dataset(copy).residents == here.residents
    first = here.files[0].path
    outside = tmp_path / "outside.parquet"
    shutil.copy(copy / first, outside)
    (copy / first).unlink()
    (copy / first).symlink_to(outside)
    with pytest.raises(DatasetError, match="missing"):
        scale.open_dataset(copy)
    (copy / first).unlink()
    shutil.copy(outside, copy / first)
    folder = copy / first.split("/")[0]
    moved = tmp_path / "moved"
    folder.rename(moved)
    folder.symlink_to(moved, target_is_directory=True)
    with pytest.raises(DatasetError, match="missing"):
        scale.open_dataset(copy)


def test_a_manifest_that_is_not_json_is_refused(tmp_path: Path) -> None:
    """A manifest that is not JSON, not a mapping, or absent is refused."""
    (tmp_path / "_dataset.json").write_text("{not json")
    with pytest.raises(DatasetError, match="not JSON"):
        scale.open_dataset(tmp_path)
    (tmp_path / "_dataset.json").write_text("[1, 2]")
    with pytest.raises(DatasetError, match="not an adminduk"):
        scale.open_dataset(tmp_path)
    with pytest.raises(DatasetError, match=r"no _dataset\.json"):
        scale.open_dataset(tmp_path / "elsewhere")


def test_a_damaged_parquet_file_is_a_dataset_error(tmp_path: Path) -> None:
    """A truncated or foreign Parquet file is refused with DatasetError when it is read."""
    dataset, _ = scale.synthesize(tmp_path / "data", within="18.08", residents=300, workers=0)
    part = dataset.root / dataset.files[0].path
    part.write_bytes(part.read_bytes()[:100])  # truncated, as by a full disk
    with pytest.raises(DatasetError, match="cannot be read"):
        scale.population_table(dataset, "18.08", by="district")
    part.write_text("not parquet at all")
    with pytest.raises(DatasetError, match="cannot be read"):
        scale.ktp_el_coverage(dataset)
    with pytest.raises(DatasetError, match="cannot be read"):
        scale.age_pyramid(dataset)


def test_threads_must_be_a_positive_int(here: scale.Dataset) -> None:
    """DuckDB's thread count is checked before DuckDB sees it."""
    assert scale.population_table(here, threads=1) == scale.population_table(here)
    for bad in (0, -1, True, "2"):
        with pytest.raises(InvalidFormat, match="threads"):
            scale.population_table(here, threads=bad)  # type: ignore[arg-type]


def test_tasks_group_a_provinces_partitions_and_never_mix_provinces(tmp_path: Path) -> None:
    """Small districts of several regencies of one province share a task (one file), up to
    the size; a task never spans two provinces, and one that does is refused unwritten."""
    parts = plan_partitions(["18.08", "18.71", "31.71"], seed=3, residents=2_000)
    tasks = scale.tasks_of(parts, 5_000)
    assert [part for task in tasks for part in task] == list(parts)
    assert all(len({part.province for part in task}) == 1 for task in tasks)
    lampung = [task for task in tasks if task[0].province == "18"]
    assert len(lampung) == 1
    assert {part.regency for part in lampung[0]} == {"18.08", "18.71"}
    for task in scale.tasks_of(parts, 300):
        assert sum(part.residents for part in task) <= 300 or len(task) == 1
    mixed = (lampung[0][0], tasks[-1][0])
    with pytest.raises(DatasetError, match="one province"):
        scale.write_partitions(mixed, str(tmp_path))
    assert list(tmp_path.iterdir()) == []
