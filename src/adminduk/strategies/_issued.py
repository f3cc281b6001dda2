"""Strategies for issued records: every document type as the register keeps it."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from adminduk.codes import (
    Citizenship,
    MaritalStatus,
    MoveReason,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.regions import RegionLevel
from adminduk.register.issued import (
    ISSUED_TYPES,
    IssuedAktaCerai,
    IssuedAktaKawin,
    IssuedAktaLahir,
    IssuedAktaMati,
    IssuedDocument,
    IssuedKIA,
    IssuedKK,
    IssuedKTPEl,
    IssuedSKPWNI,
    PrintedMember,
)
from adminduk.strategies._identifiers import kk_numbers, niks, region_codes
from adminduk.strategies._people import addresses, names

_DAYS = st.dates(datetime.date(1950, 1, 1), datetime.date(2026, 12, 31))
_PLACES = st.sampled_from(("Blambangan Umpu", "Baradatu", "Kasui", "Way Kanan", "Bandar Lampung"))
_TEXT = st.sampled_from(("", "Masjid Agung Blambangan Umpu", "Pengadilan Agama Blambangan Umpu"))
_NUMBERS = st.from_regex(
    r"1808-(LU|KM|KW|KC)-[0-3][0-9][01][0-9]20[2-3][0-9]-[0-9]{4}", fullmatch=True
)
_NOTES: st.SearchStrategy[tuple[str, ...]] = st.lists(
    st.sampled_from(("Nama anak dibetulkan menjadi Putri Contoh", "Tanggal lahir dibetulkan")),
    max_size=2,
).map(tuple)


def _members() -> st.SearchStrategy[tuple[PrintedMember, ...]]:
    member = st.builds(
        PrintedMember,
        nik=niks(),
        name=names(),
        relationship=st.sampled_from(Relationship),
        sex=st.sampled_from(Sex),
        birth_place=_PLACES,
        birth_date=_DAYS,
        religion=st.sampled_from(Religion),
        marital_status=st.sampled_from(MaritalStatus),
    )
    return st.lists(member, min_size=1, max_size=6, unique_by=lambda m: m.nik).map(tuple)


@st.composite
def _kk(draw: st.DrawFn) -> IssuedKK:
    members = draw(_members())
    return IssuedKK(
        number=draw(kk_numbers()),
        issued_on=draw(_DAYS),
        office="18.08",
        holders=tuple(m.nik for m in members),
        address=draw(addresses()),
        members=members,
    )


@st.composite
def _person(
    draw: st.DrawFn, /, kind: Callable[..., IssuedDocument], **more: Any
) -> IssuedDocument:
    nik = draw(niks())
    values = {name: draw(strategy) for name, strategy in more.items()}
    others = tuple(n for n in values.pop("others", ()) if n != nik)  # parents: holders too
    return kind(
        number=values.pop("number", nik),
        issued_on=draw(_DAYS),
        office="18.08",
        holders=(nik, *others),
        nik=nik,
        name=draw(names()),
        sex=draw(st.sampled_from(Sex)),
        birth_place=draw(_PLACES),
        birth_date=draw(_DAYS),
        notes=draw(_NOTES) if kind is IssuedAktaLahir else (),
        **values,
    )


@st.composite
def _couple(
    draw: st.DrawFn, /, kind: Callable[..., IssuedDocument], **more: Any
) -> IssuedDocument:
    husband, wife = draw(st.lists(niks(), min_size=2, max_size=2, unique=True))
    values = {name: draw(strategy) for name, strategy in more.items()}
    return kind(
        number=draw(_NUMBERS),
        issued_on=draw(_DAYS),
        office="18.08",
        holders=(husband, wife),
        husband=husband,
        husband_name=draw(names(sex=Sex.MALE)),
        wife=wife,
        wife_name=draw(names(sex=Sex.FEMALE)),
        occurred_on=draw(st.none() | _DAYS),
        notes=draw(_NOTES),
        **values,
    )


@st.composite
def _death(draw: st.DrawFn) -> IssuedAktaMati:
    nik = draw(niks())
    # attrs' converter=tuple types `notes` as a bare Iterable[_T_co] for mypy: call untyped
    make: Callable[..., IssuedAktaMati] = IssuedAktaMati
    return make(
        number=draw(_NUMBERS),
        issued_on=draw(_DAYS),
        office="18.08",
        holders=(nik,),
        nik=nik,
        name=draw(names()),
        died_on=draw(_DAYS),
        place=draw(_PLACES),
        notes=draw(_NOTES),
    )


@st.composite
def _moving(draw: st.DrawFn) -> IssuedSKPWNI:
    movers = tuple(draw(st.lists(niks(), min_size=1, max_size=4, unique=True)))
    return IssuedSKPWNI(
        number=draw(
            st.from_regex(r"SKPWNI/1808/2026[01][0-9][0-2][0-9]/[0-9]{4}", fullmatch=True)
        ),
        issued_on=draw(_DAYS),
        office="18.08",
        holders=movers,
        movers=movers,
        origin=draw(region_codes(level=RegionLevel.VILLAGE, within="18.08")),
        destination=draw(region_codes(level=RegionLevel.REGENCY)),
        reason=draw(st.none() | st.sampled_from(MoveReason)),
    )


def issued_records(
    *, documents: tuple[str, ...] | None = None
) -> st.SearchStrategy[IssuedDocument]:
    """Issued records of every document type (or of ``documents``, by code), as printed.

    Their data is valid as the register's records check it; the people are synthetic.
    """
    builders: dict[str, st.SearchStrategy[IssuedDocument]] = {
        "KK": _kk(),
        "KTP-el": _person(
            IssuedKTPEl,
            religion=st.sampled_from(Religion),
            marital_status=st.sampled_from(MaritalStatus),
            occupation=st.sampled_from(Occupation),
            citizenship=st.sampled_from(Citizenship),
            address=addresses(),
        ),
        "KIA": _person(
            IssuedKIA, family_number=kk_numbers(), head_name=names(), valid_until=_DAYS
        ),
        "SKPWNI": _moving(),
        "AKTA-LAHIR": _person(
            IssuedAktaLahir,
            number=_NUMBERS,
            others=st.lists(niks(), max_size=2, unique=True),
            mother_name=names(sex=Sex.FEMALE),
            father_name=st.sampled_from(("",)) | names(sex=Sex.MALE),
            parents_marriage_registered=st.booleans(),
            late=st.booleans(),
            birth_order=st.none() | st.integers(1, 12),
        ),
        "AKTA-MATI": _death(),
        "AKTA-KAWIN": _couple(
            IssuedAktaKawin,
            place=_TEXT,
            religion=st.none() | st.sampled_from(Religion),
            officiant=_TEXT,
        ),
        "AKTA-CERAI": _couple(IssuedAktaCerai, court=_TEXT, decision_number=_TEXT),
    }
    chosen = tuple(ISSUED_TYPES) if documents is None else documents
    unknown = [code for code in chosen if code not in builders]
    if unknown or not chosen:
        from hypothesis.errors import InvalidArgument  # noqa: PLC0415

        raise InvalidArgument(f"no issued records of {unknown or 'no document'}")
    return st.one_of(*(builders[code] for code in chosen))
