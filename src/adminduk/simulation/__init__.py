"""Synthetic populations and a day-by-day model of an office, both seeded and reproducible.

- :func:`synthesize_population`: a consistent register with realistic families, ages and
  statuses, matching given counts exactly (``population``), or split by the published
  district shares and aged as the 2020 census (:mod:`~adminduk.simulation.tables`, which holds
  those figures with their sources).
- :func:`simulate_office`: applications driven by life events and everyday needs, served by an
  office with limited staff, posted to district offices and collected (``office``).
"""

from adminduk.simulation.office import OfficeDay, OfficeSimulation, simulate_office
from adminduk.simulation.population import synthesize_population

__all__ = ["OfficeDay", "OfficeSimulation", "simulate_office", "synthesize_population"]
