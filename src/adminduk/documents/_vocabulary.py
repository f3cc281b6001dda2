"""The words every document type, form and finding shares: codes, evidence, channels, findings.

The lowest floor of :mod:`adminduk.documents`: document codes, the kinds of evidence (and who may
supply each: :class:`Supplier`), the channels a form comes by, how a finished document reaches
the resident (:class:`Delivery`), and the checker's findings. Nothing here knows a document
type's rules; each type records its variants here when it is defined (:func:`variant_codes`),
so a form can be checked against them without importing the types.
"""

from __future__ import annotations

import enum
from typing import Literal

import attrs

from adminduk.errors import InvalidComponent

__all__ = [
    "DOCUMENT_CODES",
    "OFFICE_EVIDENCE",
    "Channel",
    "Delivery",
    "DocumentCode",
    "Evidence",
    "Finding",
    "FindingKind",
    "Report",
    "Supplier",
    "record_variants",
    "variant_codes",
]


class Supplier(enum.Enum):
    """Who may supply a kind of evidence or fill a field: the resident, or only the office."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    RESIDENT = "resident"  #: the resident, their reporter, or the family (papers, scans, answers)
    OFFICE = "office"  #: only an officer (an act of the office: recorded, decided, seen)

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return "penduduk" if self is Supplier.RESIDENT else "petugas"

    @property
    def label_en(self) -> str:
        """The English name."""
        return "the resident" if self is Supplier.RESIDENT else "the office"


#: The code of each document type, as forms, workflows and files spell it. A user's type
#: checker refuses any other string where a ``DocumentCode`` is expected.
DocumentCode = Literal[
    "KK",
    "KTP-el",
    "KIA",
    "SKPWNI",
    "AKTA-LAHIR",
    "AKTA-MATI",
    "AKTA-KAWIN",
    "AKTA-CERAI",
    "PERBAIKAN-DATA",
]

#: Every document code, in the catalogue's order.
DOCUMENT_CODES: tuple[DocumentCode, ...] = (
    "KK", "KTP-el", "KIA", "SKPWNI", "AKTA-LAHIR", "AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI",
    "PERBAIKAN-DATA",
)  # fmt: skip


class Evidence(enum.Enum):
    """Kinds of evidence an application can carry (scans of originals for online files)."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    BIRTH_LETTER = "birth_letter"  #: surat keterangan kelahiran (hospital, midwife, village head)
    SPTJM_BIRTH = "sptjm_f203"  #: SPTJM F-2.03: no birth letter, with two witnesses
    SPTJM_PARENTS_MARRIAGE = "sptjm_f204"  #: SPTJM F-2.04: parents' marriage not proven
    SPTJM_MARRIAGE = "sptjm_f105"  #: SPTJM F-1.05: an unregistered marriage, for a new KK
    MARRIAGE_PROOF = "marriage_proof"  #: buku nikah or kutipan akta perkawinan
    DIVORCE_PROOF = "divorce_proof"  #: kutipan akta perceraian
    DEATH_CERTIFICATE = "death_certificate"  #: kutipan akta kematian
    DEATH_LETTER = "death_letter"  #: surat keterangan kematian (doctor or village head)
    POLICE_LETTER = "police_letter"  #: surat keterangan kehilangan from the police
    POLICE_REPORT = "police_report"  #: police report on a child of unknown origin
    COURT_DECISION = "court_decision"  #: a final (inkracht) court decision
    COURT_DISPENSATION = "court_dispensation"  #: court dispensation to marry under 19
    PARENTS_CONSENT = "parents_consent"  #: parents' consent to marry under 21
    RELIGIOUS_STATEMENT = "religious_statement"  #: the religious leader's marriage statement
    PHOTOS = "photos"  #: colour photos (2x3 for a KIA, side by side for a marriage)
    WITNESSES = "witnesses"  #: two witnesses with their KTP-el
    FORM_F101 = "form_f101"  #: biodata form F-1.01
    FORM_F102 = "form_f102"  #: application form F-1.02
    FORM_F201 = "form_f201"  #: civil registration form F-2.01
    FORM_F212 = "form_f212"  #: marriage registration form F-2.12
    KK = "kk"  #: the current family card
    KTP_EL = "ktp_el"  #: the current KTP-el
    BIRTH_CERTIFICATE = "birth_certificate"  #: kutipan akta kelahiran
    PARENTS_KTP_EL = "parents_ktp_el"  #: both parents' KTP-el
    OLD_KTP_EL = "old_ktp_el"  #: the old KTP-el
    OLD_KIA = "old_kia"  #: the old child card
    DAMAGED_DOCUMENT = "damaged_document"  #: the damaged document itself
    PROOF_OF_CHANGE = "proof_of_change"  #: a document proving the changed data
    ERRONEOUS_DOCUMENT = "erroneous_document"  #: the document with the error, handed in
    SKPWNI = "skpwni"  #: surat keterangan pindah WNI
    HEAD_OF_OFFICE_DECISION = "late_decision"  #: decision of the head of office, late reports
    BIOMETRICS = "biometrics"  #: KTP-el biometric recording (in person or at home)
    ORIGINALS_SEEN = "originals_seen"  #: an officer saw the originals of the papers scanned
    SIGNATURE_WITNESSED = "signature_witnessed"  #: a signature made before an officer
    NOT_A_DUPLICATE = "not_a_duplicate"  #: an officer judged the likely duplicates other people

    @property
    def supplier(self) -> Supplier:
        """Who may supply it: the resident (a paper, a scan) or only the office (an act)."""
        return Supplier.OFFICE if self in OFFICE_EVIDENCE else Supplier.RESIDENT

    @property
    def label(self) -> str:
        """The Indonesian name of this kind of evidence."""
        return _EVIDENCE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of this kind of evidence."""
        return _EVIDENCE_LABELS[self][1]


_EVIDENCE_LABELS: dict[Evidence, tuple[str, str]] = {
    Evidence.ERRONEOUS_DOCUMENT: (
        "dokumen yang memuat kesalahan (asli)",
        "the document with the error (the original)",
    ),
    Evidence.BIRTH_LETTER: ("surat keterangan kelahiran", "birth letter"),
    Evidence.SPTJM_BIRTH: (
        "SPTJM kebenaran data kelahiran (F-2.03) dengan dua saksi",
        "statement of truth of birth data (F-2.03) with two witnesses",
    ),
    Evidence.SPTJM_PARENTS_MARRIAGE: (
        "SPTJM kebenaran pasangan suami istri (F-2.04) dengan dua saksi",
        "statement of truth of the parents' marriage (F-2.04) with two witnesses",
    ),
    Evidence.SPTJM_MARRIAGE: (
        "SPTJM perkawinan belum tercatat (F-1.05)",
        "statement of an unregistered marriage (F-1.05)",
    ),
    Evidence.MARRIAGE_PROOF: (
        "buku nikah atau kutipan akta perkawinan",
        "marriage book or marriage certificate",
    ),
    Evidence.DIVORCE_PROOF: ("kutipan akta perceraian", "divorce certificate"),
    Evidence.DEATH_CERTIFICATE: ("kutipan akta kematian", "death certificate"),
    Evidence.DEATH_LETTER: ("surat keterangan kematian", "death letter"),
    Evidence.POLICE_LETTER: (
        "surat keterangan kehilangan dari kepolisian",
        "police letter on the loss",
    ),
    Evidence.POLICE_REPORT: ("berita acara dari kepolisian", "police report"),
    Evidence.COURT_DECISION: (
        "putusan pengadilan yang berkekuatan hukum tetap",
        "final court decision",
    ),
    Evidence.COURT_DISPENSATION: (
        "dispensasi kawin dari pengadilan",
        "court dispensation to marry",
    ),
    Evidence.PARENTS_CONSENT: ("izin orang tua", "parents' consent"),
    Evidence.RELIGIOUS_STATEMENT: (
        "surat keterangan perkawinan dari pemuka agama",
        "religious leader's marriage statement",
    ),
    Evidence.PHOTOS: ("pas foto berwarna", "colour photographs"),
    Evidence.WITNESSES: ("dua orang saksi dengan KTP-el", "two witnesses with their KTP-el"),
    Evidence.FORM_F101: ("formulir biodata F-1.01", "biodata form F-1.01"),
    Evidence.FORM_F102: ("formulir pendaftaran F-1.02", "application form F-1.02"),
    Evidence.FORM_F201: ("formulir pelaporan F-2.01", "civil registration form F-2.01"),
    Evidence.FORM_F212: (
        "formulir pencatatan perkawinan F-2.12",
        "marriage registration form F-2.12",
    ),
    Evidence.KK: ("Kartu Keluarga (KK)", "family card (KK)"),
    Evidence.KTP_EL: ("KTP-el", "electronic ID card (KTP-el)"),
    Evidence.BIRTH_CERTIFICATE: ("kutipan akta kelahiran", "birth certificate"),
    Evidence.PARENTS_KTP_EL: ("KTP-el kedua orang tua", "both parents' KTP-el"),
    Evidence.OLD_KTP_EL: ("KTP-el lama", "old KTP-el"),
    Evidence.OLD_KIA: ("KIA lama", "old child card"),
    Evidence.DAMAGED_DOCUMENT: ("dokumen yang rusak", "the damaged document"),
    Evidence.PROOF_OF_CHANGE: ("dokumen bukti perubahan data", "proof of the changed data"),
    Evidence.SKPWNI: ("surat keterangan pindah (SKPWNI)", "moving letter (SKPWNI)"),
    Evidence.HEAD_OF_OFFICE_DECISION: (
        "keputusan kepala dinas untuk pelaporan terlambat",
        "decision of the head of office for a late report",
    ),
    Evidence.BIOMETRICS: ("perekaman biometrik KTP-el", "KTP-el biometric recording"),
    Evidence.ORIGINALS_SEEN: (
        "dokumen asli sudah diperlihatkan kepada petugas",
        "originals shown to an officer",
    ),
    Evidence.SIGNATURE_WITNESSED: (
        "tanda tangan dibubuhkan di hadapan petugas",
        "signature made before an officer",
    ),
    Evidence.NOT_A_DUPLICATE: (
        "petugas menyatakan bukan data ganda",
        "an officer judged it no duplicate",
    ),
}

#: What only the office can attest: an officer's act, not a paper a resident hands in. Pasal 64
#: UU 24/2013 (biometrics are recorded by the office, at its counter or on a visit); Pasal 32 UU
#: 24/2013 (the head of office decides on a late report); Perpres 96/2018 (an officer compares
#: the originals with the copies, and witnesses a statement signed before them); Pasal 13 UU
#: 24/2013 (one NIK for life: an officer judges whether a new record is a person already known).
OFFICE_EVIDENCE: frozenset[Evidence] = frozenset(
    {
        Evidence.BIOMETRICS,
        Evidence.HEAD_OF_OFFICE_DECISION,
        Evidence.ORIGINALS_SEEN,
        Evidence.SIGNATURE_WITNESSED,
        Evidence.NOT_A_DUPLICATE,
    }
)


class Channel(enum.Enum):
    """How the application reached the office."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    COUNTER = "counter"  #: in person at the office
    WEBSITE = "website"
    WHATSAPP = "whatsapp"
    OUTREACH = "outreach"  #: jemput bola: officers visit the resident

    @property
    def online(self) -> bool:
        """Whether the channel is online (scans must be of the originals)."""
        return self in (Channel.WEBSITE, Channel.WHATSAPP)

    @property
    def label(self) -> str:
        """The Indonesian name of the channel."""
        return _CHANNEL_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the channel."""
        return _CHANNEL_LABELS[self][1]


_CHANNEL_LABELS: dict[Channel, tuple[str, str]] = {
    Channel.COUNTER: ("loket kantor", "office counter"),
    Channel.WEBSITE: ("situs web", "website"),
    Channel.WHATSAPP: ("WhatsApp", "WhatsApp"),
    Channel.OUTREACH: ("jemput bola", "outreach visit"),
}


class FindingKind(enum.Enum):
    """What sort of problem a finding reports."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    MISSING = "missing"  #: evidence is missing
    INELIGIBLE = "ineligible"  #: the person cannot get this document (age, status)
    INVALID = "invalid"  #: the application itself is impossible (a future date, no subject)
    LATE = "late"  #: reported after the legal deadline; adds requirements, does not refuse

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _FINDING_KIND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _FINDING_KIND_LABELS[self][1]


_FINDING_KIND_LABELS: dict[FindingKind, tuple[str, str]] = {
    FindingKind.MISSING: ("belum ada", "missing"),
    FindingKind.INELIGIBLE: ("tidak memenuhi syarat", "not eligible"),
    FindingKind.INVALID: ("isian tidak sesuai", "the form is wrong"),
    FindingKind.LATE: ("terlambat dilaporkan", "reported late"),
}


@attrs.frozen
class Finding:
    """One unmet requirement, in Indonesian and English, with its basis and what would fix it."""

    code: str
    kind: FindingKind
    message_id: str
    message_en: str
    basis: str
    satisfy_with: tuple[Evidence, ...] = ()
    #: The form's field at fault, as a path (``"subject"``, ``"details.child_name"``), if one is.
    field: str = ""

    @property
    def by_office(self) -> bool:
        """Whether only the office can meet it (an act such as biometric recording), not a paper."""
        return bool(self.satisfy_with) and all(
            kind.supplier is Supplier.OFFICE for kind in self.satisfy_with
        )

    @property
    def blocking(self) -> bool:
        """Whether the finding stops the application (lateness alone does not)."""
        return self.kind is not FindingKind.LATE


@attrs.frozen
class Report:
    """The checker's answer: every finding at once."""

    document: DocumentCode
    variant: str
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """Whether nothing blocks the application."""
        return not any(finding.blocking for finding in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in order."""
        return tuple(finding.code for finding in self.findings)


class Delivery(enum.Enum):
    """How a finished document reaches the resident; it decides the path after printing."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    POST = "post"  #: by post to the resident's district office, collected there
    PICKUP = "pickup"  #: collected at the regency office
    DIGITAL = "digital"  #: electronically signed, sent by WhatsApp or e-mail
    OUTREACH = "outreach"  #: handed over at home by an outreach officer

    @property
    def label(self) -> str:
        """The Indonesian name of the delivery path."""
        return _DELIVERY_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the delivery path."""
        return _DELIVERY_LABELS[self][1]


_DELIVERY_LABELS: dict[Delivery, tuple[str, str]] = {
    Delivery.POST: ("dikirim pos ke kantor kecamatan", "by post to the district office"),
    Delivery.PICKUP: ("diambil di kantor Disdukcapil", "collected at the regency office"),
    Delivery.DIGITAL: ("dikirim digital (WhatsApp/e-mail)", "sent digitally (WhatsApp, e-mail)"),
    Delivery.OUTREACH: ("diantar petugas jemput bola", "handed over at home"),
}


#: Each document type's variant codes, recorded by the type when it is defined.
_VARIANTS: dict[str, tuple[str, ...]] = {}


def record_variants(code: str, variants: tuple[str, ...]) -> None:
    """Record the variant codes of document type ``code`` (done by each type, once)."""
    _VARIANTS[code] = variants


def variant_codes(code: object) -> tuple[str, ...]:
    """The variant codes of document type ``code``; ``InvalidComponent`` for an unknown code.

    >>> variant_codes("KIA")
    ('under_5', '5_to_17', 'lost', 'damaged')
    """
    found = _VARIANTS.get(code) if isinstance(code, str) else None
    if found is None:
        known = ", ".join(_VARIANTS)
        raise InvalidComponent(f"no document type {str(code)[:40]!r}; known types are {known}")
    return found
