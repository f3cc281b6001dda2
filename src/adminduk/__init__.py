"""adminduk: Indonesian population administration as a regency office (Disdukcapil) runs it.

Start with :mod:`adminduk.identifiers` (NIK and KK numbers), :mod:`adminduk.regions` (Kemendagri
region codes) and :mod:`adminduk.codes` (the code tables of the family card form).

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
