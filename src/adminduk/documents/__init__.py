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

A :class:`Form` names the document by its :data:`DocumentCode`. :func:`check` answers, for a
form, every unmet requirement with its legal basis and what would satisfy it (a refusal alone,
with the variants that would fit: :func:`variants_for`); :func:`catalogue`
publishes the same tables for residents; :func:`event_for` builds the register change that
issuing a form makes.
"""

from adminduk.documents._base import (
    DOCUMENT_CODES,
    Channel,
    Context,
    DocumentCode,
    DocumentType,
    Evidence,
    Finding,
    FindingKind,
    Party,
    RegisterChange,
    Report,
    Requirement,
    Variant,
)
from adminduk.documents._catalogue import Catalogue, catalogue
from adminduk.documents._check import check, variants_for
from adminduk.documents._types import DOCUMENT_TYPES, document_type, event_for
from adminduk.documents.akta_cerai import AktaCerai
from adminduk.documents.akta_kawin import AktaKawin
from adminduk.documents.akta_lahir import AktaLahir
from adminduk.documents.akta_mati import AktaMati
from adminduk.documents.details import CERTIFICATES, CorrectionRequest
from adminduk.documents.form import Delivery, Form
from adminduk.documents.kia import KIA
from adminduk.documents.kk import KK
from adminduk.documents.ktp_el import KTPEl
from adminduk.documents.perbaikan_data import PerbaikanData
from adminduk.documents.service_levels import ServiceLevels
from adminduk.documents.skpwni import SKPWNI, MoveLevel, move_level

__all__ = [
    "CERTIFICATES",
    "DOCUMENT_CODES",
    "DOCUMENT_TYPES",
    "KIA",
    "KK",
    "SKPWNI",
    "AktaCerai",
    "AktaKawin",
    "AktaLahir",
    "AktaMati",
    "Catalogue",
    "Channel",
    "Context",
    "CorrectionRequest",
    "Delivery",
    "DocumentCode",
    "DocumentType",
    "Evidence",
    "Finding",
    "FindingKind",
    "Form",
    "KTPEl",
    "MoveLevel",
    "Party",
    "PerbaikanData",
    "RegisterChange",
    "Report",
    "Requirement",
    "ServiceLevels",
    "Variant",
    "catalogue",
    "check",
    "document_type",
    "event_for",
    "move_level",
    "variants_for",
]
