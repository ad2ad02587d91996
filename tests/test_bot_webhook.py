"""Webhook mode checks Telegram's secret-token header; one user's fast taps never race."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import aiohttp

from bot.app import build_application
from tests.botkit import TODAY, TgUser, settings_for, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI

SECRET = "s3cret-Token_1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_refuses_requests_without_the_secret(api: FakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    app = build_application(settings_for(api, tmp_path / "w.sqlite3"), today=lambda: TODAY)
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                    secret_token=SECRET, webhook_url="https://example.test/telegram")
    await app.start()
    update = {"update_id": 1, "message": {
        "message_id": 1, "date": 0, "chat": {"id": 77, "type": "private"},
        "from": {"id": 77, "is_bot": False, "first_name": "W"}, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, data=json.dumps(update), headers={
                        "Content-Type": "application/json", **headers}) as response:
                    assert response.status == 403
            assert api.sent_to(77) == []
            async with http.post(url, data=json.dumps(update), headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                assert response.status == 200
        await api.wait_for(lambda: bool(api.sent_to(77)))
        assert "Which plan" in api.sent_to(77)[0].text
        assert any(c.method == "setWebhook" and c.params.get("secret_token") == SECRET for c in api.calls)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


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
