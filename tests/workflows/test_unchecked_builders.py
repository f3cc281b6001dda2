"""The workflow engine builds actions and applications unchecked; each field holds what it says."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.documents import Form
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.strategies import applications_in
from adminduk.workflows import Attempt, Guard, Office, workflow_for

FILING = {Trigger.SUBMIT, Trigger.RESUBMIT}
CARRYING = FILING | {Trigger.VERIFY, Trigger.SEND_BACK}


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
        # Filing carries the form; a review may carry it back with the office's attestations.
        assert action.form is None or action.trigger in CARRYING
        assert action.trigger not in FILING or action.form is not None
        assert action.form is None or isinstance(action.form, Form)
        assert (action.collector is not None) == (action.trigger is Trigger.COLLECT)
        # An issue prints something, unless it corrects data no document prints (education).
        printed_nothing = app.form.document == "PERBAIKAN-DATA"
        assert bool(action.issued) == (action.trigger is Trigger.ISSUE) or printed_nothing
        assert all(isinstance(code, str) for code in action.issued)
        assert action.due is None or isinstance(action.due, datetime.datetime)
        assert isinstance(action.events, tuple)
    assert app.history[-1].status is app.status
    assert attrs.evolve(app) == app


def test_a_guard_sees_each_field_of_the_attempt_in_place() -> None:
    """The attempt built unchecked for the guards holds each value under its own name."""
    seen: list[Attempt] = []
    spy = Guard("spy", "records what it is shown", seen.append)
    default = workflow_for("KK")
    flow = default.with_steps(
        attrs.evolve(step, guards=(*step.guards, spy))
        if step.trigger in (Trigger.VERIFY, Trigger.COLLECT)
        else step
        for step in default.steps
    )
    office = Office("18.08", sample_registry(), staff=sample_staff(), workflows={"KK": flow})
    staff = {actor.role: actor for actor in sample_staff()}
    at = datetime.datetime(2026, 3, 2, 8, 0)
    filer = Actor.resident(SIAP_KELUARGA.head)
    app = office.submit(sample_form("KK", "lost", on=at.date()), actor=filer, at=at)
    app = office.verify(app, actor=staff[Role.FRONT_OFFICE], at=at)
    app = office.issue(app, actor=staff[Role.REGISTRAR], at=at)
    office.collect(app, actor=staff[Role.FRONT_OFFICE], at=at, collector=SIAP_KELUARGA.wife)
    verify, collect = seen
    assert verify == attrs.evolve(verify)
    assert verify.form is app.form
    assert (Trigger.VERIFY, staff[Role.FRONT_OFFICE], at) == (
        verify.trigger,
        verify.actor,
        verify.at,
    )
    assert verify.registry is office.registry
    assert ("", None, None, ()) == (verify.reason, verify.event, verify.corrected, verify.findings)
    assert SIAP_KELUARGA.head == verify.filer
    assert (Trigger.COLLECT, SIAP_KELUARGA.wife) == (collect.trigger, collect.collector)
