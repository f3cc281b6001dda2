"""Akta Perceraian (divorce certificate), after a final (inkracht) court decision.

Reported within 60 days of the decision (Pasal 40 UU 23/2006). Requirements (Perpres 96/2018):
the decision; the marriage certificate (withdrawn by the office); KK and KTP-el of both.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from adminduk.codes import LifeStatus, Sex
from adminduk.documents._base import (
    Context,
    DocumentType,
    Party,
    RegisterChange,
    Requirement,
    Variant,
)
from adminduk.documents._common import (
    alive,
    copy_variants,
    couple_event,
    couple_on_file,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.form import Form
from adminduk.register.events import Divorce, Event

__all__ = ["AktaCerai"]


def _married_to_each_other(context: Context) -> bool:
    subject, partner = context.form.subject, context.form.partner
    return subject is not None and context.registry.find_spouse(subject) == partner


def _neither_dead_and_one_here(context: Context) -> bool:
    people = [p for p in (context.subject, context.partner) if p is not None]
    if any(p.life_status is LifeStatus.DEAD for p in people):
        return False
    return len(people) < 2 or any(p.is_alive for p in people)


class AktaCerai(DocumentType):
    """The divorce certificate (kutipan akta perceraian)."""

    code = "AKTA-CERAI"
    name_id = "Kutipan Akta Perceraian"
    name_en = "Divorce certificate"
    legal_basis = ("Pasal 40 UU 23/2006", "Perpres 96/2018")
    who_id = "salah satu pihak yang bercerai"
    who_en = "either former spouse"
    deadline_days = 60  # Pasal 40(1) UU 23/2006, from the final decision
    # Pasal 40 UU 23/2006.
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "standard": RegisterChange((Divorce,))
    }

    subject_label = ("NIK suami", "Husband's NIK")
    partner_label = ("NIK istri", "Wife's NIK")
    event_label = (
        "Tanggal putusan berkekuatan hukum tetap",
        "Day the court decision became final",
    )
    partner_in = frozenset({"standard"})
    # F-2.01: the divorce is reported with the court and its decision.
    details_in: ClassVar[Mapping[str, bool]] = {"standard": True}

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The ``Divorce`` of the subject (husband) and the partner (wife)."""
        return couple_event(cls.code, Divorce, form, on, details)

    # Pasal 40 UU 23/2006: the divorce of the husband and the wife of a registered marriage.
    parties: ClassVar[tuple[Party, ...]] = (
        Party("subject", "suami", "husband", Sex.MALE, "Pasal 40 UU 23/2006"),
        Party("partner", "istri", "wife", Sex.FEMALE, "Pasal 40 UU 23/2006"),
    )
    issued_with = ("KK",)
    requirements: ClassVar[tuple[Requirement, ...]] = (
        # Pasal 44 UU 24/2013: after a death the marriage has ended (cerai mati); Pasal 25
        # Perpres 96/2018: a spouse who moved out leaves the divorce to the one who stayed.
        attrs.evolve(
            alive("akta-cerai.alive", who_id="salah satu pihak", who_en="either spouse"),
            met=_neither_dead_and_one_here,
            message_id=(
                "Salah satu pihak tercatat meninggal dunia (perkawinan sudah berakhir), atau "
                "keduanya sudah pindah ke luar daerah."
            ),
            message_en=(
                "A spouse is recorded as dead (the marriage has already ended), or both have "
                "moved out of the area."
            ),
        ),
        *couple_on_file("akta-cerai"),
        Requirement(
            id="akta-cerai.married",
            message_id="Kedua pihak tidak tercatat sebagai suami istri.",
            message_en="The two are not registered as married to each other.",
            basis="Pasal 40 UU 23/2006",
            met=_married_to_each_other,
            kind=FindingKind.INELIGIBLE,
            summary_id="kedua pihak tercatat sebagai suami istri",
            summary_en="the two are registered as married to each other",
        ),
        Requirement(
            id="akta-cerai.decision",
            message_id="Putusan pengadilan yang berkekuatan hukum tetap belum ada.",
            message_en="The final court decision is missing.",
            basis="Pasal 40 UU 23/2006",
            satisfied_by=(Evidence.COURT_DECISION,),
        ),
        Requirement(
            id="akta-cerai.marriage_certificate",
            message_id="Kutipan akta perkawinan belum diserahkan (akan ditarik).",
            message_en="The marriage certificate has not been handed in (it is withdrawn).",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.MARRIAGE_PROOF,),
        ),
    )
    variants = (
        Variant("standard", "Perceraian", "Divorce", ()),
        *copy_variants("akta-cerai", "Kutipan akta perceraian", "Divorce certificate"),
    )
