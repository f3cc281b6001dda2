"""The columnar drawer: people the core register accepts, on the census structure, rules checked."""

from __future__ import annotations

import collections
import datetime
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adminduk import regions, scale
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.errors import (
    DatasetError,
    InvalidComponent,
    InvalidFormat,
    InvariantViolation,
    UnknownRegion,
)
from adminduk.register import Registry
from adminduk.register.address import Address
from adminduk.register.events import FamilyRegistered
from adminduk.register.family import Family, Membership
from adminduk.register.resident import Resident
from adminduk.scale import RECORD_SCHEMA, check_columns, draw_columns
from adminduk.scale._columnar import draw_unchecked
from adminduk.simulation import Partition, plan_partitions
from adminduk.simulation.tables import AGE_BANDS, sex_ratio

ON = datetime.date(2026, 1, 1)


def _piece(
    district: str, males: int, females: int, seed: int, *, index: int = 0, count: int = 1
) -> Partition:
    return Partition(district, males, females, seed, index, count, ON)


def _events(table: pa.Table) -> list[FamilyRegistered]:
    """The table's families as the core's registrations (names and addresses invented)."""
    families: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for row in table.to_pylist():
        families[row["kk_number"]].append(row)
    events = []
    for number, rows in families.items():
        people = [
            Resident(
                nik=row["nik"],
                name=f"Warga {i}",
                sex=Sex.from_code(row["sex"]),
                birth_place="Tempat",
                birth_date=row["birth_date"],
                religion=Religion.from_code(row["religion"]),
                marital_status=MaritalStatus.from_code(row["marital_status"]),
                education=Education.from_code(row["education"]),
                occupation=Occupation.from_code(row["occupation"]),
                blood_type=BloodType.from_code(row["blood_type"]),
                citizenship=Citizenship.from_code(row["citizenship"]),
                life_status=LifeStatus.from_code(row["life_status"]),
                ktp_el_status=KTPElStatus.from_code(row["ktp_el_status"]),
            )
            for i, row in enumerate(rows)
        ]
        village = regions.from_number(rows[0]["village"])
        members = tuple(
            Membership(
                nik=row["nik"],
                relationship=Relationship.from_code(row["relationship"]),
                since=max(row["birth_date"], datetime.date(2016, 1, 1)),
            )
            for row in rows
        )
        family = Family(
            number=number,
            address=Address(street="Jalan", rt="001", rw="001", village_code=village),
            members=members,
        )
        events.append(
            FamilyRegistered(occurred_on=ON, recorded_on=ON, family=family, residents=people)
        )
    return events


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["18.08.01", "51.03.01", "53.10.01", "91.03.01"]),
    st.integers(50, 1_500),
    st.integers(0, 2**32 - 1),
)
def test_the_core_register_accepts_every_family_drawn(district: str, size: int, seed: int) -> None:
    """Whatever the district, size and seed, every drawn family registers in a core Registry."""
    region = regions.get(district)
    try:
        table = draw_columns(_piece(region.code, size // 2, size - size // 2, seed))
    except scale.TooFewAdults:  # a refusal, not a bad register: the job draws it row by row
        assume(False)
    assert table.num_rows == size
    registry = Registry(area=region.parent_code)
    for event in _events(table):
        registry.apply(event)
    assert len(registry.residents()) == size


def test_the_census_sex_ratio_holds_in_every_age_band() -> None:
    """Men per woman within 0.05 of the census ratio in every five-year band."""
    table = draw_columns(_piece("18.08.01", 15_000, 14_700, seed=2))
    counts: collections.Counter[tuple[int, int]] = collections.Counter()
    days = cast("list[datetime.date]", table["birth_date"].to_pylist())
    sexes = cast("list[int]", table["sex"].to_pylist())
    for born, sex in zip(days, sexes, strict=True):
        age = ON.year - born.year - ((ON.month, ON.day) < (born.month, born.day))
        low = next(band.low for band in AGE_BANDS if band.low <= age <= band.high)
        counts[low, sex] += 1
    for band in AGE_BANDS:
        men, women = counts[band.low, 1], counts[band.low, 2]
        assert abs(men / women - sex_ratio(band.low)) < 0.05, band


def test_religion_follows_the_province() -> None:
    """A Balinese piece is mostly Hindu, a Lampung one mostly Muslim."""
    for district, majority in (("51.03.01", Religion.HINDU), ("18.08.01", Religion.ISLAM)):
        religions = collections.Counter(
            draw_columns(_piece(district, 800, 800, 1))["religion"].to_pylist()
        )
        assert religions.most_common(1)[0][0] == majority.code


def test_slices_of_one_district_never_share_a_number() -> None:
    """Two slices of a district take interleaved serials: no NIK or KK number twice."""
    parts = [_piece("18.08.01", 3_000, 3_000, seed=9 + i, index=i, count=2) for i in range(2)]
    tables = [draw_columns(part) for part in parts]
    niks = [n for t in tables for n in t["nik"].to_pylist()]
    assert len(set(niks)) == len(niks)
    kks = [set(t["kk_number"].to_pylist()) for t in tables]
    assert not kks[0] & kks[1]


def _tampered(table: pa.Table, column: str, row: int, value: Any) -> pa.Table:
    values = table[column].to_pylist()
    values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(
        index, table.schema.field(column), pa.array(values, table.schema.field(column).type)
    )


def _renumbered(table: pa.Table, number: str, new: str) -> pa.Table:
    """The family ``number`` given the KK number ``new`` on every row."""
    values = [new if v == number else v for v in table["kk_number"].to_pylist()]
    index = table.schema.get_field_index("kk_number")
    return table.set_column(index, table.schema.field(index), pa.array(values, pa.string()))


@pytest.fixture(scope="module")
def drawn() -> pa.Table:
    """One drawn piece to tamper with."""
    return draw_columns(_piece("18.08.02", 400, 400, seed=4))


def _first(table: pa.Table, relationship: Relationship) -> int:
    return table["relationship"].to_pylist().index(relationship.code)


def test_every_rule_is_checked_on_the_columns(drawn: pa.Table) -> None:
    """Each broken rule is refused with its id; the untouched table passes."""
    check_columns(drawn, on=ON, area="18.08")
    rows = drawn.to_pylist()
    child, wife = _first(drawn, Relationship.CHILD), _first(drawn, Relationship.WIFE)
    head_of_child = max(i for i in range(child) if rows[i]["relationship"] == 1)
    cases = {
        "nik-unique": _tampered(drawn, "nik", 1, rows[0]["nik"]),
        "one-head": _tampered(drawn, "relationship", wife, Relationship.HEAD.code),
        "child-younger": _tampered(
            drawn,
            "birth_date",
            child,
            rows[head_of_child]["birth_date"] - datetime.timedelta(days=1),
        ),
        "spouses-married": _tampered(drawn, "marital_status", wife, MaritalStatus.SINGLE.code),
        "gone-no-family": _tampered(drawn, "life_status", 3, LifeStatus.DEAD.code),
        "one-family": _tampered(drawn, "kk_number", 0, None),
        "kk-own": _renumbered(drawn, rows[0]["kk_number"], "1808023002200001"),
        "in-area": _tampered(drawn, "village", 0, 1_801_012_001),
    }
    for rule, table in cases.items():
        with pytest.raises(InvariantViolation) as raised:
            check_columns(table, on=ON, area="18.08")
        assert raised.value.rule == rule or rule in str(raised.value), rule


def test_a_nik_that_is_not_the_residents_own_is_refused(drawn: pa.Table) -> None:
    """A NIK whose birth day or sex disagrees with the row, or a serial 0000, is refused."""
    nik = drawn["nik"][0].as_py()
    for wrong in (nik[:12] + "0000", nik[:6] + f"{(int(nik[6:8]) + 40) % 80:02d}" + nik[8:]):
        with pytest.raises(InvariantViolation, match="nik-own"):
            check_columns(_tampered(drawn, "nik", 0, wrong), on=ON)
    with pytest.raises(InvariantViolation, match="born-before"):
        check_columns(drawn, on=datetime.date(2000, 1, 1))
    # A day outside the calendar table (1800-2199) is read by numpy's calendar, as strictly.
    with pytest.raises(InvariantViolation, match="nik-own"):
        check_columns(_tampered(drawn, "birth_date", 5, datetime.date(1750, 5, 1)), on=ON)


def test_the_job_writes_a_columnar_dataset_that_tabulates(tmp_path: Path) -> None:
    """``engine="columnar"`` writes the same schema, and the same rows for the same seed."""
    dataset, results = scale.synthesize(
        tmp_path / "data", within="18.08", residents=6_000, seed=5, workers=0, engine="columnar"
    )
    assert sum(r.rows for r in results) == 6_000
    again, _ = scale.synthesize(
        tmp_path / "again", within="18.08", residents=6_000, seed=5, workers=0, engine="columnar"
    )
    for mine, theirs in zip(dataset.paths(), again.paths(), strict=True):
        assert pq.read_table(mine).equals(pq.read_table(theirs))
    with scale.connect(dataset) as db:
        found = db.sql("SELECT count(DISTINCT nik), count(*) FROM records").fetchall()
    ((unique, rows),) = found
    assert unique == rows == 6_000
    with pytest.raises(InvalidComponent, match="engine"):
        scale.synthesize(
            tmp_path / "other",
            within="18.08",
            residents=10,
            workers=0,
            engine="fast",  # type: ignore[arg-type]
        )


def test_plan_pieces_cover_the_requested_people() -> None:
    """The planner's pieces, drawn column-wise, hold exactly their residents."""
    parts = plan_partitions("18.08", residents=5_000, seed=1, partition_size=2_000)
    for part in parts:
        assert draw_columns(part).num_rows == part.residents


def test_a_piece_with_too_few_adults_is_refused_and_the_job_draws_it_row_by_row(
    tmp_path: Path,
) -> None:
    """Twenty people whose drawn families need more heads: a typed refusal; the job falls back."""
    piece = _piece("18.08.01", 10, 10, seed=3)
    with pytest.raises(scale.TooFewAdults, match="too few adults"):
        draw_columns(piece)
    result = scale.write_partitions((piece,), str(tmp_path), engine="columnar")
    assert result.rows == 20


def test_a_task_draws_its_pieces_together_and_refuses_only_the_ones_too_small() -> None:
    """Thirty pieces of twenty people drawn in one go: the refused pieces are named, the others
    hold exactly their people, sexes and district, and pass every rule checked together."""
    regencies = regions.children("18")
    districts = [d.code for r in regencies for d in regions.children(r.code)][:30]
    parts = [_piece(d, 10, 10, seed=5) for d in districts]
    table, refused = draw_unchecked(parts)
    assert refused, "this seed refuses some pieces: the test needs one"
    check_columns(table, on=ON, area="18")
    drawn = [part for part in parts if part not in refused]
    assert table.num_rows == sum(part.residents for part in drawn)
    by_district = collections.Counter(
        zip(table["district"].to_pylist(), table["sex"].to_pylist(), strict=True)
    )
    for part in drawn:
        number = regions.to_number(part.district)
        assert by_district[number, Sex.MALE.code] == part.males
        assert by_district[number, Sex.FEMALE.code] == part.females
    for part in refused:
        assert regions.to_number(part.district) not in table["district"].to_pylist()


def test_the_job_draws_a_task_s_refused_pieces_row_by_row(tmp_path: Path) -> None:
    """The same thirty pieces as one task: every piece's people are in the file, the refused
    ones drawn row by row, and the file holds one province's valid families."""
    regencies = regions.children("18")
    districts = [d.code for r in regencies for d in regions.children(r.code)][:30]
    task = tuple(_piece(d, 10, 10, seed=5) for d in districts)
    result = scale.write_partitions(task, str(tmp_path), engine="columnar")
    assert result.rows == 600
    written = pq.read_table(tmp_path / result.path)
    assert collections.Counter(written["district"].to_pylist()) == {
        regions.to_number(d): 20 for d in districts
    }
    check_columns(written.cast(RECORD_SCHEMA), on=ON, area="18")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["18.08.01", "18.08.02", "18.08.03", "18.08.04"]),
            st.integers(0, 300),
            st.integers(0, 300),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda piece: piece[0],
    ),
    st.integers(0, 2**32 - 1),
)
def test_pieces_drawn_together_register_in_the_core(
    pieces: list[tuple[str, int, int]], seed: int
) -> None:
    """Whatever pieces a task holds, what is drawn of them registers in a core Registry."""
    parts = [_piece(district, males, females, seed) for district, males, females in pieces]
    table, refused = draw_unchecked(parts)
    check_columns(table, on=ON, area="18.08")
    assert table.num_rows == sum(p.residents for p in parts if p not in refused)
    registry = Registry(area="18.08")
    for event in _events(table):
        registry.apply(event)
    assert len(registry.residents()) == table.num_rows


def test_slices_of_one_district_drawn_together_never_share_a_number() -> None:
    """Two slices of one district in one draw interleave their serials: the first slice's are
    odd (1, 3, ...), the second's even; its rows come first, piece by piece."""
    parts = [_piece("18.08.01", 200, 200, seed=9, index=i, count=2) for i in (0, 1)]
    table, refused = draw_unchecked(parts)
    assert not refused
    check_columns(table, on=ON)  # nik-unique, kk-own
    for name in ("nik", "kk_number"):
        numbers = cast("list[str]", table[name].to_pylist())
        assert {int(n[12:]) % 2 for n in numbers[:400]} == {1}, name
        assert {int(n[12:]) % 2 for n in numbers[400:]} == {0}, name


def test_pieces_of_two_days_are_not_drawn_together() -> None:
    """A task describes one day: pieces of two are refused, typed."""
    later = Partition("18.08.02", 5, 5, 1, 0, 1, datetime.date(2026, 2, 1))
    with pytest.raises(DatasetError, match="one day"):
        draw_unchecked([_piece("18.08.01", 5, 5, 1), later])


def test_a_table_of_another_shape_is_a_dataset_error(drawn: pa.Table) -> None:
    """Other columns, missing values or numbers that are not 16 digits: DatasetError, typed."""
    with pytest.raises(DatasetError, match="RECORD_SCHEMA"):
        check_columns(drawn.drop_columns(["religion"]), on=ON)
    with pytest.raises(DatasetError, match="RECORD_SCHEMA"):
        check_columns(pa.table({"nik": ["1"]}), on=ON)
    with pytest.raises(DatasetError, match="sex column has missing values"):
        check_columns(_tampered(drawn, "sex", 0, None), on=ON)
    for bad in ("12345", "18080a4501900001", "１８０８０１４５０１９０００１"):
        with pytest.raises(DatasetError, match="nik is not sixteen digits"):
            check_columns(_tampered(drawn, "nik", 0, bad), on=ON)
    with pytest.raises(DatasetError, match="kk_number is not sixteen digits"):
        check_columns(_renumbered(drawn, drawn["kk_number"][0].as_py(), "-180802300220000"), on=ON)


def test_each_piece_draws_from_its_own_stream() -> None:
    """Pieces sharing the job's seed differ: the stream mixes in the district and slice."""
    first = draw_columns(_piece("18.08.01", 300, 300, seed=1))
    other = draw_columns(_piece("18.08.02", 300, 300, seed=1))
    again = draw_columns(_piece("18.08.01", 300, 300, seed=1))
    assert first["birth_date"].to_pylist() != other["birth_date"].to_pylist()
    assert first.equals(again)


def test_a_piece_that_is_not_one_is_refused() -> None:
    """Bad counts, slices, districts and days raise typed errors; an empty piece is empty."""
    for bad in (
        _piece("18.08.01", -5, 3, 1),
        _piece("18.08", 5, 3, 1),
        _piece("18.08.01", 5, 3, 1, index=2, count=2),
        Partition("18.08.01", 5, 3, True),
        Partition("18.08.01", 5, 3, 1, 0, 1, datetime.datetime(2026, 1, 1)),
    ):
        with pytest.raises((InvalidComponent, InvalidFormat)):
            draw_columns(bad)
    with pytest.raises(UnknownRegion):
        draw_columns(_piece("99.99.99", 5, 3, 1))
    assert draw_columns(_piece("18.08.01", 0, 0, 1)).num_rows == 0


def test_a_columnar_country_of_small_districts_keeps_the_sex_ratio_by_age() -> None:
    """Lampung at about 140 people a district (a 1M-resident country): every band within 0.05.

    Each piece holds the census ages of each sex exactly (largest remainders), so small
    districts do not lean as the row-by-row families do; drawn as the job draws them, a task's
    pieces together.
    """
    counts: collections.Counter[tuple[int, int]] = collections.Counter()
    parts = plan_partitions("18", seed=5, residents=32_000, partition_size=8_000)
    for task in scale.tasks_of(parts, 8_000):
        table, _ = draw_unchecked(task)
        days = cast("list[datetime.date]", table["birth_date"].to_pylist())
        sexes = cast("list[int]", table["sex"].to_pylist())
        for born, sex in zip(days, sexes, strict=True):
            age = ON.year - born.year - ((ON.month, ON.day) < (born.month, born.day))
            low = next((b.low for b in AGE_BANDS if b.low <= age <= b.high), AGE_BANDS[-1].low)
            counts[low, sex] += 1
    males = sum(n for (_, sex), n in counts.items() if sex == Sex.MALE.code)
    overall = males / (sum(counts.values()) - males)
    census = sum(b.share * sex_ratio(b.low) / (1 + sex_ratio(b.low)) for b in AGE_BANDS) / sum(
        b.share / (1 + sex_ratio(b.low)) for b in AGE_BANDS
    )
    for band in AGE_BANDS:
        ratio = counts[band.low, Sex.MALE.code] / counts[band.low, Sex.FEMALE.code]
        assert abs(ratio - sex_ratio(band.low) * overall / census) <= 0.05, band


def test_the_area_may_be_a_province_regency_district_or_village(drawn: pa.Table) -> None:
    """in-area at every level, dotted or not; another area is a violation, a bad code refused."""
    village = regions.from_number(drawn["village"][0].as_py())
    district = drawn["district"][0].as_py()
    alone = drawn.filter(pc.equal(drawn["village"], drawn["village"][0]))
    for area in ("18", "18.08", "1808", "18.08.02", str(district), village):
        check_columns(alone, on=ON, area=area)
    for elsewhere in ("31", "18.71", "18.08.01"):
        with pytest.raises(InvariantViolation, match="in-area"):
            check_columns(alone, on=ON, area=elsewhere)
    with pytest.raises(InvalidFormat):
        check_columns(alone, on=ON, area="18.8")


def test_a_task_s_pieces_are_checked_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job checks a task's column-wise pieces as one table: two pieces that are each valid
    but share their people (the same NIKs twice) are refused, and no file is left behind."""
    first = _piece("18.08.01", 300, 300, seed=5)
    second = _piece("18.08.02", 300, 300, seed=5)
    same = draw_columns(first)
    monkeypatch.setattr(
        "adminduk.scale._job.draw_unchecked", lambda _parts: (pa.concat_tables([same, same]), ())
    )
    with pytest.raises(InvariantViolation, match="nik-unique"):
        scale.write_partitions((first, second), str(tmp_path), engine="columnar")
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
