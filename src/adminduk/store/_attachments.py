"""The files handed in with forms, kept in the store by their digest, and read back checked.

A resident's scan goes in with :meth:`Attachments.put_attachment`, which recognises its type from
its first bytes, bounds its size and returns the :class:`~adminduk.documents.Attachment` a form
names; the bytes stay in the ``attachments`` table under their SHA-256 digest (the same file put
twice is kept once). Reading a file back (:meth:`Attachments.attachment`) checks it against its
digest and size: a file changed in the database is :class:`~adminduk.errors.StoreCorrupt`, never
served. A form filed through the store may only name files the store holds
(:meth:`Attachments.missing_files`, asked inside the filing's transaction).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from adminduk.documents import MAX_BYTES, MEDIA_TYPES, Attachment, Evidence, Supplier, sniff
from adminduk.errors import InvalidFormat, StoreCorrupt, StoreError
from adminduk.store._database import Database
from adminduk.workflows import Change

__all__ = ["Attachments", "files_named"]

_DIGEST = re.compile(r"[0-9a-f]{64}")


def files_named(changes: Iterable[Change]) -> set[str]:
    """The digests of the files the forms filed or reviewed in ``changes`` name."""
    return {
        item.sha256
        for change in changes
        if change.action is not None and change.action.form is not None
        for item in change.action.form.attachments
    }


class Attachments(Database):
    """The attachment side of a :class:`~adminduk.store.Store` (its base)."""

    def put_attachment(
        self,
        data: bytes,
        *,
        kind: Evidence,
        given_by: Supplier = Supplier.RESIDENT,
        limit: int = MAX_BYTES,
    ) -> Attachment:
        """Keep the file ``data`` and return what a form names it by.

        Its type is recognised from its first bytes (:data:`~adminduk.documents.MEDIA_TYPES`),
        never taken from the sender; it is refused when empty, larger than ``limit`` (at most
        :data:`~adminduk.documents.MAX_BYTES`) or of another type, and when a resident gives a
        kind only the office attests. Nothing is written when it is refused.
        """
        attached = Attachment.of(data, kind=kind, given_by=given_by, limit=limit)
        content = bytes(data)
        with self._lock:
            self._usable(write=True)
            self._begin()
            try:
                held = self._execute(
                    self._sql("SELECT size FROM attachments WHERE digest = ?"), (attached.sha256,)
                )
                if not held:
                    self._execute(
                        self._sql(
                            "INSERT INTO attachments (digest, media_type, size, data) "
                            "VALUES (?, ?, ?, ?)"
                        ),
                        (attached.sha256, attached.media_type, attached.size, content),
                    )
                self._commit()
            except BaseException:
                self._rollback()
                raise
        return attached

    def attachment(self, sha256: str) -> bytes:
        """The bytes of the file with digest ``sha256``, checked against it.

        :class:`~adminduk.errors.StoreError` when the store holds no such file;
        :class:`~adminduk.errors.StoreCorrupt` when the bytes kept are not the file.
        """
        if not isinstance(sha256, str) or _DIGEST.fullmatch(sha256) is None:
            raise InvalidFormat("a file is named by its SHA-256 digest: 64 lowercase hex digits")
        with self._lock:
            self._usable(write=False)
            rows = self._fetch_blob(
                self._sql("SELECT media_type, size, data FROM attachments WHERE digest = ?"),
                (sha256,),
            )
        if not rows:
            raise StoreError(f"the store holds no file {sha256[:12]}...")
        return _checked(sha256, rows[0])

    def missing_files(self, digests: Iterable[str]) -> list[str]:
        """Which of ``digests`` the store holds no file for (in the caller's transaction)."""
        missing = []
        for digest in sorted(set(digests)):
            if not self._execute(
                self._sql("SELECT 1 FROM attachments WHERE digest = ?"), (digest,)
            ):
                missing.append(digest)
        return missing

    def check_files(self) -> int:
        """Read every file kept and check it against its digest; return how many there are."""
        with self._lock:
            self._usable(write=False)
            digests = [row[0] for row in self._execute("SELECT digest FROM attachments")]
            for digest in digests:
                if not isinstance(digest, str):
                    raise StoreCorrupt("the attachments table names a file by a non-text digest")
                rows = self._fetch_blob(
                    self._sql("SELECT media_type, size, data FROM attachments WHERE digest = ?"),
                    (digest,),
                )
                _checked(digest, rows[0])
        return len(digests)


def _checked(digest: str, row: tuple[Any, ...]) -> bytes:
    media_type, size, data = row
    content = bytes(data) if isinstance(data, bytes | bytearray | memoryview) else None
    if (
        content is None
        or media_type not in MEDIA_TYPES
        or type(size) is not int
        or len(content) != size
        or hashlib.sha256(content).hexdigest() != digest
        or sniff(content) != media_type
    ):
        raise StoreCorrupt(f"the file {digest[:12]}... kept in the store is not the file attached")
    return content
