"""KTP-el recording coverage, families per region, and the age pyramid."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from adminduk import regions
from adminduk.codes import KTPElStatus, LifeStatus, MaritalStatus, Sex
from adminduk.errors import InvalidComponent
from adminduk.register import ktp_el_birth_limit
from adminduk.register.registry import Registry
from adminduk.statistics._common import (
    _CENT,
    Level,
    _as_of,
    _regional,
    percentage,
)

# --- KTP-el coverage, families, ages ----------------------------------------------------------------


@attrs.frozen
class CoverageRow:
    """KTP-el recording in one region: who must hold one, and how many are recorded."""

    code: str
    name: str
    required: int
    recorded: int

    @property
    def coverage(self) -> Decimal:
        """Recorded as a percentage of required."""
        return percentage(self.recorded, self.required)


def ktp_el_coverage(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> list[CoverageRow]:
    """KTP-el coverage per district: recorded / required (alive, 17 or older or ever married).

    The office measures its outreach by this figure (Pasal 63 UU 24/2013).
    """
    regional = _regional(registry, region_code, by, on)
    tally, children, day = regional.tally, regional.children, regional.day
    # Resident.must_hold_ktp_el, unrolled over a once-computed birth limit and member sets: this
    # loop runs once per resident.
    limit = ktp_el_birth_limit(day)
    alive, residents = LifeStatus.ALIVE, regional.state.residents_by_nik
    for slot, family in regional.families():
        for member in family.members:
            person = residents[member.nik]
            if person.life_status is alive and (
                person.birth_date <= limit or person.marital_status in _EVER_MARRIED
            ):
                slot[0] += 1
                if person.ktp_el_status in _RECORDED:
                    slot[1] += 1
    return [CoverageRow(c.code, c.name, *tally[c.code]) for c in children]


_EVER_MARRIED = frozenset(status for status in MaritalStatus if status.ever_married)
_RECORDED = frozenset(status for status in KTPElStatus if status.is_recorded)


@attrs.frozen
class FamilyRow:
    """Families in one region and their average size."""

    code: str
    name: str
    families: int
    members: int

    @property
    def average_size(self) -> Decimal:
        """Members per family, two decimals."""
        if self.families == 0:
            return Decimal("0.00")
        return (Decimal(self.members) / Decimal(self.families)).quantize(
            _CENT, rounding=ROUND_HALF_UP
        )


def family_table(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> list[FamilyRow]:
    """Families (KK) per district and their average number of members."""
    regional = _regional(registry, region_code, by, on)
    tally, children = regional.tally, regional.children
    for slot, family in regional.families():
        slot[0] += 1
        slot[1] += len(family.members)
    return [FamilyRow(c.code, c.name, *tally[c.code]) for c in children]


@attrs.frozen
class AgeBand:
    """Living residents of one age band by sex (``top`` band: that age and older)."""

    low: int
    high: int | None
    male: int
    female: int

    @property
    def label(self) -> str:
        """``"20-24"``, or ``"75+"`` for the top band."""
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high}"

    @staticmethod
    def band_count(width: int, top: int) -> int:
        """How many bands ages ``width`` apart up to ``top`` (and older) make; checks both.

        >>> AgeBand.band_count(5, 75)
        16
        """
        if (
            isinstance(width, bool)
            or not isinstance(width, int)
            or isinstance(top, bool)
            or not isinstance(top, int)
            or width < 1
            or top < width
            or top % width
        ):
            raise InvalidComponent("width must be at least 1 and divide top")
        return top // width + 1

    @classmethod
    def pyramid(
        cls, counts: Sequence[tuple[int, int]], *, width: int = 5, top: int = 75
    ) -> list[AgeBand]:
        """The bands of ``(male, female)`` counts, youngest first (one per band).

        >>> [band.label for band in AgeBand.pyramid([(1, 2), (3, 4)], width=10, top=10)]
        ['0-9', '10+']
        """
        last = cls.band_count(width, top) - 1
        if len(counts) != last + 1:
            raise InvalidComponent(f"expected {last + 1} bands of counts, not {len(counts)}")
        return [
            cls(i * width, None if i == last else i * width + width - 1, m, f)
            for i, (m, f) in enumerate(counts)
        ]


def age_pyramid(
    registry: Registry,
    region_code: str | None = None,
    *,
    on: datetime.date,
    width: int = 5,
    top: int = 75,
) -> list[AgeBand]:
    """Living residents by age band and sex (youngest first), optionally within a region."""
    bands = [[0, 0] for _ in range(AgeBand.band_count(width, top))]
    prefix = None if region_code in (None, regions.INDONESIA) else regions.normalize(region_code)
    state = _as_of(registry, on)
    for family in state.families():
        if prefix is not None and not family.address.village_code.startswith(prefix):
            continue
        for member in family.members:
            person = state.residents_by_nik[member.nik]
            if person.is_alive:
                index = min(person.age(on) // width, top // width)
                bands[index][person.sex is Sex.FEMALE] += 1
    return AgeBand.pyramid([(m, f) for m, f in bands], width=width, top=top)
