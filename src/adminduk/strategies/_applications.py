"""Strategies for forms and applications: complete, incomplete, and in any status."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk._names import BIRTH_PLACES
from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.codes import Sex
from adminduk.documents import (
    CERTIFICATES,
    DOCUMENT_TYPES,
    Channel,
    CorrectionRequest,
    Delivery,
    DocumentCode,
    Evidence,
    Form,
    Supplier,
    Variant,
    check,
    event_for,
)
from adminduk.documents import (
    document_type as type_of,
)
from adminduk.register import Registry, Resident
from adminduk.register.events import as_text
from adminduk.samples import (
    issue_details,
    sample_actor,
    sample_details,
    sample_registry,
    sample_staff,
    sample_visit,
)
from adminduk.strategies._details import form_details
from adminduk.strategies._identifiers import niks
from adminduk.strategies._people import _ON
from adminduk.workflows import Office, workflow_for

__all__ = ["applications_in", "forms"]


def forms(
    registry: Registry | None = None,
    *,
    document_type: DocumentCode | None = None,
    complete: bool | None = None,
    on: datetime.date = _ON,
) -> st.SearchStrategy[Form]:
    """Generate forms for any document type (or ``document_type``) and variant.

    With ``complete=None`` the evidence is any subset of the kinds the chosen variant accepts
    and people are drawn from ``registry`` when given (otherwise any valid NIK); event dates
    fall within a year before ``on`` (sometimes after it, to exercise the checker). Shrinks
    toward a family card application for a new family, at the counter, with no evidence.

    With ``complete=True`` (needs ``registry``) every form passes :func:`adminduk.check` on
    ``on``: the people are residents who qualify, the evidence is everything the variant
    accepts, the event ten days before ``on``. With ``complete=False`` the same forms lack some
    evidence, so ``check`` reports findings, each satisfied by evidence that was left out. Both
    shrink toward the first qualifying resident (by NIK) and the document types' catalogue
    order.
    """
    kinds = [k for k in DOCUMENT_TYPES if document_type in (None, k.code)]
    if not kinds:
        raise InvalidArgument(f"no document type {document_type!r}")
    if registry is not None and not isinstance(registry, Registry):
        raise InvalidArgument(f"registry must be a Registry, not {registry!r}")
    if complete is not None:
        if registry is None:
            raise InvalidArgument("complete= needs the registry the forms are checked on")
        return _checked_forms(registry, kinds=kinds, on=on, complete=complete)
    people = (
        st.sampled_from(sorted(r.nik for r in registry.residents()))
        if registry is not None and len(registry.residents())
        else niks()
    )
    return _forms(kinds=kinds, people=people, on=on)


#: How many residents (by NIK) are tried as subjects of complete forms.
_TEMPLATE_PEOPLE = 40


_SUBJECT_SEX: dict[str, Sex] = {
    "AKTA-KAWIN": Sex.MALE,
    "AKTA-CERAI": Sex.MALE,
    "AKTA-LAHIR": Sex.FEMALE,
}


def _templates(registry: Registry, kinds: list[Any], on: datetime.date) -> list[Form]:
    """Complete forms about residents of ``registry``, in a stable order."""
    living = sorted(
        (r for r in registry.residents() if r.is_alive and registry.family_of(r.nik)),
        key=lambda r: r.nik,
    )[:_TEMPLATE_PEOPLE]
    free = [r for r in living if not r.marital_status.is_married and r.age(on) >= 21]
    found: list[Form] = []
    for kind in kinds:
        for variant in kind.variants:
            accepted = kind.evidence_for(variant.code)
            for person, partner in _people_for(registry, kind.code, variant, living, free):
                details = sample_details(kind.code, variant.code)
                if kind.code == "PERBAIKAN-DATA":
                    details = _correction_of(registry, person, variant.code)
                    if details is None:
                        continue
                # What the office attests (biometrics, a decision) is attested at the counter.
                draft = Form(
                    document=kind.code,
                    variant=variant.code,
                    channel=Channel.WHATSAPP,
                    subject=person,
                    partner=partner,
                    applicant=person,
                    evidence=_supplied_by(accepted, Supplier.RESIDENT),
                    attested=_supplied_by(accepted, Supplier.OFFICE),
                    event_date=on - datetime.timedelta(days=10),
                    details=details,
                )
                if check(draft, registry, on=on).ok:
                    found.append(draft)
    return found


def _supplied_by(kinds: frozenset[Evidence], supplier: Supplier) -> frozenset[Evidence]:
    return frozenset(kind for kind in kinds if kind.supplier is supplier)


def _correction_of(registry: Registry, nik: str, route: str) -> CorrectionRequest | None:
    """A correction a complete form about ``nik`` asks for: a fact the register has otherwise.

    A clerical error in the birth place, a change of education (on its proof), or the annulment
    of a certificate the resident holds in force (none: no annulment for them).
    """
    person = registry.resident(nik)
    if route == "clerical":
        place = next(p for p in BIRTH_PLACES if p != person.birth_place)
        return CorrectionRequest(changes={"birth_place": place}, reason="akta kelahiran")
    if route == "change":
        other = next(e for e in type(person.education) if e is not person.education)
        return CorrectionRequest(changes={"education": as_text(other)}, reason="ijazah")
    for record in registry.documents_of(nik):
        if (
            record.document in CERTIFICATES
            and registry.withdrawal(record.document, record.number) is None
        ):
            return CorrectionRequest(
                certificate=record.document, number=record.number, reason="Putusan PN No. 1/2026"
            )
    return None


def _people_for(
    registry: Registry,
    document: str,
    variant: Variant,
    living: list[Resident],
    free: list[Resident],
) -> list[tuple[str, str | None]]:
    """Who a form for ``document`` can be about: (subject, partner) pairs, by NIK."""
    pairs: list[tuple[str, str | None]] = []
    for person in living:
        # The subject of a marriage or divorce is the husband; of a birth, the mother.
        wanted = _SUBJECT_SEX.get(document)
        if wanted is not None and person.sex is not wanted:
            continue
        spouse = registry.spouse_of(person.nik)
        if document == "AKTA-KAWIN" and not variant.reissue:
            match = next((r.nik for r in free if r.sex is not person.sex), None)
            if match:
                pairs.append((person.nik, match))
        elif document in ("AKTA-KAWIN", "AKTA-LAHIR", "AKTA-CERAI"):
            if spouse:  # a second copy of a marriage certificate is the married couple's
                pairs.append((person.nik, spouse))
        else:
            pairs.append((person.nik, None))
    return pairs


def _checked_forms(
    registry: Registry,
    *,
    kinds: list[Any],
    on: datetime.date,
    complete: bool,
    keep: Callable[[Form], bool] | None = None,
) -> st.SearchStrategy[Form]:
    def build() -> st.SearchStrategy[Form]:
        templates = [t for t in _templates(registry, kinds, on) if keep is None or keep(t)]
        if not templates:
            raise InvalidArgument(
                "nobody in the register can complete such a form on " + on.isoformat()
            )

        groups: dict[str, list[Form]] = {}
        for draft in templates:
            groups.setdefault(draft.document, []).append(draft)
        # Document type first, then a template of it (every type equally likely); indices, not
        # sampled_from(templates), so the strategy's repr stays small.
        drafts = _pick(_Templates(tuple(tuple(group) for group in groups.values())))
        channels = st.sampled_from(Channel)
        if complete:
            return st.builds(
                lambda app, channel: attrs.evolve(app, channel=channel), drafts, channels
            )
        return _incomplete(drafts, registry, on)

    return st.deferred(build)


class _Templates:
    """Complete forms grouped by document type, with a short repr for Hypothesis's reports."""

    def __init__(self, groups: tuple[tuple[Form, ...], ...]) -> None:
        self.groups = groups

    def __repr__(self) -> str:
        return f"<{sum(map(len, self.groups))} complete forms>"


@st.composite
def _pick(draw: st.DrawFn, templates: _Templates) -> Form:
    groups = templates.groups
    group = groups[draw(st.integers(0, len(groups) - 1))]
    return group[draw(st.integers(0, len(group) - 1))]


@st.composite
def _incomplete(
    draw: st.DrawFn, drafts: st.SearchStrategy[Form], registry: Registry, on: datetime.date
) -> Form:
    draft = draw(drafts)
    kinds = sorted(draft.evidence, key=lambda e: e.value)
    kept = draw(st.lists(st.sampled_from(kinds), unique=True, max_size=len(kinds) - 1))
    form = attrs.evolve(draft, evidence=frozenset(kept))
    # Evidence that stands in for the removed kinds may still satisfy every requirement.
    assume(not check(form, registry, on=on).ok)
    return form


def applications_in(
    *,
    status: Status,
    document_type: DocumentCode | None = None,
    registry: Registry | None = None,
    on: datetime.date = _ON,
) -> st.SearchStrategy[Application]:
    """Generate applications whose history leads to ``status``, through an office's workflow.

    Each draw files a complete form (see :func:`forms`) at an office over a copy
    of ``registry`` (default: :func:`adminduk.samples.sample_registry`) and takes it along a
    path to ``status``: possibly returned and resubmitted a few times, then verified, printed
    with its register change, and shipped or collected on its delivery path. The history
    replays (:func:`adminduk.workflows.replay`); the register copy it changed is discarded. Shrinks
    toward a family card application handed over without shipping (the shortest paths:
    pickup or outreach), with no detours.
    """
    if not isinstance(status, Status):
        raise InvalidArgument(f"status must be a Status, not {status!r}")
    if registry is not None and not isinstance(registry, Registry):
        raise InvalidArgument(f"registry must be a Registry, not {registry!r}")
    base = registry if registry is not None else sample_registry()
    kinds = [
        k
        for k in DOCUMENT_TYPES
        if document_type in (None, k.code)
        and (status is not Status.APPROVED or workflow_for(k.code).triggers(Status.APPROVED))
    ]
    if not kinds:
        raise InvalidArgument(f"no document type {document_type!r} reaches {status.value}")
    issued = status in (Status.PRINTED, Status.SHIPPED, Status.ARRIVED, Status.COLLECTED)
    drafts = _checked_forms(
        base, kinds=kinds, on=on, complete=True, keep=_issuable if issued else None
    )
    return _applications_in(drafts, base, status, on)


#: Variants whose register change only the office can describe (who splits off, who arrives).
_OFFICE_DESCRIBED = frozenset({("KK", "split"), ("SKPWNI", "arrival")})


def _issuable(form: Form) -> bool:
    return (form.document, form.variant) not in _OFFICE_DESCRIBED


@st.composite
def _applications_in(
    draw: st.DrawFn,
    drafts: st.SearchStrategy[Form],
    base: Registry,
    status: Status,
    on: datetime.date,
) -> Application:
    draft = draw(drafts)
    flow = workflow_for(draft.document)
    deliveries = sorted(flow.deliveries, key=lambda d: list(Delivery).index(d))
    if status is Status.SHIPPED:
        deliveries = [d for d in deliveries if d in (Delivery.POST, Delivery.DIGITAL)]
    if status is Status.ARRIVED:
        deliveries = [d for d in deliveries if d is Delivery.POST]
    delivery = Delivery(draw(st.sampled_from(deliveries)))
    visit = sample_visit() if delivery is Delivery.OUTREACH else None
    draft = attrs.evolve(draft, delivery=delivery, outreach=visit)
    office = Office(base.area or "18.08", Registry.replay(base.journal, area=base.area))
    staff = {actor.role: actor for actor in sample_staff()}
    clock = [datetime.datetime.combine(on, datetime.time(8))]

    def at() -> datetime.datetime:
        clock[0] += datetime.timedelta(hours=draw(st.integers(0, 48)))
        return clock[0]

    resident = Actor.resident(draft.applicant or draft.subject or "")
    # Online, unless the office attested something: then at the counter.
    filer = staff[Role.FRONT_OFFICE] if draft.attested else staff[Role.SYSTEM]
    app = office.submit(draft, actor=filer, at=at())
    rounds = 0 if status is Status.RETURNED else draw(st.integers(0, 2))
    for _ in range(rounds):
        app = office.send_back(app, actor=staff[Role.FRONT_OFFICE], at=at(), reason="unclear scan")
        app = office.resubmit(app, actor=resident, at=at())
    if status is Status.RETURNED:
        return office.send_back(
            app, actor=staff[Role.FRONT_OFFICE], at=at(), reason="unclear scan"
        )
    if status is Status.REJECTED:
        return office.reject(app, actor=staff[Role.REGISTRAR], at=at(), reason="forged letter")
    if status is Status.CANCELLED:
        return office.cancel(app, actor=resident, at=at(), reason="no longer needed")
    if status is Status.SUBMITTED:
        return app
    if (
        draft.document == "KTP-el"
        and not office.registry.resident(draft.subject or "").ktp_el_status.is_recorded
    ):
        app = office.record_biometrics(app, actor=staff[Role.FRONT_OFFICE], at=at())
    app = office.verify(app, actor=staff[Role.FRONT_OFFICE], at=at())
    if status is Status.VERIFIED:
        return app
    if flow.triggers(Status.VERIFIED) and flow.candidates(Trigger.APPROVE, Status.VERIFIED):
        app = office.approve(app, actor=staff[Role.REGISTRAR], at=at())
        if status is Status.APPROVED:
            return app
    change = type_of(draft.document).register_changes.get(draft.variant)
    event = None
    if change is not None and change.required:
        event = event_for(app.form, on=clock[0].date(), **issue_details(office.registry, app))
    app = office.issue(app, actor=staff[Role.REGISTRAR], at=at(), event=event)
    if status is Status.PRINTED:
        return app
    if draft.delivery in (Delivery.POST, Delivery.DIGITAL):
        app = office.ship(app, actor=sample_actor(Trigger.SHIP, app), at=at())
        if status is Status.SHIPPED:
            return app
    if draft.delivery is Delivery.POST:
        app = office.arrive(app, actor=staff[Role.DISTRICT_OFFICER], at=at())
        if status is Status.ARRIVED:
            return app
    handed_by = sample_actor(Trigger.COLLECT, app)
    return office.collect(app, actor=handed_by, at=at(), collector=resident.nik)


@st.composite
def _forms(
    draw: st.DrawFn,
    /,
    *,
    kinds: list[Any],
    people: st.SearchStrategy[str],
    on: datetime.date,
) -> Form:
    kind = draw(st.sampled_from(kinds))
    variant = draw(st.sampled_from(kind.variants))
    accepted = kind.evidence_kinds() | {Evidence.HEAD_OF_OFFICE_DECISION}
    residents = sorted(_supplied_by(accepted, Supplier.RESIDENT), key=lambda e: e.value)
    office = sorted(_supplied_by(accepted, Supplier.OFFICE), key=lambda e: e.value)
    return Form(
        document=kind.code,
        variant=variant.code,
        channel=draw(st.sampled_from(Channel)),
        subject=draw(st.none() | people),
        partner=draw(st.none() | people),
        applicant=draw(st.none() | people),
        evidence=draw(st.frozensets(st.sampled_from(residents))),
        attested=draw(st.frozensets(st.sampled_from(office))),
        event_date=draw(
            st.none()
            | st.dates(on - datetime.timedelta(days=400), on + datetime.timedelta(days=5))
        ),
        details=draw(st.none() | form_details(kind.code, variant.code))
        if variant.code in kind.details_in
        else None,
    )
