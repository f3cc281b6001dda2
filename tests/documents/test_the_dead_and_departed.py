"""No identity document, marriage, divorce or move for the dead or the departed.

Pasal 44 UU 24/2013 (a death ends the person's register entry) and Pasal 25 Perpres 96/2018 (a
resident who moved out is on another regency's register): the checker reports it at filing, as
a blocking finding with its basis, so verification refuses it; the survivor of a death is
widowed (cerai mati).
"""

from __future__ import annotations

import datetime

import attrs

from adminduk import Registry, check
from adminduk.codes import MaritalStatus
from adminduk.documents import Evidence, FindingKind, Form
from adminduk.register.events import Death, MoveOut
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import SIAP_MENIKAH as M
from adminduk.samples import sample_form, sample_registry

D = datetime.date
DIED = D(2026, 1, 10)
ON = D(2026, 3, 2)


def _with(event: Death | MoveOut) -> Registry:
    registry = sample_registry()
    registry.apply(event)
    return registry


def _blocked(form: Form, registry: Registry, code: str) -> None:
    report = check(form, registry, on=ON)
    assert code in report.codes, report.codes
    finding = next(f for f in report.findings if f.code == code)
    assert finding.kind is FindingKind.INELIGIBLE
    assert "Pasal 44 UU 24/2013" in finding.basis
    assert not report.ok


def test_no_replacement_ktp_el_for_a_dead_man() -> None:
    """A lost KTP-el for a dead resident, with the police letter and his KK: refused at filing."""
    registry = _with(Death(occurred_on=DIED, recorded_on=DIED, nik=S.head))
    form = sample_form("KTP-el", "lost", on=ON).with_evidence(Evidence.POLICE_LETTER, Evidence.KK)
    _blocked(form, registry, "ktp-el.alive")


def test_no_marriage_for_a_dead_single_man() -> None:
    """A marriage application for a groom who died: refused at filing."""
    registry = _with(Death(occurred_on=DIED, recorded_on=DIED, nik=M.groom))
    _blocked(sample_form("AKTA-KAWIN", on=ON), registry, "akta-kawin.alive")


def test_no_moving_letter_for_the_dead() -> None:
    """A moving letter for a dead resident: refused at filing."""
    registry = _with(Death(occurred_on=DIED, recorded_on=DIED, nik=S.head))
    _blocked(sample_form("SKPWNI", on=ON), registry, "skpwni.alive")


def test_no_ktp_el_for_a_resident_who_moved_out() -> None:
    """A KTP-el replacement for someone who moved out of the regency: refused at filing."""
    registry = _with(
        MoveOut(
            occurred_on=DIED,
            recorded_on=DIED,
            niks=(M.groom,),
            destination="31.71",
            skpwni="SKPWNI/1808/0001",
        )
    )
    form = attrs.evolve(sample_form("KTP-el", "lost", on=ON), subject=M.groom, applicant=M.groom)
    _blocked(form, registry, "ktp-el.alive")


def test_the_survivor_of_a_death_is_widowed() -> None:
    """The spouse of who died is cerai mati, and no longer linked as married."""
    registry = _with(Death(occurred_on=DIED, recorded_on=DIED, nik=S.head))
    assert MaritalStatus.WIDOWED is registry.resident(S.wife).marital_status
    assert registry.find_spouse(S.wife) is None


def test_the_living_are_served_and_a_death_is_still_registered() -> None:
    """The rule does not touch the living, nor the death certificate of who died."""
    registry = sample_registry()
    assert "ktp-el.alive" not in check(sample_form("KTP-el", "lost", on=ON), registry, on=ON).codes
    dead = _with(Death(occurred_on=DIED, recorded_on=DIED, nik=S.head))
    form = attrs.evolve(sample_form("AKTA-MATI", on=ON), event_date=DIED)
    assert not any(code.endswith(".alive") for code in check(form, dead, on=ON).codes)
