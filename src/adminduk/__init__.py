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

from adminduk import codes, documents, errors, events, identifiers, regions, workflows
from adminduk.address import Address
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
from adminduk.documents import Status, check
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
from adminduk.family import Family, Membership
from adminduk.registry import Registry
from adminduk.resident import Resident

try:
    __version__ = version("adminduk")
except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0.0.0"

__all__ = [
    "Address",
    "AdmindukError",
    "BloodType",
    "Citizenship",
    "DuplicateRecord",
    "Education",
    "Family",
    "ForbiddenTransition",
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
    "Sex",
    "Status",
    "UnknownFamily",
    "UnknownRegion",
    "UnknownRegionCode",
    "UnknownResident",
    "ValidationError",
    "__version__",
    "check",
    "codes",
    "documents",
    "errors",
    "events",
    "identifiers",
    "regions",
    "workflows",
]
