"""Tables an office and its analysts publish: population, KTP-el coverage, families, service.

Every function reads a register or a list of applications and returns plain, immutable rows;
``to_records()`` gives dicts that pandas or polars take as they are (adminduk depends on
neither), and ``render()`` prints the published layout with an Indonesian decimal comma
(``7,54``) or an English point.

>>> from adminduk.simulation import synthesize_population
>>> registry = synthesize_population("18.08", seed=1, counts={"18.08.01": (60, 40),
...                                                           "18.08.02": (50, 50)})
>>> table = population_table(registry, "18.08")
>>> [(row.name, row.male, row.female, row.total, row.total_pct) for row in table.rows][:2]
[('Blambangan Umpu', 60, 40, 100, Decimal('50.00')), ('Kasui', 50, 50, 100, Decimal('50.00'))]
>>> print(table.render().splitlines()[-1])
| Jumlah | 110 | 55,00 | 90 | 45,00 | 200 | 100,00 |
"""

from __future__ import annotations

import csv
import datetime
import io
import statistics as _stats
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any, Literal

import attrs

from adminduk import regions
from adminduk.codes import LifeStatus, Sex
from adminduk.documents._application import Application, Status, Trigger
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.events import Birth, Death, Divorce, Event, Marriage
from adminduk.family import Family
from adminduk.registry import Registry
from adminduk.workflows.monitoring import durations

__all__ = [
    "WAY_KANAN_2020_PRINTED_TOTAL",
    "AgeBand",
    "CoverageRow",
    "Discrepancy",
    "FamilyRow",
    "PopulationRow",
    "PopulationTable",
    "ServiceMetrics",
    "Timeliness",
    "age_pyramid",
    "audit_table",
    "family_table",
    "format_number",
    "ktp_el_coverage",
    "population_table",
    "published_way_kanan_2020",
    "registration_timeliness",
    "service_metrics",
]

Level = Literal["district", "village"]
_LEVELS = {"district": regions.RegionLevel.DISTRICT, "village": regions.RegionLevel.VILLAGE}
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def percentage(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole``, two decimals, rounded half up (0 if whole is 0).

    >>> percentage(36_255, 479_702)
    Decimal('7.56')
    """
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(_CENT, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, lang: str) -> str:
    """A count or a two-decimal figure with Indonesian (1.234,56) or English separators.

    >>> format_number(Decimal("1234.5"), "id"), format_number(246037, "en")
    ('1.234,50', '246,037')
    """
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    if lang == "id":  # 1.234,56
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def _children(region_code: str, by: Level, on: datetime.date) -> list[regions.Region]:
    if by not in _LEVELS:
        raise InvalidComponent(f"by must be 'district' or 'village', not {by!r}")
    parent = regions.get(region_code)
    level = _LEVELS[by]
    if parent.level.value >= level.value:
        raise InvalidComponent(f"{parent.code} has no {by}s below it")
    return list(regions.walk(parent.code, level=level, as_of=on.year))


def _as_of(registry: Registry, on: datetime.date | None) -> Registry:
    """The register as it stood at the end of ``on`` (replayed when events came later)."""
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    if on is None:
        return registry
    journal = registry.journal
    if all(event.recorded_on <= on for event in journal):
        return registry
    return Registry.replay((e for e in journal if e.recorded_on <= on), area=registry.area)


def _today(registry: Registry, on: datetime.date | None) -> datetime.date:
    if on is not None:
        return on
    journal = registry.journal
    return max((event.recorded_on for event in journal), default=datetime.date(2026, 1, 1))


@attrs.frozen
class _Regional:
    """A register as it stood on ``day``, and a two-number tally per child region of a parent."""

    state: Registry
    day: datetime.date
    children: list[regions.Region]
    tally: dict[str, list[int]]
    width: int

    def families(self) -> Iterator[tuple[list[int], Family]]:
        """Each family living in one of the child regions, with that region's tally."""
        tally, width = self.tally, self.width
        for family in self.state._families.values():
            slot = tally.get(family.address.village_code[:width])
            if slot is not None:
                yield slot, family


def _regional(
    registry: Registry, region_code: str, by: Level, on: datetime.date | None
) -> _Regional:
    state = _as_of(registry, on)
    day = _today(registry, on)
    children = _children(region_code, by, day)
    return _Regional(
        state, day, children, {child.code: [0, 0] for child in children}, _prefix(region_code, by)
    )


def _prefix(code: str, by: Level) -> int:
    return 8 if by == "district" else 13  # "PP.KK.DD" or "PP.KK.DD.VVVV"


# --- population -------------------------------------------------------------------------------


@attrs.frozen
class PopulationRow:
    """One row: counts and each as a percentage of the table's grand total."""

    code: str
    name: str
    male: int
    female: int
    total: int
    male_pct: Decimal
    female_pct: Decimal
    total_pct: Decimal


@attrs.frozen
class PopulationTable:
    """Residents by sex per child region, with a total row (the published DKB layout)."""

    region_code: str
    region_name: str
    by: str
    on: datetime.date
    rows: tuple[PopulationRow, ...]
    total: PopulationRow

    def to_records(self, *, total: bool = True) -> list[dict[str, Any]]:
        """Plain dicts (``code``, ``name``, counts, percentages as floats).

        With ``total`` the last record is the total row, named "Jumlah" as printed.
        """
        rows = [*self.rows, self.total] if total else list(self.rows)
        return [
            {
                "code": row.code,
                "name": "Jumlah" if row is self.total else row.name,
                "male": row.male,
                "male_pct": float(row.male_pct),
                "female": row.female,
                "female_pct": float(row.female_pct),
                "total": row.total,
                "total_pct": float(row.total_pct),
            }
            for row in rows
        ]

    def render(self, *, lang: Literal["id", "en"] = "id") -> str:
        """A Markdown table: Indonesian headers and decimal commas, or English ones."""
        if lang == "id":
            head = (
                "Kecamatan" if self.by == "district" else "Desa/Kelurahan",
                "Laki-laki",
                "%",
                "Perempuan",
                "%",
                "Jumlah",
                "%",
            )
        else:
            head = (
                "District" if self.by == "district" else "Village",
                "Male",
                "%",
                "Female",
                "%",
                "Total",
                "%",
            )
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for row in (*self.rows, self.total):
            cells = (
                row.name,
                row.male,
                row.male_pct,
                row.female,
                row.female_pct,
                row.total,
                row.total_pct,
            )
            shown = [
                cells[0] if row is not self.total else ("Jumlah" if lang == "id" else "Total")
            ]
            shown += [format_number(cell, lang) for cell in cells[1:]]
            lines.append("| " + " | ".join(shown) + " |")
        return "\n".join(lines)


def population_table(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> PopulationTable:
    """Living residents of ``region_code`` by sex per district (or village), with totals.

    Residents count where their family lives. ``on`` takes the register as it stood that day
    (replaying the journal up to it) and the region list in force that year.
    """
    parent = regions.get(region_code)
    regional = _regional(registry, parent.code, by, on)
    counts, children, day = regional.tally, regional.children, regional.day
    residents = regional.state._residents
    alive, woman = LifeStatus.ALIVE, Sex.FEMALE  # locals: this loop runs once per resident
    for slot, family in regional.families():
        for member in family.members:
            person = residents[member.nik]
            if person.life_status is alive:
                if person.sex is woman:
                    slot[1] += 1
                else:
                    slot[0] += 1
    male = sum(c[0] for c in counts.values())
    female = sum(c[1] for c in counts.values())
    grand = male + female

    def row(code: str, name: str, m: int, f: int) -> PopulationRow:
        return PopulationRow(
            code,
            name,
            m,
            f,
            m + f,
            percentage(m, grand),
            percentage(f, grand),
            percentage(m + f, grand),
        )

    rows = tuple(row(c.code, c.name, *counts[c.code]) for c in children)
    return PopulationTable(
        region_code=parent.code,
        region_name=parent.name,
        by=by,
        on=day,
        rows=rows,
        total=row(parent.code, parent.name, male, female),
    )


# --- auditing a published table ------------------------------------------------------------------

#: The printed total row of the published 2020 table (its columns do not add up to it).
WAY_KANAN_2020_PRINTED_TOTAL: Mapping[str, Any] = {
    "name": "Jumlah",
    "male": 246_037,
    "female": 233_665,
    "total": 479_702,
}


def published_way_kanan_2020() -> list[dict[str, Any]]:
    """The published Way Kanan table (DKB semester II 2020), one record per district.

    Keys ``code``, ``name``, ``male``, ``female``, ``total``, as transcribed (the packaged
    ``way-kanan-dkb-2020s2.csv``; its ``.md`` tells the source and the known inconsistencies).
    The printed total row is :data:`WAY_KANAN_2020_PRINTED_TOTAL`.

    >>> rows = published_way_kanan_2020()
    >>> len(rows), rows[0]["name"], rows[0]["total"]
    (14, 'Blambangan Umpu', 70379)
    """
    text = (
        resources.files("adminduk")
        .joinpath("data/way-kanan-dkb-2020s2.csv")
        .read_text(encoding="utf-8")
    )
    return [
        {
            "code": row["district_code"],
            "name": row["district"],
            "male": int(row["male"]),
            "female": int(row["female"]),
            "total": int(row["total"]),
        }
        for row in csv.DictReader(io.StringIO(text))
    ]


@attrs.frozen
class Discrepancy:
    """One inconsistency in a published table: where, what was printed, what the rest implies."""

    kind: Literal["row-sum", "column-sum", "percentage"]
    row: str
    column: str
    printed: Decimal
    expected: Decimal

    def __str__(self) -> str:
        return (
            f"{self.kind}: {self.row}, {self.column}: printed {self.printed}, "
            f"expected {self.expected}"
        )


_COUNTS = ("male", "female", "total")


def _count(record: Mapping[str, Any], key: str, where: str) -> int:
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFormat(f"{where}: {key} must be a whole number, not {value!r}")
    return value


def audit_table(
    records: Iterable[Mapping[str, Any]],
    *,
    total: Mapping[str, Any] | None = None,
) -> list[Discrepancy]:
    """Check a published population table for consistency and list every discrepancy.

    ``records`` are the rows (``name``, ``male``, ``female``, ``total``, optionally
    ``male_pct``, ``female_pct``, ``total_pct``); ``total`` is the printed total row (if it is
    not given, a record named "Jumlah"/"Total" is taken as it). Checks: male + female = total in
    every row; each column sums to the total row; each percentage agrees with its count over the
    grand total (to the two printed decimals).

    >>> rows = [{"name": "A", "male": 5, "female": 5, "total": 10},
    ...         {"name": "B", "male": 3, "female": 4, "total": 7, "total_pct": 41.18}]
    >>> for found in audit_table(rows, total={"name": "Jumlah", "male": 8, "female": 9,
    ...                                       "total": 18}):
    ...     print(found)
    row-sum: Jumlah, total: printed 18, expected 17
    column-sum: Jumlah, total: printed 18, expected 17
    percentage: B, total_pct: printed 41.18, expected 38.89
    """
    rows = [dict(record) for record in records]
    if total is None:
        named = [r for r in rows if str(r.get("name", "")).strip().lower() in ("jumlah", "total")]
        if len(named) != 1:
            raise InvalidFormat("give the printed total row (total=) or one row named Jumlah")
        total = named[0]
        rows = [r for r in rows if r is not total]
    found: list[Discrepancy] = []
    for record in [*rows, dict(total)]:
        where = str(record.get("name", "?"))
        male, female, whole = (_count(record, key, where) for key in _COUNTS)
        if male + female != whole:
            found.append(
                Discrepancy("row-sum", where, "total", Decimal(whole), Decimal(male + female))
            )
    for key in _COUNTS:
        summed = sum(_count(r, key, str(r.get("name", "?"))) for r in rows)
        printed = _count(total, key, "total row")
        if summed != printed:
            found.append(
                Discrepancy(
                    "column-sum",
                    str(total.get("name", "total")),
                    key,
                    Decimal(printed),
                    Decimal(summed),
                )
            )
    grand = _count(total, "total", "total row")
    for record in [*rows, dict(total)]:
        for key in _COUNTS:
            printed_pct = record.get(f"{key}_pct")
            if printed_pct is None:
                continue
            shown = Decimal(str(printed_pct)).quantize(_CENT, rounding=ROUND_HALF_UP)
            expected = percentage(_count(record, key, str(record.get("name"))), grand)
            if shown != expected:
                found.append(
                    Discrepancy(
                        "percentage", str(record.get("name", "?")), f"{key}_pct", shown, expected
                    )
                )
    return found


# --- KTP-el coverage, families, ages ----------------------------------------------------------------


@attrs.frozen
class CoverageRow:
    """KTP-el recording in one region: who must hold one, and how many are recorded."""

    code: str
    name: str
    required: int
    recorded: int

    @property
    def coverage(self) -> Decimal:
        """Recorded as a percentage of required."""
        return percentage(self.recorded, self.required)


def ktp_el_coverage(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> list[CoverageRow]:
    """KTP-el coverage per district: recorded / required (alive, 17 or older or ever married).

    The office measures its outreach by this figure (Pasal 63 UU 24/2013).
    """
    regional = _regional(registry, region_code, by, on)
    tally, children, day = regional.tally, regional.children, regional.day
    for slot, family in regional.families():
        for member in family.members:
            person = regional.state._residents[member.nik]
            if person.is_alive and person.must_hold_ktp_el(day):
                slot[0] += 1
                slot[1] += person.ktp_el_status.is_recorded
    return [CoverageRow(c.code, c.name, *tally[c.code]) for c in children]


@attrs.frozen
class FamilyRow:
    """Families in one region and their average size."""

    code: str
    name: str
    families: int
    members: int

    @property
    def average_size(self) -> Decimal:
        """Members per family, two decimals."""
        if self.families == 0:
            return Decimal("0.00")
        return (Decimal(self.members) / Decimal(self.families)).quantize(
            _CENT, rounding=ROUND_HALF_UP
        )


def family_table(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> list[FamilyRow]:
    """Families (KK) per district and their average number of members."""
    regional = _regional(registry, region_code, by, on)
    tally, children = regional.tally, regional.children
    for slot, family in regional.families():
        slot[0] += 1
        slot[1] += len(family.members)
    return [FamilyRow(c.code, c.name, *tally[c.code]) for c in children]


@attrs.frozen
class AgeBand:
    """Living residents of one age band by sex (``top`` band: that age and older)."""

    low: int
    high: int | None
    male: int
    female: int

    @property
    def label(self) -> str:
        """``"20-24"``, or ``"75+"`` for the top band."""
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high}"


def age_pyramid(
    registry: Registry,
    region_code: str | None = None,
    *,
    on: datetime.date,
    width: int = 5,
    top: int = 75,
) -> list[AgeBand]:
    """Living residents by age band and sex (youngest first), optionally within a region."""
    if width < 1 or top < width or top % width:
        raise InvalidComponent("width must be at least 1 and divide top")
    prefix = None if region_code is None else regions.normalize(region_code)
    bands = [[0, 0] for _ in range(top // width + 1)]
    state = _as_of(registry, on)
    for family in state._families.values():
        if prefix is not None and not family.address.village_code.startswith(prefix):
            continue
        for member in family.members:
            person = state._residents[member.nik]
            if person.is_alive:
                index = min(person.age(on) // width, top // width)
                bands[index][person.sex is Sex.FEMALE] += 1
    return [
        AgeBand(i * width, None if i == top // width else i * width + width - 1, m, f)
        for i, (m, f) in enumerate(bands)
    ]


# --- service metrics ----------------------------------------------------------------------------


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


@attrs.frozen
class ServiceMetrics:
    """How fast and how completely the office serves, from applications' histories.

    Times are in hours. ``compliance`` is the share of issued applications printed by their
    due date; ``first_time_complete`` the share of issued ones never returned; ``rounds`` the
    average number of returns per application.
    """

    applications: int
    per_day: Mapping[datetime.date, Mapping[str, int]]
    online_share: float
    state_hours: Mapping[Status, tuple[float, float]]
    lead_hours: tuple[float, float]
    compliance: float
    first_time_complete: float
    rounds: float

    def to_records(self) -> list[dict[str, Any]]:
        """Per-day volumes by channel, as plain dicts."""
        return [
            {"date": day.isoformat(), **dict(channels)}
            for day, channels in sorted(self.per_day.items())
        ]


def service_metrics(applications: Iterable[Application]) -> ServiceMetrics:
    """Volume per day and channel, online share, lead times (median, p90), compliance, returns."""
    filed = [app for app in applications if app.history]
    per_day: dict[datetime.date, Counter[str]] = {}
    online = 0
    spent: dict[Status, list[float]] = {}
    leads: list[float] = []
    issued = on_time = complete = 0
    returns = 0
    for app in filed:
        first = app.history[0]
        per_day.setdefault(first.at.date(), Counter())[app.channel.value] += 1
        online += app.channel.online
        for status, time in durations(app).items():
            spent.setdefault(status, []).append(time.total_seconds() / 3600)
        rounds = sum(action.trigger is Trigger.SEND_BACK for action in app.history)
        returns += rounds
        printed = app.action(Trigger.ISSUE)
        if printed is not None:
            issued += 1
            due = app.due
            on_time += due is None or printed.at <= due
            complete += rounds == 0
        if app.status is Status.COLLECTED:
            leads.append((app.history[-1].at - first.at).total_seconds() / 3600)
    count = len(filed)
    return ServiceMetrics(
        applications=count,
        per_day={day: dict(channels) for day, channels in per_day.items()},
        online_share=online / count if count else 0.0,
        state_hours={
            status: (_stats.median(hours), _quantile(hours, 0.9))
            for status, hours in spent.items()
        },
        lead_hours=(_stats.median(leads), _quantile(leads, 0.9)) if leads else (0.0, 0.0),
        compliance=on_time / issued if issued else 0.0,
        first_time_complete=complete / issued if issued else 0.0,
        rounds=returns / count if count else 0.0,
    )


@attrs.frozen
class Timeliness:
    """How soon events of one kind were registered (OpenCRVS completeness brackets)."""

    kind: str
    deadline_days: int
    within_deadline: int
    within_year: int
    within_five_years: int
    later: int

    @property
    def total(self) -> int:
        """All events of the kind."""
        return self.within_deadline + self.within_year + self.within_five_years + self.later


#: Legal deadlines in days (UU 24/2013 and UU 23/2006).
_DEADLINES: Mapping[type[Event], tuple[str, int]] = {
    Birth: ("birth", 60),
    Death: ("death", 30),
    Marriage: ("marriage", 60),
    Divorce: ("divorce", 60),
}


def registration_timeliness(registry: Registry) -> list[Timeliness]:
    """Births, deaths, marriages and divorces by how soon after the event they were recorded."""
    tally = {kind: [0, 0, 0, 0] for kind in _DEADLINES}
    for event in registry.journal:
        slot = tally.get(type(event))
        if slot is None:
            continue
        days = (event.recorded_on - event.occurred_on).days
        deadline = _DEADLINES[type(event)][1]
        bracket = 0 if days <= deadline else 1 if days <= 365 else 2 if days <= 5 * 365 else 3
        slot[bracket] += 1
    return [
        Timeliness(name, deadline, *tally[kind]) for kind, (name, deadline) in _DEADLINES.items()
    ]
