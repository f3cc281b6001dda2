"""The office key: made once, kept in a file only its owner reads, given to every open.

A key is 32 random bytes; its file holds them as 64 hexadecimal digits and a newline, made with
permissions 0600 and never overwritten. The randomness is the operating system's
(:func:`secrets.token_bytes`) unless the caller gives its own source (tests do).
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from adminduk.errors import InvalidFormat, StoreError

__all__ = ["KEY_BYTES", "read_key", "require_key", "write_key"]

#: The length of a key this release makes.
KEY_BYTES = 32


def write_key(
    path: str | os.PathLike[str], *, random_bytes: Callable[[int], bytes] = secrets.token_bytes
) -> bytes:
    """Make a new office key, write it to ``path`` (a new file, mode 0600) and return it.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "office.key"
    >>> key = write_key(path, random_bytes=lambda n: bytes(range(n)))
    >>> read_key(path) == key, oct(path.stat().st_mode & 0o777)
    (True, '0o600')
    """
    key = random_bytes(KEY_BYTES)
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise InvalidFormat(f"the random source gave no {KEY_BYTES} bytes")
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StoreError(f"{os.fspath(path)!r} exists: a key is never overwritten") from None
    except OSError as exc:
        raise StoreError(f"cannot write the key file: {exc.strerror}") from None
    with os.fdopen(handle, "w", encoding="ascii") as stream:
        stream.write(key.hex() + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    return key


def read_key(path: str | os.PathLike[str]) -> bytes:
    """The office key in ``path``; refused if the file is readable by others or not a key."""
    file = Path(path)
    try:
        mode = file.stat().st_mode
        text = file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read the key file: {type(exc).__name__}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(f"the key file {file.name!r} is open to others: chmod 600 it")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise InvalidFormat("the key file does not hold a key (hexadecimal digits)") from None
    if len(key) < 16:
        raise InvalidFormat("the key file holds fewer than 16 bytes")
    return key


def require_key(key: object) -> bytes | None:
    """``key`` if it is an office key (bytes, at least 16) or ``None``; else refused."""
    if key is None:
        return None
    if not isinstance(key, bytes) or len(key) < 16:
        raise InvalidFormat(
            "an office key is at least 16 bytes (adminduk store key FILE makes one)"
        )
    return key
