"""Finding the same person twice ("NIK ganda"): names in standard form, records compared.

- :mod:`~adminduk.matching.names`: Indonesian names in a standard spelling (EYD, Muhammad/M.,
  Siti/Sity, Nur/Noor);
- :mod:`~adminduk.matching.similarity`: Jaro-Winkler;
- :mod:`~adminduk.matching.compare`: two records compared field by field, the evidence weighed
  (Fellegi-Sunter), with an explanation an officer can read;
- :mod:`~adminduk.matching.filing`: the residents a new filing may duplicate.

Across a whole register or a national dataset, :mod:`adminduk.linkage` (the ``linkage`` extra)
runs the same comparisons in Splink on DuckDB. A decision that two records are one person is
applied with :class:`~adminduk.register.events.DuplicateMerged`.
"""

from adminduk.matching.compare import (
    LEVELS,
    NAME_SIMILAR,
    PART_SIMILAR,
    PLACE_SIMILAR,
    REVIEW_WEIGHT,
    Agreement,
    Comparison,
    Level,
    Person,
    compare,
    may_reach,
)
from adminduk.matching.filing import Candidate, arrivals_duplicates, likely_duplicates, person_of
from adminduk.matching.names import COMMON_PARTS, NAME_PARTS, SPELLINGS, name_parts, standard_name
from adminduk.matching.similarity import jaro, jaro_winkler, one_edit_apart

__all__ = [
    "COMMON_PARTS",
    "LEVELS",
    "NAME_PARTS",
    "NAME_SIMILAR",
    "PART_SIMILAR",
    "PLACE_SIMILAR",
    "REVIEW_WEIGHT",
    "SPELLINGS",
    "Agreement",
    "Candidate",
    "Comparison",
    "Level",
    "Person",
    "arrivals_duplicates",
    "compare",
    "jaro",
    "jaro_winkler",
    "likely_duplicates",
    "may_reach",
    "name_parts",
    "one_edit_apart",
    "person_of",
    "standard_name",
]
