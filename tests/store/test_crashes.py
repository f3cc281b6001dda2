"""Crash safety: a writer SIGKILLed at random moments loses no acknowledged action.

After each kill the store reopens; every action the child acknowledged is there, nothing is
half-applied (every issued document's register change is in the register), and every rule holds.
Bounded: 8 kills, each after at most 40 acknowledged actions.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from adminduk.applications import Status
from adminduk.samples import sample_registry
from adminduk.store import open_office
from tests.paths import ROOT
from tests.store.contract import store_of


def test_sigkill_at_random_points_loses_nothing_acknowledged(tmp_path: Path) -> None:
    """Kill the writer mid-stream, eight times; reopen and check after each."""
    target = str(tmp_path / "office.db")
    store_of(open_office(target, code="18.08", registry=sample_registry())).close()
    rng = random.Random(20261202)
    acknowledged: list[tuple[str, str]] = []
    for run in range(8):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crashing", target, str(run)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 40)
        for _ in range(wanted):
            line = child.stdout.readline()
            if not line:
                break
            _, kind, what = line.rstrip("\n").split(" ", 2)
            acknowledged.append((kind, what))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        office = open_office(target, code="18.08", use_snapshot=False)
        names = {resident.name for resident in office.registry.residents()}
        for kind, what in acknowledged:
            if kind == "birth":
                assert what in names, (run, what)
            else:
                assert office.get(what).status is Status.PRINTED
        journal = set(office.registry.journal)
        for application in office.applications.values():
            for action in application.history:
                assert all(event in journal for event in action.events)
        office.registry.check()
        if run % 3 == 2:
            store_of(office).snapshot(office)
        store_of(office).close()
    assert len(acknowledged) >= 8
