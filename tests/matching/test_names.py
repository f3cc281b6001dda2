"""Standard names: the spellings of one Indonesian name compare equal, and nothing more does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk.matching import jaro, jaro_winkler, name_parts, standard_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Muhammad Rizki", "M. Rizki"),
        ("Muhamad Rizki", "Moh. Rizki"),
        ("MOHAMMAD  rizki", "Mhd Rizki"),
        ("Siti Aminah", "Sity Aminah"),
        ("Nur Hidayah", "Noor Hidayah"),
        ("Soekarno", "Sukarno"),
        ("Djoko Susilo", "Joko Susilo"),
        ("Tjahjo", "Cahyo"),
        ("Sjarif", "Syarif"),
        ("Chairul", "Khairul"),
        ("Abdul Hakim", "Abd. Hakim"),
        ("Fitry", "Fitri"),
        ("Ayyub", "Ayub"),
        ("Dédi", "Dedi"),
    ],
)
def test_spellings_of_one_name_are_one_standard_name(first: str, second: str) -> None:
    """Older spellings, transliterations and abbreviations meet in one standard form."""
    assert standard_name(first) == standard_name(second)


@pytest.mark.parametrize(("first", "second"), [("Ani", "Ana"), ("Budi", "Bude"), ("Siti", "Sari")])
def test_different_names_stay_different(first: str, second: str) -> None:
    """The standard form does not merge names that differ by a real letter."""
    assert standard_name(first) != standard_name(second)


@given(st.text(max_size=40))
def test_standard_form_is_stable(text: str) -> None:
    """Standardising a standard name changes nothing, and it holds letters and spaces only."""
    once = standard_name(text)
    assert standard_name(once) == once
    assert set(once) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert name_parts(once) == tuple(once.split())


def test_a_name_must_be_text() -> None:
    """Anything but text is refused with a clear error."""
    with pytest.raises(TypeError, match="a name is text"):
        name_parts(12)  # type: ignore[arg-type]


@given(st.text(max_size=12), st.text(max_size=12))
def test_jaro_winkler_is_a_similarity(first: str, second: str) -> None:
    """Symmetric, between 0 and 1, 1 exactly for equal non-empty strings, at least Jaro."""
    value = jaro_winkler(first, second)
    assert value == pytest.approx(jaro_winkler(second, first))
    assert 0.0 <= jaro(first, second) <= value <= 1.0 + 1e-12
    assert (value == 1.0) == (first == second and first != "") or value == pytest.approx(1.0)


def test_jaro_winkler_agrees_with_duckdb() -> None:
    """The values are DuckDB's (Splink's) on the literature's examples."""
    duckdb = pytest.importorskip("duckdb", reason="the scale extra is not installed")
    pairs = [("martha", "marhta"), ("dwayne", "duane"), ("dixon", "dicksonx"), ("siti", "sity")]
    for first, second in pairs:
        query = f"select jaro_winkler_similarity('{first}', '{second}')"
        ((expected,),) = duckdb.sql(query).fetchall()
        assert jaro_winkler(first, second) == pytest.approx(expected)
