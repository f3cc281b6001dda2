"""The registry of document types: every type, by its code.

>>> document_type("AKTA-LAHIR").name_en
'Birth certificate'
>>> [kind.code for kind in DOCUMENT_TYPES][:3]
['KK', 'KTP-el', 'KIA']
"""

from __future__ import annotations

import datetime
from typing import Any

from adminduk.documents._base import DocumentType
from adminduk.documents._vocabulary import DOCUMENT_CODES, DocumentCode
from adminduk.documents.akta_cerai import AktaCerai
from adminduk.documents.akta_kawin import AktaKawin
from adminduk.documents.akta_lahir import AktaLahir
from adminduk.documents.akta_mati import AktaMati
from adminduk.documents.form import Form
from adminduk.documents.kia import KIA
from adminduk.documents.kk import KK
from adminduk.documents.ktp_el import KTPEl
from adminduk.documents.perbaikan_data import PerbaikanData
from adminduk.documents.skpwni import SKPWNI
from adminduk.errors import InvalidComponent
from adminduk.register.events import Event

__all__ = ["DOCUMENT_TYPES", "document_type", "event_for"]

#: Every document type, in the order the catalogue lists them.
DOCUMENT_TYPES: tuple[type[DocumentType], ...] = (
    KK,
    KTPEl,
    KIA,
    SKPWNI,
    AktaLahir,
    AktaMati,
    AktaKawin,
    AktaCerai,
    PerbaikanData,
)

_BY_CODE: dict[str, type[DocumentType]] = {kind.code: kind for kind in DOCUMENT_TYPES}
assert tuple(_BY_CODE) == DOCUMENT_CODES, "DocumentCode and DOCUMENT_TYPES must agree"


def document_type(code: DocumentCode) -> type[DocumentType]:
    """Return the document type with ``code``; ``InvalidComponent`` for an unknown code."""
    found = _BY_CODE.get(code) if isinstance(code, str) else None
    if found is None:
        known = ", ".join(_BY_CODE)
        raise InvalidComponent(f"no document type {code!r}; known types are {known}")
    return found


def event_for(form: Form, *, on: datetime.date, **details: Any) -> Event:
    """Build the register change issuing ``form`` makes (see :meth:`DocumentType.event_for`).

    >>> from adminduk.documents import Channel, Form
    >>> from adminduk.samples import SIAP_KELUARGA
    >>> form = Form(document="AKTA-MATI", variant="standard", channel=Channel.WEBSITE,
    ...             subject=SIAP_KELUARGA.head, event_date=datetime.date(2026, 1, 3))
    >>> type(event_for(form, on=datetime.date(2026, 1, 10))).__name__
    'Death'
    """
    return document_type(form.document).event_for(form, on=on, **details)
