"""What an office dashboard shows every morning: what waits where, and what is overdue.

Everything is computed from the applications' histories, so it is the same whether the
applications come from a live office, a file or a simulation.

>>> import datetime
>>> from adminduk.applications import Actor, Role, Status
>>> from adminduk.workflows import Office
>>> from adminduk import Registry
>>> from adminduk.documents import Channel, Evidence, Form
>>> from adminduk.samples import SIAP_KELUARGA, family_event
>>> office = Office("18.08", Registry.replay([family_event()]))
>>> at = datetime.datetime(2026, 3, 2, 9, 0)
>>> app = office.submit(
...     Form(document="KK", variant="lost", channel=Channel.WHATSAPP,
...                 subject=SIAP_KELUARGA.head, evidence={Evidence.POLICE_LETTER}),
...     actor=Actor.resident(SIAP_KELUARGA.head), at=at)
>>> app.due
datetime.datetime(2026, 3, 3, 9, 0)
>>> board = dashboard(office.applications.values(), at=datetime.datetime(2026, 3, 4, 8, 0))
>>> board.waiting[Status.SUBMITTED], len(board.overdue)
(1, 1)
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping

import attrs

from adminduk import regions
from adminduk._fields import require_moment
from adminduk.applications import Application, Status
from adminduk.errors import AdmindukError

__all__ = [
    "Dashboard",
    "dashboard",
    "durations",
    "lead_time",
    "overdue",
    "waiting",
    "waiting_at",
    "waiting_at_districts",
]


def durations(
    application: Application, *, until: datetime.datetime | None = None
) -> dict[Status, datetime.timedelta]:
    """Time spent in each status, summed over every visit; the current one up to ``until``.

    A final status has no duration (nothing waits in it).
    """
    spent: dict[Status, datetime.timedelta] = {}
    history = application.history
    for action, following in itertools.pairwise(history):
        spent[action.status] = spent.get(action.status, datetime.timedelta()) + (
            following.at - action.at
        )
    if history and until is not None and not history[-1].status.final:
        last = history[-1]
        spent[last.status] = spent.get(last.status, datetime.timedelta()) + max(
            until - last.at, datetime.timedelta()
        )
    return spent


def lead_time(application: Application) -> datetime.timedelta | None:
    """From the first submission to collection; ``None`` while not collected."""
    if application.status is not Status.COLLECTED:
        return None
    return application.history[-1].at - application.history[0].at


def waiting(applications: Iterable[Application]) -> dict[Status, list[Application]]:
    """The open applications by status (final ones left out), oldest first."""
    found: dict[Status, list[Application]] = {}
    for application in applications:
        status = application.status
        if status is not None and not status.final:
            found.setdefault(status, []).append(application)
    for group in found.values():
        group.sort(key=lambda app: app.history[-1].at)
    return found


def waiting_at(application: Application) -> tuple[str, datetime.datetime] | None:
    """Where a document waits for its holder, and since when: ``(district code, arrival time)``.

    ``None`` unless the document has arrived at a district office and is not collected yet.
    """
    if application.status is not Status.ARRIVED:
        return None
    arrival = application.history[-1]
    return arrival.office, arrival.at


def waiting_at_districts(applications: Iterable[Application]) -> dict[str, list[Application]]:
    """The documents waiting at each district office (by district code), longest waiting first."""
    found: dict[str, list[Application]] = {}
    for application in applications:
        place = waiting_at(application)
        if place is not None:
            found.setdefault(place[0], []).append(application)
    for group in found.values():
        group.sort(key=lambda app: app.history[-1].at)
    return dict(sorted(found.items()))


def overdue(applications: Iterable[Application], at: datetime.datetime) -> list[Application]:
    """The applications past their service-level deadline at ``at``, most overdue first.

    ``at`` is a moment (a ``datetime``), as deadlines are; a ``date`` is refused.
    """
    require_moment(at, "at")
    late = [application for application in applications if application.overdue(at)]
    late.sort(key=lambda app: app.due or at)
    return late


@attrs.frozen
class Dashboard:
    """Counts of open applications by status and document, and the overdue ones.

    ``at_districts`` counts the documents waiting at each district office, by district code.
    """

    at: datetime.datetime
    waiting: Mapping[Status, int]
    by_document: Mapping[str, Mapping[Status, int]]
    overdue: tuple[Application, ...]
    at_districts: Mapping[str, int] = attrs.field(factory=dict)

    def render(self) -> str:
        """The dashboard as a plain-text table (documents down, open statuses across)."""
        statuses = [status for status in Status if not status.final]
        header = f"{'document':<12}" + "".join(f"{s.value:>11}" for s in statuses)
        lines = [f"open applications at {self.at:%Y-%m-%d %H:%M}", header]
        for document, counts in sorted(self.by_document.items()):
            lines.append(f"{document:<12}" + "".join(f"{counts.get(s, 0):>11}" for s in statuses))
        lines.append(f"{'total':<12}" + "".join(f"{self.waiting.get(s, 0):>11}" for s in statuses))
        if self.at_districts:
            lines.append("waiting for collection at district offices:")
            for code, count in self.at_districts.items():
                lines.append(f"  {code} {_district_name(code):<24}{count:>6}")
        lines.append(f"overdue: {len(self.overdue)}")
        return "\n".join(lines)


def dashboard(applications: Iterable[Application], *, at: datetime.datetime) -> Dashboard:
    """What waits in each status, per document, and what is overdue at ``at`` (a datetime)."""
    require_moment(at, "at")
    items = list(applications)
    by_document: dict[str, Counter[Status]] = {}
    totals: Counter[Status] = Counter()
    for status, group in waiting(items).items():
        totals[status] = len(group)
        for application in group:
            by_document.setdefault(application.form.document, Counter())[status] += 1
    return Dashboard(
        at=at,
        waiting=dict(totals),
        by_document={code: dict(counts) for code, counts in by_document.items()},
        overdue=tuple(overdue(items, at)),
        at_districts={code: len(group) for code, group in waiting_at_districts(items).items()},
    )


def _district_name(code: str) -> str:
    try:
        return regions.get(code).name
    except AdmindukError:  # pragma: no cover - arrivals are checked to name a district
        return ""
