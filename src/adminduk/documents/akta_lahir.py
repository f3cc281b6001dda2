"""Akta Kelahiran (birth certificate), with the new KK and KIA issued together.

Reported within 60 days (Pasal 27 UU 24/2013). Requirements (Perpres 96/2018): form F-2.01;
the birth letter, or SPTJM F-2.03 with two witnesses; the parents' marriage proof, or SPTJM
F-2.04 with two witnesses (the certificate then names the marriage as not registered); the KK
the child joins. A child of unknown origin needs a police report. An SPTJM is signed with its two
witnesses, so the SPTJM evidence includes them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

from adminduk.codes import MaritalStatus, Sex
from adminduk.documents._base import (
    Context,
    DocumentType,
    Party,
    RegisterChange,
    Requirement,
    Variant,
)
from adminduk.documents._common import (
    build_event,
    copy_variants,
    event_dates,
    form,
    given,
    kk_on_file,
)
from adminduk.documents._vocabulary import Evidence
from adminduk.documents.form import Form
from adminduk.documents.reports import BirthReport
from adminduk.register.events import Birth, Event, FamilyRegistered

__all__ = ["AktaLahir"]


def _parents_registered_married(context: Context) -> bool:
    mother, father = context.subject, context.partner
    return (
        mother is not None
        and father is not None
        and context.registry.find_spouse(mother.nik) == father.nik
        and mother.marital_status is MaritalStatus.MARRIED
    )


_BIRTH = "Pasal 27 UU 24/2013"
#: A child of unknown origin has no parents on the form.
_NAMED = frozenset({"standard"})


class AktaLahir(DocumentType):
    """The birth certificate (kutipan akta kelahiran)."""

    code = "AKTA-LAHIR"
    name_id = "Kutipan Akta Kelahiran"
    name_en = "Birth certificate"
    legal_basis = ("Pasal 27 UU 24/2013", "Perpres 96/2018")
    who_id = "orang tua, keluarga, atau pelapor dengan dua saksi"
    who_en = "a parent, a relative, or another reporter with two witnesses"
    deadline_days = 60  # Pasal 27(1) UU 24/2013
    # Pasal 27 UU 24/2013.
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "standard": RegisterChange((Birth,)),
        "unknown_origin": RegisterChange((FamilyRegistered,), required=False),
    }

    subject_label = ("NIK ibu anak", "Mother's NIK")
    partner_label = ("NIK ayah anak", "Father's NIK")
    applicant_label = ("NIK pelapor", "Reporter's NIK")
    event_label = ("Tanggal lahir anak", "Child's date of birth")
    # A child of unknown origin has no parents on the form.
    unnamed = frozenset({"unknown_origin"})
    # F-2.01: the birth is reported with the child's data (a foundling's too, as found).
    details_in: ClassVar[Mapping[str, bool]] = {"standard": True, "unknown_origin": True}

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The ``Birth`` the form's report describes (mother: subject; father: partner).

        A child of unknown origin is registered by the office (a new family), not from the form.
        """
        if form.variant == "unknown_origin":
            return super().event_for(form, on=on, **details)
        report = given(form.details, "details (the birth report)")
        assert isinstance(report, BirthReport)  # a Form checks its part's type
        values = {
            "name": report.child_name,
            "sex": report.child_sex,
            "birth_place": report.birth_place,
            "mother": form.subject,
            "father": form.partner,
        }
        return build_event(cls.code, Birth, {**values, **event_dates(form, on), **details})

    # Pasal 27 UU 24/2013; the Birth names the subject as mother and the partner as father.
    parties: ClassVar[tuple[Party, ...]] = (
        Party("subject", "ibu anak", "child's mother", Sex.FEMALE, _BIRTH, _NAMED),
        Party("partner", "ayah anak", "child's father", Sex.MALE, _BIRTH, _NAMED),
    )
    issued_with = ("KK", "KIA")
    substitutes: ClassVar[dict[Evidence, tuple[Evidence, ...]]] = {
        Evidence.SPTJM_BIRTH: (Evidence.BIRTH_LETTER,),
        Evidence.SPTJM_PARENTS_MARRIAGE: (Evidence.MARRIAGE_PROOF,),
    }
    requirements: ClassVar[tuple[Requirement, ...]] = (
        form("akta-lahir.form", Evidence.FORM_F201, "F-2.01", carried=True),
        kk_on_file("akta-lahir.kk", who_id="ibu/orang tua", who_en="mother"),
    )
    variants = (
        Variant(
            "standard",
            "Kelahiran",
            "Birth",
            (
                # Perpres 96/2018: birth letter, or SPTJM F-2.03 with two witnesses.
                Requirement(
                    id="akta-lahir.birth_letter",
                    message_id="Surat keterangan kelahiran belum ada (atau SPTJM F-2.03 dengan dua saksi).",
                    message_en="The birth letter is missing (or SPTJM F-2.03 with two witnesses).",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.BIRTH_LETTER, Evidence.SPTJM_BIRTH),
                ),
                # Perpres 96/2018: parents' marriage proof, or SPTJM F-2.04 with two witnesses.
                Requirement(
                    id="akta-lahir.marriage",
                    message_id="Bukti perkawinan orang tua belum ada (atau SPTJM F-2.04 dengan dua saksi).",
                    message_en="The parents' marriage proof is missing (or SPTJM F-2.04 with two witnesses).",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.MARRIAGE_PROOF, Evidence.SPTJM_PARENTS_MARRIAGE),
                    met=_parents_registered_married,
                ),
            ),
        ),
        Variant(
            "unknown_origin",
            "Anak tidak diketahui asal usulnya",
            "Child of unknown origin",
            (
                Requirement(
                    id="akta-lahir.police_report",
                    message_id="Berita acara dari kepolisian belum ada.",
                    message_en="The police report is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.POLICE_REPORT,),
                ),
            ),
        ),
        *copy_variants("akta-lahir", "Kutipan akta kelahiran", "Birth certificate"),
    )
