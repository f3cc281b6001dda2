"""What a simulated office run gives back: the day-by-day counts, the office and its files."""

from __future__ import annotations

import datetime

import attrs

from adminduk.applications import Application
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
    """The outcome: the changed register, the office and every application, day by day."""

    registry: Registry
    office: Office
    days: tuple[OfficeDay, ...]

    @property
    def applications(self) -> tuple[Application, ...]:
        """The current version of every application filed."""
        return tuple(self.office.applications.values())
