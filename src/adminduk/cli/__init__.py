"""Command line: ``python -m adminduk`` (or ``adminduk``).

Commands: ``demo`` (synthesize Way Kanan, run its office for a month, print the tables),
``check`` (a form or application file -> everything missing), ``nik`` (validate and describe
NIKs), ``catalogue`` (the service catalogue, Markdown or JSON), ``region`` (describe a region
code and list what lies below it), ``diagram`` (a document type's workflow as a Mermaid diagram),
``table`` (the population table of a register file), ``national`` (a synthetic country as a
Dask job writing Parquet, and its tables by DuckDB; the ``scale`` extra) and ``store`` (an office
key, the head digest to write down, a whole check of a store) ``print`` (the signing key
pair of printed documents; the ``print`` extra), ``balance`` (monthly population balances that
add up) ``coverage`` (KTP-el coverage growth between two days) and ``outreach`` (whom to record, and a
team's visit days), ``staff`` (the smallest staffing meeting a service level) and ``duplicates``
(pairs of residents who may be one person; the ``linkage`` extra). Bad input gives one
clear line on standard error and exit status 1, never a traceback. One function per command, in
:mod:`adminduk.cli._commands`, :mod:`adminduk.cli._demo`, :mod:`adminduk.cli._national`,
:mod:`adminduk.cli._store`, :mod:`adminduk.cli._print`,
:mod:`adminduk.cli._history`, :mod:`adminduk.cli._outreach` and :mod:`adminduk.cli._duplicates`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from adminduk.cli._commands import (
    Emit,
    catalogue_command,
    check_command,
    diagram_command,
    nik_command,
    region_command,
    table_command,
)
from adminduk.cli._demo import demo_command
from adminduk.cli._duplicates import add_duplicates_parser, duplicates_command
from adminduk.cli._history import add_history_parsers, balance_command, coverage_command
from adminduk.cli._national import add_national_parser, national_command
from adminduk.cli._outreach import (
    add_outreach_parser,
    add_staff_parser,
    outreach_command,
    staff_command,
)
from adminduk.cli._print import add_print_parser, print_command
from adminduk.cli._store import add_store_parser, store_command
from adminduk.errors import AdmindukError

__all__ = ["main"]

#: Each command's function, by name.
COMMANDS: dict[str, Callable[[argparse.Namespace, Emit], int]] = {
    "demo": demo_command,
    "check": check_command,
    "table": table_command,
    "nik": nik_command,
    "catalogue": catalogue_command,
    "region": region_command,
    "diagram": diagram_command,
    "national": national_command,
    "duplicates": duplicates_command,
    "store": store_command,
    "print": print_command,
    "balance": balance_command,
    "coverage": coverage_command,
    "outreach": outreach_command,
    "staff": staff_command,
}


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="adminduk", description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="synthesize Way Kanan, run its office, print tables")
    demo.add_argument("--scale", type=float, default=1.0, help="share of the 2025 population")
    demo.add_argument("--days", type=int, default=31, help="days of the office to simulate")
    demo.add_argument("--seed", type=int, default=2026)
    checking = commands.add_parser("check", help="everything an application file still lacks")
    checking.add_argument(
        "application", type=Path, help="an adminduk/form or adminduk/application JSON file"
    )
    checking.add_argument("--register", type=Path, default=None, help="a register JSON file")
    checking.add_argument("--lang", choices=("id", "en"), default="id")
    checking.add_argument("--on", type=_date, default=datetime.date(2026, 1, 1))
    tabling = commands.add_parser("table", help="the population table of a register file")
    tabling.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    tabling.add_argument("--region", default=None, help="region code (default: the area)")
    tabling.add_argument("--by", choices=("district", "village"), default="district")
    tabling.add_argument("--lang", choices=("id", "en"), default="id")
    check = commands.add_parser("nik", help="validate and describe NIKs")
    check.add_argument("numbers", nargs="+", metavar="NIK")
    listing = commands.add_parser("catalogue", help="print the service catalogue")
    listing.add_argument("--lang", choices=("id", "en"), default="id")
    listing.add_argument("--json", action="store_true", help="JSON records instead of Markdown")
    region = commands.add_parser("region", help="describe a region and list its children")
    region.add_argument("code")
    region.add_argument("--as-of", type=int, default=None, help="year of the code list to use")
    drawing = commands.add_parser("diagram", help="a workflow as a Mermaid state diagram")
    drawing.add_argument(
        "documents", nargs="*", metavar="CODE", help="document codes (default all)"
    )
    drawing.add_argument("--markdown", action="store_true", help="Markdown sections with fences")
    add_national_parser(commands)
    add_store_parser(commands)
    add_print_parser(commands)
    add_history_parsers(commands, _date)
    add_outreach_parser(commands, _date)
    add_staff_parser(commands)
    add_duplicates_parser(commands)
    for sub in (demo, check):
        sub.add_argument(
            "--on",
            type=_date,
            default=datetime.date(2026, 1, 1),
            help="reference date for ages and the NIK century rule (default 2026-01-01)",
        )
    return parser


def _print(line: str) -> None:
    print(line, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, _print)
    except AdmindukError as error:
        print(f"adminduk: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader left (``| head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit would fail too
        return 141
