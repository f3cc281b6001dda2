"""Application workflows: from submission to the resident's hands, as data on ``transitions``.

Each document type has a :class:`Workflow` (:data:`WORKFLOWS`): which action leads from which
:class:`Status` to which, for which :class:`Role`, on which :class:`Delivery` path, under which
guards, and which register change issuing makes. An :class:`Office` holds a register and the
applications and offers every action as a typed method; :func:`fire` is the same without an
office. Every action is appended to the application's history, from which
:meth:`Application.replay <adminduk.documents.Application.replay>` rebuilds it.

Monitoring (:func:`dashboard`, :func:`overdue`, :func:`durations`) and pictures
(:func:`diagram`) read the same data.
"""

from adminduk.documents._application import (
    Action,
    Actor,
    Application,
    Delivery,
    Role,
    Status,
    Trigger,
)
from adminduk.workflows.definitions import (
    DRAFT,
    WORKFLOWS,
    RegisterChange,
    Step,
    Workflow,
    workflow_for,
)
from adminduk.workflows.diagram import diagram
from adminduk.workflows.engine import event_for, fire, involved, replay
from adminduk.workflows.guards import Attempt, Guard
from adminduk.workflows.monitoring import (
    Dashboard,
    dashboard,
    durations,
    lead_time,
    overdue,
    waiting,
)
from adminduk.workflows.office import Office

__all__ = [
    "DRAFT",
    "WORKFLOWS",
    "Action",
    "Actor",
    "Application",
    "Attempt",
    "Dashboard",
    "Delivery",
    "Guard",
    "Office",
    "RegisterChange",
    "Role",
    "Status",
    "Step",
    "Trigger",
    "Workflow",
    "dashboard",
    "diagram",
    "durations",
    "event_for",
    "fire",
    "involved",
    "lead_time",
    "overdue",
    "replay",
    "waiting",
    "workflow_for",
]
