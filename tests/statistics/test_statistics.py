"""Statistics: the population table and its audit, coverage, families, ages, service metrics."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs
import pytest

from adminduk import Registry, regions
from adminduk.applications import Actor, Role, Status
from adminduk.documents import Delivery
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register.events import KTPElRecorded
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.simulation import synthesize_population
from adminduk.statistics import (
    WAY_KANAN_2020_PRINTED_TOTAL,
    age_pyramid,
    audit_table,
    family_table,
    ktp_el_coverage,
    percentage,
    population_table,
    published_way_kanan_2020,
    registration_timeliness,
    service_metrics,
)
from adminduk.workflows import Office
from tests.paths import ROOT, SHARED

END_2020 = datetime.date(2020, 12, 31)


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not beside the repo")
def test_the_packaged_table_is_the_shared_one() -> None:
    """The packaged table is the shared one."""
    packaged = ROOT / "src" / "adminduk" / "data"
    for name in ("way-kanan-dkb-2020s2.csv", "way-kanan-dkb-2020s2.md"):
        assert (SHARED / name).read_bytes() == (packaged / name).read_bytes()


def test_audit_of_the_table_as_printed_finds_exactly_the_published_inconsistencies() -> None:
    """Audit of the table as printed finds exactly the published inconsistencies."""
    found = audit_table(published_way_kanan_2020(), total=WAY_KANAN_2020_PRINTED_TOTAL)
    assert [
        ("row-sum", "Kasui", "total", 32_775, 32_771),
        ("row-sum", "Bahuga", "total", 11_748, 11_747),
        ("row-sum", "Way Tuba", "total", 25_689, 25_686),
        ("column-sum", "Jumlah", "male", 246_037, 246_034),
        ("column-sum", "Jumlah", "female", 233_665, 233_660),
    ] == [(d.kind, d.row, d.column, int(d.printed), int(d.expected)) for d in found]


def test_negara_batins_misprint_is_caught_by_its_percentage_and_the_column_sum() -> None:
    """Printed 35.255 with 7,56 %: the percentage and the column both need 36,255."""
    rows = published_way_kanan_2020()
    for row in rows:
        row["total_pct"] = float(percentage(row["total"], 479_702))
        if row["name"] == "Negara Batin":
            row["total"] = 35_255
    found = {
        (d.kind, d.row, d.column) for d in audit_table(rows, total=WAY_KANAN_2020_PRINTED_TOTAL)
    }
    assert ("row-sum", "Negara Batin", "total") in found
    assert ("percentage", "Negara Batin", "total_pct") in found
    assert ("column-sum", "Jumlah", "total") in found


def test_audit_refuses_malformed_records() -> None:
    """Audit refuses malformed records."""
    with pytest.raises(InvalidFormat, match="whole number"):
        audit_table(
            [{"name": "A", "male": "5", "female": 1, "total": 6}],
            total={"name": "J", "male": 5, "female": 1, "total": 6},
        )
    with pytest.raises(InvalidFormat, match="total row"):
        audit_table([{"name": "A", "male": 5, "female": 1, "total": 6}])
    rows = [
        {"name": "A", "male": 5, "female": 1, "total": 6},
        {"name": "Jumlah", "male": 5, "female": 1, "total": 6},
    ]
    assert [] == audit_table(rows)


@pytest.fixture(scope="module")
def rebuilt_2020() -> Registry:
    """One synthetic person for every counted person of the published male and female columns."""
    counts = {row["code"]: (row["male"], row["female"]) for row in published_way_kanan_2020()}
    return synthesize_population("18.08", seed=2020, counts=counts, on=END_2020)


def test_the_2020_table_rebuilt_person_by_person(rebuilt_2020: Registry) -> None:
    """The 2020 table rebuilt person by person."""
    published = published_way_kanan_2020()
    assert 479_694 == len(rebuilt_2020.residents())
    table = population_table(rebuilt_2020, "18.08", on=END_2020)
    assert [row["code"] for row in published] == [row.code for row in table.rows]
    for row, printed in zip(table.rows, published, strict=True):
        assert (printed["name"], printed["male"], printed["female"]) == (
            row.name,
            row.male,
            row.female,
        )
        assert row.total == row.male + row.female
        assert row.total_pct == percentage(row.total, 479_694)
    assert (246_034, 233_660, 479_694) == (table.total.male, table.total.female, table.total.total)
    assert [] == audit_table(table.to_records())
    text = table.render()
    assert "| Blambangan Umpu | 36.161 | 7,54 | 34.218 | 7,13 | 70.379 | 14,67 |" in text
    assert "| Total | 246,034 | 51.29 | 233,660 | 48.71 | 479,694 | 100.00 |" in table.render(
        lang="en"
    )


def test_population_table_as_of_a_date_and_by_village() -> None:
    """Population table as of a date and by village."""
    registry = synthesize_population("18.08.15", seed=4, counts={"18.08.15": (30, 25)})
    later = Registry.replay(registry.journal, area=registry.area)
    before = population_table(later, "18.08.15", by="village", on=datetime.date(2025, 12, 31))
    assert 0 == before.total.total, "nobody was registered before 2026"
    now = population_table(later, "18.08.15", by="village")
    assert 55 == now.total.total
    assert len(regions.children("18.08.15")) == len(now.rows)
    with pytest.raises(InvalidComponent, match="by must be"):
        population_table(registry, "18.08", by="kota")  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent, match="no regencies below"):
        population_table(registry, "18.08", by="regency")
    with pytest.raises(InvalidComponent, match="no villages below"):
        population_table(registry, "18.08.15.2001", by="village")
    with pytest.raises(InvalidFormat):
        population_table("registry", "18.08")  # type: ignore[arg-type]


def test_ktp_el_coverage_families_and_ages() -> None:
    """KTP-el coverage families and ages; the recorded count is of people actually recorded."""
    registry = sample_registry()
    on = datetime.date(2026, 3, 2)
    registry.apply(KTPElRecorded(occurred_on=on, recorded_on=on, nik=SIAP_KELUARGA.head))
    coverage = {row.code: row for row in ktp_el_coverage(registry, "18.08", on=on)}
    everyone = [r for r in registry.residents() if r.must_hold_ktp_el(on)]
    assert len(everyone) == sum(row.required for row in coverage.values())
    recorded = sum(r.ktp_el_status.is_recorded for r in everyone)
    assert 1 == recorded == sum(row.recorded for row in coverage.values())
    assert Decimal("0.00") == coverage["18.08.02"].coverage  # nobody lives there
    families = {row.code: row for row in family_table(registry, "18.08")}
    assert (1, 3, Decimal("3.00")) == (
        families["18.08.01"].families,
        families["18.08.01"].members,
        families["18.08.01"].average_size,
    )
    assert (2, Decimal("1.00")) == (
        families["18.08.04"].families,
        families["18.08.04"].average_size,
    )
    pyramid = age_pyramid(registry, on=on)
    assert 5 == sum(band.male + band.female for band in pyramid)
    assert "75+" == pyramid[-1].label
    assert "10-14" == pyramid[2].label
    assert 1 == pyramid[2].female  # the daughter, 11
    assert 0 == sum(b.male + b.female for b in age_pyramid(registry, "18.08.02", on=on))
    with pytest.raises(InvalidComponent):
        age_pyramid(registry, on=on, width=4, top=75)


def test_service_metrics_from_histories() -> None:
    """Service metrics from histories."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    staff = {actor.role: actor for actor in office.staff}
    start = datetime.datetime(2026, 3, 2, 8)
    on = start.date()

    def at(hours: float) -> datetime.datetime:
        return start + datetime.timedelta(hours=hours)

    resident = Actor.resident(sample_form("KK", on=on).subject or "")
    quick = office.submit(sample_form("KK", "lost", on=on), actor=resident, at=at(0))
    quick = office.verify(quick, actor=staff[Role.FRONT_OFFICE], at=at(1))
    quick = office.issue(quick, actor=staff[Role.REGISTRAR], at=at(2))
    quick = office.collect(
        quick, actor=staff[Role.FRONT_OFFICE], at=at(4), collector=quick.form.subject
    )
    slow = office.submit(
        attrs.evolve(
            sample_form("KIA", on=on, complete=False),
            channel=sample_form("KIA", on=on).channel,
        ),
        actor=resident,
        at=at(0),
    )
    slow = office.send_back(slow, actor=staff[Role.FRONT_OFFICE], at=at(1))
    slow = office.resubmit(
        slow, actor=resident, at=at(100), evidence=sample_form("KIA", on=on).evidence
    )
    slow = office.verify(slow, actor=staff[Role.FRONT_OFFICE], at=at(101))
    slow = office.issue(slow, actor=staff[Role.REGISTRAR], at=at(500))  # after its due date
    metrics = service_metrics(office.applications.values())
    assert 2 == metrics.applications
    assert {on: {"whatsapp": 2}} == dict(metrics.per_day)
    assert 1.0 == metrics.online_share
    assert 0.5 == metrics.compliance
    assert 0.5 == metrics.first_time_complete
    assert 0.5 == metrics.rounds
    assert (4.0, 4.0) == metrics.lead_hours
    assert Status.RETURNED in metrics.state_hours
    assert [{"date": "2026-03-02", "whatsapp": 2}] == metrics.to_records()
    assert 0 == service_metrics([]).applications


def test_registration_timeliness() -> None:
    """Registration timeliness."""
    registry = sample_registry()
    office = Office("18.08", registry)
    on = datetime.date(2026, 3, 2)
    from adminduk.documents import BirthReport, event_for

    registry.apply(event_for(sample_form("AKTA-LAHIR", on=on), on=on, birth_place="Kasui"))
    first = sample_form("AKTA-LAHIR", on=on)
    assert isinstance(first.details, BirthReport)
    late_birth = attrs.evolve(
        first,
        event_date=datetime.date(2025, 6, 1),
        details=attrs.evolve(first.details, child_name="Dewi", birth_order=3),
    )
    registry.apply(event_for(late_birth, on=on, birth_place="Kasui"))
    rows = {row.kind: row for row in registration_timeliness(registry)}
    assert (1, 1, 0, 0) == (
        rows["birth"].within_deadline,
        rows["birth"].within_year,
        rows["birth"].within_five_years,
        rows["birth"].later,
    )
    assert 2 == rows["birth"].total
    assert 0 == rows["death"].total
    assert office.registry is registry


def test_percentage_rounds_half_up() -> None:
    """Percentage rounds half up."""
    assert Decimal("0.00") == percentage(1, 0)
    assert Decimal("33.33") == percentage(1, 3)
    assert Decimal("66.67") == percentage(2, 3)
    assert Delivery.POST  # the enum import is used by other tests in this module


def test_a_resident_turning_17_today_is_counted_as_required() -> None:
    """Pasal 63(1) UU 24/2013: 17 today means a KTP-el is due today (and not the day before).

    The sample daughter was born on 1 January 2015: on 1 January 2032 she must hold one.
    """
    registry = sample_registry()
    birthday = datetime.date(2032, 1, 1)
    eve = birthday - datetime.timedelta(days=1)

    def required(on: datetime.date) -> int:
        return sum(row.required for row in ktp_el_coverage(registry, "18.08", on=on))

    assert required(birthday) == required(eve) + 1
    assert registry.resident(SIAP_KELUARGA.child).must_hold_ktp_el(birthday)
    assert not registry.resident(SIAP_KELUARGA.child).must_hold_ktp_el(eve)
