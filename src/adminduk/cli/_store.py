"""``adminduk store key|head|verify``: the office key, the head to write down, a whole check.

``key FILE`` makes a new office key in a new file (mode 0600); ``head TARGET --code C`` prints
the log's last position and digest (write it down daily, away from the store); ``verify TARGET
--code C`` checks everything the store holds against its log (``--head`` a head written down
earlier, ``--key`` the key file of a sealed store). Damage is one line naming its position, and
exit status 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from adminduk.store import HeadDigest, Store, open_office, read_key, write_key

__all__ = ["add_store_parser", "store_command"]


def add_store_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``store`` command and its three subcommands."""
    store = commands.add_parser("store", help="office key, head digest and verification")
    actions = store.add_subparsers(dest="action", required=True)
    key = actions.add_parser("key", help="make a new office key in a new file (mode 0600)")
    key.add_argument("file", type=Path)
    for name, text in (
        ("head", "print the log's last position and digest, to write down elsewhere"),
        ("verify", "check everything the store holds against its log"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("target", help="a SQLite file or a PostgreSQL URL")
        action.add_argument("--code", required=True, help="the office's region code (18.08)")
        action.add_argument("--key", type=Path, default=None, help="the office key file")
        if name == "verify":
            action.add_argument("--head", default=None, help="a head written down earlier")


def store_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Run one ``store`` subcommand."""
    if args.action == "key":
        write_key(args.file)
        emit(f"office key written to {args.file} (mode 0600); keep a copy somewhere safe")
        return 0
    key = None if args.key is None else read_key(args.key)
    head = None if getattr(args, "head", None) is None else HeadDigest.parse(args.head)
    with open_office(args.target, code=args.code, key=key, read_only=True) as office:
        store = office.recorder
        assert isinstance(store, Store)
        if args.action == "verify":
            last = store.verify(head=head)
            emit(f"verified: {last} rows, snapshot and indexes agree with the log")
        emit(str(store.head_digest()))
    return 0
