"""The stateful model: many applications and a register under random actions keep every invariant."""

from __future__ import annotations

from typing import ClassVar

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from adminduk.applications import Status
from adminduk.testing import RegistryMachine

SETTINGS = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

TestRegistryMachine = RegistryMachine.TestCase
TestRegistryMachine.settings = SETTINGS


class CountingMachine(RegistryMachine):
    """The library's machine, extended the way users extend it: one more invariant."""

    reached: ClassVar[set[Status]] = set()
    refused: ClassVar[list[int]] = []

    @invariant()
    def count(self) -> None:
        for application in self.office.applications.values():
            self.reached.update(action.status for action in application.history)
        self.refused.append(self.refusals)


def test_the_machine_drives_applications_down_whole_lifecycles() -> None:
    """Not a vacuous model: lifecycles complete, and refused actions are exercised too."""
    CountingMachine.reached.clear()
    CountingMachine.refused.clear()
    run_state_machine_as_test(CountingMachine, settings=settings(SETTINGS, derandomize=True))
    lifecycle = {Status.SUBMITTED, Status.VERIFIED, Status.PRINTED, Status.COLLECTED}
    assert lifecycle <= CountingMachine.reached
    assert max(CountingMachine.refused) > 0
