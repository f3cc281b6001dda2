"""The population table by district (or village) and sex, in the published layout."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

import attrs

from adminduk import regions
from adminduk.codes import LifeStatus, Sex
from adminduk.register.registry import Registry
from adminduk.statistics._common import (
    Level,
    _regional,
    format_number,
    percentage,
)

# --- population -------------------------------------------------------------------------------


@attrs.frozen
class PopulationRow:
    """One row: counts and each as a percentage of the table's grand total."""

    code: str
    name: str
    male: int
    female: int
    total: int
    male_pct: Decimal
    female_pct: Decimal
    total_pct: Decimal


@attrs.frozen
class PopulationTable:
    """Residents by sex per child region, with a total row (the published DKB layout)."""

    region_code: str
    region_name: str
    by: str
    on: datetime.date
    rows: tuple[PopulationRow, ...]
    total: PopulationRow

    def to_records(self, *, total: bool = True) -> list[dict[str, Any]]:
        """Plain dicts (``code``, ``name``, counts, percentages as floats).

        With ``total`` the last record is the total row, named "Jumlah" as printed.
        """
        rows = [*self.rows, self.total] if total else list(self.rows)
        return [
            {
                "code": row.code,
                "name": "Jumlah" if row is self.total else row.name,
                "male": row.male,
                "male_pct": float(row.male_pct),
                "female": row.female,
                "female_pct": float(row.female_pct),
                "total": row.total,
                "total_pct": float(row.total_pct),
            }
            for row in rows
        ]

    def render(self, *, lang: Literal["id", "en"] = "id") -> str:
        """A Markdown table: Indonesian headers and decimal commas, or English ones."""
        if lang == "id":
            head = (
                "Kecamatan" if self.by == "district" else "Desa/Kelurahan",
                "Laki-laki",
                "%",
                "Perempuan",
                "%",
                "Jumlah",
                "%",
            )
        else:
            head = (
                "District" if self.by == "district" else "Village",
                "Male",
                "%",
                "Female",
                "%",
                "Total",
                "%",
            )
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for row in (*self.rows, self.total):
            cells = (
                row.name,
                row.male,
                row.male_pct,
                row.female,
                row.female_pct,
                row.total,
                row.total_pct,
            )
            shown = [
                cells[0] if row is not self.total else ("Jumlah" if lang == "id" else "Total")
            ]
            shown += [format_number(cell, lang) for cell in cells[1:]]
            lines.append("| " + " | ".join(shown) + " |")
        return "\n".join(lines)


def population_table(
    registry: Registry,
    region_code: str,
    *,
    by: Level = "district",
    on: datetime.date | None = None,
) -> PopulationTable:
    """Living residents of ``region_code`` by sex per district (or village), with totals.

    Residents count where their family lives. ``on`` takes the register as it stood that day
    (replaying the journal up to it) and the region list in force that year.
    """
    parent = regions.get(region_code)
    regional = _regional(registry, parent.code, by, on)
    counts, children, day = regional.tally, regional.children, regional.day
    residents = regional.state.residents_by_nik
    alive, woman = LifeStatus.ALIVE, Sex.FEMALE  # locals: this loop runs once per resident
    for slot, family in regional.families():
        for member in family.members:
            person = residents[member.nik]
            if person.life_status is alive:
                if person.sex is woman:
                    slot[1] += 1
                else:
                    slot[0] += 1
    male = sum(c[0] for c in counts.values())
    female = sum(c[1] for c in counts.values())
    grand = male + female

    def row(code: str, name: str, m: int, f: int) -> PopulationRow:
        return PopulationRow(
            code,
            name,
            m,
            f,
            m + f,
            percentage(m, grand),
            percentage(f, grand),
            percentage(m + f, grand),
        )

    rows = tuple(row(c.code, c.name, *counts[c.code]) for c in children)
    return PopulationTable(
        region_code=parent.code,
        region_name=parent.name,
        by=by,
        on=day,
        rows=rows,
        total=row(parent.code, parent.name, male, female),
    )
