"""Fixtures of the store tests: a SQLite file per test, a PostgreSQL database per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.servers import postgres_cluster

_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One throwaway PostgreSQL cluster for the whole run (about 5 s to start)."""
    with postgres_cluster() as conninfo:
        if conninfo is None:
            reason = "PostgreSQL is not installed and cannot be installed here"
            if os.environ.get("CI") == "true":
                pytest.fail(f"{reason} (under CI=true this is a failure, not a skip)")
            pytest.skip(reason)
        yield conninfo


@pytest.fixture
def postgres_database(postgres_server: str) -> str:
    """A new, empty database on the test cluster."""
    import psycopg

    name = f"office_{os.getpid()}_{next(_NUMBERS)}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return postgres_server.replace("dbname=postgres", f"dbname={name}")


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    """A path for a new SQLite store."""
    return str(tmp_path / "office.db")
