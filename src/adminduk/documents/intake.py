"""Intake from plain words: "bikin ktp", "KTP hilang", "pindah ke Bandar Lampung" -> services.

:func:`find_service` ranks document types and variants for what a resident typed, from a table
of Indonesian and English names and common phrasings (:data:`PHRASES`); matching ignores case,
accents and punctuation and tolerates small typos. Given a resident and the register, it keeps
the variants that fit the person (:func:`~adminduk.documents.variants_for`).

>>> [(m.document, m.variant) for m in find_service("bikin ktp")][:1]
[('KTP-el', 'new')]
>>> [(m.document, m.variant) for m in find_service("ktp saya hilang")][:1]
[('KTP-el', 'lost')]
>>> find_service("akte kelahiran anak")[0].document
'AKTA-LAHIR'
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Mapping

import attrs

from adminduk.documents._base import DocumentCode
from adminduk.documents._check import variants_for
from adminduk.documents._types import document_type
from adminduk.register import Registry

__all__ = ["PHRASES", "VARIANT_WORDS", "ServiceMatch", "find_service"]

#: How residents name each document type, Indonesian and English (folded: lower case, no
#: accents), with the variant a phrase implies (``None``: the type's usual variant).
PHRASES: Mapping[DocumentCode, tuple[tuple[str, str | None], ...]] = {
    "KK": (
        ("kartu keluarga", None),
        ("kk", None),
        ("family card", None),
        ("kk baru", "new"),
        ("bikin kk", "new"),
        ("buat kk", "new"),
        ("pisah kk", "split"),
        ("pecah kk", "split"),
        ("kepala keluarga meninggal", "head_died"),
        ("ganti data kk", "change"),
    ),
    "KTP-el": (
        ("ktp", None),
        ("ktp el", None),
        ("e ktp", None),
        ("ektp", None),
        ("kartu tanda penduduk", None),
        ("identity card", None),
        ("id card", None),
        ("bikin ktp", "new"),
        ("buat ktp", "new"),
        ("rekam ktp", "new"),
        ("ktp baru", "new"),
        ("ganti data ktp", "change"),
    ),
    "KIA": (
        ("kia", None),
        ("kartu identitas anak", None),
        ("kartu anak", None),
        ("child id", None),
        ("child card", None),
    ),
    "SKPWNI": (
        ("pindah", "departure"),
        ("surat pindah", "departure"),
        ("pindah keluar", "departure"),
        ("pindah ke", "departure"),
        ("pindah datang", "arrival"),
        ("moving letter", "departure"),
        ("move out", "departure"),
        ("moving", "departure"),
        ("skpwni", None),
    ),
    "AKTA-LAHIR": (
        ("akta kelahiran", None),
        ("akte kelahiran", None),
        ("akta lahir", None),
        ("akte lahir", None),
        ("birth certificate", None),
        ("lahir", None),
    ),
    "AKTA-MATI": (
        ("akta kematian", None),
        ("akte kematian", None),
        ("surat kematian", None),
        ("death certificate", None),
        ("meninggal", None),
        ("kematian", None),
    ),
    "AKTA-KAWIN": (
        ("akta perkawinan", None),
        ("akta nikah", None),
        ("akte nikah", None),
        ("catat nikah", None),
        ("marriage certificate", None),
        ("menikah", None),
    ),
    "AKTA-CERAI": (
        ("akta perceraian", None),
        ("akta cerai", None),
        ("akte cerai", None),
        ("divorce certificate", None),
        ("cerai", None),
    ),
}

#: Words that name a variant whichever document they come with.
VARIANT_WORDS: Mapping[str, str] = {
    "hilang": "lost",
    "lost": "lost",
    "rusak": "damaged",
    "damaged": "damaged",
    "baru": "new",
    "new": "new",
    "datang": "arrival",
}

#: The variant a document type is asked for when the words name none.
_USUAL: Mapping[str, str] = {
    "KK": "new",
    "KTP-el": "new",
    "KIA": "5_to_17",
    "SKPWNI": "departure",
    "AKTA-LAHIR": "standard",
    "AKTA-MATI": "standard",
    "AKTA-KAWIN": "standard",
    "AKTA-CERAI": "standard",
}


@attrs.frozen
class ServiceMatch:
    """A service that matches the words: document, variant, score (0-1) and their names."""

    document: DocumentCode
    variant: str
    score: float
    name_id: str
    name_en: str


def _fold(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", plain)


def _close(word: str, words: list[str]) -> float:
    """How well ``word`` is found among ``words`` (1 exact; a near spelling less)."""
    if word in words:
        return 1.0
    if len(word) < 4:  # short words ("kk", "kia") must be exact
        return 0.0
    best = max((difflib.SequenceMatcher(None, word, w).ratio() for w in words), default=0.0)
    return best if best >= 0.8 else 0.0


def _phrase_score(phrase: str, words: list[str]) -> float:
    parts = phrase.split()
    found = [_close(part, words) for part in parts]
    if not all(found):
        return 0.0
    return sum(found) / len(found) * (1 + 0.25 * (len(parts) - 1))


def find_service(
    text: str,
    *,
    resident: str | None = None,
    registry: Registry | None = None,
    on: datetime.date | None = None,
    limit: int = 5,
) -> list[ServiceMatch]:
    """The services that match ``text``, best first.

    With ``resident`` (a NIK), ``registry`` and ``on``, only the variants that fit that person on
    that day are offered (a three-year-old gets the under-5 KIA, a card holder a replacement).
    """
    words = _fold(text)
    named_variant = next((VARIANT_WORDS[w] for w in words if w in VARIANT_WORDS), None)
    scores: dict[tuple[DocumentCode, str], float] = {}
    for code, phrases in PHRASES.items():
        kind = document_type(code)
        variants = {v.code for v in kind.variants}
        for phrase, implied in phrases:
            score = _phrase_score(phrase, words)
            if score <= 0:
                continue
            variant = implied or _USUAL[code]
            if named_variant in variants and implied is None:
                variant, score = named_variant, score + 0.2
            key = (code, variant)
            scores[key] = max(scores.get(key, 0.0), score)
    if resident is not None and registry is not None and on is not None:
        fitting = {code: set(variants_for(code, resident, registry, on=on)) for code in PHRASES}
        kept: dict[tuple[DocumentCode, str], float] = {}
        for (code, variant), score in scores.items():
            if variant in fitting[code]:
                kept[(code, variant)] = score
            else:  # offer what fits instead, a little lower (a replacement lower still)
                wanted = document_type(code).variant(variant).reissue
                for other in sorted(fitting[code]):
                    same = document_type(code).variant(other).reissue == wanted
                    offered = score * (0.9 if same else 0.8)
                    kept[(code, other)] = max(kept.get((code, other), 0.0), offered)
        scores = kept
    top = max(scores.values(), default=1.0)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [
        ServiceMatch(
            document=code,
            variant=variant,
            score=round(score / top, 3),
            name_id=f"{document_type(code).name_id}: {document_type(code).variant(variant).name_id}",
            name_en=f"{document_type(code).name_en}: {document_type(code).variant(variant).name_en}",
        )
        for (code, variant), score in ranked[:limit]
    ]
