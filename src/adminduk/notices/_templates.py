"""The wording of every notice, as data an office replaces, and the office's own details.

Each notice has a key (what happened: ``"filed"``, ``"returned"``, ``"arrived"``, ...) and a
template per language (``str.format`` fields listed in :data:`FIELDS`). The office's details
(its name, its WhatsApp lines per service group, its district offices' opening days) are an
:class:`OfficeProfile`: data, never code. Line numbers are the office's to give; the defaults
have none.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from typing import Any

import attrs

from adminduk.documents import DocumentCode
from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = [
    "DEFAULT_TEMPLATES",
    "FIELDS",
    "LANGUAGES",
    "SERVICE_GROUPS",
    "OfficeProfile",
    "Templates",
    "check_template",
    "check_templates",
]

#: The languages every notice is written in, Indonesian first.
LANGUAGES = ("id", "en")

#: The fields a template may use.
FIELDS = (
    "number",  # the application's number
    "document",  # the document's name
    "variant",  # the service variant's name
    "due",  # the service-level due date
    "findings",  # every finding, one per line, with what fixes it
    "reason",  # the reason given (rejection, cancellation, return)
    "office",  # the regency office's name
    "district",  # the district office's name, with its code
    "opening",  # the district office's opening days and hours
    "bring",  # what to bring to collect
    "collectors",  # who may collect
    "line",  # the office's line for this service group ("" if none is configured)
)

#: Service groups, as the seed office runs one WhatsApp line per group (DOMAIN.md).
SERVICE_GROUPS: Mapping[str, frozenset[DocumentCode]] = {
    "kk-pindah": frozenset({"KK", "SKPWNI"}),
    "ktp-kia": frozenset({"KTP-el", "KIA"}),
    "akta-lahir": frozenset({"AKTA-LAHIR"}),
    # The seed office names death and marriage certificates; divorce is placed with them.
    "akta-mati-kawin": frozenset({"AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI"}),
    # Not one of the seed office's lines (DOMAIN.md): corrections go to the office's own.
    "perbaikan-data": frozenset({"PERBAIKAN-DATA"}),
}

Templates = Mapping[str, Mapping[str, str]]

_LINE_ID = "{line}"
#: adminduk's default wording, Indonesian first; every key in both languages.
DEFAULT_TEMPLATES: Templates = {
    "filed": {
        "id": "Permohonan {document} ({variant}) diterima dengan nomor {number}. "
        "Perkiraan selesai: {due}." + _LINE_ID,
        "en": "Your application for a {document} ({variant}) is filed as {number}. "
        "Expected by {due}." + _LINE_ID,
    },
    "outreach": {
        "id": "Permohonan {document} nomor {number} dicatat; petugas jemput bola akan datang ke "
        "rumah. Perkiraan selesai: {due}." + _LINE_ID,
        "en": "Application {number} ({document}) is filed; an outreach officer will visit your "
        "home. Expected by {due}." + _LINE_ID,
    },
    "refiled": {
        "id": "Berkas {number} ({document}) diajukan kembali. Perkiraan selesai: {due}.",
        "en": "Application {number} ({document}) is filed again. Expected by {due}.",
    },
    "recorded": {
        "id": "Perekaman biometrik KTP-el untuk permohonan {number} sudah dilakukan.",
        "en": "The KTP-el biometrics for application {number} are recorded.",
    },
    "returned": {
        "id": "Berkas {number} ({document}) dikembalikan. Yang perlu dilengkapi:\n{findings}"
        "{reason}" + _LINE_ID,
        "en": "Application {number} ({document}) is returned. What is needed:\n{findings}"
        "{reason}" + _LINE_ID,
    },
    "verified": {
        "id": "Berkas {number} ({document}) lengkap dan sedang diproses.",
        "en": "Application {number} ({document}) is complete and being processed.",
    },
    "approved": {
        "id": "Permohonan {number} ({document}) disetujui pejabat pencatatan sipil dan akan "
        "diterbitkan.",
        "en": "Application {number} ({document}) is approved by the civil registration official "
        "and will be issued.",
    },
    "printed": {
        "id": "{document} untuk permohonan {number} sudah dicetak dan ditandatangani.",
        "en": "The {document} of application {number} is printed and signed.",
    },
    "ready": {
        "id": "{document} untuk permohonan {number} siap diambil di {office}. Bawa: {bring}. "
        "Yang boleh mengambil: {collectors}.",
        "en": "The {document} of application {number} is ready at {office}. Bring: {bring}. "
        "Who may collect: {collectors}.",
    },
    "posted": {
        "id": "{document} untuk permohonan {number} dikirim lewat pos ke {district}.",
        "en": "The {document} of application {number} is on its way by post to {district}.",
    },
    "sent": {
        "id": "{document} untuk permohonan {number} dikirim secara digital (WhatsApp/e-mail).",
        "en": "The {document} of application {number} is sent digitally (WhatsApp, e-mail).",
    },
    "arrived": {
        "id": "{document} untuk permohonan {number} sudah tiba di {district}, buka {opening}. "
        "Bawa: {bring}. Yang boleh mengambil: {collectors}.",
        "en": "The {document} of application {number} has arrived at {district}, open "
        "{opening}. Bring: {bring}. Who may collect: {collectors}.",
    },
    "collected": {
        "id": "{document} untuk permohonan {number} sudah diterima. Terima kasih.",
        "en": "The {document} of application {number} is collected. Thank you.",
    },
    "rejected": {
        "id": "Permohonan {number} ({document}) ditolak.{reason}" + _LINE_ID,
        "en": "Application {number} ({document}) is rejected.{reason}" + _LINE_ID,
    },
    "cancelled": {
        "id": "Permohonan {number} ({document}) dibatalkan sesuai permintaan.",
        "en": "Application {number} ({document}) is cancelled as asked.",
    },
    "overdue": {
        "id": "Mohon maaf, permohonan {number} ({document}) terlambat dari jadwal. Perkiraan "
        "baru: {due}." + _LINE_ID,
        "en": "We are sorry: application {number} ({document}) is late. New expected date: "
        "{due}." + _LINE_ID,
    },
}


def _texts(name: str, *, per_language: bool) -> Any:
    """An attrs validator: a mapping of strings to strings (both languages, if ``per_language``)."""

    def validate(_: object, __: object, value: object) -> None:
        if not isinstance(value, Mapping):
            raise InvalidFormat(
                f"OfficeProfile.{name} must be a mapping, not {type(value).__name__}"
            )
        for key, text in value.items():
            if not isinstance(key, str) or not isinstance(text, str):
                raise InvalidFormat(f"OfficeProfile.{name} maps strings to strings")
        if per_language:
            missing = [lang for lang in LANGUAGES if lang not in value]
            if missing:
                raise InvalidComponent(
                    f"OfficeProfile.{name} needs a text in {', '.join(LANGUAGES)}; "
                    f"{', '.join(missing)} is missing"
                )

    return validate


def _groups(_: object, __: object, value: Mapping[str, str]) -> None:
    unknown = sorted(set(value) - set(SERVICE_GROUPS))
    if unknown:
        raise InvalidComponent(
            f"OfficeProfile.lines names unknown service groups {unknown[:3]}; "
            f"the groups are {', '.join(SERVICE_GROUPS)}"
        )


def _name(_: object, __: object, value: object) -> None:
    if not isinstance(value, str):
        raise InvalidFormat(f"OfficeProfile.name must be a string, not {type(value).__name__}")


@attrs.frozen
class OfficeProfile:
    """What notices say about the office: names, lines per service group, district offices.

    ``lines`` maps a :data:`SERVICE_GROUPS` key to the WhatsApp line of that group;
    ``opening`` the district offices' opening days, by district code (``default_opening`` for
    the others); ``bring`` what to bring to collect, per language. Checked when made: a
    profile missing a language, or holding anything but text, is refused.
    """

    name: str = attrs.field(default="Disdukcapil", validator=_name)
    lines: Mapping[str, str] = attrs.field(
        factory=dict, validator=[_texts("lines", per_language=False), _groups]
    )
    opening: Mapping[str, str] = attrs.field(
        factory=dict, validator=_texts("opening", per_language=False)
    )
    default_opening: Mapping[str, str] = attrs.field(
        factory=lambda: {"id": "Senin-Jumat 08.00-15.00", "en": "Monday to Friday, 08:00-15:00"},
        validator=_texts("default_opening", per_language=True),
    )
    bring: Mapping[str, str] = attrs.field(
        factory=lambda: {
            "id": "nomor permohonan dan KTP-el atau KK pengambil",
            "en": "the application number and the collector's KTP-el or KK",
        },
        validator=_texts("bring", per_language=True),
    )

    def line_for(self, document: str) -> str:
        """The line of the service group ``document`` belongs to ("" if none is configured)."""
        for group, codes in SERVICE_GROUPS.items():
            if document in codes:
                return self.lines.get(group, "")
        return ""


@functools.lru_cache(maxsize=512)
def check_template(template: str) -> str:
    """``template`` if it uses only :data:`FIELDS`, plainly; else an ``InvalidComponent``.

    A field is written ``{name}``: no attribute or index (``{number.x}``), no conversion and no
    format specification (a width of a billion characters is not a notice).

    >>> check_template("Berkas {number} siap")
    'Berkas {number} siap'
    >>> check_template("{number.real}")
    Traceback (most recent call last):
    ...
    adminduk.errors.InvalidComponent: a notice template uses an unknown field 'number.real'; the fields are number, document, variant, due, findings, reason, office, district, opening, bring, collectors, line
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise InvalidComponent(f"a notice template is not well formed: {exc}") from None
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in FIELDS:
            raise InvalidComponent(
                f"a notice template uses an unknown field {field[:40]!r}; "
                f"the fields are {', '.join(FIELDS)}"
            )
        if spec or conversion:
            raise InvalidComponent(
                f"a notice template writes {{{field}}} with a format or conversion; "
                "write the field plainly"
            )
    return template


def check_templates(templates: object) -> Templates:
    """``templates`` if every entry has a well-formed template in each language; else refused.

    >>> check_templates(DEFAULT_TEMPLATES) is DEFAULT_TEMPLATES
    True
    """
    if not isinstance(templates, Mapping):
        raise InvalidFormat(f"templates must be a mapping, not {type(templates).__name__}")
    for key, wording in templates.items():
        if not isinstance(key, str) or not isinstance(wording, Mapping):
            raise InvalidFormat("templates map each notice key to a mapping of language: text")
        for lang in LANGUAGES:
            text = wording.get(lang)
            if not isinstance(text, str):
                raise InvalidComponent(
                    f"the notice template {key[:40]!r} has no {lang} text "
                    f"(found {type(text).__name__})"
                )
            check_template(text)
    return templates
