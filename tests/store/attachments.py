"""Attached files in the store (issue 27), on either backend: kept by digest, checked when read,
named only when held, and the older layout upgraded to hold them.
"""

from __future__ import annotations

import attrs
import pytest

from adminduk.applications import Application, Role
from adminduk.documents import Attachment, Evidence, Supplier
from adminduk.errors import InvalidComponent, InvalidFormat, StoreCorrupt, StoreError
from adminduk.samples import sample_form
from adminduk.workflows import Office
from tests.store.contract import AT, ON, STAFF, store_of
from tests.store.trust import TrustContract

PDF = b"%PDF-1.7 synthetic scan of a death letter"
JPEG = b"\xff\xd8\xff\xe0 synthetic photo of a family card"


class AttachmentContract(TrustContract):
    """Files kept beside the log, on either backend."""

    def _filed_with(self, office: Office, scan: Attachment) -> Application:
        form = sample_form("AKTA-MATI", on=ON)
        form = attrs.evolve(form, evidence=form.evidence - {Evidence.DEATH_LETTER})
        return office.submit(form.with_attachments(scan), actor=STAFF[Role.SYSTEM], at=AT)

    def test_a_file_is_kept_by_its_digest_and_read_back_checked(self, target: str) -> None:
        """Put, then read: the same bytes; the same file twice is one file."""
        store = store_of(self.open(target))
        scan = store.put_attachment(PDF, kind=Evidence.DEATH_LETTER)
        assert scan == Attachment.of(PDF, kind=Evidence.DEATH_LETTER)
        assert store.put_attachment(PDF, kind=Evidence.DEATH_LETTER) == scan
        assert store.attachment(scan.sha256) == PDF
        assert store.check_files() == 1
        photo = store.put_attachment(JPEG, kind=Evidence.KK)
        assert photo.media_type == "image/jpeg"
        assert store.check_files() == 2
        store.close()

    def test_files_the_store_will_not_keep(self, target: str) -> None:
        """Empty, unknown types, office-only kinds from a resident; bad and unknown digests."""
        store = store_of(self.open(target))
        for data, kind in (
            (b"", Evidence.KK),
            (b"<html>not a scan</html>", Evidence.KK),
            (PDF, Evidence.BIOMETRICS),
        ):
            with pytest.raises(InvalidComponent):
                store.put_attachment(data, kind=kind)
        assert store.check_files() == 0
        with pytest.raises(InvalidFormat):
            store.attachment("../../etc/passwd")
        with pytest.raises(StoreError):
            store.attachment("0" * 64)
        witnessed = store.put_attachment(
            PDF, kind=Evidence.ORIGINALS_SEEN, given_by=Supplier.OFFICE
        )
        assert witnessed.given_by is Supplier.OFFICE
        store.close()

    def test_a_filing_naming_a_file_the_store_lacks_is_refused_and_writes_nothing(
        self, target: str
    ) -> None:
        """The form names a digest no one put: refused, the log unchanged; put it, and it files."""
        office = self.open(target)
        store = store_of(office)
        before = store.verify()
        scan = Attachment.of(PDF, kind=Evidence.DEATH_LETTER)
        with pytest.raises(StoreError, match="file"):
            self._filed_with(office, scan)
        assert store.verify() == before
        assert not office.applications
        store.put_attachment(PDF, kind=Evidence.DEATH_LETTER)
        self._filed_with(office, scan)
        assert store.verify() == before + 1
        store.close()
        for use_snapshot in (True, False):
            reopened = self.open(target, use_snapshot=use_snapshot)
            (app,) = reopened.applications.values()
            assert app.form.attachments == (scan,)
            assert store_of(reopened).attachment(scan.sha256) == PDF
            store_of(reopened).close()

    def test_a_damaged_file_is_refused_when_read_and_by_verify(self, target: str) -> None:
        """Bytes changed behind the store: reading the file and verifying both refuse."""
        office = self.open(target)
        scan = store_of(office).put_attachment(PDF, kind=Evidence.DEATH_LETTER)
        self._filed_with(office, scan)
        store_of(office).close()
        self.sql(
            target,
            "UPDATE attachments SET data = ? WHERE digest = ?",
            b"%PDF-1.7 forged letter of a death",
            scan.sha256,
        )
        reopened = self.open(target)
        with pytest.raises(StoreCorrupt):
            store_of(reopened).attachment(scan.sha256)
        with pytest.raises(StoreCorrupt):
            store_of(reopened).verify()
        store_of(reopened).close()

    def test_a_file_removed_behind_the_store_is_named_by_verify(self, target: str) -> None:
        """The log names a file the store no longer holds: verify says which row."""
        office = self.open(target)
        scan = store_of(office).put_attachment(PDF, kind=Evidence.DEATH_LETTER)
        self._filed_with(office, scan)
        store_of(office).close()
        self.sql(target, "DELETE FROM attachments WHERE digest = ?", scan.sha256)
        reopened = self.open(target)
        with pytest.raises(StoreCorrupt, match="names a file") as raised:
            store_of(reopened).verify()
        assert raised.value.position == 1
        store_of(reopened).close()

    def test_a_layout_2_store_gains_its_table_of_files_when_opened_to_write(
        self, target: str
    ) -> None:
        """A store written before files were kept opens, upgrades, and then keeps files."""
        office = self.open(target)
        office.submit(sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
        store_of(office).close()
        self.sql(target, "DROP TABLE attachments")
        self.sql(target, "UPDATE meta SET value = ? WHERE key = ?", "adminduk-store/2", "layout")
        reopened = self.open(target)
        assert len(reopened.applications) == 1
        scan = store_of(reopened).put_attachment(PDF, kind=Evidence.DEATH_LETTER)
        assert store_of(reopened).attachment(scan.sha256) == PDF
        assert store_of(reopened).verify() == 1
        store_of(reopened).close()
        layout = self.query(target, "SELECT value FROM meta WHERE key = ?", "layout")
        assert layout == [("adminduk-store/3",)]
