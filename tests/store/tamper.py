"""What an attacker with the database file can do: recompute the chain as docs/store.md states it.

The chain is documented (a row's digest is the SHA-256 of the previous digest, its position,
kind, application and body, joined by U+001F), so anyone can recompute it; the office key is
what they cannot have. These helpers do what such an editor would.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from typing import Any

GENESIS = "0" * 64

#: Runs one statement on the store's database and returns its rows.
Query = Callable[..., list[tuple[Any, ...]]]


def digest(
    previous: str,
    seq: int,
    kind: str,
    application: str | None,
    body: str,
    *,
    key: bytes | None = None,
) -> str:
    """The documented chain: SHA-256 (or HMAC-SHA256 under a key) of the joined fields."""
    text = "\x1f".join((previous, str(seq), kind, application or "", body)).encode("utf-8")
    if key is None:
        return hashlib.sha256(text).hexdigest()
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def rows(query: Query) -> list[tuple[Any, ...]]:
    """Every log row, in order: (seq, kind, application, body, digest)."""
    return query("SELECT seq, kind, application, body, digest FROM log ORDER BY seq")


def rechain(query: Query, run: Callable[..., Any], start: int = 1) -> None:
    """Recompute every digest from ``start`` on (SHA-256) and the recorded head, as an editor would."""
    found = rows(query)
    previous = GENESIS if start == 1 else found[start - 2][4]
    for seq, kind, application, body, _ in found[start - 1 :]:
        previous = digest(previous, seq, kind, application, body)
        run("UPDATE log SET digest = ? WHERE seq = ?", previous, seq)
    last = found[-1][0] if found else 0
    run("UPDATE meta SET value = ? WHERE key = 'head'", f"{last}:{previous}")


def append_copy(query: Query, run: Callable[..., Any], source: int) -> int:
    """Copy log row ``source`` to the end, chained and recorded as the head; its position."""
    found = rows(query)
    last_seq, last_digest = found[-1][0], found[-1][4]
    _, kind, application, body, _ = found[source - 1]
    seq = int(last_seq) + 1
    made = digest(last_digest, seq, kind, application, body)
    run(
        "INSERT INTO log (seq, kind, application, body, digest) VALUES (?, ?, ?, ?, ?)",
        seq,
        kind,
        application,
        body,
        made,
    )
    run("UPDATE meta SET value = ? WHERE key = 'head'", f"{seq}:{made}")
    return seq


def positions(found: Sequence[tuple[Any, ...]], kind: str) -> list[int]:
    """The positions of the rows of ``kind``."""
    return [row[0] for row in found if row[1] == kind]
