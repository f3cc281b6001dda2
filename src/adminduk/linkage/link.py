"""Link a table of records with Splink on DuckDB: train, score pairs, cluster, queue for review.

>>> from adminduk.linkage import link, synthetic_people
>>> result = link(synthetic_people(3000, duplicate_rate=0.02, seed=3), retain=("person",))
>>> queue = result.review_queue(min_weight=4.0)
>>> sum(item.values["person"][0] == item.values["person"][1] for item in queue) >= 55
True
>>> print(queue[0].explain().splitlines()[0])  # doctest: +ELLIPSIS
name: ...

Training (:func:`train`), as Splink's guide sets it out, without labels: the chance that two
random records match from a strict deterministic rule (same name, birth date and mother) with
an assumed recall; u probabilities from random pairs; m probabilities by expectation
maximisation, twice, each time blocking on fields the other session estimates (records sharing
birth date and birth place, to learn the names; records sharing name and mother, to learn the
dates). A blocking rule must name the columns its comparisons read, or EM learns nothing
(a comparison fixed by the block looks like perfect evidence).
"""

from __future__ import annotations

import logging
import math
from typing import Any, Final

import attrs
import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, block_on

from adminduk._fields import masked_repr, require_count, require_number
from adminduk._privacy import redacted_repr
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.linkage.model import LEVELS, TrainedModel, prepare, settings, trained_model

__all__ = ["REVIEW_MATCH_WEIGHT", "Linkage", "ReviewItem", "link", "train"]

#: The match weight at or above which a pair goes to an officer: on the benchmark's million
#: records with 2 % planted duplicates, precision 0.999 at recall 0.98 (benchmarks/RESULTS.md).
REVIEW_MATCH_WEIGHT: Final = 4.0
#: Pairs scored below this match weight are dropped at once (far below any review threshold).
KEEP_WEIGHT: Final = -5.0
#: The record's own data each pair carries, for the officer who judges it.
SHOWN: Final = ("nik", "name", "sex", "birth_date", "birth_place", "mother_name")
#: The fewest records a model is trained on (fewer give Splink nothing to estimate from).
MIN_TRAINING_ROWS: Final = 1_000
#: The share of records assumed to have a second record when the table shows none to count
#: (the chance two random records match is then this share over the pairs per record).
PRIOR_FLOOR: Final = 0.001
#: The recall assumed for the deterministic rule that estimates how often two records match.
DETERMINISTIC_RECALL: Final = 0.6


def train(linker: Linker, *, seed: int = 0, estimate_prior: bool = True) -> None:
    """Estimate the model's parameters from the data itself (see the module's notes).

    ``estimate_prior=False`` keeps the prior the settings give (a table where no two records
    share name, birth date and mother's name gives the deterministic rule nothing to count).
    """
    if estimate_prior:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("name_std", "birth_text", "mother_std")], recall=DETERMINISTIC_RECALL
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_text", "place_std")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("name_std", "mother_std")
    )


def _label(comparison: str, gamma: int) -> str:
    """The level a comparison vector value stands for (Splink counts down to 0, null is -1)."""
    _, levels = LEVELS[comparison]
    if gamma == -1:
        return "unknown"
    labels = [label for label, _, _ in levels] + ["different"]
    return labels[len(labels) - 1 - gamma]


@redacted_repr
@attrs.frozen
class ReviewItem:
    """A pair for an officer: both records, the match weight, each field's level and weight.

    ``values`` holds the retained columns of both records (``{"nik": (left, right), ...}``).
    """

    left: int
    right: int
    weight: float
    probability: float
    cluster: int | None
    fields: tuple[tuple[str, str, float], ...]
    values: dict[str, tuple[Any, Any]] = attrs.field(repr=masked_repr)

    def explain(self) -> str:
        """One line per field (its level and weight, log2 of the Bayes factor), then the total."""
        lines = [
            f"{field.replace('_', ' ')}: {level} ({weight:+.1f})"
            for field, level, weight in self.fields
        ]
        return "\n".join(
            [*lines, f"match weight: {self.weight:+.1f} (probability {self.probability:.4f})"]
        )


@attrs.define
class Linkage:
    """A trained model and its scored pairs, in a DuckDB connection (close it when done)."""

    connection: duckdb.DuckDBPyConnection
    linker: Linker = attrs.field(repr=False)
    pairs: Any = attrs.field(repr=False)  # a SplinkDataFrame of every pair scored
    input_table: str
    #: The columns each pair carries of both records (the record's data, and what was asked).
    retained: tuple[str, ...]
    #: The clustering at each weight asked for so far (its table's name): the pairs do not
    #: change, so a queue paged through clusters them once.
    _clustered: dict[float, str] = attrs.field(factory=dict, init=False, repr=False)

    def scored(self, min_weight: float = KEEP_WEIGHT, *, limit: int | None = None) -> pa.Table:
        """The scored pairs at or above ``min_weight``, heaviest first, as an Arrow table.

        ``limit`` keeps the first so many (``None``: all).
        """
        query = (
            f"select * from {self.pairs.physical_name} where match_weight >= ? "
            "order by match_weight desc, record_id_l, record_id_r"
        )
        parameters: list[Any] = [require_number(min_weight, "min_weight")]
        if limit is not None:
            query += " limit ?"
            parameters.append(require_count(limit, "limit"))
        found: pa.Table = self.connection.sql(query, params=parameters).to_arrow_table()
        return found

    def clusters(self, min_weight: float, *, records: list[Any] | None = None) -> pa.Table:
        """Every record's cluster (``record_id``, ``cluster_id``): pairs at ``min_weight`` join.

        ``records`` keeps those records' rows only (the clustering is over every pair all the
        same: a cluster is what pairs join, transitively).
        """
        weight = require_number(min_weight, "min_weight")
        query = f"select record_id, cluster_id from {self._clustering(weight)}"
        parameters: list[Any] = []
        if records is not None:
            if not isinstance(records, list | tuple):
                raise InvalidFormat(f"records must be a list, not {type(records).__name__}")
            query += " where list_contains(?, record_id)"
            parameters.append(list(records))
        table: pa.Table = self.connection.sql(
            query + " order by record_id", params=parameters
        ).to_arrow_table()
        return table

    def _clustering(self, min_weight: float) -> str:
        name = self._clustered.get(min_weight)
        if name is None:
            found = self.linker.clustering.cluster_pairwise_predictions_at_threshold(
                self.pairs, threshold_match_weight=min_weight
            )
            name = self._clustered[min_weight] = found.physical_name
        return name

    def model(self) -> TrainedModel:
        """What training learned (numbers only), to link another table without training."""
        return trained_model(self.linker.misc.save_model_to_json())

    def review_queue(
        self, min_weight: float = REVIEW_MATCH_WEIGHT, *, limit: int | None = None
    ) -> tuple[ReviewItem, ...]:
        """The pairs an officer should judge: at or above ``min_weight``, heaviest first.

        ``limit`` keeps the first so many (a page of the queue: only those are read from the
        database). Each item carries its left record's cluster; the clustering at a weight is
        computed once per :class:`Linkage` and kept.
        """
        rows = self.scored(min_weight, limit=limit).to_pylist()
        clusters: dict[int, int] = {}
        if rows:
            wanted = list(dict.fromkeys(row["record_id_l"] for row in rows))
            clusters = {
                r["record_id"]: r["cluster_id"]
                for r in self.clusters(min_weight, records=wanted).to_pylist()
            }
        items = []
        for row in rows:
            fields = tuple(
                (name, _label(name, row[f"gamma_{name}"]), _weight(row.get(f"bf_{name}")))
                for name in LEVELS
            )
            items.append(
                ReviewItem(
                    left=row["record_id_l"],
                    right=row["record_id_r"],
                    weight=row["match_weight"],
                    probability=row["match_probability"],
                    cluster=clusters.get(row["record_id_l"]),
                    fields=fields,
                    values={name: (row[f"{name}_l"], row[f"{name}_r"]) for name in self.retained},
                )
            )
        return tuple(items)


def _weight(bayes_factor: float | None) -> float:
    return 0.0 if not bayes_factor else math.log2(bayes_factor)


def link(
    table: pa.Table,
    *,
    retain: tuple[str, ...] = (),
    connection: duckdb.DuckDBPyConnection | None = None,
    model: TrainedModel | None = None,
    seed: int = 0,
) -> Linkage:
    """Train the model on ``table`` and score every pair the blocking rules generate.

    ``table`` has at least :data:`adminduk.linkage.model.COMPARED`; ``retain`` names columns
    to carry into the pairs (a benchmark's ``person``). ``model`` is a model trained before
    (:meth:`Linkage.model`): used as it is, without training.
    """
    if not isinstance(table, pa.Table):
        raise InvalidComponent(f"link() takes a pyarrow Table, not {type(table).__name__}")
    prepared = prepare(table)
    connection = connection or duckdb.connect()
    database = DuckDBAPI(connection)
    frame = database.register(prepared)
    kept = tuple(dict.fromkeys((*SHOWN, *retain)))
    quiet = logging.getLogger("splink")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # Splink warns of levels a small table never shows
    try:
        if model is None:
            if table.num_rows < MIN_TRAINING_ROWS:
                raise InvalidComponent(
                    f"{table.num_rows} records are too few to train a model on (at least "
                    f"{MIN_TRAINING_ROWS:,}): link with a model trained elsewhere (model=)"
                )
            linker = Linker(frame, settings(retain=kept), log_level=None, validate_settings=False)
            try:
                train(linker, seed=seed)
            except ValueError:
                # No two records share name, birth date and mother's name (Splink takes the
                # log of a zero count): assume few duplicates, PRIOR_FLOOR of the records.
                floor = PRIOR_FLOOR * 2 / max(1, table.num_rows - 1)
                made = settings(retain=kept, prior=floor)
                linker = Linker(frame, made, log_level=None, validate_settings=False)
                train(linker, seed=seed, estimate_prior=False)
        else:
            if not isinstance(model, TrainedModel):
                raise InvalidComponent(
                    "model is a TrainedModel (TrainedModel.from_dict reads one)"
                )
            made = settings(retain=kept, trained=model)
            linker = Linker(frame, made, log_level=None, validate_settings=False)
        pairs = linker.inference.predict(threshold_match_weight=KEEP_WEIGHT, warning_mode="never")
    finally:
        quiet.setLevel(level)
    return Linkage(connection, linker, pairs, frame.physical_name, kept)
