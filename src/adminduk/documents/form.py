"""The form a resident files: which document, which variant, who, what is attached, and when.

A :class:`Form` is what the checker (:func:`adminduk.check`) reads and what the office files.
The file the office keeps once it is filed, with its number and history, is an
:class:`adminduk.applications.Application`; each filing action carries the form as filed.

>>> import datetime
>>> from adminduk.documents import Channel, Evidence
>>> form = Form(document="KK", variant="lost", channel=Channel.WHATSAPP,
...             subject="1808011708870012", evidence={Evidence.POLICE_LETTER})
>>> form
Form(document='KK', variant='lost', channel=<Channel.WHATSAPP: 'whatsapp'>, subject='180801**********', ...)
>>> sorted(kind.value for kind in form.with_evidence(Evidence.KK).evidence)
['kk', 'police_letter']
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

import attrs

from adminduk import regions
from adminduk._fields import masked_repr, optional_nik, require_date, require_member, require_text
from adminduk._privacy import redacted_repr
from adminduk.codes import Sex
from adminduk.documents._base import Channel, DocumentCode, Evidence
from adminduk.documents._types import document_type
from adminduk.documents.details import CorrectionRequest
from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = ["Delivery", "Form"]


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


def _evidence(value: Iterable[Evidence]) -> frozenset[Evidence]:
    given: object = value  # typed for callers; checked here for callers without a type checker
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidFormat(
            f"evidence must be a set of Evidence members, not {type(given).__name__}"
        )
    try:
        items = frozenset(value)
    except TypeError:  # an unhashable item: not an Evidence member either
        raise InvalidFormat("evidence must be a set of Evidence members") from None
    for item in items:
        if not isinstance(item, Evidence):
            raise InvalidComponent(f"evidence must be Evidence members, not {type(item).__name__}")
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
    """A form for one document: who, what, how it came in, what is attached, and since when.

    ``subject`` is the NIK of the person the document is about (the child's mother for a birth,
    the husband for a marriage); ``partner`` is the second person where there is one (the wife,
    the other spouse); ``applicant`` reports or applies. ``event_date`` is the birth, death,
    marriage or final decision date. For a birth, ``child_sex`` and ``child_name`` describe the
    child; for a move, ``destination`` is the region code moved to.

    ``delivery`` is how the resident wants the document, and ``district_office`` the district
    office (a district code, ``PP.KK.DD``) where a posted document is collected: the office fills
    in the district the subject lives in when the form is filed, unless the resident names one
    (a resident who moves later still collects where they asked). ``reprint_of`` is the number of
    the application whose lost or damaged document this one replaces. ``reported_on`` is the day the
    resident reported (the office fills it in on filing): lateness is counted to it, while ages
    and validity are counted to the day of each check.
    """

    document: DocumentCode
    variant: str
    channel: Channel
    subject: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    partner: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    applicant: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    evidence: frozenset[Evidence] = attrs.field(default=frozenset(), converter=_evidence)
    event_date: datetime.date | None = None
    child_name: str | None = None
    child_sex: Sex | None = None
    destination: str | None = None
    delivery: Delivery = Delivery.PICKUP
    reprint_of: str | None = None
    reported_on: datetime.date | None = None
    district_office: str | None = attrs.field(default=None, converter=_district_office)
    #: What a correction asks for (only on a PERBAIKAN-DATA form).
    details: CorrectionRequest | None = None

    def __attrs_post_init__(self) -> None:
        # Every field is checked here, so a form the office accepts can always be saved.
        document_type(self.document).variant(self.variant)  # unknown codes are refused
        require_member(self.channel, Channel, "channel")
        require_member(self.delivery, Delivery, "delivery")
        if self.event_date is not None:
            require_date(self.event_date, "event_date")
        if self.reported_on is not None:
            require_date(self.reported_on, "reported_on")
        if self.child_sex is not None:
            require_member(self.child_sex, Sex, "child_sex")
        if self.details is not None:
            require_member(self.details, CorrectionRequest, "details")
        for name in ("child_name", "destination", "reprint_of"):
            value = getattr(self, name)
            if value is not None:
                require_text(value, name, empty=True)

    def with_evidence(self, *kinds: Evidence) -> Form:
        """Return the form with more evidence attached."""
        return attrs.evolve(self, evidence=self.evidence | frozenset(kinds))
