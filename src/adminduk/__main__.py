"""Command line: ``python -m adminduk`` (or ``adminduk``).

Commands: ``demo`` (synthesize Way Kanan, run its office for a month, print the tables),
``check`` (an application file -> everything missing), ``nik`` (validate and describe NIKs),
``catalogue`` (the service catalogue, Markdown or JSON), ``region`` (describe a region code and
list what lies below it), ``diagram`` (a document type's workflow as a Mermaid diagram) and
``table`` (the population table of a register file). Bad input gives one clear line on
standard error and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from adminduk import regions, serialization
from adminduk._privacy import mask
from adminduk.codes import Relationship, Sex
from adminduk.documents import (
    DOCUMENT_TYPES,
    Application,
    Status,
    catalogue,
    check,
    document_type,
)
from adminduk.errors import AdmindukError
from adminduk.events import Birth, Death
from adminduk.identifiers import nik
from adminduk.registry import Registry
from adminduk.simulation import simulate_office, synthesize_population
from adminduk.statistics import format_number, ktp_el_coverage, population_table, service_metrics
from adminduk.workflows import dashboard, diagram

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


def _describe(number: str, on: datetime.date, out: list[str]) -> bool:
    try:
        info = nik.parse(number, on=on)
    except AdmindukError as error:
        out.append(f"  invalid: {error}")
        return False
    region = regions.get(info.region_code)
    age = (
        on.year
        - info.birth_date.year
        - ((on.month, on.day) < (info.birth_date.month, info.birth_date.day))
    )
    out.append(
        f"  {nik.format(number)}  valid: {info.sex.label_en.lower()}, born "
        f"{info.birth_date.isoformat()} (age {age} on {on.isoformat()}), first issued in "
        f"{region.name} ({region.code}), serial {info.serial}"
    )
    return True


def _demo(on: datetime.date, *, scale: float, days: int, seed: int) -> list[str]:
    out = [f"adminduk demo (reference date {on.isoformat()})", "", "Synthetic NIKs:"]
    for region_code, birth_date, sex, serial in _DEMO_PEOPLE:
        number = nik.compose(
            region_code=region_code, birth_date=birth_date, sex=sex, serial=serial
        )
        _describe(number, on, out)
    out += ["", "Numbers the library refuses (messages mask all but the region part):"]
    for number in _DEMO_BAD:
        _describe(number, on, out)
    regency = regions.get("18.08")
    figures = regions.population(regency.code)
    out += [
        "",
        (
            f"{regency.name} ({regency.code}), {regions.get(regency.parent_code or '').name}: "
            f"{figures.total:,} people in 2025 ({figures.male:,} male, {figures.female:,} female)"
        ),
    ]
    then = {r.code for r in regions.children(regency.code, as_of=2020)}
    for district in regions.children(regency.code):
        villages = len(regions.children(district.code))
        note = "" if district.code in then else "  (created after 2020)"
        out.append(f"  {district.code}  {district.name:<16} {villages:>3} villages{note}")
    return out + _register_tour(on) + _office_tour(on, scale=scale, days=days, seed=seed)


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


def _office_tour(on: datetime.date, *, scale: float, days: int, seed: int) -> list[str]:
    """Synthesize Way Kanan, run its office, and print what an analyst would publish."""
    started = time.perf_counter()
    registry = synthesize_population("18.08", seed=seed, scale=scale, on=on)
    made = time.perf_counter() - started
    out = [
        "",
        (
            f"Way Kanan synthesized at scale {scale:g}: {len(registry.residents()):,} residents in "
            f"{len(registry.families()):,} families ({made:.1f} s), every rule checked"
        ),
        "",
    ]
    table = population_table(registry, "18.08", on=on)
    out += ["Population by district (Tabel: penduduk berdasarkan kecamatan dan jenis kelamin):"]
    out += [table.render(lang="id"), ""]
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
    out += [
        (
            f"The office for {days} days ({spent:.1f} s): {metrics.applications:,} applications, "
            f"{metrics.online_share:.0%} online"
        ),
        "  "
        + ", ".join(
            f"{status.value} {statuses[status]:,}" for status in Status if statuses[status]
        ),
        (
            f"  lead time submit->collect: median {metrics.lead_hours[0] / 24:.1f} days, "
            f"p90 {metrics.lead_hours[1] / 24:.1f} days"
        ),
        (
            f"  printed within the service level: {metrics.compliance:.0%}; complete the first time: "
            f"{metrics.first_time_complete:.0%}; returns per application: {metrics.rounds:.2f}"
        ),
        "",
        "KTP-el recording coverage per district (recorded / required):",
    ]
    for row in ktp_el_coverage(registry, "18.08", on=last):
        out.append(
            f"  {row.code}  {row.name:<16} {format_number(row.recorded, 'id'):>8} / "
            f"{format_number(row.required, 'id'):>8}  {format_number(row.coverage, 'id'):>6} %"
        )
    board = dashboard(applications, on=datetime.datetime.combine(last, datetime.time(8)))
    out += ["", "This morning's dashboard:", board.render()]
    return out


def _register_tour(on: datetime.date) -> list[str]:
    """Synthesize a small register, apply life events, and round-trip it through JSON."""
    registry = synthesize_population("18.08.15", counts={"18.08.15": (600, 580)}, seed=2026, on=on)
    families = list(registry.families())
    out = [
        "",
        (
            f"A synthetic register of Umpu Semenguk (18.08.15): {len(registry.residents()):,} "
            f"residents in {len(families):,} families, every rule checked"
        ),
    ]
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
    out.append(
        f"  birth recorded: NIK {nik.format(birth.nik or '')} allocated; joins KK "
        f"{mask(couple.number)} as {place.label} ({place.label_en.lower()})"
    )
    try:
        registry.apply(
            Death(occurred_on=later, recorded_on=later, nik=couple.head, new_head=birth.nik)
        )
    except AdmindukError as error:
        out.append(f"  refused, register unchanged: {error}")
    text = serialization.dumps(registry)
    same = serialization.loads(text, Registry) == registry
    out.append(f"  JSON: {len(text) / 1e6:.1f} MB; loads(dumps(register)) == register: {same}")
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AdmindukError(f"cannot read {path}: {error.__class__.__name__}") from None


def _check(
    application_file: Path, register_file: Path | None, on: datetime.date, lang: str
) -> tuple[list[str], int]:
    application = serialization.loads(_read(application_file), Application)
    registry = (
        Registry()
        if register_file is None
        else serialization.loads(_read(register_file), Registry)
    )
    report = check(application, registry, on=on)
    if not report.findings:
        return [f"{report.document} ({report.variant}): complete on {on.isoformat()}"], 0
    lines = [f"{report.document} ({report.variant}) on {on.isoformat()}:"]
    for finding in report.findings:
        message = finding.message_id if lang == "id" else finding.message_en
        lines.append(f"  - {message} [{finding.code}; {finding.basis}]")
    return lines, 0 if report.ok else 1


def _diagrams(codes: Sequence[str], *, markdown: bool) -> list[str]:
    kinds = [document_type(code) for code in codes] or list(DOCUMENT_TYPES)
    if not markdown:
        return [diagram(kind).rstrip("\n") for kind in kinds]
    return [
        f"## {kind.code}: {kind.name_en}\n\n```mermaid\n{diagram(kind)}```\n" for kind in kinds
    ]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="adminduk", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="synthesize Way Kanan, run its office, print tables")
    demo.add_argument("--scale", type=float, default=1.0, help="share of the 2025 population")
    demo.add_argument("--days", type=int, default=31, help="days of the office to simulate")
    demo.add_argument("--seed", type=int, default=2026)
    checking = commands.add_parser("check", help="everything an application file still lacks")
    checking.add_argument("application", type=Path, help="an adminduk/application JSON file")
    checking.add_argument("--register", type=Path, default=None, help="a register JSON file")
    checking.add_argument("--lang", choices=("id", "en"), default="id")
    checking.add_argument("--on", type=_date, default=datetime.date(2026, 1, 1))
    tabling = commands.add_parser("table", help="the population table of a register file")
    tabling.add_argument("register", type=Path, help="an adminduk/registry JSON file")
    tabling.add_argument("--region", default=None, help="region code (default: the area)")
    tabling.add_argument("--by", choices=("district", "village"), default="district")
    tabling.add_argument("--lang", choices=("id", "en"), default="id")
    check = commands.add_parser("nik", help="validate and describe NIKs")
    check.add_argument("numbers", nargs="+", metavar="NIK")
    listing = commands.add_parser("catalogue", help="print the service catalogue")
    listing.add_argument("--lang", choices=("id", "en"), default="id")
    listing.add_argument("--json", action="store_true", help="JSON records instead of Markdown")
    region = commands.add_parser("region", help="describe a region and list its children")
    region.add_argument("code")
    region.add_argument("--as-of", type=int, default=None, help="year of the code list to use")
    drawing = commands.add_parser("diagram", help="a workflow as a Mermaid state diagram")
    drawing.add_argument(
        "documents", nargs="*", metavar="CODE", help="document codes (default all)"
    )
    drawing.add_argument("--markdown", action="store_true", help="Markdown sections with fences")
    for sub in (demo, check):
        sub.add_argument(
            "--on",
            type=_date,
            default=datetime.date(2026, 1, 1),
            help="reference date for ages and the NIK century rule (default 2026-01-01)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            lines = _demo(args.on, scale=args.scale, days=args.days, seed=args.seed)
            status = 0
        elif args.command == "check":
            lines, status = _check(args.application, args.register, args.on, args.lang)
        elif args.command == "table":
            registry = serialization.loads(_read(args.register), Registry)
            code = args.region or registry.area
            if code is None:
                raise AdmindukError("the register has no area: give --region")
            lines = [population_table(registry, code, by=args.by).render(lang=args.lang)]
            status = 0
        elif args.command == "nik":
            lines = []
            described = [_describe(number, args.on, lines) for number in args.numbers]
            status = 0 if all(described) else 1
        elif args.command == "catalogue":
            published = catalogue(args.lang)
            text = (
                json.dumps(published.to_records(), ensure_ascii=False, indent=2)
                if args.json
                else published.to_markdown()
            )
            lines = [text]
            status = 0
        elif args.command == "diagram":
            lines = _diagrams(args.documents, markdown=args.markdown)
            status = 0
        else:
            region = regions.get(args.code, as_of=args.as_of)
            lines = [f"{region.code}  {region.name}  ({region.level.name.lower()})"]
            lines += [
                f"  {child.code}  {child.name}"
                for child in regions.children(region.code, as_of=args.as_of)
            ]
            status = 0
    except AdmindukError as error:
        print(f"adminduk: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
