"""The store contract on SQLite (the embedded default)."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

import pytest

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
