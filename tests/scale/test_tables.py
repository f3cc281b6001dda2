"""DuckDB over Parquet gives the very tables adminduk.statistics gives over the register."""

from __future__ import annotations

import concurrent.futures
import datetime
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import regions, scale, statistics
from adminduk.errors import InvalidComponent
from adminduk.register import Registry
from adminduk.simulation import Partition, plan_partitions, synthesize_partition
from adminduk.statistics import Level
from tests.register.histories import lived_registers


def in_memory(parts: tuple[Partition, ...]) -> Registry:
    registry = Registry()
    for part in parts:
        for event in synthesize_partition(part):
            registry.apply(event)
    return registry


CASES: list[tuple[str | list[str], str, Level]] = [
    ("18.08", "18.08", "district"),
    ("18.08", "18.08.03", "village"),
    (["18.08", "18.71"], "18", "regency"),
    (["18.08", "31.71", "11.01"], regions.INDONESIA, "province"),
    (["18.08", "31.71"], regions.INDONESIA, "regency"),
]


@given(
    case=st.sampled_from(CASES),
    seed=st.integers(0, 2**16),
    residents=st.integers(0, 1_200),
    size=st.integers(30, 800),
)
@settings(max_examples=25)
def test_sql_tables_equal_the_core_on_the_same_people(
    case: tuple[str | list[str], str, Level], seed: int, residents: int, size: int
) -> None:
    """DuckDB's tables equal adminduk.statistics on the same synthesized people."""
    within, region, by = case
    parts = plan_partitions(within, residents=residents, seed=seed, partition_size=size)
    registry = in_memory(parts)
    day = datetime.date(2026, 1, 1)
    with tempfile.TemporaryDirectory() as folder:
        dataset, _ = scale.synthesize(
            Path(folder) / "data",
            within=within,
            residents=residents,
            seed=seed,
            partition_size=size,
            workers=0,
        )
        assert dataset.residents == residents
        assert scale.population_table(dataset, region, by=by) == statistics.population_table(
            registry, region, by=by, on=day
        )
        assert scale.ktp_el_coverage(dataset, region, by=by) == statistics.ktp_el_coverage(
            registry, region, by=by, on=day
        )
        assert scale.age_pyramid(dataset, region) == statistics.age_pyramid(
            registry, region, on=day
        )
        later = day + datetime.timedelta(days=3 * 365)  # ages and the KTP-el age move on
        assert scale.age_pyramid(dataset, region, on=later, width=10, top=60) == (
            statistics.age_pyramid(registry, region, on=later, width=10, top=60)
        )
        assert scale.ktp_el_coverage(dataset, region, by=by, on=later) == (
            statistics.ktp_el_coverage(registry, region, by=by, on=later)
        )


@given(lived_registers())
@settings(max_examples=20)
def test_an_exported_register_tabulates_as_the_register(registry: Registry) -> None:
    """A register's export tabulates in SQL exactly as the register does."""
    with tempfile.TemporaryDirectory() as folder:
        dataset = scale.export_register(registry, Path(folder) / "export")
        assert dataset.residents == len(registry.residents())
        for by in ("district", "village"):
            region = "18.08" if by == "district" else "18.08.01"
            assert scale.population_table(dataset, region, by=by) == (
                statistics.population_table(registry, region, by=by)
            )
            assert scale.ktp_el_coverage(dataset, region, by=by) == (
                statistics.ktp_el_coverage(registry, region, by=by)
            )
        assert scale.age_pyramid(dataset, "18.08", on=dataset.on) == statistics.age_pyramid(
            registry, "18.08", on=dataset.on
        )


def test_tables_render_with_the_levels_headers(tmp_path: Path) -> None:
    """National and regency tables render with their level's header; bad levels refused."""
    dataset, _ = scale.synthesize(
        tmp_path / "data", within=["18.08", "31.71"], residents=500, seed=3, workers=0
    )
    national = scale.population_table(dataset)
    assert national.region_name == "Indonesia"
    assert national.total.total == 500
    assert national.render().splitlines()[0].startswith("| Provinsi | Laki-laki")
    assert national.render(lang="en").splitlines()[-1].startswith("| Total | ")
    regencies = scale.population_table(dataset, "31", by="regency")
    assert regencies.render(lang="en").startswith("| Regency/City |")
    assert {row.code for row in regencies.rows if row.total} == {"31.71"}
    with pytest.raises(InvalidComponent, match="no provinces below"):
        scale.population_table(dataset, "18", by="province")
    with pytest.raises(InvalidComponent, match="by must be"):
        scale.ktp_el_coverage(dataset, by="kota")  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent, match="width"):
        scale.age_pyramid(dataset, width=0)
    with scale.connect(dataset) as db:
        assert db.sql("SELECT count(*) FROM records").fetchall() == [(500,)]


def test_an_empty_dataset_gives_tables_of_zeros(tmp_path: Path) -> None:
    """A dataset with no residents gives every row, all zero."""
    dataset, results = scale.synthesize(tmp_path / "empty", within="18", residents=0, workers=0)
    assert (dataset.files, results) == ((), ())
    table = scale.population_table(dataset, "18", by="regency")
    assert table.total.total == 0
    assert len(table.rows) == len(regions.children("18"))
    assert all(band.male == band.female == 0 for band in scale.age_pyramid(dataset))


def test_tables_from_many_threads_at_once_and_with_their_own_threads(registry: Registry) -> None:
    """The tables share one DuckDB database per process through a cursor each: eight threads
    tabulating two datasets at once get what each gets alone, and a call that sets its own
    thread count (its own database) changes nothing for the others."""
    with tempfile.TemporaryDirectory() as folder:
        full = scale.export_register(registry, Path(folder) / "full")
        empty = scale.export_register(Registry(), Path(folder) / "empty")
        alone = {
            name: (scale.population_table(d, "18.08", by="district"), scale.age_pyramid(d))
            for name, d in (("full", full), ("empty", empty))
        }
        assert (
            scale.population_table(full, "18.08", by="district", threads=1) == (alone["full"][0])
        )

        def tabulate(name: str) -> tuple[object, object]:
            dataset = full if name == "full" else empty
            return scale.population_table(dataset, "18.08", by="district"), scale.age_pyramid(
                dataset
            )

        names = ["full", "empty"] * 4
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(tabulate, names))
        assert found == [alone[name] for name in names]
