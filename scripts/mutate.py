"""Mutation testing of the rule modules with cosmic-ray (``make mutate``), like the benchmarks.

Each group is a set of rule modules and the tests that mirror them: identifiers, the register's
rules, the documents' checks, the workflow guards and the store's verification. cosmic-ray
mutates one place at a time (a comparison flipped, a constant changed, a condition negated, a
statement removed, ...) and runs the group's tests; a mutant that no test notices *survives*.
The work happens in a copy of the repository (the working tree is never mutated), one session
per group, and the results go to ``docs/mutation.md``: each group's score (killed over killed
and survived) and every survivor with its place and change, to be read and either killed with
a test or explained.

    python scripts/mutate.py [--groups identifiers register documents guards store]
                             [--out docs/mutation.md]

Slow by design (every mutant runs its tests): run it like ``make bench``, not in ``make test``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Operators left out: rewrites of arithmetic into exotic operators (``a + b`` into ``a ** b``,
#: ``a >> b``, ``a ^ b``, ...) make mutants that crash at once and tell nothing about a rule.
EXCLUDED_OPERATORS = (
    r"core/ReplaceBinaryOperator_.*_(Pow|RShift|LShift|BitOr|BitAnd|BitXor|FloorDiv|Mod|Div|Mul)",
    r"core/ReplaceBinaryOperator_(Pow|RShift|LShift|BitOr|BitAnd|BitXor|FloorDiv|Mod)_.*",
    r"core/ReplaceUnaryOperator_.*",
    r"core/NumberReplacer",
)


@dataclass
class Group:
    """Rule modules and the tests that mirror them."""

    name: str
    modules: tuple[str, ...]
    tests: tuple[str, ...]
    timeout: float = 120.0
    killed: int = 0
    survived: int = 0
    other: int = 0
    survivors: list[str] = field(default_factory=list)
    seconds: float = 0.0


GROUPS = (
    Group(
        "identifiers",
        (
            "src/adminduk/identifiers/_common.py",
            "src/adminduk/identifiers/nik.py",
            "src/adminduk/identifiers/nkk.py",
        ),
        ("tests/identifiers",),
    ),
    Group(
        "register rules",
        ("src/adminduk/register/rules.py", "src/adminduk/register/state.py"),
        (
            "tests/register/test_registry.py",
            "tests/register/test_models.py",
            "tests/register/test_state.py",
        ),
    ),
    Group(
        "documents' checks",
        ("src/adminduk/documents/_check.py", "src/adminduk/documents/_common.py"),
        ("tests/documents",),
    ),
    Group("guards", ("src/adminduk/workflows/guards.py",), ("tests/workflows",)),
    Group(
        "store verification",
        (
            "src/adminduk/store/_verify.py",
            "src/adminduk/store/_log.py",
            "src/adminduk/store/_layout.py",
        ),
        ("tests/store/test_sqlite.py", "tests/store/test_sqlite_files.py"),
    ),
)


def _copy(destination: Path) -> None:
    """The tracked files of the repository (and those not yet committed), into ``destination``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _config(group: Group, work: Path) -> Path:
    tests = " ".join(group.tests)
    command = (
        f"{sys.executable} -m pytest -x -q -p no:cacheprovider -p no:randomly "
        f'-o addopts="--import-mode=importlib" {tests}'
    )
    modules = ", ".join(f'"{module}"' for module in group.modules)
    excluded = ", ".join(f'"{pattern}"' for pattern in EXCLUDED_OPERATORS)
    text = (
        "[cosmic-ray]\n"
        f"module-path = [{modules}]\n"
        f"timeout = {group.timeout}\n"
        "excluded-modules = []\n"
        f"test-command = '{command}'\n\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n\n'
        "[cosmic-ray.filters.operators-filter]\n"
        f"exclude-operators = [{excluded}]\n"
    )
    path = work / f"{group.name.replace(' ', '-').replace(chr(39), '')}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(arguments: list[str], work: Path, env: dict[str, str]) -> None:
    subprocess.run(arguments, cwd=work, env=env, check=True, capture_output=True, text=True)


def run_group(group: Group, work: Path) -> None:
    """Mutate a group's modules in the copy at ``work``; tally what survived."""
    started = time.perf_counter()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PYTHONPATH": f"{work / 'src'}{os.pathsep}{work}"}
    config = _config(group, work)
    session = config.with_suffix(".sqlite")
    _run([str(bin_dir / "cosmic-ray"), "init", str(config), str(session)], work, env)
    _run([str(bin_dir / "cr-filter-operators"), str(session), str(config)], work, env)
    _run([str(bin_dir / "cr-filter-pragma"), str(session)], work, env)
    _run([str(bin_dir / "cosmic-ray"), "baseline", str(config)], work, env)
    _run([str(bin_dir / "cosmic-ray"), "exec", str(config), str(session)], work, env)
    dumped = subprocess.run(
        [str(bin_dir / "cosmic-ray"), "dump", str(session)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in dumped.splitlines():
        item, result = json.loads(line)
        if result is None or result.get("worker_outcome") == "skipped":
            continue
        outcome = result.get("test_outcome")
        if outcome == "killed":
            group.killed += 1
        elif outcome == "survived":
            group.survived += 1
            for mutation in item["mutations"]:
                place = f"{mutation['module_path']}:{mutation['start_pos'][0]}"
                diff = [
                    text
                    for text in (result.get("diff") or "").splitlines()
                    if text[:1] in "+-" and not text.startswith(("+++", "---"))
                ]
                group.survivors.append(
                    f"{place} `{mutation['operator_name']}`: " + " / ".join(diff)[:160]
                )
        else:
            group.other += 1
    group.seconds = time.perf_counter() - started


def report(groups: list[Group]) -> str:
    """The Markdown page: scores, then every survivor."""
    lines = [
        "# Mutation testing",
        "",
        (
            f"`make mutate` (cosmic-ray, {datetime.date.today().isoformat()}): each rule module "
            "mutated one place at a time, its mirrored tests run on each mutant. Score: killed "
            "over killed and survived (incompetent mutants, which do not even import, are left "
            "out)."
        ),
        "",
        "| group | mutants | killed | survived | score | minutes |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for group in groups:
        counted = group.killed + group.survived
        score = f"{group.killed / counted:.1%}" if counted else "-"
        lines.append(
            f"| {group.name} | {counted + group.other} | {group.killed} | {group.survived} "
            f"| {score} | {group.seconds / 60:.1f} |"
        )
    for group in groups:
        lines += ["", f"## Survivors: {group.name}", ""]
        lines += [f"- {text}" for text in group.survivors] or ["None."]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Run the chosen groups (default all) and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", nargs="*", default=None, help="group names (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "mutation.md")
    args = parser.parse_args()
    known = {group.name.split()[0] for group in GROUPS}
    unknown = sorted(set(args.groups or ()) - known)
    if unknown:
        parser.error(f"no group {', '.join(unknown)}; the groups are {', '.join(sorted(known))}")
    chosen = [g for g in GROUPS if args.groups is None or g.name.split()[0] in args.groups]
    with tempfile.TemporaryDirectory(prefix="adminduk-mutate-") as folder:
        work = Path(folder)
        _copy(work)
        for group in chosen:
            print(f"mutating {group.name} ...", flush=True)
            run_group(group, work)
            print(
                f"  {group.killed} killed, {group.survived} survived, {group.other} other, "
                f"{group.seconds / 60:.1f} min",
                flush=True,
            )
    args.out.write_text(report(chosen), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
