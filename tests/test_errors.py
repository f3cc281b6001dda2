"""Tests of adminduk.errors and adminduk._privacy: the hierarchy, messages and masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import errors
from adminduk._privacy import mask
from adminduk.strategies import niks


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (errors.ValidationError, (errors.AdmindukError, ValueError)),
        (errors.InvalidFormat, (errors.ValidationError,)),
        (errors.InvalidLength, (errors.InvalidFormat, errors.ValidationError)),
        (errors.InvalidComponent, (errors.ValidationError,)),
        (errors.UnknownRegion, (errors.AdmindukError, LookupError)),
        (errors.UnknownRegionCode, (errors.InvalidComponent, errors.UnknownRegion, ValueError)),
    ],
)
def test_hierarchy(error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    """Each error sits where the documentation says, so callers can catch it by any base."""
    for base in bases:
        assert issubclass(error, base)


def test_unknown_region_is_not_a_validation_error() -> None:
    """An unknown region looked up by code is a lookup failure, not a malformed value."""
    assert not issubclass(errors.UnknownRegion, errors.ValidationError)


@pytest.mark.parametrize(
    "error",
    [
        errors.AdmindukError,
        errors.ValidationError,
        errors.InvalidFormat,
        errors.InvalidLength,
        errors.InvalidComponent,
        errors.UnknownRegion,
        errors.UnknownRegionCode,
    ],
)
def test_default_and_custom_messages(error: type[errors.AdmindukError]) -> None:
    """Without a message an error says its class's default; with one, exactly that."""
    assert error.default_message == str(error())
    assert error.default_message == error().message
    assert "district 18.08.99 unknown" == str(error("district 18.08.99 unknown"))


def test_mask_keeps_only_the_region_part() -> None:
    """A 16-digit number keeps its first six digits; the rest becomes asterisks."""
    assert "180801**********" == mask("1808014101050001")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", ""), ("123456", "******"), ("1234567", "123456*"), (1808014101050001, "<int>")],
)
def test_mask_edge_cases(value: object, expected: str) -> None:
    """Short strings are masked whole and non-strings are shown by type only."""
    assert expected == mask(value)


@given(niks())
def test_mask_never_shows_the_personal_part(number: str) -> None:
    """The birth date and serial of a NIK never survive masking."""
    masked = mask(number)
    assert number[6:] not in masked
    assert masked.startswith(number[:6])
    assert len(number) == len(masked)


@given(st.text(max_size=40))
def test_mask_never_returns_the_whole_long_string(text: str) -> None:
    """For any string longer than the region part, the masked form differs from it."""
    masked = mask(text)
    assert len(text) == len(masked)
    if len(text) > 6:
        assert text[6:] != masked[6:] or set(text[6:]) == {"*"}
