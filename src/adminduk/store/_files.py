"""The whole office as one JSON document, written atomically, and read back checked."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from adminduk import serialization
from adminduk.applications import Application
from adminduk.errors import AdmindukError, InvalidFormat, StoreError
from adminduk.register import Registry
from adminduk.workflows import Office

__all__ = ["OFFICE_SCHEMA", "export_office", "import_office", "write_atomically"]

#: The schema name of an office document.
OFFICE_SCHEMA = "adminduk/office"


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new one, whole.

    The text goes to a temporary file beside it, is flushed to disk (``fsync``), and replaces
    the target in one rename; the folder is synced too, so the rename survives a power cut.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_office(office: Office, path: str | os.PathLike[str]) -> None:
    """Write the office's register and applications as one JSON document, atomically.

    Forms name their attached files by digest; the files' bytes stay in the store's database
    (copy it to keep them).

    >>> import pathlib, tempfile
    >>> from adminduk.samples import sample_issued
    >>> from adminduk.workflows import Office
    >>> from adminduk.samples import sample_registry
    >>> office = Office("18.08", sample_registry())
    >>> _ = sample_issued("KK", office=office)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "office.json"
    >>> export_office(office, path)
    >>> again = import_office(path)
    >>> again.registry == office.registry, dict(again.applications) == dict(office.applications)
    (True, True)
    """
    with office.lock:
        document = {
            "schema": OFFICE_SCHEMA,
            "version": serialization.SCHEMA_VERSION,
            "data": {
                "code": office.code,
                "name": office.name,
                "registry": serialization.unstructure(office.registry),
                "events": len(office.registry.journal),
                "applications": [
                    serialization.unstructure(a) for a in office.applications.values()
                ],
            },
        }
    write_atomically(path, json.dumps(document, ensure_ascii=False))


def import_office(path: str | os.PathLike[str], **options: Any) -> Office:
    """Read an office document back: the register replayed, each application adopted.

    Adopting checks that the applications fit the register (a register saved before an issue
    is refused with the applications saved after it). ``options`` go to :class:`Office`.
    """
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the office document: {type(exc).__name__}") from None
    if not isinstance(document, dict) or document.get("schema") != OFFICE_SCHEMA:
        raise InvalidFormat(f"not an {OFFICE_SCHEMA} document @ $.schema")
    if (
        document.get("version") != serialization.SCHEMA_VERSION
        or type(document.get("version")) is not int
    ):
        raise InvalidFormat(f"document version is not {serialization.SCHEMA_VERSION} @ $.version")
    data = document.get("data")
    if not isinstance(data, dict) or set(data) != {
        "code",
        "name",
        "registry",
        "events",
        "applications",
    }:
        raise InvalidFormat(
            "invalid office document: expected code, name, registry, events, applications @ $.data"
        )
    if not isinstance(data["code"], str) or not isinstance(data["name"], str):
        raise InvalidFormat("invalid office document: code and name are strings @ $.data")
    if not isinstance(data["applications"], list):
        raise InvalidFormat(
            "invalid office document: applications is a list @ $.data.applications"
        )
    registry = serialization.structure(data["registry"], Registry)
    if type(data["events"]) is not int or data["events"] != len(registry.journal):
        raise InvalidFormat(
            f"invalid office document: the journal holds {len(registry.journal)} events, the "
            f"document says {data['events']!r} (cut short?) @ $.data.events"
        )
    office = Office(data["code"], registry, name=data["name"], **options)
    for index, raw in enumerate(data["applications"]):
        try:
            office.adopt(serialization.structure(raw, Application))
        except AdmindukError as exc:
            raise InvalidFormat(
                f"invalid office document: {exc} @ $.data.applications[{index}]"
            ) from None
    return office
