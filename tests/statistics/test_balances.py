"""Monthly balances that add up, and coverage on any date, from random histories.

The balance of every month, district and sex adds up; the end of each month (by report date)
is the register replayed to that month's last day, counted independently here; both bases end
at the register as it is; the coverage on a date is the coverage of the register replayed to it.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.codes import LifeStatus, Sex
from adminduk.errors import InvalidFormat
from adminduk.register import Registry
from adminduk.statistics import (
    coverage_growth,
    ktp_el_coverage,
    monthly_balances,
    replayed_to,
)
from tests.register.histories import lived_registers


def histories() -> st.SearchStrategy[Registry]:
    """A register with a history: families, then up to twelve life events over months."""
    return lived_registers(events=12, min_events=1)


def living(registry: Registry) -> Counter[tuple[str, Sex]]:
    """Living residents on a family card here, by district and sex (counted directly)."""
    counts: Counter[tuple[str, Sex]] = Counter()
    for family in registry.families():
        for member in family.members:
            person = registry.resident(member.nik)
            if person.life_status is LifeStatus.ALIVE:
                counts[(family.address.district_code, person.sex)] += 1
    return counts


def month_end(month: str) -> datetime.date:
    year, number = int(month[:4]), int(month[5:])
    return datetime.date(year, number, calendar.monthrange(year, number)[1])


@settings(max_examples=40, deadline=None)
@given(histories())
def test_every_month_adds_up_and_ends_at_the_replayed_register(registry: Registry) -> None:
    """By report date: each row balances; each month's ends are the register replayed to then."""
    rows = monthly_balances(registry, basis="report")
    assert all(row.balanced for row in rows)
    for month in sorted({row.month for row in rows}):
        ends = Counter({(r.district, r.sex): r.end for r in rows if r.month == month})
        assert +ends == living(replayed_to(registry, month_end(month))), month
    starts: dict[tuple[str, Sex], int] = {}
    for row in rows:  # each month starts where the last ended
        assert row.start == starts.get((row.district, row.sex), 0)
        starts[(row.district, row.sex)] = row.end


@settings(max_examples=40, deadline=None)
@given(histories())
def test_both_bases_end_at_the_register_as_it_is(registry: Registry) -> None:
    """By event date too every row balances, and the last month ends at today's register."""
    for basis in ("report", "event"):
        rows = monthly_balances(registry, basis=basis)
        assert all(row.balanced for row in rows)
        last = max(row.month for row in rows)
        ends = Counter({(r.district, r.sex): r.end for r in rows if r.month == last})
        assert +ends == living(registry), basis


@settings(max_examples=25, deadline=None)
@given(histories(), st.integers(0, 900))
def test_coverage_on_a_date_is_the_replayed_registers(registry: Registry, days: int) -> None:
    """Coverage growth between two dates compares the register replayed to each."""
    first = registry.journal[0].recorded_on
    second = first + datetime.timedelta(days=days)
    area = registry.area or "18.08"
    rows = coverage_growth(registry, area, first, second)
    expected = ktp_el_coverage(replayed_to(registry, second), area, on=second)
    assert [row.after for row in rows] == expected
    for row in rows:
        assert row.growth == float(row.after.coverage - row.before.coverage)


def test_refusals() -> None:
    """A basis that is neither, dates in the wrong order, a non-register: typed refusals."""
    registry = Registry(area="18.08")
    with pytest.raises(InvalidFormat):
        monthly_balances(registry, basis="week")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        monthly_balances("register")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        coverage_growth(registry, "18.08", datetime.date(2026, 2, 1), datetime.date(2026, 1, 1))
    assert monthly_balances(registry) == []
