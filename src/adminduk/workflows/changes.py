"""What changes an office, as records a durable store can keep in order: :class:`Change`.

Every change an :class:`~adminduk.workflows.Office` makes is one of three: a workflow action
on an application (with the register events it applied inside it), a life event applied to
the register directly, or an application adopted whole (from a file). A store appends the
changes of one operation in one transaction, and hands the changes others appended back to
:meth:`Office.catch_up <adminduk.workflows.Office.catch_up>`. A :class:`Recorder` is what an
office calls to do that; :mod:`adminduk.store` provides them (SQLite, PostgreSQL).

>>> import datetime
>>> from adminduk.samples import family_event
>>> Change.of_event(family_event()).kind
'event'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Literal, Protocol

import attrs

from adminduk.applications import Action, Application
from adminduk.register.events import Event

if TYPE_CHECKING:
    from adminduk.workflows.office import Office

__all__ = ["Change", "Recorder"]


@attrs.frozen
class Change:
    """One change to an office, in the order it happened.

    ``kind`` says which: ``"action"`` (``application`` and ``action``), ``"event"`` (``event``),
    or ``"adopt"`` (``adopted``, an application taken in whole).
    """

    kind: Literal["action", "event", "adopt"]
    application: str | None = None
    action: Action | None = None
    event: Event | None = None
    adopted: Application | None = None

    @classmethod
    def of_action(cls, application: str, action: Action) -> Change:
        """The action ``action`` taken on application ``application``."""
        return cls("action", application=application, action=action)

    @classmethod
    def of_event(cls, event: Event) -> Change:
        """A life event applied to the register directly."""
        return cls("event", event=event)

    @classmethod
    def of_adoption(cls, application: Application) -> Change:
        """An application taken in with its history."""
        return cls("adopt", application=application.id, adopted=application)


#: What a recorder's transaction is handed: the changes of one operation, to append.
Append = Callable[[Sequence[Change]], None]


class Recorder(Protocol):
    """A durable log an office writes through (see :mod:`adminduk.store`)."""

    def transaction(self, office: Office) -> AbstractContextManager[Append]:
        """Begin a write and yield the function that appends this operation's changes.

        The recorder holds the store's write lock, brings ``office`` up to date with what others
        appended (:meth:`Office.catch_up`) first; leaving the block commits, and an exception
        rolls back.
        """
        ...  # pragma: no cover - a protocol

    def close(self) -> None:
        """Close the durable log: later transactions refuse."""
        ...  # pragma: no cover - a protocol
