"""Documents as issued: one frozen record per document type, with the data printed on it.

A record is what the resident receives: its number, the day and office of issue, and the data
taken from the register at that moment (the family card's members with their relationships,
the KTP-el holder's data, valid for life, the KIA's end date by age band, a certificate's
people, dates, place and remarks). The workflows build one when a document is issued
(:func:`adminduk.documents.issued_records`) and the register keeps it in each holder's history
of documents (:meth:`adminduk.register.Registry.documents_of`), through the
:class:`~adminduk.register.events.DocumentIssued` event, so a replayed register has them too.

>>> import datetime
>>> record = IssuedAktaMati(
...     number="1808-KM-02032026-0001", issued_on=datetime.date(2026, 3, 2), office="18.08",
...     holders=("1808010101800001",), nik="1808010101800001", name="Budi Santoso",
...     died_on=datetime.date(2026, 2, 20))
>>> record.document, record.title_en
('AKTA-MATI', 'Death certificate')
>>> "1808010101800001" in repr(record)
False
"""

from __future__ import annotations

import datetime
from typing import ClassVar

import attrs

from adminduk._fields import compact_nik, masked_repr, nik_field, require_date, require_text
from adminduk._privacy import redacted_repr
from adminduk.codes import (
    Citizenship,
    MaritalStatus,
    MoveReason,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.errors import InvalidComponent
from adminduk.register.address import Address

__all__ = [
    "ISSUED_TYPES",
    "IssuedAktaCerai",
    "IssuedAktaKawin",
    "IssuedAktaLahir",
    "IssuedAktaMati",
    "IssuedDocument",
    "IssuedKIA",
    "IssuedKK",
    "IssuedKTPEl",
    "IssuedSKPWNI",
    "PrintedMember",
]


def _holders(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, tuple | list):
        raise InvalidComponent("a document's holders are a sequence of NIKs")
    return tuple(compact_nik(number) for number in value)


@redacted_repr
@attrs.frozen(kw_only=True)
class IssuedDocument:
    """What every issued document has: its number, when and where it was issued, and holders.

    ``holders`` are the NIKs in whose history of documents the register keeps it (the card's
    holder, a certificate's people, every member on a family card).
    """

    #: The document code (``"KK"``, ``"AKTA-LAHIR"``, ...).
    document: ClassVar[str] = ""
    #: The document's name in Indonesian and in English.
    title_id: ClassVar[str] = ""
    title_en: ClassVar[str] = ""

    number: str = attrs.field(repr=masked_repr)
    issued_on: datetime.date
    office: str
    holders: tuple[str, ...] = attrs.field(converter=_holders, repr=False)
    #: Margin notes (catatan pinggir): each correction of this document since it was first
    #: printed, oldest first, in Indonesian as printed (Perpres 96/2018).
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple, repr=False)

    def __attrs_post_init__(self) -> None:
        require_text(self.number, "document number")
        require_date(self.issued_on, "issued_on")
        require_text(self.office, "office")
        if not self.holders:
            raise InvalidComponent(f"a {self.document} names at least one holder")
        for note in self.notes:
            require_text(note, "a margin note")


@redacted_repr
@attrs.frozen(kw_only=True)
class PrintedMember:
    """One line of the family card: a member as printed, with the relationship to the head."""

    nik: str = nik_field()
    name: str
    relationship: Relationship
    sex: Sex
    birth_place: str
    birth_date: datetime.date
    religion: Religion
    marital_status: MaritalStatus


@attrs.frozen(kw_only=True)
class _PersonalDocument(IssuedDocument):
    """A document about one person, printing who they are."""

    nik: str = nik_field()
    name: str
    sex: Sex
    birth_place: str
    birth_date: datetime.date


@attrs.frozen(kw_only=True)
class IssuedKK(IssuedDocument):
    """The family card: its KK number, the address and every member (head first)."""

    document: ClassVar[str] = "KK"
    title_id: ClassVar[str] = "Kartu Keluarga"
    title_en: ClassVar[str] = "Family card"

    address: Address
    members: tuple[PrintedMember, ...] = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class IssuedKTPEl(_PersonalDocument):
    """The electronic ID card: the holder's data, valid for life (Pasal 64(7) UU 24/2013)."""

    document: ClassVar[str] = "KTP-el"
    title_id: ClassVar[str] = "Kartu Tanda Penduduk elektronik"
    title_en: ClassVar[str] = "Electronic ID card"

    religion: Religion
    marital_status: MaritalStatus
    occupation: Occupation
    citizenship: Citizenship
    address: Address
    #: Always true: a KTP-el issued since UU 24/2013 is valid for life ("SEUMUR HIDUP").
    valid_for_life: bool = True


@attrs.frozen(kw_only=True)
class IssuedKIA(_PersonalDocument):
    """The child ID card: the child's data and the card's end date by age band."""

    document: ClassVar[str] = "KIA"
    title_id: ClassVar[str] = "Kartu Identitas Anak"
    title_en: ClassVar[str] = "Child ID card"

    family_number: str = attrs.field(repr=masked_repr)
    head_name: str
    valid_until: datetime.date


@attrs.frozen(kw_only=True)
class IssuedSKPWNI(IssuedDocument):
    """The moving letter: who moves, from where and to which region."""

    document: ClassVar[str] = "SKPWNI"
    title_id: ClassVar[str] = "Surat Keterangan Pindah WNI"
    title_en: ClassVar[str] = "Moving letter"

    movers: tuple[str, ...] = attrs.field(repr=False)
    origin: str
    destination: str
    #: Why they move, as the moving form gave it (F-1.03); ``None`` on a second copy.
    reason: MoveReason | None = None


@attrs.frozen(kw_only=True)
class IssuedAktaLahir(_PersonalDocument):
    """The birth certificate: the child, the parents, and the remarks the law requires.

    ``parents_marriage_registered`` is false when the parents' marriage proof was replaced by
    SPTJM F-2.04 (the certificate then names the marriage as not registered); ``late`` when the
    birth was reported after the 60-day deadline (Pasal 27 and 32 UU 24/2013).
    """

    document: ClassVar[str] = "AKTA-LAHIR"
    title_id: ClassVar[str] = "Kutipan Akta Kelahiran"
    title_en: ClassVar[str] = "Birth certificate"

    mother_name: str
    father_name: str
    parents_marriage_registered: bool = True
    late: bool = False
    #: Which child of the mother it is ("anak ke-"), from the birth report (F-2.01).
    birth_order: int | None = None

    @property
    def remarks(self) -> tuple[str, ...]:
        """The remarks printed on the certificate (Indonesian)."""
        found = []
        if not self.parents_marriage_registered:
            found.append(
                "perkawinan orang tuanya belum tercatat sesuai peraturan perundang-undangan"
            )
        if self.late:
            found.append("pencatatan kelahiran terlambat")
        return tuple(found)


@attrs.frozen(kw_only=True)
class IssuedAktaMati(IssuedDocument):
    """The death certificate: who died, and when."""

    document: ClassVar[str] = "AKTA-MATI"
    title_id: ClassVar[str] = "Kutipan Akta Kematian"
    title_en: ClassVar[str] = "Death certificate"

    nik: str = nik_field()
    name: str
    died_on: datetime.date
    #: Where the death happened, from the death report (F-2.01); empty when not reported.
    place: str = ""


@attrs.frozen(kw_only=True)
class _Couple(IssuedDocument):
    husband: str = nik_field()
    husband_name: str
    wife: str = nik_field()
    wife_name: str
    #: The day of the marriage or of the final divorce decision; ``None`` on a second copy
    #: whose original date the register does not hold.
    occurred_on: datetime.date | None = None


@attrs.frozen(kw_only=True)
class IssuedAktaKawin(_Couple):
    """The marriage certificate: husband, wife, the day, and where, by which rite, before whom."""

    document: ClassVar[str] = "AKTA-KAWIN"
    title_id: ClassVar[str] = "Kutipan Akta Perkawinan"
    title_en: ClassVar[str] = "Marriage certificate"

    #: From the marriage report (F-2.12); empty (``None``) on a second copy.
    place: str = ""
    religion: Religion | None = None
    officiant: str = ""


@attrs.frozen(kw_only=True)
class IssuedAktaCerai(_Couple):
    """The divorce certificate: husband, wife, the day the decision became final, and the court."""

    document: ClassVar[str] = "AKTA-CERAI"
    title_id: ClassVar[str] = "Kutipan Akta Perceraian"
    title_en: ClassVar[str] = "Divorce certificate"

    #: From the divorce report (F-2.01); empty on a second copy.
    court: str = ""
    decision_number: str = ""


#: Every record type, by document code.
ISSUED_TYPES: dict[str, type[IssuedDocument]] = {
    kind.document: kind
    for kind in (
        IssuedKK,
        IssuedKTPEl,
        IssuedKIA,
        IssuedSKPWNI,
        IssuedAktaLahir,
        IssuedAktaMati,
        IssuedAktaKawin,
        IssuedAktaCerai,
    )
}
