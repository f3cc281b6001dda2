"""Tests of the test kit for users: the Hypothesis hook and the pytest plugin's fixtures."""

from __future__ import annotations

import datetime
import subprocess
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from adminduk import Registry, Sex, check
from adminduk.applications import Role, Status
from adminduk.documents import Channel, Evidence, Form
from adminduk.workflows import Office
from tests.paths import ROOT

FROM_TYPE = textwrap.dedent(
    """
    import sys
    from hypothesis import find, strategies as st
    assert "adminduk.strategies" in sys.modules  # the hook loaded it, not the user
    from adminduk import Address, Family, Registry, Resident
    from adminduk.applications import Application
    from adminduk.documents import Form
    from adminduk.register.events import FamilyRegistered
    from adminduk.identifiers import nik
    for kind in (Resident, Address, Family, FamilyRegistered, Registry, Form, Application):
        value = find(st.from_type(kind), lambda value: True)
        assert isinstance(value, kind), kind
    person = find(st.from_type(Resident), lambda r: r.sex.name == "FEMALE")
    assert nik.is_valid(person.nik)
    print("ok")
    """
)


def test_from_type_works_after_importing_only_hypothesis() -> None:
    """st.from_type() knows every public model type through the entry-point hook."""
    result = subprocess.run(
        [sys.executable, "-c", FROM_TYPE], capture_output=True, text=True, check=False
    )
    assert 0 == result.returncode, result.stderr
    assert "ok" == result.stdout.strip()


def test_way_kanan_registry_fixture(way_kanan_registry: Registry) -> None:
    """The session register covers all 15 districts and keeps every rule."""
    assert 4_000 < len(way_kanan_registry.residents()) < 6_000
    assert 15 == len({f.address.district_code for f in way_kanan_registry.families()})
    way_kanan_registry.check()


def test_make_form_fixture(make_form: Callable[..., Form], way_kanan_registry: Registry) -> None:
    """The factory fills in the channel; the application can be checked at once."""
    adult = next(
        r for r in way_kanan_registry.residents() if r.age(datetime.date(2026, 1, 1)) > 30
    )
    application = make_form("KTP-el", "lost", subject=adult.nik, evidence={Evidence.POLICE_LETTER})
    assert Channel.COUNTER is application.channel
    assert check(application, way_kanan_registry, on=datetime.date(2026, 1, 1)).ok


def test_seed_fixture(adminduk_seed: int) -> None:
    """Without --adminduk-seed the seed is 2026."""
    assert 2026 == adminduk_seed


def test_seed_option_changes_the_fixtures(pytester: pytest.Pytester) -> None:
    """--adminduk-seed reaches the fixtures: the same seed gives the same register."""
    pytester.makepyfile(
        """
        def test_show(registry, adminduk_seed):
            print("SEED", adminduk_seed, "FIRST", sorted(r.nik for r in registry.residents())[0])
        """
    )
    outputs = []
    for seed in ("7", "7", "8"):
        result = pytester.runpytest_subprocess(
            "-s", "-p", "no:cacheprovider", "--adminduk-seed", seed
        )
        result.assert_outcomes(passed=1)
        line = next(line for line in result.outlines if "SEED" in line)
        outputs.append(line[line.index("SEED") :])
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    assert outputs[0].startswith("SEED 7 FIRST 180815")


def test_registry_fixture_is_small_and_consistent(request: pytest.FixtureRequest) -> None:
    """The plugin's registry fixture (not a test module's own) holds 300 residents."""
    plugin_registry: Any = request.getfixturevalue("registry")
    assert 300 == len(plugin_registry.residents())
    assert 150 == sum(r.sex is Sex.MALE for r in plugin_registry.residents())


def test_office_fixture(office: Office, registry: Registry) -> None:
    """The office works on the registry fixture and has one officer of each staff role."""
    assert office.registry is registry
    assert {Role.FRONT_OFFICE, Role.REGISTRAR, Role.COURIER, Role.DISTRICT_OFFICER} <= {
        actor.role for actor in office.staff
    }
    assert 1 == len(office.staff_in(Role.REGISTRAR))
    assert 1 == office.service_levels.days("KK", "new")
    adult = min(
        (r for r in registry.residents() if r.age(datetime.date(2026, 1, 1)) > 30),
        key=lambda r: r.nik,
    )
    draft = Form(
        document="KK",
        variant="lost",
        channel=Channel.WHATSAPP,
        subject=adult.nik,
        evidence={Evidence.POLICE_LETTER, Evidence.FORM_F102, Evidence.KTP_EL},
    )
    at = datetime.datetime(2026, 1, 5, 9)
    filed = office.submit(draft, actor=office.staff_in(Role.SYSTEM)[0], at=at)
    verified = office.verify(filed, actor=office.staff_in(Role.FRONT_OFFICE)[0], at=at)
    assert Status.VERIFIED is verified.status


def test_the_example_user_suite_passes() -> None:
    """examples/test_my_app.py: strategies, a fixture and a subclassed RegistryMachine."""
    example = ROOT / "examples" / "test_my_app.py"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
        capture_output=True,
        text=True,
        check=False,
        cwd=example.parent,
    )
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "4 passed" in result.stdout
