"""A small user test suite: an app that lists who must get a KTP-el this month.

The app function, :func:`ktp_el_due`, is what an office dashboard or a WhatsApp reminder bot
would run on the first of each month. Its tests use the three parts of adminduk's test kit:
Hypothesis strategies, a pytest fixture, and a subclass of the stateful ``RegistryMachine``.

Run: ``pytest examples/test_my_app.py`` (the library's own test run does).
"""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant

from adminduk import Registry, Resident
from adminduk.strategies import registries
from adminduk.testing import RegistryMachine

# --- the app ------------------------------------------------------------------------------------


def month_end(first: datetime.date) -> datetime.date:
    """The last day of the month that starts on ``first``."""
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def ktp_el_due(registry: Registry, month: datetime.date) -> list[Resident]:
    """Living residents without recorded biometrics who must hold a KTP-el by the month's end.

    Sorted by birth date (the oldest first: they have waited longest), then NIK.
    """
    last = month_end(month.replace(day=1))
    due = [
        person
        for person in registry.residents()
        if person.is_alive
        and not person.ktp_el_status.is_recorded
        and person.must_hold_ktp_el(last)
    ]
    return sorted(due, key=lambda person: (person.birth_date, person.nik))


# --- tests with strategies -------------------------------------------------------------------

MONTHS = st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 12, 1)).map(
    lambda day: day.replace(day=1)
)


@settings(max_examples=50, deadline=None)
@given(registry=registries(max_families=5), month=MONTHS)
def test_the_list_is_exactly_who_is_due(registry: Registry, month: datetime.date) -> None:
    due = ktp_el_due(registry, month)
    last = month_end(month)
    assert len({person.nik for person in due}) == len(due)
    for person in registry.residents():
        expected = (
            person.is_alive
            and not person.ktp_el_status.is_recorded
            and person.must_hold_ktp_el(last)
        )
        assert (person in due) is expected


@settings(max_examples=30, deadline=None)
@given(registry=registries(max_families=4), month=MONTHS)
def test_nobody_leaves_the_list_by_waiting(registry: Registry, month: datetime.date) -> None:
    """Someone due this month is still due next month unless their biometrics were recorded."""
    following = month_end(month) + datetime.timedelta(days=1)
    later = {person.nik for person in ktp_el_due(registry, following)}
    assert {person.nik for person in ktp_el_due(registry, month)} <= later


# --- a test with a fixture --------------------------------------------------------------------


def test_way_kanan_has_people_due(way_kanan_registry: Registry) -> None:
    due = ktp_el_due(way_kanan_registry, datetime.date(2026, 1, 1))
    assert due, "a realistic register has residents still to record"
    assert due == sorted(due, key=lambda person: (person.birth_date, person.nik))
    assert all(
        person.age(datetime.date(2026, 1, 31)) >= 17 or person.marital_status.ever_married
        for person in due
    )


# --- a stateful test: the list stays right while the office works ------------------------------


class ReminderMachine(RegistryMachine):
    """adminduk's model of a register and an office, plus the app's own invariant."""

    @invariant()
    def recorded_people_get_no_reminder(self) -> None:
        month = self.now.date().replace(day=1)
        for person in ktp_el_due(self.registry, month):
            assert not person.ktp_el_status.is_recorded
            assert person.is_alive


ReminderMachine.TestCase.settings = settings(
    max_examples=10, stateful_step_count=20, deadline=None
)
TestReminders = ReminderMachine.TestCase
