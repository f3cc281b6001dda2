"""The fuzz targets at a small, seeded volume: the promise holds for every input tried.

``make fuzz`` runs the same targets at volume (``python -m tests.fuzz``).
"""

from __future__ import annotations

import pytest

from tests.fuzz.engine import private
from tests.fuzz.targets import TARGETS

#: Inputs per target in the ordinary test run (a few seconds each).
SMALL = {
    "identifiers": 3_000,
    "serialization": 1_500,
    "register": 1_500,
    "workflows": 1_500,
    "notices": 1_500,
    "intake": 600,
    "profile": 800,
    "store": 80,
}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_promise_holds_under_fuzzing(target: str) -> None:
    """Only AdmindukErrors, no personal number in any message or repr, refusals change nothing."""
    tally = TARGETS[target](SMALL[target])
    assert tally.inputs >= SMALL[target]
    assert tally.refused > 0, "the fuzzer produced no bad input: it tests nothing"
    assert [] == tally.findings


def test_the_privacy_scan_sees_what_it_looks_for() -> None:
    """The scan flags a whole number and an unbounded message, and passes a masked one."""
    assert private("NIK 1808014101050001", 600) is not None
    assert private("x" * 601, 600) is not None
    assert private("NIK 180801**********", 600) is None


def test_an_exception_that_is_not_ours_is_a_finding() -> None:
    """attempt() records a plain exception and a leaking message as findings, not refusals."""
    from adminduk.errors import InvalidFormat
    from tests.fuzz.engine import Tally, attempt

    tally = Tally("self-test")
    attempt(tally, "plain", lambda: int("x"))
    attempt(tally, "leak", lambda: (_ for _ in ()).throw(InvalidFormat("fine")))
    assert 1 == len(tally.findings)
    assert "ValueError" in tally.findings[0]
    assert 1 == tally.refused
