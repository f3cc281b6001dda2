"""Tests of adminduk.simulation: synthetic registers, exact counts, and a whole regency."""

from __future__ import annotations

import collections
from pathlib import Path

import attrs
import pytest

from adminduk import (
    Address,
    Family,
    KTPElStatus,
    Membership,
    Relationship,
    Resident,
    Sex,
    errors,
    regions,
)
from adminduk import serialization as s
from adminduk._fields import trusted
from adminduk.applications import Role, Status, Trigger
from adminduk.register import Registry
from adminduk.samples import sample_staff
from adminduk.simulation import OfficeSimulation, simulate_office, synthesize_population
from adminduk.simulation.tables import district_shares
from adminduk.store import Store, open_office
from adminduk.workflows import Office, replay


def test_exact_counts_per_district() -> None:
    """With counts, each district gets exactly that many men and women."""
    counts = {"18.08.01": (300, 280), "18.08.15": (41, 59)}
    registry = synthesize_population("18.08", counts=counts, seed=7)
    found: collections.Counter[tuple[str, Sex]] = collections.Counter()
    for family in registry.families():
        for member in family.members:
            found[family.address.district_code, registry.resident(member.nik).sex] += 1
    for district, (male, female) in counts.items():
        assert (male, female) == (found[district, Sex.MALE], found[district, Sex.FEMALE])
    registry.check()


def test_same_seed_same_register() -> None:
    """The seed decides everything; another seed gives another register."""
    first = synthesize_population("18.08.15", counts={"18.08.15": (50, 50)}, seed=3)
    again = synthesize_population("18.08.15", counts={"18.08.15": (50, 50)}, seed=3)
    other = synthesize_population("18.08.15", counts={"18.08.15": (50, 50)}, seed=4)
    assert first == again
    assert first != other


def test_default_counts_scale_the_2025_population() -> None:
    """Without counts a district gets its published share of the regency's 2025 figures."""
    registry = synthesize_population("18.08.15", seed=1, scale=0.05)
    regency = regions.population("18.08")
    shares = district_shares("18.08")
    expected = round(regency.male * 0.05 * shares.male["18.08.15"]) + round(
        regency.female * 0.05 * shares.female["18.08.15"]
    )
    assert expected == len(registry.residents())
    assert "18.08" == registry.area
    # a regency without a published table is split by its number of villages, and says so
    other = district_shares("18.71")
    assert other.source.startswith("by number of villages")
    assert abs(sum(other.male.values()) - 1) < 1e-9


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"region_code": "18", "seed": 1}, errors.InvalidComponent),
        ({"region_code": "18.08", "seed": 1, "scale": 0}, errors.InvalidComponent),
        ({"region_code": "18.08", "seed": "1"}, errors.InvalidFormat),
        (
            {"region_code": "18.08", "seed": 1, "counts": {"18.71.01": (1, 1)}},
            errors.InvalidComponent,
        ),
        (
            {"region_code": "18.08", "seed": 1, "counts": {"18.08.01": (-1, 1)}},
            errors.InvalidComponent,
        ),
        (
            {"region_code": "18.08", "seed": 1, "counts": {"18.08": (1, 1)}},
            errors.InvalidComponent,
        ),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], error: type[Exception]) -> None:
    """Regions must be a regency or district, scale positive, seed an int, counts sane."""
    with pytest.raises(error):
        synthesize_population(**kwargs)  # type: ignore[arg-type]


def test_a_whole_regency_keeps_every_rule() -> None:
    """Over 100,000 residents of Way Kanan in realistic families: every rule holds.

    Families are mostly married couples with children; heads are 17 or older or married; KTP-el
    statuses follow age and marriage; and the register survives a JSON round trip.
    """
    registry = synthesize_population("18.08", seed=2026, scale=0.21)
    residents = list(registry.residents())
    assert len(residents) >= 100_000
    registry.check()
    sizes = [len(f.members) for f in registry.families()]
    assert 3.0 < sum(sizes) / len(sizes) < 4.5
    couples = sum(
        any(m.relationship is Relationship.WIFE for m in f.members) for f in registry.families()
    )
    assert couples > 0.6 * len(sizes)
    on = max(e.occurred_on for e in registry.journal)
    for person in residents:
        required = person.must_hold_ktp_el(on)
        assert required == (person.ktp_el_status is not KTPElStatus.NOT_REQUIRED)
    districts = {f.address.district_code for f in registry.families()}
    assert 15 == len(districts)
    assert registry == s.loads(s.dumps(registry))


def test_built_values_pass_the_checked_constructors() -> None:
    """The synthesizer skips the constructors' checks for speed; its values pass them anyway."""
    registry = synthesize_population("18.08.15", seed=5, scale=0.05)
    for person in registry.residents():
        assert person == Resident(**attrs.asdict(person, recurse=False))
    for family in registry.families():
        rebuilt = Family(
            number=family.number,
            address=Address(**attrs.asdict(family.address, recurse=False)),
            members=tuple(
                Membership(**attrs.asdict(member, recurse=False)) for member in family.members
            ),
        )
        assert family == rebuilt


def test_trusted_needs_every_required_field() -> None:
    """The unchecked builder still refuses to leave a required field unset (or set a stranger)."""
    with pytest.raises(TypeError, match="'nik'"):
        trusted(Membership, relationship=Relationship.HEAD)
    with pytest.raises(TypeError, match="colour"):
        trusted(Membership, nik="1808014101050001", relationship=Relationship.HEAD, colour=1)


@pytest.fixture(scope="module")
def office_month() -> OfficeSimulation:
    registry = synthesize_population("18.08", seed=11, scale=0.03)
    return simulate_office(registry, days=31, seed=11)


def test_a_simulated_month_keeps_every_rule(office_month: OfficeSimulation) -> None:
    """A simulated month keeps every rule."""
    office_month.registry.check()
    applications = office_month.applications
    assert sum(day.filed for day in office_month.days) == len(applications)
    for application in applications:
        assert application == replay(application.history, id=application.id)
    statuses = collections.Counter(app.status for app in applications)
    assert statuses[Status.COLLECTED] > len(applications) / 2
    assert (
        statuses[Status.RETURNED]
        + sum(any(a.trigger is Trigger.SEND_BACK for a in app.history) for app in applications)
        > 0
    ), "a share of files comes back incomplete"
    documents = {app.form.document for app in applications}
    assert {"KK", "KTP-el", "KIA", "AKTA-LAHIR", "AKTA-MATI"} <= documents
    # the office prints only what the register accepted: each change is in the journal
    journal = set(map(id, office_month.registry.journal))
    for app in applications:
        for action in app.history:
            for event in action.events:
                assert id(event) in journal


def test_the_simulation_is_reproducible_and_scales_with_the_register() -> None:
    """The simulation is reproducible and scales with the register."""

    def run(seed: int) -> list[tuple[str, str, int]]:
        registry = synthesize_population("18.08.15", seed=2, scale=0.3)
        outcome = simulate_office(registry, days=10, seed=seed)
        return [(a.id, a.form.document, len(a.history)) for a in outcome.applications]

    assert run(5) == run(5)
    assert run(5) != run(6)
    small = synthesize_population("18.08.15", seed=2, scale=0.3)
    filed = sum(d.filed for d in simulate_office(small, days=28, seed=1).days)
    expected = 300 * 28 * len(small.residents()) / 480_000
    assert 0.5 * expected < filed < 1.5 * expected


def test_simulation_arguments_and_progress() -> None:
    """Simulation arguments and progress."""
    registry = synthesize_population("18.08.15", seed=2, scale=0.05)
    seen: list[tuple[int, int]] = []
    outcome = simulate_office(registry, days=3, seed=1, progress=lambda i, n: seen.append((i, n)))
    assert [(1, 3), (2, 3), (3, 3)] == seen
    assert 3 == len(outcome.days)
    assert outcome.office.registry is registry
    with pytest.raises(errors.AdmindukError, match="days"):
        simulate_office(registry, days=-1, seed=1)


def test_the_simulation_runs_through_an_office_of_ones_own(tmp_path: Path) -> None:
    """Through a store-backed office the run is the default run, and it is all in the store."""
    base = synthesize_population("18.08.15", seed=2, scale=0.3)
    plain = simulate_office(Registry.replay(base.journal, area=base.area), days=12, seed=4)
    path = tmp_path / "office.db"
    office = open_office(path, code="18.08", registry=base, staff=sample_staff())
    stored = simulate_office(office.registry, days=12, seed=4, office=office)
    assert stored.office is office
    assert plain.days == stored.days
    assert sum(day.issued for day in stored.days) > 0
    assert list(plain.registry.journal) == list(stored.registry.journal)
    assert plain.applications == stored.applications
    store = office.recorder
    assert isinstance(store, Store)
    store.close()
    reopened = open_office(path, code="18.08", staff=sample_staff())
    assert dict(reopened.applications) == dict(office.applications)
    assert reopened.registry.journal == office.registry.journal
    assert isinstance(reopened.recorder, Store)
    reopened.recorder.close()


def test_an_office_of_ones_own_must_fit_the_run() -> None:
    """An office over another register, or without staff in a role the run needs, is refused."""
    registry = synthesize_population("18.08.15", seed=2, scale=0.05)
    other = Office("18.08", Registry.replay(registry.journal, area=registry.area))
    with pytest.raises(errors.AdmindukError, match="over the registry"):
        simulate_office(registry, days=3, seed=1, office=other)
    short = [a for a in sample_staff() if a.role is not Role.COURIER]
    understaffed = Office("18.08", registry, staff=short)
    with pytest.raises(errors.AdmindukError, match="courier"):
        simulate_office(registry, days=3, seed=1, office=understaffed)
    assert 0 == len(understaffed.applications)
