"""Registers with a history: a few families, then life events (refused ones change nothing)."""

from __future__ import annotations

import contextlib

from hypothesis import strategies as st

from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.strategies import life_events, registries


@st.composite
def lived_registers(draw: st.DrawFn, *, events: int = 4, min_events: int = 0) -> Registry:
    """A register after up to ``events`` life events (deaths and moves out included)."""
    registry = draw(registries(max_families=4))
    for _ in range(draw(st.integers(min_events, events))):
        with contextlib.suppress(AdmindukError):  # a refused event changes nothing
            registry.apply(draw(life_events(registry)))
    return registry
