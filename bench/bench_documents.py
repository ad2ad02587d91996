"""What a user pays for a plan document, end to end: an 80-page SPD sent through the real HTTP path
(the real bot polling the local fake Bot API; getFile, download, reading, the flow, sendMessage),
timed from the moment the document is sent to the moment the bot sends its first proposal.

One bot, one run, alternating rounds: the document read in a thread of the bot's own process (as
before the child processes) and in a warm child process (bot/readers.py, as the bot runs); plus
the first document after start, which starts its child. CPU per document is the bot process's
(with the fake API, which runs in it) plus its children's, over the same span.
Run: python -m bench.bench_documents, or with the rest: python -m bench. A spawned child imports the
main module unless it is a package's __main__ (as in `python -m bot` and `python -m bench`), so run
alone the first-document figure also holds this module's imports in the child (about 0.5 s more).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from bench.bench_spd import eighty_pages
from bot.app import build_application
from bot.readers import ChildReaders, DocumentReader
from flows.interview import spd_child
from tests.botkit import TODAY, TgUser, settings_for, start_app, stop_bot
from tests.fakeapi import FakeBotAPI

ROUNDS = 7
SECONDS = 8.0
PROPOSAL = "From your plan's document"


class InThread:
    """The reading in a worker thread of the bot's process: no isolation, the baseline."""

    async def read(self, name: str, data: bytes) -> dict[str, Any]:
        return spd_child.reading_of(await asyncio.to_thread(spd_child.read, name, data, SECONDS))

    def close(self) -> None:
        return None


class Switch:
    """The bot's readers, switched between rounds by the bench."""

    def __init__(self) -> None:
        self.thread = InThread()
        self.child = ChildReaders(children=1, seconds=SECONDS, memory_mib=512)
        self.current: DocumentReader = self.child

    async def read(self, name: str, data: bytes) -> dict[str, Any]:
        return await self.current.read(name, data)

    def close(self) -> None:
        self.child.close()


def _cpu() -> float:
    """CPU seconds of this process and its children (the reading children) so far."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            continue
    return total


async def _one(api: FakeBotAPI, user_id: int, data: bytes) -> tuple[float, float]:
    """(seconds from sending the document to the first proposal, CPU seconds over that span)."""
    user = TgUser(api, user_id)
    await user.send("/start")
    before = len(user.messages())
    cpu = _cpu()
    sent = time.perf_counter()
    api.document(user_id, data, "Acme SPD.pdf")
    await api.wait_chat(user_id, lambda _: len(user.messages()) > before, timeout=60)
    proposal = user.messages()[-1]
    assert PROPOSAL in proposal.text, proposal.text
    return proposal.sent_at - sent, _cpu() - cpu


async def measure(rounds: int = ROUNDS) -> dict[str, float]:
    data = eighty_pages()
    api = FakeBotAPI()
    await api.start()
    readers = Switch()
    with tempfile.TemporaryDirectory() as folder:
        app = await start_app(build_application(settings_for(api, Path(folder) / "b.sqlite3"),
                                                today=lambda: TODAY, readers=readers))
        try:
            first, _ = await _one(api, 980_000, data)  # the child starts with this document
            seen: dict[str, list[tuple[float, float]]] = {"thread": [], "child": []}
            for n in range(rounds):
                for name in ("thread", "child"):
                    readers.current = readers.thread if name == "thread" else readers.child
                    seen[name].append(await _one(api, 980_001 + 2 * n + (name == "child"), data))
            child_peak = _peak_mib(readers.child.children[0].pid)
        finally:
            await stop_bot(app)
    await api.stop()
    wall = {name: statistics.median(w for w, _ in runs) for name, runs in seen.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in seen.items()}
    return {"thread_s": wall["thread"], "child_s": wall["child"], "first_s": first,
            "ratio": wall["child"] / wall["thread"], "extra_s": wall["child"] - wall["thread"],
            "thread_cpu_s": cpu["thread"], "child_cpu_s": cpu["child"], "child_peak_mib": child_peak}


def _peak_mib(pid: int) -> float:
    """A process's peak resident memory (Linux's VmHWM), in MiB."""
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def rows() -> list[tuple[str, float, str]]:
    found = asyncio.run(measure())
    return [
        ("documents: 80-page SPD, sent to first proposal, in a thread (s)", found["thread_s"], ""),
        ("documents: the same, in a warm child process (s)", found["child_s"], ""),
        ("documents: ratio child / thread (x)", found["ratio"], ""),
        ("documents: child minus thread (s)", found["extra_s"], "< 0.5 s"),
        ("documents: first document after start, its child starting (s)", found["first_s"], ""),
        ("documents: CPU per document, thread, bot + fake API (s)", found["thread_cpu_s"], "< 1 s"),
        ("documents: CPU per document, child, bot + fake API + child (s)", found["child_cpu_s"], "< 1 s"),
        ("documents: a reader child's peak RSS after the run (MiB)", found["child_peak_mib"], "< 512"),
    ]


def main() -> None:
    for name, value, target in rows():
        print(f"| {name:<64} | {value:7.3f} | {target} |")


if __name__ == "__main__":
    main()
