"""The register's rules checked on a table of flat records, column by column.

:func:`check_columns` is what the columnar engine runs on everything it draws, and what anyone
can run on a table of :data:`~adminduk.scale.RECORD_SCHEMA` records: the rules of
:mod:`adminduk.register.rules` and the residents' own, on numpy arrays.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from adminduk import regions
from adminduk.codes import LifeStatus, Relationship, Sex
from adminduk.errors import DatasetError, InvariantViolation
from adminduk.register import KTP_EL_AGE
from adminduk.scale._dataset import RECORD_SCHEMA
from adminduk.scale._numbering import (
    CHILD,
    EPOCH,
    EVER_MARRIED,
    HEAD,
    MARRIED,
    WIFE,
    Ints,
    date_parts,
    known_districts,
    prefixes,
)
from adminduk.simulation.tables import years_before

__all__ = ["check_columns"]


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
    born = table["birth_date"].to_numpy().astype("datetime64[D]").astype(np.int64) + EPOCH
    if np.any(born > on.toordinal()):
        raise _fail("born-before", f"a resident is born after {on}")
    heads = np.flatnonzero(relationship == HEAD)
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
    nik: Ints, kk: Ints, *, born: Ints, sex: Ints, village: Ints, on: datetime.date
) -> None:
    """Each NIK the resident's own, each KK number of its family's district and a past day."""
    district = nik // 10**10
    wanted = prefixes(district, born, 40 * (sex == Sex.FEMALE.code))
    if (
        np.any(nik // 10_000 != wanted)
        or np.any(nik % 10_000 == 0)
        or not known_districts().issuperset(np.unique(district).tolist())
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
    family: Ints,
    heads: Ints,
    *,
    head_of: Ints,
    relationship: Ints,
    sex: Ints,
    marital: Ints,
    born: Ints,
    on: datetime.date,
) -> None:
    """head-eligible, spouses-married and child-younger."""
    ever = np.isin(marital, EVER_MARRIED)
    limit = years_before(on, KTP_EL_AGE).toordinal()
    if np.any(~ever[heads] & (born[heads] > limit)):
        raise _fail("head-eligible", "a head of family is under 17 and has never married")
    wives = np.flatnonzero(relationship == WIFE)
    husbands = np.flatnonzero(relationship == Relationship.HUSBAND.code)
    spouses = np.r_[wives, husbands]
    if len(np.unique(family[spouses])) != len(spouses):
        raise _fail("spouses-married", "a family has two spouses of its head")
    married = np.isin(marital, MARRIED)
    if (
        np.any(sex[wives] != Sex.FEMALE.code)
        or np.any(sex[husbands] != Sex.MALE.code)
        or np.any(sex[head_of[spouses]] == sex[spouses])
        or not np.all(married[spouses] & married[head_of[spouses]])
    ):
        raise _fail("spouses-married", "a spouse on a KK is not married to its head")
    spouse_born = np.full(family[-1] + 1, np.iinfo(np.int64).min)
    spouse_born[family[spouses]] = born[spouses]
    children = np.flatnonzero(relationship == CHILD)
    if np.any(born[children] <= born[head_of[children]]) or np.any(
        born[children] <= spouse_born[family[children]]
    ):
        raise _fail("child-younger", "a child is not younger than the head and spouse")


def _kk_days(kk: Ints, on: datetime.date) -> Ints:
    """The issue day a KK number encodes, as an ordinal (a number encoding no day raises)."""
    part = kk // 10_000 % 10**6
    day, month, year = part // 10_000, part // 100 % 100, part % 100
    if np.any((day < 1) | (day > 31) | (month < 1) | (month > 12)):
        raise _fail("kk-own", "a KK number encodes no day")
    # Two-digit years: the century that puts the year at or before ``on``'s.
    full = np.where(on.year // 100 * 100 + year > on.year, 1900, 2000) + year
    months = (full - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    ordinal = (months.astype("datetime64[D]") + (day - 1)).astype(np.int64) + EPOCH
    if np.any(date_parts(ordinal)[0] != day):  # 30 February rolls over into March
        raise _fail("kk-own", "a KK number encodes no day")
    return ordinal


#: What divides a village number into the number of the area holding it, by the area code's
#: length in dotted form: a province (``18``), a regency (``18.08``), a district, a village.
_DIVISORS = {2: 100_000_000, 5: 1_000_000, 8: 10_000, 13: 1}
