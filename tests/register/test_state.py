"""A register rebuilt from its parts (adminduk.register.state): what a snapshot holds is
refused unless its parts fit together and every rule holds (issue 25).

Each case is a register state a forged or damaged snapshot could carry, made from a real one;
each is refused with a typed error and builds nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import cache
from typing import Any

import attrs
import pytest

from adminduk import Registry
from adminduk.errors import AdmindukError, DuplicateRecord, InvalidFormat, InvariantViolation
from adminduk.register import RegisterState, registry_from_state, state_of
from adminduk.register.events import DocumentIssued, DocumentWithdrawn, Event
from adminduk.samples import sample_issued, sample_registry, sample_staff
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)


@cache
def _registry() -> Registry:
    """The sample register with a marriage, a certificate and a KK printed."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    sample_issued("AKTA-LAHIR", on=ON, office=office)
    return office.registry


def _state() -> RegisterState:
    return state_of(_registry())


def test_a_state_rebuilds_the_same_register() -> None:
    """The parts of a register, put back together, are that register."""
    assert registry_from_state(_state()) == _registry()


def _with(state: RegisterState, **changes: Any) -> RegisterState:
    """``state`` with ``changes``, of any type (what a forged snapshot could hold)."""
    return attrs.evolve(state, **changes)


def _two_cards(state: RegisterState) -> RegisterState:
    family = state.families[0]
    other = attrs.evolve(family, number=f"{family.number[:12]}9999")
    return attrs.evolve(state, families=(*state.families, other))


def _withdrawn_unknown(state: RegisterState) -> RegisterState:
    withdrawal = DocumentWithdrawn(
        occurred_on=ON,
        recorded_on=ON,
        document="AKTA-LAHIR",
        number="1808-LU-02032026-9999",
        basis="Putusan PN Blambangan Umpu No. 1/2026",
    )
    return attrs.evolve(state, journal=(*state.journal, withdrawal))


def _married_twice(state: RegisterState) -> RegisterState:
    first, second = state.marriages[0]
    stranger = next(r.nik for r in state.residents if r.nik not in (first, second))
    return attrs.evolve(state, marriages=(*state.marriages, (first, stranger)))


def _unknown_holder(state: RegisterState) -> RegisterState:
    issued = next(e for e in state.journal if isinstance(e, DocumentIssued))
    record = attrs.evolve(issued.record, number=f"{issued.record.number[:-4]}9999")
    record = attrs.evolve(record, holders=("1808010101200009",))  # nobody in the register
    forged = attrs.evolve(issued, record=record)
    return attrs.evolve(state, journal=(*state.journal, forged))


FORGERIES: dict[str, tuple[Callable[[RegisterState], Any], type[AdmindukError]]] = {
    "residents not a tuple": (
        lambda s: _with(s, residents=list(s.residents)),
        InvalidFormat,
    ),
    "a resident that is text": (
        lambda s: _with(s, residents=(*s.residents, "1808011708870012")),
        InvalidFormat,
    ),
    "marriages not pairs": (
        lambda s: _with(s, marriages=((s.marriages[0][0],),)),
        InvalidFormat,
    ),
    "marriages of numbers": (lambda s: _with(s, marriages=((1, 2),)), InvalidFormat),
    "marriages of three": (
        lambda s: _with(s, marriages=((*s.marriages[0], s.residents[0].nik),)),
        InvalidFormat,
    ),
    "an event the register does not know": (
        lambda s: _with(s, journal=(*s.journal, Event(occurred_on=ON, recorded_on=ON))),
        InvalidFormat,
    ),
    "a document held by a stranger": (_unknown_holder, InvariantViolation),
    "marriages not a tuple": (
        lambda s: _with(s, marriages=list(s.marriages)),
        InvalidFormat,
    ),
    "an area that is a number": (lambda s: _with(s, area=1808), InvalidFormat),
    "the journal holding text": (
        lambda s: _with(s, journal=(*s.journal, "Birth")),
        InvalidFormat,
    ),
    "a resident twice": (
        lambda s: _with(s, residents=(*s.residents, s.residents[0])),
        DuplicateRecord,
    ),
    "a family twice": (
        lambda s: _with(s, families=(*s.families, s.families[0])),
        DuplicateRecord,
    ),
    "a member who is not a resident": (
        lambda s: _with(s, residents=tuple(r for r in s.residents if r.nik != s.families[0].head)),
        InvariantViolation,
    ),
    "a member on two cards": (_two_cards, InvariantViolation),
    "a retired number in use": (
        lambda s: _with(s, retired=(*s.retired, s.families[0].number)),
        DuplicateRecord,
    ),
    "a number retired twice": (
        lambda s: _with(s, retired=("1808010101200001", "1808010101200001")),
        DuplicateRecord,
    ),
    # Two equal texts that are not one object, as a snapshot read from JSON gives them.
    "married to oneself": (
        lambda s: _with(s, marriages=((s.marriages[0][0], "".join(list(s.marriages[0][0]))),)),
        InvariantViolation,
    ),
    "married twice": (_married_twice, InvariantViolation),
    "married to a stranger": (
        lambda s: _with(s, marriages=((s.marriages[0][0], "9999999999999999"),)),
        InvariantViolation,
    ),
    "a withdrawal of what was never printed": (_withdrawn_unknown, InvariantViolation),
}


@pytest.mark.parametrize("name", sorted(FORGERIES))
def test_a_state_whose_parts_do_not_fit_is_refused(name: str) -> None:
    """Each forged state is refused with its typed error, with or without the rules checked."""
    forge, error = FORGERIES[name]
    forged = forge(_state())
    for check_rules in (True, False):
        with pytest.raises(error):
            registry_from_state(forged, check_rules=check_rules)


def test_a_register_of_no_area_rebuilds() -> None:
    """A register for no particular area (``area=None``) is a state like any other."""
    unbound = Registry.replay(_registry().journal[:1])
    assert unbound.area is None
    assert registry_from_state(state_of(unbound)) == unbound


def test_only_a_register_state_is_read() -> None:
    """Anything else is refused before a register is made."""
    with pytest.raises(InvalidFormat, match="RegisterState"):
        registry_from_state(_registry())  # type: ignore[arg-type]


def test_the_rules_are_checked_unless_the_state_is_vouched_for() -> None:
    """Spouses whose marriage is left out fit together but break a rule: refused when the rules
    are checked, taken when the caller vouches for the state (a snapshot sealed with the key).
    """
    unmarried = attrs.evolve(_state(), marriages=())
    with pytest.raises(InvariantViolation):
        registry_from_state(unmarried)
    assert registry_from_state(unmarried, check_rules=False).marriages() == ()
