"""The exceptions adminduk raises, all under one root, :class:`AdmindukError`.

Catch :class:`AdmindukError` to handle anything the library refuses. Validation problems are also
:class:`ValueError` (so code written for python-stdnum keeps working) and unknown regions are also
:class:`LookupError`. Messages say what is wrong in plain words and never contain a whole NIK or KK
number: only the six-digit region part is kept, the rest is masked.

>>> from adminduk.identifiers import nik
>>> try:
...     nik.validate("1808014101050000")
... except ValidationError as error:
...     print(type(error).__name__, "-", error)
InvalidComponent - NIK 180801********** has serial 0000; serials start at 0001
"""

from __future__ import annotations

from adminduk._privacy import redact

__all__ = [
    "AdmindukError",
    "DuplicateRecord",
    "ForbiddenTransition",
    "GuardFailed",
    "ImpossibleEvent",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvariantViolation",
    "PermissionDenied",
    "RegistryError",
    "StaleApplication",
    "StoreConflict",
    "StoreCorrupt",
    "StoreError",
    "UnknownApplication",
    "UnknownFamily",
    "UnknownRegion",
    "UnknownRegionCode",
    "UnknownResident",
    "ValidationError",
    "WorkflowError",
]


class AdmindukError(Exception):
    """Root of every exception adminduk raises on purpose."""

    default_message = "adminduk refused the request"

    def __init__(self, message: str | None = None) -> None:
        # The safety net: whatever went into the message, no run of 16 digits comes out, and
        # the message is bounded (a 10 MB input does not make a 10 MB message).
        text = self.default_message if message is None else str(message)
        super().__init__(redact(text))

    @property
    def message(self) -> str:
        """The human-readable message (the same text as ``str(error)``)."""
        return str(self.args[0])


class ValidationError(AdmindukError, ValueError):
    """A value (a number, a code, a date, a file) is not valid."""

    default_message = "the value is not valid"


class InvalidFormat(ValidationError):
    """The value does not have the right shape (wrong characters or type)."""

    default_message = "the value has the wrong format"


class InvalidLength(InvalidFormat):
    """The value has the wrong number of characters or digits."""

    default_message = "the value has the wrong length"


class InvalidComponent(ValidationError):
    """One part of the value is impossible (a date, a serial, a code, a region part)."""

    default_message = "one of the value's parts is not valid"


class UnknownRegion(AdmindukError, LookupError):
    """A region code that no known Kemendagri code list contains."""

    default_message = "the region code is not in any known code list"


class UnknownRegionCode(InvalidComponent, UnknownRegion):
    """A NIK or KK number whose district part is in no known code list.

    Both ``except ValidationError`` and ``except UnknownRegion`` catch it.
    """

    default_message = "the district code is not in any known code list"


class RegistryError(AdmindukError):
    """The population register refused a change; the register is exactly as it was before."""

    default_message = "the register refused the change"


class UnknownResident(RegistryError, LookupError):
    """No resident with that NIK is in the register."""

    default_message = "no such resident in the register"


class UnknownFamily(RegistryError, LookupError):
    """No family with that KK number is in the register."""

    default_message = "no such family in the register"


class DuplicateRecord(RegistryError):
    """A NIK or KK number that the register already holds."""

    default_message = "the register already holds that number"


class ImpossibleEvent(RegistryError):
    """An event that cannot happen to the people it names (a dead person marrying, say)."""

    default_message = "the event cannot happen"


class InvariantViolation(RegistryError):
    """A change that would break one of the register's rules; ``rule`` names the rule."""

    default_message = "the change would break a rule of the register"

    def __init__(self, message: str | None = None, *, rule: str = "") -> None:
        super().__init__(message)
        self.rule = rule


class WorkflowError(AdmindukError):
    """An application workflow refused an action; the application and the register are unchanged."""

    default_message = "the workflow refused the action"


class ForbiddenTransition(WorkflowError):
    """The action is not possible from the application's status or on its delivery path."""

    default_message = "the action is not possible in the application's current status"


class PermissionDenied(WorkflowError):
    """The actor's role may not take this action (or the actor is not who may collect)."""

    default_message = "the actor may not take this action"


class GuardFailed(WorkflowError):
    """A condition of the action does not hold; ``guard`` names it, ``findings`` say why.

    ``findings`` holds the checker's findings when verification is refused, so a caller can
    send the application back with them.
    """

    default_message = "a condition of the action does not hold"

    def __init__(
        self, message: str | None = None, *, guard: str = "", findings: tuple[object, ...] = ()
    ) -> None:
        super().__init__(message)
        self.guard = guard
        self.findings = findings


class UnknownApplication(WorkflowError, LookupError):
    """No application with that id at this office."""

    default_message = "no such application at this office"


class StaleApplication(WorkflowError):
    """The application given is not the office's current version of it (acted on meanwhile)."""

    default_message = "the application has changed since this version was read"


class StoreError(AdmindukError):
    """A durable store could not do what was asked (opened, written, read back)."""

    default_message = "the store refused the request"


class StoreConflict(StoreError):
    """Another writer appended to the store first; nothing of this action was applied."""

    default_message = "another writer changed the store first"


class StoreCorrupt(StoreError):
    """The store's log or snapshot is truncated, reordered or edited (``position`` names where)."""

    default_message = "the store is damaged"

    def __init__(self, message: str | None = None, *, position: int | None = None) -> None:
        super().__init__(message)
        #: The log position (sequence number) where the damage was found, if known.
        self.position = position
