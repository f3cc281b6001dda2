"""Tests of an optional extra: skipped with the reason when it is missing, failed under CI=true."""

from __future__ import annotations

import importlib
import os

import pytest


def require(*modules: str, extra: str) -> None:
    """Skip the calling test module unless every module imports; under ``CI=true``, fail."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            reason = f"{name} is missing: pip install 'adminduk[{extra}]'"
            if os.environ.get("CI") == "true":
                pytest.fail(
                    f"{reason}; under CI=true this is a failure, not a skip", pytrace=False
                )
            pytest.skip(reason, allow_module_level=True)
