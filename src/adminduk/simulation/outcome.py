"""What a simulated office run gives back: the day-by-day counts, the office and its files."""

from __future__ import annotations

import datetime

import attrs

from adminduk.applications import Application, Role
from adminduk.register import Registry
from adminduk.workflows import Office

__all__ = ["OfficeDay", "OfficeSimulation"]


@attrs.frozen
class OfficeDay:
    """What happened on one day."""

    day: datetime.date
    filed: int
    returned: int
    issued: int
    collected: int
    rejected: int


@attrs.frozen
class OfficeSimulation:
    """The outcome: the changed register, the office and every application, day by day.

    ``handovers`` has, for each document a district officer or an outreach team handed over,
    the role and the serving days it waited because that desk was full or closed (0: handed
    over on the day the resident came or the visit was planned), then, for each document
    still waiting at such a desk when the run ends, the serving days it has waited so far.
    """

    registry: Registry
    office: Office
    days: tuple[OfficeDay, ...]
    handovers: tuple[tuple[Role, int], ...] = ()

    @property
    def applications(self) -> tuple[Application, ...]:
        """The current version of every application filed."""
        return tuple(self.office.applications.values())
