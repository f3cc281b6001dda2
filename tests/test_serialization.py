"""Tests of adminduk.serialization: exact round trips and refusal of bad documents."""

from __future__ import annotations

import copy
import datetime
import gc
import json
from typing import Any

import pytest

from adminduk import Address, Family, Registry, Relationship, Resident, Sex, errors
from adminduk import serialization as s
from adminduk.register.events import Birth, Death, Event, FamilySplit, Marriage, MoveIn
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import family_event, make_resident, sample_address

D = datetime.date


@pytest.fixture
def registry() -> Registry:
    """A register with the sample family, a birth, an arrival and a death."""
    register = Registry(area="18.08")
    register.apply(family_event())
    register.apply(
        Birth(
            occurred_on=D(2026, 10, 1),
            recorded_on=D(2026, 10, 9),
            name="Bayu",
            sex=Sex.MALE,
            birth_place="Blambangan Umpu",
            mother=S.wife,
            father=S.head,
        )
    )
    arrival = make_resident("Dedi", Sex.MALE, D(1995, 4, 2), district="31.71.01", serial=5)
    register.apply(
        MoveIn(
            occurred_on=D(2027, 1, 1),
            recorded_on=D(2027, 1, 2),
            residents=(arrival,),
            skpwni="SKPWNI/3171/0001",
            origin="31.71",
            relationships={arrival.nik: Relationship.HEAD},
            address=Address(street="Jl. Pasar", rt="2", rw="3", village_code="18.08.04.2001"),
        )
    )
    register.apply(Death(occurred_on=D(2030, 5, 5), recorded_on=D(2030, 5, 6), nik=S.head))
    return register


def test_round_trip_of_every_value(registry: Registry) -> None:
    """loads(dumps(x)) == x for residents, families, addresses, events, journals, registers."""
    values: list[Any] = [
        *registry.residents(),
        *registry.families(),
        sample_address(),
        family_event().family.members[0],
        *registry.journal,
        registry.journal,
        registry,
    ]
    for value in values:
        assert value == s.loads(s.dumps(value))
        assert value == s.structure(json.loads(json.dumps(s.unstructure(value))))


def test_registry_round_trip_keeps_lookups(registry: Registry) -> None:
    """A loaded register answers like the original and accepts further events."""
    loaded = s.loads(s.dumps(registry), Registry)
    assert S.wife == loaded.family(S.family).head
    assert registry.retired_numbers() == loaded.retired_numbers()
    arrival = next(f.head for f in loaded.families() if f.number != S.family)
    loaded.apply(Death(occurred_on=D(2031, 1, 1), recorded_on=D(2031, 1, 1), nik=arrival))
    assert loaded != registry


def test_document_shape(registry: Registry) -> None:
    """Documents carry schema and version; dates are ISO; codes are numbers; events are tagged."""
    document = s.unstructure(registry)
    assert ("adminduk/registry", 1) == (document["schema"], document["version"])
    assert {"area", "journal"} == set(document["data"])
    registered = document["data"]["journal"][0]
    budi = next(r for r in registered["residents"] if r["nik"] == S.head)
    assert ("1987-08-17", 1, 2, 1) == (
        budi["birth_date"],
        budi["sex"],
        budi["marital_status"],
        budi["life_status"],
    )
    assert ["family_registered", "birth", "move_in", "death"] == [
        e["type"] for e in document["data"]["journal"]
    ]
    move_in = document["data"]["journal"][2]
    assert {next(iter(move_in["relationships"])): 1} == move_in["relationships"]


def test_kind_must_match() -> None:
    """Asking for one type and getting another is refused."""
    text = s.dumps(sample_address())
    assert sample_address() == s.loads(text, Address)
    with pytest.raises(errors.InvalidFormat, match="expected a Resident document"):
        s.loads(text, Resident)
    assert isinstance(s.loads(s.dumps(family_event()), Event), Event)


def mutate(document: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ["data", "journal", 0, "family", "members", 0, "nik"],
            5,
            r"expected a string, not int @ \$\.data\.journal\[0\]\.family\.members\[0\]\.nik",
        ),
        (
            ["data", "journal", 0, "family", "members", 0, "nik"],
            "1808011708870000",
            r"NIK 180801\*{10} has serial 0000.*@ \$\.data\.journal\[0\]\.family\.members\[0\]\.nik",
        ),
        (
            ["data", "journal", 0, "residents", 1, "sex"],
            "2",
            r"expected a Sex code \(int\), not str @ \$\.data\.journal\[0\]\.residents\[1\]\.sex",
        ),
        (["data", "journal", 0, "residents", 1, "sex"], 9, r"9 is not a Sex code"),
        (["data", "journal", 0, "residents", 0, "birth_date"], "17-08-1987", r"not a date"),
        (
            ["data", "journal", 0, "residents", 0, "birth_date"],
            "1987-08-17T00:00:00",
            r"is not a date",
        ),
        (
            ["data", "journal", 0, "residents", 0, "nickname"],
            "Bud",
            r"extra fields found \(nickname\) @ \$\.data\.journal\[0\]\.residents\[0\]",
        ),
        (["data", "journal", 0, "residents", 0, "blood_type"], True, r"not bool"),
        (["data", "journal", 0, "type"], "wedding", r"\$\.data\.journal\[0\]"),
        (["data", "area"], 18, r"\$\.data\.area"),
        (["version"], 2, r"version 2 is not 1"),
        (["schema"], "other/thing", r"unknown document schema"),
        (["data", "surprise"], [], r"unknown keys \['surprise'\]"),
    ],
)
def test_bad_documents_are_refused_with_their_path(
    registry: Registry, path: list[Any], value: Any, message: str
) -> None:
    """Wrong types, bad numbers and unknown keys raise ValidationError naming the path, masked."""
    document = mutate(s.unstructure(registry), path, value)
    with pytest.raises(errors.ValidationError, match=message) as caught:
        s.structure(document)
    for number in (S.head, S.wife, S.child, S.family):
        assert number not in str(caught.value)


def test_a_document_breaking_a_rule_is_refused(registry: Registry) -> None:
    """A journal that breaks a rule on replay (a wife registered as single) is refused."""
    document = s.unstructure(registry)
    for resident in document["data"]["journal"][0]["residents"]:
        if resident["nik"] == S.wife:
            resident["marital_status"] = 1
    with pytest.raises(
        errors.ValidationError,
        match=r"husband or wife on a KK is married .*@ \$\.data\.journal\[0\]",
    ):
        s.structure(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["data"]["journal"].append(d["data"]["journal"][0]),
            r"already in the register @ \$\.data\.journal\[4\]",
        ),
        (
            lambda d: d["data"]["journal"].insert(0, d["data"]["journal"][3]),
            "no resident with NIK",
        ),
        (lambda d: d["data"].pop("journal"), r"missing keys \['journal'\]"),
        (lambda d: d["data"].update(residents=[]), r"unknown keys \['residents'\]"),
        (lambda d: d.pop("data"), "required field missing"),
    ],
)
def test_inconsistent_registers_are_refused(registry: Registry, change: Any, message: str) -> None:
    """Journals that cannot be replayed, and missing or unknown parts, are refused."""
    document = s.unstructure(registry)
    change(document)
    with pytest.raises(errors.ValidationError, match=message):
        s.structure(document)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '"text"', b"\xff\xfe"])
def test_not_a_document(text: str | bytes) -> None:
    """Text that is not a JSON object is an InvalidFormat."""
    with pytest.raises(errors.InvalidFormat):
        s.loads(text)


def test_unwritable_values() -> None:
    """Only adminduk values are written."""
    with pytest.raises(errors.InvalidFormat, match="cannot write a dict"):
        s.dumps({"a": 1})
    with pytest.raises(errors.InvalidFormat, match="only as a journal"):
        s.dumps([1, 2])


def test_resident_numbers_are_written_whole() -> None:
    """Serialization is the one path that writes NIKs whole."""
    assert S.head in s.dumps(family_event())
    assert isinstance(s.loads(s.dumps(family_event().family), Family), Family)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["data", "household"], "castle", "'castle' is not a Household"),
        (["data", "relationships"], [], "expected an object of NIK: relationship code"),
    ],
)
def test_bad_event_values(path: list[Any], value: Any, message: str) -> None:
    """Unknown enum values and relationship lists in the wrong shape are refused."""
    marriage = Marriage(
        occurred_on=D(2030, 1, 1), recorded_on=D(2030, 1, 1), husband=S.head, wife=S.wife
    )
    document = s.unstructure(marriage if path[-1] == "household" else _split())
    with pytest.raises(errors.ValidationError, match=message):
        s.structure(mutate(document, path, value))


def _split() -> FamilySplit:
    return FamilySplit(
        occurred_on=D(2030, 1, 1),
        recorded_on=D(2030, 1, 1),
        family=S.family,
        relationships={S.child: Relationship.HEAD},
    )


def test_document_envelope_is_strict(registry: Registry) -> None:
    """Extra top-level keys and a registry payload that is not an object are refused."""
    document = s.unstructure(registry)
    with pytest.raises(errors.InvalidFormat, match=r"unknown keys \['extra'\] @ \$"):
        s.structure({**document, "extra": 1})
    with pytest.raises(errors.InvalidFormat, match=r"expected a mapping @ \$\.data"):
        s.structure({**document, "data": []})
    with pytest.raises(errors.InvalidFormat, match="a document is an object"):
        s.structure([document])
    assert _split() == s.loads(s.dumps(_split()))


def test_loading_leaves_the_garbage_collector_as_it_was() -> None:
    """dumps/loads pause the collector only for their own work."""
    text = s.dumps(family_event())
    gc.disable()
    try:
        s.loads(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
    s.loads(text)
    assert gc.isenabled()
