"""The review's untested paths: the error handler, the token redacted inside tracebacks, the webhook
body never logged, the rate limiter as configured, the hourly purge, transitions' log level."""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import logging
import socket
import sqlite3
import statistics
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

import bot.app
import flows.interview
from bot.app import build_application
from bot.logsafe import SafeLogs, configure_logging
from bot.webhook import serve_webhook
from flows.interview import Event, Reply
from tests.botkit import DR_CHEN, TODAY, TgUser, listening, settings_for, start_bot, stop_bot
from tests.fakeapi import TOKEN, FakeBotAPI

MARKER = "987654321"  # a figure a user typed: it must appear in no log line


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG, through the filter the bot installs on every log handler."""
    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SafeLogs(TOKEN))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield text
    root.removeHandler(handler)
    root.setLevel(level)


async def test_error_handler_logs_type_and_frames_only_and_tells_the_user(
    api: FakeBotAPI, tmp_path: Path, logs: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_step = flows.interview.step

    def failing_step(conv: dict[str, object], event: Event, today: object) -> Reply:
        if event.value == MARKER:
            raise RuntimeError(f"broke on {event.value}")  # the message holds what the user typed
        return real_step(conv, event, TODAY)

    monkeypatch.setattr("bot.screen.step", failing_step)
    app = await start_bot(api, tmp_path / "e.sqlite3")
    try:
        user = TgUser(api, 7001)
        await user.run(DR_CHEN[:7])
        reply = await user.send(MARKER)
        assert "Sorry, something went wrong on my side" in reply.text
        assert "gross pay" in reply.text  # where the user is, nothing lost
        assert api.most_live[user.id] == 1
        result = await user.run(DR_CHEN[7:])  # and the interview carries on
        assert "After-tax room for 2026: $26,000" in result.text
    finally:
        await stop_bot(app)
    written = logs.getvalue()
    assert "update failed: RuntimeError" in written
    assert "failing_step" in written  # the frames are there
    assert MARKER not in written


def test_the_token_is_redacted_inside_tracebacks() -> None:
    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.addFilter(SafeLogs(TOKEN))
    log = logging.getLogger("tests.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        try:
            raise ConnectionError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
        except ConnectionError:
            log.exception("request to bot%s failed", TOKEN)
    finally:
        log.removeHandler(handler)
        log.propagate = True
    written = text.getvalue()
    assert "Traceback" in written
    assert "ConnectionError" in written
    assert TOKEN not in written
    assert TOKEN.split(":")[1] not in written
    assert written.count("<token>") == 2  # in the message and inside the traceback


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_the_webhook_never_logs_a_body(api: FakeBotAPI, tmp_path: Path, logs: io.StringIO) -> None:
    port, stop, secret = free_port(), asyncio.Event(), "s3cret"
    app = build_application(settings_for(api, tmp_path / "w.sqlite3"), today=lambda: TODAY)
    serving = asyncio.create_task(serve_webhook(
        app, listen="127.0.0.1", port=port, url="https://example.test/telegram", secret=secret,
        allowed_updates=["message"], stop=stop))
    message = {"message_id": 1, "date": 0, "chat": {"id": 78, "type": "private"},
               "from": {"id": 78, "is_bot": False, "first_name": "W"}, "text": MARKER}
    url = f"http://127.0.0.1:{port}/telegram"
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    try:
        await listening(port)
        async with aiohttp.ClientSession() as http:
            for body in (f'{{"broken": "{MARKER}"', json.dumps({"update_id": "x", "text": MARKER}),
                         json.dumps({"update_id": 5, "message": {"text": MARKER}})):
                async with http.post(url, data=body, headers=headers) as response:
                    assert response.status == 400
            async with http.post(url, data=json.dumps({"update_id": 6, "message": message}),
                                 headers=headers) as response:
                assert response.status == 200
        await api.wait_for(lambda: bool(api.replies_to(78)))
    finally:
        stop.set()
        await asyncio.wait_for(serving, timeout=10)
    written = logs.getvalue()
    assert "webhook: refused" in written  # the refusals were logged, their bodies were not
    assert MARKER not in written


async def test_the_rate_limiter_paces_messages_as_configured(api: FakeBotAPI, tmp_path: Path) -> None:
    """RATE_LIMITER on (the default): one message every 1/30 s, never a burst."""
    app = await start_bot(api, tmp_path / "r.sqlite3", rate_limiter=True)
    try:
        for user_id in range(8100, 8120):
            api.message(user_id, "/start")
        await api.wait_for(lambda: sum(c.method == "sendMessage" for c in api.calls) >= 20)
    finally:
        await stop_bot(app)
    times = sorted(c.sent_at for c in api.calls if c.method == "sendMessage")
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert times[-1] - times[0] >= 19 / bot.app.MESSAGES_PER_SECOND * 0.9
    assert statistics.median(gaps) >= 1 / bot.app.MESSAGES_PER_SECOND * 0.8
    assert max(len([t for t in times if start <= t < start + 1]) for start in times) <= 31


async def test_idle_conversations_are_purged_hourly(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The purge runs at start and then every PURGE_EVERY_SECONDS (an hour; 50 ms here)."""
    monkeypatch.setattr(bot.app, "PURGE_EVERY_SECONDS", 0.05)
    db = tmp_path / "p.sqlite3"
    app = await start_bot(api, db, retention_days=1)
    try:
        user = TgUser(api, 8201)
        await user.run(DR_CHEN[:3])
        await user.settle()

        def rows() -> int:
            with sqlite3.connect(db) as con:
                return int(con.execute("SELECT COUNT(*) FROM conversations").fetchone()[0])

        assert rows() == 1
        with sqlite3.connect(db) as con:  # two days idle
            con.execute("UPDATE conversations SET updated_at = updated_at - 2 * 86400")
        await api.wait_for(lambda: rows() == 0, timeout=10)
    finally:
        await stop_bot(app)


def test_transitions_logs_only_warnings_unless_debug() -> None:
    chatty = logging.getLogger("transitions")
    level = chatty.level
    try:
        configure_logging(TOKEN, logging.INFO)
        assert chatty.getEffectiveLevel() == logging.WARNING
        configure_logging(TOKEN, logging.DEBUG)
        assert chatty.getEffectiveLevel() == logging.DEBUG
    finally:
        chatty.setLevel(level)
        for handler in logging.getLogger().handlers:
            for found in [f for f in handler.filters if isinstance(f, SafeLogs)]:
                handler.removeFilter(found)
