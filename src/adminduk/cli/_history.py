"""``adminduk balance`` and ``adminduk coverage``: a register's history, month by month.

``balance FILE [--basis report|event] [--json]`` prints the monthly balance of every district
and sex (start, births, deaths, moves in and out, first registrations, other changes, end),
by report date (the register as the office had it at each month's end) or by event date.
``coverage FILE --from D --to D [--region C]`` prints KTP-el coverage per district on both days
(the register replayed to each) and its growth in percentage points.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable
from pathlib import Path

from adminduk import serialization
from adminduk.cli._commands import read_text
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.statistics import coverage_growth, format_number, monthly_balances, region_name

__all__ = ["add_history_parsers", "balance_command", "coverage_command"]

_COLUMNS = ("start", "births", "deaths", "moves_in", "moves_out", "registered", "other", "end")


def add_history_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    date: Callable[[str], datetime.date],
) -> None:
    """The ``balance`` and ``coverage`` commands."""
    balance = commands.add_parser("balance", help="monthly population balances that add up")
    balance.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    balance.add_argument("--basis", choices=("report", "event"), default="report")
    balance.add_argument("--json", action="store_true", help="JSON records instead of a table")
    coverage = commands.add_parser("coverage", help="KTP-el coverage growth between two days")
    coverage.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    coverage.add_argument("--from", dest="first", type=date, required=True)
    coverage.add_argument("--to", dest="second", type=date, required=True)
    coverage.add_argument("--region", default=None, help="region code (default: the area)")
    coverage.add_argument("--lang", choices=("id", "en"), default="id")


def _register(path: Path) -> Registry:
    return serialization.loads(read_text(path), Registry)


def balance_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Print the monthly balances of a register file."""
    rows = monthly_balances(_register(args.register), basis=args.basis)
    if args.json:
        emit(json.dumps([row.to_record() for row in rows], ensure_ascii=False, indent=1))
        return 0
    emit("| month | district | sex | " + " | ".join(_COLUMNS) + " |")
    emit("|---|---|---|" + "---:|" * len(_COLUMNS))
    for row in rows:
        values = " | ".join(str(getattr(row, name)) for name in _COLUMNS)
        emit(f"| {row.month} | {region_name(row.district)} | {row.sex.label} | {values} |")
    return 0


def coverage_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Print KTP-el coverage per district on two days and its growth."""
    registry = _register(args.register)
    code = args.region or registry.area
    if code is None:
        raise AdmindukError("the register has no area: give --region")
    lang = args.lang
    rows = coverage_growth(registry, code, args.first, args.second)
    emit(f"| district | {args.first} | {args.second} | growth (points) |")
    emit("|---|---:|---:|---:|")
    for row in rows:
        before = format_number(row.before.coverage, lang)
        after = format_number(row.after.coverage, lang)
        growth = format_number(row.after.coverage - row.before.coverage, lang)
        emit(f"| {row.name} | {before} | {after} | {growth} |")
    return 0
