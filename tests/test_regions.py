"""Tests of adminduk.regions: lookups, hierarchy, old code lists, search and population."""

from __future__ import annotations

import csv
import filecmp
import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import errors, regions
from adminduk.regions import RegionLevel
from adminduk.strategies import region_codes
from tests.paths import ROOT, SHARED

WAY_KANAN_DISTRICTS = {
    "18.08.01": "Blambangan Umpu",
    "18.08.02": "Kasui",
    "18.08.03": "Banjit",
    "18.08.04": "Baradatu",
    "18.08.05": "Bahuga",
    "18.08.06": "Pakuan Ratu",
    "18.08.07": "Negeri Agung",
    "18.08.08": "Way Tuba",
    "18.08.09": "Rebang Tangkas",
    "18.08.10": "Gunung Labuhan",
    "18.08.11": "Negara Batin",
    "18.08.12": "Negeri Besar",
    "18.08.13": "Buay Bahuga",
    "18.08.14": "Bumi Agung",
    "18.08.15": "Umpu Semenguk",
}


@pytest.mark.parametrize(("code", "name"), sorted(WAY_KANAN_DISTRICTS.items()))
def test_way_kanan_districts(code: str, name: str) -> None:
    """Each of the 15 Way Kanan districts is found, dotted or not, with its parent."""
    expected = regions.Region(code, name, RegionLevel.DISTRICT, "18.08")
    assert expected == regions.get(code)
    assert expected == regions.get(code.replace(".", ""))


def test_way_kanan_children_in_code_order() -> None:
    """children() lists the 15 districts in code order."""
    found = regions.children("18.08")
    assert list(WAY_KANAN_DISTRICTS.items()) == [(r.code, r.name) for r in found]


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("18", RegionLevel.PROVINCE, None),
        ("18.08", RegionLevel.REGENCY, "18"),
        ("18.08.01", RegionLevel.DISTRICT, "18.08"),
        ("18.08.01.2006", RegionLevel.VILLAGE, "18.08.01"),
    ],
)
def test_levels_and_parents(code: str, level: RegionLevel, parent: str | None) -> None:
    """The level follows the number of parts; the parent drops the last part."""
    region = regions.get(code)
    assert (level, parent) == (region.level, region.parent_code)
    if parent is not None:
        assert region in regions.children(parent)


@pytest.mark.parametrize(
    ("text", "dotted"),
    [("18", "18"), ("1808", "18.08"), ("180801", "18.08.01"), ("1808012001", "18.08.01.2001")],
)
def test_normalize(text: str, dotted: str) -> None:
    """Undotted codes of 2, 4, 6 and 10 digits get their dots."""
    assert dotted == regions.normalize(text)
    assert dotted == regions.normalize(dotted)


@pytest.mark.parametrize(
    "bad",
    ["", "1", "180", "18.8", "18.08.1", "18.08.01.201", "18.08.01.2001.1", "ab", "18-08", "１８"],
)
def test_malformed_codes(bad: str) -> None:
    """A malformed code is an InvalidFormat, not an UnknownRegion."""
    with pytest.raises(errors.InvalidFormat, match="not a region code"):
        regions.get(bad)


def test_non_string_code() -> None:
    """A code that is not a string is an InvalidFormat naming its type."""
    with pytest.raises(errors.InvalidFormat, match="must be a string, not int"):
        regions.get(1808)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["99", "18.99", "18.08.99", "18.08.01.9999"])
def test_unknown_codes(code: str) -> None:
    """A well-formed code no list carries is an UnknownRegion (a LookupError)."""
    with pytest.raises(errors.UnknownRegion):
        regions.get(code)
    with pytest.raises(LookupError):
        regions.get(code)


def test_as_of_answers_from_the_list_in_force() -> None:
    """as_of picks the latest list published in or before that year."""
    assert "KAB. WAY KANAN" == regions.get("18.08", as_of=2020).name
    assert "KAB. WAY KANAN" == regions.get("18.08", as_of=2021).name
    assert "KAB. WAY KANAN" == regions.get("18.08", as_of=1990).name  # the 2016 list
    assert "Kabupaten Way Kanan" == regions.get("18.08", as_of=2025).name
    assert "Kabupaten Way Kanan" == regions.get("18.08", as_of=2030).name
    with pytest.raises(errors.UnknownRegion, match="not in the 2020 code list"):
        regions.get("18.08.15", as_of=2020)
    assert "Umpu Semenguk" == regions.get("18.08.15", as_of=2022).name


def test_as_of_must_be_a_year() -> None:
    """as_of takes an int year."""
    with pytest.raises(errors.InvalidFormat, match="as_of must be a year"):
        regions.get("18.08", as_of="2020")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidFormat, match="as_of must be a year"):
        regions.get("18.08", as_of=True)


def test_lists_record_where_a_name_stands() -> None:
    """Region.lists names the code lists that carry the code under that name."""
    assert (2016, 2018, 2020, 2022, 2023, 2025) == regions.get("18.08.01").lists
    assert (2022, 2023, 2025) == regions.get("18.08.15").lists
    assert (2025,) == regions.get("18.08").lists
    assert (2016, 2018, 2020, 2022, 2023) == regions.get("18.08", as_of=2016).lists


def test_codes_dropped_since_are_still_described() -> None:
    """A code only older lists carry is answered from the latest list that has it."""
    current = {r.code for r in regions.walk(level=RegionLevel.DISTRICT)}
    dropped = sorted(f"{c[0:2]}.{c[2:4]}.{c[4:6]}" for c in regions.known_district_codes())
    old = next(code for code in dropped if code not in current)
    region = regions.get(old)
    assert 2025 not in region.lists
    assert region.lists
    assert region.code == old


def test_children_of_a_district_are_villages() -> None:
    """A district's children are its 2025 villages, in code order."""
    villages = regions.children("18.08.15")
    assert villages
    assert all(v.level is RegionLevel.VILLAGE and v.parent_code == "18.08.15" for v in villages)
    assert [v.code for v in villages] == sorted(v.code for v in villages)


def test_children_as_of() -> None:
    """children(as_of=...) uses that year's list: Way Kanan had 14 districts in 2020."""
    assert 14 == len(regions.children("18.08", as_of=2020))
    assert 15 == len(regions.children("18.08", as_of=2023))


def test_provinces() -> None:
    """38 provinces today; 34 before the Papua splits of 2022."""
    assert 38 == len(regions.provinces())
    assert 34 == len(regions.provinces(as_of=2020))
    assert "18" in {p.code for p in regions.provinces()}


def test_walk() -> None:
    """walk() lists every region below a code at a level, in code order, or the whole tree."""
    districts = regions.walk("18.08", level=RegionLevel.DISTRICT)
    assert list(WAY_KANAN_DISTRICTS) == [r.code for r in districts]
    everything = regions.walk("18.08.15")
    assert [r.code for r in everything] == [r.code for r in regions.children("18.08.15")]
    assert 38 == len(regions.walk(level=RegionLevel.PROVINCE))
    assert 514 == len(regions.walk(level=RegionLevel.REGENCY))
    assert 7285 == len(regions.walk(level=RegionLevel.DISTRICT))
    assert 83762 == len(regions.walk(level=RegionLevel.VILLAGE))
    assert 14 == len(regions.walk("18.08", level=RegionLevel.DISTRICT, as_of=2020))


def test_search_ignores_case_accents_and_punctuation() -> None:
    """search() folds case and accents; exact matches first, then prefixes, then the rest."""
    assert ["18.08"] == [r.code for r in regions.search("WAY KANAN", level=RegionLevel.REGENCY)]
    assert ["18.08"] == [r.code for r in regions.search("wáy  kânan", level=RegionLevel.REGENCY)]
    assert ["18.08.02"] == [r.code for r in regions.search("Kasui", level=RegionLevel.DISTRICT)]
    found = regions.search("umpu", level=RegionLevel.DISTRICT)
    assert ["18.08.15", "18.08.01"] == [r.code for r in found]


def test_search_matches_word_starts_only() -> None:
    """'umpu' does not match inside 'Sumpur'."""
    assert all(" umpu" in " " + r.name.casefold() for r in regions.search("umpu", level=None))


def test_search_exact_before_prefix() -> None:
    """An exact name ranks before names that merely start with it."""
    found = regions.search("Lampung", level=RegionLevel.PROVINCE)
    assert "18" == found[0].code


def test_search_villages_and_old_lists() -> None:
    """Villages are searched at level VILLAGE; as_of searches an older list's names."""
    villages = regions.search("way kanan", level=RegionLevel.VILLAGE)
    assert villages
    assert all(v.level is RegionLevel.VILLAGE for v in villages)
    assert ["18.08"] == [
        r.code for r in regions.search("KAB. WAY KANAN", level=RegionLevel.REGENCY, as_of=2020)
    ]
    assert [] == list(regions.search("Umpu Semenguk", level=RegionLevel.DISTRICT, as_of=2020))


@pytest.mark.parametrize("bad", ["", "   ", "..."])
def test_search_needs_a_name(bad: str) -> None:
    """An empty query is refused rather than matching everything."""
    with pytest.raises(errors.InvalidFormat, match="empty"):
        regions.search(bad)


def test_search_needs_a_string() -> None:
    """A query that is not a string is an InvalidFormat."""
    with pytest.raises(errors.InvalidFormat):
        regions.search(18)  # type: ignore[arg-type]


def test_population_way_kanan() -> None:
    """2025 figures for Way Kanan; male + female = total."""
    assert regions.Population(253309, 241749, 495058) == regions.population("18.08")
    assert regions.population("1808") == regions.population("18.08")


def test_population_totals_equal_the_sum_of_their_parts() -> None:
    """Indonesia is the sum of its provinces; each province the sum of its regencies."""
    provinces = regions.provinces()
    country = regions.population(regions.INDONESIA)
    assert country.total == sum(regions.population(p.code).total for p in provinces)
    assert country.male == sum(regions.population(p.code).male for p in provinces)
    for province in provinces:
        figures = regions.population(province.code)
        assert figures.male + figures.female == figures.total
        regencies = regions.children(province.code)
        assert figures.total == sum(regions.population(r.code).total for r in regencies)


@pytest.mark.parametrize("code", ["18.08.01", "18.08.01.2006", "99"])
def test_population_only_for_country_provinces_and_regencies(code: str) -> None:
    """Districts, villages and unknown codes have no figure: UnknownRegion."""
    with pytest.raises(errors.UnknownRegion, match="no 2025 population figure"):
        regions.population(code)


@given(region_codes(level=RegionLevel.DISTRICT))
def test_every_generated_district_is_known(code: str) -> None:
    """Every current district code is in the NIK region set and resolves to itself."""
    assert code.replace(".", "") in regions.known_district_codes()
    assert code == regions.get(code).code


@given(region_codes(level=RegionLevel.VILLAGE, within="18.08"), st.booleans())
def test_villages_resolve_with_or_without_dots(code: str, dotted: bool) -> None:
    """Village codes resolve either way and sit below their district."""
    region = regions.get(code if dotted else code.replace(".", ""))
    assert code == region.code
    assert region in regions.children(region.parent_code or "")


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not beside the repo")
def test_packaged_data_matches_its_source(tmp_path: Path) -> None:
    """The packaged files are exactly what scripts/build_region_data.py makes from shared/data."""
    script = ROOT / "scripts" / "build_region_data.py"
    spec = importlib.util.spec_from_file_location("build_region_data", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(SHARED / "wilayah", tmp_path)
    packaged = Path(regions.__file__).parent / "data"
    for name in ("regions.tsv.gz", "villages.tsv.gz", "population-2025.tsv"):
        assert filecmp.cmp(tmp_path / name, packaged / name, shallow=False), name
    # The 2020 district table is shipped as transcribed beside DOMAIN.md (tests read the copy).
    for name in ("way-kanan-dkb-2020s2.csv", "way-kanan-dkb-2020s2.md"):
        assert filecmp.cmp(SHARED / name, packaged / name, shallow=False), name


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not beside the repo")
def test_every_code_of_every_source_list_is_known() -> None:
    """Every district of every source list is accepted in a NIK, and described by get()."""
    for path in sorted((SHARED / "wilayah").glob("districts-*.csv")):
        year = int(path.stem.split("-")[1])
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            code = row["code"]
            assert regions.get(code, as_of=year).code == code
            if code.count(".") == 2:
                assert code.replace(".", "") in regions.known_district_codes()


def test_normalize_serves_repeats_from_its_cache_but_not_a_strange_string() -> None:
    """A str subclass that claims to equal anything is read by its own text, never the cache."""

    class Anything(str):
        __slots__ = ()

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return hash("1808")

    assert "18.08" == regions.normalize("1808")
    assert "18.08" == regions.normalize("1808")  # the second time from the cache
    assert "18.08.01" == regions.normalize(Anything("180801"))
    with pytest.raises(errors.InvalidFormat):
        regions.normalize(Anything("18.8"))
