"""What a form says beyond who and which document: the typed part some services need.

A correction names what is wrong and what is right (:class:`CorrectionRequest`): the fields of
the resident's data with their corrected values (as on form F-1.02, a change of population
data), or the certificate to annul, and why. The values are written as text in one format
(:func:`adminduk.register.events.as_text`: a code's number, a date in ISO), the same the
register's history keeps, and are checked when the request is made.

>>> request = CorrectionRequest(changes={"name": "Budi Santosa", "birth_date": "1987-08-18"},
...                             reason="salah ketik pada KK")
>>> request.corrected()["birth_date"]
datetime.date(1987, 8, 18)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from adminduk._fields import require_text
from adminduk._privacy import redacted_repr
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register.events import from_text

__all__ = ["CERTIFICATES", "CorrectionRequest"]

#: The civil registration certificates a correction may name (and an annulment withdraw).
CERTIFICATES = frozenset({"AKTA-LAHIR", "AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI"})


def _changes(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    given: object = value
    if isinstance(given, str | bytes) or not isinstance(given, Mapping | Iterable):
        raise InvalidFormat("a correction's changes are (field, corrected value) pairs")
    pairs = tuple(given.items() if isinstance(given, Mapping) else given)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidFormat("a correction's changes are (field, corrected value) pairs")
        from_text(*pair)  # an unknown field or a value of the wrong form is refused here
    if len({name for name, _ in pairs}) != len(pairs):
        raise InvalidComponent("a correction names a field twice")
    return pairs


@redacted_repr
@attrs.frozen(kw_only=True)
class CorrectionRequest:
    """What a correction asks for: the corrected fields, or the certificate to annul.

    ``changes`` maps fields of the resident's data (:data:`~adminduk.register.events.
    CORRECTABLE`) to their corrected value as text; ``document`` and ``number`` name a
    certificate (the one corrected, whose reprint carries a margin note, or the one annulled);
    ``reason`` says what was wrong, or names the decision the change rests on.
    """

    changes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_changes)
    document: str | None = None
    number: str | None = None
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        require_text(self.reason, "reason", empty=True)
        if self.document is not None and self.document not in CERTIFICATES:
            raise InvalidComponent(
                f"a correction names a certificate ({', '.join(sorted(CERTIFICATES))}), not "
                f"{str(self.document)[:30]!r}"
            )
        if self.number is not None:
            require_text(self.number, "number")
        if (self.document is None) is not (self.number is None):
            raise InvalidComponent("a certificate is named by its document code and number")

    def corrected(self) -> dict[str, Any]:
        """The corrected fields, as values (a date, a code), by name."""
        return {name: from_text(name, text) for name, text in self.changes}
