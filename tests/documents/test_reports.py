"""Civil registration reports (F-2.01, F-2.12) as typed parts of a form: checked when made,
written and read back, and printed where the certificate shows them (issue 27).
"""

from __future__ import annotations

import datetime
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import check
from adminduk.applications import Application
from adminduk.codes import Religion
from adminduk.documents import (
    DETAILS_OF,
    BirthReport,
    DeathReport,
    Details,
    DivorceReport,
    DocumentCode,
    Form,
    MarriageReport,
)
from adminduk.errors import InvalidField
from adminduk.samples import sample_details, sample_form, sample_issued, sample_registry
from adminduk.serialization import dumps, loads
from adminduk.strategies import form_details

ON = datetime.date(2026, 3, 2)
REPORTS: dict[DocumentCode, type[Details]] = {
    "AKTA-LAHIR": BirthReport,
    "AKTA-MATI": DeathReport,
    "AKTA-KAWIN": MarriageReport,
    "AKTA-CERAI": DivorceReport,
}
SIXTEEN_DIGITS = re.compile(r"\d{16}")


def test_each_certificate_s_form_carries_its_report() -> None:
    """The report a certificate's form carries is the one of its document, tagged and cited."""
    for document, report in REPORTS.items():
        assert DETAILS_OF[document] is report
        assert report.document == document
        assert report.form_name in ("F-2.01", "F-2.12")
        assert isinstance(sample_details(document, "standard"), report)


@pytest.mark.parametrize("document", sorted(REPORTS))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_reports_are_written_and_read_back_and_never_show_a_nik(
    document: DocumentCode, data: st.DataObject
) -> None:
    """Any valid report round-trips through a form's JSON; its repr masks the witnesses' NIKs."""
    report = data.draw(form_details(document, "standard"))
    form = attrs.evolve(sample_form(document, on=ON), details=report)
    assert loads(dumps(form), Form) == form
    assert SIXTEEN_DIGITS.search(repr(report)) is None


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda r: attrs.evolve(r, birth_order=0), "details.birth_order"),
        (lambda r: attrs.evolve(r, weight_grams=50), "details.weight_grams"),
        (lambda r: attrs.evolve(r, child_name="   "), "details.child_name"),
        (lambda r: attrs.evolve(r, birth_place="x" * 200), "details.birth_place"),
    ],
)
def test_a_birth_report_refuses_what_the_form_cannot_say(make: object, field: str) -> None:
    """Out-of-range numbers and empty or overlong text are refused, naming the field."""
    report = sample_details("AKTA-LAHIR", "standard")
    with pytest.raises(InvalidField) as raised:
        make(report)  # type: ignore[operator]
    assert raised.value.field == field


def test_a_marriage_has_exactly_two_witnesses() -> None:
    """F-2.12 names two witnesses: one, three or the same one twice are refused."""
    report = sample_details("AKTA-KAWIN", "standard")
    assert isinstance(report, MarriageReport)
    one, two = report.witnesses
    for wrong in ((one,), (one, two, "1808010101900001"), (one, one)):
        with pytest.raises(InvalidField) as raised:
            attrs.evolve(report, witnesses=wrong)
        assert raised.value.field == "details.witnesses"


def test_a_marriage_by_islamic_rite_is_sent_to_the_kua() -> None:
    """Pasal 34(4) UU 23/2006: an Islamic marriage is registered by the KUA, not this office.

    The same form by a Christian rite raises no such finding.
    """
    registry = sample_registry()
    form = sample_form("AKTA-KAWIN", on=ON)
    assert isinstance(form.details, MarriageReport)
    assert check(form, registry, on=ON).ok
    islamic = attrs.evolve(form, details=attrs.evolve(form.details, religion=Religion.ISLAM))
    findings = check(islamic, registry, on=ON).findings
    rite = [finding for finding in findings if finding.code == "akta-kawin.rite"]
    assert len(rite) == 1
    assert rite[0].field == "details.religion"
    assert rite[0].blocking
    assert "KUA" in rite[0].message_id
    assert "KUA" in rite[0].message_en


@pytest.mark.parametrize(
    ("document", "variant", "printed"),
    [
        ("AKTA-LAHIR", None, {"birth_order": 2}),
        ("AKTA-MATI", None, {"place": "Blambangan Umpu"}),
        ("AKTA-KAWIN", None, {"religion": Religion.KRISTEN, "officiant": "Pdt. Samuel Sitompul"}),
        ("AKTA-CERAI", None, {"decision_number": "12/Pdt.G/2026/PN Bbu"}),
        ("SKPWNI", "departure", {"reason": sample_details("SKPWNI", "departure").reason}),  # type: ignore[union-attr]
    ],
)
def test_the_issued_record_prints_what_the_report_says(
    document: DocumentCode, variant: str | None, printed: dict[str, object]
) -> None:
    """The certificate shows the report's facts: the issued record carries them."""
    application = sample_issued(document, variant)
    record = application.documents[0]
    for name, value in printed.items():
        assert getattr(record, name) == value, name
    assert loads(dumps(application), Application).documents[0] == record
