"""Religion by province: the published shares synthetic residents are drawn from.

Each row gives weights in :class:`~adminduk.codes.Religion` code order (Islam, Kristen, Katolik,
Hindu, Buddha, Khonghucu, Kepercayaan) and the figure it was taken from. The figures are the
ministries' own (Kementerian Agama's yearly counts, Ditjen Dukcapil's register), read from the
pages that republished them; the address is kept with each row so it can be checked and
replaced. A religion a source does not list gets weight 0 and is not drawn in that province (at
most a few tenths of a percent in every row below).

Provinces without a row here draw from the national shares (Ditjen Dukcapil, semester I 2024).
Papua Barat (92), Papua Selatan (93) and Papua Tengah (94) have no published row reachable
here; they borrow Papua's (91), the province they were carved from, which is much nearer their
mix than the national one. Replace a row, or add one, when a better figure is known.

>>> religion_shares("51.03.01").source.startswith("Kementerian Agama")  # Bali: mostly Hindu
True
>>> from adminduk.codes import Religion
>>> max(Religion, key=lambda r: religion_shares("53").weights[r.code - 1])
<Religion.KATOLIK: 3>
>>> religion_shares("93").province
'91'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from adminduk import regions
from adminduk.codes import Religion
from adminduk.errors import InvalidComponent

__all__ = ["NATIONAL_RELIGION_SHARES", "RELIGION_SHARES", "ReligionShares", "religion_shares"]

_DATABOKS = "https://databoks.katadata.co.id/"


@attrs.frozen
class ReligionShares:
    """Weights of each religion, in :class:`~adminduk.codes.Religion` code order, and their source.

    ``province`` is the row's province code ("" for the national row).
    """

    province: str
    weights: tuple[float, ...]
    source: str

    def __attrs_post_init__(self) -> None:
        if len(self.weights) != len(Religion) or min(self.weights) < 0 or sum(self.weights) <= 0:
            raise InvalidComponent(
                f"religion shares of {self.province or 'Indonesia'} need {len(Religion)} "
                "weights, none negative, not all zero"
            )


def _row(province: str, source: str, *weights: float) -> tuple[str, ReligionShares]:
    return province, ReligionShares(province, tuple(float(w) for w in weights), source)


#: Ditjen Dukcapil Kemendagri, semester I 2024 (databoks, 8 August 2024).
NATIONAL_RELIGION_SHARES = ReligionShares(
    "",
    (87.08, 7.40, 3.07, 1.68, 0.71, 0.03, 0.03),
    "Ditjen Dukcapil Kemendagri, semester I 2024, in percent; "
    + _DATABOKS
    + "demografi/statistik/66b45dd8e5dd0/mayoritas-penduduk-indonesia-beragama-islam-pada-semester-i-2024",
)

_KEMENAG_2023 = "Kementerian Agama, 31 December 2023, in percent; " + _DATABOKS
_KEMENAG_2024 = "Kementerian Agama, 31 December 2024, "
_SUMATRA_2024 = (
    _KEMENAG_2024 + "people (Islam and Protestant only, as listed); " + _DATABOKS + "index.php/"
    "demografi/statistik/3ad625f70ac409e/92-7-penduduk-di-lampung-beragama-islam and "
    + _DATABOKS
    + "demografi/statistik/989d04428d3765e/26-5-penduduk-di-sumatera-utara-beragama-protestan"
)

#: Rows by province code; see the module's text for what each source is.
RELIGION_SHARES: Mapping[str, ReligionShares] = dict(
    [
        _row("11", _SUMATRA_2024, 5_492_487, 64_984, 0, 0, 0, 0, 0),
        _row(
            "12",
            _KEMENAG_2024 + "in percent; " + _DATABOKS + "demografi/statistik/989d04428d3765e/"
            "26-5-penduduk-di-sumatera-utara-beragama-protestan",
            *(66.85, 26.50, 4.27, 0.10, 2.24, 0.01, 0),
        ),
        _row("13", _SUMATRA_2024, 5_647_211, 88_980, 0, 0, 0, 0, 0),
        _row("14", _SUMATRA_2024, 6_065_816, 686_683, 0, 0, 0, 0, 0),
        _row("15", _SUMATRA_2024, 3_608_236, 127_929, 0, 0, 0, 0, 0),
        _row("16", _SUMATRA_2024, 8_723_627, 87_325, 0, 0, 0, 0, 0),
        _row("17", _SUMATRA_2024, 2_066_774, 33_718, 0, 0, 0, 0, 0),
        _row(
            "18",
            _KEMENAG_2024 + "in percent; " + _DATABOKS + "index.php/demografi/statistik/"
            "3ad625f70ac409e/92-7-penduduk-di-lampung-beragama-islam",
            *(92.70, 1.29, 0.82, 1.35, 0.25, 0.0014, 0),
        ),
        _row(
            "19",
            _KEMENAG_2024 + "in percent; " + _DATABOKS + "index.php/demografi/statistik/"
            "a8bd2a9ba4f0de7/2-1-penduduk-di-kep-bangka-belitung-beragama-protestan",
            *(90.47, 2.11, 1.28, 0.08, 4.05, 1.96, 0),
        ),
        _row(
            "31",
            "Disdukcapil DKI Jakarta, 2019, people; https://statistik.jakarta.go.id/"
            "agama-yang-dianut-oleh-penduduk-dki-jakarta-tahun-2019/",
            *(9_253_906, 949_894, 434_401, 20_380, 398_588, 1_517, 258),
        ),
        _row(
            "32",
            _KEMENAG_2023 + "demografi/statistik/1e2daeaea864c11/"
            "0-03-penduduk-di-jawa-barat-beragama-konghucu",
            *(97.36, 1.77, 0.61, 0.03, 0.20, 0.02, 0),
        ),
        _row(
            "51",
            "Kementerian Agama, as quoted by SuaraBali, 23 October 2021, in percent; "
            "https://bali.suara.com/amp/read/2021/10/23/124221/"
            "apa-saja-agama-di-bali-benarkah-mayoritas-hindu",
            *(10.05, 1.56, 0.79, 86.91, 0.68, 0.01, 0),
        ),
        _row(
            "52",
            _KEMENAG_2023 + "index.php/demografi/statistik/1e2daeaea864c11/"
            "0-00082-penduduk-di-nusa-tenggara-barat-beragama-konghucu",
            *(96.90, 0.25, 0.18, 2.37, 0.30, 0.0008, 0),
        ),
        _row(
            "53",
            "Ditjen Dukcapil Kemendagri, December 2021, in percent (Hindu, Buddha and "
            "Khonghucu, together under 0.2 %, not listed); " + _DATABOKS + "index.php/demografi/"
            "statistik/b50256f1d4d665b/umat-katolik-manggarai-terbanyak-se-nusa-tenggara-timur"
            "-pada-2021; Kepercayaan 35,229 of 5.49 million: https://dataindonesia.id/varia/"
            "detail/mayoritas-penganut-aliran-kepercayaan-indonesia-berada-di-ntt",
            *(9.36, 36.21, 53.59, 0, 0, 0, 0.64),
        ),
        _row(
            "61",
            _KEMENAG_2023 + "demografi/statistik/1e2daeaea864c11/"
            "0-05-penduduk-di-kalimantan-barat-beragama-hindu",
            *(60.46, 11.67, 22.09, 0.05, 5.42, 0.30, 0),
        ),
        _row(
            "62",
            "BPS Kalimantan Tengah, as given by Wikipedia's province page, in percent; "
            "https://www.wikiwand.com/id/Kalimantan_Tengah",
            *(72.30, 18.66, 3.34, 5.55, 0.11, 0.01, 0.03),
        ),
        _row(
            "65",
            _KEMENAG_2023 + "index.php/demografi/statistik/1e2daeaea864c11/"
            "19-4-penduduk-di-kalimantan-utara-beragama-protestan",
            *(73.36, 19.44, 6.58, 0.05, 0.54, 0.02, 0),
        ),
        _row(
            "71",
            "Wikipedia's North Sulawesi page, in percent (0.8 % other not drawn); "
            "https://en.wikipedia.org/wiki/North_Sulawesi",
            *(31.8, 63.0, 4.4, 0, 0, 0, 0),
        ),
        _row(
            "73",
            "Kementerian Agama, 31 December 2023, in percent; " + _DATABOKS + "datapublish/"
            "2024/06/23/0-00071-penduduk-di-sulawesi-selatan-beragama-konghucu",
            *(90.15, 7.34, 1.60, 0.68, 0.21, 0.0007, 0),
        ),
        _row(
            "81",
            _KEMENAG_2023 + "index.php/demografi/statistik/1e2daeaea864c11/"
            "0-00303-penduduk-di-maluku-beragama-konghucu",
            *(52.67, 39.63, 6.85, 0.39, 0.02, 0.003, 0),
        ),
        _row(
            "91",
            _KEMENAG_2024 + "people; databoks, '64,8% Penduduk di Papua Beragama Protestan' "
            "(Agus Dwi Darmawan, 3 November 2024)",
            *(318_630, 708_953, 62_869, 1_373, 1_576, 6, 0),
        ),
        _row(
            "95",
            "Pemerintah Provinsi Papua Pegunungan, 2022, in percent (0.03 % other not drawn); "
            "https://ikhub.id/peta/61674225",
            *(1.92, 90.29, 7.61, 0, 0, 0, 0.15),
        ),
        _row(
            "96",
            "Pemerintah Provinsi Papua Barat Daya, 2022, in percent; https://ikhub.id/peta/63352359",
            *(38.14, 54.05, 7.16, 0.1, 0.1, 0, 0),
        ),
    ]
)

#: Provinces with no published row here, and the row they borrow (the province they were split
#: from).
_BORROWED = {"92": "91", "93": "91", "94": "91"}


def religion_shares(region_code: str) -> ReligionShares:
    """The religion shares drawn for residents of ``region_code`` (any level, by its province).

    Raises :class:`~adminduk.errors.InvalidFormat` for a malformed code and
    :class:`~adminduk.errors.UnknownRegion` for one that is not a known region.
    """
    province = regions.get(region_code).code[:2]
    province = _BORROWED.get(province, province)
    return RELIGION_SHARES.get(province, NATIONAL_RELIGION_SHARES)
