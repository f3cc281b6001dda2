"""What the tables share: percentages, number formats, and a register tallied by region."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import attrs

from adminduk import regions
from adminduk._dates import require_day
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register.family import Family
from adminduk.register.registry import Registry

Level = Literal["province", "regency", "district", "village"]
#: Each level a table can be by: its region level, its plural, and how many characters of a
#: dotted village code name its region.
_LEVELS = {
    "province": (regions.RegionLevel.PROVINCE, "provinces", 2),
    "regency": (regions.RegionLevel.REGENCY, "regencies", 5),
    "district": (regions.RegionLevel.DISTRICT, "districts", 8),
    "village": (regions.RegionLevel.VILLAGE, "villages", 13),
}
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def percentage(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole``, two decimals, rounded half up (0 if whole is 0).

    >>> percentage(36_255, 479_702)
    Decimal('7.56')
    """
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(_CENT, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, lang: str) -> str:
    """A count or a two-decimal figure with Indonesian (1.234,56) or English separators.

    >>> format_number(Decimal("1234.5"), "id"), format_number(246037, "en")
    ('1.234,50', '246,037')
    """
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    if lang == "id":  # 1.234,56
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def regions_of(region_code: str, *, by: Level, on: datetime.date) -> list[regions.Region]:
    """The regions a table of ``region_code`` by ``by`` has a row for, in code order.

    ``region_code`` is :data:`adminduk.regions.INDONESIA` (``"0"``) for the whole country; the
    list is the one in force in ``on``'s year.

    >>> [r.name for r in regions_of("18", by="regency", on=datetime.date(2026, 1, 1))][:2]
    ['Kabupaten Lampung Selatan', 'Kabupaten Lampung Tengah']
    """
    if not isinstance(by, str) or by not in _LEVELS:
        raise InvalidComponent(
            f"by must be 'province', 'regency', 'district' or 'village', not {by!r:.20}"
        )
    require_day(on)
    level, plural, _ = _LEVELS[by]
    if region_code == regions.INDONESIA:
        return list(regions.walk(None, level=level, as_of=on.year))
    parent = regions.get(region_code)
    if parent.level.value >= level.value:
        raise InvalidComponent(f"{parent.code} has no {plural} below it")
    return list(regions.walk(parent.code, level=level, as_of=on.year))


def region_name(region_code: str) -> str:
    """The name of ``region_code``, ``"Indonesia"`` for :data:`adminduk.regions.INDONESIA`."""
    return "Indonesia" if region_code == regions.INDONESIA else regions.get(region_code).name


def region_key(region_code: str) -> str:
    """``region_code`` normalized (dotted), :data:`adminduk.regions.INDONESIA` kept as is."""
    return region_code if region_code == regions.INDONESIA else regions.get(region_code).code


def _as_of(registry: Registry, on: datetime.date | None) -> Registry:
    """The register as it stood at the end of ``on`` (replayed when events came later)."""
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    if on is None:
        return registry
    require_day(on)
    journal = registry.journal
    if all(event.recorded_on <= on for event in journal):
        return registry
    return Registry.replay((e for e in journal if e.recorded_on <= on), area=registry.area)


def _today(registry: Registry, on: datetime.date | None) -> datetime.date:
    if on is not None:
        require_day(on)
        return on
    journal = registry.journal
    return max((event.recorded_on for event in journal), default=datetime.date(2026, 1, 1))


@attrs.frozen
class _Regional:
    """A register as it stood on ``day``, and a two-number tally per child region of a parent."""

    state: Registry
    day: datetime.date
    children: list[regions.Region]
    tally: dict[str, list[int]]
    width: int

    def families(self) -> Iterator[tuple[list[int], Family]]:
        """Each family living in one of the child regions, with that region's tally."""
        tally, width = self.tally, self.width
        for family in self.state.families():
            slot = tally.get(family.address.village_code[:width])
            if slot is not None:
                yield slot, family


def _regional(
    registry: Registry, region_code: str, by: Level, on: datetime.date | None
) -> _Regional:
    state = _as_of(registry, on)
    day = _today(registry, on)
    children = regions_of(region_code, by=by, on=day)
    return _Regional(
        state, day, children, {child.code: [0, 0] for child in children}, _LEVELS[by][2]
    )
