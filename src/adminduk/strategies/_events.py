"""Strategies for life events that the register accepts."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk.codes import (
    LifeStatus,
    MaritalStatus,
    Relationship,
    Sex,
)
from adminduk.register import KTP_EL_AGE, Resident
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    Event,
    EventDates,
    FamilySplit,
    Household,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
)
from adminduk.register.registry import Registry
from adminduk.strategies._people import (
    _ON,
    _years_before,
    addresses,
    names,
    residents,
)


def _today(registry: Registry) -> datetime.date:
    return max((event.recorded_on for event in registry.journal), default=_ON)


def life_events(registry: Registry) -> st.SearchStrategy[Event]:
    """Generate a plausible life event for the residents and families of ``registry``.

    Events happen after the last recorded one. Most can be applied; some are refused by the
    register's rules (a head who would leave a family behind, say), which is what a property
    test wants to see handled. Shrinks toward a KTP-el recording or a data correction.
    """
    if not isinstance(registry, Registry):
        raise InvalidArgument(f"life_events needs a Registry, not {registry!r}")
    return _life_events(registry)


@st.composite
def _life_events(draw: st.DrawFn, registry: Registry) -> Event:
    after = _today(registry)
    when = after + datetime.timedelta(days=draw(st.integers(0, 400)))
    dates: EventDates = {
        "occurred_on": when,
        "recorded_on": when + datetime.timedelta(days=draw(st.integers(0, 30))),
    }
    living = [r for r in registry.residents() if r.is_alive]
    if not living:
        return draw(_arrivals(registry, dates))
    kind = draw(
        st.sampled_from(
            (
                "ktp",
                "correction",
                "birth",
                "death",
                "marriage",
                "divorce",
                "move_within",
                "move_out",
                "move_in",
                "return",
                "split",
            )
        )
    )
    person = draw(st.sampled_from(living))
    if kind == "ktp":
        return KTPElRecorded(nik=person.nik, **dates)
    if kind == "correction":
        return DataCorrection(nik=person.nik, name=draw(names(sex=person.sex)), **dates)
    if kind == "birth":
        mothers = [r for r in living if r.sex is Sex.FEMALE and 16 <= r.age(when) <= 48]
        if mothers:
            mother = draw(st.sampled_from(mothers))
            return Birth(
                name=draw(names()),
                sex=draw(st.sampled_from(Sex)),
                birth_place="Blambangan Umpu",
                mother=mother.nik,
                father=registry.spouse_of(mother.nik),
                **dates,
            )
    if kind == "death":
        return Death(nik=person.nik, **dates)
    if kind == "marriage":
        free = [r for r in living if not r.marital_status.is_married and r.age(when) >= 19]
        men = [r for r in free if r.sex is Sex.MALE]
        women = [r for r in free if r.sex is Sex.FEMALE]
        if men and women:
            return Marriage(
                husband=draw(st.sampled_from(men)).nik,
                wife=draw(st.sampled_from(women)).nik,
                household=draw(st.sampled_from(Household)),
                registered=draw(st.booleans()),
                **dates,
            )
    if kind == "divorce":
        couples = registry.marriages()
        if couples:
            first, second = draw(st.sampled_from(couples))
            husband, wife = (
                (first, second) if registry.resident(first).sex is Sex.MALE else (second, first)
            )
            return Divorce(husband=husband, wife=wife, **dates)
    family = registry.family_of(person.nik)
    if kind == "move_within" and family is not None:
        return MoveWithin(
            niks=family.niks(), address=draw(addresses(within=registry.area or "18.08")), **dates
        )
    if kind == "move_out":
        return MoveOut(
            niks=(person.nik,),
            skpwni=f"SKPWNI/{draw(st.integers(1, 999))}",
            destination="31.71",
            **dates,
        )
    if kind == "split" and family is not None and family.head != person.nik:
        return FamilySplit(
            family=family.number, relationships={person.nik: Relationship.HEAD}, **dates
        )
    if kind == "move_in":
        return draw(_arrivals(registry, dates))
    if kind == "return":
        away = sorted(
            (r for r in registry.residents() if r.life_status is LifeStatus.MOVED_OUT),
            key=lambda r: r.nik,
        )
        if away:
            return draw(_returns(away, registry, dates))
    return KTPElRecorded(nik=person.nik, **dates)


@st.composite
def _arrivals(draw: st.DrawFn, registry: Registry, dates: EventDates) -> Event:
    """Return a one-person family arriving from Jakarta (31.71.01) with an unused NIK."""
    arrival = draw(
        residents(
            min_birth_date=datetime.date(1950, 1, 1),
            max_birth_date=_years_before(dates["occurred_on"], KTP_EL_AGE),
            region_codes=["31.71.01"],
        )
    )
    taken = {r.nik for r in registry.residents()}
    serial = 1
    while arrival.nik in taken:
        serial += 1
        arrival = attrs.evolve(arrival, nik=arrival.nik[:12] + f"{serial:04d}")
    return MoveIn(
        residents=(arrival,),
        skpwni="SKPWNI/3171",
        origin="31.71",
        relationships={arrival.nik: Relationship.HEAD},
        address=draw(addresses(within=registry.area or "18.08")),
        **dates,
    )


@st.composite
def _returns(
    draw: st.DrawFn, away: list[Resident], registry: Registry, dates: EventDates
) -> Event:
    """A resident who moved out comes back, alone or to a family here, as recorded elsewhere.

    The record they bring usually keeps their marital status; sometimes it says otherwise
    (which the register refuses for someone still linked as married).
    """
    person = draw(st.sampled_from(away))
    marital = draw(st.sampled_from([person.marital_status, *MaritalStatus]))
    record = attrs.evolve(person, life_status=LifeStatus.ALIVE, marital_status=marital)
    joined = sorted(registry.families(), key=lambda f: f.number)
    to_family: bool = draw(st.booleans())
    if joined and to_family:
        return MoveIn(
            residents=(record,),
            skpwni=f"SKPWNI/3171/{draw(st.integers(1, 999))}",
            origin="31.71",
            relationships={person.nik: draw(st.sampled_from(_JOINING))},
            join=draw(st.sampled_from(joined)).number,
            **dates,
        )
    return MoveIn(
        residents=(record,),
        skpwni=f"SKPWNI/3171/{draw(st.integers(1, 999))}",
        origin="31.71",
        relationships={person.nik: Relationship.HEAD},
        address=draw(addresses(within=registry.area or "18.08")),
        **dates,
    )


#: How a returning resident may join a family here.
_JOINING = (
    Relationship.HUSBAND,
    Relationship.WIFE,
    Relationship.CHILD,
    Relationship.OTHER_RELATIVE,
)
