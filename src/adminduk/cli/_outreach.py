"""``adminduk outreach`` (whom to record, and visit) and ``adminduk staff`` (how many staff).

``outreach FILE --on D [--region C] [--capacity N]``:

Per village: residents who must hold a KTP-el and have not recorded, how many need a visit
(a disability on the family card, age 70 or more) and how many can be summoned; then the
visits as a team's working days of ``--capacity`` residents, from the day after ``--on``.
Names are not printed (the list itself is for the office's own screens): counts and days only.

``staff [--region C --scale S --target T --days N --seed K --front-office F --registrar R]``:
the smallest staffing of a synthetic office's two desks whose seeded run prints ``T`` of the
files owed by their due date, with every staffing tried (``F`` and ``R``: files a day per
person; ``simulation.estimate_throughput`` reads them from an office's histories).
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path

from adminduk import serialization
from adminduk.applications import Role
from adminduk.cli._commands import read_text
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.simulation import plan_staff, synthesize_population
from adminduk.statistics import outreach_list, plan_visits, region_name

__all__ = ["add_outreach_parser", "add_staff_parser", "outreach_command", "staff_command"]


def add_outreach_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    date: Callable[[str], datetime.date],
) -> None:
    """The ``outreach`` command."""
    outreach = commands.add_parser("outreach", help="whom to record, and a team's visit days")
    outreach.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    outreach.add_argument("--on", type=date, required=True, help="the day (YYYY-MM-DD)")
    outreach.add_argument("--region", default=None, help="region code (default: the area)")
    outreach.add_argument("--capacity", type=int, default=8, help="residents a team records a day")


def outreach_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Print the outreach list's counts per village and the visit days."""
    registry = serialization.loads(read_text(args.register), Registry)
    code = args.region or registry.area
    if code is None:
        raise AdmindukError("the register has no area: give --region")
    villages = outreach_list(registry, code, on=args.on)
    plan = plan_visits(
        villages, start=args.on + datetime.timedelta(days=1), capacity=args.capacity
    )
    emit("| village | district | to record | visit | summon |")
    emit("|---|---|---:|---:|---:|")
    for village in villages:
        emit(
            f"| {village.name} | {region_name(village.district)} | {len(village.cases)} "
            f"| {len(village.visits)} | {len(village.summons)} |"
        )
    emit("")
    for visit in plan:
        stops = ", ".join(f"{region_name(code)} ({len(cases)})" for code, cases in visit.stops)
        emit(f"{visit.day.isoformat()}: {stops}")
    return 0


def add_staff_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``staff`` command."""
    staff = commands.add_parser("staff", help="the smallest staffing meeting a service level")
    staff.add_argument("--region", default="18.08.15", help="district or regency to synthesize")
    staff.add_argument("--scale", type=float, default=0.3, help="share of its 2025 population")
    staff.add_argument("--target", type=float, default=0.8, help="share printed by due date")
    staff.add_argument("--days", type=int, default=30)
    staff.add_argument("--seed", type=int, default=3)
    staff.add_argument("--front-office", type=int, default=3, help="files a day per operator")
    staff.add_argument("--registrar", type=int, default=6, help="files a day per registrar")


def staff_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Plan the staffing of a SYNTHETIC office and print it with every staffing tried."""
    registry = synthesize_population(args.region, seed=args.seed, scale=args.scale)
    throughput = {Role.FRONT_OFFICE: args.front_office, Role.REGISTRAR: args.registrar}
    plan = plan_staff(
        registry, target=args.target, throughput=throughput, days=args.days, seed=args.seed
    )
    emit(
        f"SYNTHETIC {args.region} at {args.scale:g}: {plan.staffing.front_office} front office, "
        f"{plan.staffing.registrar} registrar(s) print {plan.level:.0%} on time "
        f"(target {plan.target:.0%}); bottleneck: {plan.bottleneck.label_en}"
    )
    emit("| front office | registrars | on time |")
    emit("|---:|---:|---:|")
    for staffing, level in plan.tried:
        emit(f"| {staffing.front_office} | {staffing.registrar} | {level:.0%} |")
    return 0
