"""Perbaikan data (corrections): the routes the law gives to put a resident's data right.

- **Pembetulan** (``clerical``): a clerical error, letters or numbers, corrected by the civil
  registration official on request or on the office's own initiative (Pasal 71 UU 24/2013;
  Perpres 96/2018 Pasal 59), on an authentic document that shows the right data.
- **Perubahan data** (``change``): data changed on its legal basis: a change of name on a court
  decision (Pasal 52 UU 23/2006), other data (a birth date from a diploma) on the document that
  proves it, with form F-1.02 (Permendagri 108/2019).
- **Pembatalan** (``annulment``): a civil registration certificate annulled, only on a final
  court decision (Pasal 72 UU 23/2006; Perpres 96/2018).

The form carries what is asked (:class:`~adminduk.documents.details.CorrectionRequest`). The
workflow has an official other than the requester approve it (four eyes); issuing applies the
correction to the register (:class:`~adminduk.register.events.DataCorrection`, which keeps the
old values) or withdraws the certificate (:class:`~adminduk.register.events.DocumentWithdrawn`),
and reprints every document in force that printed what changed, certificates with a margin note
(:mod:`adminduk.documents.reprinting`). Which office level approves which route, and any fee, are
**unconfirmed**: office policy (the workflow's approvers; all services are free, Pasal 79A).
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from typing import Any, ClassVar

from adminduk.documents._base import Context, DocumentType, RegisterChange, Requirement, Variant
from adminduk.documents._common import event_dates, form, given, subject_known
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.details import CorrectionRequest
from adminduk.documents.form import Form
from adminduk.errors import InvalidComponent
from adminduk.register.events import DataCorrection, DocumentWithdrawn, Event

__all__ = ["CLERICAL_NAME_SIMILARITY", "PerbaikanData"]

#: How alike a name must stay for its correction to count as clerical (difflib's ratio): a
#: letter or two, not another name. What is a clerical error is the official's judgement
#: (**unconfirmed**); this sends a whole new name to the route with a court decision.
CLERICAL_NAME_SIMILARITY = 0.75


def _request(context: Context) -> CorrectionRequest | None:
    details = context.form.details
    return details if isinstance(details, CorrectionRequest) else None


def _well_formed(context: Context) -> bool:
    request = _request(context)
    # The part itself holds what each route needs (checked when the form is made); an
    # annulment withdraws a certificate and changes no field besides.
    return request is None or context.form.variant != "annulment" or not request.changes


def _something_changes(context: Context) -> bool:
    request, person = _request(context), context.subject
    if request is None or person is None or not request.changes:
        return True  # told by the rows about the request and the person
    return any(getattr(person, name) != value for name, value in request.corrected().items())


def _certificate_in_force(context: Context) -> bool:
    request, person = _request(context), context.subject
    if request is None or request.certificate is None or request.number is None or person is None:
        return True
    registry = context.registry
    printed = registry.printings(request.certificate, request.number)
    return (
        bool(printed)
        and person.nik in printed[-1].holders
        and registry.withdrawal(request.certificate, request.number) is None
    )


def _clerical_name(context: Context) -> bool:
    request, person = _request(context), context.subject
    if request is None or person is None:
        return True
    corrected = dict(request.changes).get("name")
    if corrected is None:
        return True
    ratio = difflib.SequenceMatcher(None, person.name.lower(), corrected.lower()).ratio()
    return ratio >= CLERICAL_NAME_SIMILARITY


def _changes_name(context: Context) -> bool:
    request = _request(context)
    return request is not None and any(name == "name" for name, _ in request.changes)


def _changes_more_than_the_name(context: Context) -> bool:
    request = _request(context)
    return request is not None and any(name != "name" for name, _ in request.changes)


_BASIS_CLERICAL = "Pasal 71 UU 24/2013; Perpres 96/2018 Pasal 59"
_BASIS_NAME = "Pasal 52 UU 23/2006"
_BASIS_ANNULMENT = "Pasal 72 UU 23/2006; Perpres 96/2018"


class PerbaikanData(DocumentType):
    """A correction of a resident's data or certificate, by one of the law's three routes."""

    code = "PERBAIKAN-DATA"
    name_id = "Perbaikan data kependudukan dan pencatatan sipil"
    name_en = "Correction of population and civil registration data"
    legal_basis = (_BASIS_CLERICAL, _BASIS_NAME, _BASIS_ANNULMENT)
    who_id = "penduduk yang datanya salah atau anggota keluarganya yang dewasa; atau petugas"
    who_en = "the resident whose data is wrong or an adult of their family; or the office itself"
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "clerical": RegisterChange((DataCorrection,)),
        "change": RegisterChange((DataCorrection,)),
        "annulment": RegisterChange((DocumentWithdrawn,)),
    }
    subject_label = ("NIK yang datanya diperbaiki", "NIK of the person whose data is corrected")
    # F-1.02: every route names what it corrects (the part is required on each).
    details_in: ClassVar[Mapping[str, bool]] = {
        "clerical": True,
        "change": True,
        "annulment": True,
    }
    # What a correction prints again, when it printed an old value (it prints nothing itself).
    issued_with = ("KK", "KTP-el", "KIA", "AKTA-LAHIR", "AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI")

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The ``DataCorrection`` the request asks for, or the certificate's ``DocumentWithdrawn``.

        A correction takes effect on the day it is issued.
        """
        request = form.details
        if not isinstance(request, CorrectionRequest):
            raise InvalidComponent("a correction form carries its CorrectionRequest as details")
        dates = {**event_dates(form, on), "occurred_on": on, "recorded_on": on}
        if form.variant == "annulment":
            values: dict[str, Any] = {
                "document": given(request.certificate, "the certificate's document code"),
                "number": given(request.number, "the certificate's number"),
                "basis": request.reason or "putusan pengadilan",
                **dates,
            }
            return DocumentWithdrawn(**{**values, **details})
        corrected = {"nik": given(form.subject, "subject"), **request.corrected(), **dates}
        return DataCorrection(**{**corrected, **details})

    requirements: ClassVar[tuple[Requirement, ...]] = (
        subject_known("perbaikan-data.subject", "yang datanya diperbaiki", "person concerned"),
        Requirement(
            id="perbaikan-data.request",
            message_id=(
                "Pembatalan akta tidak mengubah isian data: hapus data yang diperbaiki, atau "
                "ajukan pembetulan atau perubahan."
            ),
            message_en=(
                "An annulment withdraws a certificate and corrects no field: leave the changes "
                "out, or ask for a clerical correction or a change."
            ),
            basis="Pasal 72 UU 23/2006",
            met=_well_formed,
            kind=FindingKind.INVALID,
            field="details.changes",
        ),
        Requirement(
            id="perbaikan-data.unchanged",
            message_id="Data kependudukan sudah memuat nilai yang diminta: tidak ada yang diperbaiki.",
            message_en="The register already holds the values asked for: nothing to correct.",
            basis="Permendagri 108/2019",
            met=_something_changes,
            kind=FindingKind.INVALID,
        ),
        Requirement(
            id="perbaikan-data.certificate",
            message_id=(
                "Akta yang disebut tidak tercatat atas nama yang bersangkutan atau sudah tidak "
                "berlaku."
            ),
            message_en="The certificate named is not on record for this person, or not in force.",
            basis="Perpres 96/2018",
            met=_certificate_in_force,
            kind=FindingKind.INVALID,
        ),
    )
    variants = (
        Variant(
            "clerical",
            "Pembetulan (salah tulis)",
            "Clerical error",
            (
                Requirement(
                    id="perbaikan-data.clerical.proof",
                    message_id=(
                        "Dokumen autentik yang memuat data yang benar belum ada (misalnya akta "
                        "kelahiran atau ijazah)."
                    ),
                    message_en=(
                        "An authentic document showing the right data is missing (a birth "
                        "certificate or a diploma, say)."
                    ),
                    basis=_BASIS_CLERICAL,
                    satisfied_by=(Evidence.PROOF_OF_CHANGE,),
                ),
                Requirement(
                    id="perbaikan-data.clerical.document",
                    message_id="Dokumen yang memuat kesalahan belum diserahkan.",
                    message_en="The document with the error has not been handed in.",
                    basis=_BASIS_CLERICAL,
                    satisfied_by=(Evidence.ERRONEOUS_DOCUMENT,),
                ),
                Requirement(
                    id="perbaikan-data.clerical.name",
                    message_id=(
                        "Nama diganti lebih dari salah ketik: ajukan perubahan data dengan "
                        "penetapan pengadilan."
                    ),
                    message_en=(
                        "The name changes more than a typing error: apply for a change of data "
                        "with a court decision."
                    ),
                    basis=_BASIS_NAME,
                    met=_clerical_name,
                    kind=FindingKind.INELIGIBLE,
                    summary_id="kesalahan tulis (huruf atau angka)",
                    summary_en="a clerical error (letters or numbers)",
                ),
            ),
        ),
        Variant(
            "change",
            "Perubahan data (dengan dasar hukum)",
            "Change of data (on its legal basis)",
            (
                form("perbaikan-data.change.form", Evidence.FORM_F102, "F-1.02"),
                Requirement(
                    id="perbaikan-data.change.court",
                    message_id="Penetapan pengadilan tentang perubahan nama belum ada.",
                    message_en="The court decision on the change of name is missing.",
                    basis=_BASIS_NAME,
                    satisfied_by=(Evidence.COURT_DECISION,),
                    applies=_changes_name,
                ),
                Requirement(
                    id="perbaikan-data.change.proof",
                    message_id="Dokumen bukti perubahan data belum ada (misalnya ijazah).",
                    message_en="The document proving the changed data is missing (a diploma, say).",
                    basis="Perpres 96/2018",
                    satisfied_by=(Evidence.PROOF_OF_CHANGE, Evidence.COURT_DECISION),
                    applies=_changes_more_than_the_name,
                ),
            ),
        ),
        Variant(
            "annulment",
            "Pembatalan akta",
            "Annulment of a certificate",
            (
                Requirement(
                    id="perbaikan-data.annulment.court",
                    message_id="Putusan pengadilan yang berkekuatan hukum tetap belum ada.",
                    message_en="The final court decision is missing.",
                    basis=_BASIS_ANNULMENT,
                    satisfied_by=(Evidence.COURT_DECISION,),
                ),
            ),
        ),
    )
