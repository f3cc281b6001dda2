"""Akta Perkawinan (marriage certificate) for non-Muslim marriages.

Muslim marriages are registered by the KUA, which sends the data within 10 days (UU 23/2006
Pasal 34(4)-(6)). Reported within 60 days (Pasal 34 UU 23/2006). Minimum age 19 for both; under
19 needs a court dispensation (UU 16/2019); under 21 needs the parents' consent (UU 1/1974).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

from adminduk.codes import MaritalStatus, Religion, Sex
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
    form,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.form import Form
from adminduk.documents.reports import MarriageReport
from adminduk.register.events import Event, Marriage

__all__ = ["MARRIAGE_AGE", "PARENTS_CONSENT_AGE", "AktaKawin"]

#: Minimum marriage age for both spouses (UU 16/2019).
MARRIAGE_AGE = 19
#: Under this age a spouse needs the parents' consent (Pasal 6 UU 1/1974).
PARENTS_CONSENT_AGE = 21


def _youngest_age(context: Context) -> int | None:
    ages = [context.age(p) for p in (context.subject, context.partner) if p is not None]
    known = [age for age in ages if age is not None]
    return min(known) if known else None


def _status(wanted: MaritalStatus) -> object:
    def rule(context: Context) -> bool:
        return any(
            p is not None and p.marital_status is wanted
            for p in (context.subject, context.partner)
        )

    return rule


def _free_to_marry(context: Context) -> bool:
    return not any(
        p is not None and p.marital_status.is_married for p in (context.subject, context.partner)
    )


def _not_an_islamic_rite(context: Context) -> bool:
    report = context.form.details
    return not (isinstance(report, MarriageReport) and report.religion is Religion.ISLAM)


def _not_both_muslim(context: Context) -> bool:
    people = [p for p in (context.subject, context.partner) if p is not None]
    return not (len(people) == 2 and all(p.religion is Religion.ISLAM for p in people))


class AktaKawin(DocumentType):
    """The marriage certificate (kutipan akta perkawinan) of a non-Muslim marriage."""

    code = "AKTA-KAWIN"
    name_id = "Kutipan Akta Perkawinan"
    name_en = "Marriage certificate"
    legal_basis = ("Pasal 34 UU 23/2006", "UU 16/2019", "Perpres 96/2018")
    who_id = "kedua mempelai"
    who_en = "both spouses"
    deadline_days = 60  # Pasal 34(1) UU 23/2006
    # Pasal 34 UU 23/2006.
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "standard": RegisterChange((Marriage,))
    }

    subject_label = ("NIK calon suami", "Groom's NIK")
    partner_label = ("NIK calon istri", "Bride's NIK")
    event_label = ("Tanggal perkawinan", "Date of the marriage")
    partner_in = frozenset({"standard"})
    # F-2.12: the marriage is reported with its place, rite, officiant and two witnesses.
    details_in: ClassVar[Mapping[str, bool]] = {"standard": True}

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The ``Marriage`` of the subject (husband) and the partner (wife)."""
        return couple_event(cls.code, Marriage, form, on, details)

    # Pasal 34 UU 23/2006; UU 1/1974: a marriage of a man and a woman.
    parties: ClassVar[tuple[Party, ...]] = (
        Party("subject", "calon suami", "groom", Sex.MALE, "Pasal 34 UU 23/2006"),
        Party("partner", "calon istri", "bride", Sex.FEMALE, "Pasal 34 UU 23/2006"),
    )
    issued_with = ("KK",)
    requirements: ClassVar[tuple[Requirement, ...]] = (
        alive("akta-kawin.alive", who_id="calon suami", who_en="groom"),
        alive("akta-kawin.partner_alive", "partner", who_id="calon istri", who_en="bride"),
        *couple_on_file("akta-kawin")[:2],
        Requirement(
            id="akta-kawin.kua",
            message_id="Perkawinan pasangan beragama Islam dicatat oleh KUA, bukan Disdukcapil.",
            message_en="A marriage of two Muslims is registered by the KUA, not this office.",
            basis="Pasal 34 UU 23/2006",
            met=_not_both_muslim,
            kind=FindingKind.INVALID,
        ),
        # Pasal 34(4) UU 23/2006: the KUA registers a marriage by Islamic rite, whoever marries.
        Requirement(
            id="akta-kawin.rite",
            message_id="Perkawinan secara agama Islam dicatat oleh KUA, bukan Disdukcapil.",
            message_en="A marriage by Islamic rite is registered by the KUA, not this office.",
            basis="Pasal 34 UU 23/2006",
            met=_not_an_islamic_rite,
            kind=FindingKind.INVALID,
            field="details.religion",
        ),
        Requirement(
            id="akta-kawin.free",
            message_id="Salah satu calon mempelai masih berstatus kawin.",
            message_en="One of the spouses is still married.",
            basis="UU 1/1974",
            met=_free_to_marry,
            kind=FindingKind.INELIGIBLE,
            summary_id="kedua calon mempelai tidak sedang terikat perkawinan",
            summary_en="neither spouse is married",
        ),
        Requirement(
            id="akta-kawin.minimum_age",
            message_id="Usia minimal perkawinan 19 tahun: perlu dispensasi kawin dari pengadilan.",
            message_en="The minimum marriage age is 19: a court dispensation is needed.",
            basis="UU 16/2019",
            satisfied_by=(Evidence.COURT_DISPENSATION,),
            applies=lambda context: (_youngest_age(context) or MARRIAGE_AGE) < MARRIAGE_AGE,
            kind=FindingKind.INELIGIBLE,
            summary_id="usia minimal 19 tahun, atau dispensasi kawin dari pengadilan",
            summary_en="both 19 or older, or a court dispensation",
        ),
        Requirement(
            id="akta-kawin.parents_consent",
            message_id="Calon mempelai di bawah 21 tahun memerlukan izin orang tua.",
            message_en="A spouse under 21 needs the parents' consent.",
            basis="Pasal 6 UU 1/1974",
            satisfied_by=(Evidence.PARENTS_CONSENT,),
            summary_id="izin orang tua bagi calon mempelai di bawah 21 tahun",
            summary_en="parents' consent for a spouse under 21",
            applies=lambda context: (
                (_youngest_age(context) or PARENTS_CONSENT_AGE) < PARENTS_CONSENT_AGE
            ),
        ),
        Requirement(
            id="akta-kawin.religious_statement",
            message_id="Surat keterangan perkawinan dari pemuka agama belum ada.",
            message_en="The religious leader's marriage statement is missing.",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.RELIGIOUS_STATEMENT,),
        ),
        Requirement(
            id="akta-kawin.photos",
            message_id="Pas foto berdampingan belum ada.",
            message_en="The photographs of the couple are missing.",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.PHOTOS,),
        ),
        *couple_on_file("akta-kawin")[2:],
        Requirement(
            id="akta-kawin.widowed",
            message_id="Kutipan akta kematian pasangan terdahulu belum ada.",
            message_en="The former spouse's death certificate is missing.",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.DEATH_CERTIFICATE,),
            summary_id="kutipan akta kematian pasangan terdahulu, bagi janda atau duda",
            summary_en="the former spouse's death certificate, if widowed",
            applies=_status(MaritalStatus.WIDOWED),  # type: ignore[arg-type]
        ),
        Requirement(
            id="akta-kawin.divorced",
            message_id="Kutipan akta perceraian belum ada.",
            message_en="The divorce certificate is missing.",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.DIVORCE_PROOF,),
            summary_id="kutipan akta perceraian, bagi yang pernah bercerai",
            summary_en="the divorce certificate, if divorced",
            applies=_status(MaritalStatus.DIVORCED),  # type: ignore[arg-type]
        ),
        form("akta-kawin.form", Evidence.FORM_F212, "F-2.12", carried=True),
        Requirement(
            id="akta-kawin.witnesses",
            message_id="Dua orang saksi belum ada.",
            message_en="Two witnesses are missing.",
            basis="Perpres 96/2018",
            satisfied_by=(Evidence.WITNESSES,),
        ),
    )
    variants = (
        Variant("standard", "Perkawinan", "Marriage", ()),
        *copy_variants("akta-kawin", "Kutipan akta perkawinan", "Marriage certificate"),
    )
