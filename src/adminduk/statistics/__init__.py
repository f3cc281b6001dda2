"""Tables an office and its analysts publish: population, KTP-el coverage, families, service.

Every function reads a register or a list of applications and returns plain, immutable rows;
``to_records()`` gives dicts that pandas or polars take as they are (adminduk depends on
neither), and ``render()`` prints the published layout with an Indonesian decimal comma
(``7,54``) or an English point. By section: population tables, the published 2020 table
and its audit, KTP-el coverage (with families and ages), and service metrics.

>>> from adminduk.simulation import synthesize_population
>>> from adminduk.statistics import population_table
>>> registry = synthesize_population("18.08", seed=1, counts={"18.08.01": (60, 40),
...                                                           "18.08.02": (50, 50)})
>>> table = population_table(registry, "18.08")
>>> [(row.name, row.male, row.female, row.total, row.total_pct) for row in table.rows][:2]
[('Blambangan Umpu', 60, 40, 100, Decimal('50.00')), ('Kasui', 50, 50, 100, Decimal('50.00'))]
>>> print(table.render().splitlines()[-1])
| Jumlah | 110 | 55,00 | 90 | 45,00 | 200 | 100,00 |
"""

from adminduk.statistics._audit import Discrepancy, audit_table
from adminduk.statistics._balance import (
    BalanceRow,
    CoverageGrowth,
    coverage_growth,
    monthly_balances,
    replayed_to,
)
from adminduk.statistics._common import (
    Level,
    format_number,
    percentage,
    region_name,
    regions_of,
)
from adminduk.statistics._coverage import (
    AgeBand,
    CoverageRow,
    FamilyRow,
    age_pyramid,
    family_table,
    ktp_el_coverage,
)
from adminduk.statistics._data import WAY_KANAN_2020_PRINTED_TOTAL, published_way_kanan_2020
from adminduk.statistics._outreach import (
    OutreachCase,
    VillageList,
    Visit,
    outreach_list,
    plan_visits,
    visits_effect,
)
from adminduk.statistics._population import PopulationRow, PopulationTable, population_table
from adminduk.statistics._service import (
    DeskQueue,
    ServiceMetrics,
    Timeliness,
    desk_queues,
    registration_timeliness,
    service_metrics,
    waiting_for,
)

__all__ = [
    "WAY_KANAN_2020_PRINTED_TOTAL",
    "AgeBand",
    "BalanceRow",
    "CoverageGrowth",
    "CoverageRow",
    "DeskQueue",
    "Discrepancy",
    "FamilyRow",
    "Level",
    "OutreachCase",
    "PopulationRow",
    "PopulationTable",
    "ServiceMetrics",
    "Timeliness",
    "VillageList",
    "Visit",
    "age_pyramid",
    "audit_table",
    "coverage_growth",
    "desk_queues",
    "family_table",
    "format_number",
    "ktp_el_coverage",
    "monthly_balances",
    "outreach_list",
    "percentage",
    "plan_visits",
    "population_table",
    "published_way_kanan_2020",
    "region_name",
    "regions_of",
    "registration_timeliness",
    "replayed_to",
    "service_metrics",
    "visits_effect",
    "waiting_for",
]
