"""Is this the same person? Two records compared field by field, with the evidence weighed.

The Fellegi-Sunter model (1969), as OpenCRVS, MOSIP's demographic stage and Splink use it: each
field's agreement falls in a *level* (names equal after standard spelling, names similar, ...),
each level carries a *weight* (log2 of how much likelier that agreement is between two records of
one person than between two people), and the weights add up. :data:`LEVELS` is the table, one
row per field and level, tried in order; its weights are adminduk's defaults, set so that a
duplicate with one field corrupted scores above :data:`REVIEW_WEIGHT` and two different people
sharing a common name and birth date score below it (``tests/matching``). An office tunes them,
or estimates them from its own data with :mod:`adminduk.linkage` (Splink).

The result is for an officer, never the resident: it names the other record.

>>> import datetime
>>> from adminduk.codes import Sex
>>> filed = Person(name="Moh. Rizki Saputra", sex=Sex.MALE, birth_date=datetime.date(2019, 3, 4),
...                birth_place="Baradatu", mother_name="Siti Aminah")
>>> known = Person(name="Muhammad Rizki Saputra", sex=Sex.MALE,
...                birth_date=datetime.date(2019, 4, 3), birth_place="Baradatu",
...                mother_name="Sity Aminah")
>>> result = compare(filed, known)
>>> result.likely
True
>>> [agreement.level for agreement in result.agreements]
['same', 'day and month swapped', 'same', 'same', 'same']
"""

from __future__ import annotations

import datetime
from typing import Final

import attrs

from adminduk._fields import (
    masked_repr,
    optional_nik,
    require_date,
    require_member,
    require_number,
    require_text,
)
from adminduk._privacy import redacted_repr
from adminduk.codes import Sex
from adminduk.identifiers.nik import birth_part
from adminduk.matching.names import COMMON_PARTS, name_parts
from adminduk.matching.similarity import jaro_winkler, one_edit_apart

__all__ = [
    "LEVELS",
    "NAME_SIMILAR",
    "PART_SIMILAR",
    "PLACE_SIMILAR",
    "REVIEW_WEIGHT",
    "Agreement",
    "Comparison",
    "Level",
    "Person",
    "compare",
    "may_reach",
]

#: Jaro-Winkler similarity at or above which two standard names count as similar.
NAME_SIMILAR: Final = 0.92
#: Jaro-Winkler similarity at or above which one differing part of a name counts as a typo.
PART_SIMILAR: Final = 0.8
#: The same, for a mother's name and a birth place (shorter, written more loosely).
PLACE_SIMILAR: Final = 0.88
#: A total weight at or above which a pair goes to an officer as a likely duplicate.
REVIEW_WEIGHT: Final = 12.0


@attrs.frozen
class Level:
    """One level of a field's agreement and its weight (log2 Bayes factor)."""

    field: str
    level: str
    weight: float
    description: str


#: Every field's levels, tried in order; the first that holds is the field's level.
LEVELS: Final[tuple[Level, ...]] = (
    Level("name", "same", 8.0, "the same after standard spelling (EYD, Muhammad/Moh./M., ...)"),
    Level("name", "reordered", 7.0, "the same parts in another order"),
    Level(
        "name",
        "similar",
        5.0,
        f"Jaro-Winkler at least {NAME_SIMILAR}, one typing error, or one part {PART_SIMILAR}",
    ),
    Level("name", "shares a rare part", 1.0, "one name is part of the other (a single-word name)"),
    Level("name", "shares a common part", -1.0, "one name is a common part of the other (Siti)"),
    Level("name", "different", -6.0, "no part in common"),
    Level("birth_date", "same", 7.0, "the same date"),
    Level(
        "birth_date", "as the NIK encodes", 6.0, "one record's date is what the other's NIK says"
    ),
    Level("birth_date", "day and month swapped", 5.0, "day and month exchanged"),
    Level("birth_date", "one digit differs", 4.0, "one digit wrong (a typing error)"),
    Level("birth_date", "different", -7.0, "a different date"),
    Level("sex", "same", 1.0, "the same sex"),
    Level("sex", "different", -5.0, "a different sex"),
    Level("mother_name", "same", 5.0, "the same after standard spelling"),
    Level("mother_name", "similar", 3.0, f"Jaro-Winkler similarity at least {PLACE_SIMILAR}"),
    Level("mother_name", "unknown", 0.0, "missing on one record"),
    Level("mother_name", "different", -4.0, "a different name"),
    Level("birth_place", "same", 2.0, "the same after standard spelling"),
    Level("birth_place", "similar", 1.0, f"Jaro-Winkler similarity at least {PLACE_SIMILAR}"),
    Level("birth_place", "different", -2.0, "a different place"),
)

_LEVELS = {(level.field, level.level): level for level in LEVELS}


@redacted_repr
@attrs.frozen(kw_only=True)
class Person:
    """What a record says about a person, for comparing: a filing's or a resident's."""

    name: str
    sex: Sex
    birth_date: datetime.date
    birth_place: str
    mother_name: str = ""
    nik: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        require_text(self.name, "name")
        require_member(self.sex, Sex, "sex")
        require_date(self.birth_date, "birth_date")
        require_text(self.birth_place, "birth_place")
        require_text(self.mother_name, "mother_name", empty=True)


@attrs.frozen
class Agreement:
    """How one field agreed: its level, and that level's weight."""

    field: str
    level: str
    weight: float

    def explain(self) -> str:
        """One line for the officer: ``name: same (+8.0)``."""
        return f"{self.field.replace('_', ' ')}: {self.level} ({self.weight:+.1f})"


@attrs.frozen
class Comparison:
    """Two records compared: every field's agreement, the total weight and the verdict."""

    agreements: tuple[Agreement, ...]
    threshold: float = REVIEW_WEIGHT

    @property
    def weight(self) -> float:
        """The total weight of evidence (log2 Bayes factor) that the two are one person."""
        return sum(agreement.weight for agreement in self.agreements)

    @property
    def likely(self) -> bool:
        """Whether the pair reaches the review threshold (an officer should look)."""
        return self.weight >= self.threshold

    def explain(self) -> str:
        """Every field's agreement and the total, one line each."""
        lines = [agreement.explain() for agreement in self.agreements]
        return "\n".join([*lines, f"total: {self.weight:+.1f} (review at {self.threshold:+.1f})"])


def _level(field: str, level: str) -> Agreement:
    return Agreement(field, level, _LEVELS[field, level].weight)


def _name(first: str, second: str) -> str:
    a, b = name_parts(first), name_parts(second)
    if a == b:
        return "same"
    if sorted(a) == sorted(b):
        return "reordered"
    whole_a, whole_b = " ".join(a), " ".join(b)
    if (
        jaro_winkler(whole_a, whole_b) >= NAME_SIMILAR
        or one_edit_apart(whole_a, whole_b)
        or one_edit_apart(first.strip().casefold(), second.strip().casefold())  # as written
        or _one_part_off(a, b)
    ):
        return "similar"
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    rare = [part for part in shorter if part not in COMMON_PARTS]
    if all(part in longer for part in shorter):
        return "shares a rare part" if rare else "shares a common part"
    return "different"


def _one_part_off(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether the names differ in one part only, and that part by a typing error or so."""
    if len(first) != len(second):
        return False
    different = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    return len(different) == 1 and jaro_winkler(*different[0]) >= PART_SIMILAR


def _one_digit(first: datetime.date, second: datetime.date) -> bool:
    a, b = first.isoformat(), second.isoformat()
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _birth_date(first: Person, second: Person) -> str:
    return _birth_level(first, second.birth_date, second.sex, second.nik)


def _birth_level(first: Person, born: datetime.date, sex: Sex, nik: str | None) -> str:
    """The birth-date level of ``first`` against a record born ``born``, of ``sex``, ``nik``."""
    if first.birth_date == born:
        return "same"
    if (first.nik and first.nik[6:12] == birth_part(born, sex)) or (
        nik and nik[6:12] == birth_part(first.birth_date, first.sex)
    ):
        return "as the NIK encodes"
    a = first.birth_date
    if a.year == born.year and a.day == born.month and a.month == born.day:
        return "day and month swapped"
    if _one_digit(a, born):
        return "one digit differs"
    return "different"


#: The most each field can add to a comparison: its best level's weight in :data:`LEVELS`.
_BEST = {
    field: max(level.weight for level in LEVELS if level.field == field)
    for field in dict.fromkeys(level.field for level in LEVELS)
}
#: Sums of the table's weights may round; a bound this far under a threshold is under it.
_ROUNDING = 1e-9


def may_reach(
    first: Person,
    birth_date: datetime.date,
    sex: Sex,
    nik: str | None = None,
    *,
    threshold: float = REVIEW_WEIGHT,
) -> bool:
    """Whether a record of ``birth_date``, ``sex`` and ``nik`` could be ``first``'s duplicate.

    A cheap bound, read before comparing names: the birth date and sex are weighed as :func:`compare` weighs them and the name, mother's
    name and birth place at their best levels. When this is false, ``compare(first, second,
    threshold=threshold).likely`` is false for every ``second`` of that birth date, sex and NIK.

    >>> import datetime
    >>> from adminduk.codes import Sex
    >>> filed = Person(name="Ani", sex=Sex.FEMALE, birth_date=datetime.date(2020, 5, 1),
    ...                birth_place="Baradatu")
    >>> may_reach(filed, datetime.date(2020, 1, 5), Sex.FEMALE)  # day and month swapped
    True
    >>> may_reach(filed, datetime.date(2020, 8, 9), Sex.FEMALE)  # another date: at most 9
    False
    """
    require_member(first, Person, "first")
    require_date(birth_date, "birth_date")
    require_member(sex, Sex, "sex")
    threshold = require_number(threshold, "threshold")
    return _may_reach(first, birth_date, sex, optional_nik(nik), threshold)


def _may_reach(
    first: Person, birth_date: datetime.date, sex: Sex, nik: str | None, threshold: float
) -> bool:
    """:func:`may_reach` on values already checked (a register's residents, in a scan)."""
    known = _LEVELS["birth_date", _birth_level(first, birth_date, sex, nik)].weight
    known += _LEVELS["sex", "same" if first.sex is sex else "different"].weight
    best = known + _BEST["name"] + _BEST["mother_name"] + _BEST["birth_place"]
    return best >= threshold - _ROUNDING


def _loose(first: str, second: str, *, empty: bool) -> str:
    if empty and not (first.strip() and second.strip()):
        return "unknown"
    a, b = " ".join(name_parts(first)), " ".join(name_parts(second))
    if a == b:
        return "same"
    if jaro_winkler(a, b) >= PLACE_SIMILAR:
        return "similar"
    return "different"


def compare(first: Person, second: Person, *, threshold: float = REVIEW_WEIGHT) -> Comparison:
    """Compare two records field by field (see :data:`LEVELS`)."""
    return Comparison(
        (
            _level("name", _name(first.name, second.name)),
            _level("birth_date", _birth_date(first, second)),
            _level("sex", "same" if first.sex is second.sex else "different"),
            _level("mother_name", _loose(first.mother_name, second.mother_name, empty=True)),
            _level("birth_place", _loose(first.birth_place, second.birth_place, empty=False)),
        ),
        threshold,
    )
