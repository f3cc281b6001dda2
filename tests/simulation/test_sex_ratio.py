"""The synthesizer keeps the census sex ratio in every age band, not only in total.

Men and women are alike in number in every five-year band below 60 and women outnumber men
above (SP2020; DOMAIN.md): a synthetic regency and a national dataset keep each band's ratio
within 0.05 of the census shape (tables.SEX_RATIOS), scaled by the overall ratio the population
tables fix. Before, heads of family drew men old and wives young: 0.41 men per woman at 15-19,
2.3 at 60-69.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.codes import Sex
from adminduk.register.resident import Resident
from adminduk.simulation import synthesize_population
from adminduk.simulation.partitions import plan_partitions, synthesize_partition
from adminduk.simulation.tables import AGE_BANDS, sex_ratio

ON = datetime.date(2026, 1, 1)


def band_ratios(people: Iterable[Resident], on: datetime.date) -> dict[int, float]:
    """Men per woman in each census band (ages past the last band count in it)."""
    counts: Counter[tuple[int, Sex]] = Counter()
    for person in people:
        age = person.age(on)
        band = next((b for b in AGE_BANDS if b.low <= age <= b.high), AGE_BANDS[-1])
        counts[(band.low, person.sex)] += 1
    return {
        band.low: counts[(band.low, Sex.MALE)] / max(1, counts[(band.low, Sex.FEMALE)])
        for band in AGE_BANDS
    }


def assert_census_shape(people: list[Resident], on: datetime.date) -> None:
    males = sum(person.sex is Sex.MALE for person in people)
    overall = males / (len(people) - males)
    census = sum(b.share * sex_ratio(b.low) / (1 + sex_ratio(b.low)) for b in AGE_BANDS) / sum(
        b.share / (1 + sex_ratio(b.low)) for b in AGE_BANDS
    )
    for low, ratio in band_ratios(people, on).items():
        expected = sex_ratio(low) * overall / census
        assert abs(ratio - expected) <= 0.05, (low, round(ratio, 3), round(expected, 3))


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**32))
def test_a_synthetic_regency_keeps_the_sex_ratio_by_age(seed: int) -> None:
    """Way Kanan at 3 % (about 15,000 people): every band within 0.05 of the census shape."""
    registry = synthesize_population("18.08", scale=0.03, seed=seed, on=ON)
    assert_census_shape(list(registry.residents()), ON)


def test_a_national_dataset_keeps_the_sex_ratio_by_age() -> None:
    """Pieces of a national dataset, drawn alone, keep it too (Lampung, ~1,000 per district).

    At full scale a district holds tens of thousands. Districts of about a hundred people (a
    1,000,000-resident country) still lean: each is balanced on its own, and a hundred draws
    do not undo the families' shape (husbands older than wives); see the CHANGELOG.
    """
    parts = plan_partitions("18", seed=5, residents=230_000, partition_size=8_000)
    people = [
        person
        for part in parts
        for registration in synthesize_partition(part)
        for person in registration.residents
    ]
    assert len(people) == 230_000
    assert_census_shape(people, parts[0].on)
