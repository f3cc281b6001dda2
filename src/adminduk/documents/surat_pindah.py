"""SKPWNI (Surat Keterangan Pindah WNI, moving letter) and the arrival side.

Within one regency no SKPWNI is issued: the resident gets a new KK (Pasal 29 Permendagri
108/2019). Between regencies or provinces the origin office issues the SKPWNI on showing the KK
(Pasal 25(3) Perpres 96/2018); at the destination the KK and KTP-el are issued from it.
"""

from __future__ import annotations

import enum
from typing import ClassVar

from adminduk import regions
from adminduk.documents._base import (
    Context,
    DocumentType,
    Evidence,
    FindingKind,
    Requirement,
    Variant,
)
from adminduk.documents._common import copy_variants, kk_on_file, subject_known
from adminduk.errors import AdmindukError
from adminduk.events import MoveOut

__all__ = ["MoveLevel", "SuratPindah", "move_level"]


class MoveLevel(enum.IntEnum):
    """How far a move goes: between villages, districts, regencies/cities or provinces."""

    VILLAGE = 1
    DISTRICT = 2
    REGENCY = 3
    PROVINCE = 4


def move_level(origin: str, destination: str) -> MoveLevel:
    """Return the level of a move between two region codes (any level, dotted or not).

    >>> move_level("18.08.01.2006", "18.08.04")
    <MoveLevel.DISTRICT: 2>
    >>> move_level("18.08.01", "31.71")
    <MoveLevel.PROVINCE: 4>
    """
    first = regions.normalize(origin).split(".")
    second = regions.normalize(destination).split(".")
    for depth, level in ((1, MoveLevel.PROVINCE), (2, MoveLevel.REGENCY), (3, MoveLevel.DISTRICT)):
        if first[:depth] != second[:depth]:
            return level
    return MoveLevel.VILLAGE


def _level(context: Context) -> MoveLevel | None:
    family = context.registry._family_of.get(context.application.subject or "")
    destination = context.application.destination
    if family is None or destination is None:
        return None
    try:
        return move_level(context.registry._families[family].address.village_code, destination)
    except AdmindukError:
        return None


def _known_destination(context: Context) -> bool:
    destination = context.application.destination
    if destination is None:
        return False
    try:
        regions.get(destination)
    except AdmindukError:
        return False
    return True


def _needs_skpwni(context: Context) -> bool:
    level = _level(context)
    return level is not None and level >= MoveLevel.REGENCY


class SuratPindah(DocumentType):
    """The moving letter between regencies or provinces, and the arrival at the destination."""

    code = "SKPWNI"
    name_id = "Surat Keterangan Pindah WNI"
    name_en = "Moving letter"
    legal_basis = ("Pasal 25 Perpres 96/2018", "Pasal 29 Permendagri 108/2019")
    who_id = "kepala keluarga atau anggota keluarga yang pindah"
    who_en = "the head of family or the members who move"
    register_event = MoveOut
    issued_with = ("KK",)
    requirements: ClassVar[tuple[Requirement, ...]] = ()
    variants = (
        Variant(
            "departure",
            "Pindah keluar kabupaten/kota atau provinsi",
            "Leaving for another regency or province",
            (
                subject_known("skpwni.subject", "pemohon", "applicant"),
                kk_on_file("skpwni.kk"),
                Requirement(
                    id="skpwni.destination",
                    message_id="Tujuan pindah belum diisi atau bukan kode wilayah yang dikenal.",
                    message_en="The destination is not given, or is not a known region code.",
                    basis="Pasal 25 Perpres 96/2018",
                    met=_known_destination,
                    kind=FindingKind.INVALID,
                ),
                Requirement(
                    id="skpwni.within_regency",
                    message_id="Pindah dalam satu kabupaten/kota tidak memerlukan SKPWNI: ajukan KK baru.",
                    message_en="A move within the regency needs no SKPWNI: apply for a new KK instead.",
                    basis="Pasal 29 Permendagri 108/2019",
                    met=_needs_skpwni,
                    applies=lambda context: _level(context) is not None,
                    kind=FindingKind.INVALID,
                ),
            ),
        ),
        Variant(
            "arrival",
            "Pindah datang",
            "Arrival",
            (
                Requirement(
                    id="skpwni.arrival.letter",
                    message_id="SKPWNI dari daerah asal belum ada.",
                    message_en="The SKPWNI from the place of origin is missing.",
                    basis="Pasal 25 Perpres 96/2018",
                    satisfied_by=(Evidence.SKPWNI,),
                ),
            ),
        ),
        *copy_variants("skpwni", "SKPWNI", "Moving letter", reporter_kk=False),
    )
