"""Readers for the tests' child processes (bot/readers.py runs them in place of flows.spd's own).

``read_when_released``: the document's first line names a file; the child says it has begun (it
creates that name + ".reading", empty), waits (at most RELEASE_WAIT seconds) until the test creates
the file, then reads the rest as flows.spd does. A test thereby holds a reading open for exactly as
long as it needs, without a timer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from flows.interview import spd_child

RELEASE_WAIT = 30.0


def read_when_released(name: str, data: bytes, time_limit: float) -> dict[str, Any]:
    first, _, rest = data.partition(b"\n")
    release = Path(first.decode())
    reading_marker(release).touch()
    deadline = time.monotonic() + RELEASE_WAIT
    while not release.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never released the reading")
        time.sleep(0.01)
    return spd_child.read(name, rest, time_limit)


def reading_marker(release: Path) -> Path:
    return release.with_name(release.name + ".reading")
