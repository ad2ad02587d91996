"""The reader as a child process runs it (the bot's readers, bot/readers.py): a memory cap set once
at the child's start, and an outcome that crosses the process boundary as plain data.

A Refusal does not pickle (its constructor takes two arguments), and the bot needs the reading as
JSON anyway, so ``read`` returns ``{"reading": {...}}`` or ``{"refusal": KIND, "line": LINE}``.
"""

from __future__ import annotations

import resource
import signal
from typing import Any

from flows.spd import errors, reader

Outcome = dict[str, Any]


def prepare(memory_bytes: int) -> None:
    """Cap this process's address space (PDFium's allocations included), after the reader's own
    imports, so the cap is what a document may take. Lowering the hard limit cannot be undone.

    Ctrl-C and SIGTERM sent to the whole process group (a terminal, systemd, a platform stopping
    the bot) are left to the parent, which ends its children itself: a reading in flight finishes
    while the bot drains, and no child prints a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def read(name: str, data: bytes, time_limit: float) -> Outcome:
    """A document's reading, or why it is not read (running out of memory in Python is refused
    as too complex; PDFium out of memory ends the process, which the parent sees)."""
    try:
        return {"reading": reader.read_file(name, data, time_limit=time_limit).as_json()}
    except errors.Refusal as refusal:
        return refused(refusal)
    except MemoryError:
        return refused(errors.too_complex())


def refused(refusal: errors.Refusal) -> Outcome:
    return {"refusal": refusal.kind, "line": refusal.line}


def reading_of(outcome: Outcome) -> dict[str, Any]:
    """The reading (as JSON), or the Refusal the child reported, raised here in the parent."""
    if "refusal" in outcome:
        raise errors.Refusal(str(outcome["refusal"]), str(outcome["line"]))
    reading: dict[str, Any] = outcome["reading"]
    return reading
