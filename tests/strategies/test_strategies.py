"""Tests of adminduk.strategies: validity, documented shrink targets and argument checking."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk import Registry, Sex, check, regions
from adminduk.applications import Application, Status, Trigger
from adminduk.documents import Delivery, Form, Supplier, document_type
from adminduk.identifiers import nik, nkk
from adminduk.regions import RegionLevel
from adminduk.samples import SIAP_MENIKAH, sample_registry
from adminduk.strategies import (
    applications_in,
    families,
    family_registrations,
    forms,
    kk_numbers,
    life_events,
    names,
    niks,
    region_codes,
    registries,
    residents,
)
from adminduk.workflows import replay
from tests.shrinking import find

ON = datetime.date(2026, 11, 27)


@given(niks())
def test_niks_are_valid(number: str) -> None:
    """Every generated NIK passes the library's own validation, region check included."""
    assert number == nik.validate(number)


@given(kk_numbers())
def test_kk_numbers_are_valid(number: str) -> None:
    """Every generated KK number passes validation."""
    assert number == nkk.validate(number)


@given(
    niks(
        region_codes=st.sampled_from(["18.08.01", "18.08.15"]),
        sex=st.just(Sex.FEMALE),
        min_birth_date=datetime.date(2008, 1, 1),
        max_birth_date=datetime.date(2009, 12, 31),
    )
)
def test_niks_obey_their_arguments(number: str) -> None:
    """Regions, sex and birth dates come from the arguments, given as strategies."""
    info = nik.parse(number, on=datetime.date(2026, 1, 1))
    assert info.region_code in ("18.08.01", "18.08.15")
    assert Sex.FEMALE is info.sex
    assert datetime.date(2008, 1, 1) <= info.birth_date <= datetime.date(2009, 12, 31)


@given(kk_numbers(region_codes=["1808" + "15"], min_issue_date=datetime.date(2021, 1, 1)))
def test_kk_numbers_obey_their_arguments(number: str) -> None:
    """KK numbers come from the given districts and dates."""
    info = nkk.parse(number)
    assert "18.08.15" == info.region_code
    assert info.issued_on >= datetime.date(2021, 1, 1)


def test_nik_shrink_target() -> None:
    """NIKs shrink toward region 11.01.01, a man born 1 January 2000, serial 0001."""
    found = find(niks(), lambda number: True)
    assert nik.NIKInfo("11.01.01", datetime.date(2000, 1, 1), Sex.MALE, 1) == nik.parse(
        found, on=ON
    )


def test_nik_shrink_target_within_a_date_range() -> None:
    """With dates excluding 2000, the birth date shrinks to the nearest allowed one."""
    found = find(niks(min_birth_date=datetime.date(2010, 5, 5)), lambda number: True)
    assert datetime.date(2010, 5, 5) == nik.parse(found, on=ON).birth_date


def test_kk_shrink_target() -> None:
    """KK numbers shrink toward 11.01.01, issued 1 January 2000, serial 0001."""
    found = find(kk_numbers(), lambda number: True)
    assert nkk.KKInfo("11.01.01", datetime.date(2000, 1, 1), 1) == nkk.parse(found)


def test_region_codes_shrink_target_and_level() -> None:
    """Region codes shrink toward the lowest code of their level."""
    assert "11" == find(region_codes(level=RegionLevel.PROVINCE), lambda code: True)
    assert "11.01.01" == find(region_codes(), lambda code: True)
    assert "18.08.01.1005" == find(
        region_codes(level=RegionLevel.VILLAGE, within="18.08.01"), lambda code: True
    )


@given(region_codes(level=RegionLevel.REGENCY, within="18"))
def test_region_codes_within(code: str) -> None:
    """Codes lie below ``within`` at the requested level and exist in the current list."""
    assert code.startswith("18.")
    assert RegionLevel.REGENCY is regions.get(code).level


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    [
        (region_codes, {"level": 3}),
        (region_codes, {"within": "18.99"}),
        (region_codes, {"within": "not a code"}),
        (region_codes, {"level": RegionLevel.PROVINCE, "within": "18"}),
        (niks, {"region_codes": []}),
        (niks, {"region_codes": "18.08.01"}),
        (niks, {"region_codes": ["18.08"]}),
        (niks, {"region_codes": ["18.08.99"]}),
        (niks, {"region_codes": ["18/08/01"]}),
        (niks, {"sex": "F"}),
        (
            niks,
            {
                "min_birth_date": datetime.date(2001, 1, 1),
                "max_birth_date": datetime.date(2000, 1, 1),
            },
        ),
        (niks, {"min_birth_date": "2000-01-01"}),
        (niks, {"max_birth_date": datetime.datetime(2000, 1, 1)}),
        (
            kk_numbers,
            {
                "min_issue_date": datetime.date(2030, 1, 1),
                "max_issue_date": datetime.date(2020, 1, 1),
            },
        ),
    ],
)
def test_bad_arguments(strategy: Any, kwargs: dict[str, Any]) -> None:
    """Bad arguments raise InvalidArgument when the strategy is used."""
    with pytest.raises(InvalidArgument):
        strategy(**kwargs).example()


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    [
        (names, {"sex": "F"}),
        (family_registrations, {"min_size": 0}),
        (family_registrations, {"min_size": 5, "max_size": 4}),
        (family_registrations, {"block": 499}),
        (registries, {"min_families": 3, "max_families": 2}),
        (life_events, {"registry": "not a registry"}),
        (
            residents,
            {
                "min_birth_date": datetime.date(2000, 1, 2),
                "max_birth_date": datetime.date(2000, 1, 1),
            },
        ),
    ],
)
def test_bad_arguments_of_model_strategies(strategy: Any, kwargs: dict[str, Any]) -> None:
    """Model strategies raise InvalidArgument for bad arguments too."""
    with pytest.raises(InvalidArgument):
        strategy(**kwargs).example()


def test_model_shrink_targets() -> None:
    """Documented shrink targets: a man named Agus born 2000-01-01; a one-person family."""
    person = find(residents(), lambda r: True)
    assert ("Agus", datetime.date(2000, 1, 1), "11.01.01") == (
        person.name,
        person.birth_date,
        nik.get_region_code(person.nik),
    )
    family = find(families(), lambda f: True)
    assert 1 == len(family.members)
    assert "18.08.01.1005" == family.address.village_code
    assert ("001", "001") == (family.address.rt, family.address.rw)
    registry = find(registries(), lambda r: True)
    assert 1 == len(registry.families())
    assert "Ani" == find(names(sex=Sex.FEMALE), lambda n: True)


@given(family_registrations(min_size=9, max_size=9, within="18.08.15"))
def test_large_families_fill_with_relatives_when_needed(event: Any) -> None:
    """A family larger than its children allow gets other relatives; all stay consistent."""
    registry = Registry(area="18.08")
    registry.apply(event)
    assert 9 == len(registry.family(event.family.number).members)


@given(st.data())
def test_life_events_for_an_empty_register(data: st.DataObject) -> None:
    """With nobody alive, the only possible event is an arrival, which the register accepts."""
    registry = Registry(area="18.08")
    event = data.draw(life_events(registry))
    registry.apply(event)
    assert 1 == len(registry.residents())


def test_forms_arguments() -> None:
    """forms() refuses an unknown document type or a register that is not one."""
    with pytest.raises(InvalidArgument):
        forms(document_type="PASSPORT")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        forms("registry")  # type: ignore[arg-type]


@given(forms(document_type="KIA"))
def test_applications_of_one_type(application: Any) -> None:
    """document_type restricts the generated applications."""
    assert "KIA" == application.document


SAMPLE = sample_registry()
ON_SAMPLE = datetime.date(2026, 3, 2)


@given(forms(SAMPLE, complete=True, on=ON_SAMPLE))
def test_complete_applications_pass_the_checker(application: Form) -> None:
    """Complete applications pass the checker."""
    assert check(application, SAMPLE, on=ON_SAMPLE).ok
    assert application.subject is not None
    assert application.subject in {r.nik for r in SAMPLE.residents()}


@given(forms(SAMPLE, complete=False, on=ON_SAMPLE))
def test_incomplete_applications_fail_with_findings_the_missing_evidence_fixes(
    application: Form,
) -> None:
    """Incomplete applications fail with findings the missing evidence fixes."""
    report = check(application, SAMPLE, on=ON_SAMPLE)
    assert not report.ok
    kind = document_type(application.document)
    accepted = {
        evidence
        for requirement in kind.all_requirements(application.variant)
        for evidence in requirement.satisfied_by
    }
    papers = [kind for kind in accepted if kind.supplier is Supplier.RESIDENT]
    restored = application.with_evidence(*papers)
    assert check(restored, SAMPLE, on=ON_SAMPLE).ok
    for finding in report.findings:
        assert finding.satisfy_with, finding.code  # a missing paper, not an ineligible person


def test_complete_applications_shrink_toward_the_first_resident_and_document() -> None:
    """Complete applications shrink toward the first resident and document."""
    first = find(forms(SAMPLE, complete=True, on=ON_SAMPLE), lambda a: True)
    assert ("KK", "new") == (first.document, first.variant)
    assert min(r.nik for r in SAMPLE.residents() if SAMPLE.family_of(r.nik)) == first.subject
    marriage = find(
        forms(SAMPLE, document_type="AKTA-KAWIN", complete=True, on=ON_SAMPLE),
        lambda a: True,
    )
    assert (SIAP_MENIKAH.groom, SIAP_MENIKAH.bride) == (marriage.subject, marriage.partner)


def test_complete_applications_need_a_register_and_someone_who_qualifies() -> None:
    """Complete applications need a register and someone who qualifies."""
    with pytest.raises(InvalidArgument, match="registry"):
        forms(complete=True)
    nobody = Registry()
    with pytest.raises(InvalidArgument, match="nobody"):
        find(forms(nobody, complete=True), lambda a: True)


@pytest.mark.parametrize("status", list(Status))
def test_applications_in_each_status(status: Status) -> None:
    """Each status can be generated, and every generated application replays to it."""

    @settings(max_examples=15, deadline=None)
    @given(applications_in(status=status))
    def check_one(application: Application) -> None:
        assert status is application.status
        assert replay(application.history, id=application.id) == application

    check_one()


def test_applications_in_shrink_target_and_arguments() -> None:
    """Applications in shrink target and arguments."""
    first = find(applications_in(status=Status.COLLECTED), lambda a: True)
    assert "KK" == first.form.document
    assert first.form.delivery in (Delivery.PICKUP, Delivery.OUTREACH)  # equally short paths
    assert ["submit", "verify", "issue", "collect"] == [
        action.trigger.value for action in first.history
    ]
    with pytest.raises(InvalidArgument):
        applications_in(status="collected")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        applications_in(status=Status.SUBMITTED, document_type="PASPOR")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        applications_in(status=Status.SUBMITTED, registry="x")  # type: ignore[arg-type]
    shipped = find(applications_in(status=Status.SHIPPED, document_type="KTP-el"), lambda a: True)
    assert shipped.form.delivery in (Delivery.POST, Delivery.DIGITAL)
    assert any(action.trigger is Trigger.RECORD_BIOMETRICS for action in shipped.history)
