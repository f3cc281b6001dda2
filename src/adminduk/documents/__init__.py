"""Document types, the form a resident files, and the checker that names everything missing.

Layer 4 of adminduk (above the register, below applications and workflows). One module per
document type, named as residents name the document, each a table on the shared base:

- :mod:`~adminduk.documents.kk` (:class:`KK`), :mod:`~adminduk.documents.ktp_el`
  (:class:`KTPEl`), :mod:`~adminduk.documents.kia` (:class:`KIA`),
  :mod:`~adminduk.documents.skpwni` (:class:`SKPWNI`, the moving letter);
- :mod:`~adminduk.documents.akta_lahir` (:class:`AktaLahir`), :mod:`~adminduk.documents.akta_mati`
  (:class:`AktaMati`), :mod:`~adminduk.documents.akta_kawin` (:class:`AktaKawin`),
  :mod:`~adminduk.documents.akta_cerai` (:class:`AktaCerai`);
- :mod:`~adminduk.documents.perbaikan_data` (:class:`PerbaikanData`): corrections of the data and
  certificates, by the law's three routes (the form's :class:`CorrectionRequest`).

A :class:`Form` names the document by its :data:`DocumentCode` and carries the document's typed
part (:mod:`~adminduk.documents.reports`: the birth, death, marriage and divorce reports of
F-2.01; :mod:`~adminduk.documents.details`: a move, a correction, a family card's data, an
outreach visit), its evidence as papers, files (:mod:`~adminduk.documents.attachments`) and
what the office attests. :func:`describe` says, for any document and variant, what to ask and in
which order (and the JSON Schema of the form), :func:`fill` builds a form from answers, and
:func:`next_question` drives a conversation. :func:`check` answers, for a
form, every unmet requirement with its legal basis and what would satisfy it (a refusal alone,
with the variants that would fit: :func:`variants_for`); :func:`catalogue`
publishes the same tables for residents; :func:`event_for` builds the register change that
issuing a form makes.
"""

from adminduk.documents._base import (
    Context,
    DocumentType,
    Party,
    RegisterChange,
    Requirement,
    Variant,
)
from adminduk.documents._catalogue import Catalogue, catalogue
from adminduk.documents._check import check, variants_for
from adminduk.documents._spec import Ask, Details, FieldKind, as_answer, asked, described_by
from adminduk.documents._types import DOCUMENT_TYPES, document_type, event_for
from adminduk.documents._vocabulary import (
    DOCUMENT_CODES,
    OFFICE_EVIDENCE,
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Finding,
    FindingKind,
    Report,
    Supplier,
)
from adminduk.documents.akta_cerai import AktaCerai
from adminduk.documents.akta_kawin import AktaKawin
from adminduk.documents.akta_lahir import AktaLahir
from adminduk.documents.akta_mati import AktaMati
from adminduk.documents.attachments import (
    MAX_BYTES,
    MEDIA_TYPES,
    Attachment,
    Review,
    Verdict,
    sniff,
)
from adminduk.documents.described import Choice, FieldSpec, FormDescription, Paper, describe
from adminduk.documents.details import (
    CERTIFICATES,
    CorrectionRequest,
    FamilyCardRequest,
    MoveRequest,
    Outreach,
    OutreachReason,
)
from adminduk.documents.filling import Filled, Question, fill, next_question
from adminduk.documents.form import DETAILS_OF, Form
from adminduk.documents.kia import KIA
from adminduk.documents.kk import KK
from adminduk.documents.ktp_el import KTPEl
from adminduk.documents.perbaikan_data import PerbaikanData
from adminduk.documents.reports import BirthReport, DeathReport, DivorceReport, MarriageReport
from adminduk.documents.service_levels import ServiceLevels
from adminduk.documents.skpwni import SKPWNI, MoveLevel, move_level

__all__ = [
    "CERTIFICATES",
    "DETAILS_OF",
    "DOCUMENT_CODES",
    "DOCUMENT_TYPES",
    "KIA",
    "KK",
    "MAX_BYTES",
    "MEDIA_TYPES",
    "OFFICE_EVIDENCE",
    "SKPWNI",
    "AktaCerai",
    "AktaKawin",
    "AktaLahir",
    "AktaMati",
    "Ask",
    "Attachment",
    "BirthReport",
    "Catalogue",
    "Channel",
    "Choice",
    "Context",
    "CorrectionRequest",
    "DeathReport",
    "Delivery",
    "Details",
    "DivorceReport",
    "DocumentCode",
    "DocumentType",
    "Evidence",
    "FamilyCardRequest",
    "FieldKind",
    "FieldSpec",
    "Filled",
    "Finding",
    "FindingKind",
    "Form",
    "FormDescription",
    "KTPEl",
    "MarriageReport",
    "MoveLevel",
    "MoveRequest",
    "Outreach",
    "OutreachReason",
    "Paper",
    "Party",
    "PerbaikanData",
    "Question",
    "RegisterChange",
    "Report",
    "Requirement",
    "Review",
    "ServiceLevels",
    "Supplier",
    "Variant",
    "Verdict",
    "as_answer",
    "asked",
    "catalogue",
    "check",
    "describe",
    "described_by",
    "document_type",
    "event_for",
    "fill",
    "move_level",
    "next_question",
    "sniff",
    "variants_for",
]
