"""The layering of ``src/adminduk``, checked on the source (an ``ast`` walk, nothing imported).

The layers, lowest first; a module may import its own package, lower layers, and other packages
of its own layer (as long as no cycle forms). docs/contributing.md explains each.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "adminduk"

#: Each top-level module or package of adminduk, by layer (lowest first).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "_privacy", "_names", "_dates"}),
    frozenset({"codes", "regions"}),
    frozenset({"identifiers", "_fields", "_hooks"}),
    frozenset({"register"}),
    frozenset({"matching", "documents"}),
    frozenset({"applications"}),
    frozenset({"workflows"}),
    frozenset({"samples", "serialization", "statistics", "notices"}),
    frozenset({"store", "simulation", "printing"}),
    frozenset({"scale", "linkage"}),
    frozenset({"cli", "strategies"}),
    frozenset({"testing", "pytest_plugin", "_hypothesis"}),
    frozenset({"__init__", "__main__"}),
)
LAYER = {name: index for index, names in enumerate(LAYERS) for name in names}

#: The register's private state: nothing outside adminduk.register may touch it.
REGISTER_PRIVATE = frozenset(
    {"_residents", "_families", "_family_of", "_spouse", "_retired", "_journal", "_area"}
)
MAX_LINES = 600


def module_name(path: Path) -> str:
    """``adminduk.register.registry`` for ``src/adminduk/register/registry.py``."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def is_package(name: str) -> bool:
    """Whether ``name`` is a package (an ``__init__``) rather than a module."""
    return MODULES[name].name == "__init__.py"


def group(name: str) -> str:
    """The top-level module or package a module belongs to (``register`` for its modules)."""
    parts = name.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Line numbers inside ``if TYPE_CHECKING:`` blocks (type-only imports)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports(name: str, source: str | None = None) -> Iterator[tuple[str, list[str], int]]:
    """Each adminduk module ``name`` imports at run time: (module, names taken, line).

    ``source`` replaces the module's text (to test the walk itself).
    """
    text = MODULES[name].read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text)
    typing_only = _type_checking_lines(tree)
    package = name if is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("adminduk"):
                    yield alias.name, [], node.lineno
            continue
        module = node.module or ""
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join([*base, module] if module else base)
        if not module.startswith("adminduk"):
            continue
        names = [alias.name for alias in node.names]
        # ``from adminduk import regions`` imports the module adminduk.regions
        submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
        if submodules:
            for submodule in submodules:
                yield submodule, [], node.lineno
        else:
            yield module, names, node.lineno


def graph() -> dict[str, set[str]]:
    """Module -> the adminduk modules it imports at run time."""
    return {name: {target for target, _, _ in imports(name)} for name in MODULES}


def test_every_module_has_a_layer() -> None:
    """Every top-level module or package of adminduk is placed in a layer."""
    assert set() == {group(name) for name in MODULES} - set(LAYER)


def test_no_import_cycle() -> None:
    """No chain of run-time imports leads from a module back to itself."""
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            # a module importing its own package's __init__ is how Python loads it, not a cycle
            if node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target in edges and state.get(target) is None:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(edges):
        if state.get(name) is None:
            visit(name)


def test_layers_import_only_downward() -> None:
    """A module imports its own layer or lower ones, never a higher layer."""
    wrong = []
    for name in MODULES:
        mine = LAYER[group(name)]
        for target, _, line in imports(name):
            if target == "adminduk" or target not in MODULES:
                continue
            theirs = LAYER[group(target)]
            if theirs > mine:
                wrong.append(f"{name}:{line} imports {target} (layer {theirs} > {mine})")
    assert [] == wrong


def _is_private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def private_imports(name: str, source: str | None = None) -> list[str]:
    """The imports of ``name`` that take a private module or name from another package."""
    wrong = []
    for target, names, line in imports(name, source):
        parts = target.split(".")
        first = next((i for i, part in enumerate(parts) if _is_private(part)), None)
        if first is not None and not _inside(name, ".".join(parts[:first])):
            wrong.append(f"{name}:{line} imports private {target}")
        owner = target if target in MODULES and is_package(target) else target.rpartition(".")[0]
        for taken in names:
            if _is_private(taken) and not _inside(name, owner):
                wrong.append(f"{name}:{line} takes private {taken} from {target}")
    return wrong


def test_no_private_import_across_packages() -> None:
    """A private module or name (``_x``) is imported only from inside its own package."""
    assert [] == [problem for name in MODULES for problem in private_imports(name)]


def reach_ins(name: str, source: str | None = None) -> list[str]:
    """Where module ``name`` (outside the register) reads the register's private state."""
    if name.startswith("adminduk.register"):
        return []
    text = MODULES[name].read_text(encoding="utf-8") if source is None else source
    return [
        f"{name}:{node.lineno} reads .{node.attr}"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Attribute) and node.attr in REGISTER_PRIVATE
    ]


def test_nothing_outside_the_register_reads_its_private_state() -> None:
    """Outside adminduk.register, no code touches the register's private attributes."""
    assert [] == [problem for name in MODULES for problem in reach_ins(name)]


def test_modules_are_small_enough_to_read_in_one_sitting() -> None:
    """No module of src/adminduk is longer than 600 lines."""
    long = {
        name: length
        for name, path in MODULES.items()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {} == long


def test_the_checks_see_what_they_look_for() -> None:
    """Planted code: each check reports a private import, a reach-in and an upward import."""
    planted = (
        "from adminduk.documents._base import Context\n"
        "from adminduk.strategies._people import _ON\n"
        "def lookup(registry):\n"
        "    from adminduk.workflows import Office\n"
        "    return registry._residents\n"
    )
    name = "adminduk.register.address"  # a low layer, so the workflows import points upward
    assert 3 == len(private_imports(name, planted))  # two modules, and one private name
    assert 1 == len(reach_ins("adminduk.statistics._coverage", planted))
    found = {target for target, _, _ in imports(name, planted)}
    assert "adminduk.workflows" in found  # a lazy import inside a function counts
    assert LAYER[group("adminduk.workflows")] > LAYER[group(name)]
    typed = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from adminduk.cli import main\n"
    )
    assert [] == list(imports(name, typed))  # type-only imports make no run-time edge
