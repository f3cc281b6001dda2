"""Workflows: a full lifecycle per application with N applications open at once, and baselines.

Each run files N family-card applications (lost card, complete evidence) at one office over a
synthetic Way Kanan register, then takes all N through verify (with ``adminduk.check``), issue,
ship (post), arrive at the district office and collect, phase by phase, so all N are open together. Figures:

- adminduk per lifecycle at 10,000 and 100,000 applications, and the ratio of the two (linear
  growth means a ratio near 1);
- the same with a register change at printing (a data correction applied atomically);
- memory per open application (tracemalloc, shipped: four actions in its history);
- baselines in the same run, all calling ``check`` on verify: a plain dict transition table,
  transitions with a machine per application, and transitions with ``add_model`` on one machine
  (quadratic, so measured at smaller sizes and shown as a curve).

Run: ``make bench``, or ``--smoke`` for tiny sizes.
"""

from __future__ import annotations

import datetime
import functools
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Figure, Report, arguments, compare, gc_paused, publish
from bench_simulation import FloorOffice
from transitions import Machine

from adminduk import Registry, check
from adminduk.applications import Actor, Role
from adminduk.documents import Channel, Delivery, Evidence, Form
from adminduk.register.events import DataCorrection
from adminduk.simulation import synthesize_population
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
LIFECYCLE_TARGET_US = 100.0  # issue: under 100 us per lifecycle, excluding the register change
RATIO_TARGET = 1.5  # issue: per-application time at 100k over 10k under 1.5
MEMORY_TARGET = 2048  # issue: under 2 KB per open application
LOST = frozenset({Evidence.POLICE_LETTER, Evidence.FORM_F102, Evidence.KTP_EL})
CHANGE = frozenset({Evidence.FORM_F102, Evidence.KK, Evidence.PROOF_OF_CHANGE})
STAFF = {
    Role.SYSTEM: Actor(id="SYS", role=Role.SYSTEM),
    Role.FRONT_OFFICE: Actor(id="FO-01", role=Role.FRONT_OFFICE),
    Role.REGISTRAR: Actor(id="REG-01", role=Role.REGISTRAR),
    Role.COURIER: Actor(id="POS-01", role=Role.COURIER),
    Role.DISTRICT_OFFICER: Actor(id="KEC-01", role=Role.DISTRICT_OFFICER),
}


def subjects(registry: Registry, variant: str, evidence: frozenset[Evidence]) -> list[str]:
    """Residents whose application of ``variant`` passes the checker (a pool to cycle through)."""
    pool = []
    for resident in sorted(registry.residents(), key=lambda r: r.nik):
        draft = draft_for(resident.nik, variant, evidence)
        if check(draft, registry, on=ON).ok:
            pool.append(resident.nik)
        if len(pool) == 5_000:
            break
    return pool


def draft_for(subject: str, variant: str, evidence: frozenset[Evidence]) -> Form:
    return Form(
        document="KK",
        variant=variant,
        channel=Channel.WHATSAPP,
        subject=subject,
        applicant=subject,
        evidence=evidence,
        delivery=Delivery.POST,
    )


def adminduk_lifecycles(
    registry: Registry,
    pool: list[str],
    count: int,
    *,
    change: bool,
    keep: list[Any],
    make: Callable[[str, Registry], Office] = Office,
) -> float:
    """Seconds for ``count`` lifecycles through an Office (or ``make``'s), all open at once."""
    office = make("18.08", registry)
    variant, evidence = ("change", CHANGE) if change else ("lost", LOST)
    drafts = [draft_for(pool[i % len(pool)], variant, evidence) for i in range(count)]
    at = START
    start = time.perf_counter()
    apps = [office.submit(d, actor=STAFF[Role.SYSTEM], at=at) for d in drafts]
    apps = [office.verify(a, actor=STAFF[Role.FRONT_OFFICE], at=at) for a in apps]
    if change:
        day = at.date()
        apps = [
            office.issue(
                a,
                actor=STAFF[Role.REGISTRAR],
                at=at,
                event=DataCorrection(
                    nik=a.form.subject or "", occurred_on=day, recorded_on=day, name=f"Nama {i}"
                ),
            )
            for i, a in enumerate(apps)
        ]
    else:
        apps = [office.issue(a, actor=STAFF[Role.REGISTRAR], at=at) for a in apps]
    apps = [office.ship(a, actor=STAFF[Role.COURIER], at=at) for a in apps]
    apps = [office.arrive(a, actor=STAFF[Role.DISTRICT_OFFICER], at=at) for a in apps]
    apps = [
        office.collect(a, actor=STAFF[Role.DISTRICT_OFFICER], at=at, collector=a.form.subject)
        for a in apps
    ]
    seconds = time.perf_counter() - start
    keep.append(office)
    return seconds


def open_bytes(registry: Registry, pool: list[str], count: int) -> float:
    """Bytes per open (shipped) application held by an office, by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    office = Office("18.08", registry)
    before = tracemalloc.get_traced_memory()[0]
    at = START
    for i in range(count):
        app = office.submit(
            draft_for(pool[i % len(pool)], "lost", LOST), actor=STAFF[Role.SYSTEM], at=at
        )
        app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at)
        app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=at)
        office.ship(app, actor=STAFF[Role.COURIER], at=at)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count


# --- baselines ------------------------------------------------------------------------------

TABLE = {
    ("submit", None): "SUBMITTED",
    ("verify", "SUBMITTED"): "VERIFIED",
    ("issue", "VERIFIED"): "PRINTED",
    ("ship", "PRINTED"): "SHIPPED",
    ("arrive", "SHIPPED"): "ARRIVED",
    ("collect", "ARRIVED"): "COLLECTED",
}


def floor_office(code: str, registry: Registry) -> Office:
    """The simulation benchmark's floor: a dict table doing the same check, guards, records."""
    return FloorOffice(code, registry, STAFF.values())


def dict_lifecycles(registry: Registry, pool: list[str], count: int) -> float:
    """A plain dict transition table over dict records, with check() on verify."""
    drafts = [draft_for(pool[i % len(pool)], "lost", LOST) for i in range(count)]

    def fire(record: dict[str, Any], trigger: str, actor: str) -> None:
        dest = TABLE.get((trigger, record["status"]))
        if dest is None:
            raise ValueError(trigger)
        record["status"] = dest
        record["history"].append((trigger, actor, START))

    start = time.perf_counter()
    records = []
    for draft in drafts:
        record: dict[str, Any] = {"form": draft, "status": None, "history": []}
        fire(record, "submit", "SYS")
        records.append(record)
    for record in records:
        if not check(record["form"], registry, on=ON).ok:
            raise ValueError("incomplete")
        fire(record, "verify", "FO-01")
    steps = (("issue", "REG-01"), ("ship", "POS-01"), ("arrive", "KEC-01"), ("collect", "KEC-01"))
    for trigger, actor in steps:
        for record in records:
            fire(record, trigger, actor)
    return time.perf_counter() - start


_STATES = ["DRAFT", "SUBMITTED", "VERIFIED", "PRINTED", "SHIPPED", "ARRIVED", "COLLECTED"]
_TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "submit", "source": "DRAFT", "dest": "SUBMITTED"},
    {"trigger": "verify", "source": "SUBMITTED", "dest": "VERIFIED", "conditions": "complete"},
    {"trigger": "issue", "source": "VERIFIED", "dest": "PRINTED"},
    {"trigger": "ship", "source": "PRINTED", "dest": "SHIPPED"},
    {"trigger": "arrive", "source": "SHIPPED", "dest": "ARRIVED"},
    {"trigger": "collect", "source": "ARRIVED", "dest": "COLLECTED"},
]


class _Model:
    """An application as a transitions model (what naive use looks like)."""

    def __init__(self, form: Form, registry: Registry) -> None:
        self.form = form
        self.registry = registry

    def complete(self) -> bool:
        return check(self.form, self.registry, on=ON).ok


def _fire_all(models: list[Any]) -> None:
    for name in ("submit", "verify", "issue", "ship", "arrive", "collect"):
        for model in models:
            if not getattr(model, name)():
                raise ValueError(name)


def machine_per_object(registry: Registry, pool: list[str], count: int) -> float:
    drafts = [draft_for(pool[i % len(pool)], "lost", LOST) for i in range(count)]
    start = time.perf_counter()
    models = []
    for draft in drafts:
        model = _Model(draft, registry)
        Machine(
            model=model,
            states=_STATES,
            transitions=_TRANSITIONS,
            initial="DRAFT",
            auto_transitions=False,
        )
        models.append(model)
    _fire_all(models)
    return time.perf_counter() - start


def add_model(registry: Registry, pool: list[str], count: int) -> float:
    drafts = [draft_for(pool[i % len(pool)], "lost", LOST) for i in range(count)]
    start = time.perf_counter()
    machine = Machine(
        model=None,
        states=_STATES,
        transitions=_TRANSITIONS,
        initial="DRAFT",
        auto_transitions=False,
    )
    models = []
    for draft in drafts:
        model = _Model(draft, registry)
        machine.add_model(model)
        models.append(model)
    _fire_all(models)
    return time.perf_counter() - start


def best(run: Callable[[], float], repeats: int) -> float:
    """Median of ``repeats`` runs of a function that returns its own timing."""
    times = sorted(run() for _ in range(repeats))
    return times[len(times) // 2]


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    small, large = (200, 2_000) if args.smoke else (10_000, 100_000)
    quadratic = (100, 200, 400) if args.smoke else (2_500, 5_000, 10_000, 20_000)
    repeats = 1 if args.smoke else 3
    registry = synthesize_population("18.08.15", seed=1, scale=0.05 if args.smoke else 0.5)
    pool = subjects(registry, "lost", LOST)
    change_pool = subjects(registry, "change", CHANGE)
    # Every run issues records into the register it runs on; memory is measured on a copy no
    # run has touched, so it counts what one application holds, not the register's growth.
    pristine = Registry.replay(registry.journal, area=registry.area)
    report = Report(
        f"Workflows (a lifecycle: submit, verify with check, issue, ship, arrive, collect; median of {repeats})"
    )

    per_app: dict[int, float] = {}
    for count in (small, large):
        keep: list[Any] = []
        seconds = best(
            functools.partial(adminduk_lifecycles, registry, pool, count, change=False, keep=keep),
            repeats,
        )
        keep.clear()
        per_app[count] = seconds / count * 1e6
        report.add(
            Figure(
                f"adminduk lifecycle, {count:,} open",
                per_app[count],
                "us/app",
                f"< {LIFECYCLE_TARGET_US:.0f}",
                per_app[count] < LIFECYCLE_TARGET_US,
                "no register change; check() included",
            )
        )
    ratio = per_app[large] / per_app[small]
    report.add(
        Figure(
            f"per-app time {large:,} / {small:,}",
            ratio,
            "x",
            f"< {RATIO_TARGET}",
            ratio < RATIO_TARGET,
            "linear growth gives about 1",
        )
    )
    for count in (small, large):
        fresh = Registry.replay(registry.journal, area=registry.area)
        seconds = best(
            functools.partial(
                adminduk_lifecycles, fresh, change_pool, count, change=True, keep=[]
            ),
            1,
        )
        report.add(
            Figure(
                f"adminduk lifecycle with register change, {count:,} open",
                seconds / count * 1e6,
                "us/app",
                note="a DataCorrection applied atomically on issue",
            )
        )
    # The issue's ratio: adminduk over the dict table, alternated round by round in this
    # process (process CPU time), with the cyclic collector running and paused by the caller.
    for paused in (False, True):

        def ours(paused: bool = paused) -> None:
            with gc_paused(paused):
                adminduk_lifecycles(registry, pool, small, change=False, keep=[])

        def table(paused: bool = paused) -> None:
            with gc_paused(paused):
                dict_lifecycles(registry, pool, small)

        def floor(paused: bool = paused) -> None:
            with gc_paused(paused):
                adminduk_lifecycles(
                    registry, pool, small, change=False, keep=[], make=floor_office
                )

        rounds = compare(
            {"adminduk": ours, "dict": table, "floor": floor}, rounds=2 if args.smoke else 5
        )
        median, _, _ = rounds.ratio("adminduk", "dict")
        floor_median, _, _ = rounds.ratio("adminduk", "floor")
        collector = "paused by the caller" if paused else "running"
        report.add(
            Figure(
                f"adminduk / dict table, {small:,} open, collector {collector}",
                median,
                "x",
                "<= 3x",
                median <= 3.0,
                f"{rounds.describe('adminduk', 'dict')}; adminduk "
                f"{rounds.median_cpu('adminduk') / small * 1e6:.0f} us CPU per lifecycle, "
                f"the table {rounds.median_cpu('dict') / small * 1e6:.0f} us",
            )
        )
        report.add(
            Figure(
                f"adminduk / floor office (the table with the same guards and register "
                f"records), {small:,} open, collector {collector}",
                floor_median,
                "x",
                note=f"{rounds.describe('adminduk', 'floor')}; the floor "
                f"{rounds.median_cpu('floor') / small * 1e6:.0f} us CPU per lifecycle",
            )
        )
    memory = open_bytes(pristine, pool, small)
    report.add(
        Figure(
            f"memory per open application ({small:,} shipped)",
            memory,
            "B",
            f"< {MEMORY_TARGET:,}",
            memory < MEMORY_TARGET,
            "tracemalloc; four actions in each history",
        )
    )
    for count in (small, large):
        seconds = best(functools.partial(dict_lifecycles, registry, pool, count), repeats)
        us = seconds / count * 1e6
        report.add(
            Figure(
                f"dict transition table, {count:,} open",
                us,
                "us/app",
                note=f"adminduk costs {per_app[count] / us:.2f}x (history, roles, guards, immutability)",
            )
        )
    for count in (small, large):
        seconds = best(functools.partial(machine_per_object, registry, pool, count), 1)
        us = seconds / count * 1e6
        report.add(
            Figure(
                f"transitions, a machine per application, {count:,}",
                us,
                "us/app",
                note=f"{us / per_app[count]:.1f}x adminduk",
            )
        )
    for count in quadratic:
        seconds = best(functools.partial(add_model, registry, pool, count), 1)
        report.add(
            Figure(
                f"transitions, add_model on one machine, {count:,}",
                seconds / count * 1e6,
                "us/app",
                note="per-app time grows with the count (quadratic total)",
            )
        )
    publish(args, ["adminduk", "transitions"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
