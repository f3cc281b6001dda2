"""Many clerks at once: threads sharing one office, processes sharing one store file.

Each writer files births and KTP-el applications; afterwards the NIKs are unique, every rule
holds, and the log alone rebuilds the same office (nothing lost, nothing applied twice).
"""

from __future__ import annotations

import datetime
import multiprocessing
import threading
from pathlib import Path

import pytest

from adminduk.applications import Role
from adminduk.codes import Sex
from adminduk.documents import Delivery
from adminduk.samples import sample_form, sample_registry, sample_staff
from adminduk.store import open_office
from adminduk.workflows import Office
from tests.store.contract import birth, state, store_of

ON = datetime.date(2026, 3, 2)
STAFF = {actor.role: actor for actor in sample_staff()}


def work(office: Office, writer: int, count: int) -> None:
    """``count`` births and as many KTP-el applications for the head, one writer's day."""
    for index in range(count):
        day = ON + datetime.timedelta(days=index % 20)
        office.apply(birth(day, f"Anak {writer}-{index}", Sex.MALE if index % 2 else Sex.FEMALE))
        at = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(minutes=index)
        form = sample_form("KTP-el", on=ON, delivery=Delivery.POST)
        office.submit(form, actor=STAFF[Role.SYSTEM], at=at)


def check_whole(target: str, births: int, applications: int) -> None:
    office = open_office(target, code="18.08", use_snapshot=False)
    children = [r for r in office.registry.residents() if r.name.startswith("Anak ")]
    assert len(children) == births
    assert len({r.nik for r in children}) == births
    assert len(office.applications) == applications
    office.registry.check()
    expected = state(office)
    store_of(office).close()
    again = open_office(target, code="18.08")
    assert state(again) == expected
    store_of(again).close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_eight_threads_share_one_office(backend: str, request: pytest.FixtureRequest) -> None:
    """8 threads, 60 births and 60 applications each, through one office."""
    target = request.getfixturevalue("sqlite_file" if backend == "sqlite" else "postgres_database")
    office = open_office(target, code="18.08", registry=sample_registry(), staff=sample_staff())
    failures: list[BaseException] = []

    def run(writer: int) -> None:
        try:
            work(office, writer, 60)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(writer,)) for writer in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    store_of(office).close()
    check_whole(target, 480, 480)


def _process(target: str, writer: int, count: int) -> None:
    office = open_office(target, code="18.08", staff=sample_staff())
    work(office, writer, count)
    store_of(office).close()


def test_four_processes_share_one_store_file(tmp_path: Path) -> None:
    """4 processes on one SQLite file, 60 births and 60 applications each."""
    target = str(tmp_path / "office.db")
    office = open_office(target, code="18.08", registry=sample_registry())
    store_of(office).close()
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_process, args=(target, w, 60)) for w in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    check_whole(target, 240, 240)
