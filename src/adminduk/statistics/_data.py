"""The published 2020 Way Kanan population table, packaged as data (see the .md beside it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from importlib import resources
from typing import Any

#: The printed total row of the published 2020 table (its columns do not add up to it).
WAY_KANAN_2020_PRINTED_TOTAL: Mapping[str, Any] = {
    "name": "Jumlah",
    "male": 246_037,
    "female": 233_665,
    "total": 479_702,
}


def published_way_kanan_2020() -> list[dict[str, Any]]:
    """The published Way Kanan table (DKB semester II 2020), one record per district.

    Keys ``code``, ``name``, ``male``, ``female``, ``total``, as transcribed (the packaged
    ``way-kanan-dkb-2020s2.csv``; its ``.md`` tells the source and the known inconsistencies).
    The printed total row is :data:`WAY_KANAN_2020_PRINTED_TOTAL`.

    >>> rows = published_way_kanan_2020()
    >>> len(rows), rows[0]["name"], rows[0]["total"]
    (14, 'Blambangan Umpu', 70379)
    """
    text = (
        resources.files("adminduk")
        .joinpath("data/way-kanan-dkb-2020s2.csv")
        .read_text(encoding="utf-8")
    )
    return [
        {
            "code": row["district_code"],
            "name": row["district"],
            "male": int(row["male"]),
            "female": int(row["female"]),
            "total": int(row["total"]),
        }
        for row in csv.DictReader(io.StringIO(text))
    ]
