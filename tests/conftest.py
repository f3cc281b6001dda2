"""Shared test settings: Hypothesis profiles for a noisy shared machine."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# No per-example deadline: CI machines are shared and noisy; speed is measured in benchmarks/.
# No example database: every run starts from nothing, so a test passes alone, in any order and
# twice in a row (a find() shrink target never depends on what an earlier test left behind).
settings.register_profile("default", deadline=None, database=None)
settings.register_profile(
    "ci",
    deadline=None,
    database=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# pytester runs small pytest sessions to test the plugin.
pytest_plugins = ["pytester"]
