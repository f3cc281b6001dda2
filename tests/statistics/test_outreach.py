"""Whom to visit: the outreach list per village and a team's days (statistics._outreach)."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.codes import Disability, KTPElStatus, LifeStatus
from adminduk.errors import InvalidFormat
from adminduk.register import Registry
from adminduk.statistics import ktp_el_coverage, outreach_list, plan_visits, visits_effect
from adminduk.strategies import registries

ON = datetime.date(2026, 3, 2)


@settings(max_examples=40, deadline=None)
@given(registries(max_families=5))
def test_the_list_is_exactly_who_must_record_and_has_not(registry: Registry) -> None:
    """Every listed resident must hold a KTP-el and has not recorded; nobody such is missing."""
    listed = {
        case.nik: case
        for village in outreach_list(registry, "18", on=ON)
        for case in village.cases
    }
    for person in registry.residents():
        owed = (
            person.life_status is LifeStatus.ALIVE
            and person.must_hold_ktp_el(ON)
            and not person.ktp_el_status.is_recorded
            and registry.family_of(person.nik) is not None
        )
        assert (person.nik in listed) == owed, person.nik[:6]
        if owed:
            case = listed[person.nik]
            assert case.visit == (person.disability is not None or person.age(ON) >= 70)


@settings(max_examples=40, deadline=None)
@given(registries(max_families=6), st.integers(1, 6), st.integers(0, 6))
def test_a_plan_visits_everyone_once_within_capacity_on_working_days(
    registry: Registry, capacity: int, offset: int
) -> None:
    """Each visit once; no day over capacity; only weekdays; days in order."""
    villages = outreach_list(registry, "18", on=ON, visit_age=30)  # more visits to plan
    start = ON + datetime.timedelta(days=offset)
    plan = plan_visits(villages, start=start, capacity=capacity)
    planned = [case.nik for visit in plan for _, cases in visit.stops for case in cases]
    wanted = [case.nik for village in villages for case in village.visits]
    assert sorted(planned) == sorted(wanted)
    assert len(planned) == len(set(planned))
    for visit in plan:
        assert 1 <= visit.residents <= capacity
        assert visit.day.weekday() < 5
        assert visit.day >= start
    assert [v.day for v in plan] == sorted({v.day for v in plan})


def test_a_disability_on_the_card_makes_a_visit() -> None:
    """The family card records the wife's disability: she is visited, her husband summoned."""
    from adminduk.samples import SIAP_KELUARGA, family_event

    event = family_event()
    people = tuple(
        attrs.evolve(p, disability=Disability.BLIND) if p.nik == SIAP_KELUARGA.wife else p
        for p in event.residents
    )
    registry = Registry.replay([attrs.evolve(event, residents=people)])
    [village] = outreach_list(registry, "18.08.01", on=ON)
    assert [(case.name, case.reasons) for case in village.visits] == [
        ("Siti Rahmawati", ("Disabilitas sensorik netra",))
    ]
    assert [case.nik for case in village.summons] == [SIAP_KELUARGA.head]
    with pytest.raises(InvalidFormat):
        attrs.evolve(people[0], disability="buta")  # type: ignore[arg-type]
    assert KTPElStatus.NOT_REQUIRED in {p.ktp_el_status for p in people}  # never recorded


@settings(max_examples=30, deadline=None)
@given(registries(max_families=6), st.integers(1, 5))
def test_carrying_out_the_plan_records_every_visit(registry: Registry, capacity: int) -> None:
    """After the last day, recorded residents grew by the visits; the register is unchanged."""
    villages = outreach_list(registry, "18", on=ON, visit_age=0)  # everyone is visited
    plan = plan_visits(villages, start=ON, capacity=capacity)
    before = sum(row.recorded for row in ktp_el_coverage(registry, "18", on=ON))
    journal = len(registry.journal)
    effect = visits_effect(registry, plan, "18")
    assert [day for day, _ in effect] == [visit.day for visit in plan]
    if effect:
        after = sum(row.recorded for row in effect[-1][1])
        assert after == before + sum(visit.residents for visit in plan)
        recorded = [sum(row.recorded for row in rows) for _, rows in effect]
        assert recorded == sorted(recorded)  # coverage never falls while visiting
    assert len(registry.journal) == journal


def test_plans_refuse_nonsense() -> None:
    """No capacity, no working day: typed refusals."""
    with pytest.raises(InvalidFormat):
        plan_visits([], start=ON, capacity=0)
    with pytest.raises(InvalidFormat):
        plan_visits([], start=ON, capacity=3, working_days=())
    assert plan_visits([], start=ON, capacity=3) == []


def test_an_illness_the_office_recorded_makes_a_visit() -> None:
    """A home visit asked for because the husband is sick flags him for a visit; an elderly
    visit asked for the wife does not make her sick, and other input is refused."""
    from adminduk.applications import Actor
    from adminduk.documents import Delivery, Outreach, OutreachReason
    from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
    from adminduk.workflows import Office

    office = Office("18.08", sample_registry(), staff=sample_staff())
    visit = Outreach(address="Dusun Lembasung RT 003", reason=OutreachReason.SICK)
    form = attrs.evolve(sample_form("KTP-el", on=ON, delivery=Delivery.OUTREACH), outreach=visit)
    office.submit(form, actor=Actor.resident(SIAP_KELUARGA.head),
                  at=datetime.datetime(2026, 3, 2, 9))  # fmt: skip
    villages = outreach_list(office.registry, "18.08.01", on=ON,
                             applications=office.applications.values())  # fmt: skip
    visits = {case.nik: case.reasons for village in villages for case in village.visits}
    assert visits == {SIAP_KELUARGA.head: ("sakit atau terbaring",)}
    assert not any(
        case.visit for case in outreach_list(office.registry, "18.08.01", on=ON)[0].cases
    )
    with pytest.raises(InvalidFormat, match="expected Applications"):
        outreach_list(office.registry, "18.08", on=ON, applications=[form])  # type: ignore[list-item]
