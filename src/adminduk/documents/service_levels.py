"""Service levels: the days an office promises to finish each service in (office policy).

The defaults come from what offices publish and are **unconfirmed**: Way Kanan and others quote
KK 1 day, KTP-el 24 hours, marriage certificate 1x24 hours and divorce certificate 2 working days;
the rest default to 14 days. Every office should set its own table.

>>> levels = ServiceLevels.default()
>>> levels.days("KK", "new"), levels.days("AKTA-LAHIR", "standard")
(1, 14)
>>> levels.with_days("AKTA-LAHIR", 3).days("AKTA-LAHIR", "standard")
3
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from adminduk.errors import InvalidComponent

__all__ = ["DEFAULT_DAYS", "ServiceLevels"]

#: Default days per document code (office policy, unconfirmed; see the module docstring).
DEFAULT_DAYS: Mapping[str, int] = {
    "KK": 1,
    "KTP-el": 1,
    "KIA": 14,
    "SKPWNI": 14,
    "AKTA-LAHIR": 14,
    "AKTA-MATI": 14,
    "AKTA-KAWIN": 1,
    "AKTA-CERAI": 2,
}


@attrs.frozen
class ServiceLevels:
    """Days to finish each service: by document code, optionally refined by variant."""

    by_document: Mapping[str, int] = attrs.field(factory=dict)
    by_variant: Mapping[tuple[str, str], int] = attrs.field(factory=dict)

    @classmethod
    def default(cls) -> ServiceLevels:
        """The defaults of :data:`DEFAULT_DAYS`."""
        return cls(by_document=dict(DEFAULT_DAYS))

    def days(self, document: str, variant: str) -> int:
        """Days promised for ``document`` in ``variant``."""
        found = self.by_variant.get((document, variant), self.by_document.get(document))
        if found is None:
            raise InvalidComponent(f"no service level for {document} ({variant})")
        return found

    def with_days(self, document: str, days: int, *, variant: str | None = None) -> ServiceLevels:
        """Return a copy promising ``days`` for ``document`` (or one of its variants)."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidComponent(f"days must be a whole number of days, not {days!r}")
        if variant is None:
            return attrs.evolve(self, by_document={**self.by_document, document: days})
        return attrs.evolve(self, by_variant={**self.by_variant, (document, variant): days})
