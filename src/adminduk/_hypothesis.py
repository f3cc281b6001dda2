"""Registers adminduk's strategies with Hypothesis (``[project.entry-points.hypothesis]``).

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so ``st.from_type(Resident)``
works without importing :mod:`adminduk.strategies` first.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    from adminduk import Address, Family, Registry, Resident, strategies  # noqa: PLC0415
    from adminduk.documents import Application  # noqa: PLC0415
    from adminduk.events import FamilyRegistered  # noqa: PLC0415

    st.register_type_strategy(Resident, strategies.residents())
    st.register_type_strategy(Address, strategies.addresses())
    st.register_type_strategy(Family, strategies.families())
    st.register_type_strategy(FamilyRegistered, strategies.family_registrations())
    st.register_type_strategy(Registry, strategies.registries())
    st.register_type_strategy(Application, strategies.applications())
