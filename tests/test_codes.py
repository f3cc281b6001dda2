"""Tests of adminduk.codes: one contract over every code table, then each table's specifics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import codes, errors

TABLES: list[type[codes.CodeTable]] = [
    codes.Sex,
    codes.Religion,
    codes.MaritalStatus,
    codes.Relationship,
    codes.Education,
    codes.Occupation,
    codes.BloodType,
    codes.Citizenship,
    codes.KTPElStatus,
]
SIZES = {
    codes.Sex: 2,
    codes.Religion: 7,
    codes.MaritalStatus: 6,
    codes.Relationship: 11,
    codes.Education: 10,
    codes.Occupation: 89,
    codes.BloodType: 13,
    codes.Citizenship: 2,
    codes.KTPElStatus: 8,
}


@pytest.mark.parametrize("table", TABLES)
def test_codes_run_from_1_without_gaps(table: type[codes.CodeTable]) -> None:
    """Every table numbers its members 1..n, as the form does."""
    assert list(range(1, SIZES[table] + 1)) == [member.code for member in table]


@pytest.mark.parametrize("table", TABLES)
def test_every_member_has_both_labels(table: type[codes.CodeTable]) -> None:
    """Indonesian label (canonical) and English label are non-empty, and str() is the label."""
    for member in table:
        assert member.label.strip()
        assert member.label_en.strip()
        assert member.label == str(member)


@pytest.mark.parametrize("table", TABLES)
def test_lookups_find_each_member(table: type[codes.CodeTable]) -> None:
    """from_code and from_label (Indonesian, English, name; any case) find each member."""
    for member in table:
        assert member is table.from_code(member.code)
        assert member is table.from_code(str(member.code))
        assert member is table.from_label(member.label)
        assert member is table.from_label(member.label.upper())
        assert member is table.from_label(member.label_en.lower())
        assert member is table.from_label(member.name)


@pytest.mark.parametrize("table", TABLES)
def test_unknown_codes_and_labels(table: type[codes.CodeTable]) -> None:
    """Unknown input raises InvalidComponent, wrong types InvalidFormat; both are ValueErrors."""
    with pytest.raises(errors.InvalidComponent, match=f"is not a {table.__name__} code"):
        table.from_code(SIZES[table] + 1)
    with pytest.raises(errors.InvalidComponent, match=f"is not a {table.__name__} code"):
        table.from_code(0)
    with pytest.raises(errors.InvalidComponent, match=f"is not a {table.__name__} label"):
        table.from_label("no such label")
    for bad in (None, 1.0, True, "one", "", "-1"):
        with pytest.raises(errors.InvalidFormat):
            table.from_code(bad)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidFormat):
        table.from_label(1)  # type: ignore[arg-type]


@given(st.sampled_from(TABLES).flatmap(st.sampled_from), st.sampled_from(["", " ", "  "]))
def test_label_lookup_ignores_spacing_and_case(member: codes.CodeTable, pad: str) -> None:
    """Extra spaces, slashes spaced out and case changes do not matter."""
    label = pad + member.label.replace("/", " / ").swapcase() + pad
    assert member is type(member).from_label(label)


def test_sex_labels() -> None:
    """Sex follows the NIK: 1 Laki-laki, 2 Perempuan."""
    assert ("Laki-laki", "Perempuan") == (codes.Sex.MALE.label, codes.Sex.FEMALE.label)


def test_relationship_head_is_1() -> None:
    """SHDK 1 is the head of family (Kepala Keluarga); 3 is the wife."""
    assert codes.Relationship.HEAD is codes.Relationship.from_code(1)
    assert codes.Relationship.WIFE is codes.Relationship.from_label("Istri")


def test_occupation_endpoints() -> None:
    """All 89 occupation codes: 1 Belum/Tidak Bekerja ... 88 Wiraswasta, 89 Lainnya."""
    assert "Belum/Tidak Bekerja" == codes.Occupation.from_code(1).label
    assert "Wiraswasta" == codes.Occupation.from_code(88).label
    assert "Lainnya" == codes.Occupation.from_code(89).label
    assert codes.Occupation.FARMER is codes.Occupation.from_label("petani / pekebun")


def test_blood_types_keep_rhesus_apart() -> None:
    """A+, A- and A are three different blood types."""
    found = {codes.BloodType.from_label(text) for text in ("A", "A+", "A-", "tidak tahu")}
    expected = {
        codes.BloodType.A,
        codes.BloodType.A_POS,
        codes.BloodType.A_NEG,
        codes.BloodType.UNKNOWN,
    }
    assert expected == found


@pytest.mark.parametrize(
    ("status", "married", "ever"),
    [
        (codes.MaritalStatus.SINGLE, False, False),
        (codes.MaritalStatus.MARRIED, True, True),
        (codes.MaritalStatus.MARRIED_UNREGISTERED, True, True),
        (codes.MaritalStatus.DIVORCED, False, True),
        (codes.MaritalStatus.DIVORCED_UNREGISTERED, False, True),
        (codes.MaritalStatus.WIDOWED, False, True),
    ],
)
def test_marital_status_properties(status: codes.MaritalStatus, married: bool, ever: bool) -> None:
    """is_married and ever_married drive KTP-el eligibility (married at any age)."""
    assert (married, ever) == (status.is_married, status.ever_married)


def test_ktp_el_statuses_are_ordered_by_progress() -> None:
    """Codes follow the SIAK lifecycle; recorded means RECORDED or later."""
    ordered = list(codes.KTPElStatus)
    assert ordered == sorted(ordered, key=lambda status: status.code)
    recorded = [status for status in ordered if status.is_recorded]
    assert codes.KTPElStatus.RECORDED is recorded[0]
    assert ordered[ordered.index(codes.KTPElStatus.RECORDED) :] == recorded
