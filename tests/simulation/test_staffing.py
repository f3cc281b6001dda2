"""plan_staff: the staffing it returns meets the target, and one fewer in any role does not.

With the office simulation itself (a small synthetic district, seeded), and with level functions
drawn by Hypothesis in place of the simulation, monotone or not: the guarantee holds for every
run the planner makes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Role
from adminduk.errors import InvalidFormat
from adminduk.register import Registry
from adminduk.samples import sample_registry
from adminduk.simulation import Staffing, plan_staff, synthesize_population
from adminduk.simulation.staffing import DESKS, HANDOVERS, ROLES

THROUGHPUT = {Role.FRONT_OFFICE: 3, Role.REGISTRAR: 6}


def assert_minimal(
    plan_level: float, staffing: Staffing, level: dict[Staffing, float], target: float
) -> None:
    assert plan_level >= target
    for role in staffing.roles:
        fewer = staffing.plus(role, -1)
        if fewer.of(role) >= 1:
            assert level[fewer] < target, fewer


def fake(level: Callable[[Mapping[Role, int], int], float]) -> Callable[..., float]:
    """A stand-in for the simulation: ``level(capacity, seed)`` is the run's level."""

    def run(
        registry: Registry,
        capacity: Mapping[Role, int],
        days: int,
        seed: int,
        start: datetime.date,
    ) -> float:
        return level(capacity, seed)

    return run


def test_the_simulated_office_gets_a_minimal_staffing() -> None:
    """Three weeks of a district: the plan meets 80 %; one fewer operator or registrar does not.

    (Three weeks, not a month: in calendar days the level hovers near its weekend cap and a
    month's plan tries some 170 staffings; three weeks try about 20, each as telling.)"""
    registry = synthesize_population("18.08.15", seed=3, scale=0.3)
    journal = len(registry.journal)
    plan = plan_staff(registry, target=0.8, throughput=THROUGHPUT, days=21, seed=3)
    levels = dict(plan.tried)
    assert_minimal(plan.level, plan.staffing, levels, 0.8)
    assert len(registry.journal) == journal  # the register given is not changed
    again = plan_staff(registry, target=0.8, throughput=THROUGHPUT, days=21, seed=3)
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

    def level(capacity: Mapping[Role, int], seed: int) -> float:
        people = (capacity[Role.FRONT_OFFICE] // 3, capacity[Role.REGISTRAR] // 6)
        rising = min(1.0, (people[0] + 2 * people[1]) / 20)
        return max(0.0, min(1.0, rising - 0.2 * noise.get(people, 0.0)))

    plan = plan_staff(
        sample_registry(), target=target, throughput=THROUGHPUT, days=1, seed=0,
        run=fake(level), most=30,
    )  # fmt: skip
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), target)


def test_hand_over_roles_are_planned_with_the_desks() -> None:
    """District officers and outreach teams (out on Tuesdays and Thursdays) planned with the
    desks: the plan meets 95 % on printing and on hand-overs (within a serving day of the
    resident's coming), and one fewer person in any of the four roles does not; one district
    officer is not enough."""
    from adminduk.documents import ServiceLevels
    from adminduk.simulation import WorkingHours

    registry = synthesize_population("18.08.15", seed=3, scale=0.3)
    throughput = {**THROUGHPUT, Role.DISTRICT_OFFICER: 3, Role.OUTREACH_OFFICER: 1}
    plan = plan_staff(
        registry,
        target=0.95,
        throughput=throughput,
        days=24,
        seed=3,
        service_levels=ServiceLevels.default(working_days=True),
        hours={Role.OUTREACH_OFFICER: WorkingHours((0, 8, 0, 8, 0, 0, 0))},
        handover_within=1,
    )
    assert plan.staffing.roles == ROLES
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), 0.95)
    assert plan.staffing.district_officer is not None
    assert plan.staffing.district_officer > 1
    assert plan.bottleneck in ROLES


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(*[st.integers(1, 6)] * 4),
        st.floats(0, 1),
        min_size=1,
    ),
    st.floats(0.05, 1.0),
    st.lists(st.sampled_from(HANDOVERS), unique=True),
)
def test_any_level_function_gets_a_minimal_answer_in_every_role(
    noise: dict[tuple[int, ...], float], target: float, handovers: list[Role]
) -> None:
    """Four roles (or the desks and some of the hand-over roles), levels the lowest of rising
    measures with noise: the answer meets the target and is minimal in every role planned."""
    throughput = {**THROUGHPUT, **dict.fromkeys(handovers, 2)}

    def level(capacity: Mapping[Role, int], seed: int) -> float:
        assert set(capacity) == set(throughput)
        people = tuple(capacity[r] // throughput[r] if r in capacity else 5 for r in ROLES)
        rising = min(min(1.0, n / 5) for n in people)  # a role not planned never limits
        return max(0.0, rising - 0.2 * noise.get(people, 0.0))

    plan = plan_staff(
        sample_registry(), target=target, throughput=throughput, days=1, seed=0,
        run=fake(level), most=12,
    )  # fmt: skip
    assert set(plan.staffing.roles) == set(throughput)
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), target)


def test_several_runs_take_the_lowest_level() -> None:
    """runs=3: each staffing is run with seeds 7, 8 and 9 and its level is their lowest, so
    the plan meets the target in every run; with one run a lucky seed can pass a staffing."""
    seen: list[int] = []

    def level(capacity: Mapping[Role, int], seed: int) -> float:
        seen.append(seed)
        people = capacity[Role.FRONT_OFFICE] // 3 + capacity[Role.REGISTRAR] // 6
        return min(1.0, people / 10 + (0.3 if seed == 7 else 0.0))  # seed 7 is lucky

    run = fake(level)
    registry = sample_registry()
    lucky = plan_staff(registry, target=0.9, throughput=THROUGHPUT, days=1, seed=7, run=run)
    assert set(seen) == {7}
    seen.clear()
    plan = plan_staff(registry, target=0.9, throughput=THROUGHPUT, days=1, seed=7, run=run, runs=3)
    assert set(seen) == {7, 8, 9}
    assert plan.staffing.people == 9  # 9 people: 0.9 in the unlucky runs
    assert lucky.staffing.people < plan.staffing.people
    assert_minimal(plan.level, plan.staffing, dict(plan.tried), 0.9)
    for runs in (0, 101, True, 2.0):
        with pytest.raises(InvalidFormat, match="runs"):
            plan_staff(registry, target=0.9, throughput=THROUGHPUT, days=1, seed=7,
                       run=run, runs=runs)  # type: ignore[arg-type]  # fmt: skip


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
    with pytest.raises(InvalidFormat):
        Staffing(1, 2, district_officer=True)
    with pytest.raises(InvalidFormat, match="does not plan"):
        Staffing(1, 2).of(Role.OUTREACH_OFFICER)
    for throughput in (
        {**THROUGHPUT, Role.COURIER: 3},  # not a role a plan staffs
        {**THROUGHPUT, Role.DISTRICT_OFFICER: True},
        {**THROUGHPUT, Role.DISTRICT_OFFICER: 0},
    ):
        with pytest.raises(InvalidFormat, match="throughput"):
            plan_staff(registry, target=0.9, throughput=throughput, days=1, seed=0)
    with pytest.raises(InvalidFormat, match="handover_within"):
        plan_staff(
            registry, target=0.9, throughput=THROUGHPUT, days=1, seed=0,
            handover_within="1",  # type: ignore[arg-type]
        )  # fmt: skip


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
    # hand-overs: district officers limited to 2 a day hand over at most 2 a person-day
    limited = simulate_office(
        synthesize_population("18.08.15", seed=4, scale=0.3),
        days=30,
        seed=4,
        capacity={**capacity, Role.DISTRICT_OFFICER: 2},
    )
    handing = estimate_throughput(limited.applications, roles=HANDOVERS)
    assert set(handing) == set(HANDOVERS)
    assert 1 <= handing[Role.DISTRICT_OFFICER] <= 2
    with pytest.raises(InvalidFormat, match="roles"):
        estimate_throughput([], roles=(Role.COURIER,))
    with pytest.raises(InvalidFormat):
        estimate_throughput(["18.08/000001"])  # type: ignore[list-item]
