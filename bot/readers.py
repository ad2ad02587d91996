"""Plan documents are read in child processes: a hard deadline, a memory cap, and a fault in PDFium
(C code parsing whatever a user sends) ends a child, never the bot.

Each child is a ``concurrent.futures.ProcessPoolExecutor`` of one ``spawn``-started process, reused
from document to document (it starts at its first document, in about 0.1 s). Why one executor per
child rather than one executor of N: an executor cannot stop one task, and killing one of its
processes breaks every task it holds, so a slow document would take other users' readings down
with it. Here a child that overruns its deadline is killed (SIGKILL, by the pid it reported when it
started) and its executor dropped; one that dies (PDFium aborts when its memory runs out) is
dropped the same way; the next document starts a fresh one. The child sets its own memory cap
(``RLIMIT_AS``) before it reads anything.

The document goes to the child as bytes over a pipe and its reading comes back as JSON-safe data:
nothing is written to disk, nothing of it is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from flows.interview import Refusal, spd_child, spd_errors

log = logging.getLogger(__name__)

Task = Callable[[str, bytes, float], dict[str, Any]]
# The reader stops itself between pages at the time limit; a child still inside one page a quarter
# later is killed.
KILL_AFTER = 1.25
START_SECONDS = 30.0  # a child's start (about 0.1 s), bounded all the same


def busy() -> Refusal:
    return Refusal("busy", "I am reading other plan documents just now; send yours again in a minute.")


class DocumentReader(Protocol):
    async def read(self, name: str, data: bytes) -> dict[str, Any]:
        """The reading as JSON, or a Refusal raised with the one line to show."""

    def close(self) -> None: ...


class Child:
    """One reusable child process (its executor), started at its first document."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self.executor: ProcessPoolExecutor | None = None
        self.pid = 0

    async def started(self) -> ProcessPoolExecutor:
        if self.executor is None:
            executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=spd_child.prepare, initargs=(self.memory_bytes,))
            try:  # spawning writes to a pipe: off the event loop
                first = await asyncio.to_thread(executor.submit, os.getpid)
                self.pid = await asyncio.wait_for(asyncio.wrap_future(first), START_SECONDS)
            except BaseException:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
            self.executor = executor
        return self.executor

    async def read(self, task: Task, name: str, data: bytes, seconds: float) -> dict[str, Any]:
        try:
            future = (await self.started()).submit(task, name, data, seconds)
        except BrokenProcessPool:  # it died while idle (killed from outside): a fresh one
            self.stop()
            future = (await self.started()).submit(task, name, data, seconds)
        try:
            outcome = await asyncio.wait_for(asyncio.wrap_future(future), seconds * KILL_AFTER)
        except TimeoutError:
            log.warning("plan document reader killed at its time limit")
            self.stop()
            raise spd_errors.too_slow() from None
        except BrokenProcessPool:
            log.warning("plan document reader ended abruptly (out of memory or a crash)")
            self.stop()
            raise spd_errors.too_complex() from None
        except BaseException:  # cancelled (the bot stopping): the child may still be reading
            self.stop()
            raise
        return spd_child.reading_of(outcome)

    def stop(self) -> None:
        """Kill the process (idle, busy or already gone) and drop its executor."""
        if self.executor is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None


class ChildReaders:
    """Up to ``children`` documents read at once, each in its own child; a document waits for a
    free child at most ``wait_seconds`` (by default ``seconds``; then busy), and is read within
    ``seconds`` (then too_slow)."""

    def __init__(self, *, children: int, seconds: float, memory_mib: int,
                 task: Task = spd_child.read, wait_seconds: float | None = None) -> None:
        self.seconds = seconds
        self.wait_seconds = seconds if wait_seconds is None else wait_seconds
        self.task = task
        self.children = [Child(memory_mib * 2**20) for _ in range(children)]
        self._idle: asyncio.Queue[Child] = asyncio.Queue()
        for child in self.children:
            self._idle.put_nowait(child)

    async def read(self, name: str, data: bytes) -> dict[str, Any]:
        try:
            child = self._idle.get_nowait()
        except asyncio.QueueEmpty:
            try:
                child = await asyncio.wait_for(self._idle.get(), self.wait_seconds)
            except TimeoutError:
                raise busy() from None
        try:
            return await child.read(self.task, name, data, self.seconds)
        finally:
            self._idle.put_nowait(child)

    def close(self) -> None:
        for child in self.children:
            child.stop()
