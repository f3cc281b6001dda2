"""The civil registration reports a form carries: birth, death, marriage and divorce (F-2.01).

Permendagri 109/2019 prints one report form for the civil registration events, F-2.01 (with
F-2.12 for a marriage): a section per event, filled by the reporter (pelapor) with two
witnesses. Each section is a typed part of the :class:`~adminduk.documents.Form` here, checked
when made, and printed into the certificate where the certificate shows it (the birth order,
the place of death, the place and rite of a marriage, the court of a divorce).

The regulation's annex could not be read for this release: the fields follow the form as
offices publish and explain it (for F-2.01: the child's name, sex, place and kind of place of
birth, time, kind of birth, birth order, attendant, weight and length; the place, time and
cause of a death and who certified it; the place, rite and officiant of a marriage; the court
and decision of a divorce). Which of them the national form makes compulsory is
**unconfirmed**: the required ones here are the ones the certificate or the register needs.

>>> import datetime
>>> from adminduk.codes import BirthAttendant, BirthKind, BirthPlaceKind, Sex
>>> report = BirthReport(child_name="Bayu Pratama", child_sex=Sex.MALE,
...     birth_place="Blambangan Umpu", place_kind=BirthPlaceKind.HEALTH_CENTRE,
...     birth_kind=BirthKind.SINGLE, birth_order=2, attendant=BirthAttendant.MIDWIFE,
...     weight_grams=3200, birth_time=datetime.time(8, 30))
>>> report.birth_order, report.attendant.label
(2, 'Bidan/Perawat')
>>> BirthReport(child_name="Bayu", child_sex=Sex.MALE, birth_place="Blambangan Umpu",
...     place_kind=BirthPlaceKind.HOME, birth_kind=BirthKind.SINGLE, birth_order=0,
...     attendant=BirthAttendant.MIDWIFE)
Traceback (most recent call last):
...
adminduk.errors.InvalidField: Birth order (1 for the first child) must be from 1 to 30, not 0
"""

from __future__ import annotations

import datetime
from typing import ClassVar

import attrs

from adminduk._privacy import redacted_repr
from adminduk.codes import (
    BirthAttendant,
    BirthKind,
    BirthPlaceKind,
    DeathCause,
    DeathCertifier,
    Religion,
    Sex,
)
from adminduk.documents._spec import Ask, Details, FieldKind, ask

__all__ = ["BirthReport", "DeathReport", "DivorceReport", "MarriageReport"]

_F201 = "F-2.01 Permendagri 109/2019"
_F212 = "F-2.12 Permendagri 109/2019"


def _witnesses(basis: str, *, least: int) -> Ask:
    return Ask(
        label_id="NIK dua orang saksi",
        label_en="NIKs of the two witnesses",
        help_id="Saksi sudah dewasa dan membawa KTP-el; pisahkan dengan spasi atau koma.",
        help_en="Adults who bring their KTP-el; separate them with spaces or commas.",
        basis=basis,
        kind=FieldKind.NIKS,
        minimum=least,
        maximum=2,
    )


@redacted_repr
@attrs.frozen(kw_only=True)
class BirthReport(Details):
    """A birth as reported on F-2.01: the child and the circumstances of the birth.

    The mother and father are the form's subject and partner, the day is its ``event_date``,
    the reporter its ``applicant``.
    """

    document: ClassVar[str] = "AKTA-LAHIR"
    tag: ClassVar[str] = "birth"
    form_name: ClassVar[str] = "F-2.01"

    child_name: str = ask(
        Ask(
            label_id="Nama anak",
            label_en="Child's name",
            help_id="Nama lengkap seperti akan tertulis pada akta.",
            help_en="The full name as it will be printed on the certificate.",
            basis=_F201,
            kind=FieldKind.TEXT,
            max_length=100,
        )
    )
    child_sex: Sex = ask(
        Ask(
            label_id="Jenis kelamin anak",
            label_en="Child's sex",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=Sex,
        )
    )
    birth_place: str = ask(
        Ask(
            label_id="Tempat kelahiran (kabupaten/kota)",
            label_en="Place of birth (regency or city)",
            help_id="Nama kabupaten/kota tempat anak lahir, seperti tertulis pada akta.",
            help_en="The regency or city where the child was born, as printed on the certificate.",
            basis=_F201,
            kind=FieldKind.TEXT,
            max_length=100,
        )
    )
    place_kind: BirthPlaceKind = ask(
        Ask(
            label_id="Tempat dilahirkan",
            label_en="Kind of place of birth",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=BirthPlaceKind,
        )
    )
    birth_kind: BirthKind = ask(
        Ask(
            label_id="Jenis kelahiran",
            label_en="Kind of birth",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=BirthKind,
        )
    )
    birth_order: int = ask(
        Ask(
            label_id="Kelahiran ke (1 untuk anak pertama)",
            label_en="Birth order (1 for the first child)",
            help_id="Urutan kelahiran anak dari ibu ini; dicetak pada akta (anak ke-...).",
            help_en="Which child of this mother it is; printed on the certificate.",
            basis=_F201,
            kind=FieldKind.INTEGER,
            minimum=1,
            maximum=30,
        )
    )
    attendant: BirthAttendant = ask(
        Ask(
            label_id="Penolong kelahiran",
            label_en="Birth attendant",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=BirthAttendant,
        )
    )
    birth_time: datetime.time | None = ask(
        Ask(
            label_id="Pukul lahir",
            label_en="Time of birth",
            help_id="Jam dan menit, misalnya 08:30.",
            help_en="Hours and minutes, for example 08:30.",
            basis=_F201,
            kind=FieldKind.TIME,
        ),
        default=None,
    )
    weight_grams: int | None = ask(
        Ask(
            label_id="Berat bayi (gram)",
            label_en="Birth weight (grams)",
            basis=_F201,
            kind=FieldKind.INTEGER,
            minimum=300,
            maximum=7000,
        ),
        default=None,
    )
    length_cm: int | None = ask(
        Ask(
            label_id="Panjang bayi (cm)",
            label_en="Birth length (cm)",
            basis=_F201,
            kind=FieldKind.INTEGER,
            minimum=20,
            maximum=70,
        ),
        default=None,
    )
    witnesses: tuple[str, ...] = ask(_witnesses(_F201, least=0), default=())


@redacted_repr
@attrs.frozen(kw_only=True)
class DeathReport(Details):
    """A death as reported on F-2.01: where, when and why, and who certified it.

    The deceased is the form's subject, the day its ``event_date``, the reporter its
    ``applicant``.
    """

    document: ClassVar[str] = "AKTA-MATI"
    tag: ClassVar[str] = "death"
    form_name: ClassVar[str] = "F-2.01"

    death_place: str = ask(
        Ask(
            label_id="Tempat kematian",
            label_en="Place of death",
            help_id="Kabupaten/kota atau nama rumah sakit tempat meninggal.",
            help_en="The regency or city, or the hospital, where the person died.",
            basis=_F201,
            kind=FieldKind.TEXT,
            max_length=100,
        )
    )
    cause: DeathCause = ask(
        Ask(
            label_id="Sebab kematian",
            label_en="Cause of death",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=DeathCause,
        )
    )
    certifier: DeathCertifier = ask(
        Ask(
            label_id="Yang menerangkan",
            label_en="Certified by",
            help_id="Siapa yang membuat surat keterangan kematian.",
            help_en="Who wrote the death letter.",
            basis=_F201,
            kind=FieldKind.CHOICE,
            choices=DeathCertifier,
        )
    )
    death_time: datetime.time | None = ask(
        Ask(
            label_id="Pukul meninggal",
            label_en="Time of death",
            basis=_F201,
            kind=FieldKind.TIME,
        ),
        default=None,
    )


@redacted_repr
@attrs.frozen(kw_only=True)
class MarriageReport(Details):
    """A marriage as reported on F-2.12: where, by which rite, before whom, and the witnesses.

    The husband and wife are the form's subject and partner, the day its ``event_date``.
    """

    document: ClassVar[str] = "AKTA-KAWIN"
    tag: ClassVar[str] = "marriage"
    form_name: ClassVar[str] = "F-2.12"

    place: str = ask(
        Ask(
            label_id="Tempat pemberkatan perkawinan",
            label_en="Place of the marriage",
            help_id="Rumah ibadah atau tempat upacara, dengan kabupaten/kotanya.",
            help_en="The house of worship or place of the ceremony, with its regency or city.",
            basis=_F212,
            kind=FieldKind.TEXT,
            max_length=150,
        )
    )
    religion: Religion = ask(
        Ask(
            label_id="Agama atau kepercayaan perkawinan",
            label_en="Religion or belief of the marriage",
            help_id="Perkawinan secara Islam dicatat oleh KUA, bukan Disdukcapil.",
            help_en="A marriage by Islamic rite is registered by the KUA, not this office.",
            basis=_F212,
            kind=FieldKind.CHOICE,
            choices=Religion,
        )
    )
    officiant: str = ask(
        Ask(
            label_id="Nama pemuka agama atau penghayat kepercayaan",
            label_en="Name of the religious leader who married them",
            basis=_F212,
            kind=FieldKind.TEXT,
            max_length=100,
        )
    )
    witnesses: tuple[str, ...] = ask(_witnesses(_F212, least=2))


@redacted_repr
@attrs.frozen(kw_only=True)
class DivorceReport(Details):
    """A divorce as reported on F-2.01: the court and its final decision.

    The husband and wife are the form's subject and partner; ``event_date`` is the day the
    decision became final (inkracht), from which the 60 days run.
    """

    document: ClassVar[str] = "AKTA-CERAI"
    tag: ClassVar[str] = "divorce"
    form_name: ClassVar[str] = "F-2.01"

    court: str = ask(
        Ask(
            label_id="Nama pengadilan",
            label_en="Court",
            help_id="Misalnya Pengadilan Negeri Blambangan Umpu.",
            help_en="For example, the district court of Blambangan Umpu.",
            basis=_F201,
            kind=FieldKind.TEXT,
            max_length=120,
        )
    )
    decision_number: str = ask(
        Ask(
            label_id="Nomor putusan pengadilan",
            label_en="Number of the court decision",
            basis=_F201,
            kind=FieldKind.TEXT,
            max_length=80,
        )
    )
    decided_on: datetime.date | None = ask(
        Ask(
            label_id="Tanggal putusan",
            label_en="Date of the decision",
            help_id="Tanggal putusan dibacakan (bukan tanggal berkekuatan hukum tetap).",
            help_en="The day the decision was given (not the day it became final).",
            basis=_F201,
            kind=FieldKind.DATE,
        ),
        default=None,
    )
