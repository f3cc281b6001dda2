"""The workflow engine builds actions and applications unchecked; each field holds what it says."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Actor, Application, Status, Trigger
from adminduk.documents import Form
from adminduk.strategies import applications_in

FILING = {Trigger.SUBMIT, Trigger.RESUBMIT}


@given(
    st.sampled_from([Status.COLLECTED, Status.CANCELLED, Status.REJECTED]).flatmap(
        lambda status: applications_in(status=status)
    )
)
@settings(max_examples=40)
def test_every_action_and_application_holds_its_fields_in_place(app: Application) -> None:
    """Every field of every action built unchecked holds the value it names."""
    for action in app.history:
        assert attrs.evolve(action) == action  # the constructor's own checks agree
        assert isinstance(action.trigger, Trigger)
        assert isinstance(action.status, Status)
        assert isinstance(action.actor, Actor)
        assert isinstance(action.at, datetime.datetime)
        assert isinstance(action.office, str)
        assert action.office
        assert isinstance(action.reason, str)
        assert (action.form is not None) == (action.trigger in FILING)
        assert action.form is None or isinstance(action.form, Form)
        assert (action.collector is not None) == (action.trigger is Trigger.COLLECT)
        assert bool(action.issued) == (action.trigger is Trigger.ISSUE)
        assert all(isinstance(code, str) for code in action.issued)
        assert action.due is None or isinstance(action.due, datetime.datetime)
        assert isinstance(action.events, tuple)
    assert app.history[-1].status is app.status
    assert attrs.evolve(app) == app
