"""Moving letters (adminduk.documents.skpwni): move levels and destinations."""

from __future__ import annotations

import attrs
import pytest

from adminduk import Registry
from adminduk.codes import MoveReason
from adminduk.documents import (
    Channel,
    FindingKind,
    MoveLevel,
    MoveRequest,
    check,
    event_for,
    fill,
    move_level,
)
from adminduk.documents.skpwni import SKPWNI
from adminduk.errors import InvalidField
from adminduk.register.events import MoveOut
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestSKPWNI(DocumentTypeContract):
    """The shared contract, for SKPWNI."""

    kind = SKPWNI


def _leaving(destination: str) -> MoveRequest:
    return MoveRequest(destination=destination, reason=MoveReason.WORK)


def test_move_within_the_regency_vs_to_another_province(registry: Registry) -> None:
    """No SKPWNI within the regency (a new KK instead); one for Jakarta."""
    within = apply_for("SKPWNI", "departure", subject=S.head, details=_leaving("18.08.04"))
    report = check(within, registry, on=D(2026, 1, 1))
    assert ("skpwni.within_regency",) == report.codes
    assert "details.destination" == report.findings[0].field
    away = attrs.evolve(within, details=_leaving("31.71"))
    assert check(away, registry, on=D(2026, 1, 1)).ok
    assert ("skpwni.details",) == check(
        attrs.evolve(within, details=None), registry, on=D(2026, 1, 1)
    ).codes
    arrival = apply_for("SKPWNI", "arrival", subject=S.head)
    assert ("skpwni.arrival.letter",) == check(arrival, registry, on=D(2026, 1, 1)).codes


@pytest.mark.parametrize(
    ("origin", "destination", "level"),
    [
        ("18.08.01.2006", "18.08.01.2007", MoveLevel.VILLAGE),
        ("18.08.01.2006", "18.08.04.2001", MoveLevel.DISTRICT),
        ("18.08.01", "18.71", MoveLevel.REGENCY),
        ("18.08", "31.71.01", MoveLevel.PROVINCE),
    ],
)
def test_move_levels(origin: str, destination: str, level: MoveLevel) -> None:
    """Moves between villages, districts, regencies and provinces."""
    assert level is move_level(origin, destination)


def test_a_malformed_destination_is_refused_where_it_is_given() -> None:
    """A destination that is no known region code is refused naming the field, not a crash."""
    for destination in ("Jakarta", "99.99", "31"):
        with pytest.raises(InvalidField) as refused:
            _leaving(destination)
        assert "details.destination" == refused.value.field
        filled = fill(
            "SKPWNI",
            "departure",
            {"subject": S.head, "details.destination": destination, "details.reason": "1"},
            channel=Channel.WHATSAPP,
        )
        assert filled.form is None
        assert ["details.destination"] == [finding.field for finding in filled.findings]
        assert FindingKind.INVALID is filled.findings[0].kind


def test_a_departure_needs_where_to_and_an_arrival_its_letter() -> None:
    """F-1.03: a departure names its destination and reason; an arrival its origin and letter."""
    with pytest.raises(InvalidField) as refused:
        apply_for(
            "SKPWNI", "departure", subject=S.head, details=MoveRequest(reason=MoveReason.WORK)
        )
    assert "details.destination" == refused.value.field
    with pytest.raises(InvalidField) as refused:
        apply_for("SKPWNI", "arrival", subject=S.head, details=MoveRequest(origin="31.71"))
    assert "details.letter_number" == refused.value.field


def test_the_members_who_move_leave_together(registry: Registry) -> None:
    """The move names the members who go with the subject: all of them leave the register."""
    move = MoveRequest(destination="31.71", reason=MoveReason.FAMILY, movers=(S.wife, S.child))
    form = apply_for("SKPWNI", "departure", subject=S.head, details=move)
    event = event_for(form, on=D(2026, 1, 2), skpwni="SKPWNI/1808/20260102/0001")
    assert isinstance(event, MoveOut)
    assert (S.head, S.wife, S.child) == event.niks
