"""The form a resident files: which document, who, what it reports, what is attached, and how.

A :class:`Form` is what the checker (:func:`adminduk.check`) reads and what the office files.
The file the office keeps once it is filed, with its number and history, is an
:class:`adminduk.applications.Application`; each filing action carries the form as filed.

What a document's form says beyond who and which variant is its typed part, ``details``: a
birth report (:class:`~adminduk.documents.BirthReport`), a move
(:class:`~adminduk.documents.MoveRequest`), a correction, ... one class per document type
(:data:`DETAILS_OF`), checked when made.

>>> import datetime
>>> from adminduk.documents import Channel, Evidence
>>> form = Form(document="KK", variant="lost", channel=Channel.WHATSAPP,
...             subject="1808011708870012", evidence={Evidence.POLICE_LETTER})
>>> form
Form(document='KK', variant='lost', channel=<Channel.WHATSAPP: 'whatsapp'>, subject='180801**********', ...)
>>> sorted(kind.value for kind in form.with_evidence(Evidence.KK).evidence)
['kk', 'police_letter']
>>> form.with_evidence(Evidence.BIOMETRICS)
Traceback (most recent call last):
...
adminduk.errors.InvalidField: perekaman biometrik KTP-el (KTP-el biometric recording) is attested by the office, not handed in: give it as attested, by an officer
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

import attrs

from adminduk import regions
from adminduk._fields import masked_repr, optional_nik, require_date, require_member, require_text
from adminduk._privacy import redacted_repr
from adminduk.documents._spec import Details
from adminduk.documents._vocabulary import (
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Supplier,
    variant_codes,
)
from adminduk.documents.attachments import Attachment
from adminduk.documents.details import (
    CorrectionRequest,
    FamilyCardRequest,
    MoveRequest,
    Outreach,
)
from adminduk.documents.reports import BirthReport, DeathReport, DivorceReport, MarriageReport
from adminduk.errors import InvalidComponent, InvalidField, InvalidFormat

__all__ = ["DETAILS_OF", "Form"]

#: The typed part of each document type's form, by document code (KTP-el and KIA have none).
DETAILS_OF: Mapping[str, type[Details]] = {
    kind.document: kind
    for kind in (
        FamilyCardRequest,
        MoveRequest,
        BirthReport,
        DeathReport,
        MarriageReport,
        DivorceReport,
        CorrectionRequest,
    )
}


def _kinds(value: Iterable[Evidence], name: str) -> frozenset[Evidence]:
    given: object = value  # typed for callers; checked here for callers without a type checker
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidFormat(
            f"{name} must be a set of Evidence members, not {type(given).__name__}"
        )
    try:
        items = frozenset(value)
    except TypeError:  # an unhashable item: not an Evidence member either
        raise InvalidFormat(f"{name} must be a set of Evidence members") from None
    for item in items:
        if not isinstance(item, Evidence):
            raise InvalidComponent(f"{name} must be Evidence members, not {type(item).__name__}")
    return items


def _evidence(value: Iterable[Evidence]) -> frozenset[Evidence]:
    return _kinds(value, "evidence")


def _attested(value: Iterable[Evidence]) -> frozenset[Evidence]:
    return _kinds(value, "attested")


def _attachments(value: Iterable[Attachment]) -> tuple[Attachment, ...]:
    given: object = value
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidFormat(f"attachments must be a sequence, not {type(given).__name__}")
    items = tuple(value)
    for item in items:
        require_member(item, Attachment, "each attachment")
    if len({item.sha256 for item in items}) != len(items):
        raise InvalidField(
            "the same file is attached twice",
            field="attachments",
            code="attachments.repeated",
            message_id="Berkas yang sama dilampirkan dua kali",
        )
    return items


def _district_office(value: str | None) -> str | None:
    """A district code (``18.08.04`` or ``180804``), normalised; refused if it is not one."""
    if value is None:
        return None
    region = regions.get(value)  # UnknownRegion (an AdmindukError) for a code in no list
    if region.level is not regions.RegionLevel.DISTRICT:
        raise InvalidComponent(f"a district office is named by a district code, not {region.code}")
    return region.code


@redacted_repr
@attrs.frozen(kw_only=True)
class Form:
    """A form for one document: who, what it reports, what is attached, how it is delivered.

    ``subject`` is the NIK of the person the document is about (the child's mother for a birth,
    the husband for a marriage); ``partner`` is the second person where there is one (the
    father, the wife); ``applicant`` reports or applies. ``event_date`` is the birth, death,
    marriage or final decision date. ``details`` is the document's typed part (the birth
    report, the move, the correction: :data:`DETAILS_OF`).

    Evidence comes three ways: ``evidence`` are the papers the resident hands in or says are
    attached (a resident's kinds only); ``attachments`` are files, each with its kind, digest
    and a clerk's review (a refused file supplies nothing); ``attested`` is what only an officer
    can attest (biometrics recorded, originals seen: :data:`~adminduk.documents.OFFICE_EVIDENCE`).

    ``delivery`` is how the resident wants the document, and ``district_office`` the district
    office (a district code, ``PP.KK.DD``) where a posted document is collected: the office fills
    in the district the subject lives in when the form is filed, unless the resident names one.
    ``outreach`` asks for a home visit (required when the document is handed over at home).
    ``reprint_of`` is the number of the application whose lost or damaged document this one
    replaces. ``reported_on`` is the day the resident reported (the office fills it in on
    filing): lateness is counted to it, while ages and validity are counted to the day of each
    check.
    """

    document: DocumentCode
    variant: str
    channel: Channel
    subject: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    partner: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    applicant: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    evidence: frozenset[Evidence] = attrs.field(default=frozenset(), converter=_evidence)
    attested: frozenset[Evidence] = attrs.field(default=frozenset(), converter=_attested)
    attachments: tuple[Attachment, ...] = attrs.field(
        default=(), converter=_attachments, repr=False
    )
    event_date: datetime.date | None = None
    delivery: Delivery = Delivery.PICKUP
    outreach: Outreach | None = attrs.field(default=None, repr=False)
    reprint_of: str | None = None
    reported_on: datetime.date | None = None
    district_office: str | None = attrs.field(default=None, converter=_district_office)
    details: Details | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        # Every field is checked here, so a form the office accepts can always be saved.
        variants = variant_codes(self.document)  # an unknown document code is refused
        if self.variant not in variants:
            raise InvalidComponent(
                f"{self.document} has no variant {str(self.variant)[:40]!r}; variants are "
                + ", ".join(variants)
            )
        require_member(self.channel, Channel, "channel")
        require_member(self.delivery, Delivery, "delivery")
        for kind in self.evidence:
            if kind.supplier is Supplier.OFFICE:
                raise InvalidField(
                    f"{kind.label} ({kind.label_en}) is attested by the office, not handed in: "
                    "give it as attested, by an officer",
                    field="evidence",
                    code="evidence.office",
                    message_id=f"{kind.label} dinyatakan oleh petugas, bukan dilampirkan pemohon",
                )
        for kind in self.attested:
            if kind.supplier is Supplier.RESIDENT:
                raise InvalidField(
                    f"{kind.label_en} is a paper the resident supplies, not an officer's "
                    "attestation: give it as evidence or attach it",
                    field="attested",
                    code="attested.resident",
                    message_id=f"{kind.label} dilampirkan oleh pemohon, bukan dinyatakan petugas",
                )
        if self.event_date is not None:
            require_date(self.event_date, "event_date")
        if self.reported_on is not None:
            require_date(self.reported_on, "reported_on")
        if self.reprint_of is not None:
            require_text(self.reprint_of, "reprint_of", empty=True)
        if self.outreach is not None:
            require_member(self.outreach, Outreach, "outreach")
        elif self.delivery is Delivery.OUTREACH:
            raise InvalidField(
                "a document handed over at home needs the outreach visit: its address and why "
                "the resident cannot come",
                field="outreach",
                code="outreach.required",
                message_id="Pengantaran jemput bola memerlukan alamat kunjungan dan alasannya",
            )
        if self.details is not None:
            self._check_details(self.details)

    def _check_details(self, details: Details) -> None:
        wanted = DETAILS_OF.get(self.document)
        if wanted is None or type(details) is not wanted:
            expected = "no details" if wanted is None else f"a {wanted.__name__}"
            raise InvalidField(
                f"a {self.document} form carries {expected}, not a {type(details).__name__}",
                field="details",
                code="details.type",
                message_id=f"Formulir {self.document} tidak memuat data seperti ini",
            )
        missing = details.missing_in(self.variant)
        if missing:
            raise InvalidField(
                f"{self.document} ({self.variant}) needs {', '.join(missing)}",
                field=missing[0],
                code=f"{missing[0]}.required",
                message_id=f"{self.document} ({self.variant}) memerlukan isian {missing[0]}",
            )

    @property
    def supplied(self) -> frozenset[Evidence]:
        """Every evidence kind the form supplies: papers, files not refused, attestations."""
        if not self.attested and not self.attachments:
            return self.evidence
        files = frozenset(item.kind for item in self.attachments if not item.refused)
        return self.evidence | self.attested | files

    def with_evidence(self, *kinds: Evidence) -> Form:
        """Return the form with more papers handed in (a resident's kinds)."""
        return attrs.evolve(self, evidence=self.evidence | frozenset(kinds))

    def with_attested(self, *kinds: Evidence) -> Form:
        """Return the form with more of what an officer attests (the office's kinds)."""
        return attrs.evolve(self, attested=self.attested | frozenset(kinds))

    def with_attachments(self, *files: Attachment) -> Form:
        """Return the form with more files attached (a file already attached is refused)."""
        return attrs.evolve(self, attachments=self.attachments + files)
