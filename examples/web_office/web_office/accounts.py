"""Who may use the web office: staff accounts, residents' tracking codes, and rate limits.

Kept in a small SQLite file beside the office's store (``office.db`` -> ``office.accounts.db``):
the store holds the office's record, this file holds the web office's own keys to it.

- **Staff accounts**: a user name, a display name, roles and (for a district officer) a district;
  the password only as an Argon2id hash (``argon2-cffi``). Accounts are made with the command
  line (``python -m web_office add-staff``), never through the web.
- **Tracking codes**: a resident who files gets a random code printed on the receipt; only its
  SHA-256 is kept (the code is random, 50 bits, and guessing is rate limited).
- **Rate limits**: a sliding window per key (a client address, a user name), on an injectable
  clock.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from adminduk import regions
from adminduk.applications import Actor, Role
from adminduk.errors import AdmindukError, InvalidFormat

#: Roles a staff account may hold (residents and the intake system are not staff).
STAFF_ROLES = tuple(role for role in Role if role not in (Role.RESIDENT, Role.SYSTEM))
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")
#: Tracking codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L), about 50 bits.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE = re.compile(r"[2-9A-HJKMNP-Z]{5}-?[2-9A-HJKMNP-Z]{5}")
MIN_PASSWORD = 10

_SCHEMA = """
CREATE TABLE IF NOT EXISTS staff (
    username TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    district TEXT,
    password TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS receipts (
    application TEXT PRIMARY KEY,
    code TEXT NOT NULL
);
"""


class AccountError(AdmindukError):
    """A staff account or a tracking code refused (bad name, weak password, unknown account)."""

    default_code = "web.account"
    default_message_id = "Akun petugas ditolak"


@attrs.frozen
class Account:
    """A staff member: who they are, what roles they act in, and where (a district officer)."""

    username: str
    name: str
    roles: tuple[Role, ...]
    district: str | None = None

    def actors(self) -> tuple[Actor, ...]:
        """The actors this account acts as in the office, one per role."""
        return tuple(Actor(id=self.username, role=role, name=self.name) for role in self.roles)

    def actor_for(self, allowed: Iterable[Role]) -> Actor | None:
        """The actor of this account's first role among ``allowed`` (``None``: no such role)."""
        permitted = frozenset(allowed)
        for role in self.roles:
            if role in permitted:
                return Actor(id=self.username, role=role, name=self.name)
        return None


def _roles(names: Iterable[str]) -> tuple[Role, ...]:
    roles: list[Role] = []
    for name in names:
        try:
            role = Role(name.strip())
        except ValueError:
            raise AccountError(f"no staff role {name.strip()[:30]!r}") from None
        if role not in STAFF_ROLES:
            raise AccountError(f"{role.value} is not a staff role")
        if role not in roles:
            roles.append(role)
    if not roles:
        raise AccountError("an account needs at least one role")
    return tuple(roles)


class Accounts:
    """The staff accounts and tracking codes of one web office (a SQLite file)."""

    def __init__(self, path: str | Path, *, hasher: PasswordHasher | None = None) -> None:
        self.path = str(path)
        self._hasher = hasher or PasswordHasher()
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        # Verifying an unknown user costs what verifying a known one does (no user probing).
        self._decoy = self._hasher.hash(secrets.token_hex(16))

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # --- staff -----------------------------------------------------------------------------

    def add(
        self,
        username: str,
        password: str,
        *,
        roles: Iterable[str],
        name: str = "",
        district: str | None = None,
    ) -> Account:
        """Create (or replace) a staff account; the password is kept only as an Argon2id hash."""
        if not isinstance(username, str) or _USERNAME.fullmatch(username) is None:
            raise AccountError(
                "a user name is 2-32 lowercase letters, digits, '.', '_' or '-', "
                "starting with a letter"
            )
        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
        chosen = _roles(roles)
        code = None
        if district:
            try:
                code = regions.normalize(district)
                regions.get(code)
            except AdmindukError as error:
                raise AccountError(f"unknown district {district[:20]!r}") from error
            if code.count(".") != 2:
                raise AccountError("a district officer's district is a district code (18.08.01)")
        if Role.DISTRICT_OFFICER in chosen and code is None:
            raise AccountError("a district officer's account names their district")
        display = (name or username).strip()[:80]
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO staff (username, name, roles, district, password, active)"
                " VALUES (?, ?, ?, ?, ?, 1)",
                (
                    username,
                    display,
                    ",".join(r.value for r in chosen),
                    code,
                    self._hasher.hash(password),
                ),
            )
        return Account(username, display, chosen, code)

    def disable(self, username: str) -> None:
        """Stop an account from logging in (its past actions stay in the record)."""
        with self._lock:
            done = self._db.execute("UPDATE staff SET active = 0 WHERE username = ?", (username,))
        if done.rowcount == 0:
            raise AccountError(f"no account {username[:32]!r}")

    def get(self, username: object) -> Account | None:
        """The active account ``username``, or ``None``."""
        if not isinstance(username, str):
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT username, name, roles, district FROM staff "
                "WHERE username = ? AND active = 1",
                (username,),
            ).fetchone()
        if row is None:
            return None
        return Account(row[0], row[1], _roles(row[2].split(",")), row[3])

    def all(self) -> tuple[Account, ...]:
        """Every active account, by user name."""
        with self._lock:
            rows = self._db.execute(
                "SELECT username FROM staff WHERE active = 1 ORDER BY username"
            ).fetchall()
        return tuple(a for (name,) in rows if (a := self.get(name)) is not None)

    def login(self, username: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None`` (same cost either way)."""
        with self._lock:
            row = self._db.execute(
                "SELECT password FROM staff WHERE username = ? AND active = 1", (username,)
            ).fetchone()
        stored = row[0] if row else self._decoy
        try:
            self._hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        return self.get(username) if row else None

    # --- tracking codes --------------------------------------------------------------------

    def new_receipt(self, application: str, *, token: Callable[[int], str] | None = None) -> str:
        """A new tracking code for ``application`` (shown once; only its hash is kept)."""
        draw = token or (lambda n: "".join(secrets.choice(_CODE_ALPHABET) for _ in range(n)))
        raw = draw(10)
        code = f"{raw[:5]}-{raw[5:]}"
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO receipts (application, code) VALUES (?, ?)",
                (application, _digest(code)),
            )
        return code

    def code_matches(self, application: str, code: str) -> bool:
        """Whether ``code`` is the tracking code of ``application``."""
        with self._lock:
            row = self._db.execute(
                "SELECT code FROM receipts WHERE application = ?", (application,)
            ).fetchone()
        return row is not None and hmac.compare_digest(row[0], _digest(code))

    def with_code(self, code: str) -> str | None:
        """The application whose tracking code is ``code``, or ``None``."""
        if _CODE.fullmatch(code) is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT application FROM receipts WHERE code = ?", (_digest(code),)
            ).fetchone()
        return None if row is None else str(row[0])


def normal_code(text: str) -> str:
    """A tracking code as typed (spaces, lowercase, no dash) in its printed form, or ``""``."""
    compact = re.sub(r"[\s-]", "", text.upper())[:20]
    if len(compact) != 10 or _CODE.fullmatch(compact) is None:
        return ""
    return f"{compact[:5]}-{compact[5:]}"


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class RateLimit:
    """At most ``limit`` events per key in any ``window`` seconds (a sliding window).

    At most ``keys`` keys are remembered: past that, the key used least recently is forgotten
    (its count starts again), so a flood of new keys costs constant time and memory per event
    instead of a pass over every key.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window <= 0 or keys < 1:
            raise InvalidFormat("a rate limit needs a positive limit, window and key count")
        self.limit, self.window, self.keys, self.clock = limit, window, keys, clock
        self._events: collections.OrderedDict[str, collections.deque[float]] = (
            collections.OrderedDict()
        )
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys are remembered (at most ``keys``)."""
        return len(self._events)

    def allow(self, key: str) -> bool:
        """Count an event for ``key``; ``False`` (and not counted) when over the limit."""
        now = self.clock()
        with self._lock:
            events = self._events.get(key)
            if events is None:
                events = self._events[key] = collections.deque()
                while len(self._events) > self.keys:
                    self._events.popitem(last=False)  # the key used least recently
            else:
                self._events.move_to_end(key)
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True
