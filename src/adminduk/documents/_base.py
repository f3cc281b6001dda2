"""What every document type shares: requirement rows, variants, parties, and the base class.

A document type is a class whose attributes are data (names, legal basis, variants, accepted
evidence, requirements, deadline, service level); :func:`check` reads those tables. The words
they are written in (evidence kinds, channels, findings) are in
:mod:`adminduk.documents._vocabulary`. Nothing here reads the clock: every date is passed in.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal

import attrs

from adminduk._fields import age_on
from adminduk.codes import Sex
from adminduk.documents._vocabulary import (
    DocumentCode,
    Evidence,
    Finding,
    FindingKind,
    record_variants,
)
from adminduk.documents.form import DETAILS_OF, Form
from adminduk.errors import InvalidComponent
from adminduk.register import Registry, Resident
from adminduk.register.events import Event

__all__ = [
    "Context",
    "DocumentType",
    "Party",
    "RegisterChange",
    "Requirement",
    "Variant",
]


@attrs.frozen
class Context:
    """What a requirement's rule sees: the form, the register, the date of the check."""

    form: Form
    registry: Registry
    on: datetime.date
    #: Every evidence kind the form supplies: papers, scans not refused, office attestations.
    supplied: frozenset[Evidence] = attrs.field(init=False)
    #: The subject as the register knows them (looked up once: most rows ask).
    subject: Resident | None = attrs.field(init=False, repr=False)

    @supplied.default
    def _supplied(self) -> frozenset[Evidence]:
        return self.form.supplied

    @subject.default
    def _subject(self) -> Resident | None:
        return self.registry.find_resident(self.form.subject)

    def person(self, number: str | None) -> Resident | None:
        """The resident with NIK ``number`` in the register, if any."""
        return self.registry.find_resident(number)

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
        """Whether any of ``kinds`` is supplied (attached, or attested by the office)."""
        return any(kind in self.supplied for kind in kinds)

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
    #: The form's field an unmet requirement is about (``"subject"``, ``"details"``), if one.
    field: str = ""
    #: What ``met`` reads instead of a paper: ``"register"`` (the population register) or
    #: ``"form"`` (the filing's own typed answers, as a form's data filled in online).
    met_from: str = attrs.field(
        default="register", validator=attrs.validators.in_(("register", "form"))
    )

    def evaluate(self, context: Context) -> Finding | None:
        """Return a finding if the requirement applies and is unmet, else ``None``."""
        if self.applies is not always and not self.applies(context):
            return None
        if self.satisfied_by and not context.supplied.isdisjoint(self.satisfied_by):
            return None  # a paper that satisfies it is attached (or the office attested it)
        if self.met is not None and self.met(context):
            return None
        return Finding(
            code=self.id,
            kind=self.kind,
            message_id=self.message_id,
            message_en=self.message_en,
            basis=self.basis,
            satisfy_with=self.satisfied_by,
            field=self.field,
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
    if person is None or context.subject is None:
        return True  # someone the register does not know: their papers speak for them
    family = registry.family_number_of(form.subject)
    return person.must_hold_ktp_el(context.on) and (
        family is None or registry.family_number_of(applicant) == family
    )


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
    details = (_details_requirement(kind.code),) if kind.details_in.get(variant) else ()
    return (_applicant_requirement(kind.code), *roles, *details, *own)


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
        field="applicant",
        summary_id="pemohon: yang bersangkutan atau anggota keluarga yang sudah dewasa",
        summary_en="the applicant: the person concerned, or an adult of their family",
    )


@functools.cache
def _details_requirement(code: str) -> Requirement:
    """The rule that a form carries its typed part, as a requirement row of type ``code``."""
    part = DETAILS_OF[code]
    return Requirement(
        id=f"{code.lower()}.details",
        message_id=f"Isian formulir {part.form_name} belum diisi.",
        message_en=f"The {part.form_name} part of the form is not filled in.",
        basis=f"{part.form_name} Permendagri 109/2019",
        met=lambda context: context.form.details is not None,
        kind=FindingKind.INVALID,
        field="details",
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
            field=self.field,
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
    #: How a form of this type asks for its subject, in Indonesian and English.
    subject_label: ClassVar[tuple[str, str]] = (
        "NIK yang bersangkutan",
        "NIK of the person concerned",
    )
    #: How it asks for the second person (``None``: the type names no second person).
    partner_label: ClassVar[tuple[str, str] | None] = None
    #: How it asks for who files or reports.
    applicant_label: ClassVar[tuple[str, str]] = (
        "NIK pemohon atau pelapor",
        "NIK of the applicant or reporter",
    )
    #: The variants whose form names the second person (their NIK is required).
    partner_in: ClassVar[frozenset[str]] = frozenset()
    #: The variants whose form names no subject (a foundling, a body not identified).
    unnamed: ClassVar[frozenset[str]] = frozenset()
    #: How it asks for the day of the event its deadline runs from, if it has a deadline.
    event_label: ClassVar[tuple[str, str]] = ("Tanggal peristiwa", "Date of the event")
    #: The variants whose form carries the type's typed part (:data:`~adminduk.documents.
    #: DETAILS_OF`), each with whether the part is required (a report) or only asked.
    details_in: ClassVar[Mapping[str, bool]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A form checks its variant against these without importing the types.
        record_variants(cls.code, tuple(variant.code for variant in cls.variants))

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
