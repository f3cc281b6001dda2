"""The population register: residents, families, addresses, life events and the register's rules.

Layer 3 of adminduk (above errors, codes, regions and identifiers; below documents). Everything a
caller needs is re-exported here and from :mod:`adminduk`:

- the records: :class:`Resident`, :class:`Family`, :class:`Membership`, :class:`Address`;
- the life events (:mod:`adminduk.register.events`): births, deaths, marriages, moves, ...;
- the rules (:data:`RULES`), each with its text, its basis and the code that checks it;
- :class:`Registry`, the register itself, with lookups that raise (``resident``) and lookups
  that answer ``None`` (``find_resident``, ``family_number_of``) for callers writing rules.

>>> from adminduk.register import RULES
>>> RULES["one-head"].text
'a family has exactly one head (SHDK 1)'
"""

from adminduk.register import events
from adminduk.register.address import Address
from adminduk.register.family import Family, Membership
from adminduk.register.records import RECORD_FIELDS, RECORD_SCHEMA_VERSION, ResidentRecord
from adminduk.register.registry import Registry
from adminduk.register.resident import KTP_EL_AGE, Resident, ktp_el_birth_limit
from adminduk.register.rules import RULES, Rule
from adminduk.register.state import RegisterState, registry_from_state, state_of

__all__ = [
    "KTP_EL_AGE",
    "RECORD_FIELDS",
    "RECORD_SCHEMA_VERSION",
    "RULES",
    "Address",
    "Family",
    "Membership",
    "RegisterState",
    "Registry",
    "Resident",
    "ResidentRecord",
    "Rule",
    "events",
    "ktp_el_birth_limit",
    "registry_from_state",
    "state_of",
]
