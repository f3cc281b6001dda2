"""Indonesian names in a standard form, so that spellings of one name compare equal.

Three sources of variation, each a table below:

- the spelling reforms: Van Ophuijsen spelling and the Soewandi spelling (1947) were replaced by
  EYD (1972), so the same name is written ``Soekarno`` / ``Sukarno``, ``Djoko`` / ``Joko``,
  ``Tjahjo`` / ``Cahyo`` (a lone j of the older spelling is a y), ``Sjarif`` / ``Syarif``, ``Chairul`` / ``Khairul`` (:data:`SPELLINGS`);
- transliterations of Arabic names and their abbreviations on paper: ``Muhammad``, ``Muhamad``,
  ``Mohammad``, ``Moh.``, ``M.``; ``Abdul`` / ``Abd.``; ``Siti`` / ``Sity``; ``Nur`` / ``Noor``
  (:data:`NAME_PARTS`);
- doubled letters, dropped as they are in speech (``Muhammad`` / ``Muhamad``, ``Ayyub`` /
  ``Ayub``).

The standard form is lower case, letters and single spaces only. It is for comparing names,
never for printing them.

>>> standard_name("MOH. Soeparman")
'muhamad suparman'
>>> standard_name("Sity Noor Djannah") == standard_name("Siti Nur Jannah")
True
>>> name_parts("M. Rizki Saputra")
('muhamad', 'rizki', 'saputra')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["COMMON_PARTS", "NAME_PARTS", "SPELLINGS", "name_parts", "standard_name"]

#: Letter groups of the older spellings and what EYD (1972) writes for them, longest first.
SPELLINGS: Final[tuple[tuple[str, str], ...]] = (
    ("oe", "u"),
    ("dj", "j"),
    ("tj", "c"),
    ("sj", "sy"),
    ("nj", "ny"),
    ("ch", "kh"),
    ("oo", "u"),
    ("th", "t"),
    ("dh", "d"),
)

#: Letter groups only the older spellings use: in a word with one, a lone j is read as y.
_OLDER_MARKERS: Final = ("oe", "dj", "tj", "sj", "nj")

#: Whole name parts written several ways on Indonesian papers, each to one standard part.
NAME_PARTS: Final[dict[str, str]] = {
    **dict.fromkeys(
        ("muhammad", "muhamad", "mohammad", "mohamad", "mohammed", "muhammed", "mochammad",
         "mochamad", "muhamat", "moh", "mohd", "muh", "mhd", "md", "m"),
        "muhamad",
    ),
    **dict.fromkeys(("abdul", "abd", "abdoel"), "abdul"),
    **dict.fromkeys(("siti", "sity", "sitti", "st"), "siti"),
    **dict.fromkeys(("nur", "noor", "nor", "nurul"), "nur"),
    **dict.fromkeys(("achmad", "ahmad", "akhmad", "ahmat", "achmat"), "ahmad"),
    **dict.fromkeys(("yusuf", "yusup", "jusuf", "yoesoef"), "yusuf"),
}  # fmt: skip

#: Standard parts so common that agreeing on them says little (they are skipped in blocking and
#: weigh less when names are compared part by part).
COMMON_PARTS: Final[frozenset[str]] = frozenset({"muhamad", "abdul", "siti", "nur", "ahmad"})

_NOT_LETTER = re.compile(r"[^a-z ]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def _part(word: str) -> str:
    known = NAME_PARTS.get(word)
    if known is not None:
        return known
    older = any(marker in word for marker in _OLDER_MARKERS)
    if older:  # in the older spelling a lone j is EYD's y (Tjahjo: Cahyo), dj its j
        word = word.replace("dj", "J")
    for old, new in SPELLINGS:
        word = word.replace(old, new)
    if older:
        word = word.replace("j", "y").replace("J", "j")
    word = _DOUBLED.sub(r"\1", word)
    if word.endswith("y") and len(word) > 2:  # Sity, Yuly, Fitry: a final y is written i
        word = word[:-1] + "i"
    return NAME_PARTS.get(word, word)


def name_parts(name: str) -> tuple[str, ...]:
    """The standard parts of ``name``, in order (see the module's notes)."""
    if not isinstance(name, str):
        raise TypeError(f"a name is text, not {type(name).__name__}")
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(char for char in folded if not unicodedata.combining(char))
    words = _NOT_LETTER.sub(" ", letters.replace("'", "").replace("`", "")).split()
    return tuple(_part(word) for word in words)


def standard_name(name: str) -> str:
    """``name`` in standard form: its standard parts joined by single spaces."""
    return " ".join(name_parts(name))
