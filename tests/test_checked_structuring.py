"""The checked builders behind reading documents agree with cattrs' own hooks on every input.

Each class read from documents has a structure hook (``adminduk._fields.checked_builder``)
that checks each value once and builds the instance directly, handing anything unusual to
cattrs' generated hook. These tests mutate valid documents at random and check that both give
the same value, or refuse with the same messages.
"""

from __future__ import annotations

import datetime
from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import Address, Family, Membership, Resident, strategies
from adminduk import serialization as s
from adminduk.applications import Action, Status
from adminduk.codes import Sex
from adminduk.errors import InvalidFormat
from adminduk.identifiers import nik
from adminduk.register.events import FamilyRegistered
from adminduk.samples import family_event, make_resident, sample_registry

#: Strings each valid for some field but not as the documents write them, or not for all.
NEAR_MISSES = st.sampled_from(
    ["", " ", "1", " 7 ", "003", "1000", "2026-02-30", "2026-01-01", "1808012006", "18.08.01.2006"]
)
#: JSON values a mutation puts in place of a field's value (near misses half of the time).
JSON_VALUES = NEAR_MISSES | st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 100)
    | st.floats(allow_nan=False)
    | NEAR_MISSES
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def outcome(hook: Any, data: Any, kind: Any) -> tuple[Any, ...]:
    """What a hook makes of ``data``: the value, or the error's type and messages."""
    try:
        return ("value", hook(data, kind))
    except cattrs.BaseValidationError as exc:
        return ("refused", type(exc).__name__, tuple(cattrs.transform_error(exc)))
    except Exception as exc:
        return ("refused", type(exc).__name__, str(exc))


@st.composite
def mutated(draw: st.DrawFn, document: Any, other: Any) -> Any:
    """``document`` (plain data) with up to three random changes somewhere inside it.

    A change may take a value from ``other``, a second valid document of the same kind, so
    that each value is valid alone and only the checks across fields can refuse the mix.
    """
    for _ in range(draw(st.integers(0, 3))):
        document = mutate(draw, document, other)
    return document


def mutate(draw: st.DrawFn, value: Any, other: Any) -> Any:
    """One change: swap in the other document's value, replace, drop or add a key."""
    if isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value)))
        action = draw(st.sampled_from(["descend", "swap", "swap", "replace", "drop", "add"]))
        changed = dict(value)
        theirs = other.get(key) if isinstance(other, dict) else None
        if action == "descend":
            changed[key] = mutate(draw, value[key], theirs)
        elif action == "swap":
            changed[key] = theirs
            changed[key] = draw(JSON_VALUES)
        elif action == "drop":
            del changed[key]
        else:
            changed[draw(st.sampled_from(["extra", key + "_"]))] = draw(JSON_VALUES)
        return changed
    if isinstance(value, list) and value:
        index = draw(st.integers(0, len(value) - 1))
        changed_list = list(value)
        theirs = other[index] if isinstance(other, list) and index < len(other) else None
        changed_list[index] = mutate(draw, value[index], theirs)
        return changed_list
    return draw(JSON_VALUES)


REGISTRATIONS = strategies.family_registrations(max_size=4)
#: Each case: valid values, and the class to read them as.
CASES: dict[str, st.SearchStrategy[tuple[type, Any]]] = {
    "address": strategies.addresses().map(lambda value: (Address, value)),
    "resident": strategies.residents().map(lambda value: (Resident, value)),
    "family": REGISTRATIONS.map(lambda event: (Family, event.family)),
    "membership": REGISTRATIONS.map(lambda event: (Membership, event.family.members[-1])),
    "family_registered": REGISTRATIONS.map(lambda event: (FamilyRegistered, event)),
    "life_event": strategies.life_events(sample_registry()).map(lambda e: (type(e), e)),
    "action": strategies.applications_in(status=Status.COLLECTED)
    .flatmap(lambda application: st.sampled_from(application.history))
    .map(lambda action: (Action, action)),
}


@pytest.mark.parametrize("case", sorted(CASES))
@settings(max_examples=300, deadline=None, database=None)
@given(data=st.data())
def test_the_checked_hook_agrees_with_cattrs(case: str, data: st.DataObject) -> None:
    """Valid or mutated, a document gives the same value or the same refusal both ways."""
    kind, value = data.draw(CASES[case])
    plain = s.converter.unstructure(value, kind)
    other_kind, other_value = data.draw(CASES[case])
    other = s.converter.unstructure(other_value, other_kind)
    document = data.draw(mutated(plain, other))
    hook: Any = s.converter.get_structure_hook(kind)
    assert outcome(hook, document, kind) == outcome(hook.fallback, document, kind)
    if document == plain:
        assert outcome(hook, document, kind) == ("value", value)


def test_each_number_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a resident checks its NIK once (cattrs' hook, then the class, checked it twice)."""
    resident = s.converter.unstructure(
        make_resident("Sri Wahyuni", Sex.FEMALE, datetime.date(1990, 3, 4)), Resident
    )
    calls: list[str] = []
    original = nik.validate

    def counting(number: str, **options: Any) -> str:
        calls.append(number)
        return original(number, **options)

    monkeypatch.setattr(nik, "validate", counting)
    hook: Any = s.converter.get_structure_hook(Resident)
    hook(resident, Resident)
    assert len(calls) == 1
    calls.clear()
    hook.fallback(resident, Resident)
    assert len(calls) == 2


def test_an_unusual_document_is_refused_with_cattrs_paths() -> None:
    """A wrong type deep in a journal still names its path, as cattrs' own hook did."""
    plain = s.unstructure(family_event())
    plain["data"]["residents"][1]["birth_date"] = 19900304
    with pytest.raises(InvalidFormat, match=r"@ \$\.data\.residents\[1\]\.birth_date"):
        s.structure(plain)
