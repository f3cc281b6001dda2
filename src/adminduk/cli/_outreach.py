"""``adminduk outreach`` (whom to record, and visit) and ``adminduk staff`` (how many staff).

``outreach FILE --on D [--region C] [--capacity N]``:

Per village: residents who must hold a KTP-el and have not recorded, how many need a visit
(a disability on the family card, age 70 or more) and how many can be summoned; then the
visits as a team's working days of ``--capacity`` residents, from the day after ``--on``.
Names are not printed (the list itself is for the office's own screens): counts and days only.

``staff [--region C --scale S --target T --days N --seed K --front-office F --registrar R
--district-officer D --outreach O --hours ROLE=H,... --working-days --handover-within W --runs N]``:
the smallest staffing of a synthetic office whose seeded run prints ``T`` of the files owed by
their due date (and, for the hand-over roles planned with ``D`` or ``O``, hands ``T`` of the
documents over within ``W`` serving days), with every staffing tried (``F``, ``R``, ``D``,
``O``: files a full day per person; ``simulation.estimate_throughput`` reads them from an
office's histories; ``--hours`` a role's hours Monday to Sunday, repeatable; ``N`` seeded runs
of each staffing, the lowest level counting).
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path

from adminduk import serialization
from adminduk.applications import Role
from adminduk.cli._commands import read_text
from adminduk.documents import ServiceLevels
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.simulation import WorkingHours, plan_staff, synthesize_population
from adminduk.simulation.staffing import ROLES
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
    staff.add_argument(
        "--district-officer", type=int, default=None, help="hand-overs a day per district officer"
    )
    staff.add_argument("--outreach", type=int, default=None, help="hand-overs a day per team")
    staff.add_argument(
        "--hours",
        type=_role_hours,
        action="append",
        default=[],
        metavar="ROLE=H,H,H,H,H,H,H",
        help="a role's hours Monday to Sunday (front_office, registrar, district_officer, "
        "outreach_officer)",
    )
    staff.add_argument(
        "--working-days", action="store_true", help="service levels count working days"
    )
    staff.add_argument(
        "--handover-within", type=int, default=1, help="serving days a hand-over may wait"
    )
    staff.add_argument(
        "--runs", type=int, default=1, help="seeded runs per staffing (the lowest level counts)"
    )


def _role_hours(text: str) -> tuple[Role, WorkingHours]:
    name, _, week = text.partition("=")
    try:
        role = Role(name.strip())
        hours = WorkingHours(tuple(float(h) for h in week.split(",")))
        if role not in ROLES:
            raise ValueError(role)
    except (ValueError, AdmindukError):
        raise argparse.ArgumentTypeError(
            "give a role and its 7 days of hours, e.g. front_office=8,8,8,8,8,4,0"
        ) from None
    return role, hours


def staff_command(args: argparse.Namespace, emit: Callable[[str], None]) -> int:
    """Plan the staffing of a SYNTHETIC office and print it with every staffing tried."""
    registry = synthesize_population(args.region, seed=args.seed, scale=args.scale)
    given = {
        Role.FRONT_OFFICE: args.front_office,
        Role.REGISTRAR: args.registrar,
        Role.DISTRICT_OFFICER: args.district_officer,
        Role.OUTREACH_OFFICER: args.outreach,
    }
    throughput = {role: count for role, count in given.items() if count is not None}
    plan = plan_staff(
        registry,
        target=args.target,
        throughput=throughput,
        days=args.days,
        seed=args.seed,
        hours=dict(args.hours),
        service_levels=ServiceLevels.default(working_days=args.working_days),
        handover_within=args.handover_within,
        runs=args.runs,
    )
    roles = [role for role in ROLES if role in throughput]
    people = ", ".join(f"{plan.staffing.of(role)} {role.label_en}" for role in roles)
    emit(
        f"SYNTHETIC {args.region} at {args.scale:g}: {people} meet {plan.level:.0%} "
        f"(target {plan.target:.0%}); bottleneck: {plan.bottleneck.label_en}"
    )
    emit("| " + " | ".join(role.label_en for role in roles) + " | level |")
    emit("|" + "---:|" * (len(roles) + 1))
    for staffing, level in plan.tried:
        emit("| " + " | ".join(str(staffing.of(role)) for role in roles) + f" | {level:.0%} |")
    return 0
