"""A register as plain values, and a register rebuilt from them, checked: what snapshots keep.

A register's journal determines it (:meth:`Registry.replay`), but replaying a long journal
checks every rule again at every event. A :class:`RegisterState` holds what the register holds
(its residents, families, marriages, retired KK numbers and journal) so that a durable store
can rebuild it without the replay: :func:`registry_from_state` checks that the parts fit
together (every member a resident, one family each, marriages between residents) and that every
rule of the register holds, and refuses anything else with a typed error. Whether the state is
the one its journal leads to is what :meth:`Registry.replay` answers; a store's ``verify()``
asks it.

>>> from adminduk.samples import sample_registry
>>> registry = sample_registry()
>>> registry_from_state(state_of(registry)) == registry
True
"""

from __future__ import annotations

import attrs

from adminduk import regions
from adminduk._privacy import mask
from adminduk.errors import DuplicateRecord, InvalidFormat, InvariantViolation
from adminduk.register._handlers import HANDLERS
from adminduk.register.events import DocumentIssued, DocumentWithdrawn, Event
from adminduk.register.family import Family
from adminduk.register.registry import Registry
from adminduk.register.resident import Resident

__all__ = ["RegisterState", "registry_from_state", "state_of"]


@attrs.frozen
class RegisterState:
    """Everything a register holds, as values (see :func:`state_of`).

    ``marriages`` are pairs of NIKs, the smaller first; ``retired`` the KK numbers of families
    that no longer exist (never given out again).
    """

    area: str | None
    residents: tuple[Resident, ...]
    families: tuple[Family, ...]
    marriages: tuple[tuple[str, str], ...]
    retired: tuple[str, ...]
    journal: tuple[Event, ...]


def state_of(registry: Registry) -> RegisterState:
    """What ``registry`` holds, as a :class:`RegisterState` (the same objects, not copies)."""
    return RegisterState(
        area=registry.area,
        residents=tuple(registry.residents()),
        families=tuple(registry.families()),
        marriages=registry.marriages(),
        retired=tuple(sorted(registry.retired_numbers())),
        journal=registry.journal,
    )


def _require_all(values: object, kind: type, name: str) -> None:
    if not isinstance(values, tuple) or not all(isinstance(v, kind) for v in values):
        raise InvalidFormat(f"a register state's {name} must be a tuple of {kind.__name__}")


def registry_from_state(state: RegisterState, *, check_rules: bool = True) -> Registry:
    """A register holding ``state``, once its parts fit together and every rule holds.

    Refused with an :class:`~adminduk.errors.AdmindukError` (nothing built) when a value has
    the wrong type, a NIK or KK number is used twice, a member is not a resident or is on two
    cards, a marriage names someone unknown or twice, or a rule of the register is broken.
    ``check_rules=False`` leaves out the last (:meth:`Registry.check`), for a state known to
    come from a register that kept them (a snapshot sealed with the office key); how the parts
    fit together is checked all the same.
    """
    if not isinstance(state, RegisterState):
        raise InvalidFormat(f"expected a RegisterState, not {type(state).__name__}")
    _require_all(state.residents, Resident, "residents")
    _require_all(state.families, Family, "families")
    _require_all(state.retired, str, "retired numbers")
    _require_all(state.journal, Event, "journal")
    if not isinstance(state.marriages, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(n, str) for n in pair)
        for pair in state.marriages
    ):
        raise InvalidFormat("a register state's marriages must be pairs of NIKs")
    for event in state.journal:
        if type(event) not in HANDLERS:
            raise InvalidFormat(f"{type(event).__name__} is not a life event the register knows")
    if state.area is not None and not isinstance(state.area, str):
        raise InvalidFormat("a register state's area is a region code or None")
    registry = Registry(area=None if state.area is None else regions.get(state.area).code)
    residents = registry._residents
    for resident in state.residents:
        if resident.nik in residents:
            raise DuplicateRecord(f"NIK {mask(resident.nik)} is in the state twice")
        residents[resident.nik] = resident
    families, family_of = registry._families, registry._family_of
    for family in state.families:
        if family.number in families:
            raise DuplicateRecord(f"KK number {mask(family.number)} is in the state twice")
        families[family.number] = family
        for member in family.niks():
            if member not in residents:
                raise InvariantViolation(
                    f"{mask(member)} is on KK {mask(family.number)} but not a resident",
                    rule="one-family",
                )
            if member in family_of:
                raise InvariantViolation(
                    f"{mask(member)} is on two family cards", rule="one-family"
                )
            family_of[member] = family.number
    retired = set(state.retired)
    if retired & families.keys() or len(retired) != len(state.retired):
        raise DuplicateRecord("a KK number is both retired and in use, or retired twice")
    registry._retired.update(retired)
    spouse = registry._spouse
    for first, second in state.marriages:
        if first == second or first in spouse or second in spouse:
            raise InvariantViolation(
                f"{mask(first)} is in two marriages or married to themselves",
                rule="spouses-married",
            )
        if first not in residents or second not in residents:
            raise InvariantViolation(
                "a marriage names someone who is not a resident", rule="spouses-married"
            )
        spouse[first], spouse[second] = second, first
    registry._journal.extend(state.journal)
    for event in state.journal:
        if isinstance(event, DocumentIssued):
            record = event.record
            for holder in record.holders:
                if holder not in residents:
                    raise InvariantViolation(
                        f"the {record.document} names {mask(holder)}, who is not a resident",
                        rule="nik-unique",
                    )
            registry._keep(record)
        elif isinstance(event, DocumentWithdrawn):
            key = (event.document, event.number)
            if key not in registry._printings or key in registry._withdrawn:
                raise InvariantViolation(
                    f"the journal withdraws {event.document} {event.number[:40]}, which it does "
                    "not hold in force",
                    rule="nik-unique",
                )
            registry._withdrawn[key] = event
    if check_rules:
        registry.check()
    return registry
