"""A merge of two records of one person (NIK ganda): the register event an officer's decision makes.

The candidates come from :mod:`adminduk.matching` (at filing) or :mod:`adminduk.linkage` (across
a register); an officer judges them, and a pair judged one person is merged with this event,
which the register's journal keeps as the merge's history.
"""

from __future__ import annotations

import attrs

from adminduk._fields import nik_field, require_text
from adminduk._privacy import redacted_repr
from adminduk.errors import InvalidComponent
from adminduk.register.events import Event

__all__ = ["DuplicateMerged"]


@redacted_repr
@attrs.frozen(kw_only=True)
class DuplicateMerged(Event):
    """Two records found to be one person (NIK ganda): ``retired`` is merged into ``kept``.

    A NIK is unique and for life (Pasal 13 UU 24/2013): the person keeps ``kept``; ``retired``
    stays in the register as a :attr:`~adminduk.codes.LifeStatus.DUPLICATE` record, off every
    family card, never given out again. When ``kept`` had moved out and ``retired`` is the
    record entered anew on arrival, ``kept`` takes its place on the family card; a marriage
    recorded on ``retired`` passes to ``kept``. ``decided_by`` names the officer who judged the
    two one person and ``reason`` says why (the fields that agreed, the papers seen).

    Refused when the merged person would break a rule of the register: two living spouses, or
    heading two families.
    """

    kept: str = nik_field()
    retired: str = nik_field()
    decided_by: str
    reason: str

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        require_text(self.decided_by, "decided_by")
        require_text(self.reason, "reason")
        if self.kept == self.retired:
            raise InvalidComponent("a record cannot be merged into itself")
