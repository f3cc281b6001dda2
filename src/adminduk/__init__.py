"""adminduk: Indonesian population administration as a regency office (Disdukcapil) runs it.

The layers, lowest first: :mod:`adminduk.errors`, :mod:`adminduk.codes` (the code tables of the
family card form) and :mod:`adminduk.regions` (Kemendagri region codes); :mod:`adminduk.identifiers`
(NIK and KK numbers); :mod:`adminduk.register` (residents, families, life events);
:mod:`adminduk.documents` (document types, the :class:`Form`, :func:`check`);
:mod:`adminduk.applications` (the file an office keeps); :mod:`adminduk.workflows` (the office);
then :mod:`adminduk.statistics`, :mod:`adminduk.simulation`, :mod:`adminduk.serialization` and,
with the ``testing`` extra, :mod:`adminduk.strategies` and :mod:`adminduk.testing`. This module
re-exports the names most programs need.

>>> import adminduk
>>> adminduk.identifiers.nik.is_valid("1808014101050001")
True
>>> adminduk.Sex.FEMALE.label
'Perempuan'
"""

from importlib.metadata import PackageNotFoundError, version

from adminduk import (
    applications,
    codes,
    documents,
    errors,
    identifiers,
    regions,
    register,
    workflows,
)
from adminduk.applications import Action, Actor, Application, Role, Status, Trigger
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.documents import Channel, Delivery, DocumentCode, Evidence, Form, check
from adminduk.errors import (
    AdmindukError,
    DuplicateRecord,
    ForbiddenTransition,
    GuardFailed,
    ImpossibleEvent,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvariantViolation,
    PermissionDenied,
    RegistryError,
    UnknownFamily,
    UnknownRegion,
    UnknownRegionCode,
    UnknownResident,
    ValidationError,
)
from adminduk.register import Address, Family, Membership, Registry, Resident, events

try:
    __version__ = version("adminduk")
except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0.0.0"

__all__ = [
    "Action",
    "Actor",
    "Address",
    "AdmindukError",
    "Application",
    "BloodType",
    "Channel",
    "Citizenship",
    "Delivery",
    "DocumentCode",
    "DuplicateRecord",
    "Education",
    "Evidence",
    "Family",
    "ForbiddenTransition",
    "Form",
    "GuardFailed",
    "ImpossibleEvent",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvariantViolation",
    "KTPElStatus",
    "LifeStatus",
    "MaritalStatus",
    "Membership",
    "Occupation",
    "PermissionDenied",
    "Registry",
    "RegistryError",
    "Relationship",
    "Religion",
    "Resident",
    "Role",
    "Sex",
    "Status",
    "Trigger",
    "UnknownFamily",
    "UnknownRegion",
    "UnknownRegionCode",
    "UnknownResident",
    "ValidationError",
    "__version__",
    "applications",
    "check",
    "codes",
    "documents",
    "errors",
    "events",
    "identifiers",
    "regions",
    "register",
    "workflows",
]
