"""A synthetic country in bounded pieces: plan partitions, then stream each one's families.

One machine cannot hold Indonesia's 285 million residents as Python objects, so the national
synthesis is cut into :class:`Partition` pieces of at most ``partition_size`` residents: a
district, or one slice of a large district. Each piece has its own seeded random stream, and the
slices of a district take interleaved NIK and KK serials (slice ``i`` of ``n`` uses ``i + 1``,
``i + 1 + n``, ...), so any piece can be drawn alone, on any machine, in any order, and the
pieces together are still one consistent register: no NIK or KK number twice, every family
rule kept. :func:`synthesize_partition` streams a piece family by family; memory stays
bounded by one district's serial counters whatever the piece's size.

>>> parts = plan_partitions("18.08", residents=2_000, seed=7, partition_size=100)
>>> sum(p.residents for p in parts), max(p.residents for p in parts) <= 100
(2000, True)
>>> event = next(synthesize_partition(parts[0]))
>>> event.family.address.village_code.startswith(parts[0].district)
True
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Iterable, Iterator

import attrs

from adminduk import regions
from adminduk._dates import require_day
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.regions import RegionLevel
from adminduk.register.events import FamilyRegistered
from adminduk.simulation.population import _Builder, district_weights, families_of_district

__all__ = [
    "DEFAULT_DAY",
    "Partition",
    "check_partition",
    "plan_partitions",
    "stream_name",
    "synthesize_partition",
]

#: The day every synthesized family is registered on, unless told otherwise.
DEFAULT_DAY = datetime.date(2026, 1, 1)


@attrs.frozen
class Partition:
    """Slice ``index`` of ``count`` of one district: ``males`` and ``females`` to draw."""

    district: str
    males: int
    females: int
    seed: int
    index: int = 0
    count: int = 1
    on: datetime.date = DEFAULT_DAY

    @property
    def residents(self) -> int:
        """How many people the piece holds."""
        return self.males + self.females

    @property
    def regency(self) -> str:
        """The regency code of the district."""
        return self.district[:5]

    @property
    def province(self) -> str:
        """The province code of the district."""
        return self.district[:2]

    @property
    def name(self) -> str:
        """A file-safe name, unique within a plan: ``180801-0of3``."""
        return f"{self.district.replace('.', '')}-{self.index}of{self.count}"


def _regencies(within: str | Iterable[str] | None) -> list[str]:
    """The regency codes of the country, of provinces, or of the given regencies (code order)."""
    if within is None:
        codes: list[str] = []
    elif isinstance(within, str):
        codes = [within]
    else:
        codes = list(within)
        if not codes:
            raise InvalidComponent("name at least one province or regency")
    found: set[str] = set()
    if not codes:
        found.update(r.code for r in regions.walk(level=RegionLevel.REGENCY))
    for code in codes:
        region = regions.get(code)
        if region.level is RegionLevel.PROVINCE:
            found.update(r.code for r in regions.walk(region.code, level=RegionLevel.REGENCY))
        elif region.level is RegionLevel.REGENCY:
            found.add(region.code)
        else:
            raise InvalidComponent(
                f"synthesize provinces or regencies, not a {region.level.label_en} ({region.code})"
            )
    return sorted(found)


def _apportion(weights: list[float], total: int) -> list[int]:
    """Whole numbers proportional to ``weights`` adding up to ``total`` (largest remainder)."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    exact = [w * total / whole for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def plan_partitions(
    within: str | Iterable[str] | None = None,
    *,
    seed: int,
    residents: int | None = None,
    partition_size: int = 50_000,
    on: datetime.date = DEFAULT_DAY,
) -> tuple[Partition, ...]:
    """Cut a synthetic population into pieces of at most ``partition_size`` residents.

    ``within`` is ``None`` (the country), a province or regency code, or a list of them. The
    population is the regencies' 2025 figures split over their districts by
    :func:`~adminduk.simulation.population.district_weights`; ``residents`` scales it to exactly
    that many people (largest remainders), else the 2025 figures are taken as they are.

    >>> len(plan_partitions(residents=1_000_000, seed=1)) > 514
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidFormat(f"seed must be an int, not {type(seed).__name__}")
    if isinstance(partition_size, bool) or not isinstance(partition_size, int):
        raise InvalidFormat(f"partition_size must be an int, not {type(partition_size).__name__}")
    if partition_size < 1:
        raise InvalidComponent(f"partition_size must be at least 1, not {partition_size}")
    if residents is not None and (
        isinstance(residents, bool) or not isinstance(residents, int) or residents < 0
    ):
        raise InvalidComponent(f"residents must be a non-negative int, not {residents!r:.20}")
    require_day(on)
    cells: list[tuple[str, int]] = []  # (district, 0 male / 1 female)
    weights: list[float] = []
    for regency in _regencies(within):
        for district, pair in district_weights(regency).items():
            for sex, weight in enumerate(pair):
                cells.append((district, sex))
                weights.append(weight)
    total = round(sum(weights)) if residents is None else residents
    counts = _apportion(weights, total)
    by_district: dict[str, list[int]] = {}
    for (district, sex), count in zip(cells, counts, strict=True):
        by_district.setdefault(district, [0, 0])[sex] = count
    parts: list[Partition] = []
    for district, (males, females) in by_district.items():
        slices = max(1, math.ceil((males + females) / partition_size))
        for index in range(slices):
            # The men left over go to the first slices, the women to the last: no slice holds
            # more than the total's share rounded up, so none is over ``partition_size``.
            part_males = males // slices + (index < males % slices)
            part_females = females // slices + (index >= slices - females % slices)
            if part_males + part_females:
                parts.append(
                    Partition(district, part_males, part_females, seed, index, slices, on)
                )
    return tuple(parts)


def synthesize_partition(partition: Partition) -> Iterator[FamilyRegistered]:
    """The families of one piece, drawn from its own seeded stream (same piece, same people).

    Exactly ``partition.males`` men and ``partition.females`` women, in families registered on
    ``partition.on`` in villages of ``partition.district``, with the synthesizer's ages, families
    and statuses (:func:`~adminduk.simulation.synthesize_population`).
    """
    district = check_partition(partition)
    # A string seed is hashed with SHA-512 by random.Random: the same in every process.
    rng = random.Random(stream_name(partition, district.code))
    builder = _Builder(rng, partition.on, first_serial=partition.index + 1, step=partition.count)
    return families_of_district(builder, district.code, partition.males, partition.females)


def check_partition(partition: Partition) -> regions.Region:
    """The piece's district, or the typed error that says why ``partition`` cannot be drawn.

    >>> check_partition(Partition("18.08.01", 10, 10, seed=1)).name
    'Blambangan Umpu'
    """
    if not isinstance(partition, Partition):
        raise InvalidFormat(f"expected a Partition, not {type(partition).__name__}")
    numbers = (partition.males, partition.females, partition.seed, partition.index)
    if any(isinstance(n, bool) or not isinstance(n, int) for n in (*numbers, partition.count)):
        raise InvalidFormat("a partition's counts, seed and slice are ints")
    if not 0 <= partition.index < partition.count or partition.count > 9999:
        raise InvalidComponent(
            f"slice {partition.index} of {partition.count} is not a slice of a district"
        )
    district = regions.get(partition.district)
    if district.level is not RegionLevel.DISTRICT:
        raise InvalidComponent(f"{district.code} is not a district")
    if partition.males < 0 or partition.females < 0:
        raise InvalidComponent(f"negative counts for {district.code}")
    require_day(partition.on, "on")
    return district


def stream_name(partition: Partition, district: str) -> str:
    """The text a piece's random stream is seeded from: the seed, district and slice."""
    return f"adminduk:{partition.seed}:{district}:{partition.index}/{partition.count}"
