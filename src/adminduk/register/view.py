"""What a reader of the register needs: the lookups that never raise, as a protocol.

:class:`~adminduk.register.Registry` is one; so is the register as it will be once the changes
of :meth:`Registry.apply_all <adminduk.register.Registry.apply_all>` are committed (what the
``then`` callback reads, to build what follows from those changes in the same transaction).

>>> from adminduk.samples import SIAP_KELUARGA, sample_registry
>>> def head_name(view: RegisterView, family: str) -> str:
...     found = view.find_family(family)
...     person = None if found is None else view.find_resident(found.head)
...     return "" if person is None else person.name
>>> head_name(sample_registry(), SIAP_KELUARGA.family)
'Budi Santoso'
"""

from __future__ import annotations

import datetime
from typing import Protocol

from adminduk.register.events import DocumentWithdrawn
from adminduk.register.family import Family
from adminduk.register.issued import IssuedDocument
from adminduk.register.resident import Resident

__all__ = ["RegisterView"]


class RegisterView(Protocol):
    """Read-only lookups by NIK and KK number; each answers ``None`` for what is not there."""

    def find_resident(self, number: str | None) -> Resident | None:
        """The resident with NIK ``number``, alive or not."""
        ...  # pragma: no cover - a protocol

    def find_family(self, number: str | None) -> Family | None:
        """The family with KK number ``number``."""
        ...  # pragma: no cover - a protocol

    def family_number_of(self, number: str | None) -> str | None:
        """The KK number of the resident's current family."""
        ...  # pragma: no cover - a protocol

    def find_spouse(self, number: str | None) -> str | None:
        """The NIK of the resident's spouse."""
        ...  # pragma: no cover - a protocol

    def issued_count(self, document: str, on: datetime.date) -> int:
        """How many documents of code ``document`` the register holds as issued on ``on``."""
        ...  # pragma: no cover - a protocol

    def documents_of(self, number: str | None) -> tuple[IssuedDocument, ...]:
        """Every document issued to the resident with NIK ``number``, oldest first."""
        ...  # pragma: no cover - a protocol

    def withdrawal(self, document: str, number: str) -> DocumentWithdrawn | None:
        """The annulment of document ``document`` numbered ``number``, if it was annulled."""
        ...  # pragma: no cover - a protocol

    def changed_families(self) -> tuple[str, ...]:
        """The KK numbers whose printed card the pending changes alter (none at rest).

        Perpres 96/2018 and Permendagri 108/2019: every change of a family's members or of
        their data printed on the card reissues its KK; a family that no longer exists is left
        out.
        """
        ...  # pragma: no cover - a protocol
