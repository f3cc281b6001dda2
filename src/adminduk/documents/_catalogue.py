"""The service catalogue: what every service requires, as data and as Markdown."""

from __future__ import annotations

from typing import Any

import attrs

from adminduk.documents._base import DocumentType
from adminduk.documents._types import DOCUMENT_TYPES
from adminduk.documents._vocabulary import Channel, FindingKind
from adminduk.documents.service_levels import ServiceLevels
from adminduk.errors import InvalidComponent

__all__ = ["Catalogue", "catalogue"]

_TEXT = {
    "id": {
        "who": "Pemohon",
        "requires": "Persyaratan",
        "or": "atau",
        "deadline": "Batas pelaporan",
        "days": "hari",
        "late": "lewat batas: tetap dilayani dengan keputusan kepala dinas",
        "service": "Lama layanan (kebijakan kantor)",
        "channels": "Saluran",
        "basis": "Dasar hukum",
        "free": "Semua layanan gratis (Pasal 79A UU 24/2013).",
        "register": "dari data kependudukan jika sudah tercatat",
        "form": "terisi dengan isian permohonan daring",
    },
    "en": {
        "who": "Who may apply",
        "requires": "Requirements",
        "or": "or",
        "deadline": "Reporting deadline",
        "days": "days",
        "late": "late reports are still served, with the head of office's decision",
        "service": "Service time (office policy)",
        "channels": "Channels",
        "basis": "Legal basis",
        "free": "All services are free (Pasal 79A UU 24/2013).",
        "register": "taken from the register when it is on file",
        "form": "filled in by the online application's answers",
    },
}


@attrs.frozen
class Catalogue:
    """The rendered catalogue: one record per service variant."""

    lang: str
    records: tuple[dict[str, Any], ...]

    def only(self, document: str) -> Catalogue:
        """The catalogue of one document type (by code).

        >>> [r["variant"] for r in catalogue("en").only("AKTA-CERAI").records]
        ['standard', 'lost', 'damaged']
        """
        records = tuple(r for r in self.records if r["document"] == document)
        if not records:
            raise InvalidComponent(f"the catalogue has no document {document!r}")
        return attrs.evolve(self, records=records)

    def to_records(self) -> list[dict[str, Any]]:
        """Return the records as plain, JSON-ready dicts."""
        return [dict(record) for record in self.records]

    def to_markdown(self) -> str:
        """Return the catalogue as Markdown, one section per document and variant."""
        text = _TEXT[self.lang]
        lines = [f"_{text['free']}_", ""]
        for record in self.records:
            lines += [f"## {record['document_name']}: {record['variant_name']}", ""]
            lines.append(f"- **{text['who']}**: {record['who']}")
            if record["deadline_days"] is not None:
                lines.append(
                    f"- **{text['deadline']}**: {record['deadline_days']} {text['days']} ({text['late']})"
                )
            lines.append(f"- **{text['service']}**: {record['service_days']} {text['days']}")
            names = [_channel_label(code, self.lang) for code in record["channels"]]
            lines.append(f"- **{text['channels']}**: {', '.join(names)}")
            lines.append(f"- **{text['basis']}**: {'; '.join(record['basis'])}")
            lines.append(f"- **{text['requires']}**:")
            for requirement in record["requirements"]:
                lines.append(f"  - {requirement['text']} ({requirement['basis']})")
            lines.append("")
        return "\n".join(lines)


def _channel_label(code: str, lang: str) -> str:
    channel = Channel(code)
    return channel.label if lang == "id" else channel.label_en


def catalogue(lang: str = "id", *, service_levels: ServiceLevels | None = None) -> Catalogue:
    """Return the catalogue of every service in Indonesian (``"id"``) or English (``"en"``).

    It is built from the same tables the checker enforces, so what an office publishes is what
    it checks.

    >>> entry = catalogue("en").to_records()[0]
    >>> entry["document"], entry["variant"], entry["service_days"]
    ('KK', 'new', 1)
    """
    if lang not in _TEXT:
        raise InvalidComponent(f"lang must be 'id' or 'en', not {lang!r}")
    levels = service_levels or ServiceLevels.default()
    english = lang == "en"
    records = []
    for kind in DOCUMENT_TYPES:
        for variant in kind.variants:
            records.append(_record(kind, variant.code, levels, english=english))
    return Catalogue(lang=lang, records=tuple(records))


def _record(
    kind: type[DocumentType], variant_code: str, levels: ServiceLevels, *, english: bool
) -> dict[str, Any]:
    variant = kind.variant(variant_code)
    text = _TEXT["en" if english else "id"]
    requirements = []
    for requirement in kind.all_requirements(variant_code):
        if requirement.kind is FindingKind.INVALID:
            continue  # checks on the form itself, not requirements to publish
        options = [e.label_en if english else e.label for e in requirement.satisfied_by]
        summary = requirement.summary_en if english else requirement.summary_id
        message = summary or f" {text['or']} ".join(options)
        if requirement.met is not None and options:
            message += f" ({text[requirement.met_from]})"
        requirements.append(
            {
                "id": requirement.id,
                "kind": requirement.kind.value,
                "text": message,
                "evidence": [e.value for e in requirement.satisfied_by],
                "evidence_names": options,
                "from_register": requirement.met is not None
                and requirement.met_from == "register",
                "basis": requirement.basis,
            }
        )
    return {
        "document": kind.code,
        "document_name": kind.name_en if english else kind.name_id,
        "variant": variant.code,
        "variant_name": variant.name_en if english else variant.name_id,
        "who": kind.who_en if english else kind.who_id,
        "deadline_days": kind.deadline_days,
        "service_days": levels.days(kind.code, variant.code),
        "channels": [channel.value for channel in Channel],
        "basis": list(kind.legal_basis),
        "issued_with": list(kind.issued_with),
        "requirements": requirements,
    }
