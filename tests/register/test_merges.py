"""Merging two records of one person (NIK ganda): the register keeps its rules and the history.

Rules (DOMAIN.md, "Duplicates"; Pasal 13 UU 24/2013, a NIK is unique and for life): the person
keeps one NIK and the other is retired, never a living resident again and never given out
again; the merge is refused when the merged person would break a rule of the register (two
living spouses, heading one family while on another's card); the journal says who decided.
"""

from __future__ import annotations

import attrs
import pytest

from adminduk import Registry
from adminduk.codes import LifeStatus, Relationship
from adminduk.errors import DuplicateRecord, ImpossibleEvent, InvalidComponent, ValidationError
from adminduk.register.events import Death, Event, MoveIn, MoveOut
from adminduk.register.merges import DuplicateMerged
from adminduk.register.state import registry_from_state, state_of
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import SIAP_MENIKAH as C
from adminduk.samples import sample_registry
from adminduk.serialization import dumps, loads
from tests.register.entered import DATES, ELSEWHERE, entered_again


def merge(kept: str, retired: str) -> DuplicateMerged:
    """The officer's decision that ``retired`` is ``kept``."""
    return DuplicateMerged(kept=kept, retired=retired, decided_by="registrar Wulan",
                           reason="same name, birth date and mother; the birth certificate seen",
                           **DATES)  # fmt: skip


def test_a_second_record_is_retired_and_the_history_says_who_decided() -> None:
    """The retired record leaves its card (an empty family retires its KK number) for good."""
    registry = sample_registry()
    again = entered_again(registry, C.groom, kk="1808040202260001")
    applied = registry.apply(merge(C.groom, again))
    retired = registry.resident(again)
    assert retired.life_status is LifeStatus.DUPLICATE
    assert registry.family_of(again) is None
    assert "1808040202260001" in registry.retired_numbers()
    assert registry.merged_into(again) == C.groom
    assert registry.merged_into(C.groom) is None
    assert registry.journal[-1] == applied
    assert applied.decided_by == "registrar Wulan"
    assert registry.resident(C.groom).is_alive
    registry.check()
    with pytest.raises(ImpossibleEvent, match="duplicate"):
        registry.apply(MoveOut(niks=(again,), destination="18.71", skpwni="SKPWNI/1", **DATES))
    arriving = attrs.evolve(retired, life_status=LifeStatus.ALIVE)
    with pytest.raises(DuplicateRecord):  # the retired NIK is never a new resident's again
        registry.apply(MoveIn(residents=(arriving,), skpwni="S/2", origin="18.71",
                              relationships=((again, Relationship.HEAD),), address=ELSEWHERE,
                              **DATES))  # fmt: skip


def test_a_merge_survives_serialization_and_a_snapshot_state() -> None:
    """The event reads back as written, and a register rebuilt from its state keeps the merge."""
    registry = sample_registry()
    again = entered_again(registry, C.bride, kk="1808040202260002")
    event = registry.apply(merge(C.bride, again))
    assert loads(dumps(event), Event) == event
    rebuilt = registry_from_state(state_of(registry))
    assert rebuilt == registry
    assert rebuilt.merged_into(again) == C.bride
    assert Registry.replay(registry.journal, area="18.08") == registry


def test_two_living_spouses_are_refused_and_nothing_changes() -> None:
    """A second record married to someone else cannot be merged into a married person."""
    registry = sample_registry()
    again = entered_again(registry, S.head, kk="1808040202260003", spouse_name="Dewi Lestari")
    before = state_of(registry)
    with pytest.raises(ImpossibleEvent, match="two living spouses"):
        registry.apply(merge(S.head, again))
    assert state_of(registry) == before


def test_heading_one_family_while_on_another_card_is_refused() -> None:
    """The head of a family with others cannot be retired into someone on another card."""
    registry = sample_registry()
    again = entered_again(registry, S.head, kk="1808040202260004")
    with pytest.raises(ImpossibleEvent, match="name a new head"):
        registry.apply(merge(again, S.head))
    registry.apply(merge(S.head, again))  # the other way round is fine
    assert registry.resident(again).life_status is LifeStatus.DUPLICATE


def test_a_family_that_moved_and_was_entered_anew_keeps_its_old_nik() -> None:
    """The person who moved out and came back under a new NIK takes the old one onto the card."""
    registry = sample_registry()
    registry.apply(MoveOut(niks=(C.groom,), destination="18.71", skpwni="SKPWNI/9", **DATES))
    again = entered_again(registry, C.groom, kk="1808040202260005")
    registry.apply(merge(C.groom, again))
    assert registry.resident(C.groom).life_status is LifeStatus.ALIVE
    family = registry.family_of(C.groom)
    assert family is not None
    assert family.number == "1808040202260005"
    assert family.head == C.groom
    assert again not in family.niks()
    registry.check()


@pytest.mark.parametrize("gone", [LifeStatus.DEAD, LifeStatus.DUPLICATE])
def test_only_living_records_merge(gone: LifeStatus) -> None:
    """A dead record, or one already merged, is not merged again."""
    registry = sample_registry()
    again = entered_again(registry, C.groom, kk="1808040202260006")
    if gone is LifeStatus.DUPLICATE:
        registry.apply(merge(C.groom, again))
    else:
        registry.apply(Death(nik=again, **DATES))
    with pytest.raises(ImpossibleEvent, match="only living records are merged"):
        registry.apply(merge(C.groom, again))


def test_a_merge_needs_two_records_a_decider_and_a_reason() -> None:
    """The event itself refuses a record merged into itself, and an empty decider or reason."""
    with pytest.raises(InvalidComponent, match="into itself"):
        merge(C.groom, C.groom)
    with pytest.raises(ValidationError, match="reason must not be empty"):
        DuplicateMerged(kept=C.groom, retired=C.bride, decided_by="x", reason=" ", **DATES)
