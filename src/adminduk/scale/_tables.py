"""The statistics tables in DuckDB SQL over a dataset's Parquet files, as adminduk's table types.

Each query counts flat records the way :mod:`adminduk.statistics` counts a register: living
residents where their family lives, KTP-el required from the age limit or the first marriage, ages
on the day. The rule's parameters come from their single definitions in the core (the birth
limit, ``MaritalStatus.ever_married``, ``KTPElStatus.is_recorded``) and go to SQL as parameters.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import duckdb

from adminduk import regions
from adminduk._dates import require_day
from adminduk.codes import KTPElStatus, LifeStatus, MaritalStatus, Sex
from adminduk.errors import DatasetError, InvalidFormat
from adminduk.register import ktp_el_birth_limit
from adminduk.scale._dataset import RECORD_SCHEMA, Dataset, open_dataset
from adminduk.statistics import (
    AgeBand,
    CoverageRow,
    Level,
    PopulationTable,
    regions_of,
)

Source = str | os.PathLike[str] | Dataset


@attrs.frozen
class _Records:
    """An open connection and how a query names the dataset's records in it.

    ``source`` goes in a query's FROM clause and takes ``parameters`` (the file list): the tables
    read the files straight from there, which spares DuckDB binding them twice (a view over a
    relation), about a tenth of a national table over 500 files.
    """

    connection: duckdb.DuckDBPyConnection
    dataset: Dataset
    source: str
    parameters: list[Any]


#: One in-memory DuckDB database per process, whose cursors the tables query through: opening a
#: database costs 10-20 ms, about a third of a national table over a million rows, and a cursor
#: a fraction of a millisecond. Nothing is stored in it (a cursor's registered table is its own)
#: and no setting of it is changed; a forked child opens its own.
_SHARED: dict[int, duckdb.DuckDBPyConnection] = {}
_SHARED_LOCK = threading.Lock()


def _connect(threads: int | None, *, own: bool) -> duckdb.DuckDBPyConnection:
    """A connection for one call: a cursor on the shared database, or a database of its own.

    Its own for a call that sets its thread count (a database-wide setting) and for an
    analyst's :func:`connect`.
    """
    if own or threads is not None:
        connection = duckdb.connect(":memory:")
        if threads is not None:
            connection.execute(f"SET threads = {threads}")
        return connection
    with _SHARED_LOCK:
        shared = _SHARED.get(os.getpid())
        if shared is None:
            _SHARED.clear()  # a parent's database, copied by a fork, is not used
            shared = _SHARED[os.getpid()] = duckdb.connect(":memory:")
        return shared.cursor()


@contextmanager
def _records(source: Source, threads: int | None, *, translate: bool = True) -> Iterator[_Records]:
    """The dataset's records for queries; DuckDB's errors as :class:`DatasetError`.

    A damaged or foreign Parquet file surfaces when it is read (in the query): ``translate``
    turns DuckDB's error into a typed one, except for an analyst's own connection.
    """
    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise InvalidFormat(f"threads must be a positive int, not {threads!r:.20}")
    dataset = open_dataset(source)
    connection = _connect(threads, own=not translate)
    try:
        paths = dataset.paths()
        if paths:
            found = _Records(
                connection, dataset, "read_parquet(?, hive_partitioning = false)", [paths]
            )
        else:  # an empty dataset: an empty table of the same columns
            connection.register("empty_records", RECORD_SCHEMA.empty_table())
            found = _Records(connection, dataset, "empty_records", [])
        yield found
    except duckdb.Error as error:
        if not translate:
            raise
        raise DatasetError(
            f"the dataset at {dataset.root} cannot be read: {type(error).__name__}: "
            f"{str(error)[:200]}"
        ) from None
    finally:
        connection.close()


def _scope(region_code: str) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) keeping residents living in ``region_code``."""
    if region_code == regions.INDONESIA:
        return "village IS NOT NULL", []
    region = regions.get(region_code)
    # The record's columns are named after the levels (province, regency, district, village).
    return f"{region.level.name.lower()} = ?", [regions.to_number(region.code)]


def _day(dataset: Dataset, on: datetime.date | None) -> datetime.date:
    if on is None:
        return dataset.on
    require_day(on)
    return on


def population_table(
    source: Source,
    region_code: str = regions.INDONESIA,
    *,
    by: Level = "province",
    on: datetime.date | None = None,
    threads: int | None = None,
) -> PopulationTable:
    """Living residents by sex per province, regency, district or village, with totals.

    ``source`` is a dataset directory (or :class:`Dataset`); ``region_code`` the region tabulated
    (the country by default); ``on`` the day the region list is taken from (default: the
    dataset's day). The result is :class:`adminduk.statistics.PopulationTable`, so its
    ``render()`` and ``to_records()`` work as for a register.
    """
    with _records(source, threads) as records:
        day = _day(records.dataset, on)
        regions_of(region_code, by=by, on=day)  # checks by and the region before any SQL
        where, parameters = _scope(region_code)
        column = by  # checked by regions_of: one of the record's four region columns
        found = records.connection.execute(
            f"SELECT {column}, count(*) FILTER (WHERE sex = ?), count(*) FILTER (WHERE sex = ?) "
            f"FROM {records.source} WHERE life_status = ? AND {where} GROUP BY {column}",
            [
                Sex.MALE.code,
                Sex.FEMALE.code,
                *records.parameters,
                LifeStatus.ALIVE.code,
                *parameters,
            ],
        ).fetchall()
    counts = {regions.from_number(number): (male, female) for number, male, female in found}
    return PopulationTable.from_counts(region_code, counts, by=by, on=day)


def ktp_el_coverage(
    source: Source,
    region_code: str = regions.INDONESIA,
    *,
    by: Level = "regency",
    on: datetime.date | None = None,
    threads: int | None = None,
) -> list[CoverageRow]:
    """KTP-el coverage per region: recorded / required (alive, 17 or older or ever married).

    As :func:`adminduk.statistics.ktp_el_coverage`, over a dataset (default: per regency of the
    country, on the dataset's day).
    """
    with _records(source, threads) as records:
        day = _day(records.dataset, on)
        children = regions_of(region_code, by=by, on=day)
        where, parameters = _scope(region_code)
        column = by  # checked by regions_of: one of the record's four region columns
        married = [s.code for s in MaritalStatus if s.ever_married]
        recorded = [s.code for s in KTPElStatus if s.is_recorded]
        found = records.connection.execute(
            f"SELECT {column}, count(*), count(*) FILTER (WHERE list_contains(?, ktp_el_status)) "
            f"FROM {records.source} WHERE life_status = ? AND {where} "
            "AND (birth_date <= ? OR list_contains(?, marital_status)) "
            f"GROUP BY {column}",
            [
                recorded,
                *records.parameters,
                LifeStatus.ALIVE.code,
                *parameters,
                ktp_el_birth_limit(day),
                married,
            ],
        ).fetchall()
    counts = {regions.from_number(number): (required, done) for number, required, done in found}
    return [CoverageRow(c.code, c.name, *counts.get(c.code, (0, 0))) for c in children]


def age_pyramid(
    source: Source,
    region_code: str = regions.INDONESIA,
    *,
    on: datetime.date | None = None,
    width: int = 5,
    top: int = 75,
    threads: int | None = None,
) -> list[AgeBand]:
    """Living residents by age band and sex, youngest first (as the core's ``age_pyramid``)."""
    bands = AgeBand.band_count(width, top)
    with _records(source, threads) as records:
        day = _day(records.dataset, on)
        where, parameters = _scope(region_code)
        # Whole years on the day: the year difference, less one before the birthday.
        found = records.connection.execute(
            "SELECT least((year(?::DATE) - year(birth_date) - CASE WHEN "
            "month(birth_date) * 100 + day(birth_date) > ? THEN 1 ELSE 0 END) // ?, ?) AS band, "
            "count(*) FILTER (WHERE sex = ?), count(*) FILTER (WHERE sex = ?) "
            f"FROM {records.source} WHERE life_status = ? AND {where} GROUP BY band",
            [
                day,
                day.month * 100 + day.day,
                width,
                bands - 1,
                Sex.MALE.code,
                Sex.FEMALE.code,
                *records.parameters,
                LifeStatus.ALIVE.code,
                *parameters,
            ],
        ).fetchall()
    counts: list[tuple[int, int]] = [(0, 0)] * bands
    for band, male, female in found:
        counts[band] = (male, female)
    return AgeBand.pyramid(counts, width=width, top=top)


def connect(
    source: Source, *, threads: int | None = None
) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
    """A DuckDB connection with the dataset as the view ``records`` (closed on leaving).

    For questions the tables do not answer:
    ``with connect(DIR) as db: db.sql("SELECT religion, count(*) FROM records GROUP BY 1")``.
    """
    return _connection(source, threads)


@contextmanager
def _connection(source: Source, threads: int | None) -> Iterator[duckdb.DuckDBPyConnection]:
    with _records(source, threads, translate=False) as records:
        connection = records.connection
        paths = records.dataset.paths()
        if paths:
            connection.read_parquet(paths, hive_partitioning=False).create_view("records")
        else:
            connection.from_arrow(RECORD_SCHEMA.empty_table()).create_view("records")
        yield connection
