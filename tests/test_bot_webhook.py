"""Webhook mode refuses requests without Telegram's secret token, oversized and broken bodies;
one user's fast taps never race."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import aiohttp

from bot.app import build_application
from bot.store import LockedRow, SqliteStore
from bot.webhook import MAX_BODY_BYTES, serve_webhook
from tests.botkit import TODAY, TgUser, listening, settings_for, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI

SECRET = "s3cret-Token_1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_refuses_bad_secrets_big_and_broken_bodies(api: FakeBotAPI, tmp_path: Path) -> None:
    port, stop = free_port(), asyncio.Event()
    app = build_application(settings_for(api, tmp_path / "w.sqlite3"), today=lambda: TODAY)
    serving = asyncio.create_task(serve_webhook(
        app, listen="127.0.0.1", port=port, url="https://example.test/telegram", secret=SECRET,
        allowed_updates=["message"], stop=stop))
    update = {"update_id": 1, "message": {
        "message_id": 1, "date": 0, "chat": {"id": 77, "type": "private"},
        "from": {"id": 77, "is_bot": False, "first_name": "W"}, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    url = f"http://127.0.0.1:{port}/telegram"
    good = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls))
        await listening(port)
        async with aiohttp.ClientSession() as http:
            for headers in ({"Content-Type": "application/json"},
                            {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, data=json.dumps(update), headers=headers) as response:
                    assert response.status == 403
            deep = b'{"update_id": 5, "message": ' + b"[" * 5000 + b"]" * 5000 + b"}"
            for body in (b"{not json", b"[1, 2]", b'"text"', json.dumps({"update_id": "x"}).encode(),
                         json.dumps({"update_id": 3, "message": "hi"}).encode(), deep):
                async with http.post(url, data=body, headers=good) as response:
                    assert response.status == 400, body
            huge = json.dumps({**update, "pad": "x" * (MAX_BODY_BYTES + 1)})
            with contextlib.suppress(aiohttp.ClientError):  # refused: 4xx or the connection closed
                async with http.post(url, data=huge, headers=good) as response:
                    assert response.status >= 400
            assert api.replies_to(77) == []
            async with http.post(url, data=json.dumps(update), headers=good) as response:
                assert response.status == 200
        await api.wait_for(lambda: bool(api.replies_to(77)))
        assert "Which plan" in api.replies_to(77)[0].text
        assert any(c.method == "setWebhook" and c.params.get("secret_token") == SECRET for c in api.calls)
    finally:
        stop.set()
        await asyncio.wait_for(serving, timeout=10)


async def test_two_fast_taps_from_one_user_are_handled_in_order(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start_bot(api, tmp_path / "r.sqlite3")
    try:
        user = TgUser(api, 88)
        await user.send("/start")
        data = user.button_data("401(k)")
        before = len(user.messages())
        api.tap(88, data)
        api.tap(88, data)  # a double tap on the same button
        await api.wait_for(lambda: len(user.messages()) >= before + 2)
        first, second = user.messages()[before:before + 2]
        assert "after-tax (not Roth)" in first.text
        assert "earlier question" in second.text  # saw the first tap's saved state: no race
    finally:
        await stop_bot(app)


async def test_an_update_the_store_could_not_apply_is_answered_503_so_telegram_retries(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    port, stop = free_port(), asyncio.Event()
    store = SqliteStore(tmp_path / "f.sqlite3")
    app = build_application(settings_for(api, tmp_path / "f.sqlite3"), today=lambda: TODAY, store=store)
    serving = asyncio.create_task(serve_webhook(
        app, listen="127.0.0.1", port=port, url="https://example.test/telegram", secret=SECRET,
        allowed_updates=["message"], stop=stop))
    url = f"http://127.0.0.1:{port}/telegram"
    good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    def start_update(update_id: int) -> dict[str, object]:
        return {"update_id": update_id, "message": {
            "message_id": update_id, "date": 0, "chat": {"id": 78, "type": "private"},
            "from": {"id": 78, "is_bot": False, "first_name": "W"}, "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}

    try:
        await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls))
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=start_update(1), headers=good) as response:
                assert response.status == 200
            assert "Which plan" in api.replies_to(78)[-1].text  # replied before the 200
            store.close()  # the database goes away
            async with http.post(url, json=start_update(2), headers=good) as response:
                assert response.status == 503  # not acknowledged: Telegram delivers it again
            async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                assert response.status == 503
    finally:
        stop.set()
        await asyncio.wait_for(serving, timeout=10)


class FlakyStore(SqliteStore):
    """SQLite whose next transaction fails once when asked (a database that is briefly away)."""

    fail_next = False

    @contextlib.contextmanager
    def locked(self, user_id: int) -> Iterator[LockedRow]:
        if self.fail_next:
            self.fail_next = False
            raise sqlite3.OperationalError("database is locked")
        with super().locked(user_id) as row:
            yield row


async def test_an_answer_answered_503_is_applied_when_telegram_delivers_it_again(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Finding 3: the failed update is not recorded as applied (nor shown an error screen that
    would record it); its redelivery applies the answer and shows the next question once."""
    port, stop = free_port(), asyncio.Event()
    store = FlakyStore(tmp_path / "f.sqlite3")
    app = build_application(settings_for(api, tmp_path / "f.sqlite3", webhook_url="https://example.test/t",
                                         webhook_secret_token=SECRET), today=lambda: TODAY, store=store)
    serving = asyncio.create_task(serve_webhook(
        app, listen="127.0.0.1", port=port, url="https://example.test/telegram", secret=SECRET,
        allowed_updates=["message"], stop=stop))
    url = f"http://127.0.0.1:{port}/telegram"
    good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    def update_for(kind: str, value: str, state: str | None = None) -> dict[str, object]:
        api.push_event(79, kind, value, state)
        return api.updates.pop()

    try:
        await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls))
        await listening(port)
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update_for("text", "/start"), headers=good) as response:
                assert response.status == 200
            tap = update_for("button", "401k", "plan_type")
            store.fail_next = True
            async with http.post(url, json=tap, headers=good) as response:
                assert response.status == 503
            shown = len(api.replies_to(79))
            async with http.post(url, json=tap, headers=good) as response:  # Telegram's retry
                assert response.status == 200
        stored = store.read(79).conversation
        assert stored is not None
        assert stored["history"] == ["plan_type"]  # the answer was applied, not taken as done
        replies = api.replies_to(79)[shown:]
        assert len(replies) == 1
        assert "after-tax" in replies[0].text.lower()
    finally:
        stop.set()
        await asyncio.wait_for(serving, timeout=10)
