"""Synthetic populations: consistent registers with realistic families, ages and statuses.

Everything is driven by a seed: the same arguments give the same register. All people are
invented; their NIKs are composed from their district, birth date, sex and a free serial.

>>> registry = synthesize_population("18.08.15", counts={"18.08.15": (60, 55)}, seed=1)
>>> sum(r.sex is Sex.MALE for r in registry.residents()), len(registry.residents())
(60, 115)
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from adminduk import regions
from adminduk._fields import positional_builder
from adminduk._names import BIRTH_PLACES, FEMALE_NAMES, MALE_NAMES, SECOND_NAMES, STREETS
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.regions import RegionLevel
from adminduk.register import KTP_EL_AGE
from adminduk.register.address import Address
from adminduk.register.events import FamilyRegistered
from adminduk.register.family import Family, Membership
from adminduk.register.registry import Registry
from adminduk.register.resident import Resident
from adminduk.simulation.religions import religion_shares
from adminduk.simulation.tables import (
    ADULT_OCCUPATIONS,
    AGE_BANDS,
    COUPLE_SHARE,
    FAMILY_SIZES,
    KTP_EL_RECORDED_SHARE,
    REGISTERED_MARRIAGE_SHARE,
    district_shares,
    sex_shares,
    years_before,
)

__all__ = ["district_weights", "synthesize_population"]

_T = TypeVar("_T")

_SIZES = tuple(size for size, _ in FAMILY_SIZES)
_SIZE_CUMULATIVE = tuple(itertools.accumulate(weight for _, weight in FAMILY_SIZES))
_SECOND_NAMES = ("", *SECOND_NAMES)
_from_ordinal = datetime.date.fromordinal
#: Residents built from values the synthesizer composed consistently, in field order, unchecked
#: (tests/simulation/test_partitions.py pins them to the checked constructor).
_new_resident: Callable[..., Resident] = positional_builder(Resident)
_new_address: Callable[..., Address] = positional_builder(Address)
_new_membership: Callable[..., Membership] = positional_builder(Membership)
_new_family: Callable[..., Family] = positional_builder(Family)
_new_registration: Callable[..., FamilyRegistered] = positional_builder(FamilyRegistered)


class _Builder:
    """Draws people and families for one register, keeping serials free."""

    def __init__(
        self, rng: random.Random, on: datetime.date, *, first_serial: int = 1, step: int = 1
    ) -> None:
        self.rng = rng
        self.random = rng.random
        self.on = on
        # Serials first_serial, first_serial + step, ...: slices of one district take
        # interleaved serials, so their NIKs and KK numbers never collide.
        self.first_serial = first_serial
        self.step = step
        self.nik_serials: dict[str, int] = {}
        self.kk_serials: dict[str, int] = {}
        self.on_ordinal = on.toordinal()
        self.spans: dict[int, tuple[int, int]] = {}
        self.codes: dict[str, str] = {}
        self.religions = list(Religion)
        # Cumulative religion weights by province (simulation.religions), looked up once each.
        self.religion_weights: dict[str, tuple[float, ...]] = {}
        self.adult_education = list(Education)[2:]
        self.blood_types = list(BloodType)
        self.bands = [(band.low, band.high, band.share / 100.0) for band in AGE_BANDS]
        # Each sex keeps its own age structure: the census shares split by the band's sex ratio
        # (tables.SEX_RATIOS), so men and women are alike in every band below 60.
        self.shares = {sex: sex_shares(sex) for sex in Sex}
        self.band_counts = {sex: [0] * len(self.bands) for sex in Sex}
        self.drawn = dict.fromkeys(Sex, 0)
        self.overlaps: dict[tuple[int, int, Sex], list[tuple[int, float, float, int, int]]] = {}

    # random.Random's choice() and randint() run in Python and were a fifth of the time; these
    # use random() (in C) directly.
    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def weighted(self, items: Sequence[_T], cumulative: Sequence[float]) -> _T:
        return items[bisect.bisect(cumulative, self.random() * cumulative[-1])]

    def age(self, low: int, high: int, sex: Sex) -> int:
        """An age from ``low`` to ``high`` that keeps ``sex`` on the census age structure.

        Each five-year band is weighted by its census share for that sex, its overlap with the
        allowed range, and how many people of that sex it still lacks for that share: the
        families' own constraints (a child born after the mother turned 18, a husband over 22)
        are kept, and the totals of each sex still follow
        :data:`~adminduk.simulation.tables.AGE_BANDS` and
        :data:`~adminduk.simulation.tables.SEX_RATIOS`.
        """
        key = (low, high, sex)
        options = self.overlaps.get(key)
        if options is None:
            options = self.overlaps[key] = self._overlaps(low, high, self.shares[sex])
        counts, drawn = self.band_counts[sex], self.drawn[sex] + 1
        # How many of each band are missing so far (a band at or over its share keeps a small
        # chance): the totals settle on the shares whatever the families demand.
        weights = list(
            itertools.accumulate(
                [
                    base
                    * (missing + 1.0 if (missing := share * drawn - counts[i]) > 0.0 else 0.02)
                    for i, share, base, _, _ in options
                ]
            )
        )
        index, _, _, first, last = options[bisect.bisect(weights, self.random() * weights[-1])]
        counts[index] += 1
        self.drawn[sex] = drawn
        if last - first > 5:  # the open band (65+): fewer people at each older age
            return first + int((last - first + 1) * (1.0 - self.random() ** 0.5))
        return self.between(first, last)

    def _overlaps(
        self, low: int, high: int, shares: Sequence[float]
    ) -> list[tuple[int, float, float, int, int]]:
        """The bands ``low``-``high`` overlaps: index, share, weight by overlap, overlap ends."""
        found = []
        for index, (band_low, band_high, _) in enumerate(self.bands):
            first, last = max(band_low, low), min(band_high, high)
            if first <= last:
                share = shares[index]
                base = share * (last - first + 1) / (band_high - band_low + 1)
                found.append((index, share, base, first, last))
        if not found:  # pragma: no cover - every caller's range overlaps some band
            raise InvalidComponent(f"no census age band overlaps ages {low}-{high}")
        return found

    def birth_date(self, min_age: int, max_age: int, sex: Sex) -> datetime.date:
        """A birth date of someone of ``sex`` aged ``min_age`` to ``max_age`` on the day."""
        age = self.age(min_age, max_age, sex)
        span = self.spans.get(age)
        if span is None:  # the days on which someone aged exactly ``age`` was born
            youngest = years_before(self.on, age).toordinal()
            oldest = years_before(self.on, age + 1).toordinal() + 1
            span = self.spans[age] = (oldest, youngest - oldest + 1)
        return _from_ordinal(span[0] + int(self.random() * span[1]))

    def _code(self, district: str) -> str:
        code = self.codes.get(district)
        if code is None:
            code = self.codes[district] = district.replace(".", "")
        return code

    def nik(self, district: str, born: datetime.date, sex: Sex) -> str:
        day = born.day + 40 if sex is Sex.FEMALE else born.day
        prefix = f"{self._code(district)}{day:02d}{born.month:02d}{born.year % 100:02d}"
        last = self.nik_serials.get(prefix)
        serial = self.first_serial if last is None else last + self.step
        if serial > 9999:  # pragma: no cover - needs ~10,000 people born on one day
            raise InvalidComponent(f"no free NIK serial in {district} on {born}")
        self.nik_serials[prefix] = serial
        return f"{prefix}{serial:04d}"

    def kk_number(self, district: str) -> tuple[str, datetime.date]:
        issued = _from_ordinal(self.on_ordinal - int(self.random() * 3651))
        prefix = f"{self._code(district)}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}"
        last = self.kk_serials.get(prefix)
        serial = self.first_serial if last is None else last + self.step
        if serial > 9999:  # pragma: no cover - needs ~10,000 families on one day's cards
            raise InvalidComponent(f"no free KK serial in {district} on {issued}")
        self.kk_serials[prefix] = serial
        return f"{prefix}{serial:04d}", issued

    def person(
        self,
        district: str,
        sex: Sex,
        born: datetime.date,
        marital: MaritalStatus,
        *,
        religion: Religion | None = None,
        father: str = "",
        mother: str = "",
    ) -> Resident:
        # The draws, in order: given name, KTP-el recording, education and occupation (adults),
        # second name, birth place, religion (unless given), blood type.
        random = self.random
        on = self.on
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        names = MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES
        given = names[int(random() * len(names))]
        if not (marital is not MaritalStatus.SINGLE or age >= KTP_EL_AGE):
            ktp = KTPElStatus.NOT_REQUIRED
        else:
            ktp = (
                KTPElStatus.ISSUED
                if random() < KTP_EL_RECORDED_SHARE
                else KTPElStatus.NOT_RECORDED
            )
        if age < 7:
            education, occupation = Education.NONE, Occupation.UNEMPLOYED
        elif age < 19:
            education, occupation = Education.PRIMARY_INCOMPLETE, Occupation.STUDENT
        else:
            adult = self.adult_education
            education = adult[int(random() * len(adult))]
            occupation = ADULT_OCCUPATIONS[int(random() * len(ADULT_OCCUPATIONS))]
        second = _SECOND_NAMES[int(random() * len(_SECOND_NAMES))]
        place = BIRTH_PLACES[int(random() * len(BIRTH_PLACES))]
        if religion is None:
            cumulative = self.religion_weights.get(district[:2])
            if cumulative is None:
                weights = religion_shares(district).weights
                cumulative = self.religion_weights[district[:2]] = tuple(
                    itertools.accumulate(weights)
                )
            religion = self.religions[bisect.bisect(cumulative, random() * cumulative[-1])]
        blood = self.blood_types[int(random() * len(self.blood_types))]
        return _new_resident(
            self.nik(district, born, sex),
            f"{given} {second}" if second else given,
            sex,
            place,
            born,
            religion,
            marital,
            education,
            occupation,
            blood,
            Citizenship.WNI,
            father,
            mother,
            LifeStatus.ALIVE,
            ktp,
            None,
        )

    def family(
        self, district: str, villages: list[str], males: int, females: int
    ) -> FamilyRegistered:
        """Return one family drawn within the remaining ``males`` and ``females``."""
        rng = self.rng
        left = males + females
        size = min(left, self.weighted(_SIZES, _SIZE_CUMULATIVE))
        couple = size >= 2 and males > 0 and females > 0 and rng.random() < COUPLE_SHARE
        people: list[tuple[Resident, Relationship]] = []
        if couple:
            status = (
                MaritalStatus.MARRIED
                if rng.random() < REGISTERED_MARRIAGE_SHARE
                else MaritalStatus.MARRIED_UNREGISTERED
            )
            head = self.person(district, Sex.MALE, self.birth_date(22, 75, Sex.MALE), status)
            wife_age_max = min(70, max(20, self.on.year - head.birth_date.year + 2))
            wife = self.person(
                district,
                Sex.FEMALE,
                self.birth_date(19, wife_age_max, Sex.FEMALE),
                status,
                religion=head.religion,
            )
            people += [(head, Relationship.HEAD), (wife, Relationship.WIFE)]
            males, females = males - 1, females - 1
            parents: tuple[Resident, ...] = (head, wife)
        else:
            sex = Sex.MALE if rng.random() < males / left else Sex.FEMALE
            age_min = KTP_EL_AGE if size == 1 else 30
            born = self.birth_date(age_min, 85, sex)
            age = self.on.year - born.year
            marital = (
                MaritalStatus.SINGLE
                if size == 1 and age < 30
                else self.pick((MaritalStatus.WIDOWED, MaritalStatus.DIVORCED))
            )
            head = self.person(district, sex, born, marital)
            people.append((head, Relationship.HEAD))
            males, females = (males - 1, females) if sex is Sex.MALE else (males, females - 1)
            parents = (head,)
        youngest = max(p.birth_date for p in parents)
        first_child = years_before(youngest, -18)  # the younger parent's 18th birthday
        for _ in range(size - len(people)):
            sex = Sex.MALE if rng.random() < males / max(1, males + females) else Sex.FEMALE
            if (sex is Sex.MALE and males == 0) or (sex is Sex.FEMALE and females == 0):
                sex = Sex.FEMALE if sex is Sex.MALE else Sex.MALE
            # The age comes first (so the register keeps the census age structure); it says
            # whether the member can be the couple's child, an elder or another relative.
            born = self.birth_date(0, 85, sex)
            if first_child < born:
                father = next((p.name for p in parents if p.sex is Sex.MALE), "")
                mother = next((p.name for p in parents if p.sex is Sex.FEMALE), "")
                member = self.person(
                    district,
                    sex,
                    born,
                    MaritalStatus.SINGLE,
                    religion=head.religion,
                    father=father,
                    mother=mother,
                )
                people.append((member, Relationship.CHILD))
            elif born.year + 18 <= head.birth_date.year:
                elder = self.person(district, sex, born, MaritalStatus.WIDOWED)
                people.append((elder, Relationship.PARENT))
            else:
                member = self.person(district, sex, born, MaritalStatus.SINGLE)
                people.append((member, Relationship.OTHER_RELATIVE))
            males, females = (males - 1, females) if sex is Sex.MALE else (males, females - 1)
        number, issued = self.kk_number(district)
        random = self.random
        street = STREETS[int(random() * len(STREETS))]
        address = _new_address(
            f"{street} No. {1 + int(random() * 250)}",
            f"{1 + int(random() * 25):03d}",
            f"{1 + int(random() * 8):03d}",
            villages[int(random() * len(villages))],
        )
        members = tuple(
            _new_membership(p.nik, r, issued if issued > p.birth_date else p.birth_date)
            for p, r in people
        )
        family = _new_family(number, address, members)
        return _new_registration(self.on, self.on, family, tuple(p for p, _ in people))


def district_weights(regency_code: str) -> dict[str, tuple[float, float]]:
    """The regency's 2025 males and females split over its districts (unrounded).

    The 2025 figures (``regions.population``) times each district's share
    (:func:`~adminduk.simulation.tables.district_shares`), in district code order.

    >>> males, females = district_weights("18.08")["18.08.02"]
    >>> round(males), round(females)
    (17368, 16453)
    """
    figures = regions.population(regency_code)
    shares = district_shares(regency_code)
    return {
        d.code: (
            figures.male * shares.male.get(d.code, 0.0),
            figures.female * shares.female.get(d.code, 0.0),
        )
        for d in regions.children(regency_code)
    }


def _default_counts(region: regions.Region, scale: float) -> dict[str, tuple[int, int]]:
    """Split the 2025 figures of a regency over its districts by its district shares."""
    regency = region.code if region.level is RegionLevel.REGENCY else region.parent_code or ""
    weights = district_weights(regency)
    return {
        code: (round(male * scale), round(female * scale))
        for code, (male, female) in weights.items()
        if region.level is RegionLevel.REGENCY or code == region.code
    }


def synthesize_population(
    region_code: str,
    *,
    seed: int,
    counts: Mapping[str, tuple[int, int]] | None = None,
    scale: float = 1.0,
    on: datetime.date = datetime.date(2026, 1, 1),
) -> Registry:
    """Return a consistent register of a regency (or one district) full of invented families.

    ``counts`` maps district codes to ``(male, female)`` and is matched exactly (so a published
    table can be rebuilt person by person). Without it, the regency's 2025 population
    (``regions.population``), times ``scale``, is split over its districts by
    :func:`~adminduk.simulation.tables.district_shares` (for Way Kanan the published 2020
    table). Ages follow Indonesia's 2020 census five-year shares
    (:data:`~adminduk.simulation.tables.AGE_BANDS`); families have a head 17 or older (most
    are married couples), children born after their mother turned 18, and KTP-el statuses that
    follow age and marriage. The register's area is the regency; every family is registered on
    ``on``. Everything is synthetic: invented people on published totals.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidFormat(f"seed must be an int, not {type(seed).__name__}")
    if not 0 < scale <= 10:
        raise InvalidComponent(f"scale must be in (0, 10], not {scale}")
    region = regions.get(region_code)
    if region.level not in (RegionLevel.REGENCY, RegionLevel.DISTRICT):
        raise InvalidComponent(
            f"synthesize a regency or a district, not a {region.level.name.lower()}"
        )
    area = region.code if region.level is RegionLevel.REGENCY else region.parent_code
    wanted = dict(counts) if counts is not None else _default_counts(region, scale)
    builder = _Builder(random.Random(seed), on)
    registry = Registry(area=area)
    _fill(registry, builder, wanted, area)
    return registry


def _fill(
    registry: Registry, builder: _Builder, wanted: dict[str, tuple[int, int]], area: str | None
) -> None:
    checked = []
    for district, (males, females) in sorted(wanted.items()):
        found = regions.get(district)
        if found.level is not RegionLevel.DISTRICT or not found.code.startswith(f"{area}."):
            raise InvalidComponent(f"{district} is not a district of {area}")
        if males < 0 or females < 0:
            raise InvalidComponent(f"negative counts for {district}")
        checked.append((found.code, males, females))
    for district, males, females in checked:
        for event in families_of_district(builder, district, males, females):
            registry.apply(event)
        # The serials are the district's own (its code opens every NIK and KK number): what
        # the next district draws never needs them, so memory stays bounded by one district.
        builder.nik_serials.clear()
        builder.kk_serials.clear()


def families_of_district(
    builder: _Builder, district: str, males: int, females: int
) -> Iterator[FamilyRegistered]:
    """Families of ``district`` until exactly ``males`` and ``females`` are drawn."""
    villages = [v.code for v in regions.children(district)]
    if not villages and males + females > 0:
        raise InvalidComponent(f"district {district} has no villages to live in")
    male = Sex.MALE
    while males + females > 0:
        event = builder.family(district, villages, males, females)
        yield event
        drawn_males = [r.sex for r in event.residents].count(male)
        males -= drawn_males
        females -= len(event.residents) - drawn_males
