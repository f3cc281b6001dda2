"""The population table by district (or village) and sex, in the published layout."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from adminduk.codes import LifeStatus, Sex
from adminduk.errors import InvalidComponent
from adminduk.register.registry import Registry
from adminduk.statistics._common import (
    Level,
    _regional,
    format_number,
    percentage,
    region_key,
    region_name,
    regions_of,
)

#: The first column's header by level: Indonesian (as printed) and English.
_HEADERS = {
    "province": ("Provinsi", "Province"),
    "regency": ("Kabupaten/Kota", "Regency/City"),
    "district": ("Kecamatan", "District"),
    "village": ("Desa/Kelurahan", "Village"),
}

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

    @classmethod
    def from_counts(
        cls,
        region_code: str,
        counts: Mapping[str, tuple[int, int]],
        *,
        by: Level = "district",
        on: datetime.date,
    ) -> PopulationTable:
        """The table of ``(male, female)`` counts per child region code (absent codes are 0).

        What every tabulation (this module's, or SQL over flat records) ends in: the rows of
        :func:`regions_of`, percentages of the grand total, and the total row.

        >>> table = PopulationTable.from_counts(
        ...     "18.08", {"18.08.01": (3, 1)}, on=datetime.date(2026, 1, 1))
        >>> table.rows[0].total_pct, table.total.total, len(table.rows)
        (Decimal('100.00'), 4, 15)
        """
        children = regions_of(region_code, by=by, on=on)
        known = {child.code for child in children}
        unknown = sorted(set(counts) - known)
        if unknown:
            raise InvalidComponent(f"{unknown[0]} is not a {by} of {region_code}")
        male = sum(m for m, _ in counts.values())
        female = sum(f for _, f in counts.values())
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

        key = region_key(region_code)
        return cls(
            region_code=key,
            region_name=region_name(key),
            by=by,
            on=on,
            rows=tuple(row(c.code, c.name, *counts.get(c.code, (0, 0))) for c in children),
            total=row(key, region_name(key), male, female),
        )

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
                _HEADERS[self.by][0],
                "Laki-laki",
                "%",
                "Perempuan",
                "%",
                "Jumlah",
                "%",
            )
        else:
            head = (
                _HEADERS[self.by][1],
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
    regional = _regional(registry, region_key(region_code), by, on)
    counts = regional.tally
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
    return PopulationTable.from_counts(
        region_code,
        {code: (m, f) for code, (m, f) in counts.items()},
        by=by,
        on=regional.day,
    )
