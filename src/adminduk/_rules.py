"""The rules of the population register, as data: each with an id, what it says and its basis.

Error messages (``InvariantViolation.rule``) and the documentation name rules by id. The legal
texts could not be read for this project; where no article is given, the regulation as a whole
is the basis.
"""

from __future__ import annotations

import attrs

__all__ = ["RULES", "Rule"]


@attrs.frozen
class Rule:
    """One rule of the register."""

    id: str
    text: str
    basis: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # Pasal 13 UU 24/2013: every resident has one NIK, for life.
        Rule("nik-unique", "a NIK belongs to one resident only", "Pasal 13 UU 24/2013"),
        # Pasal 1 and Pasal 58 UU 24/2013 (KK, DKB); Perpres 96/2018.
        Rule(
            "one-family",
            "every living resident belongs to exactly one family (one KK)",
            "UU 24/2013; Perpres 96/2018",
        ),
        Rule("one-head", "a family has exactly one head (SHDK 1)", "KK form F-1.01"),
        Rule(
            "spouses-married",
            "a husband or wife on a KK is married to its head, and of the other sex",
            "KK form F-1.01; UU 1/1974 as amended by UU 16/2019",
        ),
        Rule(
            "child-younger",
            "a child (anak) is younger than the head and the head's spouse",
            "KK form F-1.01",
        ),
        Rule(
            "gone-no-family",
            "a dead or moved-out resident is in no current family",
            "Pasal 44 UU 24/2013; Pasal 25 Perpres 96/2018",
        ),
        Rule(
            "head-eligible",
            "the head of a family is 17 or older, or married or ever married",
            "Perpres 96/2018 (pisah KK); Pasal 63 UU 24/2013",
        ),
        Rule(
            "in-area",
            "a family's address lies in the register's area",
            "Pasal 29 Permendagri 108/2019",
        ),
    )
}
