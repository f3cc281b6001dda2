"""Masking of personal numbers for messages, ``repr()`` and logs.

NIK and KK numbers are personal data (UU 27/2022 on personal data protection). Everything the
library prints keeps at most the six-digit region part of such a number.
"""

from __future__ import annotations

REGION_DIGITS = 6


def mask(number: object) -> str:
    """Return ``number`` with everything after its region part replaced by ``*``.

    Anything that is not a string, or is too short to have a region part, is masked whole.

    >>> mask("1808014101050001")
    '180801**********'
    >>> mask("12345")
    '*****'
    """
    if not isinstance(number, str):
        return "<" + type(number).__name__ + ">"
    if len(number) <= REGION_DIGITS:
        return "*" * len(number)
    return number[:REGION_DIGITS] + "*" * (len(number) - REGION_DIGITS)
