"""Registers adminduk's strategies with Hypothesis (``[project.entry-points.hypothesis]``).

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so ``st.from_type(Resident)``
works without importing :mod:`adminduk.strategies` first.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    from adminduk import Address, Family, Registry, Resident, strategies  # noqa: PLC0415
    from adminduk.applications import Application, Status  # noqa: PLC0415
    from adminduk.documents import Form  # noqa: PLC0415
    from adminduk.register.events import FamilyRegistered  # noqa: PLC0415

    # Functions, not strategies: when ``import adminduk.strategies`` is what loads Hypothesis,
    # this hook runs while that module is still half-imported, so look its names up later.
    st.register_type_strategy(Resident, lambda _: strategies.residents())
    st.register_type_strategy(Address, lambda _: strategies.addresses())
    st.register_type_strategy(Family, lambda _: strategies.families())
    st.register_type_strategy(FamilyRegistered, lambda _: strategies.family_registrations())
    st.register_type_strategy(Registry, lambda _: strategies.registries())
    st.register_type_strategy(Form, lambda _: strategies.forms())
    st.register_type_strategy(
        Application,
        lambda _: st.sampled_from(Status).flatmap(
            lambda status: strategies.applications_in(status=status)
        ),
    )
