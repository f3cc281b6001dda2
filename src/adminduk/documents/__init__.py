"""Document types, their requirements, and the checker that names everything missing at once.

One module per document type, each a table on the shared base in ``_base``:

- :class:`KartuKeluarga` (KK), :class:`KTPEl`, :class:`KIA`, :class:`SuratPindah` (SKPWNI);
- :class:`AktaKelahiran`, :class:`AktaKematian`, :class:`AktaPerkawinan`, :class:`AktaPerceraian`.

:func:`check` answers, for an :class:`Application`, every unmet requirement with its legal basis
and what would satisfy it; :func:`catalogue` publishes the same tables for residents.
"""

from adminduk.documents._application import (
    Action,
    Actor,
    Application,
    Delivery,
    Role,
    Status,
    Trigger,
)
from adminduk.documents._base import (
    Channel,
    Context,
    DocumentType,
    Evidence,
    Finding,
    FindingKind,
    Report,
    Requirement,
    Variant,
)
from adminduk.documents._catalogue import Catalogue, catalogue
from adminduk.documents._check import check, document_type
from adminduk.documents.akta_kelahiran import AktaKelahiran
from adminduk.documents.akta_kematian import AktaKematian
from adminduk.documents.akta_perceraian import AktaPerceraian
from adminduk.documents.akta_perkawinan import AktaPerkawinan
from adminduk.documents.kia import KIA
from adminduk.documents.kk import KartuKeluarga
from adminduk.documents.ktp_el import KTPEl
from adminduk.documents.service_levels import ServiceLevels
from adminduk.documents.surat_pindah import MoveLevel, SuratPindah, move_level

#: Every document type, in the order the catalogue lists them.
DOCUMENT_TYPES: tuple[type[DocumentType], ...] = (
    KartuKeluarga,
    KTPEl,
    KIA,
    SuratPindah,
    AktaKelahiran,
    AktaKematian,
    AktaPerkawinan,
    AktaPerceraian,
)

__all__ = [
    "DOCUMENT_TYPES",
    "KIA",
    "Action",
    "Actor",
    "AktaKelahiran",
    "AktaKematian",
    "AktaPerceraian",
    "AktaPerkawinan",
    "Application",
    "Catalogue",
    "Channel",
    "Context",
    "Delivery",
    "DocumentType",
    "Evidence",
    "Finding",
    "FindingKind",
    "KTPEl",
    "KartuKeluarga",
    "MoveLevel",
    "Report",
    "Requirement",
    "Role",
    "ServiceLevels",
    "Status",
    "SuratPindah",
    "Trigger",
    "Variant",
    "catalogue",
    "check",
    "document_type",
    "move_level",
]
