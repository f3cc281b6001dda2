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

import importlib

from adminduk._privacy import redact

__all__ = [
    "AdmindukError",
    "DatasetError",
    "DuplicateRecord",
    "ForbiddenTransition",
    "GuardFailed",
    "ImpossibleEvent",
    "InvalidComponent",
    "InvalidField",
    "InvalidFormat",
    "InvalidLength",
    "InvariantViolation",
    "MissingExtra",
    "PermissionDenied",
    "RegistryError",
    "StaleApplication",
    "StoreBusy",
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
    #: The stable, machine-readable code of this kind of error (a bot translates from it).
    default_code = "refused"
    #: The Indonesian message when the raise site gives none of its own.
    default_message_id = "adminduk menolak permintaan ini"

    def __init__(
        self, message: str | None = None, *, code: str | None = None, message_id: str | None = None
    ) -> None:
        # The safety net: whatever went into the message, no run of 16 digits comes out, and
        # the message is bounded (a 10 MB input does not make a 10 MB message).
        text = self.default_message if message is None else str(message)
        super().__init__(redact(text))
        #: The stable code of what went wrong (``"nik.day"``, ``"invalid-format"``, ...).
        self.code = code or self.default_code
        self._message_id = None if message_id is None else redact(str(message_id))

    @property
    def message(self) -> str:
        """The human-readable message (the same text as ``str(error)``), in English."""
        return str(self.args[0])

    @property
    def message_en(self) -> str:
        """The message in English (the same as :attr:`message`)."""
        return self.message

    @property
    def message_id(self) -> str:
        """The message in Indonesian: the raise site's own, else the kind's general one."""
        return self._message_id or self.default_message_id


class ValidationError(AdmindukError, ValueError):
    """A value (a number, a code, a date, a file) is not valid."""

    default_message = "the value is not valid"
    default_code = "invalid"
    default_message_id = "Data tidak valid"


class InvalidFormat(ValidationError):
    """The value does not have the right shape (wrong characters or type)."""

    default_message = "the value has the wrong format"
    default_code = "invalid-format"
    default_message_id = "Format data tidak sesuai"


class InvalidLength(InvalidFormat):
    """The value has the wrong number of characters or digits."""

    default_message = "the value has the wrong length"
    default_code = "invalid-length"
    default_message_id = "Panjang data tidak sesuai"


class InvalidComponent(ValidationError):
    """One part of the value is impossible (a date, a serial, a code, a region part)."""

    default_message = "one of the value's parts is not valid"
    default_code = "invalid-component"
    default_message_id = "Salah satu bagian data tidak mungkin"


class InvalidField(InvalidComponent):
    """A field of a form is missing or not valid; :attr:`field` names it as a path.

    The path is the field's place in a form's JSON (``"subject"``, ``"details.birth_order"``),
    so a frontend shows the message beside the field that caused it.
    """

    default_message = "a field of the form is not valid"
    default_code = "invalid-field"
    default_message_id = "Isian formulir tidak valid"

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str,
        code: str | None = None,
        message_id: str | None = None,
    ) -> None:
        super().__init__(message, code=code, message_id=message_id)
        #: The path of the field at fault (``"details.child_name"``).
        self.field = field


class UnknownRegion(AdmindukError, LookupError):
    """A region code that no known Kemendagri code list contains."""

    default_message = "the region code is not in any known code list"
    default_code = "unknown-region"
    default_message_id = "Kode wilayah tidak ada di daftar Kemendagri"


class UnknownRegionCode(InvalidComponent, UnknownRegion):
    """A NIK or KK number whose district part is in no known code list.

    Both ``except ValidationError`` and ``except UnknownRegion`` catch it.
    """

    default_message = "the district code is not in any known code list"
    default_code = "unknown-region-code"
    default_message_id = "Kode kecamatan tidak ada di daftar Kemendagri"


class RegistryError(AdmindukError):
    """The population register refused a change; the register is exactly as it was before."""

    default_message = "the register refused the change"
    default_code = "register"
    default_message_id = "Register menolak perubahan ini"


class UnknownResident(RegistryError, LookupError):
    """No resident with that NIK is in the register."""

    default_message = "no such resident in the register"
    default_code = "unknown-resident"
    default_message_id = "Penduduk tidak ditemukan di register"


class UnknownFamily(RegistryError, LookupError):
    """No family with that KK number is in the register."""

    default_message = "no such family in the register"
    default_code = "unknown-family"
    default_message_id = "Keluarga tidak ditemukan di register"


class DuplicateRecord(RegistryError):
    """A NIK or KK number that the register already holds."""

    default_message = "the register already holds that number"
    default_code = "duplicate"
    default_message_id = "Data sudah ada"


class ImpossibleEvent(RegistryError):
    """An event that cannot happen to the people it names (a dead person marrying, say)."""

    default_message = "the event cannot happen"
    default_code = "impossible-event"
    default_message_id = "Peristiwa ini tidak mungkin terjadi"


class InvariantViolation(RegistryError):
    """A change that would break one of the register's rules; ``rule`` names the rule."""

    default_message = "the change would break a rule of the register"
    default_code = "invariant"
    default_message_id = "Aturan register dilanggar"

    def __init__(self, message: str | None = None, *, rule: str = "") -> None:
        super().__init__(message, code=f"rule.{rule}" if rule else None)
        self.rule = rule


class WorkflowError(AdmindukError):
    """An application workflow refused an action; the application and the register are unchanged."""

    default_message = "the workflow refused the action"
    default_code = "workflow"
    default_message_id = "Langkah ini tidak dapat dilakukan"


class ForbiddenTransition(WorkflowError):
    """The action is not possible from the application's status or on its delivery path."""

    default_message = "the action is not possible in the application's current status"
    default_code = "forbidden-transition"
    default_message_id = "Langkah ini tidak dapat dilakukan pada status permohonan sekarang"


class PermissionDenied(WorkflowError):
    """The actor's role may not take this action (or the actor is not who may collect)."""

    default_message = "the actor may not take this action"
    default_code = "permission-denied"
    default_message_id = "Anda tidak berwenang melakukan langkah ini"


class GuardFailed(WorkflowError):
    """A condition of the action does not hold; ``guard`` names it, ``findings`` say why.

    ``findings`` holds the checker's findings when verification is refused, so a caller can
    send the application back with them.
    """

    default_message = "a condition of the action does not hold"
    default_code = "guard-failed"
    default_message_id = "Syarat langkah ini belum terpenuhi"

    def __init__(
        self, message: str | None = None, *, guard: str = "", findings: tuple[object, ...] = ()
    ) -> None:
        super().__init__(message, code=f"guard.{guard}" if guard else None)
        self.guard = guard
        self.findings = findings


class UnknownApplication(WorkflowError, LookupError):
    """No application with that id at this office."""

    default_message = "no such application at this office"
    default_code = "unknown-application"
    default_message_id = "Permohonan tidak ditemukan"


class StaleApplication(WorkflowError):
    """The application given is not the office's current version of it (acted on meanwhile)."""

    default_message = "the application has changed since this version was read"
    default_code = "stale-application"
    default_message_id = "Permohonan sudah berubah; muat ulang"


class StoreError(AdmindukError):
    """A durable store could not do what was asked (opened, written, read back)."""

    default_message = "the store refused the request"
    default_code = "store"
    default_message_id = "Penyimpanan data menolak permintaan ini"


class StoreConflict(StoreError):
    """Another writer appended to the store first; nothing of this action was applied."""

    default_message = "another writer changed the store first"
    default_code = "store-conflict"
    default_message_id = "Data sudah diubah petugas lain; ulangi"


class StoreBusy(StoreConflict):
    """The store's write lock stayed taken past the lock timeout; nothing was applied."""

    default_message = "the store is busy: another writer holds it"
    default_code = "store-busy"
    default_message_id = "Penyimpanan data sedang dipakai; ulangi"


class StoreCorrupt(StoreError):
    """The store is damaged: its file, log, snapshot or indexes (``position`` names where).

    Truncated, reordered, edited or duplicated rows, a file cut short, values of the wrong
    type, index rows the log does not give: code that restores a backup on damage catches this.
    """

    default_message = "the store is damaged"
    default_code = "store-corrupt"
    default_message_id = "Penyimpanan data rusak"

    def __init__(
        self,
        message: str | None = None,
        *,
        position: int | None = None,
        code: str | None = None,
        message_id: str | None = None,
    ) -> None:
        super().__init__(message, code=code, message_id=message_id)
        #: The log position (sequence number) where the damage was found, if known.
        self.position = position


class DatasetError(AdmindukError):
    """A national dataset is missing, incomplete, of another schema, or its job failed."""

    default_message = "the national dataset cannot be used"
    default_code = "dataset"
    default_message_id = "Data nasional tidak dapat digunakan"


class MissingExtra(AdmindukError, ImportError):
    """A feature needs an optional extra that is not installed (the message names it)."""

    default_message = "an optional extra of adminduk is not installed"
    default_code = "missing-extra"
    default_message_id = "Paket tambahan adminduk belum dipasang"


def require_extra(package: str, extra: str, *modules: str) -> None:
    """Import ``modules`` or raise :class:`MissingExtra` naming ``extra`` (for ``package``).

    The optional packages (:mod:`adminduk.scale`, :mod:`adminduk.printing`,
    :mod:`adminduk.linkage`) call it first, so a missing extra says how to install it.
    """
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as error:
            raise MissingExtra(
                f"{package} needs the {extra!r} extra ({error.name or name} is missing): "
                f"pip install 'adminduk[{extra}]'"
            ) from None
