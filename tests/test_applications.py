"""The file an office keeps (adminduk.applications): who acts, what an action records."""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk.applications import Action, Actor, Application, Role, Status, Trigger
from adminduk.errors import (
    InvalidComponent,
    InvalidFormat,
)
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}

RESIDENT = Actor.resident(S.head)
STAFF = {actor.role: actor for actor in sample_staff()}
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def test_actor_validation() -> None:
    """Actor validation."""
    with pytest.raises(InvalidComponent, match="by NIK"):
        Actor(id="resident", role=Role.RESIDENT)
    with pytest.raises(InvalidFormat):
        Actor(id="", role=Role.REGISTRAR)
    with pytest.raises(InvalidFormat):
        Actor(id="x", role="registrar")  # type: ignore[arg-type]
    assert S.head not in repr(Actor.resident(S.head))


def test_action_validation() -> None:
    """Action validation."""
    with pytest.raises(InvalidFormat, match="datetime"):
        Action(trigger=Trigger.SUBMIT, status=Status.SUBMITTED, actor=RESIDENT, at=ON, office="x")  # type: ignore[arg-type]
    app = Office("18.08", sample_registry()).submit(
        sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0)
    )
    with pytest.raises(InvalidFormat, match="form must be a Form"):
        Action(
            trigger=Trigger.SUBMIT,
            status=Status.SUBMITTED,
            actor=RESIDENT,
            at=at(0),
            office="x",
            form=app,  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidComponent, match="only filing and review carry a form"):
        Action(
            trigger=Trigger.ISSUE,
            status=Status.PRINTED,
            actor=RESIDENT,
            at=at(0),
            office="x",
            form=app.form,
        )


def test_an_application_is_what_its_history_filed() -> None:
    """The constructor refuses a file whose form, history or id does not fit together."""
    office = Office("18.08", sample_registry())
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    assert app == Application(id=app.id, form=app.form, history=app.history)
    other = attrs.evolve(app.form, evidence=frozenset())
    with pytest.raises(InvalidComponent, match="last filed"):
        Application(id=app.id, form=other, history=app.history)
    with pytest.raises(InvalidComponent, match="starts with its submission"):
        Application(id=app.id, form=app.form, history=())
    with pytest.raises(InvalidFormat, match="application id"):
        Application(id=" ", form=app.form, history=app.history)
    with pytest.raises(InvalidFormat, match="form"):
        Application(id=app.id, form=app, history=app.history)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat, match="history entry"):
        Application(id=app.id, form=app.form, history=(*app.history, "verify"))  # type: ignore[arg-type]
    assert app.submitted_at == at(0)
    assert app.action(Trigger.VERIFY) is None
