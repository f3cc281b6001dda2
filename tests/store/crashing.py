"""The child of the crash test: act on a store forever, printing each acknowledged action.

``python -m tests.store.crashing STORE RUN`` files births and issues family cards until it is
killed; a line ``ack KIND NAME`` is printed (and flushed) only after the operation returned, so
everything printed must survive the kill.
"""

from __future__ import annotations

import datetime
import sys

from adminduk.codes import Sex
from adminduk.samples import sample_issued, sample_staff
from adminduk.store import open_office
from tests.store.contract import birth

ON = datetime.date(2026, 3, 2)


def main(target: str, run: str) -> None:
    office = open_office(target, code="18.08", staff=sample_staff())
    index = 0
    while True:
        index += 1
        name = f"Crash {run}-{index}"
        office.apply(birth(ON, name, Sex.FEMALE))
        print(f"ack birth {name}", flush=True)
        if index % 3 == 0:
            app = sample_issued("KK", "lost", office=office)
            print(f"ack issue {app.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
