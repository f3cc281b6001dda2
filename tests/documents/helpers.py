"""What the document tests share: a form filed online, and short dates."""

from __future__ import annotations

import datetime

from adminduk.documents import Channel, DocumentCode, Form
from adminduk.samples import sample_details

D = datetime.date


def apply_for(document: DocumentCode, variant: str, **kwargs: object) -> Form:
    """A form for ``document`` (``variant``) filed by WhatsApp, with ``kwargs`` as its fields.

    The report the variant asks for (a birth's, a move's) is the sample one unless ``details``
    is given (``details=None``: a form without it).
    """
    kwargs.setdefault("details", sample_details(document, variant))
    return Form(document=document, variant=variant, channel=Channel.WHATSAPP, **kwargs)  # type: ignore[arg-type]
