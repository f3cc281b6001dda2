"""The population forms' parts: a family card's data, a correction, a move, an outreach visit.

Permendagri 109/2019 prints the population forms: F-1.01 (the family card's data), F-1.02 (a
change of population data) and F-1.03 (a move). Each is a typed part of the
:class:`~adminduk.documents.Form` here, checked when made: :class:`FamilyCardRequest`,
:class:`CorrectionRequest` (the corrected fields, or the certificate to annul, and why) and
:class:`MoveRequest`. :class:`Outreach` asks for a home visit (jemput bola) for a resident who
cannot come: to record biometrics, or to hand a document over.

A correction's values are written as text in one format
(:func:`adminduk.register.events.as_text`: a code's number, a date in ISO), the same the
register's history keeps, and are checked when the request is made.

>>> request = CorrectionRequest(changes={"name": "Budi Santosa", "birth_date": "1987-08-18"},
...                             reason="salah ketik pada KK")
>>> request.corrected()["birth_date"]
datetime.date(1987, 8, 18)
>>> MoveRequest(destination="3171", reason=MoveReason.WORK).destination
'31.71'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from adminduk._privacy import redacted_repr
from adminduk.codes import MoveReason
from adminduk.documents._spec import (
    Ask,
    Details,
    FieldKind,
    ask,
    check_fields,
    described_by,
    field_error,
)
from adminduk.errors import InvalidFormat
from adminduk.regions import RegionLevel
from adminduk.register.events import from_text

__all__ = [
    "CERTIFICATES",
    "CorrectionRequest",
    "FamilyCardRequest",
    "MoveRequest",
    "Outreach",
    "OutreachReason",
]

#: The civil registration certificates a correction may name (and an annulment withdraw).
CERTIFICATES = frozenset({"AKTA-LAHIR", "AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI"})

_F101 = "F-1.01 Permendagri 109/2019"
_F102 = "F-1.02 Permendagri 109/2019; Pasal 71 UU 24/2013"
_F103 = "F-1.03 Permendagri 109/2019; Pasal 25 Perpres 96/2018"


@redacted_repr
@attrs.frozen(kw_only=True)
class FamilyCardRequest(Details):
    """A family card's data as F-1.01 asks it: the family's address, and who is on the card.

    Optional on every KK form: the office builds the register change of a new card itself; a
    resident who moves within the regency, or splits from a family, says here where to and who.
    """

    document: ClassVar[str] = "KK"
    tag: ClassVar[str] = "family_card"
    form_name: ClassVar[str] = "F-1.01"

    members: tuple[str, ...] = ask(
        Ask(
            label_id="NIK anggota keluarga pada KK baru",
            label_en="NIKs of the members on the new card",
            help_id="Kosongkan bila semua anggota keluarga tetap sama.",
            help_en="Leave empty when the members stay the same.",
            basis=_F101,
            kind=FieldKind.NIKS,
            maximum=20,
        ),
        default=(),
    )
    street: str = ask(
        Ask(
            label_id="Alamat (jalan, dusun)",
            label_en="Address (street, hamlet)",
            basis=_F101,
            kind=FieldKind.TEXT,
            max_length=120,
        ),
        default="",
    )
    rt: str = ask(
        Ask(
            label_id="RT",
            label_en="RT (neighbourhood)",
            basis=_F101,
            kind=FieldKind.TEXT,
            max_length=3,
        ),
        default="",
    )
    rw: str = ask(
        Ask(label_id="RW", label_en="RW (hamlet)", basis=_F101, kind=FieldKind.TEXT, max_length=3),
        default="",
    )
    village: str | None = ask(
        Ask(
            label_id="Kode desa/kelurahan",
            label_en="Village code",
            help_id="Kode wilayah desa/kelurahan, misalnya 18.08.01.2001.",
            help_en="The village's region code, such as 18.08.01.2001.",
            basis=_F101,
            kind=FieldKind.REGION,
            level=RegionLevel.VILLAGE,
        ),
        default=None,
    )


def _changes(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    given: object = value
    if isinstance(given, str | bytes) or not isinstance(given, Mapping | Iterable):
        raise InvalidFormat("a correction's changes are (field, corrected value) pairs")
    pairs = tuple(given.items() if isinstance(given, Mapping) else given)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidFormat("a correction's changes are (field, corrected value) pairs")
        from_text(*pair)  # an unknown field or a value of the wrong form is refused here
    if len({name for name, _ in pairs}) != len(pairs):
        raise field_error(
            CorrectionRequest,
            "changes",
            "repeated",
            "names a field twice",
            "menyebut satu isian dua kali",
        )
    return pairs


@redacted_repr
@attrs.frozen(kw_only=True)
class CorrectionRequest(Details):
    """What a correction asks for (F-1.02): the corrected fields, or the certificate to annul.

    ``changes`` maps fields of the resident's data (:data:`~adminduk.register.events.
    CORRECTABLE`) to their corrected value as text; ``document`` and ``number`` name a
    certificate (the one corrected, whose reprint carries a margin note, or the one annulled);
    ``reason`` says what was wrong, or names the decision the change rests on.
    """

    document: ClassVar[str] = "PERBAIKAN-DATA"
    tag: ClassVar[str] = "correction"
    form_name: ClassVar[str] = "F-1.02"

    changes: tuple[tuple[str, str], ...] = attrs.field(
        default=(),
        converter=_changes,
        metadata=described_by(
            Ask(
                label_id="Data yang diperbaiki dan isinya yang benar",
                label_en="The fields to correct, with their right values",
                help_id="Misalnya nama = Budi Santosa; tanggal lahir dalam bentuk TTTT-BB-HH.",
                help_en="For example name = Budi Santosa; a birth date as YYYY-MM-DD.",
                basis=_F102,
                kind=FieldKind.CHANGES,
                required_in=frozenset({"clerical", "change"}),
            )
        ),
    )
    certificate: str | None = ask(
        Ask(
            label_id="Akta yang diperbaiki atau dibatalkan",
            label_en="The certificate corrected or annulled",
            help_id="AKTA-LAHIR, AKTA-MATI, AKTA-KAWIN atau AKTA-CERAI.",
            help_en="AKTA-LAHIR, AKTA-MATI, AKTA-KAWIN or AKTA-CERAI.",
            basis=_F102,
            kind=FieldKind.TEXT,
            max_length=20,
            pattern="|".join(sorted(CERTIFICATES)),
            required_in=frozenset({"annulment"}),
        ),
        default=None,
    )
    number: str | None = ask(
        Ask(
            label_id="Nomor akta",
            label_en="The certificate's number",
            basis=_F102,
            kind=FieldKind.TEXT,
            max_length=64,
            required_in=frozenset({"annulment"}),
        ),
        default=None,
    )
    reason: str = ask(
        Ask(
            label_id="Alasan atau dasar perbaikan",
            label_en="Reason, or the decision it rests on",
            help_id="Untuk perubahan dan pembatalan: nomor putusan pengadilan.",
            help_en="For a change or an annulment: the number of the court decision.",
            basis=_F102,
            kind=FieldKind.TEXT,
            max_length=300,
        ),
        default="",
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.certificate is not None and self.certificate not in CERTIFICATES:
            known = ", ".join(sorted(CERTIFICATES))
            raise field_error(
                CorrectionRequest,
                "certificate",
                "choice",
                f"must be one of {known}, not {str(self.certificate)[:30]!r}",
                f"harus salah satu dari {known}",
            )
        if (self.certificate is None) is not (self.number is None):
            missing = "number" if self.number is None else "certificate"
            raise field_error(
                CorrectionRequest,
                missing,
                "pair",
                "is needed: a certificate is named by its code and number",
                "diperlukan: akta disebut dengan jenis dan nomornya",
            )

    def corrected(self) -> dict[str, Any]:
        """The corrected fields, as values (a date, a code), by name."""
        return {name: from_text(name, text) for name, text in self.changes}


@redacted_repr
@attrs.frozen(kw_only=True)
class MoveRequest(Details):
    """A move as F-1.03 asks it: where to, why and who; or, arriving, from where and by which letter.

    A departure names its ``destination`` (a regency or finer) and ``reason``; the members who
    move with the subject are ``movers`` (by default the subject alone). An arrival names the
    ``origin`` region and the number of the SKPWNI it brings (``letter_number``).
    """

    document: ClassVar[str] = "SKPWNI"
    tag: ClassVar[str] = "move"
    form_name: ClassVar[str] = "F-1.03"

    destination: str | None = ask(
        Ask(
            label_id="Daerah tujuan pindah (kode wilayah)",
            label_en="Destination (region code)",
            help_id="Kode kabupaten/kota tujuan atau yang lebih rinci, misalnya 31.71.",
            help_en="The regency or city moved to, or finer, such as 31.71.",
            basis=_F103,
            kind=FieldKind.REGION,
            level=RegionLevel.REGENCY,
            required_in=frozenset({"departure"}),
        ),
        default=None,
    )
    destination_address: str = ask(
        Ask(
            label_id="Alamat tujuan (jalan, RT/RW, desa)",
            label_en="Address moved to (street, RT/RW, village)",
            basis=_F103,
            kind=FieldKind.TEXT,
            max_length=200,
        ),
        default="",
    )
    reason: MoveReason | None = ask(
        Ask(
            label_id="Alasan pindah",
            label_en="Reason for moving",
            basis=_F103,
            kind=FieldKind.CHOICE,
            choices=MoveReason,
            required_in=frozenset({"departure"}),
        ),
        default=None,
    )
    movers: tuple[str, ...] = ask(
        Ask(
            label_id="NIK anggota keluarga yang ikut pindah",
            label_en="NIKs of the family members who move along",
            help_id="Kosongkan bila hanya pemohon yang pindah.",
            help_en="Leave empty when only the applicant moves.",
            basis=_F103,
            kind=FieldKind.NIKS,
            maximum=20,
        ),
        default=(),
    )
    origin: str | None = ask(
        Ask(
            label_id="Daerah asal (kode wilayah)",
            label_en="Place of origin (region code)",
            basis=_F103,
            kind=FieldKind.REGION,
            level=RegionLevel.REGENCY,
            required_in=frozenset({"arrival"}),
        ),
        default=None,
    )
    letter_number: str | None = ask(
        Ask(
            label_id="Nomor SKPWNI dari daerah asal",
            label_en="Number of the SKPWNI from the place of origin",
            basis=_F103,
            kind=FieldKind.TEXT,
            max_length=64,
            required_in=frozenset({"arrival"}),
        ),
        default=None,
    )


class OutreachReason(enum.Enum):
    """Why a resident asks for a home visit (jemput bola): who outreach serves (DOMAIN.md)."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    ELDERLY = "elderly"  #: lanjut usia
    DISABLED = "disabled"  #: penyandang disabilitas
    SICK = "sick"  #: sakit atau terbaring

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _OUTREACH_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _OUTREACH_LABELS[self][1]


_OUTREACH_LABELS = {
    OutreachReason.ELDERLY: ("lanjut usia", "elderly"),
    OutreachReason.DISABLED: ("penyandang disabilitas", "disabled"),
    OutreachReason.SICK: ("sakit atau terbaring", "sick or bedridden"),
}

_OUTREACH = (
    "Jemput bola Disdukcapil (pelayanan bagi lansia, penyandang disabilitas dan yang sakit)"
)


@redacted_repr
@attrs.frozen(kw_only=True)
class Outreach:
    """A resident's request for a home visit: where, and why they cannot come.

    The visit records KTP-el biometrics at home, and hands a document over when the form's
    delivery is :attr:`~adminduk.documents.Delivery.OUTREACH`.
    """

    address: str = ask(
        Ask(
            label_id="Alamat kunjungan jemput bola",
            label_en="Address for the home visit",
            help_id="Alamat lengkap dengan RT/RW, desa dan patokan bila perlu.",
            help_en="The full address with RT/RW, village, and a landmark if needed.",
            basis=_OUTREACH,
            kind=FieldKind.TEXT,
            max_length=200,
        )
    )
    reason: OutreachReason = ask(
        Ask(
            label_id="Alasan tidak dapat datang",
            label_en="Why the resident cannot come",
            basis=_OUTREACH,
            kind=FieldKind.CHOICE,
            choices=OutreachReason,
        )
    )
    note: str = ask(
        Ask(
            label_id="Keterangan tambahan",
            label_en="Anything the officers should know",
            basis=_OUTREACH,
            kind=FieldKind.TEXT,
            max_length=300,
        ),
        default="",
    )

    def __attrs_post_init__(self) -> None:
        check_fields(self, prefix="outreach.")
