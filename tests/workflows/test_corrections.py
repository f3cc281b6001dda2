"""Corrections as the law routes them (issue 26): pembetulan, perubahan data, pembatalan.

Each scenario is written from the article in its docstring: who asks, what evidence, an
approval by an official other than the one who asked (four eyes), and the effects: the register
changes and keeps the old values, every document in force that printed an old value is printed
again (a certificate with its margin note), and an annulled certificate is withdrawn.
"""

from __future__ import annotations

import datetime

import pytest

from adminduk.applications import Actor, Application, Role, Status
from adminduk.codes import Relationship
from adminduk.documents import (
    Channel,
    CorrectionRequest,
    Evidence,
    Form,
    check,
    event_for,
    variants_for,
)
from adminduk.documents.intake import find_service
from adminduk.errors import InvalidComponent, PermissionDenied
from adminduk.notices import notice_for
from adminduk.register.events import DataCorrection
from adminduk.register.issued import IssuedAktaKawin, IssuedAktaLahir, IssuedKK
from adminduk.samples import (
    SIAP_KELUARGA,
    SIAP_MENIKAH,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office, replay

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}
#: A second official who signs: corrections the first one asks for, the second approves.
SECOND_REGISTRAR = Actor(id="REG-02", role=Role.REGISTRAR, name="Sri Wahyuni")


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def office_of() -> Office:
    return Office("18.08", sample_registry(), staff=(*sample_staff(), SECOND_REGISTRAR))


def correction(route: str, subject: str, *, evidence: set[Evidence], **request: object) -> Form:
    return Form(
        document="PERBAIKAN-DATA",
        variant=route,
        channel=Channel.COUNTER,
        subject=subject,
        evidence=frozenset(evidence),
        details=CorrectionRequest(**request),  # type: ignore[arg-type]
    )


def through(
    office: Office,
    form: Form,
    *,
    requester: Actor,
    approver: Actor = STAFF[Role.REGISTRAR],
) -> Application:
    """File, verify, approve and issue a correction."""
    app = office.submit(form, actor=requester, at=at(0))
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    app = office.approve(app, actor=approver, at=at(2))
    assert app.status is Status.APPROVED
    event = event_for(app.form, on=ON)
    return office.issue(app, actor=SECOND_REGISTRAR, at=at(3), event=event)


def test_a_clerical_error_on_a_birth_certificate_is_corrected_with_a_margin_note() -> None:
    """Pembetulan (Pasal 71 UU 24/2013; Perpres 96/2018 Pasal 59): on request, on an authentic
    document, the official corrects the register; the certificate is printed again under its
    number with the margin note, and the one before it is replaced; the history keeps both values.
    """
    office = office_of()
    born = sample_issued("AKTA-LAHIR", on=ON, office=office)
    akta = next(r for r in born.documents if isinstance(r, IssuedAktaLahir))
    child = akta.nik
    assert office.registry.resident(child).father_name == "Budi Santoso"
    form = correction(
        "clerical",
        child,
        evidence={Evidence.PROOF_OF_CHANGE, Evidence.ERRONEOUS_DOCUMENT},
        changes={"father_name": "Budi Santosa"},
        reason="kutipan akta nikah orang tua",
    )
    resident = Actor.resident(S.wife)
    app = through(office, form, requester=resident)
    assert office.registry.resident(child).father_name == "Budi Santosa"
    [reprinted] = [r for r in app.documents if isinstance(r, IssuedAktaLahir)]
    assert reprinted.number == akta.number
    assert reprinted.father_name == "Budi Santosa"
    assert reprinted.notes == (
        (
            "Pembetulan tanggal 02-03-2026: nama ayah semula Budi Santoso, dibetulkan menjadi "
            "Budi Santosa (dasar: kutipan akta nikah orang tua)."
        ),
    )
    assert office.registry.printings("AKTA-LAHIR", akta.number) == (akta, reprinted)
    applied = [e for e in app.history[-1].events if isinstance(e, DataCorrection)]
    assert applied[0].previous == (("father_name", "Budi Santoso"),)
    assert replay(app.history, id=app.id) == app


def test_the_office_corrects_on_its_own_initiative_and_another_official_approves() -> None:
    """Pasal 71 UU 24/2013: the official may correct on the office's own initiative; the four
    eyes rule: whoever asked may not approve. The family card printing the birth place is
    printed again."""
    office = office_of()
    form = correction(
        "clerical",
        S.head,
        evidence={Evidence.PROOF_OF_CHANGE, Evidence.ERRONEOUS_DOCUMENT},
        changes={"birth_place": "Blambangan Umpu Selatan"},
    )
    registrar = STAFF[Role.REGISTRAR]
    app = office.submit(form, actor=registrar, at=at(0))
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    with pytest.raises(PermissionDenied, match="four eyes"):
        office.approve(app, actor=registrar, at=at(2))
    assert office.get(app.id).status is Status.VERIFIED
    app = office.approve(app, actor=SECOND_REGISTRAR, at=at(2))
    app = office.issue(app, actor=registrar, at=at(3), event=event_for(app.form, on=ON))
    [card] = [r for r in app.documents if isinstance(r, IssuedKK)]
    head = next(m for m in card.members if m.relationship is Relationship.HEAD)
    assert head.birth_place == "Blambangan Umpu Selatan"
    assert notice_for(app, 2).key == "approved"
    assert "approved" in notice_for(app, 2, lang="en").text


def test_a_new_name_is_not_a_clerical_error_and_needs_a_court_decision() -> None:
    """Pasal 52 UU 23/2006: a change of name rests on a court decision. Asked as a clerical
    error it is refused, with the route that fits; as a change of data it needs the decision
    and form F-1.02."""
    office = office_of()
    wrong_route = correction(
        "clerical",
        S.child,
        evidence={Evidence.PROOF_OF_CHANGE, Evidence.ERRONEOUS_DOCUMENT},
        changes={"name": "Anisa Putri Rahayu"},
    )
    codes = check(wrong_route, office.registry, on=ON).codes
    assert "perbaikan-data.clerical.name" in codes
    assert "change" in variants_for("PERBAIKAN-DATA", S.child, office.registry, on=ON)
    change = correction(
        "change", S.child, evidence={Evidence.FORM_F102}, changes={"name": "Anisa Putri Rahayu"}
    )
    assert "perbaikan-data.change.court" in check(change, office.registry, on=ON).codes
    complete = change.with_evidence(Evidence.COURT_DECISION)
    app = through(office, complete, requester=Actor.resident(S.head))
    assert office.registry.resident(S.child).name == "Anisa Putri Rahayu"
    card = next(r for r in app.documents if isinstance(r, IssuedKK))
    assert "Anisa Putri Rahayu" in {m.name for m in card.members}


def test_a_birth_date_changed_on_a_diploma_keeps_the_nik() -> None:
    """Perpres 96/2018: a birth date changed on its proof (a diploma); the NIK is for life
    (Pasal 13 UU 24/2013), so it keeps encoding the date it was issued with."""
    office = office_of()
    form = correction(
        "change",
        S.head,
        evidence={Evidence.FORM_F102, Evidence.PROOF_OF_CHANGE},
        changes={"birth_date": "1987-08-18"},
        reason="ijazah SD",
    )
    app = through(office, form, requester=Actor.resident(S.head))
    person = office.registry.resident(S.head)
    assert (person.nik, person.birth_date) == (S.head, datetime.date(1987, 8, 18))
    assert person.nik_birth_date == datetime.date(1987, 8, 17)
    office.registry.check()
    card = next(r for r in app.documents if isinstance(r, IssuedKK))
    assert datetime.date(1987, 8, 18) in {m.birth_date for m in card.members}


def test_an_annulment_needs_a_final_court_decision_and_withdraws_the_certificate() -> None:
    """Pembatalan (Pasal 72 UU 23/2006; Perpres 96/2018): only on a final court decision; the
    certificate is withdrawn without a replacement and cannot be annulled twice."""
    office = office_of()
    married = sample_issued("AKTA-KAWIN", on=ON, office=office)
    akta = next(r for r in married.documents if isinstance(r, IssuedAktaKawin))
    bare = correction(
        "annulment",
        SIAP_MENIKAH.groom,
        evidence=set(),
        certificate="AKTA-KAWIN",
        number=akta.number,
        reason="Putusan PN Blambangan Umpu No. 12/Pdt.G/2026",
    )
    assert "perbaikan-data.annulment.court" in check(bare, office.registry, on=ON).codes
    app = through(
        office,
        bare.with_evidence(Evidence.COURT_DECISION),
        requester=Actor.resident(SIAP_MENIKAH.groom),
    )
    withdrawn = office.registry.withdrawal("AKTA-KAWIN", akta.number)
    assert withdrawn is not None
    assert withdrawn.basis.startswith("Putusan PN")
    assert app.documents == ()
    again = bare.with_evidence(Evidence.COURT_DECISION)
    assert "perbaikan-data.certificate" in check(again, office.registry, on=ON).codes


def test_a_request_that_changes_nothing_or_names_an_unknown_field_is_refused() -> None:
    """Permendagri 108/2019: a correction says what is right; the register must differ."""
    office = office_of()
    same = correction(
        "clerical",
        S.head,
        evidence={Evidence.PROOF_OF_CHANGE, Evidence.ERRONEOUS_DOCUMENT},
        changes={"name": "Budi Santoso"},
    )
    assert "perbaikan-data.unchanged" in check(same, office.registry, on=ON).codes
    with pytest.raises(InvalidComponent, match="cannot be corrected"):
        CorrectionRequest(changes={"nik": "1808011708870013"})
    with pytest.raises(InvalidComponent, match="code number"):
        CorrectionRequest(changes={"religion": "Islam"})


@pytest.mark.parametrize(
    ("words", "variant"),
    [
        ("salah tanggal lahir di kk", "clerical"),
        ("ganti nama", "change"),
        ("perbaikan data", "clerical"),
        ("pembatalan akta nikah", "annulment"),
    ],
)
def test_intake_routes_the_words_residents_use_to_the_right_correction(
    words: str, variant: str
) -> None:
    """The words residents use land on the right route, not on a new KTP or a birth
    certificate."""
    best = find_service(words)[0]
    assert (best.document, best.variant) == ("PERBAIKAN-DATA", variant)


def test_intake_routes_a_lost_card_and_a_new_address() -> None:
    """ "ktp ilang" is a lost KTP-el; "ganti alamat ktp" a move within the regency, which gives
    the family a new card at the new address (Pasal 29 Permendagri 108/2019)."""
    assert (find_service("ktp ilang")[0].document, find_service("ktp ilang")[0].variant) == (
        "KTP-el",
        "lost",
    )
    assert find_service("ganti alamat ktp")[0].document == "KK"
