"""The store trusts nothing it reads (issue 25): every case an attacker or an accident made.

Each test is written from the rule it names and was seen to fail on the store before the fix
(pickled snapshots, no recorded head, unchecked indexes, untyped columns). A subclass supplies
``target``, ``sql`` (one statement) and ``query`` (one statement, its rows), as for the
contract.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from adminduk.applications import Role, Status
from adminduk.codes import Relationship
from adminduk.errors import (
    InvalidComponent,
    InvalidFormat,
    StoreCorrupt,
    StoreError,
)
from adminduk.register import Address
from adminduk.register.events import Death, MoveWithin
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.store import HeadDigest
from adminduk.workflows import Office
from tests.store import tamper
from tests.store.contract import AT, ON, STAFF, StoreContract, birth, busy_office, state, store_of

KEY = b"an office key of thirty-two byte"


def _evil_pickle(path: Path) -> bytes:
    """The pickle issue 25 reproduced: ``getattr(adminduk.store.os, "mkdir")(path)``.

    It names only ``builtins.getattr`` and ``adminduk.store.os``, which an unpickler allowing
    "anything under adminduk" let through, and makes a folder when loaded.
    """
    return (
        b"cbuiltins\ngetattr\n(cadminduk.store\nos\nS'mkdir'\ntR(S'"
        + str(path).encode()
        + b"'\ntR."
    )


class TrustContract(StoreContract):
    """Hostile and damaged stores, on either backend."""

    def query(
        self, target: str, statement: str, *parameters: Any
    ) -> list[tuple[Any, ...]]:  # pragma: no cover
        raise NotImplementedError

    def _run(self, target: str) -> Any:
        return lambda statement, *parameters: self.sql(target, statement, *parameters)

    def _ask(self, target: str) -> Any:
        return lambda statement, *parameters: self.query(target, statement, *parameters)

    # --- nothing read may name code -----------------------------------------------------------

    def test_a_snapshot_that_names_code_is_refused_and_runs_nothing(
        self, target: str, tmp_path: Path
    ) -> None:
        """A pickle in the snapshot row, checksum recomputed: refused as damage, never loaded."""
        office = busy_office(self.open(target))
        store_of(office).close()
        made = tmp_path / "made-by-the-snapshot"
        blob = _evil_pickle(made)
        head, last = tamper.rows(self._ask(target))[-1][0], tamper.rows(self._ask(target))[-1][4]
        self.sql(
            target,
            "INSERT INTO snapshots (seq, digest, checksum, state) VALUES (?, ?, ?, ?)",
            head,
            last,
            hashlib.sha256(blob).hexdigest(),
            blob,
        )
        with pytest.raises(StoreCorrupt, match="snapshot") as damaged:
            self.open(target)
        assert damaged.value.position == head
        assert not made.exists()
        with self.open(target, use_snapshot=False) as again:
            assert state(again) == state(office)
            with pytest.raises(StoreCorrupt):
                store_of(again).verify()
        assert not made.exists()

    def test_a_layout_1_store_drops_its_pickled_snapshot_unread(
        self, target: str, tmp_path: Path
    ) -> None:
        """An older store's pickles are deleted on upgrade, never loaded; the log rebuilds it."""
        office = busy_office(self.open(target))
        store_of(office).close()
        made = tmp_path / "made-by-the-snapshot"
        blob = _evil_pickle(made)
        self.sql(target, "UPDATE meta SET value = 'adminduk-store/1' WHERE key = 'layout'")
        self.sql(target, "DELETE FROM meta WHERE key IN ('head', 'key')")
        self.sql(
            target,
            "INSERT INTO snapshots (seq, digest, checksum, state) VALUES (?, ?, ?, ?)",
            1,
            tamper.rows(self._ask(target))[0][4],
            hashlib.sha256(blob).hexdigest(),
            blob,
        )
        with pytest.raises(StoreError, match="writable"):
            self.open(target, read_only=True)
        again = self.open(target)
        assert state(again) == state(office)
        assert not made.exists()
        assert store_of(again).verify() == store_of(again).head()
        store_of(again).close()

    def test_an_older_snapshot_moved_under_the_head_is_refused(self, target: str) -> None:
        """A snapshot claims its own position: moved to another, it opens no older office."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        early = store_of(office).snapshot(office)
        old = self.query(target, "SELECT state, checksum FROM snapshots")[0]
        sample_issued("KK", "lost", office=office)
        later = store_of(office).snapshot(office)
        store_of(office).close()
        digest = tamper.rows(self._ask(target))[later - 1][4]
        self.sql(target, "DELETE FROM snapshots")
        self.sql(
            target,
            "INSERT INTO snapshots (seq, digest, checksum, state) VALUES (?, ?, ?, ?)",
            later,
            digest,
            old[1],
            bytes(old[0]),
        )
        assert early < later
        with pytest.raises(StoreCorrupt, match="position") as damaged:
            self.open(target)
        assert damaged.value.position == later

    # --- the log's end, and the indexes ------------------------------------------------------

    def test_rows_cut_from_the_end_are_refused_at_the_cut(self, target: str) -> None:
        """DELETE the last two rows: the store recorded where its last write ended."""
        self._log(target)
        head = tamper.rows(self._ask(target))[-1][0]
        self.sql(target, "DELETE FROM log WHERE seq > ?", head - 2)
        with pytest.raises(StoreCorrupt, match="cut") as damaged:
            self.open(target)
        assert damaged.value.position == head - 1

    def test_rows_past_the_recorded_head_are_refused_at_the_first(self, target: str) -> None:
        """The store recorded an earlier end than the log has: opening names the first extra row."""
        self._log(target)
        first = tamper.rows(self._ask(target))[0]
        self.sql(target, "UPDATE meta SET value = ? WHERE key = 'head'", f"1:{first[-1]}")
        with pytest.raises(StoreCorrupt, match="after position 1") as damaged:
            self.open(target)
        assert damaged.value.position == 2

    def test_a_head_written_down_is_held_exactly(self, target: str) -> None:
        """A head past the log's end names the cut; a wrong digest names its row; an earlier
        head that is still in the log passes.
        """
        self._log(target)
        store = store_of(self.open(target))
        head = store.head_digest()
        past = HeadDigest(head.position + 3, head.digest)
        with pytest.raises(StoreCorrupt, match="before the head written down") as cut:
            store.verify(head=past)
        assert cut.value.position == head.position + 1
        with pytest.raises(StoreCorrupt, match="rewritten") as rewritten:
            store.verify(head=HeadDigest(head.position, "0" * 64))
        assert rewritten.value.position == head.position
        earlier = HeadDigest(1, store.rows_digest(1))
        assert store.verify(head=earlier) == head.position
        store.close()

    def test_a_head_digest_reads_only_its_own_form(self, target: str) -> None:
        """Position 0 is the empty log's head; a negative one, another prefix or a position that
        is not digits is refused.
        """
        del target  # a value, the same on every backend
        digest = "ab" * 32
        assert HeadDigest(0, digest).position == 0
        assert HeadDigest.parse(f"adminduk-head:7:{digest}") == HeadDigest(7, digest)
        with pytest.raises(InvalidFormat):
            HeadDigest(-1, digest)
        for text in (f"adminduk-heax:7:{digest}", f"adminduk-headz:7:{digest}", f"x:7:{digest}"):
            with pytest.raises(InvalidFormat):
                HeadDigest.parse(text)

    def test_an_adopted_application_is_kept_and_read_back(self, target: str) -> None:
        """An application taken in with its history goes into the log as one adopt row and
        comes back equal from the log and from a snapshot; verify() replays it.
        """
        donor = Office("18.08", sample_registry(), staff=sample_staff())
        app = donor.submit(sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
        office = self.open(target, registry=sample_registry())
        office.adopt(app)
        store = store_of(office)
        kinds = [row[1] for row in tamper.rows(self._ask(target))]
        assert kinds[-1] == "adopt"
        assert store.verify() == len(kinds)
        store.snapshot(office)
        store.close()
        for use_snapshot in (True, False):
            again = self.open(target, use_snapshot=use_snapshot)
            assert again.get(app.id) == app
            store_of(again).close()

    def test_a_deleted_applications_index_row_is_refused(self, target: str) -> None:
        """One application's index row gone: opening counts rows against applications."""
        self._log(target)
        self.sql(target, "DELETE FROM applications WHERE id = (SELECT MIN(id) FROM applications)")
        with pytest.raises(StoreCorrupt, match="applications index holds"):
            self.open(target)

    def test_the_last_row_is_in_the_chain_too(self, target: str) -> None:
        """Editing only the newest row is refused (the check reaches the end of the log)."""
        self._log(target)
        head = tamper.rows(self._ask(target))[-1][0]
        self.sql(target, "UPDATE log SET body = body || ' ' WHERE seq = ?", head)
        with pytest.raises(StoreCorrupt) as damaged:
            self.open(target, use_snapshot=False)
        assert damaged.value.position == head

    def test_an_edited_applications_index_is_refused(self, target: str) -> None:
        """UPDATE applications SET status='collected': opening compares it with the log."""
        self._log(target)
        self.sql(target, "UPDATE applications SET status = 'collected'")
        with pytest.raises(StoreCorrupt, match="applications index"):
            self.open(target)

    def test_a_deleted_people_row_is_found_by_verify_with_its_position(self, target: str) -> None:
        """verify() holds both indexes to the rows the log gives, and names the first wrong."""
        office = self._log(target)
        self.sql(target, "DELETE FROM people WHERE seq = 2")
        again = self.open(target)
        assert state(again) == state(office)
        with pytest.raises(StoreCorrupt, match="people index") as damaged:
            store_of(again).verify()
        assert damaged.value.position == 2
        store_of(again).close()

    def test_index_rows_past_the_head_are_refused_on_opening(self, target: str) -> None:
        """An index row at a position the log does not have would break the next write."""
        self._log(target)
        head = tamper.rows(self._ask(target))[-1][0]
        self.sql(
            target,
            "INSERT INTO people (nik, seq, application) VALUES (?, ?, ?)",
            "x",
            head + 1,
            None,
        )
        with pytest.raises(StoreCorrupt, match="past the log's end") as damaged:
            self.open(target)
        assert damaged.value.position == head + 1

    # --- damage reported where it is ---------------------------------------------------------

    def test_a_duplicated_action_with_the_chain_continued_is_refused_at_its_row(
        self, target: str
    ) -> None:
        """The copy passes the chain (recomputed) but not its workflow: refused where it stands."""
        self._log(target)
        found = tamper.rows(self._ask(target))
        issue = next(row[0] for row in found if row[1] == "action" and '"issue"' in row[3])
        copied = tamper.append_copy(self._ask(target), self._run(target), issue)
        with pytest.raises(StoreCorrupt, match="not allowed") as damaged:
            self.open(target)
        assert damaged.value.position == copied
        with pytest.raises(StoreCorrupt, match="not allowed") as from_log:
            self.open(target, use_snapshot=False, read_only=True)
        assert from_log.value.position == copied

    def test_a_duplicated_birth_is_reported_at_its_own_row(self, target: str) -> None:
        """A birth copied to head+1 is refused at head+1, not at the first row read."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        office.apply(birth(ON))
        store_of(office).close()
        found = tamper.rows(self._ask(target))
        copied = tamper.append_copy(self._ask(target), self._run(target), found[-1][0])
        with pytest.raises(StoreCorrupt) as damaged:
            self.open(target)
        assert damaged.value.position == copied

    def test_values_of_the_wrong_type_are_damage(self, target: str) -> None:
        """A digest that is not hex, a kind no row has: StoreCorrupt at that row, typed."""
        self._log(target)
        self.sql(target, "UPDATE log SET kind = 'evil' WHERE seq = 2")
        with pytest.raises(StoreCorrupt, match="wrong type") as damaged:
            self.open(target)
        assert damaged.value.position == 2

    # --- what is read back is what was written -----------------------------------------------

    def test_a_move_with_relationships_reads_back_equal(self, target: str) -> None:
        """Relationships keep their order in the log (no sort_keys): reopened, the same office."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        office.apply(
            MoveWithin(
                occurred_on=ON,
                recorded_on=ON,
                niks=(SIAP_KELUARGA.head, SIAP_KELUARGA.wife, SIAP_KELUARGA.child),
                address=Address(
                    street="Jl. Pasar 3", rt="1", rw="1", village_code="18.08.01.2006"
                ),
                relationships={
                    SIAP_KELUARGA.wife: Relationship.WIFE,
                    SIAP_KELUARGA.child: Relationship.CHILD,
                    SIAP_KELUARGA.head: Relationship.HEAD,
                },
            )
        )
        store_of(office).snapshot(office)
        expected = state(office)
        store_of(office).close()
        with self.open(target, use_snapshot=False) as from_log:
            assert state(from_log) == expected
        with self.open(target) as from_snapshot:
            assert state(from_snapshot) == expected

    def test_an_issued_death_certificate_with_relationships_reads_back_equal(
        self, target: str
    ) -> None:
        """The head dies, the wife heads the card, the child is re-coded: reopened, the same."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        form = sample_form("AKTA-MATI", on=ON)
        app = office.submit(form, actor=STAFF[Role.SYSTEM], at=AT)
        app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
        assert form.event_date is not None
        death = Death(
            occurred_on=form.event_date,
            recorded_on=ON,
            nik=SIAP_KELUARGA.head,
            new_head=SIAP_KELUARGA.wife,
            relationships={SIAP_KELUARGA.child: Relationship.CHILD},
        )
        office.issue(app, actor=STAFF[Role.REGISTRAR], at=AT, event=death)
        store_of(office).snapshot(office)
        expected = state(office)
        store_of(office).close()
        with self.open(target, use_snapshot=False) as from_log:
            assert state(from_log) == expected
        with self.open(target) as from_snapshot:
            assert state(from_snapshot) == expected

    def test_numbering_continues_the_same_live_and_reopened(self, target: str) -> None:
        """After a file numbered 000900 by hand, the next is 000901, before and after reopening."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        office.submit(
            sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT, id="18.08/000900"
        )
        live = office.submit(sample_form("KTP-el", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
        store_of(office).close()
        again = self.open(target)
        reopened = again.submit(sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
        assert live.id == "18.08/000901"
        assert reopened.id == "18.08/000902"
        with pytest.raises(InvalidFormat, match="application id"):
            again.submit(
                sample_form("KK", "lost", on=ON), actor=STAFF[Role.SYSTEM], at=AT, id="18.08/²"
            )
        store_of(again).close()
        store_of(self.open(target)).close()  # still opens

    # --- questions and handles ---------------------------------------------------------------

    def test_questions_refuse_what_is_not_a_question(self, target: str) -> None:
        """overdue(None) or a date, a status that is none, a position before 0: typed refusals."""
        office = busy_office(self.open(target))
        store = store_of(office)
        loose: Any = store
        with pytest.raises(InvalidFormat):
            loose.overdue(None)
        with pytest.raises(InvalidFormat):
            loose.overdue(ON)
        assert store.open_applications(status="submitted") == store.open_applications(
            status=Status.SUBMITTED
        )
        assert store.open_applications(channel="whatsapp")
        with pytest.raises(InvalidComponent):
            loose.open_applications(status="nonsense")
        with pytest.raises(InvalidComponent):
            list(store.rows(after=-1))
        with pytest.raises(InvalidComponent, match="past the end"):
            list(store.rows(after=store.head() + 5))
        with pytest.raises(InvalidFormat):
            loose.applications_of(None)
        store.close()

    def test_a_closed_office_refuses_writes_typed(self, target: str) -> None:
        """with open_office(...) as office: closed at the end; later operations are refused."""
        with self.open(target) as office:
            office.apply(sample_registry().journal[0])
        with pytest.raises(StoreError, match="closed"):
            office.apply(birth(ON))
        store_of(office).close()  # closing twice is harmless

    def test_a_read_only_office_refuses_every_write_and_changes_nothing(self, target: str) -> None:
        """read_only=True: the office opens; a write is refused before anything changes."""
        store_of(busy_office(self.open(target))).close()
        office = self.open(target, read_only=True)
        before, head = state(office), store_of(office).head()
        with pytest.raises(StoreError, match="read-only"):
            office.apply(birth(ON))
        with pytest.raises(StoreError, match="read-only"):
            store_of(office).snapshot(office)
        assert state(office) == before
        assert store_of(office).head() == head
        assert store_of(office).verify() == head
        store_of(office).close()

    def test_a_refused_write_leaves_no_one_holding_the_refused_change(self, target: str) -> None:
        """The commit fails: the office reloads in place; a reference taken before sees no birth."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        registry, applications = office.registry, office.applications
        store = store_of(office)

        def failing_commit() -> None:
            raise StoreError("the disk is full")

        store._commit = failing_commit  # type: ignore[method-assign]
        with pytest.raises(StoreError, match="disk is full"):
            office.apply(birth(ON))
        del store._commit
        assert office.registry is registry
        assert office.applications == applications
        assert len(registry) == len(sample_registry())
        made = office.apply(birth(ON))
        assert made in registry.journal
        store.close()

    # --- the office key and the head written down --------------------------------------------

    def test_a_keyed_store_refuses_a_chain_recomputed_without_the_key(self, target: str) -> None:
        """With the key, an editor who recomputes SHA-256 digests is found at the first edit."""
        office = busy_office(self.open(target, key=KEY))
        expected = state(office)
        store_of(office).close()
        self.sql(target, "UPDATE log SET body = replace(body, 'Budi', 'Bodi') WHERE seq = 1")
        tamper.rechain(self._ask(target), self._run(target), start=1)
        with pytest.raises(StoreCorrupt) as damaged:
            self.open(target, key=KEY)
        assert damaged.value.position == 1
        with pytest.raises(StoreError, match="key"):
            self.open(target)
        with pytest.raises(StoreError, match="does not fit"):
            self.open(target, key=b"x" * 32)
        assert "Bodi" not in repr(expected)

    def test_a_keyed_snapshot_resealed_without_the_key_is_refused(self, target: str) -> None:
        """A snapshot edited and given a fresh SHA-256 checksum fails the key's seal."""
        office = busy_office(self.open(target, key=KEY))
        store_of(office).snapshot(office)
        store_of(office).close()
        data = bytes(self.query(target, "SELECT state FROM snapshots")[0][0])
        edited = data.replace(b"Budi Santoso", b"Bodi Santoso")
        self.sql(
            target,
            "UPDATE snapshots SET state = ?, checksum = ?",
            edited,
            hashlib.sha256(edited).hexdigest(),
        )
        with pytest.raises(StoreCorrupt, match="torn or edited"):
            self.open(target, key=KEY)
        with self.open(target, key=KEY, use_snapshot=False) as from_log:
            assert state(from_log) == state(office)

    def test_the_head_written_down_finds_a_rewritten_log(self, target: str) -> None:
        """An editor rewrites row 2 and recomputes the chain: the head written down differs."""
        office = busy_office(self.open(target))
        written = store_of(office).head_digest()
        assert type(written).parse(str(written)) == written
        store_of(office).close()
        self.sql(target, "UPDATE log SET body = replace(body, 'Budi', 'Bodi') WHERE seq = 1")
        tamper.rechain(self._ask(target), self._run(target), start=1)
        with pytest.raises(StoreCorrupt, match="written down"):
            self.open(target, head=written)
        again = self.open(target)  # without it the rewrite cannot be told (docs/store.md)
        with pytest.raises(StoreCorrupt, match="written down"):
            again.recorder.verify(head=written)  # type: ignore[union-attr]
        assert again.registry != office.registry
        store_of(again).close()

    def test_text_that_has_no_utf8_form_is_refused_typed(self, target: str) -> None:
        """A name with a lone surrogate (a JSON escape can make one) cannot be stored: refused."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        before = state(office)
        with pytest.raises(StoreError, match="cannot be stored"):
            office.apply(birth(ON, name="Bayu \ud800"))
        assert state(office) == before
        store_of(office).close()
