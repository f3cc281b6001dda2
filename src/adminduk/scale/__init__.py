"""National scale: a synthetic country as a partitioned Dask job, tabulated by DuckDB.

Needs the optional extra: ``pip install 'adminduk[scale]'`` (Dask distributed, PyArrow,
DuckDB). The rest of adminduk never imports this package.

- :func:`synthesize` cuts the country (or provinces, or regencies) into partitions of at most
  ``partition_size`` residents (:func:`adminduk.simulation.plan_partitions`) and runs one Dask
  task per partition, on a local cluster or on any scheduler by address; each task streams its
  families into a Parquet file (``province=PP/<first partition>--<last>.parquet``) of flat
  records (:class:`adminduk.register.ResidentRecord`), and the manifest ``_dataset.json`` is
  written last. ``engine="columnar"`` draws each piece column-wise with numpy instead
  (:func:`draw_columns`), with the register's rules checked on the columns
  (:func:`check_columns`).
- :func:`export_register` writes a real register's records in the same layout.
- :func:`population_table`, :func:`ktp_el_coverage` and :func:`age_pyramid` are DuckDB SQL
  over a dataset, returning the table types of :mod:`adminduk.statistics`.

>>> import tempfile, pathlib
>>> from adminduk.simulation import synthesize_population
>>> registry = synthesize_population("18.08", seed=1, counts={"18.08.01": (60, 40)})
>>> out = pathlib.Path(tempfile.mkdtemp()) / "way-kanan"
>>> dataset = export_register(registry, out)
>>> table = population_table(dataset, "18.08", by="district")
>>> table.rows[0].name, table.rows[0].male, table.rows[0].female
('Blambangan Umpu', 60, 40)
"""

from __future__ import annotations

from adminduk.errors import require_extra

require_extra("adminduk.scale", "scale", "distributed", "duckdb", "pyarrow", "numpy")

from adminduk.scale._checks import check_columns
from adminduk.scale._columnar import TooFewAdults, draw_columns
from adminduk.scale._dataset import RECORD_SCHEMA, Dataset, PartFile, open_dataset
from adminduk.scale._job import (
    ENGINES,
    Engine,
    PartitionResult,
    Progress,
    export_register,
    partition_records,
    synthesize,
    tasks_of,
    write_partitions,
)
from adminduk.scale._tables import age_pyramid, connect, ktp_el_coverage, population_table

__all__ = [
    "ENGINES",
    "RECORD_SCHEMA",
    "Dataset",
    "Engine",
    "PartFile",
    "PartitionResult",
    "Progress",
    "TooFewAdults",
    "age_pyramid",
    "check_columns",
    "connect",
    "draw_columns",
    "export_register",
    "ktp_el_coverage",
    "open_dataset",
    "partition_records",
    "population_table",
    "synthesize",
    "tasks_of",
    "write_partitions",
]
