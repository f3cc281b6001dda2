"""Partitions drawn column by column with numpy, and the register's rules checked on the columns.

The row-by-row synthesizer (:func:`~adminduk.simulation.synthesize_partition`) builds a
``Resident`` per person and the register's records per family: every rule is checked by the
objects themselves, at about 20 us per resident. The national dataset only needs the flat
records (:data:`~adminduk.scale.RECORD_SCHEMA`), so :func:`draw_columns` draws them as numpy
arrays from the same tables (the census age structure and sex ratios, family sizes, each
province's religions, NIK and KK serials interleaved between a district's slices), and
:func:`check_columns` checks every rule the register would on the finished columns: the people
it draws are people the core accepts (``tests/scale/test_columnar.py`` loads them into a
``Registry`` to show it).

Pieces of fewer than :data:`SMALL` residents, and pieces whose drawn families need more adult
heads than the piece holds (a few dozen people can), are drawn row by row by the national job.

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
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from adminduk import regions
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Sex,
)
from adminduk.errors import DatasetError, InvariantViolation
from adminduk.register import KTP_EL_AGE
from adminduk.scale._dataset import RECORD_SCHEMA
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

__all__ = ["SMALL", "TooFewAdults", "check_columns", "draw_columns"]

#: Pieces smaller than this are drawn row by row (see the module text).
SMALL = 50


class TooFewAdults(DatasetError):
    """The piece's drawn families need more heads of their ages than the piece holds."""


_I8 = np.int8
_Ints = npt.NDArray[np.int64]
_EPOCH = datetime.date(1970, 1, 1).toordinal()
_OLDEST = 100  # the open band's last age is below this
_HEAD, _WIFE, _CHILD, _PARENT, _OTHER = (
    Relationship.HEAD.code,
    Relationship.WIFE.code,
    Relationship.CHILD.code,
    Relationship.PARENT.code,
    Relationship.OTHER_RELATIVE.code,
)
_MARRIED = (MaritalStatus.MARRIED.code, MaritalStatus.MARRIED_UNREGISTERED.code)
_EVER_MARRIED = np.array([m.code for m in MaritalStatus if m.ever_married], dtype=_I8)


#: Each census age band's first age and width; the open band (65+, wider than five years) has
#: fewer people at each older age.
_BAND_LOW = np.array([band.low for band in AGE_BANDS], dtype=np.int64)
_BAND_SPAN = np.array([band.high - band.low + 1 for band in AGE_BANDS], dtype=np.int64)
_BAND_OPEN = _BAND_SPAN > 5
_AGE_SHARES = {sex: np.array(sex_shares(sex)) for sex in (Sex.MALE, Sex.FEMALE)}


def _ages(rng: np.random.Generator, count: int, sex: Sex) -> _Ints:
    """``count`` ages on the census structure of ``sex``: each band's count to the person."""
    exact = _AGE_SHARES[sex] * count
    counts = np.floor(exact).astype(np.int64)
    left = count - int(counts.sum())
    if left:  # largest remainders take the people rounding left over
        counts[np.argsort(exact - counts)[::-1][:left]] += 1
    band = np.repeat(np.arange(len(counts)), counts)  # everyone's band, in band order
    u = rng.random(count)
    within = np.where(_BAND_OPEN[band], 1.0 - np.sqrt(u), u)
    ages: _Ints = _BAND_LOW[band] + (_BAND_SPAN[band] * within).astype(np.int64)
    return rng.permutation(ages)


@functools.cache
def _age_spans(on: datetime.date) -> tuple[_Ints, _Ints]:
    """For each age, the first birth day of someone that age on ``on``, and how many days."""
    youngest = np.array([years_before(on, a).toordinal() for a in range(_OLDEST + 1)])
    oldest = np.array([years_before(on, a + 1).toordinal() + 1 for a in range(_OLDEST + 1)])
    return oldest, youngest - oldest + 1


def _birth_ordinals(rng: np.random.Generator, ages: _Ints, on: datetime.date) -> _Ints:
    """A birth day for each age: someone born on it is exactly that age on ``on``."""
    oldest, span = _age_spans(on)
    born: _Ints = oldest[ages] + (rng.random(len(ages)) * span[ages]).astype(np.int64)
    return born


def _serials(prefix: _Ints, first: int, step: int) -> _Ints:
    """Serials ``first``, ``first + step``, ... within each prefix, in order of appearance."""
    order = np.argsort(prefix, kind="stable")
    ordered = prefix[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    lengths = np.diff(np.r_[starts, len(ordered)])
    rank = np.arange(len(ordered)) - np.repeat(starts, lengths)
    serial = np.empty(len(prefix), dtype=np.int64)
    serial[order] = first + step * rank
    if len(serial) and serial.max() > 9999:  # pragma: no cover - ~10,000 born on one day
        raise DatasetError("no free serial: one district has 10,000 numbers on one day")
    return serial


#: Day, month and year of every day from 1800 to 2199, looked up by ordinal (other days are
#: converted by numpy's calendar, slower).
_FIRST = datetime.date(1800, 1, 1).toordinal()
_LAST = datetime.date(2199, 12, 31).toordinal()


@functools.cache
def _calendar() -> tuple[_Ints, _Ints, _Ints]:
    return _converted(np.arange(_FIRST, _LAST + 1, dtype=np.int64))


def _date_parts(ordinals: _Ints) -> tuple[_Ints, _Ints, _Ints]:
    """Day, month and year of each ordinal."""
    if len(ordinals) and ordinals.min() >= _FIRST and ordinals.max() <= _LAST:
        index = ordinals - _FIRST
        day, month, year = _calendar()
        return day[index], month[index], year[index]
    return _converted(ordinals)


def _converted(ordinals: _Ints) -> tuple[_Ints, _Ints, _Ints]:
    days = (ordinals - _EPOCH).astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    return day, month, years.astype(np.int64) + 1970


def _prefixes(district: _Ints | int, ordinals: _Ints, offset: _Ints | int = 0) -> _Ints:
    """The first twelve digits of a number: district, day (``offset`` added), month, year."""
    day, month, year = _date_parts(ordinals)
    return ((district * 100 + day + offset) * 100 + month) * 100 + year % 100


def _numbers(prefix: _Ints, serial: _Ints) -> pa.Array[Any]:
    """Sixteen-digit numbers as strings (a district code never starts with 0)."""
    return pc.cast(pa.array(prefix * 10_000 + serial, type=pa.int64()), pa.string())


@functools.cache
def _known_districts() -> frozenset[int]:
    return frozenset(int(code) for code in regions.known_district_codes())


@functools.lru_cache(maxsize=8192)
def _village_numbers(district_code: str) -> _Ints:
    """The district's village codes as numbers (read-only: shared by every piece of it)."""
    # The codes come dotted from the region table itself: their digits are the number.
    villages = np.array([int(v.code.replace(".", "")) for v in regions.children(district_code)])
    if not len(villages):
        raise DatasetError(f"district {district_code} has no villages to live in")
    villages.flags.writeable = False
    return villages


def _pick(rng: np.random.Generator, eligible: npt.NDArray[np.bool_], count: int) -> _Ints:
    """``count`` indexes where ``eligible`` holds, at random."""
    return rng.choice(np.flatnonzero(eligible), size=count, replace=False)


_SIZES = np.array([size for size, _ in FAMILY_SIZES], dtype=np.int64)
_SIZE_P = np.array([weight for _, weight in FAMILY_SIZES], dtype=float)
_SIZE_P /= _SIZE_P.sum()


def _family_sizes(rng: np.random.Generator, total: int) -> _Ints:
    """Family sizes until everyone has a place (the last family takes who is left)."""
    sizes: _Ints = np.empty(0, dtype=np.int64)
    while sizes.sum() < total:
        sizes = np.r_[sizes, rng.choice(_SIZES, size=total // 3 + 64, p=_SIZE_P)]
    ends = np.cumsum(sizes)
    families = int(np.searchsorted(ends, total)) + 1
    sizes = sizes[:families]
    sizes[-1] = total - (int(ends[families - 2]) if families > 1 else 0)
    return sizes


@attrs.frozen
class _Places:
    """Who sits where: ``person`` at each place, family by family, and the families' shape."""

    person: _Ints
    sizes: _Ints
    couple: npt.NDArray[np.bool_]
    start: _Ints  # each family's first place (its head)
    family: _Ints  # each place's family
    others: npt.NDArray[np.bool_]  # places that are neither a head nor a head's wife


def _places(rng: np.random.Generator, sex: npt.NDArray[np.int8], age: _Ints, name: str) -> _Places:
    """Families for the drawn people: heads and wives first, the rest at random.

    Couples are a man of 22-75 and a woman of 19-70, paired by age; heads of other families are
    17 or older alone, 30 or older with others (the row builder's choices).
    """
    total = len(sex)
    sizes = _family_sizes(rng, total)
    families = len(sizes)
    couple = (sizes >= 2) & (rng.random(families) < COUPLE_SHARE)
    male, female = sex == Sex.MALE.code, sex == Sex.FEMALE.code
    husbands_ok = male & (age >= 22) & (age <= 75)
    wives_ok = female & (age >= 19) & (age <= 70)
    couples = min(int(couple.sum()), int(husbands_ok.sum()), int(wives_ok.sum()))
    couple[np.flatnonzero(couple)[couples:]] = False
    husbands = _pick(rng, husbands_ok, couples)
    wives = _pick(rng, wives_ok, couples)
    husbands = husbands[np.argsort(age[husbands], kind="stable")]
    wives = wives[np.argsort(age[wives], kind="stable")]
    taken = np.zeros(total, dtype=bool)
    taken[husbands] = taken[wives] = True
    alone = np.flatnonzero(~couple)
    single_min = np.where(sizes[alone] == 1, KTP_EL_AGE, 30)
    singles = np.empty(len(alone), dtype=np.int64)
    for minimum in (30, KTP_EL_AGE):  # the older heads first, from who is left
        wanted = np.flatnonzero(single_min == minimum)
        eligible = ~taken & (age >= minimum)
        if eligible.sum() < len(wanted):
            raise TooFewAdults(f"piece {name} has too few adults for its families")
        chosen = _pick(rng, eligible, len(wanted))
        singles[wanted] = chosen
        taken[chosen] = True
    head = np.empty(families, dtype=np.int64)
    order = np.flatnonzero(couple)[rng.permutation(couples)]
    head[order], head[alone] = husbands, singles
    start = np.r_[0, np.cumsum(sizes)[:-1]]
    person = np.empty(total, dtype=np.int64)
    person[start] = head
    person[start[order] + 1] = wives
    others = np.ones(total, dtype=bool)
    others[start] = False
    others[start[couple] + 1] = False
    person[others] = rng.permutation(np.flatnonzero(~taken))
    family = np.repeat(np.arange(families), sizes)
    return _Places(person, sizes, couple, start, family, others)


def _relationships(places: _Places, born: _Ints) -> npt.NDArray[np.int8]:
    """Each place's relationship to the head (SHDK), from the birth days.

    Head and wife by place; the others are a child if born after the younger parent turned 18,
    a parent if born 18 or more years before the head, another relative otherwise.
    """
    start, couple, family, others = places.start, places.couple, places.family, places.others
    head_born = born[start]
    spouse_born = np.where(couple, born[np.minimum(start + 1, len(born) - 1)], head_born)
    youngest = np.maximum(head_born, spouse_born)[family]
    relationship = np.full(len(born), _OTHER, dtype=_I8)
    relationship[others & (born > youngest + 6575)] = _CHILD
    head_year = _date_parts(head_born)[2][family]
    elder = others & (relationship != _CHILD) & (_date_parts(born)[2] + 18 <= head_year)
    relationship[elder] = _PARENT
    relationship[start] = _HEAD
    relationship[start[couple] + 1] = _WIFE
    return relationship


def _marital(
    rng: np.random.Generator, places: _Places, age: _Ints, relationship: npt.NDArray[np.int8]
) -> npt.NDArray[np.int8]:
    start, couple, sizes = places.start, places.couple, places.sizes
    marital = np.full(len(age), MaritalStatus.SINGLE.code, dtype=_I8)
    wed = np.where(
        rng.random(len(sizes)) < REGISTERED_MARRIAGE_SHARE, _MARRIED[0], _MARRIED[1]
    ).astype(_I8)
    marital[start[couple]] = marital[start[couple] + 1] = wed[couple]
    lone = start[~couple]
    widowed_or_divorced = np.where(
        rng.random(len(lone)) < 0.5, MaritalStatus.WIDOWED.code, MaritalStatus.DIVORCED.code
    )
    marital[lone] = np.where(
        (sizes[~couple] == 1) & (age[lone] < 30), MaritalStatus.SINGLE.code, widowed_or_divorced
    )
    marital[relationship == _PARENT] = MaritalStatus.WIDOWED.code
    return marital


def _attributes(
    rng: np.random.Generator, age: _Ints, marital: npt.NDArray[np.int8]
) -> dict[str, _Ints]:
    """KTP-el status by age and marriage; schooling and work by age; blood type."""
    total = len(age)
    must_hold = np.isin(marital, _EVER_MARRIED) | (age >= KTP_EL_AGE)
    recorded = rng.random(total) < KTP_EL_RECORDED_SHARE
    ktp = np.where(
        must_hold,
        np.where(recorded, KTPElStatus.ISSUED.code, KTPElStatus.NOT_RECORDED.code),
        KTPElStatus.NOT_REQUIRED.code,
    )
    adult_education = np.array([e.code for e in list(Education)[2:]])
    education = np.where(
        age < 7,
        Education.NONE.code,
        np.where(
            age < 19,
            Education.PRIMARY_INCOMPLETE.code,
            adult_education[rng.integers(0, len(adult_education), total)],
        ),
    )
    jobs = np.array([o.code for o in ADULT_OCCUPATIONS])
    occupation = np.where(
        age < 7,
        Occupation.UNEMPLOYED.code,
        np.where(age < 19, Occupation.STUDENT.code, jobs[rng.integers(0, len(jobs), total)]),
    )
    blood = np.array([b.code for b in BloodType])[rng.integers(0, len(BloodType), total)]
    return {
        "ktp_el_status": ktp,
        "education": education,
        "occupation": occupation,
        "blood_type": blood,
    }


def _religions(
    rng: np.random.Generator, district: str, places: _Places, relationship: npt.NDArray[np.int8]
) -> _Ints:
    """The province's mix for heads and the unrelated; wives and children take the head's."""
    cumulative = np.cumsum(religion_shares(district).weights)
    drawn = 1 + np.searchsorted(
        cumulative, rng.random(len(relationship)) * cumulative[-1], side="right"
    )
    inherits = (relationship == _WIFE) | (relationship == _CHILD)
    religion: _Ints = np.where(inherits, drawn[places.start][places.family], drawn)
    return religion


def draw_columns(partition: Partition) -> pa.Table:
    """The flat records of ``partition``'s families, drawn column-wise, checked, as a table.

    Draws :attr:`~adminduk.simulation.Partition.males` and ``females`` residents of the
    piece's district from the piece's own random stream (its seed, district and slice). A piece
    that is not one (:func:`~adminduk.simulation.partitions.check_partition`) raises its typed
    error; :class:`TooFewAdults` when its families need more adult heads than it holds; an
    :class:`~adminduk.errors.InvariantViolation` would be a bug.
    """
    table = draw_unchecked(partition)
    check_columns(table, on=partition.on, area=partition.regency)
    return table


def draw_unchecked(partition: Partition) -> pa.Table:
    """:func:`draw_columns` before :func:`check_columns` (internal to the scale package).

    The national job draws a task's pieces this way and checks their records once, as one
    table: a check costs about a third of drawing a piece of a hundred-odd people.
    """
    district_code = check_partition(partition).code
    on = partition.on
    # The piece's own stream, from the seed, district and slice (as the row-by-row engine's).
    digest = hashlib.sha256(stream_name(partition, district_code).encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest, "big"))
    males, females = partition.males, partition.females
    total = males + females
    if total == 0:
        return RECORD_SCHEMA.empty_table()
    # Everyone's age first, on each sex's census structure; families take people from the pool.
    sex = np.r_[np.full(males, Sex.MALE.code), np.full(females, Sex.FEMALE.code)].astype(_I8)
    age = np.r_[_ages(rng, males, Sex.MALE), _ages(rng, females, Sex.FEMALE)]
    places = _places(rng, sex, age, partition.name)
    sex, age = sex[places.person], age[places.person]  # in place order from here on
    born = _birth_ordinals(rng, age, on)
    relationship = _relationships(places, born)
    marital = _marital(rng, places, age, relationship)
    # Numbers: NIKs from district, birth day and sex; KK numbers from the card's issue day.
    district = int(district_code.replace(".", ""))
    first, step = partition.index + 1, partition.count
    nik_prefix = _prefixes(district, born, 40 * (sex == Sex.FEMALE.code))
    issued = on.toordinal() - (rng.random(len(places.sizes)) * 3651).astype(np.int64)
    kk_prefix = _prefixes(district, issued)
    villages = _village_numbers(district_code)
    village = villages[rng.integers(0, len(villages), len(places.sizes))][places.family]
    columns: dict[str, Any] = {
        "nik": _numbers(nik_prefix, _serials(nik_prefix, first, step)),
        "kk_number": _numbers(kk_prefix, _serials(kk_prefix, first, step)).take(places.family),
        "relationship": relationship,
        "sex": sex,
        "birth_date": (born - _EPOCH).astype(np.int32),
        "religion": _religions(rng, district_code, places, relationship),
        "marital_status": marital,
        "citizenship": np.full(total, Citizenship.WNI.code),
        "life_status": np.full(total, LifeStatus.ALIVE.code),
        "village": village,
        "district": village // 10_000,
        "regency": village // 1_000_000,
        "province": village // 100_000_000,
        **_attributes(rng, age, marital),
    }
    return pa.table([_arrow(columns[f.name], f.type) for f in RECORD_SCHEMA], schema=RECORD_SCHEMA)


def _arrow(values: Any, kind: pa.DataType) -> Any:
    """``values`` (an Arrow array already, or a numpy array) as an Arrow array of ``kind``."""
    if isinstance(values, pa.Array):
        return values
    if kind == pa.date32():
        return pa.array(values.astype(np.int32)).view(pa.date32())
    return pa.array(values.astype(kind.to_pandas_dtype()))


def _fail(rule: str, detail: str) -> InvariantViolation:
    return InvariantViolation(f"{rule}: {detail}", rule=rule)


def check_columns(table: pa.Table, *, on: datetime.date, area: str | None = None) -> None:
    """Check the register's rules on a table of flat records; raise ``InvariantViolation``.

    The rules of :mod:`adminduk.register.rules` and the residents' own: nik-unique, one-family,
    one-head, head-eligible, spouses-married, child-younger, in-area and gone-no-family; every
    NIK in a known district that is the resident's own, encoding their birth day and sex, and
    every KK number in the family's district, with serials 0001-9999; birth days not after
    ``on``. Families are the rows sharing a KK number, which must be consecutive.

    A table that is not of :data:`~adminduk.scale.RECORD_SCHEMA` (other columns or types, a
    missing value where the schema has none, a number that is not sixteen ASCII digits) raises
    :class:`~adminduk.errors.DatasetError` before any rule is checked.
    """
    if area is not None:
        area = regions.normalize(area)  # a province, regency, district or village code
    _check_shape(table)
    rows = table.num_rows
    if rows == 0:
        return
    nik = np.asarray(pc.cast(table["nik"], pa.int64()).to_numpy(zero_copy_only=False))
    if len(np.unique(nik)) != rows:
        raise _fail("nik-unique", "a NIK is given to two residents")
    if table["kk_number"].null_count or table["village"].null_count:
        raise _fail("one-family", "a living resident is on no KK")
    if np.any(table["life_status"].to_numpy() != LifeStatus.ALIVE.code):
        raise _fail("gone-no-family", "a resident on a KK is not alive")
    kk = np.asarray(pc.cast(table["kk_number"], pa.int64()).to_numpy(zero_copy_only=False))
    change = np.r_[True, kk[1:] != kk[:-1]]
    if len(np.unique(kk)) != int(change.sum()):
        raise _fail("one-family", "a family's rows are not together, or a KK is used twice")
    family = np.cumsum(change) - 1
    column = {name: table[name].to_numpy() for name in ("relationship", "sex", "marital_status")}
    relationship, sex, marital = column["relationship"], column["sex"], column["marital_status"]
    village = table["village"].to_numpy()
    born = table["birth_date"].to_numpy().astype("datetime64[D]").astype(np.int64) + _EPOCH
    if np.any(born > on.toordinal()):
        raise _fail("born-before", f"a resident is born after {on}")
    heads = np.flatnonzero(relationship == _HEAD)
    if len(heads) != family[-1] + 1 or np.any(np.diff(family[heads]) != 1):
        raise _fail("one-head", "a family has no head or two")
    head_of = heads[family]
    if area is not None and np.any(village // _DIVISORS[len(area)] != regions.to_number(area)):
        raise _fail("in-area", f"a family lives outside {area}")
    if np.any(village[head_of] != village):
        raise _fail("one-family", "a family's members live in two villages")
    _check_families(
        family,
        heads,
        head_of=head_of,
        relationship=relationship,
        sex=sex,
        marital=marital,
        born=born,
        on=on,
    )
    _check_numbers(nik, kk, born=born, sex=sex, village=village, on=on)


def _check_shape(table: pa.Table) -> None:
    """The table has the record schema's columns and types, and numbers of sixteen digits."""
    if not isinstance(table, pa.Table) or not table.schema.equals(
        RECORD_SCHEMA, check_metadata=False
    ):
        raise DatasetError("the table is not one of flat resident records (RECORD_SCHEMA)")
    for field in RECORD_SCHEMA:
        if table[field.name].null_count and field.name not in ("kk_number", "village"):
            raise DatasetError(f"the {field.name} column has missing values")
    for name in ("nik", "kk_number"):
        column = table[name].drop_null()
        lengths = np.asarray(pc.utf8_length(column).to_numpy())
        digits = np.asarray(pc.ascii_is_decimal(column).to_numpy())
        if np.any(lengths != 16) or not np.all(digits):
            raise DatasetError(f"a {name} is not sixteen digits")


def _check_numbers(
    nik: _Ints, kk: _Ints, *, born: _Ints, sex: _Ints, village: _Ints, on: datetime.date
) -> None:
    """Each NIK the resident's own, each KK number of its family's district and a past day."""
    district = nik // 10**10
    wanted = _prefixes(district, born, 40 * (sex == Sex.FEMALE.code))
    if (
        np.any(nik // 10_000 != wanted)
        or np.any(nik % 10_000 == 0)
        or not _known_districts().issuperset(np.unique(district).tolist())
    ):
        raise _fail("nik-own", "a NIK does not encode its resident's district, birth day or sex")
    kk_district = kk // 10**10
    kk_ordinal = _kk_days(kk, on)
    if (
        np.any(kk_district != village // 10_000)
        or np.any(kk % 10_000 == 0)
        or np.any(kk_ordinal > on.toordinal())
    ):
        raise _fail("kk-own", "a KK number is not of its family's district, or not a past day")


def _check_families(
    family: _Ints,
    heads: _Ints,
    *,
    head_of: _Ints,
    relationship: _Ints,
    sex: _Ints,
    marital: _Ints,
    born: _Ints,
    on: datetime.date,
) -> None:
    """head-eligible, spouses-married and child-younger."""
    ever = np.isin(marital, _EVER_MARRIED)
    limit = years_before(on, KTP_EL_AGE).toordinal()
    if np.any(~ever[heads] & (born[heads] > limit)):
        raise _fail("head-eligible", "a head of family is under 17 and has never married")
    wives = np.flatnonzero(relationship == _WIFE)
    husbands = np.flatnonzero(relationship == Relationship.HUSBAND.code)
    spouses = np.r_[wives, husbands]
    if len(np.unique(family[spouses])) != len(spouses):
        raise _fail("spouses-married", "a family has two spouses of its head")
    married = np.isin(marital, _MARRIED)
    if (
        np.any(sex[wives] != Sex.FEMALE.code)
        or np.any(sex[husbands] != Sex.MALE.code)
        or np.any(sex[head_of[spouses]] == sex[spouses])
        or not np.all(married[spouses] & married[head_of[spouses]])
    ):
        raise _fail("spouses-married", "a spouse on a KK is not married to its head")
    spouse_born = np.full(family[-1] + 1, np.iinfo(np.int64).min)
    spouse_born[family[spouses]] = born[spouses]
    children = np.flatnonzero(relationship == _CHILD)
    if np.any(born[children] <= born[head_of[children]]) or np.any(
        born[children] <= spouse_born[family[children]]
    ):
        raise _fail("child-younger", "a child is not younger than the head and spouse")


def _kk_days(kk: _Ints, on: datetime.date) -> _Ints:
    """The issue day a KK number encodes, as an ordinal (a number encoding no day raises)."""
    part = kk // 10_000 % 10**6
    day, month, year = part // 10_000, part // 100 % 100, part % 100
    if np.any((day < 1) | (day > 31) | (month < 1) | (month > 12)):
        raise _fail("kk-own", "a KK number encodes no day")
    # Two-digit years: the century that puts the year at or before ``on``'s.
    full = np.where(on.year // 100 * 100 + year > on.year, 1900, 2000) + year
    months = (full - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    ordinal = (months.astype("datetime64[D]") + (day - 1)).astype(np.int64) + _EPOCH
    if np.any(_date_parts(ordinal)[0] != day):  # 30 February rolls over into March
        raise _fail("kk-own", "a KK number encodes no day")
    return ordinal


#: What divides a village number into the number of the area holding it, by the area code's
#: length in dotted form: a province (``18``), a regency (``18.08``), a district, a village.
_DIVISORS = {2: 100_000_000, 5: 1_000_000, 8: 10_000, 13: 1}
