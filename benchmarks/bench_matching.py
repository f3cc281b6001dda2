"""The duplicate check at filing: one search of the register, with and without the cheap bound.

A birth report's child is compared with Way Kanan's register (``likely_duplicates``), for
people drawn from the register itself (each a second record with one field corrupted, so the
search has something to find) and for newborns nobody resembles. Beside it, in the same
process and alternated round by round: the same search comparing every resident who shares a
key (no ``may_reach``), the search before the bound. Both must return the same candidates. CPU
time, collector running.
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
from _harness import Figure, Report, arguments, compare, gc_paused, publish

from adminduk import Registry
from adminduk.codes import LifeStatus, Sex
from adminduk.matching import Candidate, Person, likely_duplicates, person_of
from adminduk.matching import compare as weigh
from adminduk.simulation import synthesize_population
from adminduk.simulation.duplicates import FIELDS, corrupt

#: A search a clerk waits for (per filing, CPU), at Way Kanan's full register.
SEARCH_TARGET_S = 0.25


def every_keyed(registry: Registry, person: Person) -> tuple[Candidate, ...]:
    """The search comparing every resident who shares a key: the scan without the bound."""
    born = person.birth_date
    mother = person.mother_name.strip().casefold()
    found = []
    for resident in registry.residents():
        if resident.life_status not in (LifeStatus.ALIVE, LifeStatus.MOVED_OUT):
            continue
        date = resident.birth_date
        if not (
            abs(date.year - born.year) <= 1
            or (date.month, date.day) in ((born.month, born.day), (born.day, born.month))
            or (mother and resident.mother_name.strip().casefold() == mother)
        ):
            continue
        comparison = weigh(person, person_of(resident))
        if comparison.likely:
            found.append(Candidate(resident.nik, comparison))
    found.sort(key=lambda candidate: (-candidate.weight, candidate.nik))
    return tuple(found[:5])


def filings(registry: Registry, count: int, seed: int) -> list[Person]:
    """Half second records of residents (one field corrupted), half newborns of 2026."""
    rng = random.Random(seed)
    living = [r for r in registry.residents() if r.life_status is LifeStatus.ALIVE]
    people = []
    for index in range(count):
        if index % 2:
            source = attrs.evolve(person_of(rng.choice(living)), nik=None)
            people.append(corrupt(source, rng.choice(FIELDS), rng))
        else:
            people.append(
                Person(
                    name=f"Bayi Uji {index}",
                    sex=rng.choice((Sex.MALE, Sex.FEMALE)),
                    birth_date=datetime.date(2026, 1, 1)
                    + datetime.timedelta(days=rng.randrange(300)),
                    birth_place="Blambangan Umpu",
                    mother_name=f"Ibu Uji {index}",
                )
            )
    return people


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    scale, count, rounds = (0.01, 4, 2) if args.smoke else (1.0, 10, 5)
    with gc_paused():  # building the register is not what is measured
        registry = synthesize_population("18.08", seed=1, scale=scale)
    people = filings(registry, count, seed=7)
    assert [likely_duplicates(registry, p) for p in people] == [
        every_keyed(registry, p) for p in people
    ]
    rounds_ = compare(
        {
            "bound": lambda: [likely_duplicates(registry, p) for p in people],
            "every": lambda: [every_keyed(registry, p) for p in people],
        },
        rounds=rounds,
    )
    per_search = rounds_.median_cpu("bound") / count
    found = sum(bool(likely_duplicates(registry, p)) for p in people)
    report = Report(f"Duplicate check at filing (Way Kanan at scale {scale:g}; {count} searches)")
    report.add(
        Figure(
            f"one search over {len(registry):,} residents, collector running",
            per_search,
            "s",
            f"< {SEARCH_TARGET_S}",
            per_search < SEARCH_TARGET_S,
            note=f"CPU, median of {rounds} rounds; {found} of {count} filings have candidates",
        )
    )
    median, _, _ = rounds_.ratio("every", "bound")
    report.add(
        Figure(
            "comparing every keyed resident over the bounded search",
            median,
            "x",
            note=f"{rounds_.describe('every', 'bound')}; the same candidates (asserted); "
            f"{statistics.median(rounds_.cpu['every']) / count:.3f} s a search without the bound",
        )
    )
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
