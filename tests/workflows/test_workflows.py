"""Scenario tests of the application workflows: every document down every path, and refusals."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from adminduk import serialization
from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.codes import LifeStatus, Relationship
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Form,
    MoveRequest,
    document_type,
    event_for,
)
from adminduk.errors import (
    AdmindukError,
    DuplicateRecord,
    ForbiddenTransition,
    GuardFailed,
    ImpossibleEvent,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
    StaleApplication,
    UnknownApplication,
)
from adminduk.register.address import Address
from adminduk.register.events import (
    Birth,
    Death,
    DocumentIssued,
    Event,
    KTPElCardUpdated,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
)
from adminduk.register.registry import Registry
from adminduk.samples import (
    SIAP_KELUARGA,
    SIAP_MENIKAH,
    issue_details,
    sample_form,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office, fire, replay, workflow_for

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}
RESIDENT = Actor.resident(S.head)
CODES: list[DocumentCode] = [kind.code for kind in DOCUMENT_TYPES]


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


@pytest.fixture
def office() -> Office:
    return Office("18.08", sample_registry(), staff=sample_staff())


def issue_event(application: Application, registry: Registry | None = None) -> Event | None:
    """The register change the registrar enters on issuing, if the variant requires one."""
    change = document_type(application.form.document).register_changes.get(
        application.form.variant
    )
    if change is None or not change.required:
        return None
    details = issue_details(registry or sample_registry(), application)
    return event_for(application.form, on=ON, **details)


def walk(office: Office, draft: Form) -> Application:
    """Take a complete application from submission to the resident's hands."""
    app = office.submit(draft, actor=STAFF[Role.SYSTEM], at=at(0))
    if app.form.document == "KTP-el":
        app = office.record_biometrics(app, actor=STAFF[Role.FRONT_OFFICE], at=at(0.5))
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    if app.form.document == "PERBAIKAN-DATA":  # a correction is approved by an official first
        app = office.approve(app, actor=STAFF[Role.REGISTRAR], at=at(1.5))
    app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=issue_event(app))
    collector = app.form.applicant
    if app.form.delivery is Delivery.POST:
        app = office.ship(app, actor=STAFF[Role.COURIER], at=at(3))
        app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30))
        return office.collect(
            app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(48), collector=collector
        )
    if app.form.delivery is Delivery.DIGITAL:
        app = office.ship(app, actor=STAFF[Role.SYSTEM], at=at(3))
        assert collector is not None
        return office.collect(app, actor=Actor.resident(collector), at=at(4))
    role = Role.FRONT_OFFICE if app.form.delivery is Delivery.PICKUP else Role.OUTREACH_OFFICER
    return office.collect(app, actor=STAFF[role], at=at(24), collector=collector)


PATHS = {
    Delivery.POST: ["submit", "verify", "issue", "ship", "arrive", "collect"],
    Delivery.PICKUP: ["submit", "verify", "issue", "collect"],
    Delivery.DIGITAL: ["submit", "verify", "issue", "ship", "collect"],
    Delivery.OUTREACH: ["submit", "verify", "issue", "collect"],
}


@pytest.mark.parametrize("delivery", list(Delivery))
@pytest.mark.parametrize("document", CODES)
def test_every_document_down_every_delivery_path(
    office: Office, document: DocumentCode, delivery: Delivery
) -> None:
    """Every document down every delivery path."""
    draft = sample_form(document, on=ON, delivery=delivery)
    if delivery not in workflow_for(document).deliveries:
        with pytest.raises(ForbiddenTransition, match="cannot be delivered"):
            office.submit(draft, actor=RESIDENT, at=at(0))
        assert {} == dict(office.applications)
        return
    journal_before = len(office.registry.journal)
    app = walk(office, draft)
    expected = list(PATHS[delivery])
    if document == "KTP-el":
        expected.insert(1, "record_biometrics")
    if document == "PERBAIKAN-DATA":
        expected.insert(2, "approve")
    assert expected == [action.trigger.value for action in app.history]
    assert Status.COLLECTED is app.status
    assert app is office.get(app.id)
    # the register change, if any, is in the journal exactly as the history records it
    changes = [event for action in app.history for event in action.events]
    assert changes == list(office.registry.journal[journal_before:])
    office.registry.check()
    issued = app.action(Trigger.ISSUE)
    assert issued is not None
    assert Role.REGISTRAR is issued.actor.role
    printed = [record.document for record in app.documents]
    assert list(dict.fromkeys(printed)) == list(issued.issued)
    if document == "PERBAIKAN-DATA":  # prints again what it corrected: the sample's KK
        assert ("KK",) == issued.issued
    else:
        assert document == issued.issued[0]
    assert set(issued.issued) <= {document, *document_type(document).issued_with}
    assert replay(app.history, id=app.id) == app
    assert serialization.loads(serialization.dumps(app)) == app


def test_a_birth_certificate_is_issued_with_a_kk_and_a_kia(office: Office) -> None:
    """A birth certificate is issued with a KK and a KIA."""
    app = walk(office, sample_form("AKTA-LAHIR", on=ON))
    issued = app.action(Trigger.ISSUE)
    assert issued is not None
    assert ("AKTA-LAHIR", "KK", "KIA") == issued.issued
    birth = issued.events[0]
    assert isinstance(birth, Birth)
    assert birth.nik is not None  # the register allocated the child's NIK
    assert "Bayu Pratama" == office.registry.resident(birth.nik).name


def test_register_changes_name_real_variants_and_events_the_type_builds() -> None:
    """Each keyed variant exists, and an event a type builds from a form is one it allows."""
    day = datetime.date(2026, 3, 2)
    for kind in DOCUMENT_TYPES:
        for variant, change in kind.register_changes.items():
            kind.variant(variant)  # every keyed variant exists
            form = sample_form(kind.code, variant, on=day)
            try:
                event = kind.event_for(form, on=day, **issue_details(sample_registry(), form))
            except InvalidComponent:
                continue  # the office describes this change itself (a split, an arrival)
            assert isinstance(event, change.events), (kind.code, variant)


# --- return, resubmit, reject, cancel ------------------------------------------------------


def test_verify_is_refused_with_the_findings_then_returned_and_resubmitted(
    office: Office,
) -> None:
    """Verify is refused with the findings then returned and resubmitted."""
    draft = sample_form("KIA", on=ON, complete=False)
    app = office.submit(draft, actor=RESIDENT, at=at(0))
    registry_before = office.registry.journal
    with pytest.raises(GuardFailed) as refused:
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    assert "requirements-met" == refused.value.guard
    codes = {finding.code for finding in refused.value.findings}  # type: ignore[attr-defined]
    assert codes
    assert all(code.startswith("kia.") for code in codes)
    assert app is office.get(app.id)
    assert Status.SUBMITTED is app.status
    assert registry_before == office.registry.journal

    returned = office.send_back(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    assert Status.RETURNED is returned.status
    assert codes == {finding.code for finding in returned.history[-1].findings}
    assert not returned.overdue(at(500)), "a returned file waits for the resident"
    with pytest.raises(ForbiddenTransition, match="possible now"):
        office.verify(returned, actor=STAFF[Role.FRONT_OFFICE], at=at(2))

    complete = sample_form("KIA", on=ON).evidence
    again = office.resubmit(returned, actor=RESIDENT, at=at(30), evidence=complete)
    assert Status.SUBMITTED is again.status
    assert again.due == at(30) + datetime.timedelta(days=14), "the clock restarts"
    assert again.submitted_at == at(0)
    verified = office.verify(again, actor=STAFF[Role.FRONT_OFFICE], at=at(31))
    assert Status.VERIFIED is verified.status
    assert ["submit", "send_back", "resubmit", "verify"] == [
        a.trigger.value for a in verified.history
    ]
    assert replay(verified.history, id=verified.id) == verified


def test_sending_back_needs_findings_or_a_reason(office: Office) -> None:
    """Sending back needs findings or a reason."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    with pytest.raises(GuardFailed, match="needs a reason"):
        office.send_back(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    back = office.send_back(
        app, actor=STAFF[Role.FRONT_OFFICE], at=at(1), reason="police letter is illegible"
    )
    assert "police letter is illegible" == back.history[-1].reason


def test_reject_needs_a_registrar_and_a_reason_and_is_final(office: Office) -> None:
    """Reject needs a registrar and a reason and is final."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    with pytest.raises(PermissionDenied, match="registrar"):
        office.reject(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1), reason="forged letter")
    with pytest.raises(GuardFailed, match="needs a reason"):
        office.reject(app, actor=STAFF[Role.REGISTRAR], at=at(1), reason="  ")
    rejected = office.reject(app, actor=STAFF[Role.REGISTRAR], at=at(1), reason="forged letter")
    assert Status.REJECTED is rejected.status
    assert rejected.status.final
    for act in (office.verify, office.ship):
        with pytest.raises(ForbiddenTransition, match="nothing"):
            act(rejected, actor=STAFF[Role.REGISTRAR], at=at(2))
    with pytest.raises(ForbiddenTransition):
        office.cancel(rejected, actor=RESIDENT, at=at(2))


def test_cancel_by_the_resident_but_not_after_printing(office: Office) -> None:
    """Cancel by the resident but not after printing."""
    first = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    with pytest.raises(PermissionDenied):
        office.cancel(first, actor=STAFF[Role.COURIER], at=at(1))
    cancelled = office.cancel(first, actor=RESIDENT, at=at(1), reason="found the old card")
    assert Status.CANCELLED is cancelled.status
    second = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    second = office.verify(second, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    printed = office.issue(second, actor=STAFF[Role.REGISTRAR], at=at(2))
    with pytest.raises(ForbiddenTransition, match="printed"):
        office.cancel(printed, actor=RESIDENT, at=at(3))


def test_reprint_is_a_new_application_linked_to_the_first(office: Office) -> None:
    """Reprint is a new application linked to the first."""
    first = walk(office, sample_form("KTP-el", on=ON))
    with pytest.raises(GuardFailed, match="lost or damaged"):
        office.reprint(first, variant="change", actor=RESIDENT, at=at(100))
    reprint = office.reprint(
        first,
        variant="lost",
        actor=RESIDENT,
        at=at(100),
        evidence=sample_form("KTP-el", "lost", on=ON).evidence,
    )
    assert first.id == reprint.form.reprint_of
    assert first.id != reprint.id
    assert Status.SUBMITTED is reprint.status
    # biometrics are on file: no new recording, straight to printing
    reprint = office.verify(reprint, actor=STAFF[Role.FRONT_OFFICE], at=at(101))
    with pytest.raises(ImpossibleEvent, match="already recorded"):
        office.record_biometrics(reprint, actor=STAFF[Role.FRONT_OFFICE], at=at(101))
    reprint = office.issue(reprint, actor=STAFF[Role.REGISTRAR], at=at(102))
    assert Status.PRINTED is reprint.status
    assert serialization.loads(serialization.dumps(reprint)) == reprint


def test_only_a_collected_document_is_reprinted(office: Office) -> None:
    """Only a collected document is reprinted."""
    open_one = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    with pytest.raises(ForbiddenTransition, match="reprint"):
        office.reprint(open_one, variant="lost", actor=RESIDENT, at=at(1))
    with pytest.raises(UnknownApplication):
        office.submit(
            attrs.evolve(sample_form("KK", "lost", on=ON), reprint_of="18.08/999999"),
            actor=RESIDENT,
            at=at(1),
        )


# --- guards ---------------------------------------------------------------------------------


def test_ktp_el_is_printed_only_after_biometric_recording(office: Office) -> None:
    """KTP-el is printed only after biometric recording."""
    app = office.submit(sample_form("KTP-el", on=ON), actor=RESIDENT, at=at(0))
    # a resident cannot say biometrics were taken: verifying finds them missing
    with pytest.raises(GuardFailed, match=r"ktp-el\.new\.biometrics"):
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    # an officer attests them (taken on another visit), but the register does not show it yet
    app = office.verify(
        app, actor=STAFF[Role.FRONT_OFFICE], at=at(1), attest=(Evidence.BIOMETRICS,)
    )
    assert Evidence.BIOMETRICS in app.form.attested
    with pytest.raises(GuardFailed, match="biometrics are not recorded"):
        office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2))
    assert Status.VERIFIED is office.get(app.id).status
    with pytest.raises(PermissionDenied):
        office.record_biometrics(app, actor=STAFF[Role.COURIER], at=at(2))
    recorded = office.record_biometrics(app, actor=STAFF[Role.OUTREACH_OFFICER], at=at(2))
    assert Status.VERIFIED is recorded.status, "recording keeps the status"
    assert [type(e) for e in recorded.history[-1].events] == [KTPElRecorded]
    assert office.registry.resident(S.head).ktp_el_status.is_recorded
    assert Status.PRINTED is office.issue(recorded, actor=STAFF[Role.REGISTRAR], at=at(3)).status


def printed(office: Office, delivery: Delivery, document: DocumentCode = "KK") -> Application:
    variant = "lost" if document == "KK" else None
    app = office.submit(
        sample_form(document, variant, on=ON, delivery=delivery), actor=RESIDENT, at=at(0)
    )
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    return office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=issue_event(app))


def test_collection_by_the_resident_or_an_adult_family_member_only(office: Office) -> None:
    """Collection by the resident or an adult family member only."""
    app = printed(office, Delivery.PICKUP)
    operator = STAFF[Role.FRONT_OFFICE]
    with pytest.raises(PermissionDenied, match="may not collect"):
        office.collect(app, actor=operator, at=at(3), collector=SIAP_MENIKAH.groom)
    with pytest.raises(PermissionDenied, match="may not collect"):
        office.collect(app, actor=operator, at=at(3), collector=S.child)  # 11 years old
    with pytest.raises(PermissionDenied, match="by NIK"):
        office.collect(app, actor=operator, at=at(3))
    assert Status.PRINTED is office.get(app.id).status
    done = office.collect(app, actor=operator, at=at(3), collector=S.wife)
    assert S.wife == done.history[-1].collector


def test_a_digital_receipt_is_confirmed_by_the_resident_themselves(office: Office) -> None:
    """A digital receipt is confirmed by the resident themselves."""
    app = printed(office, Delivery.DIGITAL)
    with pytest.raises(PermissionDenied, match="courier may not ship"):
        office.ship(app, actor=STAFF[Role.COURIER], at=at(3))
    app = office.ship(app, actor=STAFF[Role.SYSTEM], at=at(3))
    with pytest.raises(PermissionDenied):
        office.collect(app, actor=STAFF[Role.FRONT_OFFICE], at=at(4), collector=S.head)
    with pytest.raises(PermissionDenied, match="themselves"):
        office.collect(app, actor=Actor.resident(S.wife), at=at(4), collector=S.head)
    assert Status.COLLECTED is office.collect(app, actor=Actor.resident(S.wife), at=at(4)).status


@pytest.mark.parametrize(
    ("delivery", "trigger"),
    [(Delivery.PICKUP, "ship"), (Delivery.OUTREACH, "ship"), (Delivery.POST, "collect")],
)
def test_the_delivery_decides_the_path_after_printing(
    office: Office, delivery: Delivery, trigger: str
) -> None:
    """The delivery decides the path after printing."""
    app = printed(office, delivery)
    with pytest.raises(ForbiddenTransition, match=f"{delivery.value} delivery path"):
        getattr(office, trigger)(
            app,
            actor=STAFF[Role.FRONT_OFFICE],
            at=at(3),
            **({"collector": S.head} if trigger == "collect" else {}),
        )
    assert Status.PRINTED is office.get(app.id).status


@pytest.mark.parametrize(
    ("trigger", "role"),
    [
        ("verify", Role.COURIER),
        ("verify", Role.RESIDENT),
        ("issue", Role.FRONT_OFFICE),
        ("reject", Role.SYSTEM),
    ],
)
def test_wrong_roles_are_refused_and_change_nothing(
    office: Office, trigger: str, role: Role
) -> None:
    """Wrong roles are refused and change nothing."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    if trigger == "issue":
        app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    actor = RESIDENT if role is Role.RESIDENT else STAFF[role]
    kwargs: dict[str, Any] = {"reason": "x"} if trigger == "reject" else {}
    with pytest.raises(PermissionDenied, match="may not"):
        getattr(office, trigger)(app, actor=actor, at=at(2), **kwargs)
    assert app is office.get(app.id)


def test_officers_must_be_on_the_staff(office: Office) -> None:
    """Officers must be on the staff."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    stranger = Actor(id="FO-99", role=Role.FRONT_OFFICE)
    with pytest.raises(PermissionDenied, match="not on the staff"):
        office.verify(app, actor=stranger, at=at(1))
    open_office = Office("18.08", sample_registry())  # no staff list: anyone in a role acts
    app = open_office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    assert Status.VERIFIED is open_office.verify(app, actor=stranger, at=at(1)).status


def test_a_new_staff_list_takes_effect_at_once(office: Office) -> None:
    """A hire acts and a departed officer is refused from the moment the list is replaced."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    hired = Actor(id="FO-77", role=Role.FRONT_OFFICE)
    departed = STAFF[Role.FRONT_OFFICE]
    office.set_staff([*(a for a in office.staff if a is not departed), hired])
    with pytest.raises(PermissionDenied, match="not on the staff"):
        office.verify(app, actor=departed, at=at(1))
    assert Status.VERIFIED is office.verify(app, actor=hired, at=at(1)).status
    assert office.get(app.id).history[-1].actor == hired
    with pytest.raises(InvalidFormat):
        office.set_staff(["FO-01"])  # type: ignore[list-item]
    assert hired in office.staff


@pytest.mark.parametrize(
    ("source", "trigger"),
    [
        (Status.SUBMITTED, "issue"),
        (Status.SUBMITTED, "collect"),
        (Status.VERIFIED, "resubmit"),
        (Status.VERIFIED, "ship"),
    ],
)
def test_forbidden_transitions_raise_and_change_nothing(
    office: Office, source: Status, trigger: str
) -> None:
    """Forbidden transitions raise and change nothing."""
    app = office.submit(
        sample_form("KK", "lost", on=ON, delivery=Delivery.POST), actor=RESIDENT, at=at(0)
    )
    if source is Status.VERIFIED:
        app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    journal = office.registry.journal
    with pytest.raises(ForbiddenTransition, match=f"cannot {trigger}"):
        getattr(office, trigger)(app, actor=STAFF[Role.REGISTRAR], at=at(2))
    assert app is office.get(app.id)
    assert journal == office.registry.journal


# --- the register change on issue -------------------------------------------------------------


def verified(office: Office, document: DocumentCode) -> Application:
    app = office.submit(sample_form(document, on=ON), actor=RESIDENT, at=at(0))
    return office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))


def test_a_register_refusal_fails_the_issue_and_changes_nothing(office: Office) -> None:
    """A register refusal fails the issue and changes nothing."""
    app = verified(office, "AKTA-MATI")
    death = issue_event(app)
    assert isinstance(death, Death)
    office.registry.apply(death)  # someone registered the death meanwhile
    journal = office.registry.journal
    with pytest.raises(ImpossibleEvent):
        office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=death)
    assert app is office.get(app.id)
    assert Status.VERIFIED is app.status
    assert journal == office.registry.journal


def test_the_register_change_must_fit_the_application(office: Office) -> None:
    """The register change must fit the application."""
    app = verified(office, "AKTA-MATI")
    registrar = STAFF[Role.REGISTRAR]
    journal = office.registry.journal
    with pytest.raises(GuardFailed, match="records a Death"):
        office.issue(app, actor=registrar, at=at(2))
    wrong_kind = KTPElRecorded(nik=S.head, occurred_on=ON, recorded_on=ON)
    with pytest.raises(GuardFailed, match="no KTPElRecorded"):
        office.issue(app, actor=registrar, at=at(2), event=wrong_kind)
    someone_else = Death(nik=S.wife, occurred_on=app.form.event_date or ON, recorded_on=ON)
    with pytest.raises(GuardFailed, match="does not concern"):
        office.issue(app, actor=registrar, at=at(2), event=someone_else)
    other_day = Death(nik=S.head, occurred_on=ON - datetime.timedelta(days=3), recorded_on=ON)
    with pytest.raises(GuardFailed, match="the application says"):
        office.issue(app, actor=registrar, at=at(2), event=other_day)
    future = Death(
        nik=S.head,
        occurred_on=app.form.event_date or ON,
        recorded_on=ON + datetime.timedelta(days=1),
    )
    with pytest.raises(GuardFailed, match="after the action"):
        office.issue(app, actor=registrar, at=at(2), event=future)
    with pytest.raises(GuardFailed, match="no register change"):
        fire(
            office.get(app.id),
            Trigger.CANCEL,
            actor=RESIDENT,
            at=at(2),
            office="18.08",
            registry=office.registry,
            event=someone_else,
        )
    assert app is office.get(app.id)
    assert journal == office.registry.journal


def test_a_marriage_names_both_spouses(office: Office) -> None:
    """A marriage names both spouses."""
    app = verified(office, "AKTA-KAWIN")
    event = issue_event(app)
    assert isinstance(event, Marriage)
    wrong = attrs.evolve(event, wife=S.wife)
    with pytest.raises(GuardFailed, match="does not concern"):
        office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=wrong)
    done = office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=event)
    assert (SIAP_MENIKAH.groom, SIAP_MENIKAH.bride) in office.registry.marriages()
    assert Status.PRINTED is done.status


def test_moving_letter_origin_and_destination_sides() -> None:
    """Moving letter origin and destination sides."""
    origin = Office("18.08", sample_registry(), staff=sample_staff())
    app = verified(origin, "SKPWNI")
    leaving = issue_event(app)
    assert isinstance(leaving, MoveOut)
    app = origin.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=leaving)
    assert all(origin.registry.family_of(n) is None for n in leaving.niks)
    # the destination office registers the arrival with the letter
    destination = Office("31.71", Registry(area="31.71"), staff=sample_staff())
    # they arrive as the letter describes them, alive (the origin marks them moved out)
    residents = tuple(
        attrs.evolve(origin.registry.resident(n), life_status=LifeStatus.ALIVE)
        for n in leaving.niks
    )
    arrival = Form(
        document="SKPWNI",
        variant="arrival",
        channel=Channel.COUNTER,
        subject=S.head,
        evidence={Evidence.SKPWNI},
        details=MoveRequest(origin="18.08", letter_number=leaving.skpwni),
    )
    arrived = destination.submit(arrival, actor=RESIDENT, at=at(48))
    arrived = destination.verify(arrived, actor=STAFF[Role.FRONT_OFFICE], at=at(49))
    with pytest.raises(GuardFailed, match="MoveIn"):
        destination.issue(arrived, actor=STAFF[Role.REGISTRAR], at=at(50))
    move_in = MoveIn(
        residents=residents,
        skpwni=leaving.skpwni,
        origin="18.08",
        relationships={
            S.head: Relationship.HEAD,
            S.wife: Relationship.WIFE,
            S.child: Relationship.CHILD,
        },
        address=Address(street="Jl. Kenari No. 5", rt="1", rw="2", village_code="31.71.01.1001"),
        occurred_on=ON,
        recorded_on=ON,
    )
    arrived = destination.issue(arrived, actor=STAFF[Role.REGISTRAR], at=at(50), event=move_in)
    assert Status.PRINTED is arrived.status
    assert destination.registry.family_of(S.head) is not None


# --- history, time, staleness -------------------------------------------------------------------


def test_times_must_not_go_backwards(office: Office) -> None:
    """Times must not go backwards."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(5))
    with pytest.raises(InvalidComponent, match="before the last"):
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(4))
    aware = at(6).replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    with pytest.raises(InvalidComponent, match="naive"):
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=aware)
    with pytest.raises(InvalidFormat, match="datetime"):
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=ON)  # type: ignore[arg-type]
    assert app is office.get(app.id)


def test_stale_versions_and_unknown_ids_are_refused(office: Office) -> None:
    """Stale versions and unknown ids are refused."""
    app = office.submit(sample_form("KK", "lost", on=ON), actor=RESIDENT, at=at(0))
    newer = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    with pytest.raises(StaleApplication, match="verified now"):
        office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2))
    assert newer is office.get(app.id)
    assert Status.PRINTED is office.issue(app.id, actor=STAFF[Role.REGISTRAR], at=at(2)).status
    with pytest.raises(UnknownApplication):
        office.verify("18.08/424242", actor=STAFF[Role.FRONT_OFFICE], at=at(3))
    with pytest.raises(DuplicateRecord):
        office.submit(app.form, actor=RESIDENT, at=at(3), id=app.id)
    with pytest.raises(ForbiddenTransition, match="already submitted"):
        fire(newer, Trigger.SUBMIT, actor=RESIDENT, at=at(3), office="x", registry=office.registry)


def test_replay_refuses_a_history_no_workflow_allows(office: Office) -> None:
    """Replay refuses a history no workflow allows."""
    app = walk(office, sample_form("KK", "lost", on=ON, delivery=Delivery.POST))
    history = app.history
    with pytest.raises(InvalidComponent, match="starts with its submission"):
        replay(history[1:], id=app.id)
    with pytest.raises(InvalidComponent, match="starts with its submission"):
        replay((), id=app.id)
    skipped = (*history[:2], *history[3:])  # shipped without printing
    with pytest.raises(InvalidComponent, match="step 2 is not allowed"):
        replay(skipped, id=app.id)
    lying = (*history[:-1], attrs.evolve(history[-1], status=Status.RETURNED))
    with pytest.raises(InvalidComponent, match="says returned"):
        replay(lying, id=app.id)
    by_courier = (*history[:2], attrs.evolve(history[2], actor=STAFF[Role.COURIER]), *history[3:])
    with pytest.raises(InvalidComponent, match="may not issue"):
        replay(by_courier, id=app.id)
    with pytest.raises(InvalidComponent, match="only filing and review carry a form"):
        attrs.evolve(history[2], form=history[0].form)  # an issue carries no form
    # A verification may carry the form as reviewed, but only what the office adds to it.
    assert history[0].form is not None
    changed = attrs.evolve(history[0].form, applicant=S.wife)
    tampered = (history[0], attrs.evolve(history[1], form=changed), *history[2:])
    with pytest.raises(InvalidComponent, match="review changes only"):
        replay(tampered, id=app.id)
    with pytest.raises(InvalidFormat):
        replay([history[0], "verify"], id=app.id)  # type: ignore[list-item]


def test_json_refuses_an_application_that_disagrees_with_its_history(office: Office) -> None:
    """JSON refuses an application that disagrees with its history."""
    app = walk(office, sample_form("KK", "lost", on=ON))
    document = serialization.unstructure(app)
    document["data"]["evidence"] = []  # the form is the history's: nothing is written twice
    with pytest.raises(InvalidFormat, match="unknown keys"):
        serialization.structure(document)
    document = serialization.unstructure(app)
    document["data"]["history"][2]["status"] = "collected"
    with pytest.raises(InvalidComponent, match="history"):
        serialization.structure(document)
    document = serialization.unstructure(app)
    document["data"]["history"][0]["at"] = "2026-03-02"
    with pytest.raises(InvalidFormat, match="date and time"):
        serialization.structure(document)


def test_adopt_takes_an_application_from_a_file(office: Office) -> None:
    """Adopt takes an application from a file."""
    app = walk(office, sample_form("KK", "lost", on=ON))
    loaded = serialization.loads(serialization.dumps(app), Application)
    # a register from before the issue does not hold what the issue applied: refused
    torn = Office("18.08", sample_registry())
    with pytest.raises(InvalidFormat, match="different moments"):
        torn.adopt(loaded)
    assert {} == dict(torn.applications)
    other = Office("18.08", Registry.replay(office.registry.journal, area="18.08"))
    assert loaded is other.adopt(loaded)
    with pytest.raises(DuplicateRecord):
        other.adopt(loaded)
    with pytest.raises(InvalidFormat):
        other.adopt(loaded.form)  # type: ignore[arg-type]


def test_errors_never_print_a_whole_nik(office: Office) -> None:
    """Errors never print a whole NIK."""
    app = printed(office, Delivery.PICKUP)
    with pytest.raises(AdmindukError) as refused:
        office.collect(app, actor=STAFF[Role.FRONT_OFFICE], at=at(3), collector=SIAP_MENIKAH.groom)
    assert SIAP_MENIKAH.groom not in str(refused.value)
    assert SIAP_MENIKAH.groom[:6] in str(refused.value)


def test_event_for_refuses_what_the_application_cannot_say() -> None:
    """Event for refuses what the application cannot say."""
    with pytest.raises(InvalidComponent, match="yourself"):
        event_for(sample_form("KK", "split", on=ON), on=ON)
    no_partner = attrs.evolve(sample_form("AKTA-KAWIN", on=ON), partner=None)
    with pytest.raises(InvalidComponent, match="partner"):
        event_for(no_partner, on=ON)
    with pytest.raises(InvalidComponent, match="birth report"):
        event_for(attrs.evolve(sample_form("AKTA-LAHIR", on=ON), details=None), on=ON)
    # The report says where the child was born, as the certificate and the register print it.
    birth = event_for(sample_form("AKTA-LAHIR", on=ON), on=ON)
    assert isinstance(birth, Birth)
    assert "Blambangan Umpu" == birth.birth_place


#: What can be lost or damaged: every document but a correction (which prints the others).
PRINTED_CODES = [code for code in CODES if code != "PERBAIKAN-DATA"]


@pytest.mark.parametrize("document", PRINTED_CODES)
def test_every_document_can_be_reprinted(office: Office, document: DocumentCode) -> None:
    """A lost document: a new application of the lost variant, linked, down its own path."""
    first = walk(office, sample_form(document, on=ON))
    before = dict(office.registry.residents_by_nik), set(office.registry.families())
    journal = len(office.registry.journal)
    later = START + datetime.timedelta(days=30)
    evidence = sample_form(document, "lost", on=ON).evidence
    copy = office.reprint(first, variant="lost", actor=RESIDENT, at=later, evidence=evidence)
    assert first.id == copy.form.reprint_of
    assert document_type(document).variant("lost").reissue
    copy = office.verify(copy, actor=STAFF[Role.FRONT_OFFICE], at=later)
    copy = office.issue(copy, actor=STAFF[Role.REGISTRAR], at=later)
    copy = office.collect(
        copy, actor=STAFF[Role.FRONT_OFFICE], at=later, collector=copy.form.applicant
    )
    assert Status.COLLECTED is copy.status
    added = office.registry.journal[journal:]
    # a second copy changes nothing registered but the holder's history of documents (and a
    # KTP-el's card status)
    assert all(isinstance(event, DocumentIssued | KTPElCardUpdated) for event in added)
    assert [e.record for e in added if isinstance(e, DocumentIssued)] == list(copy.documents)
    assert set(office.registry.families()) == before[1]
    if document != "KTP-el":
        assert dict(office.registry.residents_by_nik) == before[0]
    assert replay(copy.history, id=copy.id) == copy
