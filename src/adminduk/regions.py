"""Kemendagri region codes: provinces, regencies/cities, districts (kecamatan) and villages.

Codes are dotted: province ``PP``, regency ``PP.KK``, district ``PP.KK.DD``, village
``PP.KK.DD.VVVV``; every function also accepts them without dots. The current list is Kepmendagri
300.2.2-2138/2025; the earlier lists (2016, 2018, 2020, 2022, 2023) are kept because a NIK keeps the
district code of its year of issue, which a later list may have renamed, split or dropped. Villages
are known from the 2025 list only. These are Kemendagri codes, not BPS codes.

>>> get("18.08").name
'Kabupaten Way Kanan'
>>> [district.name for district in children("1808")][:3]
['Blambangan Umpu', 'Kasui', 'Banjit']
>>> get("18.08.15").name
'Umpu Semenguk'
>>> get("18.08", as_of=2020).name
'KAB. WAY KANAN'
>>> population("18.08")
Population(male=253309, female=241749, total=495058)

Data: derived from cahyadsn/wilayah (MIT licence, Copyright (c) 2017-2025 Cahya DSN); see
``adminduk/data/LICENSE-wilayah.txt``. Regenerate with ``scripts/build_region_data.py``.
"""

from __future__ import annotations

import enum
import functools
import gzip
import unicodedata
from collections.abc import Iterator
from importlib import resources

import attrs

from adminduk.errors import InvalidFormat, UnknownRegion

__all__ = [
    "CURRENT_LIST",
    "INDONESIA",
    "LISTS",
    "Population",
    "Region",
    "RegionLevel",
    "children",
    "from_number",
    "get",
    "known_district_codes",
    "normalize",
    "population",
    "provinces",
    "search",
    "to_number",
    "walk",
]

#: The years of the code lists adminduk knows, oldest first.
LISTS: tuple[int, ...] = (2016, 2018, 2020, 2022, 2023, 2025)
#: The list in force now (Kepmendagri 300.2.2-2138/2025).
CURRENT_LIST = 2025
#: The code under which ``population()`` answers for the whole country.
INDONESIA = "0"

_PART_WIDTHS = (2, 2, 2, 4)


class RegionLevel(enum.IntEnum):
    """The level of a region in the Kemendagri hierarchy."""

    PROVINCE = 1
    REGENCY = 2
    DISTRICT = 3
    VILLAGE = 4

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _REGION_LEVEL_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _REGION_LEVEL_LABELS[self][1]


_REGION_LEVEL_LABELS: dict[RegionLevel, tuple[str, str]] = {
    RegionLevel.PROVINCE: ("provinsi", "province"),
    RegionLevel.REGENCY: ("kabupaten/kota", "regency or city"),
    RegionLevel.DISTRICT: ("kecamatan", "district"),
    RegionLevel.VILLAGE: ("desa/kelurahan", "village"),
}


@attrs.frozen
class Region:
    """One region as a code list names it.

    ``lists`` holds the years of the code lists that carry this code under this name; it is
    provenance and does not take part in equality.
    """

    code: str
    name: str
    level: RegionLevel
    parent_code: str | None
    lists: tuple[int, ...] = attrs.field(default=(CURRENT_LIST,), repr=False, eq=False)


@attrs.frozen
class Population:
    """Population counts (2025) of a region."""

    male: int
    female: int
    total: int


def normalize(code: str) -> str:
    """Return ``code`` in dotted form, checking only its shape.

    >>> normalize("1808012001")
    '18.08.01.2001'
    >>> normalize(" 18.08.01 ")
    '18.08.01'
    """
    if not isinstance(code, str):
        raise InvalidFormat(f"a region code must be a string, not {type(code).__name__}")
    if type(code) is not str:  # a subclass may hash and compare as it likes: not cached
        return _normalized.__wrapped__(code)
    return _normalized(code)


@functools.lru_cache(maxsize=8192)
def _normalized(code: str) -> str:
    """:func:`normalize` of a string: an office sees the same few codes many times."""
    text = code.strip()
    if "." in text:
        parts = text.split(".")
        widths = _PART_WIDTHS[: len(parts)]
        ok = len(parts) <= 4 and all(
            len(part) == width and part.isdecimal() and part.isascii()
            for part, width in zip(parts, widths, strict=True)
        )
    else:
        ok = len(text) in (2, 4, 6, 10) and text.isdecimal() and text.isascii()
        parts = [text[0:2], text[2:4], text[4:6], text[6:10]]
        parts = [part for part in parts if part]
    if not ok:
        raise InvalidFormat(
            f"{text[:16]!r} is not a region code; expected PP, PP.KK, PP.KK.DD or PP.KK.DD.VVVV"
        )
    return ".".join(parts)


def to_number(code: str) -> int:
    """The region code as one integer (its digits): what flat records and Parquet files carry.

    >>> to_number("18.08.01.2001"), to_number("18.08")
    (1808012001, 1808)
    """
    return int(normalize(code).replace(".", ""))


def from_number(number: int) -> str:
    """The dotted region code of :func:`to_number`'s integer (its digit count gives the level).

    >>> from_number(1808012001), from_number(18)
    ('18.08.01.2001', '18')
    """
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise InvalidFormat(f"a region number must be a non-negative int, not {number!r:.20}")
    return normalize(str(number))


def _level(code: str) -> RegionLevel:
    return RegionLevel(code.count(".") + 1)


def _parent(code: str) -> str | None:
    return code.rpartition(".")[0] or None


def _list_in_force(as_of: int | None) -> int:
    """Return the latest list published in or before ``as_of`` (the earliest for older years)."""
    if as_of is None:
        return CURRENT_LIST
    if isinstance(as_of, bool) or not isinstance(as_of, int):
        raise InvalidFormat(f"as_of must be a year (int), not {type(as_of).__name__}")
    in_force = [year for year in LISTS if year <= as_of]
    return in_force[-1] if in_force else LISTS[0]


def _open_text(name: str) -> Iterator[str]:
    data = resources.files("adminduk").joinpath("data", name).read_bytes()
    text = gzip.decompress(data).decode("utf-8") if name.endswith(".gz") else data.decode("utf-8")
    return (line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def _lists() -> dict[int, dict[str, str]]:
    """For every list year, the province/regency/district codes it carries and their names."""
    by_year: dict[int, dict[str, str]] = {year: {} for year in LISTS}
    for line in _open_text("regions.tsv.gz"):
        code, name, mask = line.split("\t")
        bits = int(mask)
        for bit, year in enumerate(LISTS):
            if bits >> bit & 1:
                by_year[year][code] = name
    return by_year


@functools.cache
def _villages() -> dict[str, str]:
    return dict(line.split("\t") for line in _open_text("villages.tsv.gz"))


@functools.cache
def _villages_by_district() -> dict[str, tuple[tuple[str, str], ...]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for code, name in _villages().items():
        grouped.setdefault(code[:8], []).append((code, name))
    return {district: tuple(sorted(rows)) for district, rows in grouped.items()}


@functools.cache
def _population() -> dict[str, Population]:
    table: dict[str, Population] = {}
    for line in _open_text("population-2025.tsv"):
        code, _name, male, female, total = line.split("\t")
        table[code] = Population(int(male), int(female), int(total))
    return table


@functools.cache
def known_district_codes() -> frozenset[str]:
    """Every district code of every known list, undotted (``"180801"``): what a NIK may carry.

    >>> "180815" in known_district_codes(), "180899" in known_district_codes()
    (True, False)
    """
    return frozenset(
        code.replace(".", "")
        for names in _lists().values()
        for code in names
        if code.count(".") == 2
    )


def _region(code: str, name: str, year: int | None) -> Region:
    years = (
        (CURRENT_LIST,)
        if year is None
        else tuple(y for y in LISTS if _lists()[y].get(code) == name)
    )
    return Region(code=code, name=name, level=_level(code), parent_code=_parent(code), lists=years)


@functools.lru_cache(maxsize=8192)
def _current_village(code: str) -> Region | None:
    """The village with dotted ``code`` in the current list, or ``None``.

    One (immutable) object per village, however many addresses name it: a register names the
    same few hundred villages in every address it reads.
    """
    name = _villages().get(code)
    return None if name is None else _region(code, name, None)


def get(code: str, *, as_of: int | None = None) -> Region:
    """Return the region with ``code`` (dotted or not).

    Without ``as_of`` the current (2025) list answers; a code that list no longer carries is
    answered from the latest list that has it, so an old NIK's region can still be described.
    With ``as_of`` (a year) the list in force that year answers: the latest list published in or
    before it (the 2016 list for earlier years). Villages are known from the 2025 list only.

    >>> get("180801")
    Region(code='18.08.01', name='Blambangan Umpu', level=<RegionLevel.DISTRICT: 3>, parent_code='18.08')
    >>> get("18.08.15", as_of=2020)
    Traceback (most recent call last):
    ...
    adminduk.errors.UnknownRegion: region 18.08.15 is not in the 2020 code list

    Raises :class:`~adminduk.errors.InvalidFormat` for a malformed code and
    :class:`~adminduk.errors.UnknownRegion` for a well-formed code no list carries.
    """
    if type(code) is str and len(code) == 13:  # fast path: a dotted village code
        found = _current_village(code)
        if found is not None:
            return found
    dotted = normalize(code)
    if dotted.count(".") == 3:
        name = _villages().get(dotted)
        if name is None:
            raise UnknownRegion(f"village {dotted} is not in the {CURRENT_LIST} code list")
        return _region(dotted, name, None)
    lists = _lists()
    if as_of is not None:
        year = _list_in_force(as_of)
        name = lists[year].get(dotted)
        if name is None:
            raise UnknownRegion(f"region {dotted} is not in the {year} code list")
        return _region(dotted, name, year)
    for year in reversed(LISTS):
        name = lists[year].get(dotted)
        if name is not None:
            return _region(dotted, name, year)
    raise UnknownRegion(f"region {dotted} is not in any known code list ({LISTS[0]}-{LISTS[-1]})")


def children(code: str, *, as_of: int | None = None) -> tuple[Region, ...]:
    """Return the regions directly below ``code``, in code order.

    >>> len(children("18.08")), len(children("18.08", as_of=2020))
    (15, 14)
    >>> children("18.08.01")[0].level
    <RegionLevel.VILLAGE: 4>
    """
    parent = get(code, as_of=as_of)
    if parent.level is RegionLevel.DISTRICT:
        villages = _villages_by_district().get(parent.code, ())
        return tuple(_region(c, n, None) for c, n in villages)
    year = _list_in_force(as_of) if as_of is not None else parent.lists[-1]
    prefix = parent.code + "."
    depth = parent.code.count(".") + 1
    found = [
        (c, n) for c, n in _lists()[year].items() if c.startswith(prefix) and c.count(".") == depth
    ]
    return tuple(_region(c, n, year) for c, n in sorted(found))


def provinces(*, as_of: int | None = None) -> tuple[Region, ...]:
    """Return every province of the list in force ``as_of`` (default: the current list).

    >>> len(provinces()), len(provinces(as_of=2020))
    (38, 34)
    """
    year = _list_in_force(as_of)
    return tuple(_region(c, n, year) for c, n in sorted(_lists()[year].items()) if "." not in c)


def walk(
    within: str | None = None, *, level: RegionLevel | None = None, as_of: int | None = None
) -> tuple[Region, ...]:
    """Return every region below ``within`` (the whole country if ``None``), in code order.

    ``level`` keeps one level only; ``as_of`` answers from the list in force that year (villages
    come from the 2025 list only).

    >>> len(walk("18", level=RegionLevel.DISTRICT))
    229
    >>> [r.code for r in walk("18.08", level=RegionLevel.DISTRICT, as_of=2020)][-1]
    '18.08.14'
    """
    year = _list_in_force(as_of)
    prefix = ""
    if within is not None:
        prefix = get(within, as_of=as_of).code + "."
    if level is None or level is RegionLevel.VILLAGE:  # large: built each time, not kept
        return _walk(prefix, level, year)
    return _walk_kept(prefix, level, year)


def _walk(prefix: str, level: RegionLevel | None, year: int) -> tuple[Region, ...]:
    found: list[tuple[tuple[int, ...], str, str, int | None]] = []
    if level is not RegionLevel.VILLAGE:
        for code, name in _lists()[year].items():
            if code.startswith(prefix) and (level is None or code.count(".") + 1 == level.value):
                found.append((tuple(int(p) for p in code.split(".")), code, name, year))
    if level in (None, RegionLevel.VILLAGE):
        for code, name in _villages().items():
            if code.startswith(prefix):
                found.append((tuple(int(p) for p in code.split(".")), code, name, None))
    found.sort()
    return tuple(_region(code, name, source) for _key, code, name, source in found)


#: Provinces, regencies and districts below a region: the lists are fixed data, so a walk is
#: kept (tables ask for the same list on every call).
_walk_kept = functools.lru_cache(maxsize=512)(_walk)


def _fold(text: str) -> str:
    """Lower-case ``text``, drop accents, and turn punctuation and runs of spaces into one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        (ch if ch.isalnum() else " ") for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(kept.casefold().split())


@functools.cache
def _folded_villages() -> tuple[tuple[str, str, str], ...]:
    return tuple((code, name, " " + _fold(name)) for code, name in _villages().items())


def search(
    name: str, *, level: RegionLevel | None = None, as_of: int | None = None
) -> tuple[Region, ...]:
    """Find regions with a name in which ``name`` starts a word; case, accents and punctuation aside.

    Exact matches come first, then names that start with ``name``, then the rest, each group in
    code order. ``level`` restricts the search to one level; ``as_of`` searches the list in force
    that year (villages are searched in the 2025 list only).

    >>> [(r.code, r.level.name) for r in search("way kanan")]
    [('18.08', 'REGENCY'), ('18.08.07.2008', 'VILLAGE')]
    >>> [r.name for r in search("UMPU", level=RegionLevel.DISTRICT)]
    ['Umpu Semenguk', 'Blambangan Umpu']
    """
    if not isinstance(name, str):
        raise InvalidFormat(f"a region name must be a string, not {type(name).__name__}")
    wanted = _fold(name)
    if not wanted:
        raise InvalidFormat("the name to search for is empty")
    year = _list_in_force(as_of)
    candidates: list[tuple[str, str, str, int | None]] = []
    if level is not RegionLevel.VILLAGE:
        candidates += [
            (c, n, " " + _fold(n), year)
            for c, n in _lists()[year].items()
            if level is None or _level(c) is level
        ]
    if level in (None, RegionLevel.VILLAGE):
        candidates += [(c, n, folded, None) for c, n, folded in _folded_villages()]
    needle = " " + wanted
    ranked = []
    for code, region_name, folded, source in candidates:
        if needle not in folded:
            continue
        rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
        key = tuple(int(part) for part in code.split("."))
        ranked.append((rank, key, code, region_name, source))
    ranked.sort()
    return tuple(_region(code, n, source) for _r, _k, code, n, source in ranked)


def population(code: str) -> Population:
    """Return the 2025 population of Indonesia (code ``"0"``), a province or a regency.

    >>> population(INDONESIA).total
    284973643
    """
    key = code.strip() if isinstance(code, str) and code.strip() == INDONESIA else normalize(code)
    figures = _population().get(key)
    if figures is None:
        raise UnknownRegion(
            f"no 2025 population figure for region {key}; "
            "figures exist for Indonesia ('0'), provinces and regencies"
        )
    return figures
