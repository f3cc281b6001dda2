"""Hypothesis strategies for adminduk's values (needs the ``testing`` extra).

Every strategy is a plural noun, takes keyword-only arguments, accepts a strategy where a value
would compose, raises :class:`hypothesis.errors.InvalidArgument` for bad arguments, and generates
only values that pass adminduk's own validation. By layer:

- identifiers: :func:`region_codes`, :func:`niks`, :func:`kk_numbers`;
- people, families and registers: :func:`names`, :func:`addresses`, :func:`residents`,
  :func:`family_registrations`, :func:`families`, :func:`registries`;
- events: :func:`life_events`; issued documents: :func:`issued_records`;
- forms and applications: :func:`forms`, :func:`applications_in`, :func:`form_details` (a
  form's typed part), :func:`correction_requests`, :func:`answers` (a resident's answers to a
  described form), :func:`field_values`.

>>> from hypothesis import find
>>> find(niks(), lambda number: True)
'1101010101000001'
"""

from adminduk.strategies._applications import applications_in, forms
from adminduk.strategies._details import answers, correction_requests, field_values, form_details
from adminduk.strategies._events import life_events
from adminduk.strategies._identifiers import kk_numbers, niks, region_codes
from adminduk.strategies._issued import issued_records
from adminduk.strategies._people import (
    addresses,
    families,
    family_registrations,
    names,
    registries,
    residents,
)

__all__ = [
    "addresses",
    "answers",
    "applications_in",
    "correction_requests",
    "families",
    "family_registrations",
    "field_values",
    "form_details",
    "forms",
    "issued_records",
    "kk_numbers",
    "life_events",
    "names",
    "niks",
    "region_codes",
    "registries",
    "residents",
]
