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

from adminduk import codes, errors, identifiers, regions
from adminduk.codes import (
    BloodType,
    Citizenship,
    Education,
    KTPElStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.errors import (
    AdmindukError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UnknownRegion,
    UnknownRegionCode,
    ValidationError,
)

try:
    __version__ = version("adminduk")
except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0.0.0"

__all__ = [
    "AdmindukError",
    "BloodType",
    "Citizenship",
    "Education",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "KTPElStatus",
    "MaritalStatus",
    "Occupation",
    "Relationship",
    "Religion",
    "Sex",
    "UnknownRegion",
    "UnknownRegionCode",
    "ValidationError",
    "__version__",
    "codes",
    "errors",
    "identifiers",
    "regions",
]
