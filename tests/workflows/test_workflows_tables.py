"""The workflow tables: the fast path agrees with transitions, the diagrams, monitoring."""

from __future__ import annotations

import datetime
import itertools

import pytest
from transitions.core import MachineError

from adminduk.applications import Actor, Role, Status, Trigger
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    Delivery,
    DocumentCode,
    DocumentType,
    Form,
    document_type,
)
from adminduk.errors import ForbiddenTransition, InvalidComponent, PermissionDenied
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_registry,
    sample_staff,
    sample_visit,
)
from adminduk.workflows import (
    DRAFT,
    WORKFLOWS,
    Attempt,
    Office,
    Step,
    dashboard,
    diagram,
    durations,
    lead_time,
    overdue,
    waiting,
    workflow_for,
)
from tests.paths import ROOT

STATES: list[Status | None] = [None, *Status]


class _Cursor:
    """A throwaway model: transitions reads and writes its ``state``."""

    def __init__(self, state: str) -> None:
        self.state = state


@pytest.mark.parametrize("code", list(WORKFLOWS))
def test_the_fast_path_agrees_with_transitions_firing(code: DocumentCode) -> None:
    """For every trigger, state and delivery, the table lookup gives what the machine does."""
    flow = WORKFLOWS[code]
    for trigger, source, delivery in itertools.product(Trigger, STATES, Delivery):
        variant = document_type(code).variants[0].code
        visit = sample_visit() if delivery is Delivery.OUTREACH else None
        app = Form(
            document=code,
            variant=variant,
            channel=Channel.COUNTER,
            delivery=delivery,
            outreach=visit,
        )
        attempt = Attempt(
            form=app,
            trigger=trigger,
            actor=Actor(id="x", role=Role.SYSTEM),
            at=datetime.datetime(2026, 1, 1),
        )
        ours = [step for step in flow.candidates(trigger, source) if step.admits(attempt)]
        cursor = _Cursor(DRAFT if source is None else source.name)
        event = flow.machine.events.get(trigger.value)
        try:
            fired = event is not None and event.trigger(cursor, attempt=attempt)
        except MachineError:
            fired = False
        if not ours:
            assert not fired or cursor.state == (DRAFT if source is None else source.name)
            assert not fired
            continue
        assert fired
        dest = ours[0].dest or source
        assert (DRAFT if dest is None else dest.name) == cursor.state
    assert not flow.machine.models, "the shared machine keeps no model"


@pytest.mark.parametrize("code", list(WORKFLOWS))
def test_the_step_index_picks_what_the_candidates_say(code: DocumentCode) -> None:
    """step_for is the first candidate on the delivery path the role may take, or nothing."""
    flow = WORKFLOWS[code]
    found = 0
    for trigger, source, delivery, role in itertools.product(Trigger, STATES, Delivery, Role):
        allowed = [
            step
            for step in flow.candidates(trigger, source)
            if delivery in step.deliveries and role in step.roles
        ]
        expected = allowed[0] if allowed else None
        assert expected is flow.step_for(trigger, source, delivery, role)
        found += expected is not None
    assert found > 0
    assert flow.step_for(Trigger.CANCEL, Status.SUBMITTED, Delivery.PICKUP, Role.RESIDENT)
    own = flow.with_steps(step for step in flow.steps if step.trigger is not Trigger.CANCEL)
    assert own.step_for(Trigger.CANCEL, Status.SUBMITTED, Delivery.PICKUP, Role.RESIDENT) is None


def test_every_workflow_starts_with_submission_and_ends_in_final_states() -> None:
    """Every workflow starts with submission and ends in final states."""
    for code, flow in WORKFLOWS.items():
        assert [Trigger.SUBMIT] == flow.triggers(None), code
        reached = {step.dest for step in flow.steps if step.dest is not None}
        assert reached, code
        for status in reached:  # every status the workflow leads to goes on, or is final
            assert bool(flow.triggers(status)) is not status.final, (code, status)
    # only a correction waits for an official's approval
    approving = {code for code, flow in WORKFLOWS.items() if flow.triggers(Status.APPROVED)}
    assert approving == {"PERBAIKAN-DATA"}


def test_an_unknown_document_has_no_workflow() -> None:
    """An unknown document has no workflow."""
    with pytest.raises(InvalidComponent, match="no workflow"):
        workflow_for("PASPOR")  # type: ignore[arg-type]


def test_an_office_can_change_its_policy() -> None:
    """Let the front office sign as well: a Workflow built with other steps."""
    base = WORKFLOWS["KK"]
    steps = tuple(
        Step(s.trigger, s.sources, s.dest, s.roles | {Role.FRONT_OFFICE}, s.deliveries, s.guards)
        if s.trigger is Trigger.ISSUE
        else s
        for s in base.steps
    )
    office = Office("18.08", sample_registry(), workflows={"KK": base.with_steps(steps)})
    operator = Actor(id="FO-01", role=Role.FRONT_OFFICE)
    on = datetime.date(2026, 3, 2)
    start = datetime.datetime(2026, 3, 2, 8)
    app = office.submit(sample_form("KK", "lost", on=on), actor=operator, at=start)
    app = office.verify(app, actor=operator, at=start)
    assert Status.PRINTED is office.issue(app, actor=operator, at=start).status
    default = Office("18.08", sample_registry())
    app = default.submit(sample_form("KK", "lost", on=on), actor=operator, at=start)
    app = default.verify(app, actor=operator, at=start)
    with pytest.raises(PermissionDenied):
        default.issue(app, actor=operator, at=start)


@pytest.mark.parametrize("kind", DOCUMENT_TYPES, ids=lambda kind: kind.code)
def test_diagrams_draw_every_step_the_code_runs(kind: type[DocumentType]) -> None:
    """Diagrams draw every step the code runs."""
    picture = diagram(kind)
    assert picture == diagram(kind.code)
    assert picture.startswith("stateDiagram-v2\n")
    flow = workflow_for(kind.code)
    for step in flow.steps:
        for source in step.sources:
            start = "[*]" if source is None else source.name
            end = (step.dest or source or Status.SUBMITTED).name
            assert f"    {start} --> {end}: {step.trigger.value}" in picture
    assert ("record_biometrics" in picture) is (kind.code == "KTP-el")
    assert ("digital" in picture) is (Delivery.DIGITAL in flow.deliveries)


def test_diagrams_in_the_docs_are_current() -> None:
    """Diagrams in the docs are current."""
    page = (ROOT / "docs" / "workflows.md").read_text(encoding="utf-8")
    for kind in DOCUMENT_TYPES:
        assert f"```mermaid\n{diagram(kind)}```" in page, kind.code


# --- monitoring ---------------------------------------------------------------------------------

START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}
ON = datetime.date(2026, 3, 2)


def hours(n: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=n)


def test_durations_lead_time_and_overdue() -> None:
    """Durations lead time and overdue."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    resident = Actor.resident(SIAP_KELUARGA.head)
    app = office.submit(
        sample_form("KK", "lost", on=ON, delivery=Delivery.POST),
        actor=resident,
        at=hours(0),
    )
    assert app.due == hours(24)
    assert not app.overdue(hours(24))
    assert app.overdue(hours(25))
    app = office.send_back(app, actor=STAFF[Role.FRONT_OFFICE], at=hours(2), reason="blurred")
    app = office.resubmit(app, actor=resident, at=hours(50))
    assert app.due == hours(74)
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=hours(51))
    assert app.overdue(hours(75))
    app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=hours(52))
    assert not app.overdue(hours(500)), "printed: the office's work is done"
    app = office.ship(app, actor=STAFF[Role.COURIER], at=hours(53))
    assert lead_time(app) is None
    assert {Status.SHIPPED: datetime.timedelta(hours=7)} == {
        k: v for k, v in durations(app, until=hours(60)).items() if k is Status.SHIPPED
    }
    app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=hours(80))
    app = office.collect(
        app, actor=STAFF[Role.DISTRICT_OFFICER], at=hours(100), collector=SIAP_KELUARGA.head
    )
    spent = durations(app, until=hours(1000))
    assert datetime.timedelta(hours=2 + 1) == spent[Status.SUBMITTED]
    assert datetime.timedelta(hours=48) == spent[Status.RETURNED]
    assert datetime.timedelta(hours=27) == spent[Status.SHIPPED]
    assert datetime.timedelta(hours=20) == spent[Status.ARRIVED]
    assert Status.COLLECTED not in spent
    assert sum(spent.values(), datetime.timedelta()) == lead_time(app) == hours(100) - hours(0)


def test_dashboard_waiting_and_overdue_lists() -> None:
    """Dashboard waiting and overdue lists."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    resident = Actor.resident(SIAP_KELUARGA.head)
    first = office.submit(sample_form("KK", "lost", on=ON), actor=resident, at=hours(0))
    second = office.submit(sample_form("AKTA-MATI", on=ON), actor=resident, at=hours(1))
    third = office.submit(sample_form("KIA", on=ON), actor=resident, at=hours(2))
    office.verify(second, actor=STAFF[Role.FRONT_OFFICE], at=hours(3))
    office.cancel(third, actor=resident, at=hours(4))
    apps = list(office.applications.values())
    assert {Status.SUBMITTED: [first.id], Status.VERIFIED: [second.id]} == {
        status: [a.id for a in group] for status, group in waiting(apps).items()
    }
    late = overdue(apps, hours(30))
    assert [first.id] == [a.id for a in late]  # KK: 1 day; a death certificate has 14
    board = dashboard(apps, at=hours(30))
    assert {Status.SUBMITTED: 1, Status.VERIFIED: 1} == dict(board.waiting)
    assert {"KK": {Status.SUBMITTED: 1}, "AKTA-MATI": {Status.VERIFIED: 1}} == {
        k: dict(v) for k, v in board.by_document.items()
    }
    text = board.render()
    assert "overdue: 1" in text
    assert "AKTA-MATI" in text
    assert "KK" in text
    with pytest.raises(ForbiddenTransition):
        office.verify(third.id, actor=STAFF[Role.FRONT_OFFICE], at=hours(5))


def test_document_type_pages_are_current() -> None:
    """docs/document-types/*.md equal what scripts/build_docs_pages.py makes now."""
    import importlib.util

    root = ROOT
    spec = importlib.util.spec_from_file_location(
        "build_docs_pages", root / "scripts" / "build_docs_pages.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for kind in DOCUMENT_TYPES:
        path = root / "docs" / "document-types" / module.slug(kind.code)
        assert module.page(kind.code) == path.read_text(encoding="utf-8"), kind.code
        assert diagram(kind) in module.page(kind.code) + "\n"


def test_due_dates_in_working_days_skip_weekends_and_the_offices_holidays() -> None:
    """Due dates in working days skip weekends and the offices holidays."""
    from adminduk.documents import ServiceLevels
    from adminduk.errors import InvalidComponent as Invalid

    nyepi = datetime.date(2026, 3, 19)  # a Thursday; the office's holiday list, not adminduk's
    levels = ServiceLevels.default(working_days=True, holidays={nyepi}).with_days("AKTA-CERAI", 2)
    wednesday = datetime.datetime(2026, 3, 18, 9, 30)
    assert datetime.datetime(2026, 3, 23, 9, 30) == levels.due("AKTA-CERAI", "standard", wednesday)
    calendar_days = ServiceLevels.default().with_days("AKTA-CERAI", 2)
    assert datetime.datetime(2026, 3, 20, 9, 30) == calendar_days.due(
        "AKTA-CERAI", "standard", wednesday
    )
    # Filed on a Saturday, the clock starts when the office opens on Monday: a one-day service
    # is due at the end of Monday, not at 08:00 on Monday (no working hour at all).
    saturday = datetime.datetime(2026, 3, 21, 8, 0)
    assert datetime.datetime(2026, 3, 24, 0, 0) == levels.due("KK", "new", saturday)
    assert datetime.datetime(2026, 3, 24, 0, 0) == levels.due(
        "KK", "new", saturday.replace(day=22)
    )
    with pytest.raises(Invalid, match="holidays are dates"):
        ServiceLevels(holidays={datetime.datetime(2026, 1, 1)})
    office = Office("18.08", sample_registry(), service_levels=levels)
    app = office.submit(
        sample_form("KK", "lost", on=ON),
        actor=Actor.resident(SIAP_KELUARGA.head),
        at=datetime.datetime(2026, 3, 20, 14, 0),  # a Friday afternoon
    )
    assert datetime.datetime(2026, 3, 23, 14, 0) == app.due
