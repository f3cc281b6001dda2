"""What the document tests share: a form filed online, and short dates."""

from __future__ import annotations

import datetime

from adminduk.documents import Channel, DocumentCode, Form

D = datetime.date


def apply_for(document: DocumentCode, variant: str, **kwargs: object) -> Form:
    """A form for ``document`` (``variant``) filed by WhatsApp, with ``kwargs`` as its fields."""
    return Form(document=document, variant=variant, channel=Channel.WHATSAPP, **kwargs)  # type: ignore[arg-type]
