"""The store contract on SQLite (the embedded default)."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from tests.store.contract import StoreContract


class TestSQLiteStore(StoreContract):
    """Every contract test on a fresh SQLite file."""

    @pytest.fixture
    def target(self, sqlite_file: str) -> str:
        return sqlite_file

    def sql(self, target: str, statement: str, *parameters: Any) -> None:
        with sqlite3.connect(target) as connection:
            connection.execute(statement, parameters)
