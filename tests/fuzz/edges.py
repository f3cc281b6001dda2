"""Fuzz targets for the newer edges (issue 25): the store, notices, intake, the office profile.

- *store*: small offices built by random operations, closed, then their SQLite file damaged at
  random (bytes flipped, the file cut, rows edited, deleted, duplicated, swapped, values of
  another type, tables dropped, a pickled snapshot with its checksum recomputed) and opened
  again, from the snapshot or the log, writable or read-only, and verified. Every outcome is a
  typed refusal or the office the acknowledged operations made; nothing a file holds runs.
- *notices*: every notice function with strange indexes, languages, profiles and templates.
- *intake*: words, noise, pasted numbers and huge texts, with strange arguments; each answer
  within its bounds and quick.
- *profile*: office profiles built from mutated settings, then used to render notices.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from adminduk.applications import Application, Role
from adminduk.codes import Sex
from adminduk.documents import Delivery
from adminduk.documents.intake import PHRASES, find_service
from adminduk.errors import AdmindukError
from adminduk.notices import (
    DEFAULT_TEMPLATES,
    OfficeProfile,
    check_templates,
    notice_for,
    notices_of,
    overdue_notice,
    where_is,
)
from adminduk.register.events import Birth
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.store import open_office
from adminduk.workflows import Office
from tests.fuzz.engine import Tally, attempt, check_repr, mutate_tree, strange_value, watched

_AT = datetime.datetime(2026, 3, 2, 8)
_STAFF = {actor.role: actor for actor in sample_staff()}

# --- the store --------------------------------------------------------------------------------


def _build_store(rng: random.Random, path: Path) -> tuple[Any, Any]:
    """An office made by random operations on ``path``; what a replay of them must give."""
    office = open_office(path, code="18.08", registry=sample_registry(), staff=sample_staff())
    for step in range(rng.randrange(1, 6)):
        day = datetime.date(2026, 3, 2) + datetime.timedelta(days=step)
        with suppress(AdmindukError):  # a refused operation is not acknowledged: no change
            _operate(rng, office, step, day)
        if rng.random() < 0.3:
            office.recorder.snapshot(office)  # type: ignore[union-attr]
    expected = (office.registry, dict(office.applications))
    office.close()
    return expected


def _operate(rng: random.Random, office: Office, step: int, day: datetime.date) -> None:
    choice = rng.randrange(4)
    if choice == 0:
        office.apply(
            Birth(
                occurred_on=day,
                recorded_on=day,
                name=f"Bayi {step}",
                sex=rng.choice(list(Sex)),
                birth_place="Blambangan Umpu",
                mother=SIAP_KELUARGA.wife,
                father=SIAP_KELUARGA.head,
            )
        )
    elif choice == 1:
        sample_issued(rng.choice(["KK", "KTP-el"]), "lost", office=office, on=day)
    else:
        form = sample_form("KK", "lost", on=day, delivery=rng.choice(list(Delivery)))
        app = office.submit(form, actor=_STAFF[Role.SYSTEM], at=_AT + datetime.timedelta(step))
        if choice == 3:
            office.verify(app, actor=_STAFF[Role.FRONT_OFFICE], at=app.history[-1].at)


def _evil_pickle(canary: Path) -> bytes:
    return (
        b"cbuiltins\ngetattr\n(cadminduk.store\nos\nS'mkdir'\ntR(S'"
        + str(canary).encode()
        + b"'\ntR."
    )


_TABLES = ("log", "snapshots", "meta", "applications", "people")


def _strange_cell(rng: random.Random, value: Any) -> Any:
    choice = rng.randrange(8)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice((0, -1, 7, 2**62))
    if choice == 2:
        return 1.5
    if choice == 3:
        return bytes(str(value), "utf-8") if value is not None else b"\x00"
    if choice == 4 and isinstance(value, str) and value:
        at = rng.randrange(len(value))
        return value[:at] + rng.choice("0x{}\"'\\ ") + value[at + 1 :]
    if choice == 5 and isinstance(value, bytes | bytearray) and value:
        data = bytearray(value)
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if choice == 6:
        return "x" * rng.randrange(0, 70)
    return str(strange_value(rng))


def _damage(rng: random.Random, path: Path, canary: Path) -> str:
    """Damage the file at ``path`` one random way; say which."""
    kind = rng.randrange(9)
    if kind == 0:
        data = bytearray(path.read_bytes())
        for _ in range(rng.randrange(1, 9)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        return "flip"
    if kind == 1:
        with path.open("r+b") as handle:
            handle.truncate(rng.randrange(path.stat().st_size))
        return "cut"
    try:
        return _edit(rng, path, canary, kind)
    except (sqlite3.Error, UnicodeError):  # a constraint the database keeps, or no text
        return "nothing"


def _edit(rng: random.Random, path: Path, canary: Path, kind: int) -> str:
    with closing(sqlite3.connect(path)) as connection, connection:
        table = rng.choice(_TABLES)
        rows = connection.execute(f"SELECT rowid, * FROM {table}").fetchall()
        columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})")]
        if kind == 8:
            head = connection.execute("SELECT MAX(seq), digest FROM log").fetchone()
            blob = _evil_pickle(canary)
            connection.execute("DELETE FROM snapshots")
            connection.execute(
                "INSERT INTO snapshots VALUES (?, ?, ?, ?)",
                (head[0] or 0, head[1] or "0" * 64, hashlib.sha256(blob).hexdigest(), blob),
            )
            return "pickle"
        if not rows:
            return "nothing"
        row = rng.choice(rows)
        if kind in (2, 3):
            column = rng.choice(columns)
            index = columns.index(column) + 1
            connection.execute(
                f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                (_strange_cell(rng, row[index]), row[0]),
            )
            return f"edit {table}.{column}"
        if kind == 4:
            connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (row[0],))
            return f"delete {table}"
        if kind == 5 and table == "log" and len(rows) > 1:
            other = rng.choice(rows)
            connection.execute("UPDATE log SET body = ? WHERE rowid = ?", (other[4], row[0]))
            return "swap log bodies"
        if kind == 6:
            connection.execute(f"DROP TABLE {table}")
            return f"drop {table}"
        with_key = [*row[1:]]
        if "seq" in columns:
            with_key[columns.index("seq")] = (row[columns.index("seq") + 1] or 0) + rng.choice(
                (1, 50, -1)
            )
        try:
            connection.execute(
                f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})",
                with_key,
            )
        except sqlite3.Error:
            return "nothing"
        return f"duplicate {table}"


def run_store(count: int) -> Tally:
    """Damaged stores: a typed refusal or the office the acknowledged operations made."""
    tally = Tally("store")
    with watched(tally) as rng, tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.db"
        canary = Path(folder) / "made-by-a-snapshot"
        expected: Any = None
        for index in range(count):
            if index % 40 == 0:
                base.unlink(missing_ok=True)
                expected = _build_store(rng, base)
            path = Path(folder) / "damaged.db"
            shutil.copyfile(base, path)
            how = _damage(rng, path, canary)
            snapshot, read_only = rng.random() < 0.7, rng.random() < 0.3

            def reopen(snapshot: bool = snapshot, read_only: bool = read_only) -> tuple[Any, Any]:
                with open_office(
                    path, code="18.08", use_snapshot=snapshot, read_only=read_only
                ) as office:
                    state = (office.registry, dict(office.applications))
                    office.recorder.verify()  # type: ignore[union-attr]
                    return state

            ok, state = attempt(tally, f"store ({how})", reopen)
            if ok and state != expected:
                tally.find(f"store ({how}): opened and verified an office the log did not make")
            if canary.exists():
                tally.find(f"store ({how}): the file ran code")
                canary.rmdir()
            for leftover in Path(folder).glob("damaged.db*"):
                leftover.unlink()
    return tally


# --- notices -----------------------------------------------------------------------------------


def _applications() -> list[Application]:
    office = Office("18.08", sample_registry(), staff=sample_staff())
    made = [sample_issued(code, office=office) for code in ("KK", "KTP-el", "AKTA-LAHIR")]
    app = office.submit(
        sample_form("KK", "lost", on=_AT.date()), actor=_STAFF[Role.SYSTEM], at=_AT
    )
    made.append(
        office.send_back(app, actor=_STAFF[Role.FRONT_OFFICE], at=_AT, reason="1808014101050001")
    )
    return made


def _templates(rng: random.Random) -> Any:
    if rng.random() < 0.3:
        return strange_value(rng)
    plain: dict[str, Any] = {key: dict(value) for key, value in DEFAULT_TEMPLATES.items()}
    return mutate_tree(plain, rng)


def run_notices(count: int) -> Tally:
    """Every notice function, with strange arguments: typed refusals, masked and bounded text."""
    tally = Tally("notices")
    applications = _applications()
    with watched(tally) as rng:
        for _ in range(count):
            app: Any = rng.choice(applications) if rng.random() < 0.9 else strange_value(rng)
            lang: Any = rng.choice(("id", "en")) if rng.random() < 0.8 else strange_value(rng)
            index: Any = rng.randrange(-8, 8) if rng.random() < 0.8 else strange_value(rng)
            profile: Any = None if rng.random() < 0.7 else _profile(rng)
            templates: Any = DEFAULT_TEMPLATES if rng.random() < 0.5 else _templates(rng)
            choice = rng.randrange(5)
            calls: list[Callable[[], Any]] = [
                lambda: notice_for(app, index, lang=lang, profile=profile, templates=templates),
                lambda: notices_of(app, lang=lang, profile=profile, templates=templates),
                lambda: overdue_notice(
                    app, new_due=_AT if rng.random() < 0.8 else strange_value(rng), lang=lang
                ),
                lambda: where_is(
                    SIAP_KELUARGA.head if rng.random() < 0.8 else strange_value(rng),
                    _Index(rng, applications),
                    {a.id: a for a in applications},
                    lang=lang,
                ),
                lambda: check_templates(templates),
            ]
            ok, made = attempt(tally, "notice", calls[choice])
            if ok and made is not None:
                for notice in made if isinstance(made, list) else [made]:
                    found = notice[1] if isinstance(notice, tuple) else notice
                    if not isinstance(found, dict):
                        check_repr(tally, "notice", found)
                        text = getattr(found, "text", "")
                        if len(text) > 4096:
                            tally.find(f"a notice of {len(text):,} characters")
    return tally


class _Index:
    """An application index answering sensibly, or not."""

    def __init__(self, rng: random.Random, applications: list[Application]) -> None:
        self.rng, self.applications = rng, applications

    def applications_of(self, nik: str) -> Any:
        if self.rng.random() < 0.7:
            return [a.id for a in self.applications]
        return strange_value(self.rng)


# --- intake ------------------------------------------------------------------------------------

_WORDS = [phrase for phrases in PHRASES.values() for phrase, _ in phrases] + [
    "hilang",
    "rusak",
    "tolong",
    "saya",
    "mau",
    "1808014101050001",
    "\u200f1808\u200e",
    "𝟙𝟠𝟘𝟠",
    "ＫＴＰ",
]


def _text(rng: random.Random) -> Any:
    choice = rng.randrange(6)
    if choice == 0:
        return strange_value(rng)
    if choice == 1:
        return "".join(chr(rng.randrange(32, 0x2FFFF)) for _ in range(rng.randrange(1, 200)))
    if choice == 2:
        return rng.choice(_WORDS) * rng.randrange(1, 20_000)
    words = [rng.choice(_WORDS) for _ in range(rng.randrange(0, 30))]
    if choice == 3:  # typos
        words = [
            w[:i] + rng.choice("aeiouxk") + w[i + 1 :]
            for w in words
            if w
            for i in [rng.randrange(len(w))]
        ]
    return " ".join(words)


def run_intake(count: int) -> Tally:
    """find_service on words, noise and huge texts: typed refusals, bounded answers, quickly."""
    tally = Tally("intake")
    registry = sample_registry()
    slowest = 0.0
    with watched(tally) as rng:
        for _ in range(count):
            text = _text(rng)
            options: dict[str, Any] = {}
            if rng.random() < 0.3:
                options = {
                    "resident": rng.choice((SIAP_KELUARGA.child, SIAP_KELUARGA.head)),
                    "registry": registry,
                    "on": datetime.date(2026, 3, 2),
                }
            if rng.random() < 0.2:
                key = rng.choice(("resident", "registry", "on", "limit"))
                options[key] = strange_value(rng)
            started = time.perf_counter()
            ok, found = attempt(tally, "intake", lambda: find_service(text, **options))
            slowest = max(slowest, time.perf_counter() - started)
            if ok:
                limit = options.get("limit", 5)
                if len(found) > limit or any(not 0 < m.score <= 1 for m in found):
                    tally.find("find_service answered past its limit or outside 0-1")
        if slowest > 0.5:
            tally.find(f"find_service took {slowest:.2f} s on one input")
    return tally


# --- the office profile ------------------------------------------------------------------------


def _profile(rng: random.Random) -> Any:
    settings: dict[str, Any] = {
        "name": "Disdukcapil Way Kanan",
        "lines": {"kk-pindah": "0800-0000-0001"},
        "opening": {"18.08.01": "Senin-Kamis"},
        "default_opening": {"id": "Senin-Jumat", "en": "Monday to Friday"},
        "bring": {"id": "KTP-el", "en": "your KTP-el"},
    }
    changed = mutate_tree(settings, rng) if rng.random() < 0.7 else settings
    if not isinstance(changed, dict):
        return changed
    try:
        return OfficeProfile(**{str(k): v for k, v in changed.items()})
    except (AdmindukError, TypeError):  # unknown keywords are Python's own refusal
        return None


def run_profile(count: int) -> Tally:
    """Profiles from mutated settings: refused typed when made, or they render every notice."""
    tally = Tally("profile")
    applications = _applications()
    with watched(tally) as rng:
        for _ in range(count):
            settings: dict[str, Any] = {
                "name": "Disdukcapil",
                "lines": {"ktp-kia": "0800"},
                "default_opening": {"id": "Senin", "en": "Monday"},
                "bring": {"id": "KTP-el", "en": "KTP-el"},
            }
            changed = mutate_tree(settings, rng)
            keywords = (
                {k: v for k, v in changed.items() if k in settings}
                if isinstance(changed, dict)
                else {"name": changed}
            )
            ok, profile = attempt(tally, "profile", lambda: OfficeProfile(**keywords))
            if ok:
                app = rng.choice(applications)
                lang: Any = rng.choice(("id", "en"))
                attempt(tally, "render", lambda: notices_of(app, lang=lang, profile=profile))
                tally.inputs -= 1
    return tally


EDGE_TARGETS: dict[str, Callable[[int], Tally]] = {
    "store": run_store,
    "notices": run_notices,
    "intake": run_intake,
    "profile": run_profile,
}
