"""Filling a described form from a resident's answers, and asking for the next missing thing
(issue 27): the conversation a WhatsApp line or a web page drives.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import check
from adminduk.codes import DeathCause
from adminduk.documents import (
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Question,
    describe,
    fill,
    next_question,
)
from adminduk.errors import InvalidFormat
from adminduk.samples import SIAP_KELUARGA, sample_registry

ON = datetime.date(2026, 3, 2)

#: What a widower answers, as typed in a chat: Siti's death, reported by Budi.
WIDOWER = {
    "subject": SIAP_KELUARGA.wife,
    "applicant": SIAP_KELUARGA.head,
    "event_date": "20-02-2026",
    "details.death_place": "Blambangan Umpu",
    "details.cause": "sakit biasa/tua",
    "details.certifier": "1",
    "details.death_time": "08.30",
}


def _converse(
    document: DocumentCode, variant: str, replies: dict[str, Any], papers: set[Evidence]
) -> tuple[list[str], dict[str, Any], set[Evidence]]:
    """Answer each question from ``replies`` (a field) or ``papers`` (a paper) until done."""
    registry = sample_registry(recorded=True)
    answers: dict[str, Any] = {}
    given_papers: set[Evidence] = set()
    asked: list[str] = []
    for _ in range(40):
        question = next_question(
            document,
            variant,
            answers,
            channel=Channel.WHATSAPP,
            evidence=given_papers,
            registry=registry,
            on=ON,
        )
        if question is None:
            return asked, answers, given_papers
        if question.field is not None:
            asked.append(question.field.path)
            answers[question.field.path] = replies[question.field.path]
        else:
            assert question.paper is not None, question.prompt("en")
            asked.append(question.paper.code)
            kind = next(kind for kind in question.paper.kinds if kind in papers)
            given_papers.add(kind)
    raise AssertionError(f"the conversation did not end: {asked}")


def test_a_conversation_asks_each_required_answer_then_each_paper_and_ends() -> None:
    """The death report: each required field in order, then the papers, then nothing."""
    asked, answers, papers = _converse(
        "AKTA-MATI", "standard", WIDOWER, {Evidence.DEATH_LETTER, Evidence.KTP_EL, Evidence.KK}
    )
    required = [spec.path for spec in describe("AKTA-MATI", "standard").fields if spec.required]
    assert asked[: len(required)] == required
    papers_asked = set(asked[len(required) :])
    assert papers_asked <= {paper.code for paper in describe("AKTA-MATI", "standard").papers}
    assert asked[len(required) :]  # papers were asked for
    filled = fill("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP, evidence=papers)
    assert filled.form is not None
    assert check(filled.form, sample_registry(recorded=True), on=ON).ok
    assert filled.form.details is not None
    assert filled.form.details.cause is DeathCause.ILLNESS_OR_AGE  # type: ignore[attr-defined]


def test_a_refused_answer_is_asked_again_with_why() -> None:
    """A date that does not exist comes back as the same question, saying what is wrong."""
    answers = {**WIDOWER, "event_date": "31-02-2026"}
    question = next_question("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP)
    assert question is not None
    assert question.field is not None
    assert question.field.path == "event_date"
    assert question.finding is not None
    for lang in ("id", "en"):
        prompt = question.prompt(lang)
        why = question.finding.message_en if lang == "en" else question.finding.message_id
        assert prompt.startswith(why), prompt
        assert question.field.label(lang) + "?" in prompt


def test_a_choice_is_offered_with_its_codes_in_the_resident_s_language() -> None:
    """A choice field's prompt lists code and label, so a resident may answer either."""
    question = next_question(
        "AKTA-MATI",
        "standard",
        {k: v for k, v in WIDOWER.items() if k != "details.cause"},
        channel=Channel.WHATSAPP,
    )
    assert question is not None
    assert question.field is not None
    assert question.field.path == "details.cause"
    assert "1 = Sakit biasa/tua" in question.prompt("id")
    assert "1 = Illness or old age" in question.prompt("en")


def test_an_outreach_visit_asks_for_the_address_and_the_reason() -> None:
    """Choosing a home visit makes the visit's required fields the next questions."""
    answers = {**WIDOWER, "delivery": "outreach"}
    question = next_question("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP)
    assert question is not None
    assert question.field is not None
    assert question.field.path.startswith("outreach.")
    filled = fill("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP)
    assert {f.field for f in filled.findings} >= {"outreach.address", "outreach.reason"}


def test_what_only_the_office_does_is_not_asked_of_the_resident() -> None:
    """A new KTP-el's biometrics are recorded at the office: no question asks a resident for
    them, although the checker reports them missing.
    """
    registry = sample_registry()
    answers = {"subject": SIAP_KELUARGA.head, "applicant": SIAP_KELUARGA.head}
    papers = {Evidence.KK}
    question = next_question(
        "KTP-el",
        "new",
        answers,
        channel=Channel.WEBSITE,
        evidence=papers,
        registry=registry,
        on=ON,
    )
    filled = fill("KTP-el", "new", answers, channel=Channel.WEBSITE, evidence=papers)
    assert filled.form is not None
    missing = [f for f in check(filled.form, registry, on=ON).findings if f.blocking]
    assert any(finding.by_office for finding in missing)
    if question is not None:
        assert question.paper is None or not question.paper.by_office
        assert question.finding is None or not question.finding.by_office


def test_answers_are_read_as_residents_write_them() -> None:
    """Dates day first, times with a dot, choices by label, NIKs with spaces."""
    spaced = " ".join(SIAP_KELUARGA.wife[i : i + 4] for i in range(0, 16, 4))
    filled = fill(
        "AKTA-MATI", "standard", {**WIDOWER, "subject": spaced}, channel=Channel.WHATSAPP
    )
    assert filled.form is not None
    assert filled.form.subject == SIAP_KELUARGA.wife
    assert filled.form.event_date == datetime.date(2026, 2, 20)
    assert filled.form.details.death_time == datetime.time(8, 30)  # type: ignore[union-attr]
    assert filled.form.delivery is Delivery.PICKUP


_HOSTILE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*describe("AKTA-LAHIR", "standard").paths, "__class__", "x" * 100]),
        _HOSTILE,
        max_size=8,
    )
)
def test_hostile_answers_are_findings_never_crashes(answers: dict[str, Any]) -> None:
    """Whatever JSON a frontend forwards, filling and asking answer with findings or questions."""
    filled = fill("AKTA-LAHIR", "standard", answers, channel=Channel.WEBSITE)
    if filled.form is None:
        assert filled.findings
        for finding in filled.findings:
            assert finding.field
            assert len(finding.message_en) < 400
    question = next_question("AKTA-LAHIR", "standard", answers, channel=Channel.WEBSITE)
    assert question is None or isinstance(question, Question)


@pytest.mark.parametrize("answers", [None, "subject=1", [("subject", "1")], {1: "x"}])
def test_answers_of_the_wrong_shape_are_refused(answers: Any) -> None:
    """Answers are a mapping of path to value: anything else is InvalidFormat."""
    with pytest.raises(InvalidFormat):
        fill("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP)
    with pytest.raises(InvalidFormat):
        next_question("AKTA-MATI", "standard", answers, channel=Channel.WHATSAPP)
