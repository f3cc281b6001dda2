"""The flat record of a resident: one row per resident, every value read from the register."""

from __future__ import annotations

import re

from hypothesis import given

from adminduk import regions
from adminduk.codes import LifeStatus
from adminduk.register import RECORD_FIELDS, RECORD_SCHEMA_VERSION, Registry, ResidentRecord
from tests.register.histories import lived_registers

SIXTEEN_DIGITS = re.compile(r"\d{16}")


@given(lived_registers())
def test_one_record_per_resident_with_the_registers_values(registry: Registry) -> None:
    """Registry.records() has one row per resident, each value the register's."""
    records = list(registry.records())
    assert sorted(r.nik for r in records) == sorted(p.nik for p in registry.residents())
    for record in records:
        person = registry.resident(record.nik)
        assert (record.sex, record.birth_date) == (person.sex.code, person.birth_date)
        assert record.religion == person.religion.code
        assert record.marital_status == person.marital_status.code
        assert record.education == person.education.code
        assert record.occupation == person.occupation.code
        assert record.blood_type == person.blood_type.code
        assert record.citizenship == person.citizenship.code
        assert record.life_status == person.life_status.code
        assert record.ktp_el_status == person.ktp_el_status.code
        family = registry.family_of(record.nik)
        if family is None:
            assert (record.kk_number, record.relationship, record.village) == (None, None, None)
            assert (record.district, record.regency, record.province) == (None, None, None)
            continue
        assert record.kk_number == family.number
        assert record.relationship == family.member(record.nik).relationship.code
        village = family.address.village_code
        assert regions.from_number(record.village or 0) == village
        assert regions.from_number(record.district or 0) == village[:8]
        assert regions.from_number(record.regency or 0) == village[:5]
        assert regions.from_number(record.province or 0) == village[:2]


@given(lived_registers())
def test_the_dead_and_moved_out_have_no_place(registry: Registry) -> None:
    """A resident no longer alive in the regency has no family or region fields."""
    for record in registry.records():
        if record.life_status != LifeStatus.ALIVE.code:
            assert record.village is None


@given(lived_registers())
def test_no_record_repr_shows_a_whole_number(registry: Registry) -> None:
    """A record's repr and str mask the NIK and KK number."""
    for record in registry.records():
        assert not SIXTEEN_DIGITS.search(repr(record))
        assert not SIXTEEN_DIGITS.search(str(record))


def test_the_schema_is_versioned_and_lists_every_column() -> None:
    """RECORD_FIELDS lists the 17 columns of schema version 1."""
    assert RECORD_SCHEMA_VERSION == 1
    assert list(RECORD_FIELDS) == list(ResidentRecord._fields)
    assert len(RECORD_FIELDS) == 17
