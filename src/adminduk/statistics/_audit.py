"""Auditing a published table: rows and columns that do not add up, percentages off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import attrs

from adminduk.errors import InvalidFormat
from adminduk.statistics._common import (
    _CENT,
    percentage,
)


@attrs.frozen
class Discrepancy:
    """One inconsistency in a published table: where, what was printed, what the rest implies."""

    kind: Literal["row-sum", "column-sum", "percentage"]
    row: str
    column: str
    printed: Decimal
    expected: Decimal

    def __str__(self) -> str:
        return (
            f"{self.kind}: {self.row}, {self.column}: printed {self.printed}, "
            f"expected {self.expected}"
        )


_COUNTS = ("male", "female", "total")


def _count(record: Mapping[str, Any], key: str, where: str) -> int:
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFormat(f"{where}: {key} must be a whole number, not {value!r}")
    return value


def audit_table(
    records: Iterable[Mapping[str, Any]],
    *,
    total: Mapping[str, Any] | None = None,
) -> list[Discrepancy]:
    """Check a published population table for consistency and list every discrepancy.

    ``records`` are the rows (``name``, ``male``, ``female``, ``total``, optionally
    ``male_pct``, ``female_pct``, ``total_pct``); ``total`` is the printed total row (if it is
    not given, a record named "Jumlah"/"Total" is taken as it). Checks: male + female = total in
    every row; each column sums to the total row; each percentage agrees with its count over the
    grand total (to the two printed decimals).

    >>> rows = [{"name": "A", "male": 5, "female": 5, "total": 10},
    ...         {"name": "B", "male": 3, "female": 4, "total": 7, "total_pct": 41.18}]
    >>> for found in audit_table(rows, total={"name": "Jumlah", "male": 8, "female": 9,
    ...                                       "total": 18}):
    ...     print(found)
    row-sum: Jumlah, total: printed 18, expected 17
    column-sum: Jumlah, total: printed 18, expected 17
    percentage: B, total_pct: printed 41.18, expected 38.89
    """
    rows = [dict(record) for record in records]
    if total is None:
        named = [r for r in rows if str(r.get("name", "")).strip().lower() in ("jumlah", "total")]
        if len(named) != 1:
            raise InvalidFormat("give the printed total row (total=) or one row named Jumlah")
        total = named[0]
        rows = [r for r in rows if r is not total]
    found: list[Discrepancy] = []
    for record in [*rows, dict(total)]:
        where = str(record.get("name", "?"))
        male, female, whole = (_count(record, key, where) for key in _COUNTS)
        if male + female != whole:
            found.append(
                Discrepancy("row-sum", where, "total", Decimal(whole), Decimal(male + female))
            )
    for key in _COUNTS:
        summed = sum(_count(r, key, str(r.get("name", "?"))) for r in rows)
        printed = _count(total, key, "total row")
        if summed != printed:
            found.append(
                Discrepancy(
                    "column-sum",
                    str(total.get("name", "total")),
                    key,
                    Decimal(printed),
                    Decimal(summed),
                )
            )
    grand = _count(total, "total", "total row")
    for record in [*rows, dict(total)]:
        for key in _COUNTS:
            printed_pct = record.get(f"{key}_pct")
            if printed_pct is None:
                continue
            shown = Decimal(str(printed_pct)).quantize(_CENT, rounding=ROUND_HALF_UP)
            expected = percentage(_count(record, key, str(record.get("name"))), grand)
            if shown != expected:
                found.append(
                    Discrepancy(
                        "percentage", str(record.get("name", "?")), f"{key}_pct", shown, expected
                    )
                )
    return found
