"""The requirement checker: checks per second over 100,000 generated applications.

Applications are drawn with a seeded generator over a synthetic register (every document type
and variant, random evidence, people from the register), then checked in one loop.

Run: ``make bench``, or ``--smoke`` for tiny sizes.
"""

from __future__ import annotations

import datetime
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Figure, Report, arguments, median_seconds, publish

from adminduk.documents import DOCUMENT_TYPES, Channel, Evidence, Form, Supplier, check
from adminduk.samples import sample_details
from adminduk.simulation import synthesize_population

TARGET = 50_000  # issue: over 50,000 checks a second
ON = datetime.date(2026, 1, 1)


def generated(registry_niks: list[str], count: int, seed: int) -> list[Form]:
    """Seeded applications over every document type and variant."""
    rng = random.Random(seed)
    variants = [(kind, variant) for kind in DOCUMENT_TYPES for variant in kind.variants]
    papers = [kind for kind in Evidence if kind.supplier is Supplier.RESIDENT]
    acts = [kind for kind in Evidence if kind.supplier is Supplier.OFFICE]
    made = []
    for _ in range(count):
        kind, variant = rng.choice(variants)
        made.append(
            Form(
                document=kind.code,
                variant=variant.code,
                channel=rng.choice(list(Channel)),
                subject=rng.choice(registry_niks),
                partner=rng.choice(registry_niks),
                applicant=rng.choice(registry_niks),
                evidence=frozenset(rng.sample(papers, rng.randint(0, 8))),
                attested=frozenset(rng.sample(acts, rng.randint(0, 1))),
                event_date=ON - datetime.timedelta(days=rng.randint(0, 120)),
                details=sample_details(kind.code, variant.code),
            )
        )
    return made


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    count, repeats = (500, 1) if args.smoke else (100_000, 5)
    registry = synthesize_population("18.08.15", seed=1, scale=0.4 if not args.smoke else 0.05)
    niks = sorted(r.nik for r in registry.residents())
    batch = generated(niks, count, seed=11)
    seconds = median_seconds(lambda: [check(a, registry, on=ON) for a in batch], repeats=repeats)
    rate = count / seconds
    report = Report(f"Requirement checker ({count:,} applications, median of {repeats})")
    report.add(
        Figure(
            "check()",
            rate,
            "checks/s",
            f"> {TARGET:,}",
            rate > TARGET,
            note=f"{seconds / count * 1e6:.1f} us per check; register of {len(niks):,}",
        )
    )
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
