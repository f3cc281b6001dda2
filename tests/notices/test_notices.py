"""Notices for every step: keyed by the action, in both languages, never a whole NIK.

Issue 16's rule: a message for every event in an application's life, Indonesian first and
English second, keyed by the action so nothing is sent twice and nothing is missed, with the
templates as data an office can replace.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Application, Role, Status
from adminduk.documents import Delivery
from adminduk.errors import InvalidComponent
from adminduk.notices import (
    DEFAULT_TEMPLATES,
    OfficeProfile,
    notice_for,
    notices_of,
    overdue_notice,
    where_is,
)
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.store import open_office
from adminduk.strategies import applications_in
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}
SIXTEEN = re.compile(r"\d{16}")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(list(Status)).flatmap(lambda status: applications_in(status=status)))
def test_every_action_has_a_notice_in_both_languages(application: Application) -> None:
    """Every action of every reachable application: one notice each, id and en, no whole NIK."""
    for lang in ("id", "en"):
        found = notices_of(application, lang=lang)
        assert len(found) == len(application.history)
        assert [notice.action for notice in found] == list(range(len(application.history)))
        for notice in found:
            assert notice.key in DEFAULT_TEMPLATES
            assert notice.text
            assert SIXTEEN.search(notice.text) is None
            assert "{" not in notice.text  # every field filled


def test_the_post_path_tells_where_the_document_waits() -> None:
    """Shipped by post to district office X; arrived at X with opening days and who collects."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    form = sample_form("KK", "lost", on=ON, delivery=Delivery.POST)
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=AT)
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=AT)
    app = office.ship(app, actor=STAFF[Role.COURIER], at=AT)
    app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=AT)
    profile = OfficeProfile(opening={"18.08.01": "Senin-Kamis 08.00-14.00"})
    arrived = notice_for(app, profile=profile)
    assert arrived.key == "arrived"
    assert "Blambangan Umpu (18.08.01)" in arrived.text
    assert "Senin-Kamis 08.00-14.00" in arrived.text
    assert "anggota keluarga yang sudah dewasa" in arrived.text
    assert [n.key for n in notices_of(app)] == [
        "filed",
        "verified",
        "printed",
        "posted",
        "arrived",
    ]
    assert "by post" in notice_for(app, 3, lang="en").text


def test_a_returned_file_lists_every_finding_with_its_fix() -> None:
    """The returned notice carries each finding and the evidence that fixes it."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    form = sample_form("KK", "lost", on=ON, complete=False)
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=AT)
    app = office.send_back(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    text = notice_for(app).text
    assert text.count("\n- ") == len(app.history[-1].findings) >= 1
    assert "lampirkan" in text
    assert "attach" in notice_for(app, lang="en").text
    # recording keeps the status but is its own action: its own notice, the return not again
    assert [n.key for n in notices_of(app)] == ["filed", "returned"]


def test_templates_and_lines_are_office_data() -> None:
    """An office replaces the wording and gives its WhatsApp line per service group."""
    profile = OfficeProfile(name="Disdukcapil Way Kanan", lines={"kk-pindah": "0800-0000-0001"})
    templates = {"ready": {"id": "Siap: {number}. {office}{line}", "en": "Ready: {number}."}}
    app = sample_issued("KK", "lost")
    text = notice_for(app, profile=profile, templates=templates).text
    assert text == "Siap: 18.08/000001. Disdukcapil Way Kanan\nInfo: WhatsApp 0800-0000-0001"
    with pytest.raises(InvalidComponent, match="unknown field"):
        notice_for(app, templates={"ready": {"id": "{nik}", "en": ""}})
    with pytest.raises(InvalidComponent):
        notice_for(app, lang="fr")  # type: ignore[arg-type]
    late = overdue_notice(app, new_due=AT + datetime.timedelta(days=2))
    assert "Mohon maaf" in late.text
    assert "04-03-2026" in late.text


def test_where_is_my_application_by_nik_from_the_store(tmp_path: Path) -> None:
    """By NIK from the store's index, newest first, with the latest notice."""
    office = open_office(tmp_path / "office.db", code="18.08", registry=sample_registry())
    first = sample_issued("KK", "lost", office=office)
    second = office.submit(sample_form("KTP-el", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
    store = office.recorder
    assert store is not None
    found = where_is(SIAP_KELUARGA.head, store, office.applications)  # type: ignore[arg-type]
    assert [app.id for app, _ in found] == [second.id, first.id]
    assert [notice.key for _, notice in found] == ["filed", "ready"]
    office.recorder.close()  # type: ignore[union-attr]
