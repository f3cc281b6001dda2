"""A register linked against itself: its residents as a table, and an officer's merge applied.

>>> from adminduk.samples import sample_registry
>>> registry = sample_registry()
>>> table = register_table(registry)
>>> table.num_rows, table.column_names[:3]
(5, ['record_id', 'person', 'nik'])
"""

from __future__ import annotations

import datetime
from typing import Any

import pyarrow as pa

from adminduk.codes import LifeStatus
from adminduk.errors import InvalidComponent
from adminduk.linkage.link import ReviewItem
from adminduk.linkage.people import PEOPLE_SCHEMA
from adminduk.register.merges import DuplicateMerged
from adminduk.register.registry import Registry

__all__ = ["merge", "register_table"]

#: Residents a duplicate may hide among: the living, and those who moved out.
_LINKED = (LifeStatus.ALIVE, LifeStatus.MOVED_OUT)


def register_table(registry: Registry) -> pa.Table:
    """The register's living and moved-out residents as a table to link (``person``: the row).

    The birth date is the current one; a date a correction changed is still compared through
    the NIK, which keeps encoding the first (the "as the NIK encodes" level).
    """
    people = [r for r in registry.residents() if r.life_status in _LINKED]
    people.sort(key=lambda resident: resident.nik)
    columns: dict[str, list[Any]] = {
        "record_id": list(range(len(people))),
        "person": list(range(len(people))),
        "nik": [r.nik for r in people],
        "name": [r.name for r in people],
        "sex": [r.sex.value for r in people],
        "birth_date": [r.birth_date for r in people],
        "birth_place": [r.birth_place for r in people],
        "mother_name": [r.mother_name for r in people],
        "district": [r.nik[:6] for r in people],
    }
    return pa.Table.from_pydict(columns, schema=PEOPLE_SCHEMA)


def merge(
    registry: Registry,
    item: ReviewItem,
    *,
    kept: str,
    decided_by: str,
    reason: str,
    on: datetime.date,
) -> DuplicateMerged:
    """Apply an officer's decision that the pair ``item`` is one person who keeps ``kept``.

    The event's reason is the officer's, followed by the pair's explanation, so the journal
    says why. Refused (nothing changes) when ``kept`` is not one of the pair, or when the merge
    would break a rule of the register (:class:`~adminduk.register.merges.DuplicateMerged`).
    """
    numbers = item.values.get("nik")
    if numbers is None:
        raise InvalidComponent("the pair does not carry its NIKs: link with retain=('nik',)")
    if kept not in numbers:
        raise InvalidComponent("the NIK to keep is not one of the pair's")
    retired = numbers[1] if kept == numbers[0] else numbers[0]
    event = DuplicateMerged(
        kept=kept,
        retired=retired,
        decided_by=decided_by,
        reason=f"{reason.strip()}\n{item.explain()}" if reason.strip() else reason,
        occurred_on=on,
        recorded_on=on,
    )
    return registry.apply(event)
