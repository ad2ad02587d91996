"""Running the real bot against the fake Bot API, and a Telegram user who taps and types."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.settings import Settings
from tests.fakeapi import TOKEN, Call, FakeBotAPI

TODAY = date(2026, 11, 22)
AnyApp = Application[Any, Any, Any, Any, Any, Any]

# The seeds' worked examples as a Telegram user has them: ("send", text) or ("tap", label). On
# TODAY 2025 is over: Dr. Chen's answers plan this year (2026: $72,000 - $23,500 - $22,500 = $26,000
# of room, $1,000 a paycheck over 26; Notice 2025-67), the others' plan 2025 and say what went in.
DR_CHEN = [("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
           ("tap", "See my numbers"), ("tap", "2026 (this year)"), ("send", "45"), ("send", "$450,000"),
           ("send", "23,500"), ("send", "22,500"), ("tap", "No cap / not sure"),
           ("tap", "Every 2 weeks"), ("tap", "All 26 (whole year)"), ("tap", "No, show my result")]
JAMES = [("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "No"), ("tap", "Yes"),
         ("tap", "See my numbers"), ("tap", "2025"), ("send", "38"), ("send", "240k"),
         ("send", "23500"), ("send", "12,000"), ("tap", "No cap / not sure"), ("tap", "None"),
         ("tap", "No, show my result")]
MARIA = [("send", "/start"), ("tap", "Solo 401(k)"), ("tap", "Yes"), ("tap", "Yes"),
         ("tap", "See my numbers"), ("tap", "2025"), ("send", "52"),
         ("tap", "Sole prop / single-member LLC"), ("send", "300,000"), ("tap", "None"), ("send", "31,000"),
         ("send", "30,000"), ("tap", "None"), ("tap", "No, show my result")]
AGE_60 = [("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
          ("tap", "See my numbers"), ("tap", "2025"), ("send", "60"), ("send", "250000"),
          ("tap", "The maximum"), ("send", "15,000"), ("tap", "No cap / not sure"),
          ("tap", "None"), ("tap", "No, show my result")]


async def listening(port: int, timeout: float = 10.0) -> None:
    """Until something accepts connections on 127.0.0.1:port (with a deadline)."""
    async with asyncio.timeout(timeout):
        while True:
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            await writer.wait_closed()
            return


def settings_for(api: FakeBotAPI, db: Path, **extra: Any) -> Settings:
    fields: dict[str, Any] = {"rate_limiter": False, **extra}
    return Settings(telegram_bot_token=TOKEN, telegram_api_base_url=api.url, database_path=db, **fields)


async def start_bot(api: FakeBotAPI, db: Path, **extra: Any) -> Application[Any, Any, Any, Any, Any, Any]:
    return await start_app(build_application(settings_for(api, db, **extra), today=lambda: TODAY))


async def start_app(app: AnyApp) -> AnyApp:
    """Start a built application as run_polling does (a test that builds its own, e.g. with other
    document readers)."""
    await app.initialize()
    if app.post_init is not None:  # as run_polling / run_webhook do
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    return app


async def stop_bot(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


class TgUser:
    def __init__(self, api: FakeBotAPI, user_id: int) -> None:
        self.api = api
        self.id = user_id

    def messages(self) -> list[Call]:
        return self.api.replies_to(self.id)

    async def _after(self, action: Any) -> Call:
        before = len(self.messages())
        action()
        await self.api.wait_chat(self.id, lambda _: len(self.messages()) > before)
        return self.messages()[-1]

    async def send(self, text: str) -> Call:
        return await self._after(lambda: self.api.message(self.id, text))

    async def tap(self, label: str) -> Call:
        """Tap the live button with this label (waiting, with a deadline, for it to arrive: a
        result's buttons come with its chart, after its text)."""
        try:
            await self.api.wait_for(lambda: self.live_button(label) is not None, timeout=10)
        except AssertionError:
            raise AssertionError(f"no live button {label!r}; the chat:\n{self.transcript()}") from None
        found = self.live_button(label)
        assert found is not None
        message_id, data = found
        return await self._after(lambda: self.api.tap(self.id, data, message_id=message_id))

    async def tap_data(self, data: str, message_id: int | None = None) -> Call:
        return await self._after(lambda: self.api.tap(self.id, data, message_id=message_id))

    def live_button(self, label: str) -> tuple[int, str] | None:
        """(message id, callback data) of the newest live button with this label."""
        for message_id, button in reversed(self.api.live_buttons(self.id)):
            if button.get("text") == label and "callback_data" in button:
                return message_id, str(button["callback_data"])
        return None

    def button_data(self, label: str) -> str:
        found = self.live_button(label)
        if found is None:
            raise AssertionError(f"no live button {label!r}; the chat:\n{self.transcript()}")
        return found[1]

    def transcript(self) -> str:
        return self.api.transcript(self.id)

    async def settle(self) -> None:
        """Wait until the bot has finished with everything this user sent (see everything_after)."""
        await self.everything_after(lambda: None)

    async def everything_after(self, action: Callable[[], object]) -> list[Call]:
        """Every message and photo the bot sends for ``action``, and nothing later: a fence
        (/cancel, which always gets exactly one reply and changes nothing) is sent after it, and
        each user's updates are handled in order, so when the fence's reply arrives the action's
        replies are all in."""
        before = len(self.api.by_chat[self.id])
        action()
        self.api.message(self.id, "/cancel")
        await self.api.wait_chat(self.id, lambda calls: any(
            c.method == "sendMessage" and c.text.startswith("Paused.") for c in calls[before:]))
        sent = [c for c in self.api.by_chat[self.id][before:] if c.method in ("sendMessage", "sendPhoto")]
        assert sent[-1].text.startswith("Paused.")
        return sent[:-1]

    def last_text(self) -> str:
        return self.messages()[-1].text

    async def photo(self) -> Call:
        await self.api.wait_chat(self.id, lambda calls: any(c.method == "sendPhoto" for c in calls))
        return self.api.sent_to(self.id, "sendPhoto")[-1]

    async def run(self, steps: list[tuple[str, str]]) -> Call:
        """("tap", label) or ("send", text) in order; returns the last reply."""
        last: Call | None = None
        for kind, value in steps:
            last = await (self.tap(value) if kind == "tap" else self.send(value))
        assert last is not None
        return last


def stored(db: Path, user_id: int) -> dict[str, Any] | None:
    """The conversation the bot saved for this user, read straight from SQLite (None: no row)."""
    with sqlite3.connect(db) as con:
        row = con.execute("SELECT state FROM conversations WHERE user_id = ?", (user_id,)).fetchone()
    return json.loads(row[0]) if row else None
