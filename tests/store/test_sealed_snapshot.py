"""A sealed snapshot is read without re-running the records' checks: it must give the same office.

With the office key, a snapshot's HMAC proves the store wrote it from records that passed
their classes' checks, so it is read without them (issue 32: opening speed). These tests hold
that reading to the checked one: a simulated month's office (births, deaths, marriages, moves,
issued documents of every kind) opened from its sealed snapshot equals the same office rebuilt
from the log, and a snapshot whose seal does not hold is never read that way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adminduk.errors import StoreError
from adminduk.samples import sample_staff
from adminduk.simulation import simulate_office, synthesize_population
from adminduk.store import open_office
from adminduk.workflows import Office

KEY = b"an office key of thirty-two byte"


def _month(path: Path) -> tuple[Office, int]:
    """A small district's month through a keyed store; the snapshot written at its end."""
    registry = synthesize_population("18.08.15", seed=7, scale=0.1)
    office = open_office(path, code="18.08", registry=registry, key=KEY, staff=sample_staff())
    simulate_office(office.registry, days=20, seed=7, office=office)
    store = office.recorder
    assert store is not None
    position = store.snapshot(office)  # type: ignore[attr-defined]
    return office, position


def test_a_sealed_snapshot_reads_back_the_office_the_log_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office from the sealed snapshot (read unchecked) equals the office from the log
    (every record checked, every rule replayed): register, applications, numbering."""
    from adminduk.store._snapshot import read_snapshot

    path = tmp_path / "office.db"
    office, position = _month(path)
    applications = dict(office.applications)
    office.close()
    reads: list[tuple[int, bool]] = []

    def spy(data: bytes, **kwargs: Any) -> Any:
        found = read_snapshot(data, **kwargs)
        reads.append((kwargs["position"], kwargs["sealed"] and found is not None))
        return found

    monkeypatch.setattr("adminduk.store._base.read_snapshot", spy)
    with open_office(path, code="18.08", key=KEY) as sealed:
        assert reads == [(position, True)]  # read from the sealed snapshot, unchecked
        with open_office(path, code="18.08", key=KEY, use_snapshot=False) as rebuilt:
            assert sealed.registry == rebuilt.registry
            assert dict(sealed.applications) == dict(rebuilt.applications) == applications
            sealed.registry.check()  # every rule holds in what was read (raises if not)
            kinds = {type(event).__name__ for event in sealed.registry.journal}
            assert {"Birth", "FamilyRegistered"} <= kinds


def test_a_snapshot_whose_seal_fails_is_not_read(tmp_path: Path) -> None:
    """Without the right key the store refuses to open; the snapshot is never read unchecked."""
    path = tmp_path / "office.db"
    office, _ = _month(path)
    office.close()
    with pytest.raises(StoreError, match="key"):
        open_office(path, code="18.08", key=b"x" * 32)
    with pytest.raises(StoreError, match="key"):
        open_office(path, code="18.08")
