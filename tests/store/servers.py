"""A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder, a Unix socket.

Never touches a cluster the machine already has: the cluster lives in its own folder, listens on
no TCP address, and is stopped and deleted at the end. As root the cluster runs as the
``postgres`` user (PostgreSQL refuses root); when PostgreSQL is missing and the run is root in CI,
it is installed with apt-get. Otherwise the PostgreSQL tests skip with the reason, except under
``CI=true``, where a skip of that kind is a failure.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return None if initdb is None else Path(initdb).parent


def _install() -> None:
    """apt-get install postgresql (only as root, only under CI)."""
    if os.geteuid() != 0 or os.environ.get("CI") != "true" or shutil.which("apt-get") is None:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "postgresql"],
        check=False,
        env=env,
        capture_output=True,
    )


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", "postgres", "--", *command]
    return ["su", "postgres", "-c", " ".join(command)]


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """Yield a conninfo for a fresh cluster, or ``None`` (and why, in ``reason``) if impossible."""
    binaries = _binaries()
    if binaries is None:
        _install()
        binaries = _binaries()
    if binaries is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="adminduk-pg-"))
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(socket, "postgres", "postgres")
        folder.chmod(0o755)
    try:
        subprocess.run(
            _as_postgres(
                [str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-k {socket} -c listen_addresses='' -c fsync=on"
        subprocess.run(
            _as_postgres(
                [
                    str(binaries / "pg_ctl"),
                    "-w",
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(folder / "log"),
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        try:
            yield f"host={socket} user=postgres dbname=postgres"
        finally:
            subprocess.run(
                _as_postgres(
                    [str(binaries / "pg_ctl"), "-w", "-D", str(data), "-m", "fast", "stop"]
                ),
                check=False,
                capture_output=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
