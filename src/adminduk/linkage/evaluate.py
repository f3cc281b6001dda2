"""How well a linkage finds planted duplicates: precision, recall and F1 over every threshold.

Counted over pairs of records: a pair is *correct* when both records belong to one person (the
truth column), and the truth holds every pair of records of one person. The baseline is what a
register checks without a model: records with exactly the same name and birth date.

>>> from adminduk.linkage import link, synthetic_people
>>> result = link(synthetic_people(2000, seed=5), retain=("person",))
>>> best = max(curve(result), key=lambda score: score.f1)
>>> best.f1 > exact_baseline(result).f1
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from adminduk.errors import InvalidComponent
from adminduk.linkage.link import Linkage

__all__ = ["Score", "curve", "exact_baseline", "true_pairs"]

#: The match weights :func:`curve` reports at, from every pair kept to only the surest.
THRESHOLDS = tuple(float(weight) for weight in range(-4, 21))


@attrs.frozen
class Score:
    """Pairs found at a threshold: how many, how many right, and the truth's count."""

    threshold: float | None
    predicted: int
    correct: int
    truth: int

    @property
    def precision(self) -> float:
        """The share of pairs found that are one person (1.0 when none are found)."""
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """The share of the truth's pairs that were found."""
        return self.correct / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _truth_column(linkage: Linkage, truth: str) -> str:
    columns = [
        row[0] for row in linkage.connection.sql(f"describe {linkage.input_table}").fetchall()
    ]
    if truth not in columns or not truth.isidentifier():
        raise InvalidComponent(f"the linked table has no truth column {truth!r}")
    return truth


def true_pairs(linkage: Linkage, truth: str = "person") -> int:
    """How many pairs of records belong to one person, by the truth column."""
    column = _truth_column(linkage, truth)
    query = (
        f"select coalesce(sum(n * (n - 1) // 2), 0) from "
        f"(select count(*) as n from {linkage.input_table} group by {column})"
    )
    ((count,),) = linkage.connection.sql(query).fetchall()
    return int(count)


def curve(
    linkage: Linkage, truth: str = "person", thresholds: Iterable[float] = THRESHOLDS
) -> tuple[Score, ...]:
    """Precision and recall at each match weight (the pairs must retain the truth column)."""
    column = _truth_column(linkage, truth)
    total = true_pairs(linkage, column)
    scores = []
    for threshold in thresholds:
        query = (
            f"select count(*), coalesce(sum(case when {column}_l = {column}_r then 1 else 0 end), 0) "
            f"from {linkage.pairs.physical_name} where match_weight >= ?"
        )
        ((predicted, correct),) = linkage.connection.execute(query, [float(threshold)]).fetchall()
        scores.append(Score(float(threshold), int(predicted), int(correct), total))
    return tuple(scores)


def exact_baseline(linkage: Linkage, truth: str = "person") -> Score:
    """Pairs with exactly the same name and birth date, scored against the truth."""
    column = _truth_column(linkage, truth)
    query = (
        f"select count(*), coalesce(sum(case when a.{column} = b.{column} then 1 else 0 end), 0) "
        f"from {linkage.input_table} a join {linkage.input_table} b on a.name = b.name "
        "and a.birth_date = b.birth_date and a.record_id < b.record_id"
    )
    ((predicted, correct),) = linkage.connection.sql(query).fetchall()
    return Score(None, int(predicted), int(correct), true_pairs(linkage, column))
