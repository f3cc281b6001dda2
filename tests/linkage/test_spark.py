"""The same linkage settings on Spark: a model trained on DuckDB scores identically there.

Splink runs the settings on any backend it supports; the plain SQL levels are translated by
sqlglot and the similarity levels are Splink's own (Spark's come from the jar Splink ships).
Needs pyspark (the dev extra) and a Java runtime; a local two-core session, no network.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from tests.extras import require

require("splink", "duckdb", "pyarrow", "pyspark", extra="dev")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        pytest.fail("no Java runtime for Spark; under CI=true this is a failure, not a skip")
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from splink import Linker, SparkAPI  # noqa: E402
from splink.backends.spark import similarity_jar_location  # noqa: E402

from adminduk.linkage import (  # noqa: E402
    REVIEW_MATCH_WEIGHT,
    link,
    prepare,
    settings,
    synthetic_people,
)
from adminduk.linkage.link import SHOWN  # noqa: E402

#: PySpark warns that it has not caught up with pandas 3 (the pairs are read without pandas).
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


def test_a_duckdb_model_scores_the_same_pairs_on_spark(tmp_path: Path) -> None:
    """Every pair at the review weight, with the same weight, on DuckDB and on Spark."""
    table = synthetic_people(2_000, seed=5)
    duck = link(table, retain=("person",))
    expected = {
        (row["record_id_l"], row["record_id_r"]): row["match_weight"]
        for row in duck.scored(REVIEW_MATCH_WEIGHT).to_pylist()
    }
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.local.dir", str(tmp_path))
        .getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.setCheckpointDir(str(tmp_path / "checkpoints"))
        frame = SparkAPI(spark_session=spark).register(  # type: ignore[no-untyped-call]
            spark.createDataFrame(prepare(table).to_pylist())
        )
        model = settings(retain=(*SHOWN, "person"), trained=duck.model())
        linker = Linker(frame, model, log_level=logging.ERROR, validate_settings=False)
        scored = linker.inference.predict(threshold_match_weight=REVIEW_MATCH_WEIGHT)
        rows = scored.as_spark_dataframe().select("record_id_l", "record_id_r", "match_weight")
        found = {(row[0], row[1]): row[2] for row in rows.collect()}
    finally:
        spark.stop()
    assert found.keys() == expected.keys()
    assert all(found[pair] == pytest.approx(expected[pair]) for pair in expected)
