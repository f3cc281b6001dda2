"""The flat record of a resident: one row per person, codes as small integers, schema versioned.

This is the shape the register takes outside Python objects: a Parquet file, a DuckDB table, a
data frame. :meth:`Registry.records() <adminduk.register.registry.Registry.records>` yields one
:class:`ResidentRecord` per resident; :func:`family_records` gives the same rows for a family
that is not (yet) in a register, which is how the national synthesis writes what it draws.

Every code is the numeric code of its table in :mod:`adminduk.codes` (``sex`` 1 male, 2 female;
``ktp_el_status`` 1-8, ...); region codes are :func:`adminduk.regions.to_number` integers
(``1808012001`` for village 18.08.01.2001). A resident who belongs to no family (the dead and the
moved out) has ``None`` for the family and region fields. :data:`RECORD_FIELDS` lists the
columns with their types; :data:`RECORD_SCHEMA_VERSION` changes whenever a column is added,
removed, renamed or recoded.

>>> from adminduk.samples import SIAP_KELUARGA, sample_registry
>>> record = next(sample_registry().records())
>>> record
ResidentRecord(nik='180801**********', kk_number='180801**********', relationship=1, sex=1, ...)
>>> record.nik == SIAP_KELUARGA.head, record.district, record.regency, record.province
(True, 180801, 1808, 18)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from adminduk import regions
from adminduk._privacy import mask
from adminduk.register.family import Family
from adminduk.register.resident import Resident

__all__ = [
    "RECORD_FIELDS",
    "RECORD_SCHEMA_VERSION",
    "ResidentRecord",
    "family_records",
    "resident_records",
]

#: Bumped whenever a column of :class:`ResidentRecord` is added, removed, renamed or recoded.
RECORD_SCHEMA_VERSION = 1


class ResidentRecord(NamedTuple):
    """One resident as one row (see the module text for the codes); the repr masks numbers."""

    nik: str
    kk_number: str | None
    relationship: int | None
    sex: int
    birth_date: datetime.date
    religion: int
    marital_status: int
    education: int
    occupation: int
    blood_type: int
    citizenship: int
    life_status: int
    ktp_el_status: int
    village: int | None
    district: int | None
    regency: int | None
    province: int | None

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={mask(value) if name in _MASKED and value is not None else value!r}"
            for name, value in zip(self._fields, self, strict=True)
        )
        return f"ResidentRecord({shown})"


_MASKED = frozenset({"nik", "kk_number"})

#: The columns of :class:`ResidentRecord` in order, with their Python types (``None`` allowed
#: where the type says so): what a Parquet schema or a table definition is built from.
RECORD_FIELDS: Mapping[str, object] = dict(ResidentRecord.__annotations__)


def _of(
    person: Resident, kk: str | None, relationship: int | None, village: int | None
) -> ResidentRecord:
    return ResidentRecord(
        person.nik,
        kk,
        relationship,
        person.sex.code,
        person.birth_date,
        person.religion.code,
        person.marital_status.code,
        person.education.code,
        person.occupation.code,
        person.blood_type.code,
        person.citizenship.code,
        person.life_status.code,
        person.ktp_el_status.code,
        village,
        None if village is None else village // 10_000,
        None if village is None else village // 1_000_000,
        None if village is None else village // 100_000_000,
    )


def family_records(family: Family, residents: Mapping[str, Resident]) -> list[ResidentRecord]:
    """The rows of a family's members, in member order; ``residents`` maps their NIKs.

    >>> from adminduk.samples import family_event
    >>> event = family_event()
    >>> rows = family_records(event.family, {r.nik: r for r in event.residents})
    >>> [(row.relationship, row.sex, row.village) for row in rows]
    [(1, 1, 1808012006), (3, 2, 1808012006), (4, 2, 1808012006)]
    """
    number = family.number
    village = regions.to_number(family.address.village_code)
    return [
        _of(residents[member.nik], number, member.relationship.code, village)
        for member in family.members
    ]


def resident_records(
    residents: Mapping[str, Resident], families: Iterable[Family]
) -> Iterator[ResidentRecord]:
    """Rows of every family's members, then of every resident in no family (NIK order)."""
    placed: set[str] = set()
    for family in families:
        placed.update(m.nik for m in family.members)
        yield from family_records(family, residents)
    for number in sorted(residents.keys() - placed):
        yield _of(residents[number], None, None, None)
