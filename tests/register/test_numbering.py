"""New NIKs and KK numbers take the lowest free serial of their prefix, whatever came before.

The register remembers, per prefix, how far the serials it holds for good run, so that issuing
thousands of numbers with one prefix stays linear; these properties hold that memory to the plain
rule (every lower serial already held) across refused events and registers restored with
``assign``.
"""

from __future__ import annotations

import contextlib
import datetime

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.codes import Sex
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.register.events import Birth
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import family_event
from adminduk.strategies import life_events, registries


def child(
    index: int,
    *,
    sex: Sex = Sex.MALE,
    on: datetime.date = datetime.date(2026, 10, 1),
    father: str = S.head,
) -> Birth:
    """A child of the sample family's couple (``father`` another NIK: refused, unknown)."""
    return Birth(occurred_on=on, recorded_on=on, name=f"Anak {index}", sex=sex,
                 birth_place="Blambangan Umpu", mother=S.wife, father=father)  # fmt: skip


def numbers(registry: Registry) -> set[str]:
    """Every NIK and KK number the register holds or has retired."""
    return (
        set(registry.residents_by_nik)
        | {family.number for family in registry.families()}
        | set(registry.retired_numbers())
    )


def issued(drawn: object, applied: object, before: set[str]) -> set[str]:
    """The numbers the register gave: new numbers in fields the event left empty and its
    applied form fills (a newborn's NIK, a new family's KK number; not the family joined)."""
    return {
        value
        for name, value in attrs.asdict(applied, recurse=False).items()  # type: ignore[arg-type]
        if getattr(drawn, name) is None
        and isinstance(value, str)
        and len(value) == 16
        and value not in before
    }


def assert_lowest_free(given: set[str], after: set[str]) -> None:
    """Each number in ``given`` has every lower serial of its prefix held in ``after``."""
    for number in given:
        prefix, serial = number[:12], int(number[12:])
        for lower in range(1, serial):
            assert f"{prefix}{lower:04d}" in after, (number, lower)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_life_events_issue_the_lowest_free_serials(data: st.DataObject) -> None:
    """Births, marriages and moves (refused ones too), with the register sometimes restored to
    an earlier copy: every new number has the lowest free serial of its prefix."""
    registry = data.draw(registries(max_families=4))
    saved: list[Registry] = []
    for _ in range(data.draw(st.integers(1, 8))):
        restore: bool = data.draw(st.booleans())
        if saved and restore:
            registry.assign(saved[-1])  # back to an earlier state (as a rolled-back office)
        if data.draw(st.booleans()):
            saved.append(Registry.replay(registry.journal, area=registry.area))
        before = numbers(registry)
        event = data.draw(life_events(registry))
        try:
            applied = registry.apply(event)
        except AdmindukError:  # a refused event changes nothing
            assert numbers(registry) == before
            continue
        assert_lowest_free(issued(event, applied, before), numbers(registry))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Sex)), st.integers(1, 3), st.booleans()),
        min_size=1,
        max_size=30,
    )
)
def test_births_on_few_days_take_consecutive_serials(
    births: list[tuple[Sex, int, bool]],
) -> None:
    """Many births on three days, some refused (an unknown father): the NIKs of each day and
    sex run 0001, 0002, ... without a gap, and a refused birth takes no serial."""
    registry = Registry(area="18.08")
    registry.apply(family_event())
    for index, (sex, day, refused) in enumerate(births):
        before = numbers(registry)
        unknown = "1808010101900099"
        event = child(index, sex=sex, on=datetime.date(2026, 10, day),
                      father=unknown if refused else S.head)  # fmt: skip
        with contextlib.suppress(AdmindukError):
            applied = registry.apply(event)
            assert_lowest_free(issued(event, applied, before), numbers(registry))
        if refused:
            assert numbers(registry) == before


def test_three_hundred_newborns_of_one_day_are_numbered_in_order() -> None:
    """300 boys born on one day in one district get serials 0001 to 0300, in order."""
    registry = Registry(area="18.08")
    registry.apply(family_event())
    issued = []
    for index in range(300):
        applied = registry.apply(child(index))
        assert isinstance(applied, Birth)
        assert applied.nik is not None
        issued.append(int(applied.nik[12:]))
    assert issued == list(range(1, 301))


def test_a_register_restored_to_an_earlier_copy_issues_from_there() -> None:
    """Two births, a copy, two more, then the register restored to the copy (as a rolled-back
    office is): the next newborn takes serial 0003 again, the first the copy leaves free."""

    registry = Registry(area="18.08")
    registry.apply(family_event())
    registry.apply(child(1))
    registry.apply(child(2))
    copy = Registry.replay(registry.journal, area=registry.area)
    registry.apply(child(3))
    registry.apply(child(4))
    registry.assign(copy)
    again = registry.apply(child(5))
    assert isinstance(again, Birth)
    assert again.nik is not None
    assert again.nik[12:] == "0003"
