"""KTP-el (electronic ID card): new, arrival from another regency, change of data, lost, damaged.

Requirements: Pasal 63-64 UU 24/2013, Perpres 96/2018. The card is valid for life.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from adminduk.codes import KTPElStatus
from adminduk.documents._base import Context, DocumentType, RegisterChange, Requirement, Variant
from adminduk.documents._common import (
    alive,
    form,
    kk_on_file,
    police_letter,
    subject_known,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.register.events import DataCorrection
from adminduk.register.issued import IssuedKTPEl

__all__ = ["KTPEl"]


def _eligible(context: Context) -> bool:
    person = context.subject
    return person is not None and person.must_hold_ktp_el(context.on)


def _recorded(context: Context) -> bool:
    person = context.subject
    return person is not None and person.ktp_el_status.is_recorded


_HELD = frozenset({KTPElStatus.PRINTED, KTPElStatus.SHIPPED, KTPElStatus.ISSUED})


def _no_card_yet(context: Context) -> bool:
    """Whether the subject holds no KTP-el yet (by the register's card status or records)."""
    person = context.subject
    if person is None:
        return True
    documents = context.registry.documents_of(person.nik)
    return person.ktp_el_status not in _HELD and not any(
        isinstance(record, IssuedKTPEl) for record in documents
    )


def _card_on_record(code: str) -> Requirement:
    """A replacement or a change needs a card to replace: biometrics recorded, or one printed.

    Pasal 64 UU 24/2013: a KTP-el is printed from recorded biometrics. A resident with none on
    record has nothing to replace and is told to apply for a new KTP-el, at filing, rather than
    file something that passes verification and can never be printed.
    """
    return Requirement(
        id=code,
        message_id=(
            "Belum ada KTP-el yang tercatat untuk pemohon: ajukan KTP-el baru (perekaman "
            "biometrik)."
        ),
        message_en=(
            "No KTP-el is on record for the applicant: apply for a new KTP-el (biometric "
            "recording)."
        ),
        basis="Pasal 64 UU 24/2013",
        met=_card_recorded,
        applies=lambda context: context.subject is not None,
        kind=FindingKind.INELIGIBLE,
        summary_id="sudah memiliki KTP-el (biometrik terekam)",
        summary_en="holds a KTP-el (biometrics recorded)",
    )


def _card_recorded(context: Context) -> bool:
    return _recorded(context) or not _no_card_yet(context)


def _police_or_old_card(code: str) -> Requirement:
    return Requirement(
        id=code,
        message_id="KTP-el lama atau surat kehilangan dari kepolisian belum ada.",
        message_en="The old KTP-el or a police letter on its loss is missing.",
        basis="Perpres 96/2018",
        satisfied_by=(Evidence.OLD_KTP_EL, Evidence.POLICE_LETTER),
    )


class KTPEl(DocumentType):
    """The electronic ID card, for citizens aged 17+ or married or ever married."""

    code = "KTP-el"
    name_id = "Kartu Tanda Penduduk elektronik"
    name_en = "Electronic ID card"
    legal_basis = ("Pasal 63 UU 24/2013", "Perpres 96/2018")
    who_id = "penduduk berusia 17 tahun atau sudah kawin atau pernah kawin"
    who_en = "residents aged 17, or married or ever married"
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "change": RegisterChange((DataCorrection,), required=False)
    }
    requirements: ClassVar[tuple[Requirement, ...]] = (
        alive("ktp-el.alive"),
        subject_known("ktp-el.subject", "pemohon", "applicant"),
        # Pasal 63(1) UU 24/2013: aged 17, or married or ever married.
        Requirement(
            id="ktp-el.eligible",
            message_id="Pemohon belum wajib KTP-el: belum berusia 17 tahun dan belum pernah kawin.",
            message_en="Not yet required to hold a KTP-el: under 17 and never married.",
            basis="Pasal 63 UU 24/2013",
            met=_eligible,
            applies=lambda context: context.subject is not None,
            kind=FindingKind.INELIGIBLE,
            summary_id="berusia 17 tahun, atau sudah kawin atau pernah kawin",
            summary_en="aged 17, or married or ever married",
        ),
        kk_on_file("ktp-el.kk"),
    )
    variants = (
        Variant(
            "new",
            "Baru",
            "New",
            (
                # Pasal 63(6) UU 24/2013: a resident holds one KTP-el; a new one replaces it.
                Requirement(
                    id="ktp-el.new.first",
                    message_id=(
                        "Pemohon sudah memiliki KTP-el: ajukan penggantian (hilang, rusak atau "
                        "perubahan data)."
                    ),
                    message_en=(
                        "Already holds a KTP-el: apply for a replacement (lost, damaged or "
                        "change of data)."
                    ),
                    basis="Pasal 63 UU 24/2013",
                    met=_no_card_yet,
                    kind=FindingKind.INELIGIBLE,
                    summary_id="belum memiliki KTP-el",
                    summary_en="holds no KTP-el yet",
                ),
                form("ktp-el.new.form", Evidence.FORM_F102, "F-1.02"),
                Requirement(
                    id="ktp-el.new.biometrics",
                    message_id="Perekaman biometrik belum dilakukan: datang ke kantor atau minta jemput bola.",
                    message_en="Biometrics not recorded yet: come to the office or ask for an outreach visit.",
                    basis="Pasal 64 UU 24/2013",
                    satisfied_by=(Evidence.BIOMETRICS,),
                    met=_recorded,
                ),
            ),
        ),
        Variant(
            "arrival",
            "Pindah datang",
            "Arrival from another regency",
            (
                Requirement(
                    id="ktp-el.arrival.skpwni",
                    message_id="Surat keterangan pindah (SKPWNI) belum ada.",
                    message_en="The moving letter (SKPWNI) is missing.",
                    basis="Pasal 25 Perpres 96/2018",
                    satisfied_by=(Evidence.SKPWNI,),
                ),
                _police_or_old_card("ktp-el.arrival.old_card"),
            ),
        ),
        Variant(
            "change",
            "Perubahan data",
            "Change of data",
            (
                _card_on_record("ktp-el.change.card"),
                Requirement(
                    id="ktp-el.change.old_card",
                    message_id="KTP-el lama belum diserahkan.",
                    message_en="The old KTP-el has not been handed in.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.OLD_KTP_EL,),
                ),
                Requirement(
                    id="ktp-el.change.proof",
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
            (_card_on_record("ktp-el.lost.card"), police_letter("ktp-el.lost.police")),
            reissue=True,
        ),
        Variant(
            "damaged",
            "Rusak",
            "Damaged",
            (
                _card_on_record("ktp-el.damaged.record"),
                Requirement(
                    id="ktp-el.damaged.card",
                    message_id="KTP-el yang rusak belum diserahkan.",
                    message_en="The damaged KTP-el has not been handed in.",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.DAMAGED_DOCUMENT,),
                ),
            ),
            reissue=True,
        ),
    )
