"""Religion is drawn by province from a cited table, in the regency synthesizer and the national job."""

from __future__ import annotations

import collections

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import regions
from adminduk.codes import Religion
from adminduk.errors import InvalidComponent, InvalidFormat, UnknownRegion
from adminduk.regions import RegionLevel
from adminduk.simulation import plan_partitions, synthesize_partition, synthesize_population
from adminduk.simulation.religions import (
    NATIONAL_RELIGION_SHARES,
    RELIGION_SHARES,
    ReligionShares,
    religion_shares,
)

PROVINCES = [r.code for r in regions.provinces()]


def _first_district(province: str) -> str:
    regency = regions.children(province)[0].code
    return regions.children(regency)[0].code


def _religions_of(district: str, people: int = 600) -> collections.Counter[Religion]:
    registry = synthesize_population(district, counts={district: (people, people)}, seed=5)
    return collections.Counter(r.religion for r in registry.residents())


@pytest.mark.parametrize(
    ("province", "majority"),
    [("51", Religion.HINDU), ("53", Religion.KATOLIK), ("91", Religion.KRISTEN)],
)
def test_a_province_whose_published_mix_differs_draws_its_own_majority(
    province: str, majority: Religion
) -> None:
    """Bali draws mostly Hindus, East Nusa Tenggara Catholics, Papua Protestants (not Lampung's mix)."""
    counts = _religions_of(_first_district(province))
    assert counts.most_common(1)[0][0] is majority
    assert counts[majority] > 0.5 * sum(counts.values())


def test_lampung_keeps_a_muslim_majority_near_its_published_share() -> None:
    """Way Kanan's residents are drawn from Lampung's row: about 96 % Muslim of those listed."""
    counts = _religions_of("18.08.01", people=1_500)
    share = counts[Religion.ISLAM] / sum(counts.values())
    weights = religion_shares("18").weights
    assert abs(share - weights[0] / sum(weights)) < 0.03


def test_the_national_job_draws_religion_by_the_partition_province() -> None:
    """A national piece in Bali holds mostly Hindus; one in West Java mostly Muslims."""
    for within, majority in (("51.03", Religion.HINDU), ("32.01", Religion.ISLAM)):
        part = plan_partitions(within, residents=800, seed=3, partition_size=800)[0]
        counts = collections.Counter(
            person.religion for event in synthesize_partition(part) for person in event.residents
        )
        assert counts.most_common(1)[0][0] is majority


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(PROVINCES), st.integers(0, 2**16))
def test_only_religions_with_weight_in_the_province_are_drawn(province: str, seed: int) -> None:
    """Whatever the province and seed, a drawn religion has a positive weight there."""
    district = _first_district(province)
    weights = religion_shares(district).weights
    registry = synthesize_population(district, counts={district: (20, 20)}, seed=seed)
    assert all(weights[r.religion.code - 1] > 0 for r in registry.residents())


def test_every_row_is_a_known_province_with_a_source() -> None:
    """The table names real provinces, cites each figure, and has one weight per religion."""
    for code, row in RELIGION_SHARES.items():
        assert regions.get(code).level is RegionLevel.PROVINCE
        assert row.province == code
        assert len(row.weights) == len(Religion)
        assert "http" in row.source or "databoks" in row.source
    assert NATIONAL_RELIGION_SHARES.source.startswith("Ditjen Dukcapil")


def test_provinces_without_a_row_borrow_or_fall_back_to_the_national_shares() -> None:
    """Papua Tengah borrows Papua's row; Jawa Tengah (no row) uses the national shares."""
    assert religion_shares("94") is RELIGION_SHARES["91"]
    assert religion_shares("33.01") is NATIONAL_RELIGION_SHARES


def test_bad_codes_and_rows_are_refused() -> None:
    """Malformed or unknown codes, and rows of the wrong shape, raise typed errors."""
    with pytest.raises(InvalidFormat):
        religion_shares("5x")
    with pytest.raises(UnknownRegion):
        religion_shares("99")
    with pytest.raises(InvalidComponent, match="7 weights"):
        ReligionShares("51", (1.0, 2.0), "nowhere")
    with pytest.raises(InvalidComponent):
        ReligionShares("51", (0.0,) * 7, "nowhere")
    with pytest.raises(InvalidComponent):
        ReligionShares("51", (-1.0, 1, 1, 1, 1, 1, 1), "nowhere")
