"""A pytest plugin with deterministic adminduk fixtures (``[project.entry-points.pytest11]``).

Fixtures hold no Hypothesis: they are built by :func:`adminduk.simulation.synthesize_population`
from a seed, ``--adminduk-seed`` (default 2026), so a failing test can be rerun exactly.

- ``adminduk_seed``: the seed in use.
- ``registry``: a small consistent register (a few hundred residents of Umpu Semenguk, Way Kanan).
- ``way_kanan_registry``: a realistic register of all 15 Way Kanan districts, scaled down to
  about 5,000 residents; built once per session, so treat it as read-only.
- ``office``: an :class:`adminduk.workflows.Office` over ``registry`` with the default
  service levels and one synthetic officer of each staff role (``office.staff_in(role)``).
- ``make_form``: a factory of :class:`adminduk.documents.Form` with defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from adminduk.documents import DocumentCode, Form
    from adminduk.register import Registry
    from adminduk.workflows import Office

DEFAULT_SEED = 2026


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--adminduk-seed``."""
    group = parser.getgroup("adminduk")
    group.addoption(
        "--adminduk-seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed of adminduk's synthetic fixtures (default {DEFAULT_SEED})",
    )


@pytest.fixture(scope="session")
def adminduk_seed(request: pytest.FixtureRequest) -> int:
    """The seed of adminduk's synthetic fixtures."""
    return int(request.config.getoption("--adminduk-seed"))


@pytest.fixture
def registry(adminduk_seed: int) -> Registry:
    """A small consistent register: about 300 residents of 18.08.15, Way Kanan."""
    from adminduk.simulation import synthesize_population  # noqa: PLC0415

    return synthesize_population("18.08.15", counts={"18.08.15": (150, 150)}, seed=adminduk_seed)


@pytest.fixture(scope="session")
def way_kanan_registry(adminduk_seed: int) -> Registry:
    """A realistic Way Kanan register scaled down to about 5,000 residents (session-wide)."""
    from adminduk.simulation import synthesize_population  # noqa: PLC0415

    return synthesize_population("18.08", seed=adminduk_seed, scale=0.01)


@pytest.fixture
def office(registry: Registry) -> Office:
    """An office over ``registry``: default service levels, one officer of each staff role."""
    from adminduk.samples import sample_staff  # noqa: PLC0415
    from adminduk.workflows import Office  # noqa: PLC0415

    return Office("18.08", registry, name="Disdukcapil Way Kanan", staff=sample_staff())


@pytest.fixture
def make_form() -> Callable[..., Form]:
    """Return a factory: ``make_form("KTP-el", "new", subject=nik, evidence={...})``."""
    from adminduk.documents import Channel, Form  # noqa: PLC0415

    def make(document: DocumentCode, variant: str, **fields: Any) -> Form:
        fields.setdefault("channel", Channel.COUNTER)
        return Form(document=document, variant=variant, **fields)

    return make
