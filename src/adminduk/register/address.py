"""An address as the family card writes it: street, RT, RW and village (desa/kelurahan).

>>> home = Address(street="Jl. Lintas Sumatera No. 12", rt="3", rw="1", village_code="1808012006")
>>> home
Address(street='Jl. Lintas Sumatera No. 12', rt='003', rw='001', village_code='18.08.01.2006')
>>> home.district_code, home.regency_code, home.province_code
('18.08.01', '18.08', '18')
"""

from __future__ import annotations

import sys

import attrs

from adminduk import regions
from adminduk._fields import require_text
from adminduk._privacy import redacted_repr
from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = ["Address"]


#: Every plain spelling of an RT or RW number (1 to 999, with or without leading zeros, up to
#: three digits), to its three-digit form: one lookup both checks and normalises.
_NEIGHBOURHOODS: dict[str, str] = {
    spelling: f"{number:03d}"
    for number in range(1, 1000)
    for spelling in {str(number), f"{number:02d}", f"{number:03d}"}
}


def _neighbourhood(value: object) -> str:
    """Normalise an RT or RW number to three digits ('3' -> '003')."""
    if type(value) is str:
        known = _NEIGHBOURHOODS.get(value)
        if known is not None:
            return known
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidFormat(f"RT/RW must be a string of digits, not {type(value).__name__}")
    text = str(value).strip()
    if not (text.isdecimal() and text.isascii() and 1 <= len(text) <= 3) or int(text) == 0:
        raise InvalidComponent(f"RT/RW {text[:8]!r} is not a number from 001 to 999")
    return f"{int(text):03d}"


def _village(value: object) -> str:
    region = regions.get(value)  # type: ignore[arg-type]  # UnknownRegion if not in the list
    if region.level is not regions.RegionLevel.VILLAGE:
        raise InvalidComponent(
            f"an address needs a village code (PP.KK.DD.VVVV), got {region.code}"
        )
    return region.code


@redacted_repr
@attrs.frozen(kw_only=True)
class Address:
    """Street, RT, RW and the village; the district, regency and province follow from the village.

    The village must be in the current (2025) Kemendagri list.
    """

    street: str
    rt: str = attrs.field(converter=_neighbourhood)
    rw: str = attrs.field(converter=_neighbourhood)
    village_code: str = attrs.field(converter=_village)

    def __attrs_post_init__(self) -> None:
        require_text(self.street, "street", empty=True)

    @property
    def district_code(self) -> str:
        """The district (kecamatan) code (one string per code: every posted form names one)."""
        return sys.intern(self.village_code[:8])

    @property
    def regency_code(self) -> str:
        """The regency/city (kabupaten/kota) code."""
        return self.village_code[:5]

    @property
    def province_code(self) -> str:
        """The province code."""
        return self.village_code[:2]
