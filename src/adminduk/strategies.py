"""Hypothesis strategies for adminduk's values (needs the ``testing`` extra).

Every strategy is a plural noun, takes keyword-only arguments, accepts a strategy where a value
would compose, raises :class:`hypothesis.errors.InvalidArgument` for bad arguments, and generates
only values that pass adminduk's own validation.

>>> from hypothesis import find
>>> find(niks(), lambda number: True)
'1101010101000001'
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk import regions
from adminduk._names import BIRTH_PLACES, FEMALE_NAMES, MALE_NAMES, SECOND_NAMES, STREETS
from adminduk.address import Address
from adminduk.codes import (
    BloodType,
    Education,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.documents._application import Application, Status, Trigger
from adminduk.documents._base import Channel, Evidence, Variant
from adminduk.errors import AdmindukError
from adminduk.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    Event,
    EventDates,
    FamilyRegistered,
    FamilySplit,
    Household,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
)
from adminduk.family import Family, Membership
from adminduk.identifiers import kk, nik
from adminduk.regions import RegionLevel
from adminduk.registry import Registry
from adminduk.resident import Resident

__all__ = [
    "addresses",
    "applications",
    "applications_in",
    "families",
    "family_registrations",
    "kk_numbers",
    "life_events",
    "names",
    "niks",
    "region_codes",
    "registries",
    "residents",
]

_MIN_DATE = datetime.date(1900, 1, 1)
_MAX_DATE = datetime.date(2099, 12, 31)


def region_codes(
    *, level: RegionLevel = RegionLevel.DISTRICT, within: str | None = None
) -> st.SearchStrategy[str]:
    """Generate dotted region codes of ``level`` from the current code list, below ``within``.

    Shrinks toward the lowest code (``11.01.01`` for districts of the whole country).

    >>> from hypothesis import find
    >>> find(region_codes(level=RegionLevel.DISTRICT, within="18.08"), lambda code: True)
    '18.08.01'
    """
    if not isinstance(level, RegionLevel):
        raise InvalidArgument(f"level must be a RegionLevel, not {level!r}")
    try:
        found = _codes_at(level, within)
    except AdmindukError as error:
        raise InvalidArgument(f"within={within!r}: {error}") from None
    if not found:
        raise InvalidArgument(f"there is no region of level {level.name} within {within!r}")
    return st.sampled_from(found)


@functools.lru_cache(maxsize=256)
def _codes_at(level: RegionLevel, within: str | None) -> tuple[str, ...]:
    """The codes of one level below ``within`` (walking 83,762 villages is worth caching)."""
    return tuple(region.code for region in regions.walk(within, level=level))


def _codes_argument(
    region_codes: Sequence[str] | st.SearchStrategy[str] | None,
) -> st.SearchStrategy[str]:
    if region_codes is None:
        return st.sampled_from(
            sorted(f"{c[0:2]}.{c[2:4]}.{c[4:6]}" for c in regions.known_district_codes())
        )
    if isinstance(region_codes, st.SearchStrategy):
        return region_codes
    if isinstance(region_codes, str) or not region_codes:
        raise InvalidArgument("region_codes must be a non-empty sequence of codes or a strategy")
    try:
        codes = [regions.normalize(code) for code in region_codes]
    except AdmindukError as error:
        raise InvalidArgument(f"region_codes: {error}") from None
    if any(code.count(".") != 2 for code in codes):
        raise InvalidArgument("region_codes must be district codes (PP.KK.DD)")
    unknown = [c for c in codes if c.replace(".", "") not in regions.known_district_codes()]
    if unknown:
        raise InvalidArgument(f"region_codes {unknown} are in no known code list")
    return st.sampled_from(codes)


def _date_range(name: str, low: datetime.date, high: datetime.date) -> None:
    for label, value in ((f"min_{name}", low), (f"max_{name}", high)):
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise InvalidArgument(f"{label} must be a date, not {value!r}")
    if low > high:
        raise InvalidArgument(f"min_{name}={low} is after max_{name}={high}")


def niks(
    *,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
    sex: Sex | st.SearchStrategy[Sex] | None = None,
    min_birth_date: datetime.date = _MIN_DATE,
    max_birth_date: datetime.date = _MAX_DATE,
) -> st.SearchStrategy[str]:
    """Generate valid NIKs (compact, 16 digits).

    ``region_codes``: district codes to draw from (a sequence or a strategy; default every code of
    every known list). ``sex``: a :class:`~adminduk.codes.Sex` or a strategy of them (default both).
    Birth dates lie between ``min_birth_date`` and ``max_birth_date``.

    Shrinks toward region 11.01.01, a man born on 1 January 2000 (or the nearest allowed date),
    serial 0001.
    """
    _date_range("birth_date", min_birth_date, max_birth_date)
    codes = _codes_argument(region_codes)
    if sex is None:
        sexes: st.SearchStrategy[Sex] = st.sampled_from(Sex)
    elif isinstance(sex, Sex):
        sexes = st.just(sex)
    elif isinstance(sex, st.SearchStrategy):
        sexes = sex
    else:
        raise InvalidArgument(f"sex must be a Sex or a strategy of Sex, not {sex!r}")
    return st.builds(
        lambda code, birth, s, serial: nik.compose(
            region_code=code, birth_date=birth, sex=s, serial=serial
        ),
        codes,
        st.dates(min_birth_date, max_birth_date),
        sexes,
        st.integers(1, 9999),
    )


def kk_numbers(
    *,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
    min_issue_date: datetime.date = datetime.date(2000, 1, 1),
    max_issue_date: datetime.date = datetime.date(2099, 12, 31),
) -> st.SearchStrategy[str]:
    """Generate valid KK numbers (compact, 16 digits) issued between the two dates.

    Shrinks toward region 11.01.01, issued on 1 January 2000, serial 0001.

    >>> from hypothesis import find
    >>> find(kk_numbers(), lambda number: True)
    '1101010101000001'
    """
    _date_range("issue_date", min_issue_date, max_issue_date)
    codes = _codes_argument(region_codes)
    return st.builds(
        lambda code, issued, serial: kk.compose(region_code=code, issued_on=issued, serial=serial),
        codes,
        st.dates(min_issue_date, max_issue_date),
        st.integers(1, 9999),
    )


# --- people, families and registers ------------------------------------------------------------

_ON = datetime.date(2026, 1, 1)


def names(*, sex: Sex | None = None) -> st.SearchStrategy[str]:
    """Generate plausible, synthetic Indonesian names of one or two words.

    Shrinks toward the first given name of the list ("Agus" for men, "Ani" for women).
    """
    if sex is not None and not isinstance(sex, Sex):
        raise InvalidArgument(f"sex must be a Sex, not {sex!r}")
    first = {None: MALE_NAMES + FEMALE_NAMES, Sex.MALE: MALE_NAMES, Sex.FEMALE: FEMALE_NAMES}[sex]
    return st.builds(
        lambda given, second: f"{given} {second}".strip(),
        st.sampled_from(first),
        st.sampled_from(("", *SECOND_NAMES)),
    )


def addresses(*, within: str = "18.08") -> st.SearchStrategy[Address]:
    """Generate addresses in villages of the 2025 list below ``within``.

    Shrinks toward the lowest village code, RT 001, RW 001.
    """
    return st.builds(
        lambda village, street, number, rt, rw: Address(
            street=f"{street} No. {number}", rt=str(rt), rw=str(rw), village_code=village
        ),
        region_codes(level=RegionLevel.VILLAGE, within=within),
        st.sampled_from(STREETS),
        st.integers(1, 200),
        st.integers(1, 20),
        st.integers(1, 10),
    )


@st.composite
def _resident(
    draw: st.DrawFn,
    /,
    *,
    sex: Sex | None,
    born: tuple[datetime.date, datetime.date],
    district: str,
    serial: int,
    **fields: Any,
) -> Resident:
    chosen = sex or draw(st.sampled_from(Sex))
    birth_date = draw(st.dates(*born))
    values: dict[str, Any] = {
        "religion": draw(st.sampled_from(Religion)),
        "marital_status": MaritalStatus.SINGLE,
        "education": draw(st.sampled_from(Education)),
        "occupation": draw(st.sampled_from(Occupation)),
        "blood_type": draw(st.sampled_from(BloodType)),
        "birth_place": draw(st.sampled_from(BIRTH_PLACES)),
    }
    values.update(fields)
    return Resident(
        nik=nik.compose(region_code=district, birth_date=birth_date, sex=chosen, serial=serial),
        name=draw(names(sex=chosen)),
        sex=chosen,
        birth_date=birth_date,
        **values,
    )


def residents(
    *,
    sex: Sex | None = None,
    min_birth_date: datetime.date = datetime.date(1930, 1, 1),
    max_birth_date: datetime.date = _ON,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Resident]:
    """Generate single, living residents whose NIK agrees with their sex and birth date.

    Shrinks toward a man born on 1 January 2000 (or the nearest allowed date) in 11.01.01.
    """
    _date_range("birth_date", min_birth_date, max_birth_date)
    codes = _codes_argument(region_codes)
    return st.builds(
        lambda district, serial, data: data.draw(
            _resident(
                sex=sex, born=(min_birth_date, max_birth_date), district=district, serial=serial
            )
        ),
        codes,
        st.integers(1, 9999),
        st.data(),
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def family_registrations(
    *,
    min_size: int = 1,
    max_size: int = 8,
    within: str = "18.08",
    on: datetime.date = _ON,
    block: int = 0,
) -> st.SearchStrategy[FamilyRegistered]:
    """Generate a family with its residents, ready to register on ``on``.

    The head is 17 or older (or married); a wife or husband is married to the head; children
    are born after both; NIKs use serials ``block * 20 + 1`` onward so that families drawn with
    different ``block`` numbers never share a NIK or KK number. Shrinks toward a one-person
    family: a single man of 17 in the lowest village of ``within``.
    """
    if not 1 <= min_size <= max_size <= 20:
        raise InvalidArgument("need 1 <= min_size <= max_size <= 20")
    if not 0 <= block < 499:
        raise InvalidArgument("block must be 0-498")
    return _family_registrations(
        places=addresses(within=within),
        min_size=min_size,
        max_size=max_size,
        on=on,
        block=block,
    )


@st.composite
def _family_registrations(
    draw: st.DrawFn,
    /,
    *,
    places: st.SearchStrategy[Address],
    min_size: int,
    max_size: int,
    on: datetime.date,
    block: int,
) -> FamilyRegistered:
    address = draw(places)
    district = address.district_code
    size = draw(st.integers(min_size, max_size))
    serials = iter(range(block * 20 + 1, block * 20 + 21))
    married = size > 1 and draw(st.booleans())
    status = MaritalStatus.MARRIED if married else MaritalStatus.SINGLE
    head = draw(
        _resident(
            sex=Sex.MALE if married else None,
            born=(_years_before(on, 70), _years_before(on, 25 if married else 17)),
            district=district,
            serial=next(serials),
            marital_status=status,
        )
    )
    people: list[tuple[Resident, Relationship]] = [(head, Relationship.HEAD)]
    elders = [head]
    if married:
        wife = draw(
            _resident(
                sex=Sex.FEMALE,
                born=(_years_before(on, 65), _years_before(on, 20)),
                district=district,
                serial=next(serials),
                marital_status=status,
            )
        )
        people.append((wife, Relationship.WIFE))
        elders.append(wife)
    youngest_elder = max(person.birth_date for person in elders)
    while len(people) < size:
        first_possible = youngest_elder + datetime.timedelta(days=16 * 365)
        if first_possible < on:
            child = draw(
                _resident(
                    sex=None,
                    born=(first_possible, on),
                    district=district,
                    serial=next(serials),
                )
            )
            people.append((child, Relationship.CHILD))
        else:
            relative = draw(
                _resident(
                    sex=None,
                    born=(_years_before(on, 80), on),
                    district=district,
                    serial=next(serials),
                )
            )
            people.append((relative, Relationship.OTHER_RELATIVE))
    family = Family(
        number=kk.compose(region_code=district, issued_on=on, serial=block + 1),
        address=address,
        members=tuple(Membership(nik=p.nik, relationship=r, since=on) for p, r in people),
    )
    return FamilyRegistered(
        occurred_on=on, recorded_on=on, family=family, residents=tuple(p for p, _ in people)
    )


def families(
    *, min_size: int = 1, max_size: int = 8, within: str = "18.08"
) -> st.SearchStrategy[Family]:
    """Generate families (family cards) with consistent relationships and ages.

    Shrinks like :func:`family_registrations`.
    """
    return family_registrations(min_size=min_size, max_size=max_size, within=within).map(
        lambda event: event.family
    )


def registries(
    *,
    min_families: int = 1,
    max_families: int = 5,
    within: str = "18.08",
    max_family_size: int = 6,
) -> st.SearchStrategy[Registry]:
    """Generate a register of ``within`` holding between the given numbers of families.

    Shrinks toward one one-person family.
    """
    if not 0 <= min_families <= max_families <= 200:
        raise InvalidArgument("need 0 <= min_families <= max_families <= 200")
    return _registries(min_families, max_families, within, max_family_size)


@st.composite
def _registries(
    draw: st.DrawFn, min_families: int, max_families: int, within: str, max_family_size: int
) -> Registry:
    count = draw(st.integers(min_families, max_families))
    registry = Registry(area=within)
    for block in range(count):
        registry.apply(
            draw(family_registrations(max_size=max_family_size, within=within, block=block))
        )
    return registry


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
    return KTPElRecorded(nik=person.nik, **dates)


@st.composite
def _arrivals(draw: st.DrawFn, registry: Registry, dates: EventDates) -> Event:
    """Return a one-person family arriving from Jakarta (31.71.01) with an unused NIK."""
    arrival = draw(
        residents(
            min_birth_date=datetime.date(1950, 1, 1),
            max_birth_date=_years_before(dates["occurred_on"], 17),
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


# --- applications --------------------------------------------------------------------------------


def applications(
    registry: Registry | None = None,
    *,
    document_type: str | None = None,
    complete: bool | None = None,
    on: datetime.date = _ON,
) -> st.SearchStrategy[Application]:
    """Generate draft applications for any document type (or ``document_type``) and variant.

    With ``complete=None`` the evidence is any subset of the kinds the chosen variant accepts
    and people are drawn from ``registry`` when given (otherwise any valid NIK); event dates
    fall within a year before ``on`` (sometimes after it, to exercise the checker). Shrinks
    toward a family card application for a new family, at the counter, with no evidence.

    With ``complete=True`` (needs ``registry``) every application passes
    :func:`adminduk.check` on ``on``: the people are residents who qualify, the evidence is
    everything the variant accepts, the event ten days before ``on``. With ``complete=False``
    the same applications lack some evidence, so ``check`` reports findings, each satisfied by
    evidence that was left out. Both shrink toward the first qualifying resident (by NIK) and
    the document types' catalogue order.
    """
    from adminduk.documents import DOCUMENT_TYPES  # noqa: PLC0415 - keep import light

    kinds = [k for k in DOCUMENT_TYPES if document_type in (None, k.code)]
    if not kinds:
        raise InvalidArgument(f"no document type {document_type!r}")
    if registry is not None and not isinstance(registry, Registry):
        raise InvalidArgument(f"registry must be a Registry, not {registry!r}")
    if complete is not None:
        if registry is None:
            raise InvalidArgument("complete= needs the registry the applications are checked on")
        return _checked_applications(registry, kinds=kinds, on=on, complete=complete)
    people = (
        st.sampled_from(sorted(r.nik for r in registry.residents()))
        if registry is not None and len(registry.residents())
        else niks()
    )
    return _applications(kinds=kinds, people=people, on=on)


#: How many residents (by NIK) are tried as subjects of complete applications.
_TEMPLATE_PEOPLE = 40


_SUBJECT_SEX = {"AKTA-KAWIN": Sex.MALE, "AKTA-CERAI": Sex.MALE, "AKTA-LAHIR": Sex.FEMALE}


def _templates(registry: Registry, kinds: list[Any], on: datetime.date) -> list[Application]:
    """Complete draft applications about residents of ``registry``, in a stable order."""
    from adminduk.documents import check  # noqa: PLC0415 - documents import strategies lazily

    living = sorted(
        (r for r in registry.residents() if r.is_alive and registry.family_of(r.nik)),
        key=lambda r: r.nik,
    )[:_TEMPLATE_PEOPLE]
    free = [r for r in living if not r.marital_status.is_married and r.age(on) >= 21]
    found: list[Application] = []
    for kind in kinds:
        for variant in kind.variants:
            accepted = kind.evidence_for(variant.code)
            for person, partner in _people_for(registry, kind.code, variant, living, free):
                draft = Application(
                    document=kind.code,
                    variant=variant.code,
                    channel=Channel.WHATSAPP,
                    subject=person,
                    partner=partner,
                    applicant=person,
                    evidence=accepted,
                    event_date=on - datetime.timedelta(days=10),
                    child_name="Bayu Pratama" if kind.code == "AKTA-LAHIR" else None,
                    child_sex=Sex.MALE if kind.code == "AKTA-LAHIR" else None,
                    destination="31.71" if kind.code == "SKPWNI" else None,
                )
                if check(draft, registry, on=on).ok:
                    found.append(draft)
    return found


def _people_for(
    registry: Registry,
    document: str,
    variant: Variant,
    living: list[Resident],
    free: list[Resident],
) -> list[tuple[str, str | None]]:
    """Who an application of ``document`` can be about: (subject, partner) pairs, by NIK."""
    pairs: list[tuple[str, str | None]] = []
    for person in living:
        # The subject of a marriage or divorce is the husband; of a birth, the mother.
        wanted = _SUBJECT_SEX.get(document)
        if wanted is not None and person.sex is not wanted:
            continue
        spouse = registry.spouse_of(person.nik)
        if document == "AKTA-KAWIN" and not variant.reissue:
            match = next((r.nik for r in free if r.sex is not person.sex), None)
            if match:
                pairs.append((person.nik, match))
        elif document in ("AKTA-KAWIN", "AKTA-LAHIR", "AKTA-CERAI"):
            if spouse:  # a second copy of a marriage certificate is the married couple's
                pairs.append((person.nik, spouse))
        else:
            pairs.append((person.nik, None))
    return pairs


def _checked_applications(
    registry: Registry,
    *,
    kinds: list[Any],
    on: datetime.date,
    complete: bool,
    keep: Callable[[Application], bool] | None = None,
) -> st.SearchStrategy[Application]:
    def build() -> st.SearchStrategy[Application]:
        templates = [t for t in _templates(registry, kinds, on) if keep is None or keep(t)]
        if not templates:
            raise InvalidArgument(
                "nobody in the register can complete such an application on " + on.isoformat()
            )

        groups: dict[str, list[Application]] = {}
        for draft in templates:
            groups.setdefault(draft.document, []).append(draft)
        # Document type first, then a template of it (every type equally likely); indices, not
        # sampled_from(templates), so the strategy's repr stays small.
        drafts = _pick(_Templates(tuple(tuple(group) for group in groups.values())))
        channels = st.sampled_from(Channel)
        if complete:
            return st.builds(
                lambda app, channel: attrs.evolve(app, channel=channel), drafts, channels
            )
        return _incomplete(drafts, registry, on)

    return st.deferred(build)


class _Templates:
    """Complete drafts grouped by document type, with a short repr for Hypothesis's reports."""

    def __init__(self, groups: tuple[tuple[Application, ...], ...]) -> None:
        self.groups = groups

    def __repr__(self) -> str:
        return f"<{sum(map(len, self.groups))} complete drafts>"


@st.composite
def _pick(draw: st.DrawFn, templates: _Templates) -> Application:
    groups = templates.groups
    group = groups[draw(st.integers(0, len(groups) - 1))]
    return group[draw(st.integers(0, len(group) - 1))]


@st.composite
def _incomplete(
    draw: st.DrawFn, drafts: st.SearchStrategy[Application], registry: Registry, on: datetime.date
) -> Application:
    from adminduk.documents import check  # noqa: PLC0415

    draft = draw(drafts)
    kinds = sorted(draft.evidence, key=lambda e: e.value)
    kept = draw(st.lists(st.sampled_from(kinds), unique=True, max_size=len(kinds) - 1))
    application = attrs.evolve(draft, evidence=frozenset(kept))
    # Evidence that stands in for the removed kinds may still satisfy every requirement.
    assume(not check(application, registry, on=on).ok)
    return application


def applications_in(
    *,
    status: Status,
    document_type: str | None = None,
    registry: Registry | None = None,
    on: datetime.date = _ON,
) -> st.SearchStrategy[Application]:
    """Generate applications whose history leads to ``status``, through an office's workflow.

    Each draw files a complete application (see :func:`applications`) at an office over a copy
    of ``registry`` (default: :func:`adminduk.samples.sample_registry`) and takes it along a
    path to ``status``: possibly returned and resubmitted a few times, then verified, printed
    with its register change, and shipped or collected on its delivery path. The history
    replays (:meth:`Application.replay`); the register copy it changed is discarded. Shrinks
    toward a family card application handed over without shipping (the shortest paths:
    pickup or outreach), with no detours.
    """
    from adminduk.documents import DOCUMENT_TYPES  # noqa: PLC0415
    from adminduk.samples import sample_registry  # noqa: PLC0415

    if not isinstance(status, Status):
        raise InvalidArgument(f"status must be a Status, not {status!r}")
    if registry is not None and not isinstance(registry, Registry):
        raise InvalidArgument(f"registry must be a Registry, not {registry!r}")
    base = registry if registry is not None else sample_registry()
    kinds = [k for k in DOCUMENT_TYPES if document_type in (None, k.code)]
    if not kinds:
        raise InvalidArgument(f"no document type {document_type!r}")
    issued = status in (Status.PRINTED, Status.SHIPPED, Status.COLLECTED)
    drafts = _checked_applications(
        base, kinds=kinds, on=on, complete=True, keep=_issuable if issued else None
    )
    return _applications_in(drafts, base, status, on)


#: Variants whose register change only the office can describe (who splits off, who arrives).
_OFFICE_DESCRIBED = frozenset({("KK", "split"), ("SKPWNI", "arrival")})


def _issuable(application: Application) -> bool:
    return (application.document, application.variant) not in _OFFICE_DESCRIBED


_PRINTED_OR_LATER = frozenset({"PRINTED", "SHIPPED", "COLLECTED"})


@st.composite
def _applications_in(
    draw: st.DrawFn,
    drafts: st.SearchStrategy[Application],
    base: Registry,
    status: Status,
    on: datetime.date,
) -> Application:
    from adminduk.samples import issue_details, sample_actor, sample_staff  # noqa: PLC0415
    from adminduk.workflows import (  # noqa: PLC0415 - workflows build on this module's users
        Actor,
        Delivery,
        Office,
        Role,
        event_for,
        workflow_for,
    )

    draft = draw(drafts)
    flow = workflow_for(draft.document)
    deliveries = sorted(flow.deliveries, key=lambda d: list(Delivery).index(d))
    if status is Status.SHIPPED:
        deliveries = [d for d in deliveries if d in (Delivery.POST, Delivery.DIGITAL)]
    delivery = draw(st.sampled_from(deliveries))
    draft = attrs.evolve(draft, delivery=Delivery(delivery))
    office = Office(base.area or "18.08", Registry.replay(base.journal, area=base.area))
    staff = {actor.role: actor for actor in sample_staff()}
    clock = [datetime.datetime.combine(on, datetime.time(8))]

    def at() -> datetime.datetime:
        clock[0] += datetime.timedelta(hours=draw(st.integers(0, 48)))
        return clock[0]

    resident = Actor.resident(draft.applicant or draft.subject or "")
    app = office.submit(draft, actor=staff[Role.SYSTEM], at=at())
    rounds = 0 if status is Status.RETURNED else draw(st.integers(0, 2))
    for _ in range(rounds):
        app = office.send_back(app, actor=staff[Role.FRONT_OFFICE], at=at(), reason="unclear scan")
        app = office.resubmit(app, actor=resident, at=at())
    if status is Status.RETURNED:
        return office.send_back(
            app, actor=staff[Role.FRONT_OFFICE], at=at(), reason="unclear scan"
        )
    if status is Status.REJECTED:
        return office.reject(app, actor=staff[Role.REGISTRAR], at=at(), reason="forged letter")
    if status is Status.CANCELLED:
        return office.cancel(app, actor=resident, at=at(), reason="no longer needed")
    if status is Status.SUBMITTED:
        return app
    if (
        app.document == "KTP-el"
        and not office.registry.resident(app.subject or "").ktp_el_status.is_recorded
    ):
        app = office.record_biometrics(app, actor=staff[Role.FRONT_OFFICE], at=at())
    app = office.verify(app, actor=staff[Role.FRONT_OFFICE], at=at())
    if status is Status.VERIFIED:
        return app
    change = flow.register_changes.get(app.variant)
    event = None
    if change is not None and change.required:
        event = event_for(app, on=clock[0].date(), **issue_details(office.registry, app))
    app = office.issue(app, actor=staff[Role.REGISTRAR], at=at(), event=event)
    if status is Status.PRINTED:
        return app
    if app.delivery in (Delivery.POST, Delivery.DIGITAL):
        app = office.ship(app, actor=sample_actor(Trigger.SHIP, app), at=at())
        if status is Status.SHIPPED:
            return app
    handed_by = sample_actor(Trigger.COLLECT, app)
    return office.collect(app, actor=handed_by, at=at(), collector=resident.nik)


@st.composite
def _applications(
    draw: st.DrawFn,
    /,
    *,
    kinds: list[Any],
    people: st.SearchStrategy[str],
    on: datetime.date,
) -> Application:
    kind = draw(st.sampled_from(kinds))
    variant = draw(st.sampled_from(kind.variants))
    accepted = sorted(
        kind.evidence_kinds() | {Evidence.HEAD_OF_OFFICE_DECISION}, key=lambda e: e.value
    )
    return Application(
        document=kind.code,
        variant=variant.code,
        channel=draw(st.sampled_from(Channel)),
        subject=draw(st.none() | people),
        partner=draw(st.none() | people),
        applicant=draw(st.none() | people),
        evidence=draw(st.frozensets(st.sampled_from(accepted))),
        event_date=draw(
            st.none()
            | st.dates(on - datetime.timedelta(days=400), on + datetime.timedelta(days=5))
        ),
        child_name=draw(st.none() | names()),
        child_sex=draw(st.none() | st.sampled_from(Sex)),
        destination=draw(st.none() | region_codes(level=RegionLevel.REGENCY)),
    )
