"""``adminduk outreach FILE --on D [--region C] [--capacity N]``: whom to record, and visit.

Per village: residents who must hold a KTP-el and have not recorded, how many need a visit
(a disability on the family card, age 70 or more) and how many can be summoned; then the
visits as a team's working days of ``--capacity`` residents, from the day after ``--on``.
Names are not printed (the list itself is for the office's own screens): counts and days only.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path

from adminduk import serialization
from adminduk.cli._commands import read_text
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.statistics import outreach_list, plan_visits, region_name

__all__ = ["add_outreach_parser", "outreach_command"]


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
