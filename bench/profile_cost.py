"""Where a running bot's CPU goes: py-spy attached to the `python -m bot` process of bench_cost.

Runs one variant of bench/bench_cost.py with `py-spy record --pid` sampling the bot process
while the users go through their interviews, then prints the share of samples under a few frames
(inclusive): HTTP to the Bot API, getUpdates, the chart, the store, the flow step, the pacing.
Needs py-spy (the `bench` extra) and permission to trace the process (root, or ptrace allowed).
Run: python -m bench.profile_cost [variant] [seconds]   (variants: see bench_cost.VARIANTS)
"""

from __future__ import annotations

import asyncio
import collections
import shutil
import sys
import tempfile
from pathlib import Path

from bench.bench_cost import VARIANTS, measure
from tests.pgkit import Postgres

PARTS = {
    "HTTP to the Bot API (all calls)": "HTTPXRequest.do_request",
    "getUpdates": "ExtBot.get_updates",
    "answerCallbackQuery": "CallbackQuery.answer",
    "sendMessage": "ExtBot.send_message",
    "chart rendering": "render_chart",
    "store transaction": "Store.locked",
    "flow step": "step (flows/interview.py",
    "update parsing (Update.de_json)": "Update.de_json",
}


def shares(raw: Path) -> tuple[int, dict[str, float]]:
    total = 0
    inclusive: collections.Counter[str] = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        total += int(count)
        for part, frame in PARTS.items():
            if frame in stack:
                inclusive[part] += int(count)
    return total, {part: inclusive[part] / max(total, 1) for part in PARTS}


async def profile(variant: str, seconds: int, raw: Path) -> dict[str, float]:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))

    async def record(pid: int) -> None:
        proc = await asyncio.create_subprocess_exec(
            spy, "record", "--pid", str(pid), "--rate", "400", "--format", "raw", "--nonblocking",
            "--duration", str(seconds), "--output", str(raw),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        await proc.wait()

    postgres = Postgres()
    try:
        return await measure(VARIANTS[variant], postgres, hook=lambda pid: asyncio.ensure_future(record(pid)))
    finally:
        postgres.stop()


def main() -> None:
    variant = sys.argv[1] if len(sys.argv) > 1 else "sqlite_charts"
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "profile.txt"
        result = asyncio.run(profile(variant, seconds, raw))
        total, parts = shares(raw)
    print(f"{variant}: {result['bot_us']:.0f} us CPU per update, {total} samples")
    for part, share in parts.items():
        print(f"  {share * 100:5.1f}%  {part}")


if __name__ == "__main__":
    main()
