"""Every refusal of a NIK or KK number carries a stable code and its message in both languages.

Issue 16: a bot has something to translate from: ``error.code`` (``"nik.day"``) is stable, and
``message_id`` / ``message_en`` say the same thing in Indonesian and English, masked.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import errors
from adminduk.errors import AdmindukError, ValidationError
from adminduk.identifiers import nik, nkk

SIXTEEN = re.compile(r"\d{16}")

near_numbers = st.one_of(
    st.text(alphabet="0123456789", min_size=14, max_size=17),
    st.text(max_size=20),
    st.builds(lambda d: "1808" + d, st.text(alphabet="0123456789 x.-", min_size=10, max_size=13)),
)


@given(near_numbers, st.sampled_from([nik, nkk]))
def test_identifier_errors_have_a_code_and_both_languages(number: str, module: object) -> None:
    """Whatever the input, a refusal names a specific code and an Indonesian message."""
    prefix = "nik." if module is nik else "kk."
    try:
        module.validate(number)  # type: ignore[attr-defined]
    except ValidationError as error:
        refused: ValidationError | None = error
    else:
        refused = None
    if refused is not None:
        assert refused.code.startswith((prefix, "date."))
        assert refused.message_id != refused.message_en
        assert refused.message_id != type(refused).default_message_id
        for text in (refused.message_id, refused.message_en, str(refused)):
            assert SIXTEEN.search(text) is None


def test_the_day_error_in_both_languages() -> None:
    """32 February: the same fact in Indonesian and English, the number masked."""
    with pytest.raises(ValidationError) as refused:
        nik.validate("1808013202050001")
    assert refused.value.code == "nik.day"
    assert refused.value.message_id.startswith("NIK 180801********** memiliki tanggal 32")
    assert "has day 32, impossible in month 02" in refused.value.message_en


def test_every_error_class_has_its_own_code_and_indonesian_message() -> None:
    """Each exception class names a code and an Indonesian message of its own."""
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, AdmindukError)
    ]
    codes = [c.default_code for c in classes]
    assert len(codes) == len(set(codes))
    assert all(c.default_message_id for c in classes)
    assert errors.GuardFailed("x", guard="requirements-met").code == "guard.requirements-met"
    assert errors.InvariantViolation("x", rule="one-head").code == "rule.one-head"
