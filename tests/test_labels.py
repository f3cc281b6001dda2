"""Labels everywhere: every enum a resident or clerk sees names itself in Indonesian and English."""

from __future__ import annotations

import enum

import pytest

from adminduk import codes, regions
from adminduk.applications import Role, Status, Trigger
from adminduk.documents import Channel, Delivery, Evidence, FindingKind, MoveLevel
from adminduk.register.events import Household

ENUMS: list[type[enum.Enum]] = [
    Status,
    Role,
    Trigger,
    Channel,
    Delivery,
    Evidence,
    FindingKind,
    MoveLevel,
    Household,
    regions.RegionLevel,
    *codes.CodeTable.__subclasses__(),
]


@pytest.mark.parametrize("kind", ENUMS, ids=lambda kind: kind.__name__)
def test_every_member_has_an_indonesian_and_an_english_label(kind: type[enum.Enum]) -> None:
    """Each member has both labels, non-empty, and no two members share one."""
    members = list(kind)
    indonesian = [member.label for member in members]  # type: ignore[attr-defined]
    english = [member.label_en for member in members]  # type: ignore[attr-defined]
    assert all(indonesian)
    assert all(english)
    assert len(set(indonesian)) == len(members)
    assert len(set(english)) == len(members)
