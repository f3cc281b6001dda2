"""Who may withdraw an application, who may collect a document, and who may file for whom.

Perpres 96/2018 and UU 24/2013: a resident files for themselves or, as an adult of the family
(17, or married or ever married: Pasal 63), for a member of it; the document is handed to its
holder or to an adult member of the holder's family, identified by NIK; only whoever filed (or
the person it is about) withdraws it.
"""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import check
from adminduk.applications import Actor, Role, Status, Trigger
from adminduk.documents import Delivery
from adminduk.errors import PermissionDenied
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import SIAP_MENIKAH as M
from adminduk.samples import sample_form, sample_registry, sample_staff
from adminduk.workflows import Attempt, Office
from adminduk.workflows.guards import AUTHORISED_COLLECTOR

STAFF = {actor.role: actor for actor in sample_staff()}
ON = datetime.date(2031, 3, 3)  # the sample daughter, born 2015, is 16: not yet an adult
AT = datetime.datetime(2031, 3, 3, 9)


def _printed(office: Office, applicant: str) -> object:
    form = attrs.evolve(
        sample_form("KK", "lost", on=ON, delivery=Delivery.PICKUP), applicant=applicant
    )
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=AT)
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    return office.issue(app, actor=STAFF[Role.REGISTRAR], at=AT)


def test_only_who_filed_or_the_subject_withdraws() -> None:
    """Another resident cannot cancel someone's application; the filer and the subject can."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    form = sample_form("KK", "lost", on=ON)
    app = office.submit(form, actor=Actor.resident(S.wife), at=AT)
    with pytest.raises(PermissionDenied, match="withdraw"):
        office.cancel(app, actor=Actor.resident(M.groom), at=AT)
    assert Status.SUBMITTED is office.get(app.id).status
    assert Status.CANCELLED is office.cancel(app, actor=Actor.resident(S.wife), at=AT).status
    other = office.submit(form, actor=Actor.resident(S.wife), at=AT)
    assert Status.CANCELLED is office.cancel(other, actor=Actor.resident(S.head), at=AT).status


def test_a_child_named_as_applicant_cannot_collect_anothers_card() -> None:
    """A 16-year-old named on the form is neither the holder nor an adult: no hand-over."""
    registry = sample_registry()
    form = attrs.evolve(sample_form("KK", "lost", on=ON), applicant=S.child)

    def handed_to(collector: str) -> None:
        AUTHORISED_COLLECTOR(
            Attempt(
                form=form,
                trigger=Trigger.COLLECT,
                actor=STAFF[Role.FRONT_OFFICE],
                at=AT,
                registry=registry,
                collector=collector,
            )
        )

    with pytest.raises(PermissionDenied, match="may not collect"):
        handed_to(S.child)
    handed_to(S.head)  # the holder
    handed_to(S.wife)  # an adult of the holder's family
    office = Office("18.08", sample_registry(), staff=sample_staff())
    printed = _printed(office, applicant=S.head)
    done = office.collect(printed, actor=STAFF[Role.FRONT_OFFICE], at=AT, collector=S.wife)  # type: ignore[arg-type]
    assert Status.COLLECTED is done.status


def test_an_applicant_for_someone_else_is_an_adult_of_the_family() -> None:
    """Filing for another person: the checker reports at filing an applicant from outside the
    family, or a minor."""
    registry = sample_registry()
    form = sample_form("KK", "lost", on=ON)
    assert "kk.applicant" not in check(form, registry, on=ON).codes
    stranger = attrs.evolve(form, applicant=M.groom)
    report = check(stranger, registry, on=ON)
    assert "kk.applicant" in report.codes
    assert not report.ok
    minor = attrs.evolve(form, applicant=S.child)
    assert "kk.applicant" in check(minor, registry, on=ON).codes
