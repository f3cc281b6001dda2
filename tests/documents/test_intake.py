"""Intake from plain words: the service a resident means, and the variant that fits them."""

from __future__ import annotations

import datetime
import time
from datetime import date
from typing import Any

import pytest

from adminduk.applications import Role
from adminduk.codes import Sex
from adminduk.documents.intake import MAX_TEXT, PHRASES, find_service
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat
from adminduk.register.events import Birth
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 8, 0)


@pytest.mark.parametrize(
    ("text", "document", "variant"),
    [
        ("bikin KTP", "KTP-el", "new"),
        ("KTP hilang", "KTP-el", "lost"),
        ("e-KTP saya rusak", "KTP-el", "damaged"),
        ("pindah ke Bandar Lampung", "SKPWNI", "departure"),
        ("pindah datang dari Jakarta", "SKPWNI", "arrival"),
        ("Akta Kelahiran", "AKTA-LAHIR", "standard"),
        ("akte kelahran anak", "AKTA-LAHIR", "standard"),  # a typo
        ("kartu keluraga rusak", "KK", "damaged"),  # a typo and a variant word
        ("pisah KK", "KK", "split"),
        ("marriage certificate", "AKTA-KAWIN", "standard"),
        ("Surat kematian ayah", "AKTA-MATI", "standard"),
        ("akta cerai hilang", "AKTA-CERAI", "lost"),
        ("kartu identitas anak", "KIA", "5_to_17"),
        ("KARTU IDENTITÁS ANAK", "KIA", "5_to_17"),  # case and accents do not count
    ],
)
def test_plain_words_find_the_service(text: str, document: str, variant: str) -> None:
    """The best match is the service residents mean by those words."""
    best = find_service(text)[0]
    assert (best.document, best.variant) == (document, variant)
    assert best.score == 1.0


def test_words_that_name_nothing_find_nothing() -> None:
    """No phrase matches: no guess."""
    assert find_service("selamat pagi") == []
    assert find_service("") == []


def test_every_phrase_finds_its_own_document() -> None:
    """Each phrase of the table finds its own document among the matches."""
    for document, phrases in PHRASES.items():
        for phrase, _ in phrases:
            assert document in {m.document for m in find_service(phrase, limit=20)}, phrase


def test_with_the_register_only_variants_that_fit_are_offered() -> None:
    """A three-year-old is offered the under-5 card; a card holder a replacement, not a new one."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    born = ON.replace(year=ON.year - 3)
    child = office.apply(
        Birth(
            occurred_on=born,
            recorded_on=born,
            name="Dimas Saputra",
            sex=Sex.MALE,
            birth_place="Blambangan Umpu",
            mother=SIAP_KELUARGA.wife,
            father=SIAP_KELUARGA.head,
        )
    )
    assert isinstance(child, Birth)
    assert child.nik is not None
    offered = find_service("kartu anak", resident=child.nik, registry=office.registry, on=ON)
    assert (offered[0].document, offered[0].variant) == ("KIA", "under_5")
    staff = {actor.role: actor for actor in sample_staff()}
    app = office.submit(sample_form("KTP-el", on=ON), actor=staff[Role.SYSTEM], at=AT)
    app = office.record_biometrics(app, actor=staff[Role.FRONT_OFFICE], at=AT)
    app = office.verify(app, actor=staff[Role.FRONT_OFFICE], at=AT)
    app = office.issue(app, actor=staff[Role.REGISTRAR], at=AT)
    office.collect(app, actor=staff[Role.FRONT_OFFICE], at=AT, collector=SIAP_KELUARGA.head)
    holder = find_service(
        "bikin ktp", resident=SIAP_KELUARGA.head, registry=office.registry, on=ON
    )
    assert "new" not in {m.variant for m in holder if m.document == "KTP-el"}
    assert {"lost", "damaged"} <= {m.variant for m in holder if m.document == "KTP-el"}


# --- hostile and careless input (issue 25) ---------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "refused"),
    [
        ({"text": None}, InvalidFormat),
        ({"text": b"ktp"}, InvalidFormat),
        ({"text": "ktp", "limit": "5"}, InvalidFormat),
        ({"text": "ktp", "limit": True}, InvalidFormat),
        ({"text": "ktp", "limit": 0}, InvalidComponent),
        ({"text": "ktp", "resident": SIAP_KELUARGA.head, "registry": {}, "on": ON}, InvalidFormat),
        ({"text": "ktp", "resident": 1808, "registry": None}, InvalidFormat),
        ({"text": "ktp", "on": datetime.datetime(2026, 3, 2, 8, 0)}, InvalidFormat),
    ],
)
def test_what_is_not_a_question_is_refused_with_a_typed_error(
    arguments: dict[str, Any], refused: type[AdmindukError]
) -> None:
    """A frontend passing the wrong kind of value gets an AdmindukError, never a TypeError."""
    with pytest.raises(refused):
        find_service(**arguments)


@pytest.mark.parametrize("year", [1, 2, 50, 99])
def test_a_reference_day_before_year_100_is_refused_not_crashed(year: int) -> None:
    """Ages are counted back from ``on``: a day in the first century is refused, typed."""
    registry = sample_registry()
    with pytest.raises(InvalidComponent, match="year 100"):
        find_service("ktp", resident=SIAP_KELUARGA.head, registry=registry, on=date(year, 6, 1))


@pytest.mark.parametrize(
    "text",
    [
        "ktp hilang " * 6_000,  # 66 KB of a real request
        " ".join(f"kata{n}x" for n in range(9_000))[:65_536],  # 64 KB of distinct words
        "a" * 1_000_000,  # one word of 1 MB
        "kelahran " * 120_000,  # a typo, a million characters of it
    ],
)
def test_a_long_message_is_answered_in_milliseconds(text: str) -> None:
    """One long message must not stall a bot: linear work, and the text read is bounded.

    The aim is 50 ms for a WhatsApp-sized (64 KB) message on a quiet machine; the bound here
    is ten times looser because test machines are shared (benchmarks measure, tests bound).
    """
    started = time.process_time()
    find_service(text)
    assert time.process_time() - started < 0.5


def test_only_the_first_max_text_characters_are_read() -> None:
    """A service named after MAX_TEXT characters of noise is not looked for (documented bound)."""
    assert find_service("x" * MAX_TEXT + " ktp") == []
    assert find_service("x " * (MAX_TEXT // 4) + " ktp")[0].document == "KTP-el"
