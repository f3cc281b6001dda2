"""Notices for every step: keyed by the action, in both languages, never a whole NIK.

Issue 16's rule: a message for every event in an application's life, Indonesian first and
English second, keyed by the action so nothing is sent twice and nothing is missed, with the
templates as data an office can replace.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Application, Role, Status
from adminduk.documents import Delivery
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat
from adminduk.notices import (
    DEFAULT_TEMPLATES,
    OfficeProfile,
    check_templates,
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


# --- what a careless integrator or an edited configuration passes (issue 25) -------------------


#: The notice functions as a careless caller sees them: untyped.
NOTICE_FOR: Any = notice_for
NOTICES_OF: Any = notices_of
OVERDUE: Any = overdue_notice


@pytest.mark.parametrize(
    ("call", "refused"),
    [
        (lambda app: NOTICE_FOR(app, 99), InvalidComponent),
        (lambda app: NOTICE_FOR(app, -99), InvalidComponent),
        (lambda app: NOTICE_FOR(app, 1.0), InvalidFormat),
        (lambda app: NOTICE_FOR(app, True), InvalidFormat),
        (lambda app: NOTICE_FOR("18.08/000001"), InvalidFormat),
        (lambda app: NOTICE_FOR(app, profile={"name": "x"}), InvalidFormat),
        (lambda app: NOTICES_OF(app, lang="fr"), InvalidComponent),
        (lambda app: OVERDUE(app, new_due=AT, lang="fr"), InvalidComponent),
        (lambda app: OVERDUE(app, new_due=ON), InvalidFormat),
        (lambda app: OVERDUE(app, new_due=AT, templates={"overdue": None}), AdmindukError),
    ],
)
def test_wrong_arguments_are_refused_with_a_typed_error(
    call: Callable[[Application], object], refused: type[AdmindukError]
) -> None:
    """No IndexError, TypeError or KeyError reaches a bot: each is a named refusal."""
    app = sample_issued("KK", "lost")
    with pytest.raises(refused):
        call(app)


@pytest.mark.parametrize(
    "templates",
    [
        {"ready": {"id": "{number.x}", "en": "ok"}},  # an attribute of a field
        {"ready": {"id": "{number[0]}", "en": "ok"}},  # an index into a field
        {"ready": {"id": "{number:>999999999}", "en": "ok"}},  # a billion-character width
        {"ready": {"id": "{number!r}", "en": "ok"}},  # a conversion
        {"ready": {"id": "{0}", "en": "ok"}},  # a positional field
        {"ready": {"id": "{number", "en": "ok"}},  # not well formed
        {"ready": {"en": "only English"}},  # a missing language
        {"ready": {"id": None, "en": "ok"}},  # not text
        {"ready": None},  # no wording at all
        ["ready"],  # not a mapping
    ],
)
def test_office_templates_that_cannot_render_are_refused(templates: Any) -> None:
    """An office's bad template is an InvalidComponent/InvalidFormat, when checked and when used."""
    app = sample_issued("KK", "lost", on=ON)
    with pytest.raises((InvalidComponent, InvalidFormat)):
        notice_for(app, templates=templates)
    with pytest.raises((InvalidComponent, InvalidFormat)):
        check_templates(templates)


def test_the_default_templates_pass_their_own_check() -> None:
    """adminduk's wording uses only the documented fields, plainly."""
    assert check_templates(DEFAULT_TEMPLATES) is DEFAULT_TEMPLATES


@pytest.mark.parametrize(
    "arguments",
    [
        {"default_opening": {}},
        {"default_opening": {"id": "Senin-Jumat"}},
        {"bring": {"en": "your KTP"}},
        {"bring": None},
        {"name": None},
        {"lines": {"kk-pindah": 8000}},
        {"lines": {"no-such-group": "0800"}},
        {"opening": ["18.08.01"]},
    ],
)
def test_an_office_profile_is_checked_when_made(arguments: dict[str, Any]) -> None:
    """A profile missing a language or holding non-text is refused at once, not at render time."""
    with pytest.raises((InvalidComponent, InvalidFormat)):
        OfficeProfile(**arguments)


def test_where_is_refuses_an_index_that_answers_nonsense() -> None:
    """An index answering None (a broken integration) is a typed refusal, not a TypeError."""

    class Broken:
        def applications_of(self, nik: str) -> Any:
            return None

    with pytest.raises(InvalidFormat, match="index answered"):
        where_is(SIAP_KELUARGA.head, Broken(), {})
    with pytest.raises(InvalidFormat):
        where_is(None, Broken(), {})  # type: ignore[arg-type]


def test_a_notice_repr_masks_a_nik_in_the_application_id() -> None:
    """An office numbering files by NIK: repr(notice) still shows no whole NIK."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = office.submit(
        sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT, id=SIAP_KELUARGA.head
    )
    notice = notice_for(app)
    assert SIXTEEN.search(repr(notice)) is None
    assert SIXTEEN.search(notice.text) is None
