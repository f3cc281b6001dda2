"""Indonesian population identifiers, one module each, in python-stdnum's shape.

- :mod:`adminduk.identifiers.nik`: NIK, Nomor Induk Kependudukan (personal number).
- :mod:`adminduk.identifiers.kk`: KK number, Nomor Kartu Keluarga (family card number).
"""

from adminduk.identifiers import kk, nik

__all__ = ["kk", "nik"]
