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

from adminduk._dates import require_day
from adminduk.documents._check import variants_for
from adminduk.documents._types import document_type
from adminduk.documents._vocabulary import DocumentCode
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register import Registry

__all__ = ["MAX_TEXT", "PHRASES", "VARIANT_WORDS", "ServiceMatch", "find_service"]

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
        # Pasal 29 Permendagri 108/2019: a move within the regency needs no moving letter; the
        # family gets a new card at the new address, and its KTP-el follow.
        ("ganti alamat", "new"),
        ("pindah alamat", "new"),
        ("pindah rumah", "new"),
        ("change of address", "new"),
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
    "PERBAIKAN-DATA": (
        ("perbaikan data", None),
        ("pembetulan", "clerical"),
        ("salah data", "clerical"),
        ("data salah", "clerical"),
        ("salah ketik", "clerical"),
        ("salah tulis", "clerical"),
        ("salah nama", "clerical"),
        ("salah tanggal lahir", "clerical"),
        ("tanggal lahir salah", "clerical"),
        ("salah tempat lahir", "clerical"),
        ("wrong birth date", "clerical"),
        ("wrong name", "clerical"),
        ("correction", None),
        ("ganti nama", "change"),
        ("ubah nama", "change"),
        ("perubahan nama", "change"),
        ("change of name", "change"),
        ("pembatalan akta", "annulment"),
        ("pembatalan akta nikah", "annulment"),
        ("pembatalan akta perkawinan", "annulment"),
        ("pembatalan akta kelahiran", "annulment"),
        ("batal akta", "annulment"),
        ("annul", "annulment"),
    ),
}

#: Words that name a variant whichever document they come with.
VARIANT_WORDS: Mapping[str, str] = {
    "hilang": "lost",
    "ilang": "lost",  # as residents write it
    "kehilangan": "lost",
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
    "PERBAIKAN-DATA": "clerical",
}


@attrs.frozen
class ServiceMatch:
    """A service that matches the words: document, variant, score (0-1) and their names."""

    document: DocumentCode
    variant: str
    score: float
    name_id: str
    name_en: str


#: The longest text read: anything after the first 65,536 characters (WhatsApp's longest
#: message) is ignored, so a pasted book costs no more than one message.
MAX_TEXT = 65_536
#: How many distinct words are looked at for typos (all of them are looked at for exact words).
MAX_FUZZY_WORDS = 2_000
#: Words longer than this are never a typo of a phrase's word (none is half as long).
_LONGEST_WORD = 32
_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> list[str]:
    """The words of ``text``: lower case, accents and everything but ASCII letters and digits gone.

    Linear in the text (one normalisation, one encoding, one regular expression), and bounded by
    :data:`MAX_TEXT`.
    """
    plain = unicodedata.normalize("NFKD", text[:MAX_TEXT]).encode("ascii", "ignore")
    return _WORD.findall(plain.decode("ascii").lower())


def _deletions(word: str) -> set[str]:
    """``word`` and every word one letter shorter made from it (a typo's neighbourhood)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _parts() -> dict[str, frozenset[str]]:
    """Each neighbourhood key to the phrase words it comes from (words of 4 letters or more)."""
    found: dict[str, set[str]] = {}
    for phrases in PHRASES.values():
        for phrase, _ in phrases:
            for part in phrase.split():
                if len(part) >= 4:
                    for key in _deletions(part):
                        found.setdefault(key, set()).add(part)
    return {key: frozenset(parts) for key, parts in found.items()}


#: The typo index: a word one edit (or a swap) away from a phrase word shares a key with it.
_NEAR = _parts()


def _near_matches(words: list[str]) -> dict[str, float]:
    """For each phrase word, how closely the text's words come to it (1 exact; 0.8-1 a typo).

    Exact words are found by one set lookup each; typos through :data:`_NEAR` (a word and the
    phrase word share a spelling once one letter is dropped from each), then scored as
    ``difflib`` scores them. Linear in the number of words, and bounded.
    """
    distinct = dict.fromkeys(words)
    scores = dict.fromkeys(distinct, 1.0)
    for word in list(distinct)[:MAX_FUZZY_WORDS]:
        if len(word) < 3 or len(word) > _LONGEST_WORD:  # short words ("kk") must be exact
            continue
        for key in _deletions(word):
            for part in _NEAR.get(key, ()):
                if part in scores and scores[part] == 1.0:
                    continue
                ratio = difflib.SequenceMatcher(None, word, part).ratio()
                if ratio >= 0.8:
                    scores[part] = max(scores.get(part, 0.0), ratio)
    return scores


def _phrase_score(phrase: str, found: Mapping[str, float]) -> float:
    parts = phrase.split()
    scores = [found.get(part, 0.0) for part in parts]
    if not all(scores):
        return 0.0
    return sum(scores) / len(scores) * (1 + 0.25 * (len(parts) - 1))


def _require_inputs(
    text: object, resident: object, registry: object, on: object, limit: object
) -> None:
    if not isinstance(text, str):
        raise InvalidFormat(f"the text must be a string, not {type(text).__name__}")
    if resident is not None and not isinstance(resident, str):
        raise InvalidFormat(f"resident must be a NIK (a string), not {type(resident).__name__}")
    if registry is not None and not isinstance(registry, Registry):
        raise InvalidFormat(f"registry must be a Registry, not {type(registry).__name__}")
    if on is not None:
        require_day(on)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidFormat(f"limit must be an integer, not {type(limit).__name__}")
    if limit < 1:
        raise InvalidComponent(f"limit must be at least 1, not {limit}")


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
    Only the first :data:`MAX_TEXT` characters are read; the time taken grows with the text
    (a 64 KB message takes milliseconds), never with the square of it.
    """
    _require_inputs(text, resident, registry, on, limit)
    words = _fold(text)
    named_variant = next((VARIANT_WORDS[w] for w in words if w in VARIANT_WORDS), None)
    found = _near_matches(words)
    scores: dict[tuple[DocumentCode, str], float] = {}
    for code, phrases in PHRASES.items():
        kind = document_type(code)
        variants = {v.code for v in kind.variants}
        for phrase, implied in phrases:
            score = _phrase_score(phrase, found)
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
