"""A small seeded fuzzer: bounded loops of mutated inputs, and what counts as a finding.

A finding is anything the promise excludes: an exception that is not an ``AdmindukError``, a
message, ``repr()`` or log record with a run of 16 digits or longer than the bound, or a refused
change that changed something. Each target returns a :class:`Tally`; the tests run the targets
small (a few seconds), ``make fuzz`` runs them at volume (``python -m tests.fuzz``).
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from adminduk.errors import AdmindukError

DIGIT_RUN = re.compile(r"\d{16}")
#: The longest message or repr accepted (adminduk cuts its own at 600 and 2,400 characters).
MAX_MESSAGE = 600
MAX_REPR = 2_400


@dataclass
class Tally:
    """What one target tried and found."""

    target: str
    inputs: int = 0
    refused: int = 0
    findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def find(self, what: str) -> None:
        """Record a finding (the first 50 are kept)."""
        if len(self.findings) < 50:
            self.findings.append(what)


def private(text: str, bound: int) -> str | None:
    """Why ``text`` breaks the privacy promise, or ``None``."""
    if DIGIT_RUN.search(text):
        return "a run of 16 digits"
    if len(text) > bound:
        return f"{len(text):,} characters"
    return None


def attempt(tally: Tally, label: str, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Run ``action``: (True, result) or (False, None) when refused with an AdmindukError.

    Any other exception, and any refusal message that breaks the privacy promise, is a finding.
    """
    tally.inputs += 1
    try:
        return True, action()
    except AdmindukError as error:
        tally.refused += 1
        problem = private(str(error), MAX_MESSAGE)
        if problem:
            tally.find(f"{label}: message with {problem}: {str(error)[:120]!r}")
        return False, None
    except Exception as error:
        tally.find(f"{label}: {type(error).__name__}: {str(error)[:200]}")
        return False, None


def check_repr(tally: Tally, label: str, value: object) -> None:
    """A finding if ``repr(value)`` breaks the privacy promise."""
    problem = private(repr(value), MAX_REPR)
    if problem:
        tally.find(f"{label}: repr with {problem}")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextmanager
def watched(tally: Tally) -> Iterator[random.Random]:
    """Time the target and scan every log record emitted meanwhile."""
    handler = _Records()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    started = time.perf_counter()
    try:
        yield random.Random(tally.target)
    finally:
        tally.seconds = time.perf_counter() - started
        root.removeHandler(handler)
        root.setLevel(previous)
        for message in handler.records:
            problem = private(message, MAX_MESSAGE)
            if problem:
                tally.find(f"log record with {problem}")


# --- mutations ------------------------------------------------------------------------------

STRANGE_TEXT = (
    "",
    " ",
    "\u00a0",
    "\u2028",
    "\u200b",
    "١٢٣",
    "𝟙𝟠𝟘𝟠",
    "x" * 5_000,
    "1808014101050001",
    "18.08.01.410105.0001",
    "\ud800",
    "null",
    "<script>",
)


def strange_value(rng: random.Random) -> Any:
    """A value of a surprising type or size."""
    choice = rng.randrange(14)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice((True, False))
    if choice == 2:
        return rng.choice((0, -1, 1, 2**63, 10**20, 1808014101050001))
    if choice == 3:
        return rng.choice((1.0, -0.5, 1e308))
    if choice == 4:
        return []
    if choice == 5:
        return {}
    if choice == 6:
        return [strange_value(rng)]
    if choice == 7:
        return {"1808014101050001": 1}
    if choice == 8:
        return "2026-W01-1"
    if choice == 9:
        return "9999-99-99"
    return rng.choice(STRANGE_TEXT)


def mutate_tree(value: Any, rng: random.Random, depth: int = 0) -> Any:
    """Copy a JSON tree with one random change somewhere in it."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(sorted(value, key=str))
        changed: dict[Any, Any] = dict(value)
        action = rng.randrange(6)
        if action == 0:
            del changed[key]
        elif action == 1:
            changed[key] = strange_value(rng)
        elif action == 2:
            changed[rng.choice(("extra", "1808014101050001", key + "_"))] = strange_value(rng)
        elif action == 3 and len(value) > 1:
            other = rng.choice([k for k in sorted(value, key=str) if k != key])
            changed[key], changed[other] = value[other], value[key]
        else:
            changed[key] = mutate_tree(value[key], rng, depth + 1)
        return changed
    if isinstance(value, list) and value and rng.random() < 0.8:
        items: list[Any] = list(value)
        index = rng.randrange(len(value))
        action = rng.randrange(5)
        if action == 0:
            del items[index]
        elif action == 1:
            items.insert(index, items[index])  # a duplicated entry
        elif action == 2:
            rng.shuffle(items)  # reordered
        elif action == 3:
            items[index] = strange_value(rng)
        else:
            items[index] = mutate_tree(value[index], rng, depth + 1)
        return items
    if isinstance(value, str) and value and rng.random() < 0.5:
        position = rng.randrange(len(value))
        return value[:position] + rng.choice("0123456789x-. ") + value[position + 1 :]
    if isinstance(value, int) and not isinstance(value, bool) and rng.random() < 0.5:
        return rng.choice((value + 1, -value, 99, 0))
    return strange_value(rng)


def deep(levels: int) -> str:
    """JSON nested ``levels`` deep."""
    return "[" * levels + "]" * levels
