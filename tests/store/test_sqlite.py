"""The store contract on SQLite (the embedded default)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from adminduk.errors import StoreError
from adminduk.simulation import synthesize_population
from adminduk.store import Store, open_office
from tests.store.attachments import AttachmentContract


class TestSQLiteStore(AttachmentContract):
    """Every contract test on a fresh SQLite file."""

    @pytest.fixture
    def target(self, sqlite_file: str) -> str:
        return sqlite_file

    def sql(self, target: str, statement: str, *parameters: Any) -> None:
        with contextlib.closing(sqlite3.connect(target)) as connection, connection:
            connection.execute(statement, parameters)

    def query(self, target: str, statement: str, *parameters: Any) -> list[tuple[Any, ...]]:
        with contextlib.closing(sqlite3.connect(target)) as connection:
            return connection.execute(statement, parameters).fetchall()


def test_a_transaction_appends_once(tmp_path: Path) -> None:
    """The store reads the head once a transaction: a second append in it is refused and the
    transaction changes nothing (the office is read back as the log has it)."""
    from adminduk.register.events import Death
    from adminduk.workflows import Change

    registry = synthesize_population("18.08.15", seed=7, scale=0.05)
    office = open_office(tmp_path / "office.db", code="18.08", registry=registry)
    store = office.recorder
    assert isinstance(store, Store)
    head = store.head()
    day = office.registry.journal[-1].recorded_on
    someone = next(iter(office.registry.residents())).nik
    death = Change.of_event(Death(occurred_on=day, recorded_on=day, nik=someone))

    def twice() -> None:
        with store.transaction(office) as append:
            append([death])
            append([death])

    with pytest.raises(StoreError, match="appends once"):
        twice()
    assert store.head() == head
    office.close()
