"""Pieces drawn column by column with numpy, many at once, checked by :func:`check_columns`.

The row-by-row synthesizer (:func:`~adminduk.simulation.synthesize_partition`) builds a
``Resident`` per person and the register's records per family: every rule is checked by the
objects themselves, at about 20 us per resident. The national dataset only needs the flat
records (:data:`~adminduk.scale.RECORD_SCHEMA`), so :func:`draw_columns` draws them as numpy
arrays from the same tables (the census age structure and sex ratios, family sizes, each
province's religions, NIK and KK serials interleaved between a district's slices), and
:func:`~adminduk.scale.check_columns` checks every rule the register would on the finished
columns: the people it draws are people the core accepts (``tests/scale/test_columnar.py``
loads them into a ``Registry`` to show it).

The national job draws all the pieces of a task in one set of array operations (each piece's
people and families stay within it; a piece costs no fixed price of its own). Pieces whose
drawn families need more adult heads than the piece holds (a few dozen people can) are
refused, alone, and the job draws them row by row.

>>> from adminduk.simulation import Partition
>>> table = draw_columns(Partition("18.08.01", 300, 300, seed=1))
>>> table.num_rows, table.schema == RECORD_SCHEMA
(600, True)
>>> check_columns(table, on=Partition("18.08.01", 0, 0, seed=1).on)  # what draw_columns ran
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from adminduk import regions
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Sex,
)
from adminduk.errors import DatasetError
from adminduk.register import KTP_EL_AGE
from adminduk.scale._checks import check_columns
from adminduk.scale._dataset import RECORD_SCHEMA
from adminduk.scale._numbering import (
    CHILD,
    EPOCH,
    EVER_MARRIED,
    HEAD,
    I8,
    MARRIED,
    OTHER,
    PARENT,
    WIFE,
    Ints,
    date_parts,
    numbers,
    prefixes,
    serials,
)
from adminduk.simulation import Partition
from adminduk.simulation.partitions import check_partition, stream_name
from adminduk.simulation.religions import religion_shares
from adminduk.simulation.tables import (
    ADULT_OCCUPATIONS,
    AGE_BANDS,
    COUPLE_SHARE,
    FAMILY_SIZES,
    KTP_EL_RECORDED_SHARE,
    REGISTERED_MARRIAGE_SHARE,
    sex_shares,
    years_before,
)

__all__ = ["TooFewAdults", "draw_columns"]


class TooFewAdults(DatasetError):
    """The piece's drawn families need more heads of their ages than the piece holds."""


_Bools = npt.NDArray[np.bool_]
_OLDEST = 100  # the open band's last age is below this

#: Each census age band's first age and width; the open band (65+, wider than five years) has
#: fewer people at each older age.
_BAND_LOW = np.array([band.low for band in AGE_BANDS], dtype=np.int64)
_BAND_SPAN = np.array([band.high - band.low + 1 for band in AGE_BANDS], dtype=np.int64)
_BAND_OPEN = _BAND_SPAN > 5
_AGE_SHARES = {sex: np.array(sex_shares(sex)) for sex in (Sex.MALE, Sex.FEMALE)}
_SIZES = np.array([size for size, _ in FAMILY_SIZES], dtype=np.int64)
_SIZE_P = np.array([weight for _, weight in FAMILY_SIZES], dtype=float)
_SIZE_P /= _SIZE_P.sum()
if _SIZES.min() < 1:  # pragma: no cover - a piece of n people draws n sizes, enough only if so
    raise ValueError("FAMILY_SIZES holds a family of no one")


@attrs.frozen
class _Pieces:
    """The pieces drawn together and their districts, one entry each (none of them empty)."""

    parts: tuple[Partition, ...]
    districts: tuple[str, ...]

    @property
    def males(self) -> Ints:
        return np.array([part.males for part in self.parts], dtype=np.int64)

    @property
    def totals(self) -> Ints:
        return np.array([part.residents for part in self.parts], dtype=np.int64)

    def numbering(self) -> tuple[Ints, Ints, Ints]:
        """Each piece's district as a number, and its slice's first serial and step."""
        return (
            np.array([int(code.replace(".", "")) for code in self.districts], dtype=np.int64),
            np.array([part.index + 1 for part in self.parts], dtype=np.int64),
            np.array([part.count for part in self.parts], dtype=np.int64),
        )

    def without(self, refused: Ints) -> _Pieces:
        """These pieces but the ``refused`` ones (indexes)."""
        gone = set(refused.tolist())
        kept = [i for i in range(len(self.parts)) if i not in gone]
        return _Pieces(tuple(self.parts[i] for i in kept), tuple(self.districts[i] for i in kept))


def _band_counts(counts: Ints, sex: Sex) -> Ints:
    """Each piece's people of ``sex`` by census band: largest remainders, to the person."""
    exact = counts[:, None] * _AGE_SHARES[sex][None, :]
    whole = np.floor(exact).astype(np.int64)
    left = counts - whole.sum(axis=1)
    rank = np.argsort(np.argsort(whole - exact, axis=1, kind="stable"), axis=1, kind="stable")
    counted: Ints = whole + (rank < left[:, None])
    return counted


def _ages(rng: np.random.Generator, pieces: _Pieces) -> tuple[Ints, npt.NDArray[np.int8], Ints]:
    """Everyone's age, sex and piece: each piece holds its sexes' census structure exactly."""
    males, females = pieces.males, pieces.totals - pieces.males
    bands = len(_BAND_LOW)
    per = np.stack([_band_counts(males, Sex.MALE), _band_counts(females, Sex.FEMALE)], axis=1)
    band = np.repeat(np.tile(np.arange(bands), 2 * len(males)), per.ravel())
    sexes = np.tile(np.array([Sex.MALE.code, Sex.FEMALE.code], dtype=I8), len(males))
    sex = np.repeat(sexes, np.stack([males, females], axis=1).ravel())
    piece = np.repeat(np.arange(len(males)), pieces.totals)
    u = rng.random(len(band))
    within = np.where(_BAND_OPEN[band], 1.0 - np.sqrt(u), u)
    age: Ints = _BAND_LOW[band] + (_BAND_SPAN[band] * within).astype(np.int64)
    return age, sex, piece


@functools.cache
def _age_spans(on: datetime.date) -> tuple[Ints, Ints]:
    """For each age, the first birth day of someone that age on ``on``, and how many days."""
    youngest = np.array([years_before(on, a).toordinal() for a in range(_OLDEST + 1)])
    oldest = np.array([years_before(on, a + 1).toordinal() + 1 for a in range(_OLDEST + 1)])
    return oldest, youngest - oldest + 1


def _runs(sorted_keys: Ints, length: int) -> tuple[Ints, Ints]:
    """How many of each key ``0 .. length-1`` in ``sorted_keys``, and each element's rank in its run."""
    have = np.bincount(sorted_keys, minlength=length)
    rank = np.arange(len(sorted_keys)) - np.repeat(np.cumsum(have) - have, have)
    return have, rank


def _family_sizes(rng: np.random.Generator, totals: Ints) -> tuple[Ints, Ints]:
    """Each piece's family sizes until everyone has a place (its last family takes who is left).

    Returns the sizes and each family's piece. A piece of ``n`` draws ``n`` sizes of one or
    more, always enough.
    """
    drawn = rng.choice(_SIZES, size=int(totals.sum()), p=_SIZE_P)
    piece = np.repeat(np.arange(len(totals)), totals)
    ends, first = np.cumsum(drawn), np.cumsum(totals) - totals
    held = ends - np.repeat(ends[first] - drawn[first], totals)  # people placed in the piece
    short = held < totals[piece]  # families ending before the piece is full: a prefix of it
    families = np.bincount(piece, weights=short, minlength=len(totals)).astype(np.int64) + 1
    _, rank = _runs(piece, len(totals))
    keep = rank < families[piece]
    sizes, held, piece = drawn[keep], held[keep], piece[keep]
    last = np.cumsum(families) - 1
    sizes[last] = totals - (held[last] - sizes[last])
    return sizes, piece


def _choose(
    rng: np.random.Generator, eligible: _Bools, piece: Ints, wanted: Ints
) -> tuple[Ints, _Bools]:
    """``wanted[p]`` eligible people of each piece ``p`` at random, in piece order.

    Also returns which pieces have fewer eligible people than they want (those get none).
    """
    index = np.flatnonzero(eligible)  # rows are in piece order, so these are too
    shuffled = index[np.lexsort((rng.random(len(index)), piece[index]))]
    have, rank = _runs(piece[shuffled], len(wanted))
    short = have < wanted
    return shuffled[(rank < wanted[piece[shuffled]]) & ~short[piece[shuffled]]], short


def _within(rng: np.random.Generator, index: Ints, piece: Ints) -> Ints:
    """``index`` (in piece order) shuffled within each piece."""
    shuffled: Ints = index[np.lexsort((rng.random(len(index)), piece[index]))]
    return shuffled


@attrs.frozen
class _Places:
    """Who sits where: ``person`` at each place, family by family, and the families' shape.

    ``kept`` marks the drawn people who have a place (those of the pieces not ``refused``);
    ``person`` indexes them, counted among the kept.
    """

    person: Ints
    sizes: Ints
    couple: _Bools
    start: Ints  # each family's first place (its head)
    family: Ints  # each place's family
    family_piece: Ints  # each family's piece, counted among the pieces not refused
    others: _Bools  # places that are neither a head nor a head's wife
    kept: _Bools
    refused: Ints


def _places(
    rng: np.random.Generator, sex: npt.NDArray[np.int8], age: Ints, piece: Ints, totals: Ints
) -> _Places:
    """Families for the drawn people, within each piece: heads and wives first, the rest at random.

    Couples are a man of 22-75 and a woman of 19-70, paired by age; heads of other families are
    17 or older alone, 30 or older with others (the row builder's choices). A piece without
    enough adults for its heads is refused, and the others keep what they drew.
    """
    pieces = len(totals)
    sizes, family_piece = _family_sizes(rng, totals)
    couple = (sizes >= 2) & (rng.random(len(sizes)) < COUPLE_SHARE)
    husbands_ok = (sex == Sex.MALE.code) & (age >= 22) & (age <= 75)
    wives_ok = (sex == Sex.FEMALE.code) & (age >= 19) & (age <= 70)
    couples = np.minimum.reduce(
        [
            np.bincount(family_piece[couple], minlength=pieces),
            np.bincount(piece[husbands_ok], minlength=pieces),
            np.bincount(piece[wives_ok], minlength=pieces),
        ]
    )
    flagged = np.flatnonzero(couple)
    _, rank = _runs(family_piece[flagged], pieces)
    couple[flagged[rank >= couples[family_piece[flagged]]]] = False
    husbands, _ = _choose(rng, husbands_ok, piece, couples)
    wives, _ = _choose(rng, wives_ok, piece, couples)
    taken = np.zeros(len(sex), dtype=bool)
    taken[husbands] = taken[wives] = True
    head, wife = np.full(len(sizes), -1), np.full(len(sizes), -1)
    order = _within(rng, np.flatnonzero(couple), family_piece)  # husband and wife by age rank
    head[order] = husbands[np.lexsort((age[husbands], piece[husbands]))]
    wife[order] = wives[np.lexsort((age[wives], piece[wives]))]
    alone = np.flatnonzero(~couple)
    single_min = np.where(sizes[alone] == 1, KTP_EL_AGE, 30)
    refused = np.zeros(pieces, dtype=bool)
    for minimum in (30, KTP_EL_AGE):  # the older heads first, from who is left
        wanted = single_min == minimum
        counts = np.bincount(family_piece[alone[wanted]], minlength=pieces)
        chosen, short = _choose(
            rng, ~taken & (age >= minimum), piece, np.where(refused, 0, counts)
        )
        refused |= short
        head[alone[wanted & ~refused[family_piece[alone]]]] = chosen
        taken[chosen] = True
    kept = ~refused[piece]
    if refused.any():  # the refused pieces' people and families go; the others' are renumbered
        row, number = np.cumsum(kept) - 1, np.cumsum(~refused) - 1
        families = ~refused[family_piece]
        sizes, couple, head, wife = (
            sizes[families],
            couple[families],
            head[families],
            wife[families],
        )
        head, wife = row[head], np.where(couple, row[wife], -1)
        family_piece, piece, taken = (
            number[family_piece[families]],
            number[piece[kept]],
            taken[kept],
        )
    start = np.cumsum(sizes) - sizes
    person = np.empty(len(taken), dtype=np.int64)
    person[start] = head
    person[start[couple] + 1] = wife[couple]
    others = np.ones(len(taken), dtype=bool)
    others[start] = False
    others[start[couple] + 1] = False
    person[others] = _within(rng, np.flatnonzero(~taken), piece)
    family = np.repeat(np.arange(len(sizes)), sizes)
    return _Places(
        person, sizes, couple, start, family, family_piece, others, kept, np.flatnonzero(refused)
    )


def _relationships(places: _Places, born: Ints) -> npt.NDArray[np.int8]:
    """Each place's relationship to the head (SHDK), from the birth days.

    Head and wife by place; the others are a child if born after the younger parent turned 18,
    a parent if born 18 or more years before the head, another relative otherwise.
    """
    start, couple, family, others = places.start, places.couple, places.family, places.others
    head_born = born[start]
    spouse_born = np.where(couple, born[np.minimum(start + 1, len(born) - 1)], head_born)
    youngest = np.maximum(head_born, spouse_born)[family]
    relationship = np.full(len(born), OTHER, dtype=I8)
    relationship[others & (born > youngest + 6575)] = CHILD
    head_year = date_parts(head_born)[2][family]
    elder = others & (relationship != CHILD) & (date_parts(born)[2] + 18 <= head_year)
    relationship[elder] = PARENT
    relationship[start] = HEAD
    relationship[start[couple] + 1] = WIFE
    return relationship


def _marital(
    rng: np.random.Generator, places: _Places, age: Ints, relationship: npt.NDArray[np.int8]
) -> npt.NDArray[np.int8]:
    start, couple, sizes = places.start, places.couple, places.sizes
    marital = np.full(len(age), MaritalStatus.SINGLE.code, dtype=I8)
    wed = np.where(rng.random(len(sizes)) < REGISTERED_MARRIAGE_SHARE, MARRIED[0], MARRIED[1])
    marital[start[couple]] = marital[start[couple] + 1] = wed[couple]
    lone = start[~couple]
    widowed_or_divorced = np.where(
        rng.random(len(lone)) < 0.5, MaritalStatus.WIDOWED.code, MaritalStatus.DIVORCED.code
    )
    marital[lone] = np.where(
        (sizes[~couple] == 1) & (age[lone] < 30), MaritalStatus.SINGLE.code, widowed_or_divorced
    )
    marital[relationship == PARENT] = MaritalStatus.WIDOWED.code
    return marital


_ADULT_EDUCATION = np.array([e.code for e in list(Education)[2:]])
_JOBS = np.array([o.code for o in ADULT_OCCUPATIONS])
_BLOOD = np.array([b.code for b in BloodType])


def _attributes(
    rng: np.random.Generator, age: Ints, marital: npt.NDArray[np.int8]
) -> dict[str, Ints]:
    """KTP-el status by age and marriage; schooling and work by age; blood type."""
    total = len(age)
    must_hold = np.isin(marital, EVER_MARRIED) | (age >= KTP_EL_AGE)
    recorded = rng.random(total) < KTP_EL_RECORDED_SHARE
    ktp = np.where(
        must_hold,
        np.where(recorded, KTPElStatus.ISSUED.code, KTPElStatus.NOT_RECORDED.code),
        KTPElStatus.NOT_REQUIRED.code,
    )
    child, young = age < 7, age < 19
    education = np.where(
        child,
        Education.NONE.code,
        np.where(
            young,
            Education.PRIMARY_INCOMPLETE.code,
            _ADULT_EDUCATION[rng.integers(0, len(_ADULT_EDUCATION), total)],
        ),
    )
    occupation = np.where(
        child,
        Occupation.UNEMPLOYED.code,
        np.where(young, Occupation.STUDENT.code, _JOBS[rng.integers(0, len(_JOBS), total)]),
    )
    return {
        "ktp_el_status": ktp,
        "education": education,
        "occupation": occupation,
        "blood_type": _BLOOD[rng.integers(0, len(_BLOOD), total)],
    }


def _religions(
    rng: np.random.Generator, pieces: _Pieces, places: _Places, relationship: npt.NDArray[np.int8]
) -> Ints:
    """Each province's mix for heads and the unrelated; wives and children take the head's."""
    tables = [np.cumsum(religion_shares(code).weights) for code in pieces.districts]
    cumulative = np.array(tables)  # every table lists the same religions, in order
    cumulative /= cumulative[:, -1:]
    row_piece = places.family_piece[places.family]
    drawn = 1 + (cumulative[row_piece] <= rng.random(len(relationship))[:, None]).sum(axis=1)
    inherits = (relationship == WIFE) | (relationship == CHILD)
    religion: Ints = np.where(inherits, drawn[places.start][places.family], drawn)
    return religion


@functools.lru_cache(maxsize=8192)
def _village_numbers(district_code: str) -> Ints:
    """The district's village codes as numbers (read-only: shared by every piece of it)."""
    # The codes come dotted from the region table itself: their digits are the number.
    villages = np.array([int(v.code.replace(".", "")) for v in regions.children(district_code)])
    if not len(villages):
        raise DatasetError(f"district {district_code} has no villages to live in")
    villages.flags.writeable = False
    return villages


def _villages(rng: np.random.Generator, pieces: _Pieces, family_piece: Ints) -> Ints:
    """A village of its piece's district for each family, at random."""
    lists = [_village_numbers(code) for code in pieces.districts]
    lengths = np.array([len(villages) for villages in lists])
    offsets = np.cumsum(lengths) - lengths
    pick = offsets[family_piece] + (rng.random(len(family_piece)) * lengths[family_piece]).astype(
        np.int64
    )
    chosen: Ints = np.concatenate(lists)[pick]
    return chosen


def draw_columns(partition: Partition) -> pa.Table:
    """The flat records of ``partition``'s families, drawn column-wise, checked, as a table.

    Draws :attr:`~adminduk.simulation.Partition.males` and ``females`` residents of the
    piece's district from the piece's own random stream (its seed, district and slice). A piece
    that is not one (:func:`~adminduk.simulation.partitions.check_partition`) raises its typed
    error; :class:`TooFewAdults` when its families need more adult heads than it holds; an
    :class:`~adminduk.errors.InvariantViolation` would be a bug.
    """
    table, refused = draw_unchecked((partition,))
    if refused:
        raise TooFewAdults(f"piece {partition.name} has too few adults for its families")
    check_columns(table, on=partition.on, area=partition.regency)
    return table


def draw_unchecked(parts: Sequence[Partition]) -> tuple[pa.Table, tuple[Partition, ...]]:
    """The pieces ``parts`` of one day drawn together, unchecked, and the pieces refused.

    Internal to the scale package: the national job draws a task's pieces this way, checks
    the table once (:func:`~adminduk.scale.check_columns`) and draws the refused pieces (too
    few adults for their families) row by row. One random stream serves the whole draw, seeded
    from every piece's stream name, so a task always draws the same people.
    """
    checked = tuple(check_partition(part).code for part in parts)
    if not parts:
        return RECORD_SCHEMA.empty_table(), ()
    if len({part.on for part in parts}) > 1:
        raise DatasetError("the pieces drawn together describe one day")
    names = "\n".join(stream_name(part, code) for part, code in zip(parts, checked, strict=True))
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(names.encode()).digest(), "big"))
    drawn_here = [i for i, part in enumerate(parts) if part.residents]
    pieces = _Pieces(tuple(parts[i] for i in drawn_here), tuple(checked[i] for i in drawn_here))
    table, refused = _draw(rng, pieces, parts[0].on)
    return table, tuple(pieces.parts[i] for i in refused)


def _draw(rng: np.random.Generator, pieces: _Pieces, on: datetime.date) -> tuple[pa.Table, Ints]:
    """The pieces' records as a table, and the indexes of the pieces with too few adults."""
    if not pieces.parts:
        return RECORD_SCHEMA.empty_table(), np.empty(0, dtype=np.int64)
    # Everyone's age first, on each sex's census structure; families take people from the pool.
    age, sex, piece = _ages(rng, pieces)
    places = _places(rng, sex, age, piece, pieces.totals)
    refused = places.refused
    pieces = pieces.without(refused)
    if not pieces.parts:
        return RECORD_SCHEMA.empty_table(), refused
    sex, age = sex[places.kept][places.person], age[places.kept][places.person]  # place order
    oldest, span = _age_spans(on)
    born = oldest[age] + (rng.random(len(age)) * span[age]).astype(np.int64)
    relationship = _relationships(places, born)
    marital = _marital(rng, places, age, relationship)
    # Numbers: NIKs from district, birth day and sex; KK numbers from the card's issue day.
    # Serials count within a prefix and piece: slices of one district interleave theirs.
    family_piece, row_piece = places.family_piece, places.family_piece[places.family]
    district, first, step = pieces.numbering()
    count = len(pieces.parts)
    nik_prefix = prefixes(district[row_piece], born, 40 * (sex == Sex.FEMALE.code))
    nik_serial = serials(nik_prefix * count + row_piece, first[row_piece], step[row_piece])
    issued = on.toordinal() - (rng.random(len(places.sizes)) * 3651).astype(np.int64)
    kk_prefix = prefixes(district[family_piece], issued)
    kk_serial = serials(kk_prefix * count + family_piece, first[family_piece], step[family_piece])
    village = _villages(rng, pieces, family_piece)[places.family]
    total = len(age)
    columns: dict[str, Any] = {
        "nik": numbers(nik_prefix, nik_serial),
        "kk_number": numbers(kk_prefix, kk_serial).take(places.family),
        "relationship": relationship,
        "sex": sex,
        "birth_date": (born - EPOCH).astype(np.int32),
        "religion": _religions(rng, pieces, places, relationship),
        "marital_status": marital,
        "citizenship": np.full(total, Citizenship.WNI.code),
        "life_status": np.full(total, LifeStatus.ALIVE.code),
        "village": village,
        "district": village // 10_000,
        "regency": village // 1_000_000,
        "province": village // 100_000_000,
        **_attributes(rng, age, marital),
    }
    fields = [_arrow(columns[f.name], f.type) for f in RECORD_SCHEMA]
    return pa.table(fields, schema=RECORD_SCHEMA), refused


def _arrow(values: Any, kind: pa.DataType) -> Any:
    """``values`` (an Arrow array already, or a numpy array) as an Arrow array of ``kind``."""
    if isinstance(values, pa.Array):
        return values
    if kind == pa.date32():
        return pa.array(values.astype(np.int32)).view(pa.date32())
    return pa.array(values.astype(kind.to_pandas_dtype()))
