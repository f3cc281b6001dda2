"""KIA (Kartu Identitas Anak, child ID card): a 0-5 card and a 5-17 card (Permendagri 2/2016).

The 0-5 card has no photo and is valid until the child turns 5; the 5-17 card until the day
before the 17th birthday. A newborn's KIA is issued with the birth certificate.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from adminduk._fields import age_on
from adminduk.documents._base import Context, DocumentType, Requirement, Variant
from adminduk.documents._common import alive, kk_on_file, police_letter, subject_known
from adminduk.documents._vocabulary import Evidence, FindingKind
from adminduk.errors import InvalidComponent
from adminduk.register.issued import IssuedKIA

__all__ = ["KIA", "KIA_AGE_LIMIT", "KIA_SMALL_CHILD_LIMIT"]

#: A KIA is for children under 17 (Permendagri 2/2016).
KIA_AGE_LIMIT = 17
#: The 0-5 card is for children under 5.
KIA_SMALL_CHILD_LIMIT = 5


def _age_in(low: int, high: int) -> object:
    def rule(context: Context) -> bool:
        person = context.subject
        return person is not None and low <= age_on(person.birth_date, context.on) < high

    return rule


def _known(context: Context) -> bool:
    return context.subject is not None


def _age_requirement(code: str, low: int, high: int) -> Requirement:
    return Requirement(
        id=code,
        message_id=f"Anak harus berusia {low} sampai kurang dari {high} tahun untuk KIA ini.",
        message_en=f"The child must be aged {low} to under {high} for this KIA.",
        basis="Permendagri 2/2016",
        met=_age_in(low, high),  # type: ignore[arg-type]
        applies=_known,
        kind=FindingKind.INELIGIBLE,
        summary_id=f"anak berusia {low} sampai kurang dari {high} tahun",
        summary_en=f"a child aged {low} to under {high}",
    )


def _no_valid_card(context: Context) -> bool:
    """Whether the register holds no KIA of the subject still valid on the check's day."""
    person = context.subject
    if person is None:
        return True
    return not any(
        isinstance(record, IssuedKIA) and record.valid_until >= context.on
        for record in context.registry.documents_of(person.nik)
    )


def _first_card(code: str) -> Requirement:
    return Requirement(
        id=code,
        message_id="Anak sudah memiliki KIA yang masih berlaku: ajukan penggantian (hilang atau rusak).",
        message_en="The child holds a KIA still valid: apply for a replacement (lost or damaged).",
        basis="Permendagri 2/2016",
        met=_no_valid_card,
        kind=FindingKind.INELIGIBLE,
        summary_id="belum memiliki KIA yang berlaku",
        summary_en="holds no valid KIA yet",
    )


_BIRTH_CERTIFICATE = Requirement(
    id="kia.birth_certificate",
    message_id="Kutipan akta kelahiran anak belum ada.",
    message_en="The child's birth certificate is missing.",
    basis="Permendagri 2/2016",
    satisfied_by=(Evidence.BIRTH_CERTIFICATE,),
)
_PARENTS = Requirement(
    id="kia.parents_ktp_el",
    message_id="KTP-el kedua orang tua belum ada.",
    message_en="Both parents' KTP-el are missing.",
    basis="Permendagri 2/2016",
    satisfied_by=(Evidence.PARENTS_KTP_EL,),
)


class KIA(DocumentType):
    """The child ID card, for residents under 17."""

    code = "KIA"
    name_id = "Kartu Identitas Anak"
    name_en = "Child ID card"
    legal_basis = ("Permendagri 2/2016",)
    who_id = "orang tua atau wali anak"
    who_en = "the child's parent or guardian"
    requirements: ClassVar[tuple[Requirement, ...]] = (
        alive("kia.alive", who_id="anak", who_en="child"),
        subject_known("kia.subject", "anak", "child"),
        _age_requirement("kia.under_17", 0, KIA_AGE_LIMIT),
    )
    variants = (
        Variant(
            "under_5",
            "Anak di bawah 5 tahun",
            "Child under 5",
            (
                _age_requirement("kia.under_5.age", 0, KIA_SMALL_CHILD_LIMIT),
                _first_card("kia.under_5.first"),
                _BIRTH_CERTIFICATE,
                kk_on_file("kia.under_5.kk", who_id="orang tua", who_en="parents"),
                _PARENTS,
            ),
        ),
        Variant(
            "5_to_17",
            "Anak 5 sampai 17 tahun",
            "Child aged 5 to 17",
            (
                _age_requirement("kia.5_to_17.age", KIA_SMALL_CHILD_LIMIT, KIA_AGE_LIMIT),
                _first_card("kia.5_to_17.first"),
                _BIRTH_CERTIFICATE,
                kk_on_file("kia.5_to_17.kk", who_id="orang tua", who_en="parents"),
                _PARENTS,
                Requirement(
                    id="kia.5_to_17.photos",
                    message_id="Dua lembar pas foto berwarna 2x3 belum ada.",
                    message_en="Two 2x3 colour photographs are missing.",
                    basis="Permendagri 2/2016",
                    satisfied_by=(Evidence.PHOTOS,),
                ),
            ),
        ),
        Variant(
            "lost",
            "Hilang",
            "Lost",
            (police_letter("kia.lost.police", "Permendagri 2/2016"),),
            reissue=True,
        ),
        Variant(
            "damaged",
            "Rusak",
            "Damaged",
            (
                Requirement(
                    id="kia.damaged.card",
                    message_id="KIA yang rusak belum diserahkan.",
                    message_en="The damaged KIA has not been handed in.",
                    basis="Permendagri 2/2016",
                    satisfied_by=(Evidence.DAMAGED_DOCUMENT, Evidence.OLD_KIA),
                ),
            ),
            reissue=True,
        ),
    )

    @classmethod
    def valid_until(
        cls, birth_date: datetime.date, variant: str, *, on: datetime.date | None = None
    ) -> datetime.date:
        """Return the last day a KIA of ``variant`` is valid for a child born on ``birth_date``.

        A replacement (lost or damaged) is the card of the child's age band on the day it is
        issued, ``on``: an under-5 card before the fifth birthday, else the card to 17.

        >>> KIA.valid_until(datetime.date(2020, 3, 1), "under_5")
        datetime.date(2025, 2, 28)
        >>> KIA.valid_until(datetime.date(2012, 2, 29), "5_to_17")
        datetime.date(2029, 2, 28)
        >>> KIA.valid_until(datetime.date(2024, 6, 10), "lost", on=datetime.date(2026, 6, 10))
        datetime.date(2029, 6, 9)
        """
        chosen = cls.variant(variant)  # an unknown variant raises InvalidComponent
        if chosen.reissue:
            if on is None:
                raise InvalidComponent(
                    "a replacement KIA is valid by the child's age on the day it is issued: "
                    "pass on="
                )
            small = age_on(birth_date, on) < KIA_SMALL_CHILD_LIMIT
        else:
            small = variant == "under_5"
        years = KIA_SMALL_CHILD_LIMIT if small else KIA_AGE_LIMIT
        try:
            birthday = birth_date.replace(year=birth_date.year + years)
        except ValueError:  # 29 February: the birthday falls on 1 March
            birthday = datetime.date(birth_date.year + years, 3, 1)
        return birthday - datetime.timedelta(days=1)
