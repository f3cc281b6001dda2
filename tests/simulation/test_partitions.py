"""A synthetic country in bounded pieces: exact totals, bounded pieces, one consistent register."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from adminduk import regions
from adminduk.codes import Sex
from adminduk.errors import InvalidComponent, InvalidFormat, UnknownRegion
from adminduk.register import Registry
from adminduk.simulation import Partition, plan_partitions, synthesize_partition

WAY_KANAN = "18.08"


def test_the_country_is_planned_from_the_2025_figures_of_every_regency() -> None:
    """Without residents=, every regency's 2025 figure is planned, in bounded pieces."""
    parts = plan_partitions(seed=1)
    assert sum(p.residents for p in parts) == regions.population(regions.INDONESIA).total
    assert {p.regency for p in parts} == {
        r.code for r in regions.walk(level=regions.RegionLevel.REGENCY)
    }
    assert max(p.residents for p in parts) <= 50_000


@given(
    residents=st.integers(0, 30_000),
    size=st.integers(50, 20_000),
    within=st.sampled_from([WAY_KANAN, "18", ["18.08", "31.71"], None]),
)
# Found by this test: the first slice took both a man and a woman left over, one over the size.
@example(residents=1600, size=50, within="18.08")
@settings(max_examples=30)
def test_plans_hit_the_total_exactly_in_bounded_pieces(
    residents: int, size: int, within: str | list[str] | None
) -> None:
    """Any plan holds exactly the residents asked for, no piece over the size."""
    parts = plan_partitions(within, residents=residents, seed=0, partition_size=size)
    assert sum(p.residents for p in parts) == residents
    assert all(0 < p.residents <= size for p in parts)
    assert len({p.name for p in parts}) == len(parts)
    for part in parts:
        assert 0 <= part.index < part.count
        assert regions.get(part.district).level is regions.RegionLevel.DISTRICT


def test_a_planned_population_follows_the_regencys_district_shares() -> None:
    """Way Kanan's plan follows its published district shares."""
    parts = plan_partitions(WAY_KANAN, seed=0)
    # Way Kanan's 2025 figure, split by the published 2020 district shares.
    assert sum(p.residents for p in parts) == regions.population(WAY_KANAN).total
    by_district: dict[str, int] = {}
    for part in parts:
        by_district[part.district] = by_district.get(part.district, 0) + part.residents
    assert max(by_district, key=by_district.__getitem__) == "18.08.03"  # Baradatu, the largest


@given(
    seed=st.integers(0, 2**32),
    residents=st.integers(1, 1_500),
    size=st.integers(20, 600),
)
@settings(max_examples=15)
def test_pieces_drawn_alone_make_one_register_that_keeps_every_rule(
    seed: int, residents: int, size: int
) -> None:
    """Pieces drawn in any order apply to one register, every rule checked."""
    parts = plan_partitions(WAY_KANAN, residents=residents, seed=seed, partition_size=size)
    registry = Registry(area=WAY_KANAN)
    for part in reversed(parts):  # any order: each piece has its own stream and serials
        males = females = 0
        for event in synthesize_partition(part):
            registry.apply(event)  # every rule of the register, checked as it is applied
            assert all(
                m.nik.startswith(part.district.replace(".", "")) for m in event.family.members
            )
            males += sum(r.sex is Sex.MALE for r in event.residents)
            females += sum(r.sex is Sex.FEMALE for r in event.residents)
        assert (males, females) == (part.males, part.females)
    registry.check()
    assert len(registry.residents()) == residents


def test_a_piece_gives_the_same_people_every_time() -> None:
    """A piece is reproducible from its seed, and another seed draws others."""
    part = plan_partitions(WAY_KANAN, residents=400, seed=5)[0]
    assert list(synthesize_partition(part)) == list(synthesize_partition(part))
    other = attrs.evolve(part, seed=6)
    assert list(synthesize_partition(part)) != list(synthesize_partition(other))


def test_slices_of_a_district_take_interleaved_serials() -> None:
    """Slice i of n uses NIK and KK serials i+1, i+1+n, ..."""
    parts = list(plan_partitions(WAY_KANAN, residents=3_000, seed=1, partition_size=90))
    district = parts[0].district
    slices = [p for p in parts if p.district == district]
    assert len(slices) > 1
    for part in slices:
        for event in synthesize_partition(part):
            for resident in event.residents:
                assert (int(resident.nik[-4:]) - 1) % part.count == part.index
            assert (int(event.family.number[-4:]) - 1) % part.count == part.index


def test_bad_plans_and_pieces_are_refused_with_typed_errors() -> None:
    """Bad plans and pieces get typed errors."""
    with pytest.raises(InvalidFormat):
        plan_partitions(seed="1")  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent, match="partition_size"):
        plan_partitions(seed=1, partition_size=0)
    with pytest.raises(InvalidComponent, match="residents"):
        plan_partitions(seed=1, residents=-1)
    with pytest.raises(InvalidComponent, match="not a district"):
        plan_partitions("18.08.01", seed=1)
    with pytest.raises(InvalidComponent, match="at least one"):
        plan_partitions([], seed=1)
    with pytest.raises(UnknownRegion):
        plan_partitions("18.99", seed=1)
    with pytest.raises(InvalidFormat):
        synthesize_partition("18.08.01")  # type: ignore[arg-type]
    part = Partition("18.08.01", 3, 3, seed=1)
    with pytest.raises(InvalidComponent, match="slice"):
        synthesize_partition(attrs.evolve(part, index=2, count=2))
    with pytest.raises(InvalidComponent, match="not a district"):
        synthesize_partition(attrs.evolve(part, district="18.08"))
    with pytest.raises(InvalidComponent, match="negative"):
        synthesize_partition(attrs.evolve(part, males=-1))
    assert list(synthesize_partition(attrs.evolve(part, males=0, females=0))) == []
    assert Partition("18.08.01", 1, 1, 0).on == datetime.date(2026, 1, 1)


def test_what_the_synthesizer_builds_unchecked_passes_the_checked_constructors() -> None:
    """The synthesizer skips the constructors' checks; re-running them changes nothing."""
    parts = plan_partitions(["18.08", "31.71"], residents=1_500, seed=8, partition_size=400)
    for part in parts:
        for event in synthesize_partition(part):
            assert attrs.evolve(event.family.address) == event.family.address
            for membership in event.family.members:
                assert attrs.evolve(membership) == membership
            assert attrs.evolve(event.family) == event.family
            for resident in event.residents:
                assert attrs.evolve(resident) == resident
            assert attrs.evolve(event) == event
