"""Life events: the only way the population register changes.

Each event is an immutable value that says what happened (``occurred_on``) and when the office
recorded it (``recorded_on``). :meth:`adminduk.Registry.apply` checks it against the register and
applies it atomically; the register's journal keeps the event as applied, with every number the
register allocated (a newborn's NIK, a new KK number) filled in, so replaying a journal never
depends on how numbers are allocated.

The legal basis of each change is UU 23/2006 as amended by UU 24/2013 (population administration)
and Perpres 96/2018 (registration requirements); each class cites its article.
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

import attrs

from adminduk._fields import (
    compact_kk,
    compact_nik,
    masked_repr,
    nik_field,
    optional_kk,
    optional_nik,
    require_date,
    require_member,
    require_text,
)
from adminduk._privacy import redacted_repr
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register.address import Address
from adminduk.register.family import Family
from adminduk.register.issued import IssuedDocument
from adminduk.register.resident import Resident

__all__ = [
    "CARD_STATUSES",
    "CORRECTABLE",
    "Birth",
    "DataCorrection",
    "Death",
    "Divorce",
    "DocumentIssued",
    "DocumentWithdrawn",
    "Event",
    "EventDates",
    "FamilyRegistered",
    "FamilySplit",
    "Household",
    "KTPElCardUpdated",
    "KTPElRecorded",
    "Marriage",
    "MoveIn",
    "MoveOut",
    "MoveWithin",
    "Relationships",
    "as_text",
    "from_text",
    "involved",
]

#: Relationships (SHDK) assigned to residents by NIK, as an immutable tuple of pairs.
Relationships = tuple[tuple[str, Relationship], ...]


def _relationships(
    value: Mapping[str, Relationship] | Iterable[tuple[str, Relationship]],
) -> Relationships:
    pairs = tuple(value.items() if isinstance(value, Mapping) else value)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidFormat("relationships must be (NIK, Relationship) pairs")
        require_member(pair[1], Relationship, "each relationship")
    pairs = tuple((compact_nik(number), relationship) for number, relationship in pairs)
    if len({number for number, _ in pairs}) != len(pairs):
        raise InvalidComponent("relationships name a resident twice")
    return pairs


def _niks(value: Iterable[str]) -> tuple[str, ...]:
    numbers = tuple(compact_nik(number) for number in value)
    if len(set(numbers)) != len(numbers):
        raise InvalidComponent("the same NIK is named twice")
    return numbers


class EventDates(TypedDict):
    """The two dates every event carries, for passing them along with ``**dates``."""

    occurred_on: datetime.date
    recorded_on: datetime.date


def _residents(value: Iterable[Resident]) -> tuple[Resident, ...]:
    return tuple(value)


def _previous(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = tuple(tuple(pair) for pair in value)
    for pair in pairs:
        if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
            raise InvalidFormat("previous values are (field, old value) pairs of text")
    return pairs  # type: ignore[return-value]


@redacted_repr
@attrs.frozen(kw_only=True)
class Event:
    """Base of every life event: when it happened and when the office recorded it."""

    occurred_on: datetime.date
    recorded_on: datetime.date

    def __attrs_post_init__(self) -> None:
        require_date(self.occurred_on, "occurred_on")
        require_date(self.recorded_on, "recorded_on")
        if self.recorded_on < self.occurred_on:
            raise InvalidComponent(
                f"an event cannot be recorded ({self.recorded_on}) before it happened "
                f"({self.occurred_on})"
            )


@redacted_repr
@attrs.frozen(kw_only=True)
class FamilyRegistered(Event):
    """An existing family enters the register with its residents (data migration, first KK).

    Pasal 58 UU 24/2013: the consolidated population data (DKB) holds every resident's data.
    """

    family: Family
    residents: tuple[Resident, ...] = attrs.field(converter=_residents)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_member(self.family, Family, "family")
        for resident in self.residents:
            require_member(resident, Resident, "each resident")


@redacted_repr
@attrs.frozen(kw_only=True)
class Birth(Event):
    """A child is born (``occurred_on`` is the birth date) and joins a parent's family.

    Pasal 27 UU 24/2013: every birth is reported within 60 days. The child joins ``family`` (by
    default the mother's family, else the father's) as a child of the head, or as a grandchild
    when the parent is a child of the head. The register allocates the NIK (free serial for the
    family's district, the birth date and the sex) unless ``nik`` is given.
    """

    name: str
    sex: Sex
    birth_place: str
    mother: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    father: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    religion: Religion | None = None
    family: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)
    nik: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_text(self.name, "name")
        require_text(self.birth_place, "birth_place")
        require_member(self.sex, Sex, "sex")
        if self.religion is not None:
            require_member(self.religion, Religion, "religion")
        if self.mother is None and self.father is None:
            raise InvalidComponent("a birth names the mother, the father or both")


@redacted_repr
@attrs.frozen(kw_only=True)
class Death(Event):
    """A resident dies (Pasal 44 UU 24/2013: reported within 30 days).

    The resident leaves their family; a surviving spouse becomes widowed (cerai mati). When the
    head dies and others remain, ``new_head`` names the new head (by default the surviving spouse
    in the family); ``relationships`` re-codes other members relative to the new head.
    """

    nik: str = nik_field()
    new_head: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    relationships: Relationships = attrs.field(default=(), converter=_relationships, repr=False)


class Household(enum.Enum):
    """Where a newly married couple lives, as families."""

    NEW = "new"  #: a new family (new KK) headed by the husband
    HUSBANDS = "husbands"  #: the wife joins the husband's family
    WIFES = "wifes"  #: the husband joins the wife's family
    SEPARATE = "separate"  #: each stays in their family (the KK data changes only)

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _HOUSEHOLD_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _HOUSEHOLD_LABELS[self][1]


_HOUSEHOLD_LABELS: dict[Household, tuple[str, str]] = {
    Household.NEW: ("KK baru dikepalai suami", "a new family card headed by the husband"),
    Household.HUSBANDS: ("istri masuk KK suami", "the wife joins the husband's family"),
    Household.WIFES: ("suami masuk KK istri", "the husband joins the wife's family"),
    Household.SEPARATE: ("tetap di KK masing-masing", "each stays in their own family"),
}


@redacted_repr
@attrs.frozen(kw_only=True)
class Marriage(Event):
    """Two residents marry (Pasal 34 UU 23/2006: reported within 60 days).

    Both must be alive and not married. ``registered`` tells a registered marriage (kawin
    tercatat) from one that is not (kawin belum tercatat, with SPTJM F-1.05). ``household`` says
    what happens to their families; a new family lives at ``address`` (default: the husband's).
    """

    husband: str = nik_field()
    wife: str = nik_field()
    registered: bool = True
    household: Household = Household.NEW
    address: Address | None = None
    family_number: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_member(self.household, Household, "household")
        if self.husband == self.wife:
            raise InvalidComponent("a marriage needs two different residents")


@redacted_repr
@attrs.frozen(kw_only=True)
class Divorce(Event):
    """A married couple divorces (Pasal 40 UU 23/2006: reported within 60 days of the decision).

    ``occurred_on`` is the date the court decision became final. When the couple shares a family,
    the spouse who is not the head leaves it, with ``children`` if any: into a new family at
    ``address`` (default: the same address), or into the family ``join`` as ``relationship``.
    """

    husband: str = nik_field()
    wife: str = nik_field()
    registered: bool = True
    children: tuple[str, ...] = attrs.field(default=(), converter=_niks, repr=False)
    address: Address | None = None
    join: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)
    relationship: Relationship = Relationship.OTHER_RELATIVE
    family_number: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)


@redacted_repr
@attrs.frozen(kw_only=True)
class _Leaving(Event):
    """Shared fields of events that take residents out of a family."""

    new_head: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    relationships: Relationships = attrs.field(default=(), converter=_relationships, repr=False)


@redacted_repr
@attrs.frozen(kw_only=True)
class MoveWithin(_Leaving):
    """Residents move within the register's area (Pasal 29 Permendagri 108/2019; no SKPWNI).

    A whole family moving gets a new KK number at the new ``address``; part of a family forms a
    new family there (``relationships`` names its head), or joins the family ``join``.
    ``new_head`` and ``relationships`` also re-code the family left behind when its head moves.
    """

    niks: tuple[str, ...] = attrs.field(converter=_niks, repr=False)
    address: Address | None = None
    join: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)
    family_number: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.niks:
            raise InvalidComponent("a move names at least one resident")
        if (self.address is None) is (self.join is None):
            raise InvalidComponent("a move goes either to a new address or into a family (join)")


@redacted_repr
@attrs.frozen(kw_only=True)
class MoveOut(_Leaving):
    """Residents leave the area with a moving letter (SKPWNI, Pasal 25(3) Perpres 96/2018).

    Their NIKs never change; they become ``MOVED_OUT`` and leave their family.
    """

    niks: tuple[str, ...] = attrs.field(converter=_niks, repr=False)
    skpwni: str
    destination: str

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.niks:
            raise InvalidComponent("a move names at least one resident")
        require_text(self.skpwni, "skpwni")


@redacted_repr
@attrs.frozen(kw_only=True)
class MoveIn(Event):
    """Residents arrive from another regency or province with an SKPWNI (Pasal 25 Perpres 96/2018).

    They keep their NIKs. They form a new family at ``address`` (``relationships`` names its
    head) or join the family ``join`` (``relationships`` gives each their place).
    """

    residents: tuple[Resident, ...] = attrs.field(converter=_residents)
    skpwni: str
    origin: str
    relationships: Relationships = attrs.field(converter=_relationships, repr=False)
    address: Address | None = None
    join: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)
    family_number: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.residents:
            raise InvalidComponent("a move names at least one resident")
        for resident in self.residents:
            require_member(resident, Resident, "each resident")
        require_text(self.skpwni, "skpwni")
        if (self.address is None) is (self.join is None):
            raise InvalidComponent("arrivals form a family at an address or join one, not both")


@redacted_repr
@attrs.frozen(kw_only=True)
class FamilySplit(Event):
    """Part of a family takes its own KK at the same address (pisah KK, Perpres 96/2018).

    ``relationships`` gives the leaving residents their places in the new family, exactly one
    of them the head (17 or older, or married). The head of the old family cannot leave by a split.
    """

    family: str = attrs.field(converter=compact_kk, repr=masked_repr)
    relationships: Relationships = attrs.field(converter=_relationships, repr=False)
    family_number: str | None = attrs.field(default=None, converter=optional_kk, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.relationships:
            raise InvalidComponent("a split names at least one resident")


@redacted_repr
@attrs.frozen(kw_only=True)
class DataCorrection(Event):
    """Corrected data of a resident: a clerical error or a change with its legal basis.

    Pembetulan (Pasal 71 UU 24/2013; Perpres 96/2018 Pasal 59) and changes of data with their
    evidence (Perpres 96/2018; a change of name on a court decision, Pasal 52 UU 23/2006). Only
    the fields given change. A corrected birth date or sex leaves the NIK as it is (a NIK is for
    life, Pasal 13 UU 24/2013): the resident keeps what the NIK encodes beside
    (``Resident.nik_birth_date``, ``nik_sex``). ``previous`` is filled in when the correction is
    applied: each changed field's old value, as text, so the history keeps old and new.
    """

    nik: str = nik_field()
    name: str | None = None
    birth_place: str | None = None
    birth_date: datetime.date | None = None
    sex: Sex | None = None
    religion: Religion | None = None
    education: Education | None = None
    occupation: Occupation | None = None
    blood_type: BloodType | None = None
    citizenship: Citizenship | None = None
    father_name: str | None = None
    mother_name: str | None = None
    previous: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_previous)

    def changes(self) -> dict[str, Any]:
        """Return the fields this correction changes, by name."""
        return {
            field.name: getattr(self, field.name)
            for field in attrs.fields(DataCorrection)
            if field.name not in _NOT_CHANGES and getattr(self, field.name) is not None
        }

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not self.changes():
            raise InvalidComponent("a data correction changes at least one field")
        if self.birth_date is not None:
            require_date(self.birth_date, "birth_date")
        if self.sex is not None:
            require_member(self.sex, Sex, "sex")


_NOT_CHANGES = frozenset({"nik", "occurred_on", "recorded_on", "previous"})

#: The resident's data a correction may change (as on F-1.01), with each field's type.
CORRECTABLE: Mapping[str, Any] = {
    field.name: typing.get_args(field.type)[0]
    for field in attrs.fields(attrs.resolve_types(DataCorrection))
    if field.name not in _NOT_CHANGES
}


def as_text(value: object) -> str:
    """A corrected field's value as text: a code's number, a date in ISO, text as it is.

    The form a correction request carries and the history keeps (``DataCorrection.previous``).

    >>> as_text(Religion.ISLAM), as_text(datetime.date(2005, 1, 1)), as_text("Ani")
    ('1', '2005-01-01', 'Ani')
    """
    if isinstance(value, enum.Enum) and hasattr(value, "code"):
        return str(value.code)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def from_text(field: str, text: str) -> Any:
    """The value of correctable ``field`` written as ``text`` (see :func:`as_text`).

    >>> from_text("religion", "1"), from_text("birth_date", "2005-01-01")
    (<Religion.ISLAM: 1>, datetime.date(2005, 1, 1))
    """
    kind = CORRECTABLE.get(field) if isinstance(field, str) else None
    if kind is None:
        raise InvalidComponent(
            f"{str(field)[:40]!r} cannot be corrected; the fields are {', '.join(CORRECTABLE)}"
        )
    if not isinstance(text, str):
        raise InvalidFormat(f"a corrected value is text, not {type(text).__name__}")
    if kind is str:
        require_text(text, field)
        return text
    if kind is datetime.date:
        try:
            return datetime.date.fromisoformat(text) if len(text) == 10 else _no_date(text)
        except ValueError:
            return _no_date(text)
    if not (text.isascii() and text.isdigit() and len(text) <= 3):
        raise InvalidComponent(f"{field} is written as its code number, not {text[:20]!r}")
    return kind.from_code(int(text))


def _no_date(text: str) -> Any:
    raise InvalidComponent(f"{text[:20]!r} is not a date (YYYY-MM-DD)")


@redacted_repr
@attrs.frozen(kw_only=True)
class DocumentWithdrawn(Event):
    """An issued certificate withdrawn without a replacement: annulled by a final court decision.

    Pembatalan (Pasal 72 UU 23/2006; Perpres 96/2018): only on a final (inkracht) court
    decision, whose number ``basis`` names. The register keeps the certificate in its holders'
    history and answers that it is withdrawn (:meth:`Registry.withdrawal`); what else the
    decision changes in the register is applied as the events it orders.
    """

    document: str
    number: str
    basis: str

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_text(self.document, "document")
        require_text(self.number, "number")
        require_text(self.basis, "basis")


@redacted_repr
@attrs.frozen(kw_only=True)
class KTPElRecorded(Event):
    """A resident's KTP-el biometrics are recorded (Pasal 63 UU 24/2013), at the office or at home.

    The resident must be alive and required to hold a KTP-el on that date (17 or older, or
    married or ever married).
    """

    nik: str = nik_field()


#: The card statuses the workflow sets after recording, in the card's order (SIAK).
CARD_STATUSES = (KTPElStatus.PRINTED, KTPElStatus.SHIPPED, KTPElStatus.ISSUED)


@redacted_repr
@attrs.frozen(kw_only=True)
class KTPElCardUpdated(Event):
    """A resident's KTP-el card moves on: printed, shipped, or issued (handed over).

    The register's KTP-el status follows the card as the workflow moves (SIAK: sudah rekam ->
    card printed -> card shipped -> card issued), so coverage counted from the register agrees
    with the applications. A card is printed only for recorded biometrics (Pasal 64 UU
    24/2013), shipped and issued only once a card was printed; with two cards in flight (a
    replacement filed before the first arrived) the status follows the latest.
    """

    nik: str = nik_field()
    status: KTPElStatus

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_member(self.status, KTPElStatus, "status")
        if self.status not in CARD_STATUSES:
            raise InvalidComponent(
                f"a card update sets printed, shipped or issued, not {self.status.label_en}"
            )


@redacted_repr
@attrs.frozen(kw_only=True)
class DocumentIssued(Event):
    """A document is issued: the register keeps its record in each holder's history.

    The workflows apply it on issue, in the same transaction as the register change the
    document makes (:meth:`adminduk.register.Registry.apply_all`).
    """

    record: IssuedDocument

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not isinstance(self.record, IssuedDocument) or type(self.record) is IssuedDocument:
            raise InvalidFormat(
                f"a DocumentIssued carries an issued document, not {type(self.record).__name__}"
            )


#: The fields of events that hold one NIK.
_NUMBERS = frozenset({"nik", "mother", "father", "husband", "wife", "kept", "retired"})


def involved(event: Event) -> frozenset[str]:
    """Every NIK an event names (the people it changes).

    >>> from adminduk.samples import SIAP_KELUARGA
    >>> import datetime
    >>> day = datetime.date(2026, 1, 5)
    >>> involved(KTPElRecorded(nik=SIAP_KELUARGA.head, occurred_on=day, recorded_on=day)) == {
    ...     SIAP_KELUARGA.head}
    True
    """
    found: set[str] = set()
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if field.name in _NUMBERS and value is not None:
            found.add(value)
        elif field.name in ("niks", "children"):
            found.update(value)
        elif field.name == "relationships":
            found.update(number for number, _ in value)
        elif field.name == "residents":
            found.update(resident.nik for resident in value)
    return frozenset(found)
