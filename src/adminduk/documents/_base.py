"""What every document type shares: evidence kinds, requirement rows, applications, findings.

A document type is a class whose attributes are data (names, legal basis, variants, accepted
evidence, requirements, deadline, service level); :func:`check` reads those tables. Nothing here
reads the clock: every date is passed in.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from adminduk._fields import age_on
from adminduk.codes import Sex
from adminduk.errors import InvalidComponent
from adminduk.register import Registry, Resident
from adminduk.register.events import Event

if TYPE_CHECKING:
    from adminduk.documents.form import Form

__all__ = [
    "DOCUMENT_CODES",
    "Channel",
    "Context",
    "DocumentCode",
    "DocumentType",
    "Evidence",
    "Finding",
    "FindingKind",
    "Party",
    "RegisterChange",
    "Report",
    "Requirement",
    "Variant",
]

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
}


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


@attrs.frozen
class Context:
    """What a requirement's rule sees: the form, the register, the date of the check."""

    form: Form
    registry: Registry
    on: datetime.date

    def person(self, number: str | None) -> Resident | None:
        """The resident with NIK ``number`` in the register, if any."""
        return self.registry.find_resident(number)

    @property
    def subject(self) -> Resident | None:
        """The subject as the register knows them."""
        return self.person(self.form.subject)

    @property
    def partner(self) -> Resident | None:
        """The partner as the register knows them."""
        return self.person(self.form.partner)

    def age(self, person: Resident | None) -> int | None:
        """The person's age on the event date (or the check date)."""
        if person is None:
            return None
        return age_on(person.birth_date, self.form.event_date or self.on)

    def has(self, *kinds: Evidence) -> bool:
        """Whether any of ``kinds`` is attached."""
        return any(kind in self.form.evidence for kind in kinds)

    def in_family(self, number: str | None) -> bool:
        """Whether the register places the resident in a family (its KK is on file)."""
        return self.registry.family_number_of(number) is not None


Rule = Callable[[Context], bool]


def always(_: Context) -> bool:
    """A rule that always holds (the default of ``applies``)."""
    return True


@attrs.frozen(kw_only=True)
class Requirement:
    """One requirement: met when any evidence in ``satisfied_by`` is attached or ``met`` holds.

    ``applies`` decides whether the requirement concerns this application at all (an under-21
    consent only for the young). ``met`` lets the register answer instead of a paper (a KK on
    file, an age). ``kind`` is what an unmet requirement reports.
    """

    id: str
    message_id: str
    message_en: str
    basis: str
    satisfied_by: tuple[Evidence, ...] = ()
    met: Rule | None = None
    applies: Rule = always
    kind: FindingKind = FindingKind.MISSING
    #: What the catalogue says is required, when the evidence names alone do not say it.
    summary_id: str = ""
    summary_en: str = ""

    def evaluate(self, context: Context) -> Finding | None:
        """Return a finding if the requirement applies and is unmet, else ``None``."""
        if self.applies is not always and not self.applies(context):
            return None
        if self.satisfied_by and not context.form.evidence.isdisjoint(self.satisfied_by):
            return None  # a paper that satisfies it is attached
        if self.met is not None and self.met(context):
            return None
        return Finding(
            code=self.id,
            kind=self.kind,
            message_id=self.message_id,
            message_en=self.message_en,
            basis=self.basis,
            satisfy_with=self.satisfied_by,
        )


@attrs.frozen
class RegisterChange:
    """The register change issuing a variant makes: one of ``events``, required or not."""

    events: tuple[type[Event], ...]
    required: bool = True
    note: str = ""


@attrs.frozen
class Variant:
    """A service variant: its code, names, and the requirements it adds to the common ones.

    ``reissue`` marks a replacement of a lost or damaged document: a workflow may link it to the
    application that issued the first one (a reprint), and no reporting deadline applies.
    ``standalone`` variants ask only for their own requirements, not the document's common ones
    (a second copy of a certificate needs none of the papers of the first registration).
    """

    code: str
    name_id: str
    name_en: str
    requirements: tuple[Requirement, ...] = ()
    reissue: bool = attrs.field(default=False, kw_only=True)
    standalone: bool = attrs.field(default=False, kw_only=True)


# Perpres 96/2018: a resident files for themselves, or an adult of the family (17, or married:
# Pasal 63 UU 24/2013) files for a member of it. (A guardian from outside the family is not
# modelled yet.)
def _applicant_may_file(context: Context) -> bool:
    form, registry = context.form, context.registry
    applicant = form.applicant
    if applicant is None or applicant in (form.subject, form.partner) or form.subject is None:
        return True
    person = registry.find_resident(applicant)
    if person is None or registry.find_resident(form.subject) is None:
        return True  # someone the register does not know: their papers speak for them
    family = registry.family_members_of(form.subject)
    return person.must_hold_ktp_el(context.on) and (not family or applicant in family)


#: Each document type's rows per variant, built once: the tables are fixed at import.
_REQUIREMENTS: dict[tuple[type[DocumentType], str], tuple[Requirement, ...]] = {}


def _all_requirements(kind: type[DocumentType], variant: str) -> tuple[Requirement, ...]:
    """A document type's rows for ``variant`` (``InvalidComponent`` for an unknown variant)."""
    chosen = kind.variant(variant)
    own = chosen.requirements if chosen.standalone else kind.requirements + chosen.requirements
    roles = tuple(
        party.requirement(kind.code)
        for party in kind.parties
        if not chosen.reissue and (party.variants is None or variant in party.variants)
    )
    return (_applicant_requirement(kind.code), *roles, *own)


@functools.cache
def _applicant_requirement(code: str) -> Requirement:
    """The rule on who may file, as a requirement row of document type ``code``."""
    return Requirement(
        id=f"{code.lower()}.applicant",
        message_id=(
            "Pemohon untuk orang lain harus anggota keluarga yang sudah dewasa (17 tahun atau "
            "sudah kawin)."
        ),
        message_en="Who files for someone else must be an adult (17, or married) of their family.",
        basis="Perpres 96/2018; Pasal 63 UU 24/2013",
        met=_applicant_may_file,
        kind=FindingKind.INELIGIBLE,
        summary_id="pemohon: yang bersangkutan atau anggota keluarga yang sudah dewasa",
        summary_en="the applicant: the person concerned, or an adult of their family",
    )


@attrs.frozen
class Party:
    """The part a person named on a form plays for a document type (who is whose).

    ``field`` is the form's field (``"subject"`` or ``"partner"``); ``sex``, if given, is the
    sex the register must record for that person. The parties hold for ``variants``, by default
    every variant that first registers something (a second copy names its holder, whoever that
    is).
    """

    field: Literal["subject", "partner"]
    name_id: str
    name_en: str
    sex: Sex | None = None
    basis: str = ""
    #: The variants the part holds for (``None``: every first registration).
    variants: frozenset[str] | None = None

    @functools.cache  # noqa: B019 - parties are a handful of frozen table rows
    def requirement(self, code: str) -> Requirement:
        """The rule as a requirement row: the person in this field plays this part."""
        wanted = self.sex
        sex_id = "" if wanted is None else f" ({wanted.label.lower()})"
        sex_en = "" if wanted is None else f" ({wanted.label_en.lower()})"

        def plays(context: Context) -> bool:
            person = context.person(getattr(context.form, self.field))
            return person is None or wanted is None or person.sex is wanted

        return Requirement(
            id=f"{code.lower()}.{self.field}.role",
            message_id=(
                f"Orang pada isian {self.field} harus {self.name_id}{sex_id}: tukar atau perbaiki "
                "isian pemohon."
            ),
            message_en=(
                f"The person given as {self.field} must be the {self.name_en}{sex_en}: swap or "
                "correct the form."
            ),
            basis=self.basis,
            met=plays,
            kind=FindingKind.INVALID,
            summary_id=f"{self.field}: {self.name_id}{sex_id}",
            summary_en=f"{self.field}: the {self.name_en}{sex_en}",
        )


class DocumentType:
    """Base of the document types. Subclasses fill these attributes in as data."""

    #: Short code (``"KK"``, ``"KTP-el"``).
    code: ClassVar[DocumentCode]
    #: Indonesian name (canonical).
    name_id: ClassVar[str]
    #: English name.
    name_en: ClassVar[str]
    #: Regulations the document rests on.
    legal_basis: ClassVar[tuple[str, ...]]
    #: Service variants by code.
    variants: ClassVar[tuple[Variant, ...]]
    #: Requirements of every variant.
    requirements: ClassVar[tuple[Requirement, ...]] = ()
    #: Evidence that can stand in for other evidence (key replaces any of the values).
    substitutes: ClassVar[dict[Evidence, tuple[Evidence, ...]]] = {}
    #: Days after the event within which it must be reported, if the law sets a deadline.
    deadline_days: ClassVar[int | None] = None
    #: Who may apply, in both languages.
    who_id: ClassVar[str]
    who_en: ClassVar[str]
    #: The register change issuing each variant makes, by variant code (none: no change).
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {}
    #: Codes of documents issued together with this one.
    issued_with: ClassVar[tuple[DocumentCode, ...]] = ()
    #: Who the people named on the form are for this document (checked at filing).
    parties: ClassVar[tuple[Party, ...]] = ()

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """Build the register change issuing ``form`` makes, from what the form says.

        ``details`` supplies what a form does not carry (a birth's ``birth_place``, a moving
        letter's ``skpwni`` number, a marriage's ``household``) and overrides what it derives.
        The types whose change follows from the form override this; the others raise
        ``InvalidComponent`` (the change depends on facts the form does not carry).
        """
        raise InvalidComponent(
            f"build the register change of {cls.code} ({form.variant}) yourself: it depends on "
            "facts the form does not carry"
        )

    @classmethod
    def variant(cls, code: str) -> Variant:
        """Return the variant with ``code``; ``InvalidComponent`` if the type has none such."""
        for variant in cls.variants:
            if variant.code == code:
                return variant
        known = ", ".join(v.code for v in cls.variants)
        raise InvalidComponent(f"{cls.code} has no variant {code!r}; variants are {known}")

    @classmethod
    def all_requirements(cls, variant: str) -> tuple[Requirement, ...]:
        """Who may apply, the common requirements, then those of ``variant``.

        A standalone variant (a second copy) has only who may apply and its own requirements.
        """
        try:
            return _REQUIREMENTS[cls, variant]
        except (KeyError, TypeError):  # not built yet, or not a variant code at all
            built = _REQUIREMENTS[cls, variant] = _all_requirements(cls, variant)
            return built

    @classmethod
    def evidence_for(cls, variant: str) -> frozenset[Evidence]:
        """Every evidence kind a requirement of ``variant`` accepts (a complete file has them)."""
        return frozenset(
            kind
            for requirement in cls.all_requirements(variant)
            for kind in requirement.satisfied_by
        )

    @classmethod
    def evidence_kinds(cls) -> frozenset[Evidence]:
        """Every evidence kind any requirement of this type accepts."""
        return frozenset().union(*(cls.evidence_for(variant.code) for variant in cls.variants))
