"""The published figures synthetic populations follow: district shares and the age structure.

Both are data with their sources; the synthesizer reads them, and nothing else holds them.

**District shares.** A regency's population is split over its districts by the best shares the
package has. For Way Kanan (18.08) that is the published DKB semester II 2020 table ("Tabel 1.
Data Penduduk Berdasarkan Kecamatan dan Jenis Kelamin Kabupaten Way Kanan Semester II Tahun
2020", transcribed in ``shared/data/way-kanan-dkb-2020s2.csv``, Negara Batin's total read as
36,255). District 18.08.15 Umpu Semenguk first appears in the 2022 Kemendagri code list (it is
absent from the 2020 list and present in Kepmendagri 100.1.1-6117/2022); the district it was
carved from is **not confirmed** by any source here: it is taken to be Blambangan Umpu
(18.08.01), as the seed office believes, and Blambangan Umpu's 2020 figures are split between the
two by their number of villages in the 2025 list (13 and 13). Replace :data:`DISTRICT_SHARES`
entries, or pass ``counts=``, when better figures are known. Other regencies are split by their
number of villages (:func:`district_shares` says which it used).

**Age structure.** Five-year shares of Indonesia's 2020 census (SP2020), in percent:

- 0-14: 23.33, 15-64: 70.72, 65+: 5.95 (BPS, Berita Resmi Statistik of the SP2020 results, 21
  January 2021); 60+: 9.78 (the same release; DOMAIN.md: 9.8), so 60-64 is 3.83.
- Within 15-59 (66.89 % = 70.72 - 3.83) and for 5-9 and 10-14, the relative sizes of the
  five-year groups are those of the SP2020 Long Form tables of BPS (population by age group and
  marital status, and by age group and language: 5-9: 22,013,768; 10-14: 22,088,673; 15-19:
  22,163,528; 20-24: 22,490,428; 25-29: 22,463,700; 30-34: 22,066,835; 35-39: 21,247,974;
  40-44: 20,295,191; 45-49: 18,727,242; 50-54: 16,500,280; 55-59: 13,961,215), scaled so that
  15-59 is 66.89 %. 0-4 is the rest of 0-14 (a derived figure, 6.93 %); 65+ is one group, spread
  over 65-89 with fewer people at each older age.

>>> round(sum(band.share for band in AGE_BANDS), 2)
100.0
>>> district_shares("18.08").source.startswith("DKB semester II 2020")
True
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from adminduk import regions
from adminduk.codes import Occupation, Sex

__all__ = [
    "ADULT_OCCUPATIONS",
    "AGE_BANDS",
    "COUPLE_SHARE",
    "DISTRICT_SHARES",
    "FAMILY_SIZES",
    "KTP_EL_RECORDED_SHARE",
    "REGISTERED_MARRIAGE_SHARE",
    "SEX_RATIOS",
    "AgeBand",
    "DistrictShares",
    "district_shares",
    "sex_ratio",
    "sex_shares",
    "years_before",
]


@attrs.frozen
class AgeBand:
    """Ages ``low`` to ``high`` (inclusive) and their share of the population, in percent."""

    low: int
    high: int
    share: float


#: SP2020 broad shares, percent (BPS release of 21 January 2021).
_CHILDREN_0_14 = 23.33
_WORKING_15_64 = 70.72
_OLD_65 = 5.95
_OLD_60 = 9.78
#: SP2020 Long Form counts by five-year group (BPS), for the relative sizes within groups.
_LONG_FORM = {
    (5, 9): 22_013_768,
    (10, 14): 22_088_673,
    (15, 19): 22_163_528,
    (20, 24): 22_490_428,
    (25, 29): 22_463_700,
    (30, 34): 22_066_835,
    (35, 39): 21_247_974,
    (40, 44): 20_295_191,
    (45, 49): 18_727_242,
    (50, 54): 16_500_280,
    (55, 59): 6_945_016 + 7_016_199,
}


def _age_bands() -> tuple[AgeBand, ...]:
    sixties = _OLD_60 - _OLD_65  # 60-64
    working = {band: n for band, n in _LONG_FORM.items() if band[0] >= 15}
    per_person = (_WORKING_15_64 - sixties) / sum(working.values())
    bands = {band: count * per_person for band, count in _LONG_FORM.items()}
    bands[(0, 4)] = _CHILDREN_0_14 - bands[(5, 9)] - bands[(10, 14)]
    bands[(60, 64)] = sixties
    bands[(65, 89)] = _OLD_65
    return tuple(AgeBand(low, high, share) for (low, high), share in sorted(bands.items()))


#: Indonesia's 2020 census age structure by five-year group (see the module's sources).
AGE_BANDS: tuple[AgeBand, ...] = _age_bands()

#: Men per woman by the lower age of each band: SP2020 counts about 102 men per 100 women, close
#: to one in every five-year band below 60 and more women above (DOMAIN.md, third round). The
#: band figures are an approximation of that description, **unconfirmed** against BPS's table:
#: replace them with the published ones where you have them.
SEX_RATIOS: Mapping[int, float] = {
    **{band.low: 1.02 for band in AGE_BANDS if band.high < 60},
    60: 0.97,
    65: 0.85,
}


def sex_ratio(low: int) -> float:
    """Men per woman in the age band starting at ``low`` (:data:`SEX_RATIOS`).

    >>> sex_ratio(20), sex_ratio(65)
    (1.02, 0.85)
    """
    return SEX_RATIOS[low]


def sex_shares(sex: Sex) -> list[float]:
    """The share of ``sex``'s people in each census age band (summing to one).

    >>> round(sum(sex_shares(Sex.FEMALE)), 6)
    1.0
    """
    weights = []
    for band in AGE_BANDS:
        ratio = sex_ratio(band.low)
        weights.append(band.share * (ratio if sex is Sex.MALE else 1.0) / (1.0 + ratio))
    total = sum(weights)
    return [weight / total for weight in weights]


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# The shape of the synthetic families: the synthesizer's own choices (no source), one place for
# the row-by-row builder and the columnar drawer of the scale extra.

#: Share of families by number of members (rough shape of Indonesian household sizes).
FAMILY_SIZES = ((1, 10), (2, 17), (3, 23), (4, 24), (5, 14), (6, 7), (7, 3), (8, 2))
#: Of families of two or more, the share headed by a married couple.
COUPLE_SHARE = 0.9
#: Of married couples, the share whose marriage is registered (the rest: kawin belum tercatat).
REGISTERED_MARRIAGE_SHARE = 0.9
#: Of residents who must hold a KTP-el, the share who have recorded it.
KTP_EL_RECORDED_SHARE = 0.93
#: Occupations of adults (19 and over), drawn uniformly; farming counts twice.
ADULT_OCCUPATIONS = (
    Occupation.FARMER,
    Occupation.FARMER,
    Occupation.TRADER,
    Occupation.HOMEMAKER,
    Occupation.ENTREPRENEUR,
    Occupation.FARM_LABOURER,
    Occupation.TEACHER,
)


@attrs.frozen
class DistrictShares:
    """Each district's share of a regency's males and females (fractions), and their source."""

    regency: str
    male: Mapping[str, float]
    female: Mapping[str, float]
    source: str


def _from_table(regency: str, rows: Mapping[str, tuple[int, int]], source: str) -> DistrictShares:
    males = sum(male for male, _ in rows.values())
    females = sum(female for _, female in rows.values())
    return DistrictShares(
        regency=regency,
        male={code: male / males for code, (male, _) in rows.items()},
        female={code: female / females for code, (_, female) in rows.items()},
        source=source,
    )


#: Way Kanan, DKB semester II 2020 (male, female); Blambangan Umpu split with Umpu Semenguk.
_WAY_KANAN_2020 = {
    "18.08.01": (36161 // 2, 34218 // 2),
    "18.08.02": (16869, 15902),
    "18.08.03": (24266, 22785),
    "18.08.04": (22664, 21890),
    "18.08.05": (5992, 5755),
    "18.08.06": (22656, 21388),
    "18.08.07": (19989, 18995),
    "18.08.08": (13165, 12521),
    "18.08.09": (12882, 12040),
    "18.08.10": (16000, 15599),
    "18.08.11": (18587, 17668),
    "18.08.12": (11171, 10589),
    "18.08.13": (10994, 10496),
    "18.08.14": (14638, 13814),
    "18.08.15": (36161 - 36161 // 2, 34218 - 34218 // 2),
}

#: The published shares the synthesizer uses, by regency code.
DISTRICT_SHARES: Mapping[str, DistrictShares] = {
    "18.08": _from_table(
        "18.08",
        _WAY_KANAN_2020,
        "DKB semester II 2020 (published Way Kanan table); 18.08.15 Umpu Semenguk carved out of "
        "18.08.01 Blambangan Umpu by village count (unconfirmed)",
    ),
}


def district_shares(regency: str) -> DistrictShares:
    """The district shares of ``regency``.

    A published table if :data:`DISTRICT_SHARES` has one, else each district's share of the
    regency's villages (labelled so in ``source``).
    """
    code = regions.get(regency).code
    found = DISTRICT_SHARES.get(code)
    if found is not None:
        return found
    villages = {d.code: max(1, len(regions.children(d.code))) for d in regions.children(code)}
    total = sum(villages.values())
    by_villages = {district: count / total for district, count in villages.items()}
    return DistrictShares(
        regency=code,
        male=by_villages,
        female=by_villages,
        source="by number of villages (no published district table in adminduk)",
    )
