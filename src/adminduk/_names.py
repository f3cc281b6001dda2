"""Word lists for synthetic people and addresses (simulation and test strategies).

The names are common Indonesian given names and family names, combined at random: they name
nobody in particular.
"""

from __future__ import annotations

MALE_NAMES = ("Agus", "Ahmad", "Andi", "Bambang", "Budi", "Dedi", "Eko", "Fajar", "Hendra",
              "Imam", "Irfan", "Joko", "Made", "Nyoman", "Rizki", "Samsul", "Slamet", "Teguh",
              "Wahyu", "Yusuf")  # fmt: skip
FEMALE_NAMES = ("Ani", "Ayu", "Dewi", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Nina",
                "Nur", "Putri", "Rina", "Sari", "Siti", "Sri", "Tuti", "Wati", "Yuli",
                "Zahra")  # fmt: skip
SECOND_NAMES = ("Saputra", "Santoso", "Wijaya", "Pratama", "Kurniawan", "Hidayat", "Setiawan",
                "Rahmawati", "Lestari", "Permata", "Utami", "Susanti", "Nugroho", "Purnama",
                "Siregar", "Harahap")  # fmt: skip
STREETS = ("Jl. Lintas Sumatera", "Jl. Merdeka", "Jl. Pasar", "Jl. Masjid", "Dusun",
           "Jl. Sekolah")  # fmt: skip
BIRTH_PLACES = ("Blambangan Umpu", "Baradatu", "Kasui", "Bandar Lampung", "Metro")
