"""A store's tables, and opening a database as one: made when new, refused when not ours.

Opening never writes to a database that is not an office store: tables of the store's names
without adminduk's ``meta``, a ``meta`` of another layout or office, an existing empty file, a
wrong office key are all refused first. Older layouts are upgraded on a writable open: layout 1
(pickled snapshots) has its snapshots deleted unread, and the log (which every layout shares)
rebuilds the office; layouts 1 and 2 get the table of attached files (layout 3).
"""

from __future__ import annotations

import hashlib
import hmac

from adminduk.errors import StoreCorrupt, StoreError
from adminduk.store._database import Database
from adminduk.store._indexes import INDEX_TABLES
from adminduk.store._log import GENESIS

__all__ = ["SCHEMA", "TABLE_NAMES", "DuplicateKey", "key_check", "open_layout"]

#: The store layout this release writes (``meta.layout``).
SCHEMA = "adminduk-store/3"
_PICKLED = "adminduk-store/1"
_OLD_LAYOUTS = (_PICKLED, "adminduk-store/2")
_FILES = (
    "CREATE TABLE attachments (digest TEXT PRIMARY KEY, media_type TEXT NOT NULL, "
    "size BIGINT NOT NULL, data {blob} NOT NULL)"
)
#: The tables a store owns: a database holding any of them without an adminduk ``meta`` is
#: someone else's and is refused untouched.
TABLE_NAMES = frozenset({"meta", "log", "snapshots", "attachments", *INDEX_TABLES})
_TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    (
        "CREATE TABLE log (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, "
        "application TEXT, body TEXT NOT NULL, digest TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE snapshots (seq BIGINT PRIMARY KEY, digest TEXT NOT NULL, "
        "checksum TEXT NOT NULL, state {blob} NOT NULL)"
    ),
    _FILES,
    *INDEX_TABLES.values(),
    "CREATE INDEX applications_status ON applications (status, district, channel)",
    "CREATE INDEX people_application ON people (application)",
)
#: What a key check value is an HMAC of (a wrong key is told apart from damage).
_KEY_CHECK = b"adminduk-store-key"


class DuplicateKey(StoreError):
    """A backend refused a row whose key is taken (the store turns it into what it means)."""


def key_check(key: bytes | None) -> str:
    """The value ``meta.key`` holds for ``key`` ("" for a store without one)."""
    return "" if key is None else hmac.new(key, _KEY_CHECK, hashlib.sha256).hexdigest()


def open_layout(store: Database, code: str, area: str | None, name: str) -> None:
    """Open the store of office ``code`` on ``store``, making its tables if it has none."""
    tables = store._table_names()
    if not tables & TABLE_NAMES:
        store._refuse_new()
        if store.read_only:
            raise StoreError("there is no office store here to open read-only")
        store._prepare()
        store._transaction_of(lambda: _make_tables(store, code, area, name))
        return
    if "meta" not in tables:
        raise StoreError(
            "the database holds tables of its own (not an adminduk store): refused untouched"
        )
    found = store._meta()
    layout = found.get("layout")
    if layout not in (SCHEMA, *_OLD_LAYOUTS):
        raise StoreError(f"the database is not an adminduk store of layout {SCHEMA}")
    store._prepare()
    if layout in _OLD_LAYOUTS and found.get("office") == code:
        if store.read_only:
            raise StoreError(
                f"the store is of layout {layout}: open it writable once to upgrade it"
            )
        store._transaction_of(lambda: _upgrade(store, layout))
        found = store._meta()
        tables = store._table_names()
    if found.get("office") != code:
        raise StoreError(f"the store holds office {found.get('office', '?')[:20]}, not {code}")
    if not TABLE_NAMES <= tables:
        raise StoreCorrupt("the store is missing some of its tables")
    wanted, held = key_check(store._key), found.get("key", "")
    if held != wanted:
        if not held:
            raise StoreError("the store has no office key: open it without one")
        if store._key is None:
            raise StoreError("the store is sealed with an office key: open it with the key")
        raise StoreError("the office key does not fit this store (another office's key?)")


def _make_tables(store: Database, code: str, area: str | None, name: str) -> None:
    for statement in _TABLES:
        store._execute(statement.format(blob=store.blob_type))
    wanted = {
        "layout": SCHEMA,
        "office": code,
        "area": area or "",
        "name": name,
        "key": key_check(store._key),
        "head": f"0:{GENESIS}",
    }
    store._execute_many(
        store._sql("INSERT INTO meta (key, value) VALUES (?, ?)"), list(wanted.items())
    )


def _upgrade(store: Database, layout: str) -> None:
    """To layout 3: the table of files; from layout 1, pickled snapshots go, unread."""
    settings = [("layout", SCHEMA)]
    if layout == _PICKLED:
        store._execute("DELETE FROM snapshots")
        last = store._execute("SELECT seq, digest FROM log ORDER BY seq DESC LIMIT 1")
        head = f"{last[0][0]}:{last[0][1]}" if last else f"0:{GENESIS}"
        settings += [("key", ""), ("head", head)]
    if "attachments" not in store._table_names():
        store._execute(_FILES.format(blob=store.blob_type))
    for key, value in settings:
        store._execute(store._sql("DELETE FROM meta WHERE key = ?"), (key,))
        store._execute(store._sql("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value))
