"""Building the python-telegram-bot Application from Settings (tests inject the API base URL)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import SecretStr
from telegram import Bot, BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.documents import Documents
from bot.errors import Errors
from bot.groups import group
from bot.handlers import Handlers
from bot.metrics import MeasuredOrder, count_error
from bot.pacing import SharedPacing
from bot.readers import ChildReaders, DocumentReader
from bot.reminders import remind_forever
from bot.settings import Settings
from bot.share import Share
from bot.store import Store, off_loop, open_store
from bot.transport import RetryingRequest
from flows.interview import commands_for, flow_command_names

# The menu: the one command list (flows/commands.py), as Telegram offers it.
COMMANDS = [BotCommand(c.name, c.description) for c in commands_for("telegram")]
FLOW_COMMANDS = [name for name in flow_command_names() if name != "help"]
SHORT_DESCRIPTION = "Mega backdoor Roth: does your plan allow it, and how much after-tax room you have."


def description(retention_days: int) -> str:
    """The bot's profile text, shown before /start (Telegram allows 512 characters; the short
    description, on its profile page and in shares, 120)."""
    return (
        "I tell you, in a couple of minutes, whether your employer's 401(k) or 403(b) plan "
        "supports the mega backdoor Roth, how much after-tax room you have this year and per "
        "paycheck, and which route to use, with the IRS source of every limit.\n\n"
        "What I keep: only your answers, so you can continue later; they are deleted after "
        f"{retention_days} days without use, and /forget deletes them at once (and any reminder "
        "you ask for). No name, no "
        "account, no documents. Not tax advice: confirm your plan's features with its administrator."
    )


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
    readers: DocumentReader | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot. ``request`` replaces the HTTP client (benchmarks answer locally, without sockets);
    ``readers`` the plan documents' readers (by default child processes as the settings say)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is required for Telegram mode")
    if store is None:
        store = _settings_store(settings)
    handlers = Handlers(store, settings.retention_days, today, charts=settings.send_chart)
    if readers is None:
        readers = ChildReaders(children=settings.spd_readers, seconds=settings.spd_read_seconds,
                               memory_mib=settings.spd_memory_mib)
    errors = Errors(handlers.screens, redelivered_on_store_error=bool(settings.webhook_url))
    builder = _builder(settings, settings.telegram_bot_token, store, readers)
    app = _with_transport(builder, settings, request).build()
    _add_handlers(app, handlers, Share(store, today), Documents(handlers._advance, readers))
    app.add_error_handler(count_error)
    app.add_error_handler(errors.error)
    app.bot_data["store"] = store
    return app


def _settings_store(settings: Settings) -> Store:
    """The store the settings name: PostgreSQL by DATABASE_URL, else SQLite at DATABASE_PATH."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    return open_store(url, settings.database_path)


Builder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


def _builder(settings: Settings, token: SecretStr, store: Store, readers: DocumentReader) -> Builder:
    """The bot's token, its measured order of updates, and what starts and stops with it."""
    return (
        Application.builder()
        .token(token.get_secret_value())
        .concurrent_updates(MeasuredOrder())
        .post_init(_post_init(store, settings))
        .post_shutdown(_post_shutdown(store, readers))
    )


def _with_transport(builder: Builder, settings: Settings, request: BaseRequest | None) -> Builder:
    """How the bot reaches Telegram: the HTTP client (retrying, unless one is given), the API's
    URLs (tests name a local one) and the pacing BOT_WORKERS processes share."""
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
    return builder


# Telegram takes ~30 messages/s, so 32 connections at ~100 ms each are ten times what it accepts.
# PTB's default of 256 costs CPU under load: httpcore scans every pooled connection each time a
# request finishes (at 1,000 users that scan was the bot's largest cost).
CONNECTION_POOL_SIZE = 32


def _retrying_request(timeout: float) -> RetryingRequest:
    return RetryingRequest(connection_pool_size=CONNECTION_POOL_SIZE, read_timeout=timeout,
                           write_timeout=timeout, connect_timeout=timeout, pool_timeout=timeout,
                           media_write_timeout=timeout * 3)


def _add_handlers(app: Application[Any, Any, Any, Any, Any, Any], h: Handlers, share: Share,
                  documents: Documents) -> None:
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    # Taps are most updates: their handler goes first so PTB does not test ten others each time.
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(InlineQueryHandler(share.inline_share))
    app.add_handler(MessageHandler(groups, group))
    app.add_handler(CommandHandler("start", h.start, filters=private))
    app.add_handler(CommandHandler("help", h.help, filters=private))
    app.add_handler(CommandHandler("limits", h.limits, filters=private))
    app.add_handler(CommandHandler("forget", h.forget, filters=private))
    app.add_handler(CommandHandler("cancel", h.cancel, filters=private))
    app.add_handler(CommandHandler("reminders", h.reminders, filters=private))
    app.add_handler(CommandHandler(FLOW_COMMANDS, h.command, filters=private))
    app.add_handler(MessageHandler(private & filters.COMMAND, h.unknown))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT, h.text))
    message = private & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(message & filters.Document.ALL, documents.document))
    app.add_handler(MessageHandler(message & filters.PHOTO, documents.photo))
    app.add_handler(MessageHandler(private, h.other))


AnyApp = Application[Any, Any, Any, Any, Any, Any]


def _post_init(store: Store, settings: Settings) -> Callable[[AnyApp], Any]:
    async def post_init(app: AnyApp) -> None:
        await app.bot.set_my_commands(COMMANDS)
        await set_profile(app.bot, settings.retention_days)
        retention = settings.retention_days * 86400.0
        await off_loop(store, store.purge_idle, retention)
        app.bot_data["purger"] = asyncio.create_task(_purge_forever(store, retention))
        # reminders are read from the store: whatever was scheduled before a restart goes on
        app.bot_data["reminder"] = asyncio.create_task(remind_forever(app.bot, store))

    return post_init


async def set_profile(bot: Bot, retention_days: int) -> None:
    """Description and short description, written only when Telegram holds something else (each
    write is a call that Telegram rate-limits, and every start-up would repeat it)."""
    wanted = description(retention_days)
    if (await bot.get_my_description()).description != wanted:
        await bot.set_my_description(wanted)
    if (await bot.get_my_short_description()).short_description != SHORT_DESCRIPTION:
        await bot.set_my_short_description(SHORT_DESCRIPTION)


async def _purge_forever(store: Store, retention_seconds: float) -> None:
    while True:
        await asyncio.sleep(PURGE_EVERY_SECONDS)
        try:
            await off_loop(store, store.purge_idle, retention_seconds)
        except Exception as exc:  # the database is away: the next round purges
            logging.getLogger(__name__).warning("purge: %s", type(exc).__name__)


def _post_shutdown(store: Store, readers: DocumentReader) -> Callable[[AnyApp], Any]:
    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        for name in ("purger", "reminder"):
            task = app.bot_data.get(name)
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        readers.close()  # the plan documents' child processes
        store.close()

    return post_shutdown


ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
