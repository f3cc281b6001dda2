"""Tests of the package as a whole: public surface, dependencies and no hidden clock or randomness."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import adminduk

SRC = Path(adminduk.__file__).parent
# Import names of the runtime dependencies (the attrs distribution ships `attr` and `attrs`).
RUNTIME_DEPENDENCIES = {"attr", "attrs", "cattrs", "transitions", "dateutil"}
# What those dependencies import in turn (cattrs: typing_extensions, exceptiongroup; dateutil: six).
TRANSITIVE = {"typing_extensions", "exceptiongroup", "six"}
# Modules that need the `testing` extra; the core must not import them.
TESTING_ONLY = {
    "adminduk.strategies",
    "adminduk.pytest_plugin",
    "adminduk._hypothesis",
    "adminduk.testing",
}
# Modules of an optional extra (the scale extra: Dask, PyArrow, DuckDB).
EXTRA_ONLY = {"adminduk.scale", "adminduk.printing", "adminduk.linkage"}


def test_all_is_sorted_and_importable() -> None:
    """__all__ is sorted and names only what the package defines."""
    assert sorted(adminduk.__all__) == adminduk.__all__
    for name in adminduk.__all__:
        assert hasattr(adminduk, name), name


def test_version() -> None:
    """__version__ comes from the installed metadata."""
    assert adminduk.__version__.startswith("0.")


def test_py_typed_and_licence_ship_with_the_package() -> None:
    """py.typed marks the package as typed; the region data carries its MIT notice."""
    files = resources.files("adminduk")
    assert files.joinpath("py.typed").is_file()
    assert "Cahya DSN" in files.joinpath("data", "LICENSE-wilayah.txt").read_text(encoding="utf-8")


def _core_modules() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        testing = any(name == t or name.startswith(t + ".") for t in TESTING_ONLY | EXTRA_ONLY)
        if not testing and not name.endswith("__main__"):
            names.append(name)
    return names


def test_core_imports_only_runtime_dependencies_and_the_standard_library() -> None:
    """Importing every core module pulls in nothing outside the declared dependencies."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {_core_modules()!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    # the child is not measured: coverage (started by make's .pth file) is not adminduk's import
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_START"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    top_level = set(json.loads(result.stdout))
    foreign = (
        top_level - set(sys.stdlib_module_names) - RUNTIME_DEPENDENCIES - TRANSITIVE - {"adminduk"}
    )
    # Interpreter start-up may bring in site hooks (editable-install finders, .pth files).
    foreign = {name for name in foreign if not name.startswith(("_", "__editable__"))}
    assert set() == foreign
    assert "hypothesis" not in top_level


def test_the_printing_package_names_its_extra_when_it_is_missing() -> None:
    """Without the print extra, importing adminduk.printing says what to install."""
    code = (
        "import sys\n"
        "sys.modules['fpdf'] = None\n"
        "from adminduk.errors import MissingExtra\n"
        "try:\n"
        "    import adminduk.printing\n"
        "except MissingExtra as error:\n"
        "    print(error.code, '|', error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "missing-extra | " in result.stdout
    assert "adminduk[print]" in result.stdout


@pytest.mark.parametrize("missing", ["duckdb", "pyarrow", "distributed"])
def test_the_scale_package_names_its_extra_when_it_is_missing(missing: str) -> None:
    """Without the scale extra, importing adminduk.scale says what to install."""
    code = (
        "import sys\n"
        f"sys.modules[{missing!r}] = None\n"
        "from adminduk.errors import MissingExtra\n"
        "try:\n"
        "    import adminduk.scale\n"
        "except MissingExtra as error:\n"
        "    print(error.code, '|', error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("missing-extra | adminduk.scale needs the 'scale' extra")
    assert f"({missing} is missing)" in result.stdout
    assert "pip install 'adminduk[scale]'" in result.stdout


def _calls(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = ""
            if isinstance(owner, ast.Name):
                name = f"{owner.id}.{node.func.attr}"
            elif isinstance(owner, ast.Attribute):
                name = f"{owner.attr}.{node.func.attr}"
            if name == "random.Random" and (node.args or node.keywords):
                continue  # a generator seeded by the caller is injected randomness
            found.add(name)
    return found


FORBIDDEN_CALLS = {
    "date.today",
    "datetime.now",
    "datetime.today",
    "datetime.utcnow",
    "time.time",
    "time.monotonic",
    "random.random",
    "random.randint",
    "random.choice",
    "random.Random",  # only when called without a seed (see _calls)
    "random.shuffle",
    "random.sample",
    "random.uniform",
    "os.urandom",
    "uuid.uuid4",
}


def test_no_clock_or_randomness_in_the_core() -> None:
    """The library never reads the clock or draws randomness itself; callers pass them in."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert set() == _calls(tree) & FORBIDDEN_CALLS, path
        imported_from_random = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "random"
            for alias in node.names
        }
        assert set() == imported_from_random, path
