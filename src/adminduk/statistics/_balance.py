"""Monthly population balances that add up, and KTP-el coverage on any date, from a history.

The office reports, per month, district and sex: the population at the start, births, deaths,
moves in and out, first registrations and other changes (a correction of sex, a household
moved at a marriage), and the population at the end, with

    start + births - deaths + moves in - moves out + registered + other = end

for every row. Each event of the register's journal is replayed once; its effect is the change
it makes to the living residents of each district by sex (the people it names, and the members
of the families it names, before and after). The month of an event is the month it was
**reported** (``basis="report"``: the figures the office had at the month's end; the end of a
month equals the register replayed to that day) or the month it **happened**
(``basis="event"``: what happened that month as known now; a birth reported late counts in the
month of birth, so past months change as reports arrive).

>>> import datetime
>>> from adminduk.samples import sample_registry
>>> rows = monthly_balances(sample_registry(), basis="report")
>>> row = rows[0]
>>> (row.month, row.district, row.start + row.registered == row.end)
('2020-07', '18.08.01', True)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Literal

import attrs

from adminduk.codes import LifeStatus, Sex
from adminduk.errors import InvalidFormat
from adminduk.register.events import (
    Birth,
    Death,
    Event,
    FamilyRegistered,
    MoveIn,
    MoveOut,
    MoveWithin,
)
from adminduk.register.registry import Registry
from adminduk.statistics._coverage import CoverageRow, ktp_el_coverage

__all__ = ["BalanceRow", "CoverageGrowth", "coverage_growth", "monthly_balances", "replayed_to"]

Basis = Literal["report", "event"]
#: Where a resident stands: (district code, sex), or ``None`` when not a living member here.
_Place = tuple[str, Sex] | None


@attrs.frozen
class BalanceRow:
    """One month, district and sex of the balance: the start, each flow, and the end."""

    month: str
    district: str
    sex: Sex
    start: int
    births: int = 0
    deaths: int = 0
    moves_in: int = 0
    moves_out: int = 0
    registered: int = 0
    other: int = 0
    end: int = 0

    @property
    def balanced(self) -> bool:
        """Whether start plus the flows is the end (always, by construction)."""
        flows = self.births - self.deaths + self.moves_in - self.moves_out
        return self.start + flows + self.registered + self.other == self.end

    def to_record(self) -> dict[str, object]:
        """The row as a plain dict (sex by its code)."""
        return {**attrs.asdict(self), "sex": self.sex.value}


def _month(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _strings(value: object, depth: int = 0) -> Iterator[str]:
    """Every 16-digit string inside an event (NIKs and KK numbers), however nested."""
    if isinstance(value, str):
        if len(value) == 16 and value.isdigit():
            yield value
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _strings(item, depth)
    elif attrs.has(type(value)) and depth < 4:
        for name in attrs.fields_dict(type(value)):  # type: ignore[arg-type]
            yield from _strings(getattr(value, name), depth + 1)


def _people(registry: Registry, numbers: set[str]) -> set[str]:
    """The residents among ``numbers`` and the members of the families among them."""
    found: set[str] = set()
    for number in numbers:
        family = registry.find_family(number)
        if family is not None:
            found.update(member.nik for member in family.members)
        else:
            found.add(number)
    return found


def _place(registry: Registry, nik: str) -> _Place:
    person = registry.find_resident(nik)
    if person is None or person.life_status is not LifeStatus.ALIVE:
        return None
    family = registry.find_family(registry.family_number_of(nik))
    if family is None:
        return None
    return (family.address.district_code, person.sex)


def _flow(event: Event, gained: bool) -> str:
    if isinstance(event, Birth):
        return "births"
    if isinstance(event, Death):
        return "deaths"
    if isinstance(event, MoveIn):
        return "moves_in"
    if isinstance(event, MoveOut):
        return "moves_out"
    if isinstance(event, MoveWithin):
        return "moves_in" if gained else "moves_out"
    if isinstance(event, FamilyRegistered):
        return "registered"
    return "other"


def _effects(registry: Registry) -> Iterator[tuple[Event, dict[tuple[str, Sex], int]]]:
    """Each event of the journal with its change to the living residents per district, sex."""
    replay = Registry(area=registry.area)
    for event in registry.journal:
        numbers = set(_strings(event))
        before_people = _people(replay, numbers)
        before = {nik: _place(replay, nik) for nik in before_people}
        replay.apply(event)
        after_people = _people(replay, numbers) | before_people
        change: dict[tuple[str, Sex], int] = {}
        for nik in after_people:
            old, new = before.get(nik), _place(replay, nik)
            if old != new:
                if old is not None:
                    change[old] = change.get(old, 0) - 1
                if new is not None:
                    change[new] = change.get(new, 0) + 1
        yield event, {key: value for key, value in change.items() if value}


def monthly_balances(registry: Registry, *, basis: Basis = "report") -> list[BalanceRow]:
    """The monthly balance of every district and sex over the register's whole history.

    Months run from the first event's to the last's (by ``basis``); a district appears from
    the first month it has anyone in it. Rows are ordered by month, district and sex.
    """
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    if basis not in ("report", "event"):
        raise InvalidFormat(f"basis is 'report' or 'event', not {str(basis)[:20]!r}")
    flows: dict[tuple[str, str, Sex], dict[str, int]] = {}
    months: set[str] = set()
    for event, change in _effects(registry):
        month = _month(event.recorded_on if basis == "report" else event.occurred_on)
        months.add(month)
        for (district, sex), amount in change.items():
            cell = flows.setdefault((month, district, sex), {})
            name = _flow(event, amount > 0)
            sign = -1 if name in ("deaths", "moves_out") else 1
            cell[name] = cell.get(name, 0) + sign * amount
    rows: list[BalanceRow] = []
    population: dict[tuple[str, Sex], int] = {}
    for month in _months_between(months):
        keys = sorted(
            set(population) | {(d, s) for (m, d, s) in flows if m == month},
            key=lambda key: (key[0], key[1].value),
        )
        for district, sex in keys:
            cell = flows.get((month, district, sex), {})
            start = population.get((district, sex), 0)
            row = BalanceRow(month, district, sex, start, **cell, end=0)
            end = start + row.births - row.deaths + row.moves_in - row.moves_out
            end += row.registered + row.other
            rows.append(attrs.evolve(row, end=end))
            population[(district, sex)] = end
    return rows


def _months_between(months: set[str]) -> list[str]:
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def replayed_to(registry: Registry, on: datetime.date) -> Registry:
    """The register as the office had it at the end of ``on``: every event reported by then."""
    if not isinstance(on, datetime.date):
        raise InvalidFormat(f"on must be a date, not {type(on).__name__}")
    return Registry.replay(
        (event for event in registry.journal if event.recorded_on <= on), area=registry.area
    )


@attrs.frozen
class CoverageGrowth:
    """KTP-el coverage of a district on two dates, and its growth in percentage points."""

    code: str
    name: str
    before: CoverageRow
    after: CoverageRow

    @property
    def growth(self) -> float:
        """Percentage points gained from the first date to the second."""
        return float(self.after.coverage - self.before.coverage)


def coverage_growth(
    registry: Registry, region_code: str, first: datetime.date, second: datetime.date
) -> list[CoverageGrowth]:
    """Coverage per district on ``first`` and ``second`` (the register replayed to each)."""
    if second < first:
        raise InvalidFormat("the second date comes before the first")
    before = {
        row.code: row
        for row in ktp_el_coverage(replayed_to(registry, first), region_code, on=first)
    }
    after = ktp_el_coverage(replayed_to(registry, second), region_code, on=second)
    return [
        CoverageGrowth(
            row.code, row.name, before.get(row.code, CoverageRow(row.code, row.name, 0, 0)), row
        )
        for row in after
    ]
