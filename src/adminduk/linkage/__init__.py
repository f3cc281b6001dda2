"""Finding the same person twice across a register or a national dataset, with Splink on DuckDB.

The ``linkage`` extra (``pip install 'adminduk[linkage]'``: Splink, DuckDB, PyArrow). At filing,
:mod:`adminduk.matching` compares one new record with the register in plain Python; here a whole
table is linked at once:

- :func:`~adminduk.linkage.people.synthetic_people`: synthetic people with planted duplicates
  and the truth, for tests and the benchmark;
- :func:`~adminduk.linkage.model.prepare` and :func:`~adminduk.linkage.model.settings`: the
  comparisons, fitted to Indonesian names, and the blocking rules;
- :func:`~adminduk.linkage.link.link`: train without labels, score pairs, cluster, and a
  :meth:`review queue <adminduk.linkage.link.Linkage.review_queue>` with explanations;
- :mod:`~adminduk.linkage.evaluate`: precision and recall against a truth, over every
  threshold, beside exact matching on name and birth date;
- :func:`~adminduk.linkage.register.register_table`: a register's residents as a table to link,
  and :func:`~adminduk.linkage.register.merge` to apply an officer's decision.
"""

from adminduk.errors import require_extra

require_extra("adminduk.linkage", "linkage", "duckdb", "pyarrow", "splink")

from adminduk.linkage.evaluate import Score, curve, exact_baseline, true_pairs
from adminduk.linkage.link import REVIEW_MATCH_WEIGHT, Linkage, ReviewItem, link, train
from adminduk.linkage.model import (
    BLOCKING_RULES,
    COMPARED,
    LEVELS,
    TrainedModel,
    prepare,
    settings,
)
from adminduk.linkage.people import PEOPLE_SCHEMA, synthetic_people
from adminduk.linkage.register import merge, register_table

__all__ = [
    "BLOCKING_RULES",
    "COMPARED",
    "LEVELS",
    "PEOPLE_SCHEMA",
    "REVIEW_MATCH_WEIGHT",
    "Linkage",
    "ReviewItem",
    "Score",
    "TrainedModel",
    "curve",
    "exact_baseline",
    "link",
    "merge",
    "prepare",
    "register_table",
    "settings",
    "synthetic_people",
    "train",
    "true_pairs",
]
