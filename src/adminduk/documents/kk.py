"""Kartu Keluarga (KK, family card): new family, head died, change of data, lost, damaged, split.

Requirements: Perpres 96/2018 and Permendagri 108/2019 (post-2018 lists).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from adminduk.documents._base import Context, DocumentType, RegisterChange, Requirement, Variant
from adminduk.documents._common import (
    alive,
    form,
    kk_on_file,
    ktp_el_on_file,
    police_letter,
    subject_known,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.register.events import (
    DataCorrection,
    Death,
    FamilyRegistered,
    FamilySplit,
    Marriage,
    MoveWithin,
)

__all__ = ["KK"]


def _adult_or_married(context: Context) -> bool:
    # The KTP-el age rule (Pasal 63 UU 24/2013), defined once on Resident.
    person = context.subject
    return person is not None and person.must_hold_ktp_el(context.form.event_date or context.on)


def _not_for_the_dead_head(context: Context) -> bool:
    # A family whose head died asks a new card on the head's death: the rule is about the others.
    return context.form.variant != "head_died"


class KK(DocumentType):
    """The family card, reissued on every change of members or data."""

    code = "KK"
    subject_label = ("NIK kepala keluarga atau anggota keluarga", "NIK of the head or a member")
    # F-1.01: a new card's address and members are asked (the office records the change).
    details_in: ClassVar[Mapping[str, bool]] = {"new": False, "split": False}
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "new": RegisterChange(
            (Marriage, MoveWithin, FamilyRegistered),
            required=False,
            note="a new family, if not registered yet",
        ),
        "head_died": RegisterChange((Death,), required=False, note="if not registered yet"),
        "change": RegisterChange((DataCorrection,), required=False),
        # Perpres 96/2018: a split at the same address creates the new family's KK.
        "split": RegisterChange((FamilySplit,)),
    }
    name_id = "Kartu Keluarga"
    name_en = "Family card"
    legal_basis = ("UU 24/2013", "Perpres 96/2018", "Permendagri 108/2019")
    who_id = "kepala keluarga atau anggota keluarga yang berusia 17 tahun atau sudah kawin"
    who_en = "the head of family, or a member aged 17 or married"
    requirements: ClassVar[tuple[Requirement, ...]] = (
        attrs.evolve(alive("kk.alive"), applies=_not_for_the_dead_head),
        subject_known("kk.subject", "pemohon", "applicant"),
        form("kk.form", Evidence.FORM_F102, "F-1.02"),
    )
    variants = (
        Variant(
            "new",
            "Keluarga baru",
            "New family",
            (
                form("kk.new.biodata", Evidence.FORM_F101, "F-1.01"),
                # Perpres 96/2018: proof of marriage or divorce, or SPTJM F-1.05.
                Requirement(
                    id="kk.new.marriage",
                    message_id="Bukti perkawinan atau perceraian belum ada (atau SPTJM F-1.05).",
                    message_en="Proof of marriage or divorce is missing (or SPTJM F-1.05).",
                    basis="Perpres 96/2018",
                    satisfied_by=(
                        Evidence.MARRIAGE_PROOF,
                        Evidence.DIVORCE_PROOF,
                        Evidence.SPTJM_MARRIAGE,
                    ),
                ),
            ),
        ),
        Variant(
            "head_died",
            "Kepala keluarga meninggal",
            "Head of family died",
            (
                Requirement(
                    id="kk.head_died.death",
                    message_id="Kutipan akta kematian kepala keluarga belum ada.",
                    message_en="The head of family's death certificate is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.DEATH_CERTIFICATE,),
                ),
                kk_on_file("kk.head_died.old_kk"),
            ),
        ),
        Variant(
            "change",
            "Perubahan data",
            "Change of data",
            (
                kk_on_file("kk.change.old_kk"),
                Requirement(
                    id="kk.change.proof",
                    message_id="Dokumen bukti perubahan data belum ada.",
                    message_en="Proof of the changed data is missing.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.PROOF_OF_CHANGE,),
                ),
            ),
        ),
        Variant(
            "lost",
            "Hilang",
            "Lost",
            (
                police_letter("kk.lost.police"),
                ktp_el_on_file("kk.lost.ktp_el"),
            ),
            reissue=True,
        ),
        Variant(
            "damaged",
            "Rusak",
            "Damaged",
            (
                Requirement(
                    id="kk.damaged.document",
                    message_id="KK yang rusak belum diserahkan.",
                    message_en="The damaged KK has not been handed in.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.DAMAGED_DOCUMENT,),
                ),
                ktp_el_on_file("kk.damaged.ktp_el"),
            ),
            reissue=True,
        ),
        Variant(
            "split",
            "Pisah KK dalam satu alamat",
            "Split at the same address",
            (
                kk_on_file("kk.split.old_kk"),
                Requirement(
                    id="kk.split.eligible",
                    message_id="Pemohon pisah KK harus berusia 17 tahun atau sudah kawin.",
                    message_en="Who splits off must be 17 or married.",
                    basis="Perpres 96/2018",
                    met=_adult_or_married,
                    kind=FindingKind.INELIGIBLE,
                    summary_id="pemohon berusia 17 tahun atau sudah kawin",
                    summary_en="the applicant is 17 or married",
                ),
                ktp_el_on_file("kk.split.ktp_el"),
            ),
        ),
    )
