"""The linkage model: records prepared for comparing, and Splink settings that fit Indonesian names.

:func:`prepare` adds the columns the comparisons read, computed once per record in Python with
:mod:`adminduk.matching` (the same standard names the filing check uses): the standard name, its
parts sorted (the same name in another order), its first rare part (skipping Muhammad, Siti,
Nur, ...), the standard mother's name and birth place, the birth date as text and with day and
month swapped, the six digits the record's own birth date and sex would give a NIK, and those
its NIK carries.

:func:`settings` is a Splink model over those columns, field by field as
:data:`adminduk.matching.LEVELS` (the thresholds are the same constants), with blocking rules
chosen so that a record with any single field corrupted still shares a block with the original:

- the same birth date and sex (a corrupted name, mother's name or birth place);
- the same standard name and mother's name (a corrupted birth date or sex);
- the same standard name, birth place and birth year (a corrupted date when the mother's name
  is missing).

The plain levels are SQL every backend reads; the similarity levels are Splink's own
(:class:`Similar`), which name each backend's function, so the same settings run on DuckDB and
on Spark (``SparkAPI``, with Splink's similarity UDFs).
"""

from __future__ import annotations

import datetime
from typing import Any, Final

import attrs
import pyarrow as pa
from splink import SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl

from adminduk.codes import Sex
from adminduk.errors import InvalidFormat
from adminduk.identifiers.nik import birth_part
from adminduk.matching import COMMON_PARTS, NAME_SIMILAR, PLACE_SIMILAR, name_parts

__all__ = [
    "BLOCKING_RULES",
    "COMPARED",
    "LEVELS",
    "TrainedModel",
    "prepare",
    "settings",
    "trained_model",
]

#: The columns a table must have for :func:`prepare` (any others are kept as they are).
COMPARED: Final = ("record_id", "nik", "name", "sex", "birth_date", "birth_place", "mother_name")

#: Blocking rules that generate the pairs the model scores (see the module's notes).
BLOCKING_RULES: Final = (
    ("birth_text", "sex"),
    ("name_std", "mother_std"),
    ("name_std", "place_std", "birth_year"),
)


def _swapped(born: datetime.date) -> str | None:
    if born.day > 12 or born.day == born.month:
        return None
    return born.replace(month=born.day, day=born.month).isoformat()


def _standard(
    values: list[str | None],
) -> tuple[list[str | None], list[str | None], list[str | None], list[str | None]]:
    """Standard form, sorted parts, first rare part and last part of each value (cached)."""
    cache: dict[str | None, tuple[str | None, str | None, str | None, str | None]] = {}
    standard, ordered, rare, last = [], [], [], []
    for value in values:
        found = cache.get(value)
        if found is None:
            parts = name_parts(value) if value else ()
            uncommon = [part for part in parts if part not in COMMON_PARTS]
            found = (
                " ".join(parts) or None,
                " ".join(sorted(parts)) or None,
                uncommon[0] if uncommon else None,
                parts[-1] if len(parts) > 1 else None,
            )
            cache[value] = found
        standard.append(found[0])
        ordered.append(found[1])
        rare.append(found[2])
        last.append(found[3])
    return standard, ordered, rare, last


def prepare(table: pa.Table) -> pa.Table:
    """``table`` with the comparison columns added (see the module's notes)."""
    missing = [name for name in COMPARED if name not in table.column_names]
    if missing:
        raise InvalidFormat(f"a table to link needs the columns {', '.join(missing)}")
    names = _standard(table.column("name").to_pylist())
    mothers = _standard(table.column("mother_name").to_pylist())[0]
    places = _standard(table.column("birth_place").to_pylist())[0]
    dates: list[datetime.date] = table.column("birth_date").to_pylist()  # type: ignore[assignment]
    sexes = [Sex.from_code(value) for value in table.column("sex").to_pylist()]  # type: ignore[arg-type]
    niks: list[str] = table.column("nik").to_pylist()  # type: ignore[assignment]
    added: dict[str, Any] = {
        "name_std": names[0],
        "name_sorted": names[1],
        "name_rare": names[2],
        "name_last": names[3],
        "mother_std": mothers,
        "place_std": places,
        "birth_year": [born.year for born in dates],
        "birth_text": [born.isoformat() for born in dates],
        "birth_swapped": [_swapped(born) for born in dates],
        "birth_part": [birth_part(born, sex) for born, sex in zip(dates, sexes, strict=True)],
        "nik_part": [number[6:12] for number in niks],
    }
    for name, values in added.items():
        table = table.append_column(
            name, pa.array(values, pa.int32() if name == "birth_year" else pa.string())
        )
    return table


@attrs.frozen
class Similar:
    """A similarity level on one column: Jaro-Winkler at least ``at``, or Levenshtein at most.

    Built with Splink's own levels, which name each backend's function (DuckDB's
    ``jaro_winkler_similarity``, Spark's ``jaro_winkler`` from Splink's UDFs).
    """

    measure: str  # "jaro_winkler" or "levenshtein"
    column: str
    at: float


#: A level's condition: SQL on the ``_l`` and ``_r`` columns (plain SQL every backend reads), or
#: a :class:`Similar`.
Condition = str | Similar

#: Each comparison's levels, best first: (label, condition, the m probability EM starts from).
#: A comparison's column that may be null gives a null level before these.
LEVELS: Final[dict[str, tuple[str | None, tuple[tuple[str, Condition, float], ...]]]] = {
    "name": (
        "name_std",
        (
            ("same", '"name_std_l" = "name_std_r"', 0.75),
            ("reordered", '"name_sorted_l" = "name_sorted_r"', 0.02),
            ("similar", Similar("jaro_winkler", "name_std", NAME_SIMILAR), 0.1),
            ("one typing error", Similar("levenshtein", "name_std", 1), 0.03),
            ("shares a rare part", '"name_rare_l" = "name_rare_r"', 0.05),
            ("same last part", '"name_last_l" = "name_last_r"', 0.02),
        ),
    ),
    "birth_date": (
        None,
        (
            ("same", '"birth_text_l" = "birth_text_r"', 0.8),
            (
                "as the NIK encodes",
                '"nik_part_l" = "birth_part_r" OR "birth_part_l" = "nik_part_r"',
                0.02,
            ),
            ("day and month swapped", '"birth_swapped_l" = "birth_text_r"', 0.05),
            ("one digit differs", Similar("levenshtein", "birth_text", 1), 0.1),
        ),
    ),
    "sex": (None, (("same", '"sex_l" = "sex_r"', 0.95),)),
    "mother_name": (
        "mother_std",
        (
            ("same", '"mother_std_l" = "mother_std_r"', 0.8),
            ("similar", Similar("jaro_winkler", "mother_std", PLACE_SIMILAR), 0.15),
        ),
    ),
    "birth_place": (
        None,
        (
            ("same", '"place_std_l" = "place_std_r"', 0.85),
            ("similar", Similar("jaro_winkler", "place_std", PLACE_SIMILAR), 0.1),
        ),
    ),
}


#: A trained model as plain numbers: the prior chance that two random records match, and each
#: comparison level's m and u probabilities, by comparison and label. Nothing in it is code.
Probabilities = dict[str, dict[str, tuple[float, float]]]


@attrs.frozen
class TrainedModel:
    """What training learned, as numbers only (:meth:`adminduk.linkage.Linkage.model`).

    It is safe to keep and load (``as_dict`` / ``from_dict``): it names no SQL, and every value
    is checked to be a probability of a level the model knows.
    """

    prior: float
    probabilities: Probabilities

    def as_dict(self) -> dict[str, Any]:
        """The model as JSON-ready values."""
        return {
            "prior": self.prior,
            "levels": {
                name: {label: list(pair) for label, pair in levels.items()}
                for name, levels in self.probabilities.items()
            },
        }

    @classmethod
    def from_dict(cls, document: Any) -> TrainedModel:
        """A model read back from :meth:`as_dict`; anything else is refused."""
        if not isinstance(document, dict) or set(document) != {"prior", "levels"}:
            raise InvalidFormat("a trained model is an object with 'prior' and 'levels'")
        prior, levels = document["prior"], document["levels"]
        if not _probability(prior) or not isinstance(levels, dict) or set(levels) - set(LEVELS):
            raise InvalidFormat("a trained model's prior or comparisons are not the model's")
        probabilities: Probabilities = {}
        for name, given in levels.items():
            known = {label for label, _, _ in LEVELS[name][1]} | {"different"}
            if not isinstance(given, dict) or set(given) - known:
                raise InvalidFormat(f"the trained model's {name!r} names unknown levels")
            for pair in given.values():
                if not (isinstance(pair, list | tuple) and len(pair) == 2):
                    raise InvalidFormat(f"the trained model's {name!r} levels are (m, u) pairs")
                if not all(_probability(value) for value in pair):
                    raise InvalidFormat(f"the trained model's {name!r} holds a non-probability")
            probabilities[name] = {label: (float(m), float(u)) for label, (m, u) in given.items()}
        return cls(float(prior), probabilities)


def _probability(value: object) -> bool:
    return type(value) in (int, float) and 0 < value <= 1  # type: ignore[operator]


def _level(condition: Condition) -> Any:
    if isinstance(condition, str):
        return cll.CustomLevel(condition, base_dialect_str="duckdb")  # sqlglot translates it
    if condition.measure == "jaro_winkler":
        return cll.JaroWinklerLevel(condition.column, condition.at)
    return cll.LevenshteinLevel(condition.column, int(condition.at))


def _comparison(name: str, trained: dict[str, tuple[float, float]]) -> Any:
    null, levels = LEVELS[name]
    made: list[Any] = [] if null is None else [cll.NullLevel(null)]
    for label, condition, m in levels:
        level = _level(condition).configure(label_for_charts=label)
        if label in trained:
            level.configure(m_probability=trained[label][0], u_probability=trained[label][1])
        else:
            level.configure(m_probability=m)
        made.append(level)
    other = cll.ElseLevel().configure(label_for_charts="different")
    if "different" in trained:
        other.configure(
            m_probability=trained["different"][0], u_probability=trained["different"][1]
        )
    else:
        other.configure(m_probability=1.0 - sum(m for _, _, m in levels))
    made.append(other)
    return cl.CustomComparison(comparison_levels=made, output_column_name=name)


def settings(
    *,
    retain: tuple[str, ...] = (),
    trained: TrainedModel | None = None,
    prior: float | None = None,
) -> SettingsCreator:
    """The Splink model, untrained or with the probabilities of ``trained``.

    :func:`adminduk.linkage.link.train` estimates an untrained one. ``retain`` names further
    columns to carry into the scored pairs (a benchmark's truth); ``prior`` sets the chance
    that two random records match where it is not estimated (a trained model's wins).
    """
    probabilities = {} if trained is None else trained.probabilities
    extra: dict[str, Any] = {}
    if trained is not None:
        extra["probability_two_random_records_match"] = trained.prior
    elif prior is not None:
        extra["probability_two_random_records_match"] = prior
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[_comparison(name, probabilities.get(name, {})) for name in LEVELS],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING_RULES],
        additional_columns_to_retain=list(retain),
        retain_intermediate_calculation_columns=True,
        **extra,
    )


def trained_model(document: dict[str, Any]) -> TrainedModel:
    """The numbers of a Splink model (its JSON settings) that training filled in."""
    probabilities: Probabilities = {}
    for comparison in document["comparisons"]:
        name = comparison["output_column_name"]
        probabilities[name] = {
            level["label_for_charts"]: (level["m_probability"], level["u_probability"])
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level")
            and _probability(level.get("m_probability"))
            and _probability(level.get("u_probability"))
        }
    return TrainedModel(document["probability_two_random_records_match"], probabilities)
