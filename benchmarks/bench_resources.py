"""Resource limits: a 10 MB name, a 50 MB document, a journal of 1,000,000 events.

Each case runs in a child process of its own, so its peak memory (max RSS) is its own. Each
either works or fails cleanly (an AdmindukError), in bounded time and memory.
"""

from __future__ import annotations

import datetime
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from _harness import Figure, Report, arguments, publish

from adminduk import Registry, serialization
from adminduk.codes import Education, MaritalStatus, Occupation, Relationship, Religion, Sex
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik
from adminduk.register import Family, Membership, Resident
from adminduk.register.events import DataCorrection, FamilyRegistered
from adminduk.samples import sample_address
from adminduk.simulation import synthesize_population

DAY = datetime.date(2020, 1, 1)


def _single(serial: int, district: str = "18.08.01", name: str = "Budi") -> FamilyRegistered:
    born = datetime.date(1980, 1, 1) + datetime.timedelta(days=serial // 9999)
    number = nik.compose(
        region_code=district, birth_date=born, sex=Sex.MALE, serial=serial % 9999 + 1
    )
    person = Resident(
        nik=number,
        name=name,
        sex=Sex.MALE,
        birth_place="Kasui",
        birth_date=born,
        religion=Religion.ISLAM,
        marital_status=MaritalStatus.SINGLE,
        education=Education.PRIMARY,
        occupation=Occupation.FARMER,
    )
    kk = number[:6] + "010120" + f"{serial % 9999 + 1:04d}"
    kk = kk[:6] + f"{(serial // 9999) % 28 + 1:02d}0120" + kk[12:]
    family = Family(
        number=kk,
        address=sample_address(),
        members=(Membership(nik=number, relationship=Relationship.HEAD, since=DAY),),
    )
    return FamilyRegistered(occurred_on=DAY, recorded_on=DAY, family=family, residents=(person,))


def case_name(size: int) -> str:
    """A resident with a ``size``-character name: registered, written, read back."""
    registry = Registry()
    registry.apply(_single(1, name="Budi " + "x" * size))
    text = serialization.dumps(registry)
    assert serialization.loads(text, Registry) == registry
    assert len(repr(registry.resident(next(iter(registry.residents_by_nik))))) <= 2_400
    return f"works: {len(text) / 1e6:.1f} MB document; repr cut to 2,400 characters"


def case_document(residents: int) -> str:
    """A register document of ``residents`` synthetic residents: read back, and refused when
    its second event is bad."""
    registry = synthesize_population("18.08", seed=3, scale=residents / 495_000)
    text = serialization.dumps(registry)
    started = time.perf_counter()
    assert serialization.loads(text, Registry) == registry
    took = time.perf_counter() - started
    document = json.loads(text)
    document["data"]["journal"][1] = {"type": "death", "nik": 5}
    bad = json.dumps(document)
    started = time.perf_counter()
    try:
        serialization.loads(bad, Registry)
    except AdmindukError:
        refused = time.perf_counter() - started
    else:  # pragma: no cover - the benchmark checks it
        raise AssertionError("a bad second event was accepted")
    return (
        f"works: {len(text) / 1e6:.0f} MB read in {took:.1f} s; with a bad second event refused "
        f"in {refused:.1f} s (JSON parsing dominates)"
    )


def case_journal(events: int) -> str:
    """A journal of ``events`` events (a quarter registrations, the rest data corrections)."""
    registry = Registry()
    people = events // 4
    for serial in range(people):
        registry.apply(_single(serial, district=("18.08.01", "18.08.02", "18.08.03")[serial % 3]))
    numbers = list(registry.residents_by_nik)
    for index in range(events - people):
        day = DAY + datetime.timedelta(days=1 + index // people)
        registry.apply(
            DataCorrection(
                occurred_on=day, recorded_on=day, nik=numbers[index % people], name=f"Nama {index}"
            )
        )
    text = serialization.dumps(registry)
    started = time.perf_counter()
    loaded = serialization.loads(text, Registry)
    took = time.perf_counter() - started
    assert len(loaded.journal) == events
    return f"works: {len(text) / 1e6:.0f} MB, read and replayed in {took:.1f} s"


CASES = {"name": case_name, "document": case_document, "journal": case_journal}


def child(case: str, size: int) -> None:
    """Run one case in this process and print its outcome, seconds and peak memory."""
    started = time.perf_counter()
    outcome = CASES[case](size)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mib": peak}))


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return 0
    args = arguments(__doc__.splitlines()[0])
    sizes = (
        {"name": 10_000, "document": 2_000, "journal": 2_000}
        if args.smoke
        else {"name": 10_000_000, "document": 105_000, "journal": 1_000_000}
    )
    labels = {
        "name": f"a {sizes['name']:,}-character name",
        "document": f"a register document of about {sizes['document']:,} residents",
        "journal": f"a journal of {sizes['journal']:,} events",
    }
    # Bounds on peak memory that a shared 2-core, 24 GiB machine keeps with room to spare.
    bounds = {"name": 1_024, "document": 4_096, "journal": 6_144}
    report = Report("Resource limits (each case in a child process)")
    for case, size in sizes.items():
        result = subprocess.run(
            [sys.executable, str(Path(__file__)), "--child", case, str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        report.add(
            Figure(
                labels[case],
                figures["seconds"],
                "s",
                f"works, peak memory < {bounds[case]:,} MiB",
                figures["outcome"].startswith("works") and figures["peak_mib"] < bounds[case],
                note=f"{figures['outcome']}; peak memory {figures['peak_mib']:,.0f} MiB",
            )
        )
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
