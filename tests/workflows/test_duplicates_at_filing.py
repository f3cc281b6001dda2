"""At filing: a birth whose child is likely already in the register goes to an officer first.

Rule (DOMAIN.md, "Duplicates"; Pasal 13 UU 24/2013, one NIK for life): a birth reported for a
child the register already holds (a second report, a spelling of the name) must not make a second
NIK. An office that checks duplicates does not verify such a birth until an officer judges the
candidates: the same person (reject, with the NIK the child holds) or different people (verify
attesting it, with the reason). The candidates are the officer's, never the resident's.
"""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk.applications import Actor, Role, Status
from adminduk.documents import BirthReport, Evidence, Form
from adminduk.errors import AdmindukError, GuardFailed
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import sample_form, sample_registry, sample_staff
from adminduk.workflows import Office

STAFF = {actor.role: actor for actor in sample_staff()}
ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 9)
LATER = datetime.datetime(2026, 3, 3, 10)


def reported_again(name: str = "ANNI LESTARI", born: datetime.date | None = None) -> Form:
    """A birth report for Ani, the sample family's daughter (born 2015-01-01), filed again."""
    form = sample_form("AKTA-LAHIR", on=ON)
    assert isinstance(form.details, BirthReport)
    details = attrs.evolve(form.details, child_name=name, birth_place="Blambangan Umpu")
    return attrs.evolve(form, details=details, event_date=born or datetime.date(2015, 1, 1))


def office(check: bool = True) -> Office:
    """The sample office, checking duplicates or not."""
    return Office("18.08", sample_registry(), staff=sample_staff(), check_duplicates=check)


LATE = (Evidence.HEAD_OF_OFFICE_DECISION,)  # a birth reported after 60 days needs the decision


def test_a_likely_duplicate_stops_verification_until_an_officer_judges() -> None:
    """The child is found as a candidate; verification waits for the officer's judgement."""
    desk = office()
    app = desk.submit(reported_again(), actor=Actor.resident(S.head), at=AT)
    candidates = desk.likely_duplicates(app)
    assert [candidate.nik for candidate in candidates] == [S.child]
    assert "name: same" in candidates[0].comparison.explain()
    with pytest.raises(GuardFailed, match="an officer judges them first") as refused:
        desk.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=LATER, attest=LATE)
    assert refused.value.guard == "duplicates-judged"
    assert S.child not in str(refused.value)
    assert desk.get(app.id).status is Status.SUBMITTED


def test_different_people_are_verified_with_the_officers_reason() -> None:
    """Judged different: verified, and the history says who judged and why."""
    desk = office()
    app = desk.submit(reported_again(), actor=Actor.resident(S.head), at=AT)
    why = "a second daughter, Anni, born the same day: twin; hospital letter seen"
    verified = desk.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=LATER,
                           attest=(*LATE, Evidence.NOT_A_DUPLICATE), reason=why)  # fmt: skip
    action = verified.history[-1]
    assert verified.status is Status.VERIFIED
    assert action.reason == why
    assert action.actor == STAFF[Role.FRONT_OFFICE]
    assert action.form is not None
    assert Evidence.NOT_A_DUPLICATE in action.form.attested


def test_the_same_person_is_rejected_with_the_nik_they_hold() -> None:
    """Judged the same: the application is rejected with the reason; no second NIK is made."""
    desk = office()
    app = desk.submit(reported_again(), actor=Actor.resident(S.head), at=AT)
    rejected = desk.reject(app, actor=STAFF[Role.REGISTRAR], at=LATER,
                           reason="already registered: reprint the birth certificate instead")  # fmt: skip
    assert rejected.status is Status.REJECTED
    assert len(desk.registry) == len(sample_registry())


def test_a_different_child_and_an_office_that_does_not_check_go_on() -> None:
    """Another child (another name and date) has no candidate; without the check, no guard."""
    desk = office()
    other = reported_again(name="Bayu Pratama", born=ON - datetime.timedelta(days=10))
    app = desk.submit(other, actor=Actor.resident(S.head), at=AT)
    assert desk.likely_duplicates(app) == ()
    assert desk.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=LATER).status is Status.VERIFIED
    plain = office(check=False)
    again = plain.submit(reported_again(), actor=Actor.resident(S.head), at=AT)
    verified = plain.verify(again, actor=STAFF[Role.FRONT_OFFICE], at=LATER, attest=LATE)
    assert verified.status is Status.VERIFIED


def test_a_resident_cannot_attest_no_duplicate() -> None:
    """Only the office attests it: a form filed with it attested by a resident is refused."""
    claimed = attrs.evolve(reported_again(), attested=frozenset({Evidence.NOT_A_DUPLICATE}))
    with pytest.raises(AdmindukError):
        office().submit(claimed, actor=Actor.resident(S.head), at=AT)
