"""The store contract on PostgreSQL (a throwaway cluster the test run starts itself)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.store.attachments import AttachmentContract


class TestPostgresStore(AttachmentContract):
    """Every contract test on a fresh PostgreSQL database."""

    @pytest.fixture
    def target(self, postgres_database: str) -> str:
        return postgres_database

    def sql(self, target: str, statement: str, *parameters: Any) -> None:
        import psycopg

        with psycopg.connect(target, autocommit=True) as connection:
            connection.execute(statement.replace("?", "%s"), parameters)

    def query(self, target: str, statement: str, *parameters: Any) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(target, autocommit=True) as connection:
            return connection.execute(statement.replace("?", "%s"), parameters).fetchall()
