"""The contract every store keeps, as one test base; each backend's module subclasses it.

A subclass supplies ``target`` (what :func:`adminduk.store.open_office` opens) and ``sql`` (a
raw statement on the same database, for the tampering tests).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from adminduk import Registry, serialization
from adminduk.applications import Application, Role, Status
from adminduk.codes import Sex
from adminduk.documents import Delivery
from adminduk.errors import (
    ForbiddenTransition,
    StoreConflict,
    StoreCorrupt,
    StoreError,
)
from adminduk.register.events import Birth
from adminduk.samples import (
    SIAP_KELUARGA,
    family_event,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.store import Store, export_office, import_office, open_office
from adminduk.workflows import Change, Office

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}


def store_of(office: Office) -> Store:
    """The store an office records through."""
    recorder = office.recorder
    assert isinstance(recorder, Store)
    return recorder


def state(office: Office) -> tuple[Registry, dict[str, Application]]:
    """What must survive a reopen: the register and every application."""
    return office.registry, dict(office.applications)


def busy_office(office: Office) -> Office:
    """A register, a life event, and applications down their paths."""
    for event in sample_registry().journal:
        office.apply(event)
    sample_issued("KK", "lost", office=office)
    app = office.submit(
        sample_form("KTP-el", on=ON, delivery=Delivery.POST), actor=STAFF[Role.SYSTEM], at=AT
    )
    office.record_biometrics(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    return office


def birth(day: datetime.date, name: str = "Bayu Pratama", sex: Sex = Sex.MALE) -> Birth:
    """A birth in the sample family."""
    return Birth(
        occurred_on=day,
        recorded_on=day,
        name=name,
        sex=sex,
        birth_place="Blambangan Umpu",
        mother=S.wife,
        father=S.head,
    )


class StoreContract:
    """The behaviour both stores share."""

    @pytest.fixture
    def target(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def sql(self, target: str, statement: str, *parameters: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    def open(self, target: str, **options: Any) -> Office:
        return open_office(target, code="18.08", staff=sample_staff(), **options)

    # --- round trips ---------------------------------------------------------------------

    def test_an_office_reopens_as_it_was_from_the_log_and_from_a_snapshot(
        self, target: str
    ) -> None:
        """Every operation is durable: reopen from the log alone, then from a snapshot."""
        office = busy_office(self.open(target))
        expected = state(office)
        head = store_of(office).head()
        store_of(office).close()
        again = self.open(target, use_snapshot=False)
        assert state(again) == expected
        assert store_of(again).snapshot(again) == head
        store_of(again).close()
        third = self.open(target)
        assert state(third) == expected
        third.registry.check()
        assert store_of(third).verify() == head
        store_of(third).close()

    def test_an_issue_and_its_register_change_are_one_row(self, target: str) -> None:
        """The action carries the register changes it applied: never torn apart."""
        office = self.open(target)
        for event in sample_registry().journal:
            office.apply(event)
        before = store_of(office).head()
        issued = sample_issued("KK", "lost", office=office)
        # submit, verify and issue: three rows, the issue's events inside its own
        assert store_of(office).head() == before + 3
        kinds = [change.kind for change in store_of(office).history_of(S.head)][-3:]
        assert kinds == ["action", "action", "action"]
        assert issued.history[-1].events
        store_of(office).close()

    def test_a_refused_action_changes_nothing(self, target: str) -> None:
        """A forbidden transition appends nothing and leaves the office as it was."""
        office = busy_office(self.open(target))
        before, head = state(office), store_of(office).head()
        app = next(iter(office.applications.values()))
        with pytest.raises(ForbiddenTransition):
            office.ship(app, actor=STAFF[Role.COURIER], at=AT)
        assert store_of(office).head() == head
        assert state(office) == before
        store_of(office).close()

    def test_changing_the_register_behind_the_office_is_refused(self, target: str) -> None:
        """A change made with registry.apply is not in the store: the next operation says so."""
        office = self.open(target)
        office.registry.apply(family_event())
        with pytest.raises(ForbiddenTransition, match="outside the office"):
            office.apply(birth(ON))
        store_of(office).close()

    # --- questions -----------------------------------------------------------------------

    def test_the_questions_an_office_asks(self, target: str) -> None:
        """Where is the application of this NIK; what is open, by status, district, channel."""
        office = busy_office(self.open(target))
        store = store_of(office)
        mine = store.applications_of(S.head)
        assert len(mine) == 2
        assert all(
            S.head in {office.get(i).form.subject, office.get(i).form.applicant} for i in mine
        )
        district = office.registry.family(S.family).address.district_code
        open_now = store.open_applications()
        assert [office.get(i).status for i in open_now] == [Status.PRINTED, Status.SUBMITTED]
        waiting = store.open_applications(status=Status.SUBMITTED, district=district)
        assert [office.get(i).form.document for i in waiting] == ["KTP-el"]
        assert store.open_applications(status=Status.VERIFIED) == []
        assert store.open_applications(channel="counter") == []
        assert len(store.open_applications(channel="whatsapp")) == 2
        late = AT + datetime.timedelta(days=30)
        assert store.overdue(late) == waiting
        assert store.overdue(AT) == []
        history = store.history_of(S.head)
        assert history[0].kind == "event"
        assert sum(change.kind == "action" for change in history) >= 4
        store.close()

    # --- many writers --------------------------------------------------------------------

    def test_two_offices_on_one_store_see_each_other(self, target: str) -> None:
        """A second writer catches up before it writes: no conflict, nothing applied twice."""
        first = self.open(target)
        for event in sample_registry().journal:
            first.apply(event)
        second = self.open(target)
        made = first.apply(birth(ON))
        other = second.apply(birth(ON, "Dimas Saputra"))
        assert isinstance(made, Birth)
        assert isinstance(other, Birth)
        assert made.nik != other.nik
        assert made.nik in second.registry
        store_of(first).close()
        store_of(second).close()
        third = self.open(target)
        assert third.registry.find_resident(other.nik) is not None
        third.registry.check()
        store_of(third).close()

    def test_an_append_at_a_stale_position_conflicts_and_appends_nothing(
        self, target: str
    ) -> None:
        """The low-level contract: each append names the position it expects."""
        office = self.open(target)
        office.apply(family_event())
        store = store_of(office)
        head = store.head()
        with pytest.raises(StoreConflict), store.transaction(office):
            store.append([Change.of_event(birth(ON))], expected=head - 1)
        assert store.head() == head
        store.close()

    # --- damage --------------------------------------------------------------------------

    def _log(self, target: str) -> Office:
        office = busy_office(self.open(target))
        store_of(office).close()
        return office

    def test_an_edited_row_is_refused_with_its_position(self, target: str) -> None:
        """Editing a row breaks the chain at that row."""
        self._log(target)
        self.sql(target, "UPDATE log SET body = replace(body, 'Budi', 'Bodi') WHERE seq = 1")
        with pytest.raises(StoreCorrupt) as damaged:
            self.open(target)
        assert damaged.value.position == 1

    def test_a_missing_row_is_refused(self, target: str) -> None:
        """A gap in the sequence is refused where it starts."""
        self._log(target)
        self.sql(target, "DELETE FROM log WHERE seq = 2")
        with pytest.raises(StoreCorrupt, match="rows are missing") as damaged:
            self.open(target)
        assert damaged.value.position == 2

    def test_reordered_and_duplicated_rows_are_refused(self, target: str) -> None:
        """Swapping two rows' contents, or copying one over another, breaks the chain."""
        self._log(target)
        self.sql(
            target, "UPDATE log SET body = (SELECT body FROM log WHERE seq = 1) WHERE seq = 2"
        )
        with pytest.raises(StoreCorrupt) as damaged:
            self.open(target)
        assert damaged.value.position == 2

    def test_a_truncated_log_is_refused_against_its_snapshot(self, target: str) -> None:
        """Rows cut off after a snapshot: the snapshot no longer matches the log."""
        office = self._log(target)
        again = self.open(target)
        store_of(again).snapshot(again)
        store_of(again).close()
        head = len(office.registry.journal)
        self.sql(target, "DELETE FROM log WHERE seq > 3")
        with pytest.raises(StoreCorrupt):
            self.open(target)
        assert head > 3

    def test_a_torn_snapshot_is_refused_and_the_log_still_opens(self, target: str) -> None:
        """A damaged snapshot is refused; the log alone rebuilds the same office."""
        office = self._log(target)
        again = self.open(target)
        store_of(again).snapshot(again)
        store_of(again).close()
        for checksum in ("x", "é" * 64):  # a non-ASCII checksum was a TypeError (fuzz)
            self.sql(target, "UPDATE snapshots SET checksum = ?", checksum)
            with pytest.raises(StoreCorrupt, match="torn"):
                self.open(target)
            from_log = store_of(self.open(target, use_snapshot=False))
            with pytest.raises(StoreCorrupt, match="torn"):
                from_log.verify()
            from_log.close()
        rebuilt = self.open(target, use_snapshot=False)
        assert state(rebuilt) == state(office)
        store_of(rebuilt).close()

    # --- import and export ---------------------------------------------------------------

    def test_a_register_is_imported_and_an_office_exported(
        self, target: str, tmp_path: Any
    ) -> None:
        """An existing register becomes the log's first rows; the office writes out as JSON."""
        registry = sample_registry()
        office = open_office(target, code="18.08", registry=registry, staff=sample_staff())
        assert office.registry == registry
        sample_issued("KK", "lost", office=office)
        path = tmp_path / "office.json"
        export_office(office, path)
        copy = import_office(path)
        assert state(copy) == state(office)
        store_of(office).close()
        with pytest.raises(StoreError, match="already holds"):
            open_office(target, code="18.08", registry=registry)
        assert serialization.loads(serialization.dumps(copy.registry), Registry) == copy.registry
