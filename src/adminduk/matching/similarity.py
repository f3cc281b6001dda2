"""String similarity for names: Jaro-Winkler, as the record-linkage literature uses it.

Winkler (1990), "String Comparator Metrics and Enhanced Decision Rules in the Fellegi-Sunter
Model of Record Linkage": the Jaro similarity, raised for a common prefix of up to four letters
by 0.1 per letter. Splink's ``jaro_winkler_similarity`` (DuckDB) computes the same value.

>>> round(jaro_winkler("martha", "marhta"), 4)
0.9611
>>> jaro_winkler("siti", "siti")
1.0
>>> jaro_winkler("", "ani")
0.0
>>> one_edit_apart("joko", "jkoo"), one_edit_apart("joko", "jko"), one_edit_apart("ani", "ina")
(True, True, False)
"""

from __future__ import annotations

__all__ = ["jaro", "jaro_winkler", "one_edit_apart"]


def jaro(first: str, second: str) -> float:
    """The Jaro similarity of two strings, from 0.0 (nothing shared) to 1.0 (equal)."""
    if first == second:
        return 1.0 if first else 0.0
    if not first or not second:
        return 0.0
    window = max(max(len(first), len(second)) // 2 - 1, 0)
    taken = [False] * len(second)
    matched_first: list[str] = []
    for index, char in enumerate(first):
        for other in range(max(0, index - window), min(len(second), index + window + 1)):
            if not taken[other] and second[other] == char:
                taken[other] = True
                matched_first.append(char)
                break
    matches = len(matched_first)
    if matches == 0:
        return 0.0
    matched_second = [char for char, used in zip(second, taken, strict=True) if used]
    transpositions = sum(a != b for a, b in zip(matched_first, matched_second, strict=True)) // 2
    return (
        matches / len(first) + matches / len(second) + (matches - transpositions) / matches
    ) / 3


def jaro_winkler(first: str, second: str, *, scaling: float = 0.1) -> float:
    """The Jaro-Winkler similarity: Jaro's, raised for a shared prefix of up to four letters."""
    similarity = jaro(first, second)
    prefix = 0
    for a, b in zip(first[:4], second[:4], strict=False):
        if a != b:
            break
        prefix += 1
    return similarity + prefix * scaling * (1 - similarity)


def one_edit_apart(first: str, second: str) -> bool:
    """Whether one typing error turns one string into the other.

    One letter replaced, added, dropped, or two neighbours exchanged (Damerau's four errors,
    1964, which he found behind most misspellings). Equal strings are not one edit apart.
    """
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = 0
    while start < len(first) and first[start] == second[start]:
        start += 1
    if len(first) < len(second):
        return first[start:] == second[start + 1 :]
    if first[start + 1 :] == second[start + 1 :]:
        return True
    return (
        start + 1 < len(first)
        and first[start] == second[start + 1]
        and first[start + 1] == second[start]
        and first[start + 2 :] == second[start + 2 :]
    )
