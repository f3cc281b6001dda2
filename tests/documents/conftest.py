"""Fixtures of the document tests."""

from __future__ import annotations

import pytest

from adminduk import Registry
from adminduk.samples import family_event


@pytest.fixture
def registry() -> Registry:
    """The sample family: Budi (head, born 1987), Siti (wife, 1990), Ani (child, 1 Jan 2015)."""
    return Registry.replay([family_event()])
