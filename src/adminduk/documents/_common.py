"""Requirement rows that several document types share, built from small rules."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from adminduk.documents._base import Context, Requirement, Variant
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.form import Form
from adminduk.errors import InvalidComponent
from adminduk.register.events import Event

__all__ = [
    "alive",
    "build_event",
    "copy_variants",
    "couple_event",
    "couple_on_file",
    "event_dates",
    "form",
    "given",
    "kk_on_file",
    "ktp_el_on_file",
    "late_decision",
    "police_letter",
    "subject_known",
]


def kk_on_file(
    code: str, who: str = "subject", *, who_id: str = "pemohon", who_en: str = "applicant"
) -> Requirement:
    """The person's family card: on file when the register places them in a family."""

    def met(context: Context) -> bool:
        return context.in_family(getattr(context.form, who))

    return Requirement(
        id=code,
        message_id=f"Kartu Keluarga {who_id} belum ada: lampirkan KK atau daftarkan keluarga.",
        message_en=f"The {who_en}'s family card is missing: attach the KK or register the family.",
        basis="Perpres 96/2018",
        satisfied_by=(Evidence.KK,),
        met=met,
        summary_id=f"Kartu Keluarga (KK) {who_id}",
        summary_en=f"the {who_en}'s family card (KK)",
    )


def ktp_el_on_file(
    code: str, who: str = "subject", *, who_id: str = "pemohon", who_en: str = "applicant"
) -> Requirement:
    """The person's KTP-el: on file when the register shows it recorded."""

    def met(context: Context) -> bool:
        person = context.person(getattr(context.form, who))
        return person is not None and person.ktp_el_status.is_recorded

    return Requirement(
        id=code,
        message_id=f"KTP-el {who_id} belum ada: lampirkan KTP-el atau lakukan perekaman.",
        message_en=f"The {who_en}'s KTP-el is missing: attach it or record the biometrics.",
        basis="Pasal 63 UU 24/2013",
        satisfied_by=(Evidence.KTP_EL,),
        met=met,
        summary_id=f"KTP-el {who_id}",
        summary_en=f"the {who_en}'s KTP-el",
    )


def form(code: str, evidence: Evidence, name: str, *, carried: bool = False) -> Requirement:
    """A filled-in form: its paper, or (``carried``) the form's ``details``, which are its data.

    Permendagri 109/2019 publishes each form as its fields; a filing that carries those fields
    typed (``Form.details``: a birth's F-2.01 report, a marriage's F-2.12) has filled it in.
    """

    def filled(context: Context) -> bool:
        return context.form.details is not None

    return Requirement(
        id=code,
        message_id=f"Formulir {name} belum diisi.",
        message_en=f"Form {name} is not filled in.",
        basis="Permendagri 108/2019; Permendagri 109/2019" if carried else "Permendagri 108/2019",
        satisfied_by=(evidence,),
        met=filled if carried else None,
        met_from="form",
    )


def subject_known(code: str, role_id: str, role_en: str, who: str = "subject") -> Requirement:
    """The person named must be in the register."""

    def met(context: Context) -> bool:
        return context.person(getattr(context.form, who)) is not None

    return Requirement(
        id=code,
        message_id=f"NIK {role_id} tidak ditemukan dalam data kependudukan.",
        message_en=f"The {role_en}'s NIK is not in the population register.",
        basis="Pasal 13 UU 24/2013",
        met=met,
        kind=FindingKind.INVALID,
        field=who,
    )


def alive(
    code: str, who: str = "subject", *, who_id: str = "pemohon", who_en: str = "applicant"
) -> Requirement:
    """The person must be alive and still a resident of the area.

    Pasal 44 UU 24/2013 (a death closes the register entry) and Pasal 25 Perpres 96/2018 (who
    moved out is on the register of the area they moved to). A person the register does not know
    is left to the other rows.
    """

    def met(context: Context) -> bool:
        person = context.person(getattr(context.form, who))
        return person is None or person.is_alive

    return Requirement(
        id=code,
        message_id=(
            f"Data {who_id} tercatat meninggal dunia atau sudah pindah ke luar daerah: dokumen ini "
            "tidak dapat diterbitkan untuknya."
        ),
        message_en=(
            f"The {who_en} is recorded as dead or as moved out of the area: this document cannot "
            "be issued for them."
        ),
        basis="Pasal 44 UU 24/2013; Pasal 25 Perpres 96/2018",
        met=met,
        kind=FindingKind.INELIGIBLE,
        summary_id=f"{who_id} masih hidup dan berdomisili di daerah ini",
        summary_en=f"the {who_en} is alive and lives in the area",
    )


def late_decision(code: str) -> Requirement:
    """A late report needs the head of office's decision (no court order since UU 24/2013)."""
    return Requirement(
        id=code,
        message_id="Pelaporan terlambat: perlu keputusan kepala dinas.",
        message_en="Late report: a decision of the head of office is needed.",
        basis="Pasal 32 UU 24/2013",
        satisfied_by=(Evidence.HEAD_OF_OFFICE_DECISION,),
    )


def couple_on_file(prefix: str) -> tuple[Requirement, ...]:
    """Both spouses known to the register, with their KK and KTP-el (subject: husband)."""
    return (
        subject_known(f"{prefix}.husband", "suami", "husband"),
        subject_known(f"{prefix}.wife", "istri", "wife", "partner"),
        kk_on_file(f"{prefix}.kk_husband", who_id="suami", who_en="husband"),
        kk_on_file(f"{prefix}.kk_wife", "partner", who_id="istri", who_en="wife"),
        ktp_el_on_file(f"{prefix}.ktp_husband", who_id="suami", who_en="husband"),
        ktp_el_on_file(f"{prefix}.ktp_wife", "partner", who_id="istri", who_en="wife"),
    )


def police_letter(code: str, basis: str = "Perpres 96/2018") -> Requirement:
    """The police letter on the loss of a document."""
    return Requirement(
        id=code,
        message_id="Surat keterangan kehilangan dari kepolisian belum ada.",
        message_en="The police letter on the loss is missing.",
        basis=basis,
        satisfied_by=(Evidence.POLICE_LETTER,),
    )


def copy_variants(
    prefix: str, name_id: str, name_en: str, *, reporter_kk: bool = True
) -> tuple[Variant, Variant]:
    """Variants for a second copy (kutipan kedua) of a lost or damaged document.

    They ask for the police letter on the loss, or the damaged copy, and the reporter's family
    card (unless the reporter has left the register).

    Perpres 96/2018 provides for issuing a certificate again; the exact list of papers is the
    office's (**unconfirmed**), so it is kept to the two that every office asks for.
    """
    kk = (kk_on_file(f"{prefix}.copy.kk", "applicant", who_id="pelapor", who_en="reporter"),)
    own = kk if reporter_kk else ()
    lost = Variant(
        "lost",
        f"{name_id} hilang (kutipan kedua)",
        f"{name_en} lost (second copy)",
        (police_letter(f"{prefix}.lost.police"), *own),
        reissue=True,
        standalone=True,
    )
    damaged = Variant(
        "damaged",
        f"{name_id} rusak (kutipan kedua)",
        f"{name_en} damaged (second copy)",
        (
            Requirement(
                id=f"{prefix}.damaged.document",
                message_id=f"{name_id} yang rusak belum diserahkan.",
                message_en=f"The damaged {name_en.lower()} has not been handed in.",
                basis="Perpres 96/2018",
                satisfied_by=(Evidence.DAMAGED_DOCUMENT,),
            ),
            *own,
        ),
        reissue=True,
        standalone=True,
    )
    return lost, damaged


_V = TypeVar("_V")
_Ev = TypeVar("_Ev", bound=Event)


def given(value: _V | None, name: str) -> _V:
    """``value``, or ``InvalidComponent`` naming the form field that does not give it."""
    if value is None:
        raise InvalidComponent(f"the form does not give {name}")
    return value


def build_event(code: str, kind: type[_Ev], values: dict[str, Any]) -> _Ev:
    """Build register event ``kind`` from ``values``; a wrong or missing detail is refused."""
    try:
        return kind(**values)
    except TypeError as exc:
        raise InvalidComponent(f"cannot build the register change of {code}: {exc}") from None


def couple_event(
    code: str, kind: type[_Ev], form: Form, on: datetime.date, details: dict[str, Any]
) -> _Ev:
    """A marriage or divorce of the subject (husband) and the partner (wife), from the form."""
    values = {"husband": given(form.subject, "subject"), "wife": given(form.partner, "partner")}
    return build_event(code, kind, {**values, **event_dates(form, on), **details})


def event_dates(form: Form, on: datetime.date) -> dict[str, Any]:
    """The dates of the register change: the event's date (or ``on``) and ``on`` as recorded."""
    return {"occurred_on": form.event_date or on, "recorded_on": on}
