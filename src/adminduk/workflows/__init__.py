"""Application workflows: from submission to the resident's hands, as data on ``transitions``.

Each document type has a :class:`Workflow` (:data:`WORKFLOWS`): which action leads from which
:class:`Status` to which, for which :class:`Role`, on which :class:`Delivery` path, under which
guards. An :class:`Office` holds a register and the applications and offers every action as a
typed method; :func:`submit` and :func:`fire` are the same without an office. Every action is
appended to the application's history, from which :func:`replay` rebuilds it. The applications,
actions, statuses and roles themselves are in :mod:`adminduk.applications`.

Monitoring (:func:`dashboard`, :func:`overdue`, :func:`durations`) and pictures
(:func:`diagram`) read the same data.
"""

from adminduk.workflows.changes import Change, Recorder
from adminduk.workflows.definitions import DRAFT, WORKFLOWS, Step, Workflow, workflow_for
from adminduk.workflows.diagram import diagram
from adminduk.workflows.engine import extend, fire, involved, replay, submit
from adminduk.workflows.guards import Attempt, Guard
from adminduk.workflows.monitoring import (
    Dashboard,
    dashboard,
    durations,
    lead_time,
    overdue,
    waiting,
    waiting_at,
    waiting_at_districts,
)
from adminduk.workflows.office import Office

__all__ = [
    "DRAFT",
    "WORKFLOWS",
    "Attempt",
    "Change",
    "Dashboard",
    "Guard",
    "Office",
    "Recorder",
    "Step",
    "Workflow",
    "dashboard",
    "diagram",
    "durations",
    "extend",
    "fire",
    "involved",
    "lead_time",
    "overdue",
    "replay",
    "submit",
    "waiting",
    "waiting_at",
    "waiting_at_districts",
    "workflow_for",
]
