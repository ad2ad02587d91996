"""When a handler fails: log it without user data (no message text: it can hold figures), and
never leave the user without a screen.

A database failure in webhook mode sends nothing: the update is answered 503 (bot/webhook.py),
Telegram delivers it again, and that delivery applies it and replies. Recording anything for the
failed update here would make its redelivery look applied, and its answer would be lost. In polling
mode (the update is confirmed either way) and for any other failure, the user is told and shown
where they are.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import replace

from telegram import Update
from telegram.constants import ChatType

from bot.screen import Context, Screens, say
from bot.store import is_store_error
from flows.interview import view

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side. Your answers are safe; you are here:"
SORRY_STORE = "Sorry, I could not save that just now. Your earlier answers are safe; please send it again."


class Errors:
    def __init__(self, screens: Screens, *, redelivered_on_store_error: bool) -> None:
        self.screens = screens
        self.redelivered_on_store_error = redelivered_on_store_error

    async def error(self, update: object, context: Context) -> None:
        error = context.error
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update failed: %s\n%s", type(error).__name__, frames)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != ChatType.PRIVATE or update.effective_user is None:
            return
        store_failed = error is not None and is_store_error(error)
        if store_failed and self.redelivered_on_store_error:
            return
        try:
            if store_failed:
                await say(update, context, SORRY_STORE)
                return
            conv, screen = await self.screens.state(update.effective_user.id)
            reply = view(conv, self.screens.today(), notice=SORRY)
            await self.screens.show(update, context, replace(reply, chart=False), conv, screen)
        except Exception as exc:
            log.error("could not tell the user about the error: %s", type(exc).__name__)
