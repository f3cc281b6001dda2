"""SKPWNI (Surat Keterangan Pindah WNI, moving letter) and the arrival side.

Within one regency no SKPWNI is issued: the resident gets a new KK (Pasal 29 Permendagri
108/2019). Between regencies or provinces the origin office issues the SKPWNI on showing the KK
(Pasal 25(3) Perpres 96/2018); at the destination the KK and KTP-el are issued from it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from typing import Any, ClassVar

from adminduk import regions
from adminduk.documents._base import Context, DocumentType, RegisterChange, Requirement, Variant
from adminduk.documents._common import (
    alive,
    build_event,
    copy_variants,
    given,
    kk_on_file,
    subject_known,
)
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.documents.details import MoveRequest
from adminduk.documents.form import Form
from adminduk.errors import AdmindukError
from adminduk.register.events import Event, MoveIn, MoveOut

__all__ = ["SKPWNI", "MoveLevel", "move_level"]


class MoveLevel(enum.IntEnum):
    """How far a move goes: between villages, districts, regencies/cities or provinces."""

    VILLAGE = 1
    DISTRICT = 2
    REGENCY = 3
    PROVINCE = 4

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _MOVE_LEVEL_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _MOVE_LEVEL_LABELS[self][1]


_MOVE_LEVEL_LABELS: dict[MoveLevel, tuple[str, str]] = {
    MoveLevel.VILLAGE: ("antardesa/kelurahan", "between villages"),
    MoveLevel.DISTRICT: ("antarkecamatan", "between districts"),
    MoveLevel.REGENCY: ("antarkabupaten/kota", "between regencies or cities"),
    MoveLevel.PROVINCE: ("antarprovinsi", "between provinces"),
}


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


def _destination(form: Form) -> str | None:
    move = form.details
    return move.destination if isinstance(move, MoveRequest) else None


def _level(context: Context) -> MoveLevel | None:
    family = context.registry.find_family(context.registry.family_number_of(context.form.subject))
    destination = _destination(context.form)
    if family is None or destination is None:
        return None
    try:
        return move_level(family.address.village_code, destination)
    except AdmindukError:
        return None


def _needs_skpwni(context: Context) -> bool:
    level = _level(context)
    return level is not None and level >= MoveLevel.REGENCY


class SKPWNI(DocumentType):
    """The moving letter between regencies or provinces, and the arrival at the destination."""

    code = "SKPWNI"
    name_id = "Surat Keterangan Pindah WNI"
    name_en = "Moving letter"
    legal_basis = ("Pasal 25 Perpres 96/2018", "Pasal 29 Permendagri 108/2019")
    who_id = "kepala keluarga atau anggota keluarga yang pindah"
    who_en = "the head of family or the members who move"
    # Pasal 25 Perpres 96/2018: the origin office issues the SKPWNI (the residents leave its
    # register); the destination office registers the arrival with it.
    register_changes: ClassVar[Mapping[str, RegisterChange]] = {
        "departure": RegisterChange((MoveOut,), note="origin side"),
        "arrival": RegisterChange((MoveIn,), note="destination side"),
    }

    subject_label = ("NIK pemohon yang pindah", "NIK of the applicant who moves")
    # F-1.03: a departure says where to and why; an arrival, from where and by which letter.
    details_in: ClassVar[Mapping[str, bool]] = {"departure": True, "arrival": True}

    @classmethod
    def event_for(cls, form: Form, *, on: datetime.date, **details: Any) -> Event:
        """The departure's ``MoveOut`` of the subject and the members the move names."""
        if form.variant != "departure":
            return super().event_for(form, on=on, **details)
        move = given(form.details, "details (the move)")
        assert isinstance(move, MoveRequest)  # a Form checks its part's type
        subject = given(form.subject, "subject")
        values: dict[str, Any] = {
            "niks": (subject, *(nik for nik in move.movers if nik != subject)),
            "destination": given(move.destination, "details.destination"),
        }
        return build_event(
            cls.code, MoveOut, {**values, "occurred_on": on, "recorded_on": on, **details}
        )

    issued_with = ("KK",)
    requirements: ClassVar[tuple[Requirement, ...]] = ()
    variants = (
        Variant(
            "departure",
            "Pindah keluar kabupaten/kota atau provinsi",
            "Leaving for another regency or province",
            (
                subject_known("skpwni.subject", "pemohon", "applicant"),
                alive("skpwni.alive"),
                kk_on_file("skpwni.kk"),
                Requirement(
                    id="skpwni.within_regency",
                    message_id="Pindah dalam satu kabupaten/kota tidak memerlukan SKPWNI: ajukan KK baru.",
                    message_en="A move within the regency needs no SKPWNI: apply for a new KK instead.",
                    basis="Pasal 29 Permendagri 108/2019",
                    met=_needs_skpwni,
                    applies=lambda context: _level(context) is not None,
                    kind=FindingKind.INVALID,
                    field="details.destination",
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
