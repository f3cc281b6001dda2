"""Akta Kematian (death certificate), reported within 30 days (Pasal 44 UU 24/2013).

Requirements (Perpres 96/2018): the death letter (doctor, or village head; police for an unknown
identity; a court order for a missing person); the KK and KTP-el of the deceased; the reporter's KK.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

from adminduk.codes import LifeStatus
from adminduk.documents._base import Context, DocumentType, RegisterChange, Requirement, Variant
from adminduk.documents._common import (
    build_event,
    copy_variants,
    event_dates,
    given,
    kk_on_file,
    ktp_el_on_file,
    subject_known,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.form import Form
from adminduk.register.events import Death, Event

__all__ = ["AktaMati"]


def _not_yet_dead(context: Context) -> bool:
    person = context.subject
    return person is None or person.life_status is not LifeStatus.DEAD


class AktaMati(DocumentType):
    """The death certificate (kutipan akta kematian)."""

    code = "AKTA-MATI"
    name_id = "Kutipan Akta Kematian"
    name_en = "Death certificate"
    legal_basis = ("Pasal 44 UU 24/2013", "Perpres 96/2018")
    who_id = "keluarga atau pelapor"
    who_en = "a relative or another reporter"
    deadline_days = 30  # Pasal 44(1) UU 24/2013
    # Pasal 44 UU 24/2013.
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "standard": RegisterChange((Death,)),
        "missing_person": RegisterChange((Death,)),
    }

    subject_label = ("NIK yang meninggal", "NIK of the deceased")
    applicant_label = ("NIK pelapor", "Reporter's NIK")
    event_label = ("Tanggal meninggal", "Date of death")
    # A body not identified has no NIK on the form.
    unnamed = frozenset({"unknown_identity"})
    # F-2.01: the death is reported with its place and cause (a missing person's may be unknown).
    details_in: ClassVar[Mapping[str, bool]] = {
        "standard": True,
        "unknown_identity": True,
        "missing_person": False,
    }

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The ``Death`` of the subject on the form's event date."""
        values = {"nik": given(form.subject, "subject"), **event_dates(form, on)}
        return build_event(cls.code, Death, {**values, **details})

    issued_with = ("KK",)
    requirements: ClassVar[tuple[Requirement, ...]] = (
        subject_known("akta-mati.subject", "yang meninggal", "deceased"),
        # A death is registered once: for the dead, a second copy or a correction remains.
        Requirement(
            id="akta-mati.already_registered",
            message_id=(
                "Kematian ini sudah tercatat: ajukan salinan akta (hilang atau rusak) atau "
                "perbaikan data."
            ),
            message_en=(
                "This death is already registered: ask for a copy of the certificate (lost or "
                "damaged) or a correction."
            ),
            basis="Pasal 44 UU 24/2013",
            met=_not_yet_dead,
            kind=FindingKind.INELIGIBLE,
            summary_id="kematiannya belum tercatat",
            summary_en="whose death is not yet registered",
        ),
        kk_on_file("akta-mati.kk", who_id="yang meninggal", who_en="deceased"),
        ktp_el_on_file("akta-mati.ktp_el", who_id="yang meninggal", who_en="deceased"),
        kk_on_file("akta-mati.reporter_kk", "applicant", who_id="pelapor", who_en="reporter"),
    )
    variants = (
        Variant(
            "standard",
            "Kematian",
            "Death",
            (
                Requirement(
                    id="akta-mati.death_letter",
                    message_id="Surat keterangan kematian dari dokter atau kepala desa belum ada.",
                    message_en="The death letter from a doctor or the village head is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.DEATH_LETTER,),
                ),
            ),
        ),
        Variant(
            "unknown_identity",
            "Identitas tidak diketahui",
            "Unknown identity",
            (
                Requirement(
                    id="akta-mati.police",
                    message_id="Surat keterangan dari kepolisian belum ada.",
                    message_en="The police statement is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.POLICE_REPORT,),
                ),
            ),
        ),
        Variant(
            "missing_person",
            "Orang hilang",
            "Missing person",
            (
                Requirement(
                    id="akta-mati.court",
                    message_id="Penetapan pengadilan tentang orang hilang belum ada.",
                    message_en="The court order on the missing person is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.COURT_DECISION,),
                ),
            ),
        ),
        *copy_variants("akta-mati", "Kutipan akta kematian", "Death certificate"),
    )
