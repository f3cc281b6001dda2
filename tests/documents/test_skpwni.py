"""Moving letters (adminduk.documents.skpwni): move levels and destinations."""

from __future__ import annotations

import attrs
import pytest

from adminduk import Registry
from adminduk.documents import (
    FindingKind,
    MoveLevel,
    check,
    move_level,
)
from adminduk.documents.skpwni import SKPWNI
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestSKPWNI(DocumentTypeContract):
    """The shared contract, for SKPWNI."""

    kind = SKPWNI


def test_move_within_the_regency_vs_to_another_province(registry: Registry) -> None:
    """No SKPWNI within the regency (a new KK instead); one for Jakarta."""
    within = apply_for("SKPWNI", "departure", subject=S.head, destination="18.08.04")
    assert ("skpwni.within_regency",) == check(within, registry, on=D(2026, 1, 1)).codes
    away = attrs.evolve(within, destination="31.71")
    assert check(away, registry, on=D(2026, 1, 1)).ok
    assert ("skpwni.destination",) == check(
        attrs.evolve(within, destination=None), registry, on=D(2026, 1, 1)
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


def test_a_malformed_destination_is_a_finding(registry: Registry) -> None:
    """A destination that is not a known region code is an INVALID finding, not a crash."""
    for destination in ("Jakarta", "99.99"):
        application = apply_for("SKPWNI", "departure", subject=S.head, destination=destination)
        report = check(application, registry, on=D(2026, 1, 1))
        assert ("skpwni.destination",) == report.codes
        assert FindingKind.INVALID is report.findings[0].kind
