"""plan_staff: the staffing it returns meets the target, and one fewer at any desk does not.

With the office simulation itself (a small synthetic district, seeded), and with level functions
drawn by Hypothesis in place of the simulation, monotone or not: the guarantee holds for every
run the planner makes.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Role
from adminduk.errors import InvalidFormat
from adminduk.register import Registry
from adminduk.samples import sample_registry
from adminduk.simulation import Staffing, plan_staff, synthesize_population
from adminduk.simulation.staffing import DESKS

THROUGHPUT = {Role.FRONT_OFFICE: 3, Role.REGISTRAR: 6}


def assert_minimal(
    plan_level: float, staffing: Staffing, level: dict[Staffing, float], target: float
) -> None:
    assert plan_level >= target
    for role in DESKS:
        fewer = staffing.plus(role, -1)
        if fewer.of(role) >= 1:
            assert level[fewer] < target, fewer


def test_the_simulated_office_gets_a_minimal_staffing() -> None:
    """A district's month: the plan meets 80 %; one fewer operator or registrar does not."""
    registry = synthesize_population("18.08.15", seed=3, scale=0.3)
    journal = len(registry.journal)
    plan = plan_staff(registry, target=0.8, throughput=THROUGHPUT, days=30, seed=3)
    levels = dict(plan.tried)
    assert_minimal(plan.level, plan.staffing, levels, 0.8)
    assert len(registry.journal) == journal  # the register given is not changed
    again = plan_staff(registry, target=0.8, throughput=THROUGHPUT, days=30, seed=3)
    assert again == plan  # seeded and reproducible
    assert plan.bottleneck in DESKS


def test_in_working_days_the_office_meets_95_percent() -> None:
    """With the promise in working days (a file filed at the weekend counts from Monday), the
    plan meets the issue's 95 % and no staffing with one fewer at either desk does; in calendar
    days weekend filings for one-day services cap the level below it."""
    from adminduk.documents import ServiceLevels

    registry = synthesize_population("18.08.15", seed=3, scale=0.3)
    working = ServiceLevels.default(working_days=True)
    plan = plan_staff(registry, target=0.95, throughput=THROUGHPUT, days=30, seed=3,
                      service_levels=working)  # fmt: skip
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), 0.95)
    with pytest.raises(InvalidFormat, match="no staffing"):
        plan_staff(registry, target=0.95, throughput=THROUGHPUT, days=30, seed=3, most=12)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(1, 12), st.integers(1, 12)),
        st.floats(0, 1),
        min_size=1,
    ),
    st.floats(0.05, 1.0),
)
def test_any_level_function_gets_a_minimal_answer(
    noise: dict[tuple[int, int], float], target: float
) -> None:
    """Levels rising with staff plus noise: the answer meets the target and is minimal."""

    def run(
        registry: Registry,
        capacity: Mapping[Role, int],
        days: int,
        seed: int,
        start: datetime.date,
    ) -> float:
        people = (capacity[Role.FRONT_OFFICE] // 3, capacity[Role.REGISTRAR] // 6)
        rising = min(1.0, (people[0] + 2 * people[1]) / 20)
        return max(0.0, min(1.0, rising - 0.2 * noise.get(people, 0.0)))

    plan = plan_staff(
        sample_registry(), target=target, throughput=THROUGHPUT, days=1, seed=0, run=run, most=30
    )
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), target)


def test_refusals() -> None:
    """A target out of range, a desk without throughput, a target no staffing meets."""
    registry = sample_registry()
    with pytest.raises(InvalidFormat):
        plan_staff(registry, target=1.5, throughput=THROUGHPUT, days=1, seed=0)
    with pytest.raises(InvalidFormat):
        plan_staff(registry, target=0.9, throughput={Role.FRONT_OFFICE: 3}, days=1, seed=0)
    with pytest.raises(InvalidFormat, match="no staffing"):
        plan_staff(
            registry,
            target=0.9,
            throughput=THROUGHPUT,
            days=1,
            seed=0,
            most=3,
            run=lambda *args: 0.1,
        )
    with pytest.raises(InvalidFormat):
        Staffing(-1, 2)


def test_throughput_is_read_from_the_histories() -> None:
    """A simulated month's verifications and signatures per person-day at each desk."""
    from adminduk.simulation import estimate_throughput, simulate_office

    registry = synthesize_population("18.08.15", seed=4, scale=0.3)
    capacity = {Role.FRONT_OFFICE: 3, Role.REGISTRAR: 5}
    run = simulate_office(registry, days=30, seed=4, capacity=capacity)
    estimated = estimate_throughput(run.applications)
    # one person at each desk in the sample staff: at most the day's capacity, and busy
    assert 1 <= estimated[Role.FRONT_OFFICE] <= capacity[Role.FRONT_OFFICE]
    assert 1 <= estimated[Role.REGISTRAR] <= capacity[Role.REGISTRAR]
    assert estimate_throughput([]) == {Role.FRONT_OFFICE: 1, Role.REGISTRAR: 1}
    with pytest.raises(InvalidFormat):
        estimate_throughput(["18.08/000001"])  # type: ignore[list-item]
