"""Planted duplicates: a second record of a person, with the errors real second records carry.

"NIK ganda" arises when a person is entered anew: a birth registered twice, a family that moved
and was entered again in another district, a paper KK copied with a typing error. The second
record keeps the person's data but for one corrupted field (or none, for a family entered anew),
and gets its own NIK. :data:`CORRUPTIONS` holds one way per field, each drawn from ``rng``
(seeded: the same seed plants the same duplicates); benchmarks and tests measure a matcher
against the truth they plant.

>>> import datetime, random
>>> from adminduk.codes import Sex
>>> from adminduk.matching import Person
>>> person = Person(name="Siti Rahmawati", sex=Sex.FEMALE, birth_date=datetime.date(1990, 3, 9),
...                 birth_place="Baradatu", mother_name="Sri Utami")
>>> corrupt(person, "birth_date", random.Random(1)).birth_date
datetime.date(1990, 9, 3)
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from adminduk.codes import Sex
from adminduk.errors import InvalidComponent
from adminduk.matching import Person

__all__ = ["CORRUPTIONS", "FIELDS", "corrupt", "misspell", "name_variant"]

#: Older spellings (before EYD, 1972) and transliterations of name parts, as papers carry them.
_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "muhammad": ("Muhamad", "Moh.", "M.", "Mohammad", "Muh."),
    "siti": ("Sity", "Sitti"),
    "nur": ("Noor", "Nurul"),
    "ahmad": ("Achmad", "Akhmad"),
    "abdul": ("Abd.",),
    "yusuf": ("Jusuf", "Yusup"),
}
#: Letter groups the older spellings write differently (EYD form, older form).
_OLD: Final[tuple[tuple[str, str], ...]] = (
    ("u", "oe"), ("j", "dj"), ("c", "tj"), ("sy", "sj"), ("ny", "nj"), ("kh", "ch"),
)  # fmt: skip
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def misspell(text: str, rng: random.Random) -> str:
    """``text`` with one typing error: two letters exchanged, one dropped, doubled or replaced."""
    positions = [i for i, char in enumerate(text) if char.isalpha()]
    if len(positions) < 4:
        return text + text[-1]
    i = rng.choice(positions[1:-1])
    kind = rng.randrange(4)
    if kind == 0 and text[i + 1].isalpha() and text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + text[i] + text[i:]
    other = rng.choice([c for c in _LETTERS if c != text[i].lower()])
    return text[:i] + other + text[i + 1 :]


def name_variant(name: str, rng: random.Random) -> str:
    """``name`` as a second record may write it: a variant part, an older spelling or a typo."""
    words = name.split()
    known = [i for i, word in enumerate(words) if word.casefold() in _VARIANTS]
    if known and rng.random() < 0.8:
        i = rng.choice(known)
        words[i] = rng.choice(_VARIANTS[words[i].casefold()])
        return " ".join(words)
    old = [
        (i, eyd, older)
        for i, word in enumerate(words)
        for eyd, older in _OLD
        if eyd in word[1:].lower()
    ]
    if old and rng.random() < 0.5:
        i, eyd, older = rng.choice(old)
        word = words[i]
        at = word.lower().index(eyd, 1)
        words[i] = word[:at] + older + word[at + len(eyd) :]
        return " ".join(words)
    if len(words) > 1 and rng.random() < 0.3:
        return " ".join(words[:-1])  # the second name left off
    return misspell(name, rng)


def _birth_date(person: Person, rng: random.Random) -> datetime.date:
    born = person.birth_date
    if born.day <= 12 and born.day != born.month and rng.random() < 0.6:
        return born.replace(month=born.day, day=born.month)  # day and month swapped
    for _ in range(20):  # one digit of the day, month or year typed wrong
        text = born.isoformat()
        i = rng.choice([2, 3, 5, 6, 8, 9])
        digit = rng.choice([d for d in "0123456789" if d != text[i]])
        try:
            wrong = datetime.date.fromisoformat(text[:i] + digit + text[i + 1 :])
        except ValueError:
            continue
        if wrong.year >= 1900:
            return wrong
    return born + datetime.timedelta(days=1)


def _field(name: str, change: Callable[[Person, random.Random], Any]) -> Callable[..., Person]:
    def corrupted(person: Person, rng: random.Random) -> Person:
        return attrs.evolve(person, **{name: change(person, rng)}, nik=None)

    return corrupted


#: One corruption per field a record carries.
CORRUPTIONS: Final[Mapping[str, Callable[[Person, random.Random], Person]]] = {
    "name": _field("name", lambda person, rng: name_variant(person.name, rng)),
    "birth_date": _field("birth_date", _birth_date),
    "sex": _field("sex", lambda person, _: Sex.MALE if person.sex is Sex.FEMALE else Sex.FEMALE),
    "mother_name": _field(
        "mother_name",
        lambda person, rng: (
            ""
            if not person.mother_name or rng.random() < 0.3
            else name_variant(person.mother_name, rng)
        ),
    ),
    "birth_place": _field("birth_place", lambda person, rng: misspell(person.birth_place, rng)),
}
#: The fields :func:`corrupt` knows, and ``None``: entered anew without an error.
FIELDS: Final[tuple[str | None, ...]] = (*CORRUPTIONS, None)


def corrupt(person: Person, field: str | None, rng: random.Random) -> Person:
    """A second record of ``person`` with ``field`` corrupted (``None``: none), without a NIK."""
    if field is None:
        return attrs.evolve(person, nik=None)
    change = CORRUPTIONS.get(field)
    if change is None:
        raise InvalidComponent(
            f"no corruption for the field {field!r}; known: {sorted(CORRUPTIONS)}"
        )
    return change(person, rng)
