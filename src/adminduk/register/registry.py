"""The population register (data kependudukan): residents, families, and a journal of events.

The register holds what a regency office's consolidated data (DKB) holds. It changes only through
life events (:mod:`adminduk.register.events`), each applied atomically: the event is checked against every
rule of the register (:data:`adminduk.register.rules.RULES`) where it touches it, and either applied whole
or refused with a typed :class:`~adminduk.errors.RegistryError` that leaves the register exactly
as it was. Every applied event is kept, in order, in :attr:`Registry.journal`;
:meth:`Registry.replay` rebuilds an equal register from it. The register never reads the clock:
every date comes with the events.

>>> import datetime
>>> from adminduk.codes import Sex
>>> from adminduk.register.events import Birth
>>> from adminduk.samples import SIAP_KELUARGA, family_event
>>> registry = Registry(area="18.08")
>>> _ = registry.apply(family_event())
>>> len(registry.residents()), len(registry.families())
(3, 1)
>>> birth = registry.apply(Birth(
...     occurred_on=datetime.date(2026, 10, 1), recorded_on=datetime.date(2026, 10, 20),
...     name="Bayu Pratama", sex=Sex.MALE, birth_place="Blambangan Umpu",
...     mother=SIAP_KELUARGA.wife, father=SIAP_KELUARGA.head))
>>> registry.resident(birth.nik).father_name
'Budi Santoso'
>>> registry.family_of(birth.nik).member(birth.nik).relationship
<Relationship.CHILD: 4>
>>> Registry.replay(registry.journal, area="18.08") == registry
True
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, ValuesView
from types import MappingProxyType
from typing import TypeVar, cast

from adminduk import regions
from adminduk._privacy import mask
from adminduk.errors import InvalidFormat, UnknownFamily, UnknownResident
from adminduk.register import rules
from adminduk.register._handlers import HANDLERS
from adminduk.register._stage import Stage, StagedView
from adminduk.register.events import DocumentWithdrawn, Event
from adminduk.register.family import Family
from adminduk.register.issued import IssuedDocument
from adminduk.register.merges import DuplicateMerged
from adminduk.register.records import ResidentRecord, resident_records
from adminduk.register.resident import Resident
from adminduk.register.view import RegisterView

__all__ = ["Registry"]

_E = TypeVar("_E", bound=Event)
_K = TypeVar("_K")
_V = TypeVar("_V")


def _refill(mine: dict[_K, _V], theirs: dict[_K, _V]) -> None:
    """Make ``mine`` hold what ``theirs`` holds, keeping the dict (and views of it)."""
    mine.clear()
    mine.update(theirs)


#: Records filed under one key: a tuple while few (no spare slots: the office keeps an entry per
#: holder of every open card), a list once many (appending stays O(1) for a busy holder).
_Filed = tuple[IssuedDocument, ...] | list[IssuedDocument]
_FEW = 8


def _filed(held: _Filed, record: IssuedDocument) -> _Filed:
    """``held`` with ``record`` added: a new tuple while few, the same list appended after."""
    if type(held) is list:
        held.append(record)
        return held
    return (*held, record) if len(held) < _FEW else [*held, record]


def _copied(held: _Filed) -> _Filed:
    """A copy another register may append to without changing ``held``."""
    return list(held) if type(held) is list else held


class Registry:
    """The population register of an area (by default unrestricted; e.g. ``area="18.08"``).

    Lookups by NIK and KK number are dictionary lookups. Two registers are equal when they hold
    the same residents, families, marriages and journal.
    """

    __slots__ = (
        "_area",
        "_documents",
        "_families",
        "_family_of",
        "_free_from",
        "_issued_counts",
        "_journal",
        "_printings",
        "_residents",
        "_retired",
        "_spouse",
        "_withdrawn",
    )

    def __init__(self, *, area: str | None = None) -> None:
        self._area = None if area is None else regions.get(area).code
        self._residents: dict[str, Resident] = {}
        self._families: dict[str, Family] = {}
        self._family_of: dict[str, str] = {}
        self._spouse: dict[str, str] = {}
        self._retired: set[str] = set()
        self._journal: list[Event] = []
        # Each holder's records, and each document's printings: see _filed.
        self._documents: dict[str, _Filed] = {}
        self._issued_counts: dict[tuple[str, datetime.date], int] = {}
        self._printings: dict[tuple[str, str], _Filed] = {}
        self._withdrawn: dict[tuple[str, str], DocumentWithdrawn] = {}
        #: For a kind of number ("nik", "kk") and its 12-digit prefix, the lowest serial that may
        #: be free: every lower one is held by a resident or a family number of this register,
        #: which never gives a number back (a hint for issuing, rebuilt by ``assign``).
        self._free_from: dict[tuple[str, str], int] = {}

    # --- reading -------------------------------------------------------------------------------

    @property
    def area(self) -> str | None:
        """The region code the register covers, or ``None`` for no restriction."""
        return self._area

    @property
    def journal(self) -> tuple[Event, ...]:
        """Every applied event, in order, as applied (allocated numbers filled in).

        A copy: :attr:`journal_length` counts the events without copying them.
        """
        return tuple(self._journal)

    @property
    def journal_length(self) -> int:
        """How many events the journal holds (constant time, unlike ``len(journal)``)."""
        return len(self._journal)

    def residents(self) -> ValuesView[Resident]:
        """All residents ever registered, the dead and moved-out included (a live view)."""
        return self._residents.values()

    def families(self) -> ValuesView[Family]:
        """All current families (a live view)."""
        return self._families.values()

    def resident(self, number: str) -> Resident:
        """Return the resident with NIK ``number``; :class:`UnknownResident` if there is none."""
        found = self._residents.get(number)
        if found is None:
            raise UnknownResident(f"no resident with NIK {mask(number)} in the register")
        return found

    def family(self, number: str) -> Family:
        """Return the family with KK number ``number``; :class:`UnknownFamily` if there is none."""
        found = self._families.get(number)
        if found is None:
            raise UnknownFamily(f"no family with KK number {mask(number)} in the register")
        return found

    def family_of(self, number: str) -> Family | None:
        """Return the family of the resident with NIK ``number`` (``None`` for the dead or gone)."""
        self.resident(number)
        found = self._family_of.get(number)
        return None if found is None else self._families[found]

    def spouse_of(self, number: str) -> str | None:
        """Return the NIK of the resident's spouse, if the register knows the marriage."""
        self.resident(number)
        return self._spouse.get(number)

    def find_resident(self, number: str | None) -> Resident | None:
        """Return the resident with NIK ``number``, or ``None`` (also for ``None``); never raises.

        >>> from adminduk.samples import SIAP_KELUARGA, sample_registry
        >>> sample_registry().find_resident(SIAP_KELUARGA.head).name
        'Budi Santoso'
        >>> Registry().find_resident("1808010101900001") is None
        True
        """
        return None if number is None else self._residents.get(number)

    @property
    def residents_by_nik(self) -> Mapping[str, Resident]:
        """Every resident ever registered, by NIK (a read-only live view; fast bulk lookups)."""
        return MappingProxyType(self._residents)

    def find_spouse(self, number: str | None) -> str | None:
        """Return the NIK of the resident's spouse, or ``None``; never raises."""
        return None if number is None else self._spouse.get(number)

    def find_family(self, number: str | None) -> Family | None:
        """Return the family with KK number ``number``, or ``None``; never raises."""
        return None if number is None else self._families.get(number)

    def family_number_of(self, number: str | None) -> str | None:
        """Return the KK number of the resident's current family, or ``None``; never raises.

        ``None`` for the dead, the moved-out and residents the register does not know.

        >>> from adminduk.samples import SIAP_KELUARGA, sample_registry
        >>> sample_registry().family_number_of(SIAP_KELUARGA.child) == SIAP_KELUARGA.family
        True
        """
        return None if number is None else self._family_of.get(number)

    def family_members_of(self, number: str | None) -> frozenset[str]:
        """Return the NIKs of everyone on the resident's current family card (empty if none)."""
        family = self.find_family(self.family_number_of(number))
        return frozenset() if family is None else frozenset(family.niks())

    def __contains__(self, number: object) -> bool:
        """Whether a resident with NIK ``number`` (alive or not) is in the register."""
        return number in self._residents

    def __len__(self) -> int:
        """The number of residents ever registered (the dead and moved-out included)."""
        return len(self._residents)

    def merged_into(self, number: str) -> str | None:
        """The NIK a duplicate record was merged into, if ``number`` was retired by a merge.

        Read from the journal (:class:`~adminduk.register.events.DuplicateMerged`): merges are
        rare, and the journal is their history.
        """
        for event in reversed(self._journal):
            if isinstance(event, DuplicateMerged) and event.retired == number:
                return event.kept
        return None

    def retired_numbers(self) -> frozenset[str]:
        """KK numbers of families that no longer exist; they are never given out again."""
        return frozenset(self._retired)

    # --- changing ------------------------------------------------------------------------------

    def apply(self, event: _E) -> _E:
        """Apply ``event`` atomically and return it as applied (with allocated numbers).

        Raises a :class:`~adminduk.errors.RegistryError` (or a ``ValidationError`` for values
        that cannot exist) and changes nothing if the event cannot happen or would break a rule.
        """
        handler = HANDLERS.get(type(event))
        if handler is None:
            raise InvalidFormat(f"{type(event).__name__} is not a life event the register knows")
        stage = Stage(self, event.occurred_on)
        applied = handler(stage, event)
        stage.verify()
        stage.commit()
        self._journal.append(applied)
        return cast("_E", applied)

    def apply_all(
        self,
        events: Iterable[Event],
        *,
        then: Callable[[RegisterView, tuple[Event, ...]], Iterable[Event]] | None = None,
    ) -> tuple[Event, ...]:
        """Apply ``events`` in order as one transaction; return them as applied.

        ``then``, if given, is called with the register as it will be after those events (a
        :class:`~adminduk.register.view.RegisterView`) and the applied events, and returns
        more events for the same transaction (the workflows build the issued documents'
        records so). Each event's changes are checked against every rule on that event's day,
        as :meth:`apply` checks them one by one (a batch accepts exactly what applying its
        events in turn accepts); if any event or rule refuses, nothing is applied.
        """
        pending = list(events)
        for event in pending:
            if type(event) not in HANDLERS:
                raise InvalidFormat(
                    f"{type(event).__name__} is not a life event the register knows"
                )
        if not pending and then is None:
            return ()
        stage = Stage(self, pending[0].occurred_on if pending else datetime.date.min)
        applied: list[Event] = []

        def run(batch: Iterable[Event]) -> None:
            for event in batch:
                handler = HANDLERS.get(type(event))
                if handler is None:
                    raise InvalidFormat(
                        f"{type(event).__name__} is not a life event the register knows"
                    )
                stage.on = max(stage.on, event.occurred_on)
                applied.append(handler(stage, event))
                stage.verify(on=event.occurred_on)

        run(pending)
        if then is not None:
            run(tuple(then(StagedView(stage), tuple(applied))))
        stage.commit()
        self._journal.extend(applied)
        return tuple(applied)

    def changed_families(self) -> tuple[str, ...]:
        """None: a register at rest has no pending change (see :class:`RegisterView`)."""
        return ()

    def documents_of(self, number: str | None) -> tuple[IssuedDocument, ...]:
        """Every document issued to the resident with NIK ``number``, oldest first (or none).

        The records come from :class:`~adminduk.register.events.DocumentIssued` events, which
        the workflows apply when they issue a document.
        """
        return () if number is None else tuple(self._documents.get(number, ()))

    def issued_count(self, document: str, on: datetime.date) -> int:
        """How many documents of code ``document`` the register holds as issued on ``on``."""
        return self._issued_counts.get((document, on), 0)

    def printings(self, document: str, number: str) -> tuple[IssuedDocument, ...]:
        """Every printing of document ``document`` numbered ``number``, oldest first.

        A family card is printed again under its KK number at every change; a certificate again
        after a correction, with its margin note. The latest printing is the one in force,
        unless the document was withdrawn (:meth:`withdrawal`).
        """
        return tuple(self._printings.get((document, number), ()))

    def withdrawal(self, document: str, number: str) -> DocumentWithdrawn | None:
        """The annulment of document ``document`` numbered ``number``, if it was annulled."""
        return self._withdrawn.get((document, number))

    def _keep(self, record: IssuedDocument) -> None:
        """File an issued record under its holders, its number and its day (internal)."""
        documents = self._documents
        for holder in record.holders:
            documents[holder] = _filed(documents.get(holder, ()), record)
        key = (record.document, record.number)
        self._printings[key] = _filed(self._printings.get(key, ()), record)
        day = (record.document, record.issued_on)
        self._issued_counts[day] = self._issued_counts.get(day, 0) + 1

    def assign(self, other: Registry) -> None:
        """Make this register hold exactly what ``other`` holds, in place.

        Every reference to this register, and every live view taken from it
        (:meth:`residents`, :attr:`residents_by_nik`, ...), then sees ``other``'s contents: a
        durable office reloading after a refused write uses it, so no one keeps the refused
        change.
        """
        if not isinstance(other, Registry):
            raise InvalidFormat(f"assign takes a Registry, not {type(other).__name__}")
        if other is self:
            return
        self._area = other._area
        _refill(self._residents, other._residents)
        _refill(self._families, other._families)
        _refill(self._family_of, other._family_of)
        _refill(self._spouse, other._spouse)
        _refill(self._issued_counts, other._issued_counts)
        self._documents.clear()
        self._documents.update((nik, _copied(found)) for nik, found in other._documents.items())
        self._printings.clear()
        self._printings.update((key, _copied(found)) for key, found in other._printings.items())
        _refill(self._withdrawn, other._withdrawn)
        self._retired.clear()
        self._retired.update(other._retired)
        self._journal[:] = other._journal
        self._free_from.clear()

    @classmethod
    def replay(cls, events: Iterable[Event], *, area: str | None = None) -> Registry:
        """Return a new register built by applying ``events`` in order."""
        registry = cls(area=area)
        for event in events:
            registry.apply(event)
        return registry

    def records(self) -> Iterator[ResidentRecord]:
        """One flat row per resident (:class:`~adminduk.register.records.ResidentRecord`).

        Members of each family first, where they live, in family and card order; then every
        resident in no family (the dead and the moved out), by NIK, without a place.

        >>> from adminduk.samples import sample_registry
        >>> [(r.relationship, r.district) for r in sample_registry().records()][:2]
        [(1, 180801), (3, 180801)]
        """
        return resident_records(self._residents, self._families.values())

    def marriages(self) -> tuple[tuple[str, str], ...]:
        """Every marriage the register knows, as (husband's or first NIK, other NIK) pairs."""
        pairs = []
        for first, second in self._spouse.items():
            if first < second:
                pairs.append((first, second))
        return tuple(sorted(pairs))

    # --- rules ---------------------------------------------------------------------------------

    def check(self, *, on: datetime.date | None = None) -> None:
        """Check every rule over the whole register; raise :class:`InvariantViolation` if broken.

        ``on`` is the date for the age rule of heads of family (default: the latest event date).
        """
        if on is None:
            on = max((e.occurred_on for e in self._journal), default=datetime.date.min)
        # The register itself is the view the rules read (no staged changes to look through).
        for family in self._families.values():
            rules.check_family(family, self, on, area=self._area)
        for resident in self._residents.values():
            rules.check_membership(resident, self)
        for first, second in self._spouse.items():
            if self._spouse.get(second) != first or first not in self._residents:
                raise rules.violation(
                    "spouses-married", f"NIK {mask(first)} has a one-sided marriage"
                )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return (
            self._area == other._area
            and self._residents == other._residents
            and self._families == other._families
            and self._spouse == other._spouse
            and self._retired == other._retired
            and self._journal == other._journal
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Registry(area={self._area!r}, residents={len(self._residents)}, "
            f"families={len(self._families)}, events={len(self._journal)})"
        )
