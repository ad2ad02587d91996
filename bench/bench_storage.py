"""Memory and storage as stored conversations grow: 10,000 then 100,000 finished interviews in the
SQLite store, the process's resident memory while it serves random users from it, and the file's
bytes per conversation. Run: python -m bench.bench_storage
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from bot.store import SqliteStore
from flows.interview import new_conversation, step
from tests.flowkit import random_profile, steps_for

TODAY = date(2026, 11, 22)


def finished_conversations(count: int) -> list[dict[str, object]]:
    rng = random.Random(3)
    samples = []
    for _ in range(count):
        conv = new_conversation()
        for _state, event in steps_for(random_profile(rng)):
            step(conv, event, TODAY)
        samples.append(conv)
    return samples


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def grow(sizes: tuple[int, ...] = (10_000, 100_000)) -> list[tuple[str, float, str]]:
    samples = finished_conversations(200)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grow.sqlite3"
        store, stored = SqliteStore(path), 0
        rng = random.Random(4)
        for size in sizes:
            while stored < size:
                store.save(stored, samples[stored % len(samples)], stored + 1)
                stored += 1
            store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            start = time.perf_counter()
            for _ in range(5_000):  # serve random users: nothing may stay behind in memory
                store.read(rng.randrange(size))
            read_us = (time.perf_counter() - start) / 5_000 * 1e6
            rows += [(f"storage: {size:,} conversations: file bytes per conversation",
                      path.stat().st_size / size, "< 2048"),
                     (f"storage: {size:,} conversations: peak RSS (MB)", rss_mb(), "flat"),
                     (f"storage: {size:,} conversations: read one", read_us, "")]
        store.close()
    return rows


def main() -> None:
    from bench import print_rows

    print_rows(grow())


if __name__ == "__main__":
    main()
