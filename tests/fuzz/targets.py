"""The fuzz targets: identifiers, documents on the wire, life events, workflow actions.

Each ``run_*`` takes how many inputs to try and returns a :class:`~tests.fuzz.engine.Tally`.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Callable
from typing import Any

from adminduk import Registry, regions, serialization
from adminduk.applications import Actor, Application, Role, Trigger
from adminduk.codes import Relationship, Sex
from adminduk.documents import DOCUMENT_TYPES, Delivery, Evidence, Form
from adminduk.identifiers import nik, nkk
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    Event,
    EventDates,
    FamilySplit,
    KTPElRecorded,
    Marriage,
    MoveOut,
    MoveWithin,
)
from adminduk.samples import sample_address, sample_form, sample_registry, sample_staff
from adminduk.simulation import synthesize_population
from adminduk.workflows import Office, replay
from tests.fuzz.edges import EDGE_TARGETS
from tests.fuzz.engine import Tally, attempt, check_repr, deep, mutate_tree, watched

# --- identifiers ------------------------------------------------------------------------------

_VALID = (
    "1808014101050001",
    "1808011708870012",
    "3171015503900001",
    "9201010101200001",
)
_PASTE = ("\u00a0", "\u2028", "\u200b", "\t", "\n", " ", ".", "-", "\u2013", "/", "\ufeff")
_ODD_DAYS: tuple[Any, ...] = (
    datetime.date(2026, 11, 27),
    datetime.date(1, 1, 1),
    datetime.date(99, 12, 31),
    datetime.date(9999, 12, 31),
    datetime.datetime(2026, 1, 1, 8),
    "2026-01-01",
    None,
    20260101,
)


def _number(rng: random.Random) -> Any:
    base = rng.choice(_VALID)
    choice = rng.randrange(10)
    if choice == 0:
        return base
    if choice == 1:  # pasted: wrapped and split by what chat apps and spreadsheets leave
        return rng.choice(_PASTE) + base[:6] + rng.choice(_PASTE) + base[6:] + rng.choice(_PASTE)
    if choice == 2:  # one digit changed
        i = rng.randrange(16)
        return base[:i] + str(rng.randrange(10)) + base[i + 1 :]
    if choice == 3:  # a digit dropped or added
        i = rng.randrange(16)
        return base[:i] + base[i + 1 :] if rng.random() < 0.5 else base[:i] + "7" + base[i:]
    if choice == 4:  # non-ASCII digits
        return base.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if choice == 5:  # huge
        return "1" * rng.choice((17, 100, 10_000, 1_000_000))
    if choice == 6:  # random digits
        return "".join(rng.choice("0123456789") for _ in range(16))
    if choice == 7:  # not a string
        return rng.choice((None, 1808014101050001, b"1808014101050001", ["1808"], 1.5))
    if choice == 8:  # junk
        return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(30)))
    return base[:6] + "".join(rng.choice("0123456789") for _ in range(10))


def run_identifiers(count: int) -> Tally:
    """NIK and KK numbers, region codes: only ValidationErrors, and answers that agree."""
    tally = Tally("identifiers")
    with watched(tally) as rng:
        for _ in range(count):
            number = _number(rng)
            accepted, value = attempt(tally, "nik.validate", lambda: nik.validate(number))
            valid = attempt(tally, "nik.is_valid", lambda: nik.is_valid(number))[1]
            if valid is not accepted:
                tally.find("nik.is_valid disagrees with nik.validate")
            if accepted and not (len(value) == 16 and value.isascii() and value.isdigit()):
                tally.find("nik.validate returned something that is not 16 ASCII digits")
            on = rng.choice(_ODD_DAYS)
            ok, info = attempt(tally, "nik.parse", lambda: nik.parse(number, on=on))
            if ok:
                check_repr(tally, "NIKInfo", info)
            attempt(tally, "nkk.validate", lambda: nkk.validate(number))
            attempt(tally, "nkk.parse", lambda: nkk.parse(number, on=on))
            attempt(tally, "nik.compact", lambda: nik.compact(number))
            attempt(tally, "regions.get", lambda: regions.get(number))
            tally.inputs -= 6  # one input, seven calls: count the input once
    return tally


# --- documents on the wire --------------------------------------------------------------------


def _documents() -> list[Any]:
    registry = sample_registry()
    office = Office("18.08", Registry.replay(registry.journal, area=registry.area))
    at = datetime.datetime(2026, 3, 2, 9)
    form = sample_form("KK", "lost", on=at.date())
    filed = office.submit(form, actor=Actor.resident(form.subject or ""), at=at)
    values: list[Any] = [
        registry,
        form,
        filed,
        sample_address(),
        *list(registry.residents())[:3],
        *list(registry.families())[:2],
        *registry.journal[:3],
    ]
    return [serialization.unstructure(value) for value in values]


def _text(tree: Any, rng: random.Random) -> str | bytes:
    text = json.dumps(tree, ensure_ascii=False)
    choice = rng.randrange(12)
    if choice == 0:
        return text[: rng.randrange(len(text) + 1)]  # truncated
    if choice == 1:
        return text.encode("utf-8", "surrogatepass") + b"\xff\xfe"  # invalid UTF-8
    if choice == 2:
        return deep(rng.choice((50, 5_000, 200_000)))
    if choice == 3:
        return '{"schema": "adminduk/address", "version": 1, "data": ' + "9" * 5_000 + "}"
    return text


def run_serialization(count: int) -> Tally:
    """Mutations of real documents: refused with an AdmindukError, or read back exactly."""
    tally = Tally("serialization")
    documents = _documents()
    with watched(tally) as rng:
        for _ in range(count):
            tree = rng.choice(documents)
            for _ in range(rng.randrange(1, 4)):
                tree = mutate_tree(tree, rng)
            text = _text(tree, rng)
            ok, value = attempt(tally, "loads", lambda: serialization.loads(text))
            if not ok:
                continue
            check_repr(tally, "loaded value", value)
            again, copy = attempt(
                tally, "dumps", lambda: serialization.loads(serialization.dumps(value))
            )
            tally.inputs -= 1
            if again and copy != value:
                tally.find(f"loads(dumps(x)) != x for a {type(value).__name__}")
        for bad in (5, None, 1.5, ["x"], {"schema": "x"}):
            attempt(tally, "loads(non-text)", lambda: serialization.loads(bad))  # type: ignore[arg-type]
    return tally


# --- life events ------------------------------------------------------------------------------


def _fingerprint(registry: Registry) -> tuple[Any, ...]:
    return (
        registry.journal,
        dict(registry.residents_by_nik),
        {family.number: family for family in registry.families()},
        registry.marriages(),
        registry.retired_numbers(),
    )


def _event(rng: random.Random, registry: Registry, people: list[str]) -> Event:
    day = datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(-40_000, 3_000))
    dates: EventDates = {
        "occurred_on": day,
        "recorded_on": day + datetime.timedelta(days=rng.randrange(30)),
    }
    someone = rng.choice(people)
    other = rng.choice(people)
    kind = rng.randrange(9)
    if kind == 0:
        return Birth(
            **dates,
            name=rng.choice(("Bayu", "x" * 10_000, "1808014101050001")),
            sex=rng.choice(list(Sex)),
            birth_place="Kasui",
            mother=someone,
            father=rng.choice((other, None)),
        )
    if kind == 1:
        return Death(**dates, nik=someone)
    if kind == 2:
        return Marriage(**dates, husband=someone, wife=other)
    if kind == 3:
        return Divorce(**dates, husband=someone, wife=other)
    if kind == 4:
        return MoveOut(
            **dates,
            niks=(someone,),
            destination=rng.choice(("31.71", "18.08", "99")),
            skpwni="SKPWNI/1808/0001",
        )
    if kind == 5:
        return MoveWithin(**dates, niks=(someone, other), address=sample_address())
    if kind == 6:
        return DataCorrection(**dates, nik=someone, name=rng.choice(("Nama Baru", "")))
    families = list(registry.families())
    if kind == 7 and families:
        family = rng.choice(families)
        return FamilySplit(
            **dates,
            family=family.number,
            relationships={someone: Relationship.HEAD, other: Relationship.WIFE},
        )
    return KTPElRecorded(**dates, nik=someone)


def run_register(count: int) -> Tally:
    """Possible and impossible events: a refused one changes nothing; the rules always hold."""
    tally = Tally("register")
    registry = synthesize_population("18.08.15", counts={"18.08.15": (60, 60)}, seed=7)
    strangers = ["1808010101900009", "3171014101500003"]
    with watched(tally) as rng:
        for index in range(count):
            if index % 500 == 499 and len(registry.families()) < 20:
                # the fuzzed lives ran the register down: start again from a fresh one
                registry = synthesize_population(
                    "18.08.15", counts={"18.08.15": (60, 60)}, seed=index
                )
            people = [*registry.residents_by_nik, *strangers]
            made, event = attempt(tally, "event", lambda: _event(rng, registry, people))
            if not made:
                continue
            before = _fingerprint(registry)
            applied, _ = attempt(tally, "apply", lambda: registry.apply(event))
            tally.inputs -= 1
            if not applied and _fingerprint(registry) != before:
                tally.find(f"a refused {type(event).__name__} changed the register")
            check_repr(tally, "event", event)
            if index % 250 == 249:
                attempt(tally, "check", registry.check)
                tally.inputs -= 1
                if Registry.replay(registry.journal, area=registry.area) != registry:
                    tally.find("the register differs from the replay of its journal")
        written = serialization.dumps(registry)
        if serialization.loads(written, Registry) != registry:
            tally.find("the register does not survive its JSON")
    return tally


# --- workflow actions -------------------------------------------------------------------------


def _actors(registry: Registry) -> list[Actor]:
    residents = [Actor.resident(number) for number in list(registry.residents_by_nik)[:6]]
    outsider = Actor(id="X-99", role=Role.REGISTRAR)
    return [*sample_staff(), *residents, outsider]


def _action(
    rng: random.Random, office: Office, app: Application, actor: Actor, at: datetime.datetime
) -> Callable[[], Any]:
    trigger = rng.choice(list(Trigger))
    if trigger is Trigger.SUBMIT:
        return lambda: office.submit(app.form, actor=actor, at=at, id=app.id)
    if trigger is Trigger.RESUBMIT:
        evidence = rng.sample(list(Evidence), rng.randrange(3))
        return lambda: office.resubmit(app, actor=actor, at=at, evidence=evidence)
    if trigger is Trigger.COLLECT:
        collector = rng.choice((None, app.form.subject, "1808010101900009"))
        return lambda: office.collect(app, actor=actor, at=at, collector=collector)
    if trigger in (Trigger.REJECT, Trigger.CANCEL, Trigger.SEND_BACK):
        reason = rng.choice(("", "scan tidak jelas", "1808014101050001"))
        methods: dict[Trigger, Callable[..., Application]] = {
            Trigger.REJECT: office.reject,
            Trigger.CANCEL: office.cancel,
            Trigger.SEND_BACK: office.send_back,
        }
        method = methods[trigger]
        return lambda: method(app, actor=actor, at=at, reason=reason)
    simple_methods: dict[Trigger, Callable[..., Application]] = {
        Trigger.VERIFY: office.verify,
        Trigger.APPROVE: office.approve,
        Trigger.RECORD_BIOMETRICS: office.record_biometrics,
        Trigger.ISSUE: office.issue,
        Trigger.SHIP: office.ship,
        Trigger.ARRIVE: office.arrive,
    }
    simple = simple_methods[trigger]
    return lambda: simple(app, actor=actor, at=at)


def run_workflows(count: int) -> Tally:
    """Random actions by random actors on fresh and stale copies: refusals change nothing."""
    tally = Tally("workflows")
    registry = sample_registry()
    office = Office("18.08", registry, staff=sample_staff())
    actors = _actors(registry)
    kinds = [(kind.code, variant.code) for kind in DOCUMENT_TYPES for variant in kind.variants]
    clock = datetime.datetime(2026, 3, 2, 8)
    seen: list[Application] = []
    with watched(tally) as rng:
        for index in range(count):
            if index % 1_000 == 999:
                # a fresh office now and then keeps each step's before-and-after check small
                registry = sample_registry()
                office = Office("18.08", registry, staff=sample_staff())
                seen = []
            clock += datetime.timedelta(minutes=rng.randrange(0, 600))
            if not seen or rng.random() < 0.15:
                code, variant = rng.choice(kinds)
                delivery = rng.choice(list(Delivery))

                def draft(code: Any = code, variant: str = variant) -> Form:
                    form = sample_form(code, variant, on=clock.date(), delivery=delivery)
                    return form if rng.random() < 0.7 else form.with_evidence()

                made, form = attempt(tally, "form", draft)
                if not made:
                    continue
                actor = rng.choice(actors)
                ok, app = attempt(
                    tally, "submit", lambda: office.submit(form, actor=actor, at=clock)
                )
                tally.inputs -= 1
                if ok:
                    seen.append(app)
                continue
            app = rng.choice(seen)  # maybe a stale copy
            before = (dict(office.applications), registry.journal)
            ok, new = attempt(
                tally, "action", _action(rng, office, app, rng.choice(actors), clock)
            )
            if ok:
                seen.append(new)
                check_repr(tally, "application", new)
            elif (dict(office.applications), registry.journal) != before:
                tally.find("a refused action changed the office or the register")
            if index % 200 == 199:
                for current in office.applications.values():
                    if replay(current.history, id=current.id) != current:
                        tally.find(f"application {current.id} differs from its history")
                attempt(tally, "check", registry.check)
                tally.inputs -= 1
    return tally


TARGETS: dict[str, Callable[[int], Tally]] = {
    "identifiers": run_identifiers,
    "serialization": run_serialization,
    "register": run_register,
    "workflows": run_workflows,
    **EDGE_TARGETS,
}
