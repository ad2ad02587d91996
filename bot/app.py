"""Building the python-telegram-bot Application from Settings (tests inject the API base URL)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.handlers import Handlers
from bot.metrics import MeasuredOrder, count_error
from bot.pacing import SharedPacing
from bot.settings import Settings
from bot.store import Store, open_store
from bot.transport import RetryingRequest

COMMANDS = [
    BotCommand("start", "start or resume the interview"),
    BotCommand("help", "what I do and why I ask"),
    BotCommand("back", "previous question"),
    BotCommand("review", "review and change answers"),
    BotCommand("restart", "start over"),
    BotCommand("summary", "your result"),
    BotCommand("limits", "IRS limits for a year, e.g. /limits 2026"),
    BotCommand("forget", "delete everything I hold about you"),
    BotCommand("cancel", "pause"),
]
FLOW_COMMANDS = ["back", "review", "restart", "summary", "details"]
PURGE_EVERY_SECONDS = 3600.0
# Telegram's ceiling for one bot is about 30 messages a second. A burst of 30 then 30 a second
# would be 36 a second over the busiest 5 s (bench/bench_loopback.py): messages are paced one
# every 1/30 s instead, never in bursts.
MESSAGES_PER_SECOND = 30


def build_application(
    settings: Settings,
    *,
    today: Callable[[], date] = date.today,
    store: Store | None = None,
    request: BaseRequest | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot. ``request`` replaces the HTTP client (benchmarks answer locally, without sockets)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is required for Telegram mode")
    if store is None:
        url = settings.database_url.get_secret_value() if settings.database_url else None
        store = open_store(url, settings.database_path)
    handlers = Handlers(store, settings.retention_days, today, charts=settings.send_chart)
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .concurrent_updates(MeasuredOrder())
        .post_init(_post_init(store, settings))
        .post_shutdown(_post_shutdown(store))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.request(_retrying_request(settings.api_timeout_seconds))
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_file_url:
        builder = builder.base_file_url(settings.api_file_url)
    if settings.rate_limiter:  # BOT_WORKERS processes share the bot's limit (bot/pacing.py)
        builder = builder.rate_limiter(SharedPacing(settings.bot_workers, MESSAGES_PER_SECOND))
    app = builder.build()
    _add_handlers(app, handlers)
    app.add_error_handler(count_error)
    app.bot_data["store"] = store
    return app


# Telegram takes ~30 messages/s, so 32 connections at ~100 ms each are ten times what it accepts.
# PTB's default of 256 costs CPU under load: httpcore scans every pooled connection each time a
# request finishes (at 1,000 users that scan was the bot's largest cost).
CONNECTION_POOL_SIZE = 32


def _retrying_request(timeout: float) -> RetryingRequest:
    return RetryingRequest(connection_pool_size=CONNECTION_POOL_SIZE, read_timeout=timeout,
                           write_timeout=timeout, connect_timeout=timeout, pool_timeout=timeout,
                           media_write_timeout=timeout * 3)


def _add_handlers(app: Application[Any, Any, Any, Any, Any, Any], h: Handlers) -> None:
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    # Taps are most updates: their handler goes first so PTB does not test ten others each time.
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(MessageHandler(groups, h.group))
    app.add_handler(CommandHandler("start", h.start, filters=private))
    app.add_handler(CommandHandler("help", h.help, filters=private))
    app.add_handler(CommandHandler("limits", h.limits, filters=private))
    app.add_handler(CommandHandler("forget", h.forget, filters=private))
    app.add_handler(CommandHandler("cancel", h.cancel, filters=private))
    app.add_handler(CommandHandler(FLOW_COMMANDS, h.command, filters=private))
    app.add_handler(MessageHandler(private & filters.COMMAND, h.command))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT, h.text))
    app.add_handler(MessageHandler(private, h.other))
    app.add_error_handler(h.error)


AnyApp = Application[Any, Any, Any, Any, Any, Any]


def _post_init(store: Store, settings: Settings) -> Callable[[AnyApp], Any]:
    async def post_init(app: AnyApp) -> None:
        await app.bot.set_my_commands(COMMANDS)
        retention = settings.retention_days * 86400.0
        store.purge_idle(retention)
        app.bot_data["purger"] = asyncio.create_task(_purge_forever(store, retention))

    return post_init


async def _purge_forever(store: Store, retention_seconds: float) -> None:
    while True:
        await asyncio.sleep(PURGE_EVERY_SECONDS)
        store.purge_idle(retention_seconds)


def _post_shutdown(store: Store) -> Callable[[Application[Any, Any, Any, Any, Any, Any]], Any]:
    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        purger = app.bot_data.get("purger")
        if purger is not None:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
        store.close()

    return post_shutdown


ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
