"""Snapshots as data: the office's state at a log position, as one JSON document with a schema.

A snapshot only makes opening fast; the log alone rebuilds the same office. It is a JSON
document (UTF-8), ``schema`` ``adminduk/snapshot``, ``version`` 1::

    {"schema": "adminduk/snapshot", "version": 1, "format": "<shape of the tables>",
     "office": "18.08", "position": 1234, "digest": "<the log's digest at 1234>",
     "registry": {"area": "18.08", "residents": [rows], "families": [rows],
                  "marriages": [nik, nik, ...], "retired": [kk, ...], "journal": ["Class/row"]},
     "applications": [rows],
     "tables": {"Resident": {"rows": n, "nik": [...], ...}, ...}}

The records are the same values the log holds, written as columns by
:mod:`adminduk.store._columns` (nothing in it names code); the document names the office,
the position and the digest it claims, and the store keeps a checksum (an HMAC under the office
key, if the store has one) over the bytes, so a snapshot moved to another position or office
is refused. Reading checks every value, builds the register from its state and checks every rule
of the register (:func:`adminduk.register.registry_from_state`).
"""

from __future__ import annotations

import json
from typing import Any

from adminduk.applications import Application
from adminduk.errors import AdmindukError, InvalidFormat, StoreError
from adminduk.register import RegisterState, Registry, registry_from_state, state_of
from adminduk.register.events import Event
from adminduk.store._columns import FORMAT, ColumnReader, ColumnWriter
from adminduk.workflows import Office

__all__ = ["SNAPSHOT_SCHEMA", "SNAPSHOT_VERSION", "read_snapshot", "write_snapshot"]

#: The schema name and version of a snapshot document.
SNAPSHOT_SCHEMA = "adminduk/snapshot"
SNAPSHOT_VERSION = 1
_KEYS = frozenset(
    {
        "schema",
        "version",
        "format",
        "office",
        "position",
        "digest",
        "registry",
        "applications",
        "tables",
    }
)
_REGISTRY_KEYS = frozenset({"area", "residents", "families", "marriages", "retired", "journal"})


def write_snapshot(office: Office, position: int, digest: str) -> bytes:
    """The office's state (held under its lock by the caller) as a snapshot document."""
    state = state_of(office.registry)
    writer = ColumnWriter()
    registry = {
        "area": state.area,
        "residents": [writer.add(resident) for resident in state.residents],
        "families": [writer.add(family) for family in state.families],
        "marriages": [number for pair in state.marriages for number in pair],
        "retired": list(state.retired),
        "journal": [writer.ref(event) for event in state.journal],
    }
    document = {
        "schema": SNAPSHOT_SCHEMA,
        "version": SNAPSHOT_VERSION,
        "format": FORMAT,
        "office": office.code,
        "position": position,
        "digest": digest,
        "registry": registry,
        "applications": [writer.add(app) for app in office.applications.values()],
        "tables": writer.tables(),
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # pragma: no cover - the store refuses such text when written
        raise StoreError("the office holds text that cannot be stored (not Unicode)") from None


def _refuse_constant(name: str) -> Any:
    raise InvalidFormat(f"a snapshot holds no {name}")


def read_snapshot(
    data: bytes, *, office: str, position: int, digest: str, sealed: bool = False
) -> tuple[Registry, list[Application]] | None:
    """The register and applications of a snapshot document, checked.

    ``None`` when the document is of another release's shape (the log rebuilds the office);
    ``InvalidFormat`` (or another ``AdmindukError``) when it is damaged, is not this office's,
    or claims another position or digest than ``position`` and ``digest``. Every value is
    checked, and so are the records' own checks and the register's rules unless ``sealed`` (the
    bytes carry a valid HMAC under the office key: this store wrote them, from records and a
    register that kept every rule); the values' types and references are checked either way.
    """
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidFormat(
            f"the snapshot is not a JSON document ({type(exc).__name__})"
        ) from None
    if document.__class__ is not dict or set(document) != _KEYS:
        raise InvalidFormat("the snapshot is not an adminduk/snapshot document")
    if document["schema"] != SNAPSHOT_SCHEMA or type(document["version"]) is not int:
        raise InvalidFormat("the snapshot is not an adminduk/snapshot document")
    if document["version"] != SNAPSHOT_VERSION or document["format"] != FORMAT:
        return None
    if document["office"] != office:
        raise InvalidFormat(f"the snapshot is office {str(document['office'])[:20]!r}'s")
    if document["position"] != position or type(document["position"]) is not int:
        raise InvalidFormat(
            f"the snapshot claims position {str(document['position'])[:20]}, not {position}"
        )
    if document["digest"] != digest:
        raise InvalidFormat("the snapshot claims another digest than the log's at its position")
    registry = document["registry"]
    if registry.__class__ is not dict or set(registry) != _REGISTRY_KEYS:
        raise InvalidFormat("the snapshot's registry does not have a register's parts")
    for name in ("residents", "families", "marriages", "retired", "journal"):
        if registry[name].__class__ is not list:
            raise InvalidFormat(f"the snapshot's registry {name} is not a list")
    if document["applications"].__class__ is not list:
        raise InvalidFormat("the snapshot's applications are not a list")
    # Sealed: the office key's HMAC shows this store wrote the tables from records that passed
    # their classes' checks; they are read without running those checks again.
    reader = ColumnReader(document.pop("tables"), trusted=sealed)
    marriages = registry["marriages"]
    if len(marriages) % 2:
        raise InvalidFormat("the snapshot's marriages are not pairs")
    state = RegisterState(
        area=registry["area"],
        residents=tuple([reader.get("Resident", row) for row in registry["residents"]]),
        families=tuple([reader.get("Family", row) for row in registry["families"]]),
        marriages=tuple(zip(marriages[::2], marriages[1::2], strict=True)),
        retired=tuple(registry["retired"]),
        journal=tuple([reader.ref(ref, Event) for ref in registry["journal"]]),
    )
    try:
        rebuilt = registry_from_state(state, check_rules=not sealed)
    except AdmindukError as exc:
        raise InvalidFormat(f"the snapshot's register does not hold together: {exc}") from None
    applications = [reader.get("Application", row) for row in document["applications"]]
    if len({application.id for application in applications}) != len(applications):
        raise InvalidFormat("the snapshot holds an application twice")
    return rebuilt, applications
