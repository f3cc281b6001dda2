"""The test suite itself: it mirrors the package and every test says what it checks."""

from __future__ import annotations

import ast

from adminduk.documents import DOCUMENT_TYPES
from tests.paths import ROOT

TESTS = ROOT / "tests"
SRC = ROOT / "src" / "adminduk"


def test_every_test_has_a_docstring() -> None:
    """Each test function (and test method) starts with a docstring saying what it checks."""
    silent = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.startswith("test")
                and not ast.get_docstring(node)
            ):
                silent.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert [] == silent


#: Folders of tests that cut across the packages (the fuzz targets drive every layer).
CROSS_CUTTING = frozenset({"fuzz"})


def test_the_test_tree_follows_the_package_tree() -> None:
    """Every folder of tests is named after a package of src/adminduk (or cuts across them)."""
    packages = {path.parent.name for path in SRC.rglob("__init__.py")}
    folders = {
        path.name
        for path in TESTS.iterdir()
        if path.is_dir() and not path.name.startswith((".", "__"))
    }
    assert set() == folders - packages - CROSS_CUTTING


def test_each_document_type_has_its_own_test_module() -> None:
    """tests/documents/test_<module>.py exists for every document type's module, with the
    contract; every other public module of adminduk.documents has its test module too.
    """
    types = {kind.__module__.rsplit(".", 1)[1] for kind in DOCUMENT_TYPES}
    public = {path.stem for path in (SRC / "documents").glob("*.py")}
    public = {stem for stem in public if not stem.startswith("_")}
    # Tested with the types (forms, parts), the workflows (reprints) or under another name.
    tested_elsewhere = {"form", "details", "reprinting", "issuing", "service_levels"}
    for module in sorted(public - types - tested_elsewhere):
        assert (TESTS / "documents" / f"test_{module}.py").is_file(), module
    for module in sorted(types):
        test = TESTS / "documents" / f"test_{module}.py"
        assert test.is_file(), module
        assert "(DocumentTypeContract)" in test.read_text(encoding="utf-8"), module
