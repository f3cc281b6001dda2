"""A family (keluarga) as one family card (KK) lists it.

>>> import datetime
>>> from adminduk.register.address import Address
>>> family = Family(
...     number="1808011507200003",
...     address=Address(street="Jl. Merdeka 1", rt="1", rw="2", village_code="18.08.01.2006"),
...     members=(
...         Membership(nik="1808011708870012", relationship=Relationship.HEAD, since=datetime.date(2020, 7, 15)),
...         Membership(nik="1808014101050001", relationship=Relationship.WIFE, since=datetime.date(2020, 7, 15)),
...     ),
... )
>>> family.head
'1808011708870012'
>>> family
Family(number='180801**********', address=..., members=(Membership(nik='180801**********', ...), ...))

Exactly one member is the head:

>>> attrs.evolve(family, members=family.members[1:])
Traceback (most recent call last):
...
adminduk.errors.InvariantViolation: family 180801********** has no head of family (SHDK 1)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from adminduk._fields import compact_kk, masked_repr, nik_field, require_date, require_member
from adminduk._privacy import mask, redacted_repr
from adminduk.codes import Relationship
from adminduk.errors import InvariantViolation, UnknownResident
from adminduk.register.address import Address

__all__ = ["Family", "Membership"]


@redacted_repr
@attrs.frozen(kw_only=True)
class Membership:
    """A resident's place in a family: NIK, relationship to the head (SHDK) and since when."""

    nik: str = nik_field()
    relationship: Relationship
    since: datetime.date

    def __attrs_post_init__(self) -> None:
        require_member(self.relationship, Relationship, "relationship")
        require_date(self.since, "since")


def _members(value: Iterable[Membership]) -> tuple[Membership, ...]:
    return tuple(value)


@redacted_repr
@attrs.frozen(kw_only=True)
class Family:
    """One family card: its KK number, address and members (exactly one of them the head)."""

    number: str = attrs.field(converter=compact_kk, repr=masked_repr)
    address: Address
    members: tuple[Membership, ...] = attrs.field(converter=_members)

    def __attrs_post_init__(self) -> None:
        require_member(self.address, Address, "address")
        for member in self.members:
            require_member(member, Membership, "each member")
        heads = [m for m in self.members if m.relationship is Relationship.HEAD]
        if len(heads) != 1:
            problem = "no head of family" if not heads else f"{len(heads)} heads of family"
            raise InvariantViolation(
                f"family {mask(self.number)} has {problem} (SHDK 1)", rule="one-head"
            )
        niks = [m.nik for m in self.members]
        if len(set(niks)) != len(niks):
            raise InvariantViolation(
                f"family {mask(self.number)} lists a member twice", rule="nik-unique"
            )

    @property
    def head(self) -> str:
        """The NIK of the head of family (kepala keluarga)."""
        return next(m.nik for m in self.members if m.relationship is Relationship.HEAD)

    def member(self, number: str) -> Membership:
        """Return the membership of the resident with NIK ``number``."""
        for membership in self.members:
            if membership.nik == number:
                return membership
        raise UnknownResident(f"NIK {mask(number)} is not a member of family {mask(self.number)}")

    def niks(self) -> tuple[str, ...]:
        """Return the NIKs of all members, in card order."""
        return tuple([m.nik for m in self.members])
