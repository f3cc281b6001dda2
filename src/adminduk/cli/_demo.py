"""The ``demo`` command: synthesize Way Kanan, run its office for a month, print the tables.

Lines are printed as they are produced (the first at once), so the tour streams. The command owns
its process, so it pauses the cyclic garbage collector while it builds millions of small
acyclic objects (the library's own functions never do).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator

from adminduk import regions, serialization
from adminduk._privacy import mask
from adminduk.applications import Status
from adminduk.cli._commands import Emit, describe_nik
from adminduk.codes import Relationship, Sex
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik
from adminduk.register import Registry
from adminduk.register.events import Birth, Death
from adminduk.simulation import simulate_office, synthesize_population
from adminduk.simulation.tables import AGE_BANDS, district_shares
from adminduk.statistics import format_number, ktp_el_coverage, population_table, service_metrics
from adminduk.workflows import dashboard

__all__ = ["demo_command"]

# Synthetic NIKs for the demo: composed from a district, a made-up birth date and a serial.
_DEMO_PEOPLE = (
    ("18.08.01", datetime.date(2005, 1, 1), Sex.FEMALE, 1),
    ("18.08.15", datetime.date(1987, 8, 17), Sex.MALE, 12),
    ("18.08.04", datetime.date(1930, 6, 20), Sex.MALE, 2),
)
_DEMO_BAD = (
    "180801410105000",  # 15 digits
    "1808013202050001",  # 32 February
    "1808012902010001",  # 29 February 2001 / 1901
    "1808014101050000",  # serial 0000
    "1808994101050001",  # district 18.08.99 in no code list
)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (restored however it ends)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def demo_command(args: argparse.Namespace, emit: Emit) -> int:
    """``demo``: the tour, streamed line by line."""
    on: datetime.date = args.on
    with _collector_paused():
        _identifiers_tour(on, emit)
        _register_tour(on, emit)
        _office_tour(on, emit, scale=args.scale, days=args.days, seed=args.seed)
    return 0


def _identifiers_tour(on: datetime.date, emit: Emit) -> None:
    emit(f"adminduk demo (reference date {on.isoformat()})")
    emit("")
    emit("Synthetic NIKs:")
    for region_code, birth_date, sex, serial in _DEMO_PEOPLE:
        number = nik.compose(
            region_code=region_code, birth_date=birth_date, sex=sex, serial=serial
        )
        describe_nik(number, on, emit)
    emit("")
    emit("Numbers the library refuses (messages mask all but the region part):")
    for number in _DEMO_BAD:
        describe_nik(number, on, emit)
    regency = regions.get("18.08")
    figures = regions.population(regency.code)
    emit("")
    emit(
        f"{regency.name} ({regency.code}), {regions.get(regency.parent_code or '').name}: "
        f"{figures.total:,} people in 2025 ({figures.male:,} male, {figures.female:,} female)"
    )
    then = {r.code for r in regions.children(regency.code, as_of=2020)}
    for district in regions.children(regency.code):
        villages = len(regions.children(district.code))
        note = "" if district.code in then else "  (created after 2020)"
        emit(f"  {district.code}  {district.name:<16} {villages:>3} villages{note}")


def _progress(label: str) -> Callable[[int, int], None]:
    """A progress bar on standard error when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        filled = 30 * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(
            f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def _office_tour(on: datetime.date, emit: Emit, *, scale: float, days: int, seed: int) -> None:
    """Synthesize Way Kanan, run its office, and print what an analyst would publish."""
    emit("")
    emit(f"Synthesizing Way Kanan at scale {scale:g} ...")
    started = time.perf_counter()
    registry = synthesize_population("18.08", seed=seed, scale=scale, on=on)
    made = time.perf_counter() - started
    emit(
        f"Way Kanan synthesized at scale {scale:g}: {len(registry.residents()):,} residents in "
        f"{len(registry.families()):,} families ({made:.1f} s), every rule checked"
    )
    emit(f"  SYNTHETIC: invented people; districts split by {district_shares('18.08').source};")
    emit("  ages as Indonesia's 2020 census (SP2020) five-year shares")
    emit("")
    table = population_table(registry, "18.08", on=on)
    emit(
        "Population by district, SYNTHETIC (Tabel: penduduk berdasarkan kecamatan dan jenis "
        "kelamin, data sintetis):"
    )
    emit(table.render(lang="id"))
    emit("")
    emit("Ages, SYNTHETIC register against the 2020 census (SP2020), % of residents:")
    ages = [person.age(on) for person in registry.residents()]
    for band in AGE_BANDS:
        high = band.high if band.low < 65 else 200
        made_share = 100 * sum(band.low <= age <= high for age in ages) / max(1, len(ages))
        label = f"{band.low}-{band.high}" if band.low < 65 else "65+"
        emit(f"  {label:>6}  {made_share:5.2f}  (SP2020 {band.share:5.2f})")
    emit("")
    started = time.perf_counter()
    run = simulate_office(
        registry,
        days=days,
        seed=seed,
        start=on + datetime.timedelta(days=1),
        progress=_progress("office days"),
    )
    spent = time.perf_counter() - started
    applications = run.applications
    metrics = service_metrics(applications)
    statuses = Counter(app.status for app in applications)
    last = run.days[-1].day if run.days else on
    emit(
        f"The office for {days} days, SIMULATED ({spent:.1f} s): {metrics.applications:,} "
        f"applications, {metrics.online_share:.0%} online"
    )
    emit(
        "  "
        + ", ".join(
            f"{status.value} {statuses[status]:,}" for status in Status if statuses[status]
        )
    )
    emit(
        f"  lead time submit->collect: median {metrics.lead_hours[0] / 24:.1f} days, "
        f"p90 {metrics.lead_hours[1] / 24:.1f} days"
    )
    emit(
        f"  printed within the service level: {metrics.compliance:.0%}; complete the first "
        f"time: {metrics.first_time_complete:.0%}; returns per application: {metrics.rounds:.2f}"
    )
    emit("")
    emit("KTP-el recording coverage per district, SYNTHETIC (recorded / required):")
    for row in ktp_el_coverage(registry, "18.08", on=last):
        emit(
            f"  {row.code}  {row.name:<16} {format_number(row.recorded, 'id'):>8} / "
            f"{format_number(row.required, 'id'):>8}  {format_number(row.coverage, 'id'):>6} %"
        )
    board = dashboard(applications, at=datetime.datetime.combine(last, datetime.time(8)))
    emit("")
    emit("This morning's dashboard (simulated office):")
    emit(board.render())


def _register_tour(on: datetime.date, emit: Emit) -> None:
    """Synthesize a small register, apply life events, and round-trip it through JSON."""
    registry = synthesize_population("18.08.15", counts={"18.08.15": (600, 580)}, seed=2026, on=on)
    families = list(registry.families())
    emit("")
    emit(
        f"A synthetic register of Umpu Semenguk (18.08.15): {len(registry.residents()):,} "
        f"residents in {len(families):,} families, every rule checked"
    )
    couple = next(
        f for f in families if any(m.relationship is Relationship.WIFE for m in f.members)
    )
    wife = next(m.nik for m in couple.members if m.relationship is Relationship.WIFE)
    later = on + datetime.timedelta(days=30)
    birth = registry.apply(
        Birth(
            occurred_on=later,
            recorded_on=later + datetime.timedelta(days=5),
            name="Bayu Pratama",
            sex=Sex.MALE,
            birth_place="Blambangan Umpu",
            mother=wife,
            father=couple.head,
        )
    )
    place = registry.family(couple.number).member(birth.nik or "").relationship
    emit(
        f"  birth recorded: NIK {nik.format(birth.nik or '')} allocated; joins KK "
        f"{mask(couple.number)} as {place.label} ({place.label_en.lower()})"
    )
    # The newborn named head, with every other member's place relative to him given (F-1.01):
    # refused all the same, by the age rule.
    places = {
        m.nik: Relationship.PARENT if m.nik == wife else Relationship.OTHER_RELATIVE
        for m in registry.family(couple.number).members
        if m.nik not in (couple.head, birth.nik)
    }
    try:
        registry.apply(
            Death(
                occurred_on=later,
                recorded_on=later,
                nik=couple.head,
                new_head=birth.nik,
                relationships=places,
            )
        )
    except AdmindukError as error:
        emit(f"  refused, register unchanged: {error}")
    text = serialization.dumps(registry)
    same = serialization.loads(text, Registry) == registry
    emit(f"  JSON: {len(text) / 1e6:.1f} MB; loads(dumps(register)) == register: {same}")
