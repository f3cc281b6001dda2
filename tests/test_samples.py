"""Tests of adminduk.samples: who the sample staff are and who of them acts."""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import errors
from adminduk.applications import Actor, Role, Trigger
from adminduk.documents import Delivery
from adminduk.samples import sample_actor, sample_form, sample_registry, sample_staff
from adminduk.workflows import Office, workflow_for

ON = datetime.date(2026, 3, 2)


def test_the_sample_staff_is_one_of_each_role_and_always_the_same() -> None:
    """One officer per role, the same objects on every call (the simulation asks often)."""
    staff = sample_staff()
    assert len({actor.role for actor in staff}) == len(staff)
    assert staff is sample_staff()


def test_sample_actor_acts_from_the_staff_given() -> None:
    """The specialised role first; without it on the staff, the next role the step allows."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    at = datetime.datetime.combine(ON, datetime.time(8))
    filed = office.submit(
        sample_form("KK", on=ON),
        actor=sample_actor(Trigger.SUBMIT, sample_form("KK", on=ON)),
        at=at,
    )
    registrar = sample_actor(Trigger.VERIFY, filed)
    assert (Role.REGISTRAR, "REG-01") == (registrar.role, registrar.id)
    own = [Actor(id="FO-07", role=Role.FRONT_OFFICE), Actor(id="POS-02", role=Role.COURIER)]
    desk = sample_actor(Trigger.VERIFY, filed, staff=own)
    assert (Role.FRONT_OFFICE, "FO-07") == (desk.role, desk.id)
    assert sample_actor(Trigger.VERIFY, filed, staff=sample_staff()) == registrar
    with pytest.raises(errors.InvalidComponent, match="nobody may verify"):
        sample_actor(Trigger.VERIFY, filed, staff=[Actor(id="SYS", role=Role.SYSTEM)])


def test_sample_actor_follows_the_workflow_given() -> None:
    """An office's own workflow decides who may act, not the default one."""
    form = sample_form("KK", on=ON, delivery=Delivery.POST)
    default = workflow_for("KK")
    assert Role.SYSTEM is sample_actor(Trigger.SUBMIT, form).role
    counter_only = default.with_steps(
        attrs.evolve(step, roles=frozenset({Role.FRONT_OFFICE}))
        if step.trigger is Trigger.SUBMIT
        else step
        for step in default.steps
    )
    chosen = sample_actor(Trigger.SUBMIT, form, workflow=counter_only)
    assert (Role.FRONT_OFFICE, "FO-01") == (chosen.role, chosen.id)
