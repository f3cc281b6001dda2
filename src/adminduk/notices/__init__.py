"""Notices to residents: a message for every step of an application, Indonesian and English.

A notice is keyed by the **action** (the history's entry), not by the status, so nothing is sent
twice and nothing is missed: :func:`notices_of` gives one notice per action of an application,
:func:`notice_for` the one of a given action (by default the latest). The wording is data
(:data:`DEFAULT_TEMPLATES`, replaceable), rendered with the application, the office's details
(:class:`OfficeProfile`) and the region names. Plain text that fits a WhatsApp message; no
notice ever shows a whole NIK or KK number.

>>> from adminduk.samples import sample_issued
>>> app = sample_issued("KK", "lost")
>>> [notice.key for notice in notices_of(app)]
['filed', 'verified', 'ready']
>>> print(notice_for(app).text.splitlines()[0][:60])
Kartu Keluarga untuk permohonan 18.08/000001 siap diambil di
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Literal, Protocol

import attrs

from adminduk import regions
from adminduk._fields import require_moment
from adminduk._privacy import redact, redacted_repr
from adminduk.applications import Action, Application, Trigger
from adminduk.documents import Channel, Delivery, Finding, document_type
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat
from adminduk.notices._templates import (
    DEFAULT_TEMPLATES,
    FIELDS,
    LANGUAGES,
    SERVICE_GROUPS,
    OfficeProfile,
    Templates,
    check_template,
    check_templates,
)

__all__ = [
    "DEFAULT_TEMPLATES",
    "FIELDS",
    "LANGUAGES",
    "SERVICE_GROUPS",
    "ApplicationIndex",
    "Notice",
    "OfficeProfile",
    "Templates",
    "check_template",
    "check_templates",
    "notice_for",
    "notices_of",
    "overdue_notice",
    "where_is",
]

Language = Literal["id", "en"]


@redacted_repr
@attrs.frozen
class Notice:
    """One message to the resident: its key, language, the action it tells of, and the text."""

    key: str
    lang: Language
    application: str
    text: str
    #: The position of the action in the application's history (``None``: not an action).
    action: int | None = None


def _key(application: Application, action: Action) -> str:
    trigger, delivery = action.trigger, application.form.delivery
    if trigger is Trigger.SUBMIT:
        return "outreach" if application.form.channel is Channel.OUTREACH else "filed"
    if trigger is Trigger.ISSUE:
        return "ready" if delivery is Delivery.PICKUP else "printed"
    if trigger is Trigger.SHIP:
        return "posted" if delivery is Delivery.POST else "sent"
    return _BY_TRIGGER[trigger]


_BY_TRIGGER = {
    Trigger.RESUBMIT: "refiled",
    Trigger.RECORD_BIOMETRICS: "recorded",
    Trigger.SEND_BACK: "returned",
    Trigger.VERIFY: "verified",
    Trigger.APPROVE: "approved",
    Trigger.REJECT: "rejected",
    Trigger.CANCEL: "cancelled",
    Trigger.ARRIVE: "arrived",
    Trigger.COLLECT: "collected",
}


def _finding_line(finding: Finding, lang: Language) -> str:
    message = finding.message_id if lang == "id" else finding.message_en
    if finding.satisfy_with:
        names = [e.label if lang == "id" else e.label_en for e in finding.satisfy_with]
        joiner = " atau " if lang == "id" else " or "
        # What only the office does (biometrics, a decision) is not the resident's to attach.
        if finding.by_office:
            fix = "dilakukan petugas" if lang == "id" else "done by the office"
        else:
            fix = "lampirkan" if lang == "id" else "attach"
        return f"- {message} ({fix}: {joiner.join(names)})"
    return f"- {message}"


def _district(application: Application, upto: int) -> str:
    """The district office the document waits at, or is on its way to by post ("" if none)."""
    shipped = False
    for action in reversed(application.history[: upto + 1]):
        if action.trigger is Trigger.ARRIVE:
            return action.office
        shipped = shipped or action.trigger is Trigger.SHIP
    if shipped and application.form.delivery is Delivery.POST:
        return application.form.district_office or ""
    return ""


def _fields(
    application: Application, index: int, lang: Language, profile: OfficeProfile, district: str
) -> dict[str, str]:
    action = application.history[index]
    kind = document_type(application.form.document)
    variant = kind.variant(application.form.variant)
    due = application.due
    for earlier in reversed(application.history[: index + 1]):
        if earlier.due is not None:
            due = earlier.due
            break
    name = ""
    if district:
        try:
            name = regions.get(district).name
        except AdmindukError:  # pragma: no cover - arrivals are checked to name a district
            name = ""
    office_word = "kantor kecamatan" if lang == "id" else "the district office"
    line = profile.line_for(kind.code)
    reason = (
        f"\n{'Alasan' if lang == 'id' else 'Reason'}: {action.reason}" if action.reason else ""
    )
    return {
        "number": application.id,
        "document": kind.name_id if lang == "id" else kind.name_en,
        "variant": variant.name_id if lang == "id" else variant.name_en,
        "due": "-" if due is None else f"{due:%d-%m-%Y %H:%M}",
        "findings": "\n".join(_finding_line(f, lang) for f in action.findings) or "-",
        "reason": reason,
        "office": profile.name,
        "district": f"{office_word} {name} ({district})".strip() if district else office_word,
        "opening": profile.opening.get(district, profile.default_opening[lang]),
        "bring": profile.bring[lang],
        "collectors": (
            "pemilik dokumen atau anggota keluarga yang sudah dewasa (17 tahun atau sudah kawin)"
            if lang == "id"
            else "the holder, or an adult (17, or married) member of the holder's family"
        ),
        "line": (f"\nInfo: WhatsApp {line}" if line else ""),
    }


def _render(template: str, fields: Mapping[str, str]) -> str:
    return redact(check_template(template).format_map(fields), limit=4096)


def _wording(templates: Templates, key: str, lang: Language) -> str:
    """The template of notice ``key`` in ``lang``: the office's own, else adminduk's."""
    if not isinstance(templates, Mapping):
        raise InvalidFormat(f"templates must be a mapping, not {type(templates).__name__}")
    wording = templates.get(key, DEFAULT_TEMPLATES[key])
    text = wording.get(lang) if isinstance(wording, Mapping) else None
    if not isinstance(text, str):
        raise InvalidComponent(
            f"the notice template {key!r} has no {lang} text (found {type(text).__name__})"
        )
    return text


def _require(application: object, lang: object, profile: object) -> None:
    """Refuse, typed, what a caller may pass wrongly to every notice function."""
    if not isinstance(application, Application):
        raise InvalidFormat(f"expected an Application, not {type(application).__name__}")
    if lang not in LANGUAGES:
        raise InvalidComponent(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r:.20}")
    if profile is not None and not isinstance(profile, OfficeProfile):
        raise InvalidFormat(f"profile must be an OfficeProfile, not {type(profile).__name__}")


def notice_for(
    application: Application,
    index: int = -1,
    *,
    lang: Language = "id",
    profile: OfficeProfile | None = None,
    templates: Templates = DEFAULT_TEMPLATES,
) -> Notice:
    """The notice of the action at ``index`` of the application's history (default: latest).

    ``index`` counts from 0, or back from -1 as for a list; one outside the history is refused.
    """
    _require(application, lang, profile)
    if isinstance(index, bool) or not isinstance(index, int):
        raise InvalidFormat(f"index must be an integer, not {type(index).__name__}")
    length = len(application.history)
    if not -length <= index < length:
        raise InvalidComponent(
            f"application {application.id} has {length} actions; there is no action {index}"
        )
    position = index % length
    action = application.history[position]
    key = _key(application, action)
    wording = _wording(templates, key, lang)
    fields = _fields(
        application, position, lang, profile or OfficeProfile(), _district(application, position)
    )
    return Notice(key, lang, application.id, _render(wording, fields), position)


def notices_of(
    application: Application,
    *,
    lang: Language = "id",
    profile: OfficeProfile | None = None,
    templates: Templates = DEFAULT_TEMPLATES,
) -> list[Notice]:
    """One notice per action of the application, in order (what a bot sends, once each)."""
    _require(application, lang, profile)
    return [
        notice_for(application, index, lang=lang, profile=profile, templates=templates)
        for index in range(len(application.history))
    ]


def overdue_notice(
    application: Application,
    *,
    new_due: datetime.datetime,
    lang: Language = "id",
    profile: OfficeProfile | None = None,
    templates: Templates = DEFAULT_TEMPLATES,
) -> Notice:
    """An apology for a late application, with the new expected date."""
    _require(application, lang, profile)
    require_moment(new_due, "new_due")
    fields = _fields(
        application, len(application.history) - 1, lang, profile or OfficeProfile(), ""
    )
    fields["due"] = f"{new_due:%d-%m-%Y %H:%M}"
    wording = _wording(templates, "overdue", lang)
    return Notice("overdue", lang, application.id, _render(wording, fields))


class ApplicationIndex(Protocol):
    """What answers "which applications name this NIK" (a store: :mod:`adminduk.store`)."""

    def applications_of(self, nik: str) -> list[str]:
        """The application ids naming resident ``nik``, oldest first."""
        ...  # pragma: no cover - a protocol


def where_is(
    nik: str,
    index: ApplicationIndex,
    applications: Mapping[str, Application],
    *,
    lang: Language = "id",
    profile: OfficeProfile | None = None,
) -> list[tuple[Application, Notice]]:
    """Where are the applications of resident ``nik``: each with its latest notice, newest first.

    ``index`` answers by NIK without a scan (the store's index); ``applications`` holds the
    current versions (``office.applications``). An index that answers anything but a list of
    application ids is refused.
    """
    if not isinstance(nik, str):
        raise InvalidFormat(f"nik must be a string, not {type(nik).__name__}")
    if not isinstance(applications, Mapping):
        raise InvalidFormat(
            f"applications must be a mapping of id to Application, not "
            f"{type(applications).__name__}"
        )
    found_ids = index.applications_of(nik)
    if not isinstance(found_ids, list) or not all(isinstance(i, str) for i in found_ids):
        raise InvalidFormat(
            f"the index answered {type(found_ids).__name__}, not a list of application ids"
        )
    found = [applications[i] for i in reversed(found_ids) if i in applications]
    return [(app, notice_for(app, lang=lang, profile=profile)) for app in found]
