"""What issuing prints: the records of the documents, and the office's numbering of them.

:func:`issued_records` builds the typed records (:mod:`adminduk.register.issued`) of everything
printed when a form is issued, from the register as it stands after the document's register
change (a birth: the certificate, the family's new KK and the child's KIA). The workflows call it
inside the same register transaction and keep the records in the register and on the issue
action.

Document numbers of the certificates and the moving letter follow office formats that adminduk
has not confirmed against SIAK: they are :class:`Numbering` patterns an office replaces. The
family card's number is its KK number; the KTP-el's and the KIA's, the holder's NIK.

>>> import datetime
>>> Numbering.default().number("AKTA-LAHIR", office="18.08", on=datetime.date(2026, 3, 2), serial=7)
'1808-LU-02032026-0007'
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from adminduk._fields import age_on, trusted
from adminduk.codes import Sex
from adminduk.documents._types import document_type
from adminduk.documents._vocabulary import Evidence
from adminduk.documents.details import CorrectionRequest, MoveRequest
from adminduk.documents.form import Form
from adminduk.documents.kia import KIA, KIA_SMALL_CHILD_LIMIT
from adminduk.documents.reports import BirthReport, DeathReport, DivorceReport, MarriageReport
from adminduk.documents.reprinting import margin_note, reprints
from adminduk.errors import InvalidComponent
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Divorce,
    Event,
    KTPElCardUpdated,
    Marriage,
    MoveIn,
    MoveOut,
)
from adminduk.register.family import Family
from adminduk.register.issued import (
    IssuedAktaCerai,
    IssuedAktaKawin,
    IssuedAktaLahir,
    IssuedAktaMati,
    IssuedDocument,
    IssuedKIA,
    IssuedKK,
    IssuedKTPEl,
    IssuedSKPWNI,
    PrintedMember,
)
from adminduk.register.resident import Resident
from adminduk.register.view import RegisterView

__all__ = ["Numbering", "issued_records"]

#: Default patterns (unconfirmed against SIAK: office data). Fields: ``regency`` (the office's
#: code without dots), ``date`` (the day of issue), ``serial`` (that document's count that day).
_DEFAULT_PATTERNS: Mapping[str, str] = {
    "AKTA-LAHIR": "{regency}-LU-{date:%d%m%Y}-{serial:04d}",
    "AKTA-MATI": "{regency}-KM-{date:%d%m%Y}-{serial:04d}",
    "AKTA-KAWIN": "{regency}-KW-{date:%d%m%Y}-{serial:04d}",
    "AKTA-CERAI": "{regency}-KC-{date:%d%m%Y}-{serial:04d}",
    "SKPWNI": "SKPWNI/{regency}/{date:%Y%m%d}/{serial:04d}",
}


@attrs.frozen
class Numbering:
    """An office's patterns for document numbers, by document code.

    Each pattern is a ``str.format`` string with the fields ``regency`` (the office's code
    without dots), ``date`` (the day of issue) and ``serial`` (that document's count that day).
    """

    patterns: Mapping[str, str]

    @classmethod
    def default(cls) -> Numbering:
        """Adminduk's default patterns (unconfirmed: replace them with the office's own)."""
        return cls(dict(_DEFAULT_PATTERNS))

    def number(self, document: str, *, office: str, on: datetime.date, serial: int) -> str:
        """The number of the ``serial``-th document of code ``document`` issued on ``on``."""
        pattern = self.patterns.get(document)
        if pattern is None:
            raise InvalidComponent(f"the office has no numbering pattern for {document}")
        try:
            number = pattern.format(regency=office.replace(".", ""), date=on, serial=serial)
        except (KeyError, IndexError, ValueError) as exc:
            raise InvalidComponent(
                f"the numbering pattern of {document} is unusable: {exc}"
            ) from None
        if not number.strip():
            raise InvalidComponent(f"the numbering pattern of {document} gives an empty number")
        return number


def _member(person: Resident, relationship: object) -> PrintedMember:
    return trusted(
        PrintedMember,
        nik=person.nik,
        name=person.name,
        relationship=relationship,
        sex=person.sex,
        birth_place=person.birth_place,
        birth_date=person.birth_date,
        religion=person.religion,
        marital_status=person.marital_status,
    )


def _who(person: Resident) -> dict[str, Any]:
    """The fields that say who a personal document is about."""
    return {
        "nik": person.nik,
        "name": person.name,
        "sex": person.sex,
        "birth_place": person.birth_place,
        "birth_date": person.birth_date,
    }


class _Printer:
    """Builds the records of one issue from the register as it will be."""

    def __init__(
        self, view: RegisterView, *, office: str, on: datetime.date, numbering: Numbering
    ) -> None:
        self.view, self.office, self.on, self.numbering = view, office, on, numbering
        self.printed: list[IssuedDocument] = []

    def person(self, number: str | None) -> Resident:
        found = self.view.find_resident(number)
        if found is None:
            raise InvalidComponent("the document names someone the register does not hold")
        return found

    def number(self, document: str) -> str:
        serial = self.view.issued_count(document, self.on) + 1
        serial += sum(1 for record in self.printed if record.document == document)
        return self.numbering.number(document, office=self.office, on=self.on, serial=serial)

    def common(self, number: str, holders: Sequence[str]) -> dict[str, object]:
        return {
            "number": number,
            "issued_on": self.on,
            "office": self.office,
            "holders": tuple(holders),
        }

    def add(self, record: IssuedDocument) -> None:
        self.printed.append(record)

    def family_card(self, family: Family) -> None:
        members = tuple(_member(self.person(m.nik), m.relationship) for m in family.members)
        self.add(
            trusted(
                IssuedKK,
                **self.common(family.number, [m.nik for m in members]),
                address=family.address,
                members=members,
            )
        )

    def family_of(self, *people: str | None) -> Family | None:
        for number in people:
            family = self.view.find_family(self.view.family_number_of(number))
            if family is not None:
                return family
        return None

    def ktp_el(self, person: Resident) -> None:
        family = self.family_of(person.nik)
        if family is None:
            raise InvalidComponent(
                "a KTP-el prints the holder's address: the holder has no family"
            )
        self.add(
            trusted(
                IssuedKTPEl,
                **self.common(person.nik, [person.nik]),
                **_who(person),
                religion=person.religion,
                marital_status=person.marital_status,
                occupation=person.occupation,
                citizenship=person.citizenship,
                address=family.address,
            )
        )

    def kia(self, person: Resident, variant: str) -> None:
        family = self.family_of(person.nik)
        if family is None:
            raise InvalidComponent("a KIA prints the child's KK number: the child has no family")
        head = self.person(family.head)
        self.add(
            trusted(
                IssuedKIA,
                **self.common(person.nik, [person.nik]),
                **_who(person),
                family_number=family.number,
                head_name=head.name,
                valid_until=KIA.valid_until(person.birth_date, variant, on=self.on),
            )
        )

    def couple(
        self,
        kind: type[IssuedAktaKawin | IssuedAktaCerai],
        husband: str,
        wife: str,
        occurred_on: datetime.date | None,
        **printed: Any,
    ) -> None:
        him, her = self.person(husband), self.person(wife)
        self.add(
            trusted(
                kind,
                **self.common(self.number(kind.document), [husband, wife]),
                husband=husband,
                husband_name=him.name,
                wife=wife,
                wife_name=her.name,
                occurred_on=occurred_on,
                **printed,
            )
        )


def _event(applied: Sequence[Event], kind: type[Event]) -> Event | None:
    return next((event for event in applied if isinstance(event, kind)), None)


def issued_records(
    form: Form,
    view: RegisterView,
    applied: Sequence[Event] = (),
    *,
    on: datetime.date,
    office: str,
    numbering: Numbering | None = None,
) -> tuple[IssuedDocument, ...]:
    """The records of every document printed when ``form`` is issued on ``on`` by ``office``.

    ``view`` is the register after the document's register change, ``applied`` the events that
    change applied (a birth's allocated NIK is read from it).

    >>> import datetime
    >>> from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry
    >>> on = datetime.date(2026, 3, 2)
    >>> [record] = issued_records(sample_form("KK", "lost", on=on), sample_registry(),
    ...                           on=on, office="18.08")
    >>> record.document, [member.relationship.label for member in record.members]
    ('KK', ['Kepala Keluarga', 'Istri', 'Anak'])
    """
    printer = _Printer(view, office=office, on=on, numbering=numbering or Numbering.default())
    _BUILDERS[form.document](printer, form, applied)
    # Perpres 96/2018, Permendagri 108/2019: every change of a family's members, or of their data
    # printed on the card, reissues its KK, whoever filed the form (Pasal 27, 34, 40, 44 UU
    # 24/2013 for births, marriages, divorces and deaths).
    seen = {record.number for record in printer.printed if isinstance(record, IssuedKK)}
    for number in view.changed_families():
        family = view.find_family(number)
        if family is not None and number not in seen:
            seen.add(number)
            printer.family_card(family)
    changes = [event for event in applied if not isinstance(event, KTPElCardUpdated)]
    if changes and "KIA" in document_type(form.document).issued_with:
        birth = _event(changes, Birth)  # a newborn's card (Pasal 27; Permendagri 2/2016)
        if isinstance(birth, Birth):
            child = printer.person(birth.nik)
            small = age_on(child.birth_date, on) < KIA_SMALL_CHILD_LIMIT
            printer.kia(child, "under_5" if small else "5_to_17")
    return tuple(printer.printed)


def _kk(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    family = printer.family_of(form.subject, form.applicant, form.partner)
    if family is None:
        raise InvalidComponent("a family card is printed for a family in the register")
    printer.family_card(family)


def _ktp_el(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    printer.ktp_el(printer.person(form.subject))


def _kia(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    printer.kia(printer.person(form.subject), form.variant)


def _skpwni(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    move = _event(applied, MoveOut) or _event(applied, MoveIn)
    if isinstance(move, MoveOut):  # the letter's number is the one the move recorded
        number, movers, origin, destination = (
            move.skpwni,
            move.niks,
            printer.office,
            move.destination,
        )
    elif isinstance(move, MoveIn):
        movers = tuple(r.nik for r in move.residents)
        number, origin, destination = move.skpwni, move.origin, printer.office
    else:  # a second copy: the subject's own letter
        subject = printer.person(form.subject).nik
        asked = form.details.destination if isinstance(form.details, MoveRequest) else None
        movers, origin, destination = (subject,), printer.office, asked or ""
        number = printer.number("SKPWNI")
    printer.add(
        trusted(
            IssuedSKPWNI,
            **printer.common(number, movers),
            movers=movers,
            origin=origin,
            destination=destination or "-",
            reason=form.details.reason if isinstance(form.details, MoveRequest) else None,
        )
    )


def _akta_lahir(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    birth = _event(applied, Birth)
    child = printer.person(birth.nik if isinstance(birth, Birth) else form.subject)
    reported = form.reported_on or printer.on
    deadline = datetime.timedelta(days=60)  # Pasal 27 UU 24/2013
    printer.add(
        trusted(
            IssuedAktaLahir,
            **printer.common(printer.number("AKTA-LAHIR"), [child.nik]),
            **_who(child),
            mother_name=child.mother_name,
            father_name=child.father_name,
            # Perpres 96/2018: SPTJM F-2.04 in place of the marriage proof: the certificate names
            # the parents' marriage as not registered.
            parents_marriage_registered=Evidence.MARRIAGE_PROOF in form.evidence
            or Evidence.SPTJM_PARENTS_MARRIAGE not in form.evidence,
            late=isinstance(birth, Birth) and reported - child.birth_date > deadline,
            birth_order=form.details.birth_order
            if isinstance(form.details, BirthReport)
            else None,
        )
    )


def _akta_mati(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    person = printer.person(form.subject)
    # Recorded by the Death the certificate applies; for an unknown identity (no register
    # change) the day the form gives, else the day of issue.
    died_on = person.death_date or form.event_date or printer.on
    printer.add(
        trusted(
            IssuedAktaMati,
            **printer.common(printer.number("AKTA-MATI"), [person.nik]),
            nik=person.nik,
            name=person.name,
            died_on=died_on,
            place=form.details.death_place if isinstance(form.details, DeathReport) else "",
        )
    )


def _couple_from(
    form: Form, applied: Sequence[Event], kind: type[Event]
) -> tuple[str, str, datetime.date | None]:
    event = _event(applied, kind)
    if isinstance(event, Marriage | Divorce):
        return event.husband, event.wife, event.occurred_on
    if form.subject is None or form.partner is None:
        raise InvalidComponent("a marriage or divorce certificate names both spouses")
    return form.subject, form.partner, form.event_date


def _pair(printer: _Printer, husband: str, wife: str) -> tuple[str, str]:
    """Husband first, whichever order the form named them in."""
    if printer.person(husband).sex is Sex.FEMALE:
        return wife, husband
    return husband, wife


def _akta_kawin(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    husband, wife, day = _couple_from(form, applied, Marriage)
    report = form.details
    printed: dict[str, Any] = {}
    if isinstance(report, MarriageReport):  # F-2.12: where, by which rite, before whom
        printed = {
            "place": report.place,
            "religion": report.religion,
            "officiant": report.officiant,
        }
    printer.couple(IssuedAktaKawin, *_pair(printer, husband, wife), day, **printed)


def _akta_cerai(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    husband, wife, day = _couple_from(form, applied, Divorce)
    report = form.details
    printed: dict[str, Any] = {}
    if isinstance(report, DivorceReport):  # the court and its decision
        printed = {"court": report.court, "decision_number": report.decision_number}
    printer.couple(IssuedAktaCerai, *_pair(printer, husband, wife), day, **printed)


def _perbaikan_data(printer: _Printer, form: Form, applied: Sequence[Event]) -> None:
    """A correction reprints what it changed; an annulment prints nothing (it withdraws)."""
    correction = _event(applied, DataCorrection)
    if not isinstance(correction, DataCorrection):
        return
    reason = form.details.reason if isinstance(form.details, CorrectionRequest) else ""
    note = margin_note(correction, route=form.variant, reason=reason)
    for record in reprints(
        printer.view, correction.nik, on=printer.on, office=printer.office, note=note
    ):
        printer.add(record)


_BUILDERS = {
    "KK": _kk,
    "KTP-el": _ktp_el,
    "KIA": _kia,
    "SKPWNI": _skpwni,
    "AKTA-LAHIR": _akta_lahir,
    "AKTA-MATI": _akta_mati,
    "AKTA-KAWIN": _akta_kawin,
    "AKTA-CERAI": _akta_cerai,
    "PERBAIKAN-DATA": _perbaikan_data,
}
