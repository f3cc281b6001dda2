"""What an office holds (its register and applications) and how each change to them is made.

:class:`Holdings` is the part of :class:`~adminduk.workflows.Office` that keeps state: the
current version of every application, the lock every operation holds, and the recorder (a
durable store) every change goes through. An operation runs under the lock and, with a
recorder, inside one of its transactions (:meth:`Holdings._operate`); changes read back from a
store are applied with the same checks as live ones (:meth:`Holdings.catch_up`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Self, TypeVar, cast

from adminduk.applications import Application
from adminduk.errors import DuplicateRecord, ForbiddenTransition, InvalidFormat, UnknownApplication
from adminduk.register import Registry
from adminduk.register.events import Event
from adminduk.workflows.changes import Change, Recorder
from adminduk.workflows.engine import extend, replay

if TYPE_CHECKING:
    from adminduk.workflows.office import Office

__all__ = ["Holdings"]

_R = TypeVar("_R")


class Holdings:
    """An office's register and applications, the lock over them, and their recorder."""

    code: str
    registry: Registry
    _applications: dict[str, Application]
    _serial: int
    _lock: threading.RLock
    _recorder: Recorder | None
    _journal_length: int
    _held: tuple[int, set[Event]] | None

    @property
    def applications(self) -> Mapping[str, Application]:
        """The current version of every application, by id (read-only)."""
        return MappingProxyType(self._applications)

    def get(self, application_id: str) -> Application:
        """The current version of application ``application_id``."""
        try:
            return self._applications[application_id]
        except KeyError:
            raise UnknownApplication(f"no application {application_id!r} at {self.code}") from None

    def adopt(self, application: Application) -> Application:
        """Take in an application with its history (from a file), checking it by replaying."""
        if not isinstance(application, Application):
            raise InvalidFormat(f"adopt takes an Application, not {type(application).__name__}")
        with self._lock:
            return self._adopt(application)

    def _adopt(self, application: Application) -> Application:
        self._check_adoptable(application)

        def operation() -> Application:
            self._applications[application.id] = application
            self._serial = max(self._serial, self._serial_of(application.id))
            return application

        return self._operate(operation, lambda adopted: [Change.of_adoption(adopted)])

    def _check_adoptable(self, application: Application) -> None:
        """Refuse an application already here, or one its history or register contradicts."""
        if application.id in self._applications:
            raise DuplicateRecord(f"application {application.id!r} is already at {self.code}")
        if replay(application.history, id=application.id) != application:
            raise InvalidFormat(f"application {application.id!r} does not match its history")
        missing = self._events_not_registered(application)
        if missing:
            raise InvalidFormat(
                f"application {application.id!r} applied {missing} register change(s) that "
                "this register does not hold: the register and the applications are from "
                "different moments"
            )

    def _events_not_registered(self, application: Application) -> int:
        """How many register changes of the history the register's journal does not hold."""
        events = [event for action in application.history for event in action.events]
        if not events:
            return 0
        length = self.registry.journal_length
        if self._held is None or self._held[0] != length:
            # Built once per journal length, so adopting a file of applications is linear.
            self._held = (length, set(self.registry.journal))
        held = self._held[1]
        return sum(1 for event in events if event not in held)

    @property
    def lock(self) -> threading.RLock:
        """The lock every operation holds; hold it to read or change several things at once."""
        return self._lock

    @property
    def recorder(self) -> Recorder | None:
        """The durable log this office writes through, if any."""
        return self._recorder

    def close(self) -> None:
        """Close the durable store this office writes through (if any); later writes refuse.

        An office opened with :func:`adminduk.store.open_office` is also a context manager:
        ``with open_office(...) as office:`` closes its store at the end of the block.
        """
        with self._lock:
            if self._recorder is not None:
                self._recorder.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def attach(self, recorder: Recorder | None) -> None:
        """Write every later operation through ``recorder`` (``None``: stop recording)."""
        with self._lock:
            self._recorder = recorder
            self._journal_length = self.registry.journal_length

    def catch_up(self, changes: Iterable[Change]) -> None:
        """Apply changes another writer made (read back from a store), in order.

        A life event and the events inside an action are applied to the register (so every
        rule is checked again); an action is appended to its application only if its workflow
        allows it after the actions before it (:func:`~adminduk.workflows.extend`); an adopted
        application is checked as :meth:`adopt` checks it. The first change refused raises,
        and the changes before it stay applied (a store reading its log back reports where).
        """
        with self._lock:
            for change in changes:
                self._absorb(change)
            self._journal_length = self.registry.journal_length

    def restore(self, registry: Registry, applications: Iterable[Application]) -> None:
        """Make the register and the applications those given (a store reloading its office).

        In place: :attr:`registry` stays the same object (it is made to hold ``registry``'s
        contents) and so does the mapping behind :attr:`applications`, so references taken
        before a reload (after a refused write, say) see the reloaded state, not the refused
        change.
        """
        with self._lock:
            kept = {application.id: application for application in applications}
            self.registry.assign(registry)
            self._applications.clear()
            self._applications.update(kept)
            self._serial = max(
                (self._serial_of(a.id) for a in self._applications.values()), default=0
            )
            self._journal_length = self.registry.journal_length

    def apply(self, event: Event) -> Event:
        """Apply a life event to the register as one operation of the office (recorded)."""
        return self._operate(
            lambda: self.registry.apply(event), lambda applied: [Change.of_event(applied)]
        )

    def _operate(
        self, operation: Callable[[], _R], changes: Callable[[_R], Sequence[Change]]
    ) -> _R:
        """Run one operation under the lock, and through the recorder when there is one.

        ``changes`` says what the operation's result changed, for the recorder to append (not
        built without one).
        """
        with self._lock:
            recorder = self._recorder
            if recorder is None:
                return operation()
            if self.registry.journal_length != self._journal_length:
                raise ForbiddenTransition(
                    "the register was changed outside the office (registry.apply): those "
                    "changes are not in the store; apply events with office.apply"
                )
            with recorder.transaction(cast("Office", self)) as append:
                result = operation()
                append(changes(result))
            self._journal_length = self.registry.journal_length
            return result

    def _absorb(self, change: Change) -> None:
        if change.kind == "event" and change.event is not None:
            self.registry.apply(change.event)
        elif change.kind == "adopt" and change.adopted is not None:
            self._check_adoptable(change.adopted)
            self._applications[change.adopted.id] = change.adopted
            self._serial = max(self._serial, self._serial_of(change.adopted.id))
        elif change.kind == "action" and change.action is not None and change.application:
            current = self._applications.get(change.application)
            extended = extend(current, change.action, id=change.application)
            if change.action.events:
                self.registry.apply_all(change.action.events)
            self._applications[change.application] = extended
            self._serial = max(self._serial, self._serial_of(change.application))
        else:
            raise InvalidFormat(f"a {change.kind} change without its content")

    def _serial_of(self, number: str) -> int:
        prefix = f"{self.code}/"
        tail = number[len(prefix) :] if number.startswith(prefix) else ""
        return int(tail) if tail.isascii() and tail.isdigit() else 0
