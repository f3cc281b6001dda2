"""Indonesian population identifiers, one module each, in python-stdnum's shape.

- :mod:`adminduk.identifiers.nik`: NIK, Nomor Induk Kependudukan (personal number).
- :mod:`adminduk.identifiers.nkk`: the KK number (NKK), Nomor Kartu Keluarga (family card number).
"""

from adminduk.identifiers import nik, nkk

__all__ = ["nik", "nkk"]
