"""Synthetic people with planted duplicates, as an Arrow table, for linkage and its benchmark.

Each person is drawn from seeded word lists (common Indonesian given names, with the frequent
parts Muhammad, Siti, Nur and Ahmad, a share of single-word names, and second names), a birth
date between 1940 and 2025, a birth place and a mother's name; their NIK encodes the birth
date and sex in a Way Kanan district. ``duplicate_rate`` of them get a second record from
:func:`adminduk.simulation.duplicates.corrupt` (one field corrupted, the field drawn evenly, or
none: a family entered anew), with its own NIK in another district. ``person`` is the truth:
the records of one person share it. The names are combinations that name nobody in particular.

>>> table = synthetic_people(1000, duplicate_rate=0.02, seed=7)
>>> table.num_rows, len(set(table.column("person").to_pylist()))
(1020, 1000)
"""

from __future__ import annotations

import datetime
import random
from typing import Final

import pyarrow as pa

from adminduk.codes import Sex
from adminduk.errors import InvalidComponent
from adminduk.identifiers.nik import birth_part
from adminduk.matching import Person
from adminduk.simulation.duplicates import FIELDS, corrupt

__all__ = ["PEOPLE_SCHEMA", "synthetic_people"]

MALE: Final = [
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Fikri",
    "Gilang",
    "Hadi",
    "Hendra",
    "Heru",
    "Ilham",
    "Imam",
    "Indra",
    "Irfan",
    "Iwan",
    "Joko",
    "Kurnia",
    "Lukman",
    "Made",
    "Nyoman",
    "Putu",
    "Rahmat",
    "Reza",
    "Ridwan",
    "Rizki",
    "Rudi",
    "Samsul",
    "Slamet",
    "Sugeng",
    "Supriyadi",
    "Taufik",
    "Teguh",
    "Wahyu",
    "Wayan",
    "Yoga",
    "Yusuf",
    "Zainal",
    "Bayu",
    "Dani",
    "Edi",
    "Faisal",
    "Gunawan",
    "Hasan",
    "Hendri",
    "Jaka",
    "Kadek",
    "Ketut",
    "Lutfi",
    "Mulyadi",
    "Nanang",
    "Oki",
    "Prasetyo",
    "Rian",
    "Sigit",
    "Tri",
    "Umar",
    "Wawan",
    "Yudi",
    "Zulkifli",
    "Anton",
    "Bagus",
    "Candra",
    "Darmawan",
    "Firman",
    "Galih",
    "Haris",
    "Ikhsan",
    "Junaidi",
    "Khairul",
]
FEMALE: Final = [
    "Ani",
    "Ayu",
    "Dewi",
    "Endang",
    "Fitri",
    "Indah",
    "Kartika",
    "Lestari",
    "Nina",
    "Putri",
    "Rina",
    "Sari",
    "Sri",
    "Tuti",
    "Wati",
    "Yuli",
    "Zahra",
    "Aminah",
    "Anisa",
    "Bunga",
    "Citra",
    "Dian",
    "Eka",
    "Fatimah",
    "Gita",
    "Hana",
    "Intan",
    "Juwita",
    "Kiki",
    "Lina",
    "Maya",
    "Mega",
    "Novi",
    "Nurul",
    "Oktavia",
    "Puspita",
    "Ratna",
    "Rini",
    "Sinta",
    "Suci",
    "Tiara",
    "Umi",
    "Vina",
    "Wulan",
    "Yanti",
    "Yuni",
    "Ade",
    "Aisyah",
    "Ayu",
    "Desi",
    "Eni",
    "Erna",
    "Farida",
    "Halimah",
    "Ida",
    "Irma",
    "Kurniasih",
    "Laila",
    "Lilis",
    "Mira",
    "Nita",
    "Rahma",
    "Rosita",
    "Siska",
    "Susi",
    "Titin",
    "Wahyuni",
    "Yeni",
    "Zulaikha",
]
SECOND: Final = [
    "Saputra",
    "Santoso",
    "Wijaya",
    "Pratama",
    "Kurniawan",
    "Hidayat",
    "Setiawan",
    "Rahmawati",
    "Lestari",
    "Permata",
    "Utami",
    "Susanti",
    "Nugroho",
    "Purnama",
    "Siregar",
    "Harahap",
    "Nasution",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Hutapea",
    "Ginting",
    "Tarigan",
    "Sembiring",
    "Sinaga",
    "Situmorang",
    "Wibowo",
    "Prasetya",
    "Handayani",
    "Maharani",
    "Anggraini",
    "Febriani",
    "Ramadhan",
    "Firmansyah",
    "Hakim",
    "Syahputra",
    "Gunawan",
    "Sulistyo",
    "Susanto",
    "Hartono",
    "Budiman",
    "Halim",
    "Tanjung",
    "Rangkuti",
    "Daulay",
    "Pohan",
    "Batubara",
    "Panjaitan",
    "Hasibuan",
    "Rahman",
    "Hasanah",
    "Fauziah",
    "Safitri",
    "Wulandari",
    "Kusuma",
    "Pertiwi",
    "Anjani",
    "Sanjaya",
    "Irawan",
    "Suryadi",
    "Haryanto",
    "Effendi",
    "Yulianti",
    "Oktaviani",
    "Damanik",
    "Manurung",
    "Pardede",
    "Marpaung",
    "Pangaribuan",
    "Sihombing",
    "Silalahi",
    "Pane",
    "Saragih",
    "Munthe",
    "Rambe",
]
#: Common first parts of Indonesian names, with how often a name starts with one.
PREFIXES: Final = {"Muhammad": 0.08, "Siti": 0.08, "Nur": 0.03, "Ahmad": 0.03}
#: The share of single-word names (common in Java and among older people).
SINGLE: Final = 0.15
PLACES: Final = tuple(
    place.replace("_", " ")
    for place in [
        "Blambangan_Umpu",
        "Baradatu",
        "Kasui",
        "Bandar_Lampung",
        "Metro",
        "Pringsewu",
        "Kotabumi",
        "Menggala",
        "Liwa",
        "Kalianda",
        "Gedong_Tataan",
        "Sukadana",
        "Kota_Agung",
        "Pesawaran",
        "Tulang_Bawang",
        "Mesuji",
        "Palembang",
        "Jakarta",
        "Bandung",
        "Semarang",
        "Surabaya",
        "Yogyakarta",
        "Medan",
        "Padang",
        "Bengkulu",
        "Jambi",
        "Serang",
        "Bogor",
        "Solo",
        "Kediri",
        "Malang",
        "Cirebon",
        "Tegal",
        "Purwokerto",
        "Madiun",
        "Tasikmalaya",
        "Pekanbaru",
        "Lubuklinggau",
        "Martapura",
        "Negara_Batin",
        "Pakuan_Ratu",
        "Bahuga",
        "Banjit",
        "Rebang_Tangkas",
        "Way_Tuba",
        "Gunung_Labuhan",
    ]
)
#: Way Kanan's districts (Kemendagri codes without dots): where the NIKs were issued.
DISTRICTS: Final = tuple(f"1808{n:02d}" for n in range(1, 16))

#: The table's columns: a record id, the person it belongs to (the truth) and the record's data.
PEOPLE_SCHEMA: Final = pa.schema(
    [  # type: ignore[arg-type]  # the stubs type a list of fields as list[object]
        pa.field("record_id", pa.int64(), nullable=False),
        pa.field("person", pa.int64(), nullable=False),
        pa.field("nik", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("sex", pa.int8(), nullable=False),
        pa.field("birth_date", pa.date32(), nullable=False),
        pa.field("birth_place", pa.string(), nullable=False),
        pa.field("mother_name", pa.string(), nullable=False),
        pa.field("district", pa.string(), nullable=False),
    ]
)

_FIRST_DAY = datetime.date(1940, 1, 1).toordinal()
_DAYS = datetime.date(2025, 12, 31).toordinal() - _FIRST_DAY + 1


def _name(rng: random.Random, given: tuple[str, ...] | list[str], female: bool) -> str:
    draw = rng.random()
    for prefix, share in PREFIXES.items():
        if draw < share and (prefix != "Siti" or female) and (prefix != "Muhammad" or not female):
            return f"{prefix} {rng.choice(given)} {rng.choice(SECOND)}"
        draw -= share
    if rng.random() < SINGLE:
        return rng.choice(given)
    return f"{rng.choice(given)} {rng.choice(SECOND)}"


class _Numbers:
    """NIKs that are unique in the table: district, birth part and a serial per both."""

    def __init__(self) -> None:
        self.serials: dict[str, int] = {}

    def new(self, district: str, born: datetime.date, sex: Sex) -> str:
        prefix = district + birth_part(born, sex)
        serial = self.serials.get(prefix, 0) + 1
        if serial > 9999:
            raise InvalidComponent(f"more than 9999 people born on {born} in one district")
        self.serials[prefix] = serial
        return f"{prefix}{serial:04d}"


def synthetic_people(count: int, *, duplicate_rate: float = 0.02, seed: int = 0) -> pa.Table:
    """``count`` people and ``round(count * duplicate_rate)`` planted second records, shuffled."""
    if type(count) is not int or count < 1:
        raise InvalidComponent(f"count must be a positive integer, not {count!r}")
    if not 0 <= duplicate_rate <= 1:
        raise InvalidComponent(f"duplicate_rate must be between 0 and 1, not {duplicate_rate!r}")
    rng = random.Random(seed)
    numbers = _Numbers()
    rows: list[tuple[int, str, str, int, datetime.date, str, str, str]] = []
    people: list[Person] = []
    for person in range(count):
        female = rng.random() < 0.5
        sex = Sex.FEMALE if female else Sex.MALE
        born = datetime.date.fromordinal(_FIRST_DAY + rng.randrange(_DAYS))
        mother = _name(rng, FEMALE, True) if rng.random() > 0.05 else ""
        record = Person(
            name=_name(rng, FEMALE if female else MALE, female),
            sex=sex,
            birth_date=born,
            birth_place=rng.choice(PLACES),
            mother_name=mother,
        )
        district = rng.choice(DISTRICTS)
        people.append(record)
        rows.append((person, numbers.new(district, born, sex), record.name, sex.value, born,
                     record.birth_place, mother, district))  # fmt: skip
    for person in rng.sample(range(count), round(count * duplicate_rate)):
        second = corrupt(people[person], rng.choice(FIELDS), rng)
        district = rng.choice(DISTRICTS)
        number = numbers.new(district, second.birth_date, second.sex)
        rows.append((person, number, second.name, second.sex.value, second.birth_date,
                     second.birth_place, second.mother_name, district))  # fmt: skip
    rng.shuffle(rows)
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [pa.array(range(len(rows)), pa.int64())]
        + [
            pa.array(column, field.type)
            for column, field in zip(columns, list(PEOPLE_SCHEMA)[1:], strict=True)
        ],
        schema=PEOPLE_SCHEMA,
    )
