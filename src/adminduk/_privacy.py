"""Masking of personal numbers for messages, ``repr()`` and logs.

NIK and KK numbers are personal data (UU 27/2022 on personal data protection). Everything the
library prints keeps at most the six-digit region part of such a number: :func:`mask` masks a
number where the library knows it holds one, and :func:`redact` is the safety net applied to
every error message and record ``repr()``, so no run of 16 digits survives whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar, cast

REGION_DIGITS = 6
#: The longest message or ``repr()`` the library produces; longer text is cut.
MAX_TEXT = 600

_DIGIT_RUN = re.compile(r"\d{16,}")
_T = TypeVar("_T", bound=type)


def mask(number: object) -> str:
    """Return ``number`` with everything after its region part replaced by ``*``.

    Anything that is not a string, or is too short to have a region part, is masked whole.

    >>> mask("1808014101050001")
    '180801**********'
    >>> mask("12345")
    '*****'
    >>> mask(None)
    '<NoneType>'
    """
    if not isinstance(number, str):
        return "<" + type(number).__name__ + ">"
    if len(number) <= REGION_DIGITS:
        return "*" * len(number)
    if len(number) > MAX_TEXT:
        number = number[:MAX_TEXT]
    return number[:REGION_DIGITS] + "*" * (len(number) - REGION_DIGITS)


def redact(text: str, *, limit: int = MAX_TEXT) -> str:
    """Mask every run of 16 or more digits in ``text`` and cut it to ``limit`` characters.

    >>> redact("NIK 1808014101050001 is not a Status")
    'NIK 180801********** is not a Status'
    >>> len(redact("x" * 10_000))
    600
    """
    if len(text) > limit:
        cut = len(text) - limit
        note = f"... ({cut:,} more characters)"
        text = text[: max(limit - len(note), 0)] + note
        text = text[:limit]
    # Masked runs keep their length, so a run cut short at the end is still masked.
    return _DIGIT_RUN.sub(lambda found: mask(found.group(0)), text)


def redacted_repr(cls: _T) -> _T:
    """Class decorator: the class's ``repr()`` goes through :func:`redact`.

    Applied to the records (residents, families, forms, actions, events), so a NIK typed into a
    name or a destination field is masked in ``repr()`` like one in a NIK field.
    """
    original = cast(Callable[[object], str], cls.__repr__)

    def __repr__(self: object) -> str:  # noqa: N807 - it is the dunder
        return redact(original(self), limit=4 * MAX_TEXT)

    __repr__.__doc__ = original.__doc__
    cls.__repr__ = __repr__  # type: ignore[assignment]
    return cls
