"""Running the real bot against the fake Bot API, and a Telegram user who taps and types."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.settings import Settings
from tests.fakeapi import TOKEN, Call, FakeBotAPI

TODAY = date(2026, 11, 22)


def settings_for(api: FakeBotAPI, db: Path, **extra: Any) -> Settings:
    return Settings(telegram_bot_token=TOKEN, telegram_api_base_url=api.url, database_path=db,
                    rate_limiter=False, **extra)


async def start_bot(api: FakeBotAPI, db: Path) -> Application[Any, Any, Any, Any, Any, Any]:
    app = build_application(settings_for(api, db), today=lambda: TODAY)
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
        return self.api.sent_to(self.id)

    async def _after(self, action: Any) -> Call:
        before = len(self.messages())
        action()
        await self.api.wait_for(lambda: len(self.messages()) > before)
        return self.messages()[-1]

    async def send(self, text: str) -> Call:
        return await self._after(lambda: self.api.message(self.id, text))

    async def tap(self, label: str) -> Call:
        data = self.button_data(label)
        return await self._after(lambda: self.api.tap(self.id, data))

    async def tap_data(self, data: str) -> Call:
        return await self._after(lambda: self.api.tap(self.id, data))

    def button_data(self, label: str) -> str:
        for call in reversed(self.messages()):
            for button in call.buttons():
                if button.get("text") == label:
                    return str(button["callback_data"])
            if call.buttons():
                break
        raise AssertionError(f"no button {label!r} in the last keyboard")

    def last_text(self) -> str:
        return self.messages()[-1].text

    async def photo(self) -> Call:
        await self.api.wait_for(lambda: bool(self.api.sent_to(self.id, "sendPhoto")))
        return self.api.sent_to(self.id, "sendPhoto")[-1]

    async def run(self, steps: list[tuple[str, str]]) -> Call:
        """("tap", label) or ("send", text) in order; returns the last reply."""
        last: Call | None = None
        for kind, value in steps:
            last = await (self.tap(value) if kind == "tap" else self.send(value))
        assert last is not None
        return last
