"""Checking a printed document by its QR code: genuine or not, by whom, and still valid or not.

``verify_document(qr_text, public_keys, status=withdrawn_list, at=now)`` answers with a
:class:`Verification`: the :class:`Standing` (valid; withdrawn, with the day and why; genuine
but of unknown standing, when no current withdrawn list is at hand; or not genuine), the office
that signed it, and what the statement says (type, number as printed, day of issue, the
printed name). A verifier learns whether the paper is genuine and still valid, and nothing of
the holder beyond what the paper itself shows.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

import attrs

from adminduk.errors import InvalidFormat
from adminduk.printing.signing import (
    PublicKey,
    SignatureError,
    Statement,
    Withdrawn,
    WithdrawnList,
    read_payload,
)

__all__ = ["Standing", "Verification", "verify_document"]


class Standing(enum.Enum):
    """What a verifier may conclude about a printed document."""

    VALID = "valid"  #: genuine, and not on the office's current withdrawn list
    WITHDRAWN = "withdrawn"  #: genuine, but replaced or annulled (see ``withdrawn``)
    UNKNOWN = "unknown"  #: genuine; no current withdrawn list to say whether still valid
    NOT_GENUINE = "not_genuine"  #: no known office signed it, or it was altered

    @property
    def label(self) -> str:
        """In Indonesian."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """In English."""
        return _LABELS[self][1]


_LABELS = {
    Standing.VALID: ("Asli dan berlaku", "Genuine and valid"),
    Standing.WITHDRAWN: ("Asli, tetapi sudah ditarik", "Genuine, but withdrawn"),
    Standing.UNKNOWN: (
        "Asli; status berlaku belum dapat diperiksa",
        "Genuine; whether it is still valid cannot be checked",
    ),
    Standing.NOT_GENUINE: ("Tidak asli", "Not genuine"),
}


@attrs.frozen
class Verification:
    """The answer to a QR code: standing, why, and (when genuine) the signed statement."""

    standing: Standing
    reason: str
    statement: Statement | None = None
    withdrawn: Withdrawn | None = None

    @property
    def genuine(self) -> bool:
        """Whether a known office signed exactly this statement."""
        return self.standing is not Standing.NOT_GENUINE

    @property
    def office(self) -> str | None:
        """The office that signed it (when genuine)."""
        return self.statement.office if self.statement is not None else None


def verify_document(
    payload: str,
    public_keys: Iterable[PublicKey],
    *,
    status: WithdrawnList | None = None,
    at: datetime.datetime | None = None,
) -> Verification:
    """Check the QR text ``payload`` against the offices' ``public_keys``.

    ``status`` is the signing office's withdrawn list (read with :meth:`WithdrawnList.read`,
    which checks its signature) and ``at`` the moment of checking; a list past its expiry, or of
    another office, leaves the standing :attr:`Standing.UNKNOWN`.
    """
    keys = tuple(public_keys)
    if not all(isinstance(key, PublicKey) for key in keys):
        raise InvalidFormat("public_keys are PublicKey objects")
    try:
        statement, data, signature = read_payload(payload)
    except SignatureError as error:
        return Verification(Standing.NOT_GENUINE, error.message)
    key = next((k for k in keys if k.key_id == statement.key_id), None)
    if key is None:
        return Verification(Standing.NOT_GENUINE, "signed by a key no known office holds")
    if key.office != statement.office or not key.verify(signature, data):
        return Verification(Standing.NOT_GENUINE, "the signature does not match the statement")
    if status is None:
        return Verification(Standing.UNKNOWN, "no withdrawn list given", statement)
    if not isinstance(status, WithdrawnList):
        raise InvalidFormat("status is a WithdrawnList read with WithdrawnList.read")
    if status.office != statement.office:
        return Verification(Standing.UNKNOWN, "the withdrawn list is another office's", statement)
    if at is None or not isinstance(at, datetime.datetime):
        raise InvalidFormat("checking against a withdrawn list needs the moment: at=")
    if at > status.expires:
        return Verification(
            Standing.UNKNOWN,
            f"the withdrawn list expired on {status.expires:%Y-%m-%d %H:%M}: fetch a new one",
            statement,
        )
    entry = status.find(statement.digest)
    if entry is not None:
        return Verification(
            Standing.WITHDRAWN, f"{entry.reason} on {entry.on:%Y-%m-%d}", statement, entry
        )
    return Verification(Standing.VALID, "genuine, and not withdrawn", statement)
