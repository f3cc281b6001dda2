"""``adminduk print key|public``: the office's signing key pair for printed documents.

``key FILE --code C`` makes a new Ed25519 key pair for office ``C`` in a new file (mode 0600)
and writes its public half beside it (``FILE.pub``, one line to publish); ``public FILE``
prints the public half of an existing key. Needs the ``print`` extra (fpdf2, segno,
cryptography).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from adminduk import regions

__all__ = ["add_print_parser", "print_command"]


def add_print_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``print`` command and its subcommands."""
    printing = commands.add_parser("print", help="the signing key pair of printed documents")
    actions = printing.add_subparsers(dest="action", required=True)
    key = actions.add_parser("key", help="make a new key pair in a new file (mode 0600)")
    key.add_argument("file", type=Path)
    key.add_argument("--code", required=True, help="the office's region code (18.08)")
    public = actions.add_parser("public", help="print the public key line of a key file")
    public.add_argument("file", type=Path)


def print_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Run one ``print`` subcommand."""
    from adminduk.printing import OfficeKey  # noqa: PLC0415 - the optional extra (MissingExtra)

    if args.action == "key":
        code = regions.normalize(args.code)
        regions.get(code)
        key = OfficeKey.generate(code)
        key.save(args.file)
        public = Path(f"{args.file}.pub")
        public.write_text(key.public.to_text() + "\n", encoding="utf-8")
        emit(f"key written to {args.file} (mode 0600); publish {public}")
        return 0
    emit(OfficeKey.load(args.file).public.to_text())
    return 0
