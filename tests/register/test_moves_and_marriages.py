"""A move changes where a person lives, not whom they are married to.

Pasal 38 UU 1/1974: a marriage ends by death, divorce or a court decision, not by a move; and
Pasal 25 Perpres 96/2018: who moved out is on the register of the area moved to. So a married
resident who moves out stays married in the register, comes back married (a record saying
otherwise is refused), cannot marry again meanwhile, and the spouse who stayed can still divorce.
"""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import Registry
from adminduk.codes import MaritalStatus, Relationship, Sex
from adminduk.errors import ImpossibleEvent
from adminduk.register import Family, Membership
from adminduk.register.events import Divorce, FamilyRegistered, Marriage, MoveIn, MoveOut
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import make_resident, sample_address, sample_registry

D = datetime.date


def _away() -> Registry:
    registry = sample_registry()
    registry.apply(
        MoveOut(
            occurred_on=D(2026, 2, 1),
            recorded_on=D(2026, 2, 1),
            niks=(S.head,),
            destination="31.71",
            skpwni="SKPWNI/1808/0007",
            new_head=S.wife,
            relationships={S.child: Relationship.CHILD},
        )
    )
    registry.check()
    return registry


def _back(registry: Registry, marital: MaritalStatus, *, alone: bool = False) -> MoveIn:
    """He comes back: to his wife's family, or alone to a family of his own."""
    record = attrs.evolve(registry.resident(S.head), marital_status=marital)
    record = attrs.evolve(record, life_status=registry.resident(S.wife).life_status)
    if alone:
        place: dict[str, object] = {"address": sample_address()}
        role = Relationship.HEAD
    else:
        place = {"join": registry.family_of(S.wife).number}  # type: ignore[union-attr]
        role = Relationship.HUSBAND
    return MoveIn(
        occurred_on=D(2026, 6, 1),
        recorded_on=D(2026, 6, 1),
        residents=(record,),
        skpwni="SKPWNI/3171/0042",
        origin="31.71",
        relationships={S.head: role},
        **place,  # type: ignore[arg-type]
    )


def test_a_married_resident_comes_back_married() -> None:
    """Back from another regency recorded as single while the register knows the marriage:
    refused, the register unchanged; back as married: accepted, every rule holds."""
    registry = _away()
    journal = registry.journal
    with pytest.raises(ImpossibleEvent, match="married"):
        registry.apply(_back(registry, MaritalStatus.SINGLE, alone=True))
    assert journal == registry.journal
    registry.apply(_back(registry, MaritalStatus.MARRIED))
    registry.check()
    assert S.wife == registry.find_spouse(S.head)


def test_no_second_marriage_while_the_first_stands() -> None:
    """Back alone and still married: he cannot marry anyone else while the first marriage
    stands; every rule holds throughout."""
    registry = _away()
    registry.apply(_back(registry, MaritalStatus.MARRIED, alone=True))
    registry.check()
    bride = make_resident("Rina Utami", Sex.FEMALE, D(1995, 5, 5), serial=77)
    registry.apply(
        FamilyRegistered(
            occurred_on=D(2026, 6, 2),
            recorded_on=D(2026, 6, 2),
            family=Family(
                number="1808010206260001",
                address=sample_address(),
                members=(
                    Membership(nik=bride.nik, relationship=Relationship.HEAD, since=D(2026, 6, 2)),
                ),
            ),
            residents=(bride,),
        )
    )
    with pytest.raises(ImpossibleEvent, match="married"):
        registry.apply(
            Marriage(
                occurred_on=D(2026, 7, 1),
                recorded_on=D(2026, 7, 1),
                husband=S.head,
                wife=bride.nik,
            )
        )
    registry.check()


def test_the_spouse_who_stayed_can_divorce_the_one_who_left() -> None:
    """The wife still in the regency registers the divorce; then she may marry again."""
    registry = _away()
    registry.apply(
        Divorce(occurred_on=D(2026, 4, 1), recorded_on=D(2026, 4, 2), husband=S.head, wife=S.wife)
    )
    registry.check()
    assert MaritalStatus.DIVORCED is registry.resident(S.wife).marital_status
    assert registry.find_spouse(S.wife) is None


def test_the_checker_agrees_a_divorce_is_registered_by_the_spouse_who_stayed() -> None:
    """The divorce certificate's form passes the alive rule when one spouse moved out, and not
    when one has died (the marriage ended by the death: cerai mati)."""
    from adminduk import check
    from adminduk.register.events import Death
    from adminduk.samples import sample_form

    on = D(2026, 4, 2)
    form = attrs.evolve(sample_form("AKTA-CERAI", on=on), event_date=D(2026, 3, 20))
    assert "akta-cerai.alive" not in check(form, _away(), on=on).codes
    widowed = sample_registry()
    widowed.apply(Death(occurred_on=D(2026, 1, 1), recorded_on=D(2026, 1, 2), nik=S.head))
    assert "akta-cerai.alive" in check(form, widowed, on=on).codes
