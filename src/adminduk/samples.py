"""Small, deterministic, synthetic sample data for documentation, demos and fixtures.

Every name and number here is invented. The sample family lives in Lembasung village,
Blambangan Umpu district, Way Kanan (18.08.01.2006):

>>> family_event().family.head == SIAP_KELUARGA.head
True
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs

from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.codes import (
    BirthAttendant,
    BirthKind,
    BirthPlaceKind,
    DeathCause,
    DeathCertifier,
    Education,
    MaritalStatus,
    MoveReason,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.documents import (
    BirthReport,
    Channel,
    CorrectionRequest,
    DeathReport,
    Delivery,
    Details,
    DivorceReport,
    DocumentCode,
    Evidence,
    Form,
    MarriageReport,
    MoveRequest,
    Outreach,
    OutreachReason,
    Supplier,
    document_type,
    event_for,
)
from adminduk.errors import InvalidComponent
from adminduk.identifiers import nik
from adminduk.register import Address, Family, Membership, Registry, Resident
from adminduk.register.events import Event, FamilyRegistered, KTPElRecorded
from adminduk.workflows import Office, Workflow, workflow_for

__all__ = [
    "SIAP_KELUARGA",
    "SIAP_MENIKAH",
    "CoupleNumbers",
    "SampleNumbers",
    "couple_events",
    "family_event",
    "issue_details",
    "make_resident",
    "sample_actor",
    "sample_address",
    "sample_details",
    "sample_form",
    "sample_issued",
    "sample_registry",
    "sample_staff",
    "sample_visit",
]


@attrs.frozen
class SampleNumbers:
    """The synthetic numbers of the sample family."""

    family: str
    head: str
    wife: str
    child: str


#: Numbers of the sample family: a couple married in 2012 and their daughter born in 2015.
SIAP_KELUARGA = SampleNumbers(
    family="1808011507200003",
    head="1808011708870012",
    wife="1808015503900001",
    child="1808014101150003",
)

_ISSUED = datetime.date(2020, 7, 15)


def make_resident(
    name: str,
    sex: Sex,
    birth_date: datetime.date,
    *,
    district: str = "18.08.01",
    serial: int = 1,
    **fields: Any,
) -> Resident:
    """Build a resident with a NIK composed from ``district``, the birth date, sex and ``serial``.

    Other fields default to a single, Muslim, primary-educated resident; pass any of them.

    >>> make_resident("Rina Wati", Sex.FEMALE, datetime.date(2001, 5, 9), serial=7).nik
    '1808014905010007'
    """
    defaults: dict[str, Any] = {
        "birth_place": "Blambangan Umpu",
        "religion": Religion.ISLAM,
        "marital_status": MaritalStatus.SINGLE,
        "education": Education.PRIMARY,
        "occupation": Occupation.FARMER,
    }
    defaults.update(fields)
    number = nik.compose(region_code=district, birth_date=birth_date, sex=sex, serial=serial)
    return Resident(nik=number, name=name, sex=sex, birth_date=birth_date, **defaults)


def sample_address() -> Address:
    """Return the sample family's address in Lembasung, Blambangan Umpu."""
    return Address(
        street="Jl. Lintas Sumatera No. 12", rt="3", rw="1", village_code="18.08.01.2006"
    )


def family_event(
    *, occurred_on: datetime.date = _ISSUED, recorded_on: datetime.date = _ISSUED
) -> FamilyRegistered:
    """Return the sample family's registration: Budi Santoso, Siti Rahmawati and their daughter Ani."""
    married = MaritalStatus.MARRIED
    budi = Resident(
        nik=SIAP_KELUARGA.head,
        name="Budi Santoso",
        sex=Sex.MALE,
        birth_place="Baradatu",
        birth_date=datetime.date(1987, 8, 17),
        religion=Religion.ISLAM,
        marital_status=married,
        education=Education.SENIOR_SECONDARY,
        occupation=Occupation.FARMER,
    )
    siti = Resident(
        nik=SIAP_KELUARGA.wife,
        name="Siti Rahmawati",
        sex=Sex.FEMALE,
        birth_place="Kasui",
        birth_date=datetime.date(1990, 3, 15),
        religion=Religion.ISLAM,
        marital_status=married,
        education=Education.BACHELOR,
        occupation=Occupation.TEACHER,
    )
    ani = Resident(
        nik=SIAP_KELUARGA.child,
        name="Ani Lestari",
        sex=Sex.FEMALE,
        birth_place="Blambangan Umpu",
        birth_date=datetime.date(2015, 1, 1),
        religion=Religion.ISLAM,
        marital_status=MaritalStatus.SINGLE,
        education=Education.PRIMARY_INCOMPLETE,
        occupation=Occupation.STUDENT,
        father_name=budi.name,
        mother_name=siti.name,
    )
    roles = ((budi, Relationship.HEAD), (siti, Relationship.WIFE), (ani, Relationship.CHILD))
    family = Family(
        number=SIAP_KELUARGA.family,
        address=sample_address(),
        members=tuple(
            Membership(nik=person.nik, relationship=role, since=_ISSUED) for person, role in roles
        ),
    )
    return FamilyRegistered(
        occurred_on=occurred_on,
        recorded_on=recorded_on,
        family=family,
        residents=(budi, siti, ani),
    )


@attrs.frozen
class CoupleNumbers:
    """The synthetic numbers of the sample engaged couple, each heading a one-person family."""

    groom: str
    bride: str
    groom_family: str
    bride_family: str


#: An engaged Christian couple in Baradatu (18.08.04): marriage certificates are theirs to get
#: (Muslim marriages are registered by the KUA, not the civil registry).
SIAP_MENIKAH = CoupleNumbers(
    groom="1808040305960021",
    bride="1808046809980022",
    groom_family="1808040101210011",
    bride_family="1808040101210012",
)

_COUPLE_SINCE = datetime.date(2021, 1, 1)


def couple_events() -> tuple[FamilyRegistered, FamilyRegistered]:
    """Return the registrations of the engaged couple: Yohanes Saragih and Maria Simanjuntak."""
    address = Address(street="Jl. Baradatu No. 4", rt="2", rw="1", village_code="18.08.04.2001")
    people = (
        (SIAP_MENIKAH.groom, SIAP_MENIKAH.groom_family, "Yohanes Saragih", Sex.MALE),
        (SIAP_MENIKAH.bride, SIAP_MENIKAH.bride_family, "Maria Simanjuntak", Sex.FEMALE),
    )
    events = []
    for number, family_number, name, sex in people:
        person = Resident(
            nik=number,
            name=name,
            sex=sex,
            birth_place="Baradatu",
            birth_date=nik.parse(number, on=_COUPLE_SINCE).birth_date,
            religion=Religion.KRISTEN,
            marital_status=MaritalStatus.SINGLE,
            education=Education.BACHELOR,
            occupation=Occupation.PRIVATE_EMPLOYEE,
        )
        family = Family(
            number=family_number,
            address=address,
            members=(Membership(nik=number, relationship=Relationship.HEAD, since=_COUPLE_SINCE),),
        )
        events.append(
            FamilyRegistered(
                occurred_on=_COUPLE_SINCE,
                recorded_on=_COUPLE_SINCE,
                family=family,
                residents=(person,),
            )
        )
    return events[0], events[1]


def sample_registry(*, recorded: bool = False) -> Registry:
    """Return a Way Kanan register (area ``18.08``) holding the sample family and couple.

    ``recorded=True``: the family's parents have their KTP-el biometrics recorded (on 15 July
    2020, when the family registered), so they have a card on record to replace when one is
    lost; by default nobody's are (a first KTP-el can be asked for).

    >>> len(sample_registry().residents())
    5
    >>> sample_registry(recorded=True).resident(SIAP_KELUARGA.head).ktp_el_status.is_recorded
    True
    """
    events: list[Event] = [family_event(), *couple_events()]
    if recorded:
        day = datetime.date(2020, 7, 15)
        events += [
            KTPElRecorded(occurred_on=day, recorded_on=day, nik=nik)
            for nik in (SIAP_KELUARGA.head, SIAP_KELUARGA.wife)
        ]
    return Registry.replay(events, area="18.08")


#: Who each sample application is about: (subject, partner, applicant).
_PEOPLE: dict[str, tuple[str | None, str | None, str | None]] = {
    "KK": (SIAP_KELUARGA.head, None, SIAP_KELUARGA.head),
    "KTP-el": (SIAP_KELUARGA.head, None, SIAP_KELUARGA.head),
    "KIA": (SIAP_KELUARGA.child, None, SIAP_KELUARGA.wife),
    "SKPWNI": (SIAP_KELUARGA.head, None, SIAP_KELUARGA.head),
    "AKTA-LAHIR": (SIAP_KELUARGA.wife, SIAP_KELUARGA.head, SIAP_KELUARGA.head),
    "AKTA-MATI": (SIAP_KELUARGA.head, None, SIAP_KELUARGA.wife),
    "AKTA-KAWIN": (SIAP_MENIKAH.groom, SIAP_MENIKAH.bride, SIAP_MENIKAH.groom),
    "AKTA-CERAI": (SIAP_KELUARGA.head, SIAP_KELUARGA.wife, SIAP_KELUARGA.wife),
    "PERBAIKAN-DATA": (SIAP_KELUARGA.head, None, SIAP_KELUARGA.head),
}

#: What each sample correction asks for, by route. The sample register holds no certificate to
#: annul: an annulment sample names one that a test issues first (or is refused for it).
_CORRECTIONS: dict[str, CorrectionRequest] = {
    "clerical": CorrectionRequest(
        changes={"birth_place": "Blambangan Umpu Selatan"}, reason="kutipan akta kelahiran"
    ),
    "change": CorrectionRequest(changes={"birth_date": "1987-08-18"}, reason="ijazah SD"),
    "annulment": CorrectionRequest(
        certificate="AKTA-KAWIN",
        number="1808-KW-02032026-0001",
        reason="Putusan PN Blambangan Umpu No. 12/Pdt.G/2026",
    ),
}

#: What each sample report says (the F-2.01 and F-1.03 parts), by document code.
_REPORTS: dict[str, Details] = {
    "AKTA-LAHIR": BirthReport(
        child_name="Bayu Pratama",
        child_sex=Sex.MALE,
        birth_place="Blambangan Umpu",
        place_kind=BirthPlaceKind.HEALTH_CENTRE,
        birth_kind=BirthKind.SINGLE,
        birth_order=2,
        attendant=BirthAttendant.MIDWIFE,
        birth_time=datetime.time(8, 30),
        weight_grams=3200,
        length_cm=49,
    ),
    "AKTA-MATI": DeathReport(
        death_place="Blambangan Umpu",
        cause=DeathCause.ILLNESS_OR_AGE,
        certifier=DeathCertifier.DOCTOR,
    ),
    "AKTA-KAWIN": MarriageReport(
        place="Gereja HKBP Baradatu, Way Kanan",
        religion=Religion.KRISTEN,
        officiant="Pdt. Samuel Sitompul",
        witnesses=(SIAP_KELUARGA.head, SIAP_KELUARGA.wife),
    ),
    "AKTA-CERAI": DivorceReport(
        court="Pengadilan Negeri Blambangan Umpu",
        decision_number="12/Pdt.G/2026/PN Bbu",
    ),
}

#: The sample moves, by variant (a departure to Jakarta, an arrival from it).
_MOVES: dict[str, MoveRequest] = {
    "departure": MoveRequest(destination="31.71", reason=MoveReason.WORK),
    "arrival": MoveRequest(origin="31.71", letter_number="SKPWNI/3171/20260101/0001"),
}


def sample_details(document: DocumentCode, variant: str) -> Details | None:
    """The typed part a sample form of ``document`` (``variant``) carries, if it asks one.

    >>> sample_details("AKTA-MATI", "standard").cause.label
    'Sakit biasa/tua'
    >>> sample_details("KTP-el", "new") is None
    True
    """
    kind = document_type(document)
    if variant not in kind.details_in:
        return None
    if kind.code == "PERBAIKAN-DATA":
        return _CORRECTIONS[variant]
    if kind.code == "SKPWNI":
        return _MOVES[variant]
    return _REPORTS.get(kind.code)


def sample_visit() -> Outreach:
    """A sample request for a home visit (jemput bola): an elderly resident's address.

    >>> sample_visit().reason.label_en
    'elderly'
    """
    return Outreach(
        address="Dusun Lembasung RT 003 RW 001, Blambangan Umpu", reason=OutreachReason.ELDERLY
    )


#: The variant a sample application takes by default (the first one, unless it does not fit).
_USUAL_VARIANT = {"KIA": "5_to_17"}


def sample_form(
    document: DocumentCode,
    variant: str | None = None,
    *,
    on: datetime.date,
    complete: bool = True,
    channel: Channel = Channel.WHATSAPP,
    delivery: Delivery = Delivery.PICKUP,
) -> Form:
    """Return a form about the people of :func:`sample_registry`, ready to file.

    ``variant`` defaults to the document's usual one (a KIA for a child aged 5 to 17, the
    first variant otherwise). A complete form carries every kind
    of evidence a resident can hand in for the document (what only the office attests, such as
    biometrics, it leaves to the office), and the report the document asks for
    (:func:`sample_details`), so :func:`adminduk.check` finds nothing blocking on ``on`` for the
    usual variants; the event (a birth, a death, a wedding) is dated ten days before ``on``. An
    incomplete one carries no evidence. A form handed over at home asks for the visit
    (:func:`sample_visit`).

    >>> import datetime
    >>> from adminduk import check
    >>> on = datetime.date(2026, 3, 2)
    >>> check(sample_form("AKTA-LAHIR", on=on), sample_registry(), on=on).ok
    True
    """
    kind = document_type(document)
    chosen = kind.variant(variant or _USUAL_VARIANT.get(kind.code, kind.variants[0].code))
    subject, partner, applicant = _PEOPLE[kind.code]
    return Form(
        document=kind.code,
        variant=chosen.code,
        channel=channel,
        subject=subject,
        partner=partner,
        applicant=applicant,
        evidence=_from_residents(kind.evidence_kinds()) if complete else frozenset[Evidence](),
        event_date=on - datetime.timedelta(days=10),
        delivery=delivery,
        outreach=sample_visit() if delivery is Delivery.OUTREACH else None,
        details=sample_details(kind.code, chosen.code),
    )


def _from_residents(kinds: frozenset[Evidence]) -> frozenset[Evidence]:
    return frozenset(kind for kind in kinds if kind.supplier is Supplier.RESIDENT)


#: Who of several allowed roles the samples let act: the specialised one before the front office.
_PREFERRED = (
    Role.COURIER,
    Role.SYSTEM,
    Role.DISTRICT_OFFICER,
    Role.OUTREACH_OFFICER,
    Role.REGISTRAR,
    Role.RESIDENT,
    Role.FRONT_OFFICE,
)


def sample_actor(
    trigger: Trigger,
    application: Application | Form,
    *,
    staff: Iterable[Actor] | None = None,
    workflow: Workflow | None = None,
) -> Actor:
    """Who takes ``trigger`` on ``application`` now (on a form: its filing), per its workflow.

    One of ``staff`` (default :func:`sample_staff`; the specialised role first), or the resident
    (the applicant) where only a resident may act, as when confirming a digital receipt.
    ``workflow`` is the document's workflow where an office has its own.

    >>> import datetime
    >>> from adminduk.applications import Trigger
    >>> from adminduk.documents import Delivery
    >>> form = sample_form("KK", on=datetime.date(2026, 3, 2), delivery=Delivery.POST)
    >>> sample_actor(Trigger.SUBMIT, form).role.value
    'system'
    """
    form, status = (
        (application, None)
        if isinstance(application, Form)
        else (application.form, application.status)
    )
    flow = workflow or workflow_for(form.document)
    allowed = flow.roles(trigger, status, form.delivery)
    team = _SAMPLE_STAFF if staff is None else tuple(staff)
    on_staff = {actor.role for actor in team} | {Role.RESIDENT}
    role = next((role for role in _PREFERRED if role in allowed and role in on_staff), None)
    if role is None:
        raise InvalidComponent(
            f"nobody may {trigger.value} a {form.document} that is "
            f"{status.value if status else 'a draft'}"
        )
    if role is Role.RESIDENT:
        return Actor.resident(form.applicant or form.subject or "")
    return next(actor for actor in team if actor.role is role)


_SAMPLE_STAFF = (
    Actor(id="FO-01", role=Role.FRONT_OFFICE, name="Dewi Anggraini"),
    Actor(id="REG-01", role=Role.REGISTRAR, name="Hendra Wijaya"),
    Actor(id="POS-01", role=Role.COURIER, name="Kantor Pos Blambangan Umpu"),
    Actor(id="KEC-01", role=Role.DISTRICT_OFFICER, name="Rudi Hartono"),
    Actor(id="JB-01", role=Role.OUTREACH_OFFICER, name="Fitri Handayani"),
    Actor(id="SYS", role=Role.SYSTEM, name="Layanan online"),
)


def sample_staff() -> tuple[Actor, ...]:
    """Return one synthetic officer of each staff role (and the intake system)."""
    return _SAMPLE_STAFF


def issue_details(registry: Registry, application: Application | Form) -> dict[str, Any]:
    """What a sample registrar enters besides the form to issue it (see ``documents.event_for``).

    A birth's place; a moving letter's number, with the applicant's whole family moving; and
    when a head of family dies with no spouse left, the eldest member as the new head.

    >>> import datetime
    >>> sorted(issue_details(sample_registry(), sample_form("SKPWNI",
    ...                      on=datetime.date(2026, 3, 2))))
    ['niks', 'skpwni']
    """
    form = application if isinstance(application, Form) else application.form
    number = "draft" if isinstance(application, Form) else application.id
    if form.document == "AKTA-LAHIR":
        return {"birth_place": "Blambangan Umpu"}
    subject = form.subject or ""
    family = registry.family_of(subject)
    if form.document == "SKPWNI":
        niks = tuple(m.nik for m in family.members) if family else (subject,)
        return {"skpwni": f"SKPWNI/1808/{number}", "niks": niks}
    if form.document == "AKTA-MATI" and family is not None and family.head == subject:
        others = [m for m in family.members if m.nik != subject]
        if others and not registry.spouse_of(subject):
            eldest = min(others, key=lambda m: registry.resident(m.nik).birth_date)
            return {
                "new_head": eldest.nik,
                "relationships": {
                    m.nik: Relationship.OTHER_RELATIVE for m in others if m.nik != eldest.nik
                },
            }
    return {}


#: The day the documentation's samples are issued on.
_SAMPLE_DAY = datetime.date(2026, 3, 2)


def sample_issued(
    document: DocumentCode,
    variant: str | None = None,
    *,
    on: datetime.date = _SAMPLE_DAY,
    office: Office | None = None,
) -> Application:
    """Return :func:`sample_form` filed, verified and issued on ``on`` at ``office``.

    ``office`` defaults to a fresh one over :func:`sample_registry` with :func:`sample_staff`.

    The application is ``PRINTED``; :attr:`~adminduk.applications.Application.documents` holds
    the records of what was printed.

    >>> [type(record).__name__ for record in sample_issued("AKTA-LAHIR").documents]
    ['IssuedAktaLahir', 'IssuedKK', 'IssuedKIA']
    """
    office = office or Office("18.08", sample_registry(), staff=sample_staff())
    staff = {actor.role: actor for actor in sample_staff()}
    form = sample_form(document, variant, on=on)
    at = datetime.datetime.combine(on, datetime.time(8))
    app = office.submit(form, actor=staff[Role.SYSTEM], at=at)
    if form.document == "KTP-el" and form.variant == "new":
        app = office.record_biometrics(app, actor=staff[Role.FRONT_OFFICE], at=at)
    app = office.verify(app, actor=staff[Role.FRONT_OFFICE], at=at)
    if office.workflows[form.document].candidates(Trigger.APPROVE, Status.VERIFIED):
        app = office.approve(app, actor=staff[Role.REGISTRAR], at=at)
    change = document_type(form.document).register_changes.get(form.variant)
    event = None
    if change is not None and change.required:
        event = event_for(app.form, on=on, **issue_details(office.registry, app))
    return office.issue(app, actor=staff[Role.REGISTRAR], at=at, event=event)
