"""The small commands: ``check``, ``table``, ``nik``, ``catalogue``, ``region``, ``diagram``.

Each takes the parsed arguments and a function that prints one line, and returns the exit
status. Bad input raises :class:`~adminduk.errors.AdmindukError`; :func:`adminduk.cli.main`
turns it into one line on standard error.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable
from pathlib import Path

from adminduk import regions, serialization
from adminduk.applications import Application
from adminduk.documents import DOCUMENT_TYPES, Form, catalogue, check, document_type
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik
from adminduk.register import Registry
from adminduk.statistics import population_table
from adminduk.workflows import diagram

__all__ = [
    "catalogue_command",
    "check_command",
    "describe_nik",
    "diagram_command",
    "nik_command",
    "read_text",
    "region_command",
    "table_command",
]

Emit = Callable[[str], None]


def describe_nik(number: str, on: datetime.date, emit: Emit) -> bool:
    """Print what a NIK says (or why it is refused); return whether it is valid."""
    try:
        info = nik.parse(number, on=on)
    except AdmindukError as error:
        emit(f"  invalid: {error}")
        return False
    region = regions.get(info.region_code)
    age = (
        on.year
        - info.birth_date.year
        - ((on.month, on.day) < (info.birth_date.month, info.birth_date.day))
    )
    emit(
        f"  {nik.format(number)}  valid: {info.sex.label_en.lower()}, born "
        f"{info.birth_date.isoformat()} (age {age} on {on.isoformat()}), first issued in "
        f"{region.name} ({region.code}), serial {info.serial}"
    )
    return True


def read_text(path: Path) -> str:
    """The text of ``path``; an unreadable file is an ``AdmindukError``."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AdmindukError(f"cannot read {path}: {error.__class__.__name__}") from None


def check_command(args: argparse.Namespace, emit: Emit) -> int:
    """``check FILE [--register R]``: everything a form (or an application's form) lacks."""
    text = read_text(args.application)
    try:
        schema = json.loads(text).get("schema")
    except (ValueError, AttributeError):
        schema = None  # loads below says what is wrong
    if schema == "adminduk/form":
        form = serialization.loads(text, Form)
    else:
        form = serialization.loads(text, Application).form
    registry = (
        Registry()
        if args.register is None
        else serialization.loads(read_text(args.register), Registry)
    )
    on: datetime.date = args.on
    report = check(form, registry, on=on)
    if not report.findings:
        emit(f"{report.document} ({report.variant}): complete on {on.isoformat()}")
        return 0
    emit(f"{report.document} ({report.variant}) on {on.isoformat()}:")
    for finding in report.findings:
        message = finding.message_id if args.lang == "id" else finding.message_en
        emit(f"  - {message} [{finding.code}; {finding.basis}]")
    return 0 if report.ok else 1


def table_command(args: argparse.Namespace, emit: Emit) -> int:
    """``table FILE``: the population table of a register file."""
    registry = serialization.loads(read_text(args.register), Registry)
    code = args.region or registry.area
    if code is None:
        raise AdmindukError("the register has no area: give --region")
    emit(population_table(registry, code, by=args.by).render(lang=args.lang))
    return 0


def nik_command(args: argparse.Namespace, emit: Emit) -> int:
    """``nik NIK...``: validate and describe each number."""
    described = [describe_nik(number, args.on, emit) for number in args.numbers]
    return 0 if all(described) else 1


def catalogue_command(args: argparse.Namespace, emit: Emit) -> int:
    """``catalogue [--json]``: the service catalogue, Markdown or JSON records."""
    published = catalogue(args.lang)
    if args.json:
        emit(json.dumps(published.to_records(), ensure_ascii=False, indent=2))
    else:
        emit(published.to_markdown())
    return 0


def region_command(args: argparse.Namespace, emit: Emit) -> int:
    """``region CODE``: describe a region and list what lies below it."""
    region = regions.get(args.code, as_of=args.as_of)
    emit(f"{region.code}  {region.name}  ({region.level.name.lower()})")
    for child in regions.children(region.code, as_of=args.as_of):
        emit(f"  {child.code}  {child.name}")
    return 0


def diagram_command(args: argparse.Namespace, emit: Emit) -> int:
    """``diagram [CODE...]``: workflows as Mermaid state diagrams."""
    kinds = [document_type(code) for code in args.documents] or list(DOCUMENT_TYPES)
    for kind in kinds:
        if args.markdown:
            emit(f"## {kind.code}: {kind.name_en}\n\n```mermaid\n{diagram(kind)}```\n")
        else:
            emit(diagram(kind).rstrip("\n"))
    return 0
