"""Tests of the durable stores (SQLite and PostgreSQL)."""
