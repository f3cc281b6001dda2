"""The residents a filing or an arrival may duplicate, found in the register."""

from __future__ import annotations

import attrs

from adminduk.codes import LifeStatus
from adminduk.matching import Person, arrivals_duplicates, likely_duplicates, person_of
from adminduk.register import Resident
from adminduk.samples import SIAP_KELUARGA, SIAP_MENIKAH, make_resident, sample_registry


def test_an_arrival_under_a_new_nik_is_put_to_the_officer() -> None:
    """A resident arriving under a NIK unknown here, but the same person as one living here,
    is a candidate; someone else arriving is not; the person's own record is never one."""
    registry = sample_registry()
    groom = registry.resident(SIAP_MENIKAH.groom)
    again = make_resident("JOHANNES SARAGIH", groom.sex, groom.birth_date, district="18.08.04",
                          serial=77, birth_place=groom.birth_place)  # fmt: skip
    stranger = make_resident("Dewi Lestari", again.sex, groom.birth_date, serial=78,
                             birth_place="Medan")  # fmt: skip
    found = arrivals_duplicates(registry, [again, stranger])
    assert list(found) == [again.nik]
    assert [candidate.nik for candidate in found[again.nik]] == [groom.nik]
    assert arrivals_duplicates(registry, [groom]) == {}


@attrs.frozen
class Listed:
    """A register that only lists residents (anything with ``residents()`` is searched)."""

    people: list[Resident]

    def residents(self) -> list[Resident]:
        return self.people


def test_gone_records_are_no_candidates() -> None:
    """The dead and merged records are not compared; those who moved out are."""
    registry = sample_registry()
    head = registry.resident(SIAP_KELUARGA.head)
    person = attrs.evolve(person_of(head), nik=None)
    assert [c.nik for c in likely_duplicates(registry, person)] == [head.nik]
    for status, expected in ((LifeStatus.MOVED_OUT, [head.nik]), (LifeStatus.DUPLICATE, [])):
        changed = attrs.evolve(head, life_status=status)
        register = Listed([changed if r.nik == head.nik else r for r in registry.residents()])
        assert [c.nik for c in likely_duplicates(register, person)] == expected
    assert isinstance(person, Person)


def test_a_corrected_birth_date_is_compared_both_ways() -> None:
    """After a correction of the birth date, a filing with the new date matches on the date,
    and one with the first date (the one the NIK keeps) matches as the NIK encodes."""
    import datetime

    from adminduk.register.events import DataCorrection

    registry = sample_registry()
    day = datetime.date(2026, 2, 2)
    head = registry.resident(SIAP_KELUARGA.head)
    registry.apply(DataCorrection(nik=head.nik, birth_date=datetime.date(1987, 8, 18),
                                  occurred_on=day, recorded_on=day))  # fmt: skip
    filed = attrs.evolve(person_of(head), nik=None)
    for born, level in (
        (datetime.date(1987, 8, 18), "same"),
        (head.birth_date, "as the NIK encodes"),
    ):
        [candidate] = likely_duplicates(registry, attrs.evolve(filed, birth_date=born))
        levels = {a.field: a.level for a in candidate.comparison.agreements}
        assert levels["birth_date"] == level


def test_the_scan_finds_what_comparing_every_resident_finds() -> None:
    """The candidates of planted second records, in a synthetic register, are exactly those
    found by comparing the person with every resident who shares a key (no bound skipped)."""
    import random

    from adminduk.matching import compare
    from adminduk.simulation import synthesize_population
    from adminduk.simulation.duplicates import FIELDS, corrupt

    registry = synthesize_population("18.08.15", seed=5, scale=0.05)
    rng = random.Random(3)
    living = [r for r in registry.residents() if r.life_status is LifeStatus.ALIVE]
    found_any = 0
    for resident in rng.sample(living, 12):
        person = attrs.evolve(corrupt(person_of(resident), rng.choice(FIELDS), rng), nik=None)
        every = sorted(
            (
                (-comparison.weight, other.nik)
                for other in registry.residents()
                if other.life_status in (LifeStatus.ALIVE, LifeStatus.MOVED_OUT)
                and (comparison := compare(person, person_of(other))).likely
            ),
        )
        found = likely_duplicates(registry, person, limit=len(every) + 1)
        assert [(-c.weight, c.nik) for c in found] == every
        found_any += bool(every)
    assert found_any >= 10  # the planted records are found, so the comparison is not vacuous


def test_bad_search_arguments_are_refused() -> None:
    """A person that is not a Person, a threshold that is not a finite number or a limit that
    is not a non-negative int gets a typed error, as do the bound's own arguments."""
    import datetime

    import pytest

    from adminduk.codes import Sex
    from adminduk.errors import AdmindukError, InvalidFormat
    from adminduk.matching import may_reach

    registry = sample_registry()
    person = attrs.evolve(person_of(registry.resident(SIAP_KELUARGA.head)), nik=None)
    for bad in ({"threshold": "12"}, {"threshold": float("nan")}, {"threshold": True},
                {"limit": -1}, {"limit": 2.0}):  # fmt: skip
        with pytest.raises(InvalidFormat):
            likely_duplicates(registry, person, **bad)
    with pytest.raises(InvalidFormat, match="person must be a Person"):
        likely_duplicates(registry, {"name": "Ani"})  # type: ignore[arg-type]
    day = datetime.date(2000, 1, 1)
    for args in ((person, "2000-01-01", Sex.MALE), (person, day, 1), ("Ani", day, Sex.MALE)):
        with pytest.raises(InvalidFormat):
            may_reach(*args)
    with pytest.raises(AdmindukError):
        may_reach(person, day, Sex.MALE, "1234")
    with pytest.raises(InvalidFormat, match="threshold"):
        may_reach(person, day, Sex.MALE, threshold=float("inf"))
    assert likely_duplicates(registry, person, threshold=12, limit=0) == ()
