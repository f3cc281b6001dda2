"""Linkage across a table with Splink: planted duplicates are found, clean tables give nothing.

The model is trained once per worker on a table with planted duplicates (as an office would
train on its own register) and then applied, as it is, to the tables the properties draw.
"""

from __future__ import annotations

import datetime
import json
import random
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.extras import require

require("splink", "duckdb", "pyarrow", extra="linkage")

from adminduk.codes import Sex  # noqa: E402
from adminduk.errors import InvalidComponent, InvalidFormat  # noqa: E402
from adminduk.linkage import (  # noqa: E402
    REVIEW_MATCH_WEIGHT,
    curve,
    exact_baseline,
    link,
    synthetic_people,
    true_pairs,
)
from adminduk.linkage.model import TrainedModel  # noqa: E402
from adminduk.linkage.people import PEOPLE_SCHEMA  # noqa: E402
from adminduk.matching import Person  # noqa: E402
from adminduk.simulation.duplicates import CORRUPTIONS, corrupt  # noqa: E402


@pytest.fixture(scope="module")
def trained() -> TrainedModel:
    """A model trained on 20,000 people with 2 % planted duplicates."""
    return link(synthetic_people(20_000, seed=11), retain=("person",)).model()


def shuffled(table: pa.Table, seed: int) -> pa.Table:
    """The rows in another order, each row's fields kept together, ids renumbered."""
    order = list(range(table.num_rows))
    random.Random(seed).shuffle(order)
    taken = table.take(order)
    return taken.set_column(0, "record_id", pa.array(range(taken.num_rows), pa.int64()))


SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_no_pair_reaches_review_without_duplicates(
    trained: TrainedModel, seed: int, order: int
) -> None:
    """People without a planted duplicate give no pair at the review weight, in any row order."""
    table = shuffled(synthetic_people(600, duplicate_rate=0.0, seed=seed), order)
    result = link(table, model=trained)
    assert result.review_queue() == ()


def one_duplicate(person: Person, field: str | None, seed: int) -> pa.Table:
    """600 people and one second record of ``person`` with ``field`` corrupted."""
    crowd = synthetic_people(600, duplicate_rate=0.0, seed=seed)
    second = corrupt(person, field, random.Random(seed))
    rows = crowd.to_pylist()
    for number, record, nik in (
        (600, person, "1808010101900001"),
        (601, second, "1808040101900002"),
    ):
        rows.append({"record_id": number, "person": 600, "nik": nik, "name": record.name,
                     "sex": record.sex.value, "birth_date": record.birth_date,
                     "birth_place": record.birth_place, "mother_name": record.mother_name,
                     "district": nik[:6]})  # fmt: skip
    return pa.Table.from_pylist(rows, schema=PEOPLE_SCHEMA)


@SLOW
@given(st.sampled_from([*CORRUPTIONS, None]), st.integers(0, 10**6))
def test_a_planted_duplicate_is_found_whichever_field_is_corrupted(
    trained: TrainedModel, field: str | None, seed: int
) -> None:
    """One field corrupted at a time (or none: entered anew), the pair reaches review."""
    rng = random.Random(seed)
    person = Person(name=rng.choice(["Muhammad Rizki Saputra", "Siti Aminah", "Joko Santoso"]),
                    sex=Sex.MALE, birth_date=datetime.date(1990, 1 + rng.randrange(12), 7),
                    birth_place="Baradatu", mother_name="Sri Wahyuni Lubis")  # fmt: skip
    result = link(one_duplicate(person, field, seed), retain=("person",), model=trained)
    found = [item for item in result.review_queue() if item.values["person"] == (600, 600)]
    assert found, f"the duplicate with {field} corrupted was not found"
    assert found[0].weight >= REVIEW_MATCH_WEIGHT


def test_training_finds_the_planted_duplicates_better_than_exact_matching() -> None:
    """On a fresh table the trained model beats exact name and birth date on F1, and the
    review queue explains each pair field by field."""
    result = link(synthetic_people(5_000, seed=4), retain=("person",))
    assert true_pairs(result) == 100
    scores = {score.threshold: score for score in curve(result)}
    at_review = scores[REVIEW_MATCH_WEIGHT]
    assert at_review.recall >= 0.9
    assert at_review.precision >= 0.95
    assert at_review.f1 > exact_baseline(result).f1
    item = result.review_queue(limit=1)[0]
    lines = item.explain().splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == [
        "name", "birth date", "sex", "mother name", "birth place"]  # fmt: skip
    assert "1808" not in repr(item)
    clusters = result.clusters(REVIEW_MATCH_WEIGHT)
    assert clusters.num_rows == 5_100


def test_a_page_of_the_queue_is_the_queue_s_head_with_its_clusters(trained: TrainedModel) -> None:
    """``review_queue(limit=n)`` is the first n items of the whole queue, each with the cluster
    the whole clustering gives its left record; asked again, the same; a bad limit is refused."""
    result = link(synthetic_people(2_000, seed=9), model=trained)
    whole = result.review_queue()
    assert len(whole) > 10
    clusters = {
        row["record_id"]: row["cluster_id"]
        for row in result.clusters(REVIEW_MATCH_WEIGHT).to_pylist()
    }
    assert [item.cluster for item in whole] == [clusters[item.left] for item in whole]
    assert result.review_queue(limit=7) == whole[:7] == result.review_queue(limit=7)
    assert result.review_queue(limit=0) == ()
    some = [whole[0].left, whole[3].right]
    kept = result.clusters(REVIEW_MATCH_WEIGHT, records=some).to_pylist()
    assert {row["record_id"]: row["cluster_id"] for row in kept} == {
        record: clusters[record] for record in some
    }
    for bad in (-1, "3", True, 2.0):
        with pytest.raises(InvalidFormat, match="limit must be"):
            result.review_queue(limit=bad)  # type: ignore[arg-type]
    for weight in ("4", float("nan"), None):
        with pytest.raises(InvalidFormat, match="min_weight"):
            result.review_queue(weight)  # type: ignore[arg-type]
        with pytest.raises(InvalidFormat, match="min_weight"):
            result.clusters(weight)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat, match="records must be a list"):
        result.clusters(REVIEW_MATCH_WEIGHT, records=7)  # type: ignore[arg-type]


def test_bad_tables_are_refused() -> None:
    """A table without the compared columns, or not a table at all, is refused clearly."""
    with pytest.raises(InvalidFormat, match="needs the columns"):
        link(pa.table({"record_id": [1], "name": ["Ani"]}))
    with pytest.raises(InvalidComponent, match="pyarrow Table"):
        link([{"name": "Ani"}])  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent, match="count must be"):
        synthetic_people(0)
    with pytest.raises(InvalidComponent, match="too few to train"):
        link(synthetic_people(300, seed=1))
    result = link(synthetic_people(1_000, seed=1))
    with pytest.raises(InvalidComponent, match="no truth column"):
        curve(result, truth="person; drop table x")


@pytest.mark.parametrize(
    "document",
    [
        {"prior": 0.5},
        {"prior": 2.0, "levels": {}},
        {"prior": 0.1, "levels": {"name; drop table x": {}}},
        {"prior": 0.1, "levels": {"name": {'same" OR 1=1 --': [0.5, 0.5]}}},
        {"prior": 0.1, "levels": {"name": {"same": [0.5, "0.5"]}}},
        {"prior": 0.1, "levels": {"name": {"same": [0.5]}}},
        {"prior": True, "levels": {}},
        [],
    ],
)
def test_a_hostile_model_is_refused(document: Any) -> None:
    """A stored model is numbers for known levels; SQL, strings or odd shapes are refused."""
    with pytest.raises(InvalidFormat):
        TrainedModel.from_dict(document)


def test_a_model_reads_back_and_scores_the_same(trained: TrainedModel) -> None:
    """as_dict and from_dict round-trip, and the read-back model scores pairs identically."""
    again = TrainedModel.from_dict(json.loads(json.dumps(trained.as_dict())))
    assert again == trained
    table = synthetic_people(400, seed=2)
    first = link(table, model=trained).scored().to_pylist()
    second = link(table, model=again).scored().to_pylist()
    assert [row["match_weight"] for row in first] == [row["match_weight"] for row in second]


def test_the_synthesizer_is_reproducible_and_plants_the_rate() -> None:
    """The same seed gives the same table; the rate sets how many second records."""
    first, again = synthetic_people(2_000, seed=9), synthetic_people(2_000, seed=9)
    assert first.equals(again)
    assert first.num_rows == 2_040
    assert len(set(first.column("nik").to_pylist())) == first.num_rows
    people = set(first.column("person").to_pylist())
    assert people == set(range(2_000))  # every person, and the truth links them


def test_a_register_is_linked_and_the_officers_merge_keeps_the_history(
    trained: TrainedModel,
) -> None:
    """A resident entered again under a new NIK is found in the register's own table, and the
    officer's merge is a journal event with the kept and retired NIKs, who and why."""
    from adminduk.codes import LifeStatus
    from adminduk.linkage import merge, register_table
    from adminduk.register.merges import DuplicateMerged
    from adminduk.samples import SIAP_MENIKAH, sample_registry
    from tests.register.entered import DAY, entered_again

    registry = sample_registry()
    groom = registry.resident(SIAP_MENIKAH.groom)
    again_nik = entered_again(registry, groom.nik, kk="1808040202260001", name="Johanes Saragih")
    day = DAY
    result = link(register_table(registry), model=trained)
    queue = result.review_queue()
    assert len(queue) == 1
    assert set(queue[0].values["nik"]) == {groom.nik, again_nik}
    with pytest.raises(InvalidComponent, match="not one of the pair"):
        merge(registry, queue[0], kept=SIAP_MENIKAH.bride, decided_by="Wulan", reason="x", on=day)
    event = merge(registry, queue[0], kept=groom.nik, decided_by="registrar Wulan",
                  reason="baptism certificate seen", on=day)  # fmt: skip
    assert isinstance(event, DuplicateMerged)
    assert registry.journal[-1] == event
    assert (event.kept, event.retired, event.decided_by) == (
        groom.nik,
        again_nik,
        "registrar Wulan",
    )
    assert event.reason.startswith("baptism certificate seen\nname: ")
    assert registry.resident(again_nik).life_status is LifeStatus.DUPLICATE
