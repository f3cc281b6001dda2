"""A national dataset on disk: Parquet files of flat records, and the manifest that vouches for them.

Layout (Hive style, one file per task: partitions of one province)::

    DIR/_dataset.json
    DIR/province=18/180801-0of1--180815-0of1.parquet
    ...

The manifest is written last, after every file is complete (each file is written under a
temporary name and renamed): a directory without it is an unfinished job and is refused.
"""

from __future__ import annotations

import datetime
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from adminduk.errors import DatasetError
from adminduk.register.records import RECORD_SCHEMA_VERSION, ResidentRecord

MANIFEST = "_dataset.json"
FORMAT = "adminduk-national"
#: Rows per Parquet row group: what a writer holds in memory before it flushes.
BATCH_ROWS = 65_536

#: (column, Arrow type, nullable), column for column of ResidentRecord.
_COLUMNS: list[tuple[str, pa.DataType, bool]] = [
    ("nik", pa.string(), False),
    ("kk_number", pa.string(), True),
    ("relationship", pa.int8(), True),
    ("sex", pa.int8(), False),
    ("birth_date", pa.date32(), False),
    ("religion", pa.int8(), False),
    ("marital_status", pa.int8(), False),
    ("education", pa.int8(), False),
    ("occupation", pa.int8(), False),
    ("blood_type", pa.int8(), False),
    ("citizenship", pa.int8(), False),
    ("life_status", pa.int8(), False),
    ("ktp_el_status", pa.int8(), False),
    ("village", pa.int64(), True),
    ("district", pa.int32(), True),
    ("regency", pa.int16(), True),
    ("province", pa.int8(), True),
]
#: The Parquet schema of :class:`~adminduk.register.records.ResidentRecord`, column for column.
RECORD_SCHEMA = pa.schema(
    [pa.field(name, kind, nullable=nullable) for name, kind, nullable in _COLUMNS],
    metadata={"adminduk.schema_version": str(RECORD_SCHEMA_VERSION)},
)


def batch_of(rows: list[ResidentRecord]) -> pa.RecordBatch:
    """The rows as one Arrow record batch of :data:`RECORD_SCHEMA`."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(RECORD_SCHEMA)
    return pa.RecordBatch.from_arrays(
        [
            pa.array(column, type=field.type)
            for column, field in zip(columns, RECORD_SCHEMA, strict=True)
        ],
        schema=RECORD_SCHEMA,
    )


def write_parquet(path: Path, batches: Iterable[list[ResidentRecord] | pa.Table]) -> int:
    """Write batches of rows (or tables of :data:`RECORD_SCHEMA`) to ``path``; return the rows.

    Atomically: a temporary name, then a rename; the temporary file is removed if drawing or
    checking a batch fails.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    rows = 0
    try:
        with pq.ParquetWriter(partial, RECORD_SCHEMA, compression="zstd") as writer:
            for batch in batches:
                if isinstance(batch, pa.Table):
                    writer.write_table(batch, row_group_size=BATCH_ROWS)
                    rows += batch.num_rows
                elif batch:
                    writer.write_batch(batch_of(batch))
                    rows += len(batch)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return rows


def batched(
    records: Iterable[ResidentRecord], size: int = BATCH_ROWS
) -> Iterator[list[ResidentRecord]]:
    """``records`` in lists of ``size``."""
    batch: list[ResidentRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@attrs.frozen
class PartFile:
    """One Parquet file of a dataset: its path below the dataset, and how many rows it holds."""

    path: str
    rows: int


@attrs.frozen
class Dataset:
    """A complete national dataset: where it is, the day it describes, and its files.

    ``source`` is ``"synthesized"`` (a national job) or ``"register"`` (an exported register);
    ``seed`` is the synthesis seed (``None`` for a register).
    """

    root: Path
    on: datetime.date
    source: str
    seed: int | None
    files: tuple[PartFile, ...]

    @property
    def residents(self) -> int:
        """How many rows (residents) the dataset holds."""
        return sum(part.rows for part in self.files)

    def paths(self) -> list[str]:
        """The absolute paths of its Parquet files."""
        return [str(self.root / part.path) for part in self.files]


def prepare(root: Path) -> None:
    """Make ``root`` an empty directory for a new dataset; refuse one that holds anything."""
    if root.exists():
        if not root.is_dir():
            raise DatasetError(f"{root} exists and is not a directory")
        if any(root.iterdir()):
            raise DatasetError(f"{root} is not empty; give a new or empty directory")
    root.mkdir(parents=True, exist_ok=True)


def write_manifest(dataset: Dataset) -> None:
    """Write the manifest (last, atomically): from now on the dataset is complete."""
    document = {
        "format": FORMAT,
        "schema_version": RECORD_SCHEMA_VERSION,
        "on": dataset.on.isoformat(),
        "source": dataset.source,
        "seed": dataset.seed,
        "files": [{"path": part.path, "rows": part.rows} for part in dataset.files],
    }
    partial = dataset.root / f".{MANIFEST}.partial"
    partial.write_text(json.dumps(document, indent=1), encoding="utf-8")
    os.replace(partial, dataset.root / MANIFEST)


def _field(document: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = document.get(name)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise DatasetError(f"the manifest's {name!r} is missing or of the wrong type")
    return value


def _inside(root: Path, name: str, folders: set[str]) -> bool:
    """Whether ``name`` is a regular file below ``root`` reached through real folders only.

    A relative path without ``..`` whose folders and file are not links (each folder checked
    once, remembered in ``folders``): a manifest cannot point the reader outside the dataset.
    """
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or "\0" in name:
        return False
    if any(part in ("", ".", "..") for part in parts):
        return False
    try:
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in folders:
                if not stat.S_ISDIR(os.lstat(os.path.join(root, folder)).st_mode):
                    return False
                folders.add(folder)
        return stat.S_ISREG(os.lstat(os.path.join(root, name)).st_mode)
    except (OSError, ValueError):
        return False


def open_dataset(root: str | os.PathLike[str] | Dataset) -> Dataset:
    """The complete dataset at ``root``; :class:`~adminduk.errors.DatasetError` otherwise.

    Refused: no manifest (an unfinished job, or not a dataset), a manifest that is not this
    format or of another schema version, or a file it lists that is missing.
    """
    if isinstance(root, Dataset):
        return root
    path = Path(root)
    manifest = path / MANIFEST
    try:
        text = manifest.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(
            f"{path} is not a complete national dataset (no {MANIFEST}: not a dataset, "
            "or its job did not finish)"
        ) from None
    except OSError as error:
        raise DatasetError(f"cannot read {manifest}: {error.strerror}") from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise DatasetError(f"{manifest} is not JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DatasetError(f"{manifest} is not an adminduk national dataset manifest")
    version = _field(document, "schema_version", int)
    if version != RECORD_SCHEMA_VERSION:
        raise DatasetError(
            f"the dataset has record schema {version}; this adminduk reads schema "
            f"{RECORD_SCHEMA_VERSION}"
        )
    try:
        on = datetime.date.fromisoformat(_field(document, "on", str))
    except ValueError:
        raise DatasetError("the manifest's 'on' is not a date") from None
    seed = document.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise DatasetError("the manifest's 'seed' is not an int")
    files = []
    folders: set[str] = set()
    for entry in _field(document, "files", list):
        if not isinstance(entry, dict):
            raise DatasetError("the manifest lists a file that is not an object")
        name, rows = _field(entry, "path", str), _field(entry, "rows", int)
        if not _inside(path, name, folders):
            raise DatasetError(f"the dataset's file {name[:80]} is missing")
        files.append(PartFile(name, rows))
    return Dataset(path, on, _field(document, "source", str), seed, tuple(files))
