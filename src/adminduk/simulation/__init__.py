"""Synthetic populations and a day-by-day model of an office, both seeded and reproducible.

- :func:`synthesize_population`: a consistent register with realistic families, ages and
  statuses, matching given counts exactly (``population``), or split by the published
  district shares and aged as the 2020 census (:mod:`~adminduk.simulation.tables`, which holds
  those figures with their sources).
- :func:`plan_partitions` and :func:`synthesize_partition`: a country (or provinces, or
  regencies) cut into pieces of bounded size, each streamed family by family from its own
  seed, together one consistent register (``partitions``; the national job of
  :mod:`adminduk.scale` runs them).
- :func:`simulate_office`: applications driven by life events and everyday needs, served by an
  office with limited staff, posted to district offices and collected (``office``);
  :func:`plan_staff`: the smallest staffing of its desks and hand-over roles that meets a
  service level (``staffing``), each role working its own week (``hours``).
"""

from adminduk.simulation.hours import OFFICE_WEEK, WorkingHours
from adminduk.simulation.office import OfficeDay, OfficeSimulation, simulate_office
from adminduk.simulation.partitions import Partition, plan_partitions, synthesize_partition
from adminduk.simulation.population import synthesize_population
from adminduk.simulation.staffing import (
    Staffing,
    StaffPlan,
    estimate_throughput,
    handover_level,
    plan_staff,
    run_level,
    service_level,
)

__all__ = [
    "OFFICE_WEEK",
    "OfficeDay",
    "OfficeSimulation",
    "Partition",
    "StaffPlan",
    "Staffing",
    "WorkingHours",
    "estimate_throughput",
    "handover_level",
    "plan_partitions",
    "plan_staff",
    "run_level",
    "service_level",
    "simulate_office",
    "synthesize_partition",
    "synthesize_population",
]
