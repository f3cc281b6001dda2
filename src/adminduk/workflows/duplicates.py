"""At filing: a birth report's child compared with the register before verification (NIK ganda).

An office that checks (``Office(check_duplicates=True)``) compares the child of a birth report
with the register (:func:`adminduk.matching.likely_duplicates`) before the application is
verified. The candidates are for the officer, never the resident (:meth:`Office.likely_duplicates
<adminduk.workflows.Office.likely_duplicates>`); the officer decides, and the history keeps it:

- the same person: reject the application with the reason (the child is registered under the
  candidate's NIK; their documents are reprinted instead of a second NIK being made);
- different people: verify, attesting :attr:`~adminduk.documents.Evidence.NOT_A_DUPLICATE`,
  with the reason (the verification action records who judged, when and why).

Only the birth report names a new person's data (name, sex, date and place of birth, mother);
an arrival and a first KK name residents by their NIKs, which the register already checks.
"""

from __future__ import annotations

from adminduk.documents import BirthReport, Evidence, Form
from adminduk.errors import GuardFailed
from adminduk.matching import Candidate, Person, likely_duplicates
from adminduk.register.registry import Registry

__all__ = ["filed_person", "judge_duplicates", "likely_duplicates_of"]


def filed_person(form: Form, registry: Registry) -> Person | None:
    """The person a form would add to the register (a birth report's child), if it adds one."""
    details = form.details
    if not isinstance(details, BirthReport) or form.event_date is None:
        return None
    mother = registry.find_resident(form.subject)
    return Person(
        name=details.child_name,
        sex=details.child_sex,
        birth_date=form.event_date,
        birth_place=details.birth_place,
        mother_name="" if mother is None else mother.name,
    )


def likely_duplicates_of(form: Form, registry: Registry) -> tuple[Candidate, ...]:
    """Residents who may be the person ``form`` would add (none when it adds nobody)."""
    person = filed_person(form, registry)
    return () if person is None else likely_duplicates(registry, person)


def judge_duplicates(form: Form, registry: Registry) -> None:
    """Refuse to go on while likely duplicates are not judged (see the module's notes)."""
    if Evidence.NOT_A_DUPLICATE in form.attested:
        return
    found = likely_duplicates_of(form, registry)
    if found:
        raise GuardFailed(
            f"{len(found)} resident(s) may be the person this form would register: an officer "
            "judges them first (the same person: reject with the NIK they hold; different: "
            f"verify attesting {Evidence.NOT_A_DUPLICATE.value!r} with the reason)",
            guard="duplicates-judged",
        )
