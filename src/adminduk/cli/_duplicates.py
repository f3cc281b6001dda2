"""``adminduk duplicates REGISTER``: the pairs of residents an officer should judge (NIK ganda).

Links the register's living and moved-out residents with the ``linkage`` extra (Splink on
DuckDB): trained on the register itself, or scored with a model saved before (``--model``;
``--save-model`` writes the one trained). Prints the review queue as a Markdown table, heaviest
first, each pair with its match weight and every field's level; NIKs are shown masked to the
district (``--show-nik`` prints them whole, for the officer who merges).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from adminduk import serialization
from adminduk._privacy import mask
from adminduk.cli._commands import read_text
from adminduk.errors import InvalidFormat
from adminduk.register import Registry

__all__ = ["add_duplicates_parser", "duplicates_command"]


def add_duplicates_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``duplicates`` command."""
    found = commands.add_parser("duplicates", help="pairs of residents who may be one person")
    found.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    found.add_argument("--min-weight", type=float, default=None, help="review from this weight")
    found.add_argument("--limit", type=int, default=50, help="pairs to print (default 50)")
    found.add_argument("--model", type=Path, default=None, help="a saved model (no training)")
    found.add_argument("--save-model", type=Path, default=None, help="write the trained model")
    found.add_argument("--show-nik", action="store_true", help="print NIKs whole")


def _shown(number: str, whole: bool) -> str:
    return number if whole else mask(number)


def duplicates_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Print the review queue of a register file."""
    from adminduk.linkage import (  # noqa: PLC0415 - the optional extra (MissingExtra)
        REVIEW_MATCH_WEIGHT,
        TrainedModel,
        link,
        register_table,
    )

    registry = serialization.loads(read_text(args.register), Registry)
    model = None
    if args.model is not None:
        try:
            model = TrainedModel.from_dict(json.loads(read_text(args.model)))
        except json.JSONDecodeError as error:
            raise InvalidFormat(f"{args.model} is not a saved model: {error.msg}") from None
    table = register_table(registry)
    if table.num_rows < 2:
        emit("fewer than two residents: nothing to compare")
        return 0
    result = link(table, model=model)
    if args.save_model is not None:
        args.save_model.write_text(json.dumps(result.model().as_dict(), indent=1) + "\n")
    weight = REVIEW_MATCH_WEIGHT if args.min_weight is None else args.min_weight
    queue = result.review_queue(weight, limit=max(0, args.limit))
    emit(f"{len(queue)} pair(s) at match weight {weight:+.1f} or more")
    emit("| weight | first | second | why |")
    emit("|---:|---|---|---|")
    for item in queue:
        names, born, niks = item.values["name"], item.values["birth_date"], item.values["nik"]
        people = [
            f"{names[side]}, {born[side]:%d-%m-%Y}, {_shown(niks[side], args.show_nik)}"
            for side in (0, 1)
        ]
        why = "; ".join(f"{field.replace('_', ' ')} {level}" for field, level, _ in item.fields)
        emit(f"| {item.weight:+.1f} | {people[0]} | {people[1]} | {why} |")
    return 0
