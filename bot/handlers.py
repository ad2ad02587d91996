"""The interview's updates, as thin PTB callbacks: apply the update to the user's conversation
(bot/screen.py, under the user's row lock), then show the screen. Sharing (bot/share.py), groups
(bot/groups.py) and errors (bot/errors.py) have their own modules. No rule or question logic."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot import reminders
from bot.chart import render_spec
from bot.groups import PRIVATE_ONLY
from bot.render import action_keyboard, decode_action, decode_tap, encode_tap
from bot.screen import Context, Outcome, Screens, chat_id_of, say, user_id_of
from bot.store import Store, off_loop
from flows.interview import (
    LAST,
    Event,
    chart_spec,
    finished_result,
    help_lines,
    limits_lines,
    supported_years,
    unknown_command_line,
    view,
)

log = logging.getLogger(__name__)
WELCOME = (
    "Hi! In a couple of minutes I'll tell you whether your plan supports the mega backdoor Roth, "
    "how much after-tax room you have and which route to use. /help lists the commands."
)
ONLY_TEXT = "I can only read typed answers and button taps; the current question is above."
EDITED = "Editing a sent answer doesn't change it; use /review to change an answer."
NO_RESULT = "Your result isn't ready yet: answer the questions first."
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²".isdigit() is true and int("²") raises


class Handlers:
    """The interview's commands, answers and taps. Holds the store, the screen and the clock."""

    def __init__(
        self, store: Store, retention_days: int, today: Callable[[], date] = date.today,
        *, charts: bool = True, clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.clock = clock
        self.retention_days = retention_days
        self.today = today
        self.screens = Screens(store, today, charts=charts, clock=clock)

    async def _advance(self, update: Update, context: Context, event: Event,
                       chosen: str | None = None, *, chart_again: bool = False) -> None:
        outcome = await self.screens.apply(update, event)
        if outcome.kind == "stale" and update.callback_query is not None:
            await self.screens.stale_tap(update.callback_query, context)
            return
        if not outcome.reply_owed:  # delivered again, and its reply was already sent
            return
        await self._keep_reminder(update, outcome)
        await self.screens.show(update, context, outcome.reply, outcome.conversation, outcome.screen,
                                chosen=chosen if outcome.kind == "applied" else None,
                                chart_again=chart_again, typed=event.kind == "text")

    async def _keep_reminder(self, update: Update, outcome: Outcome) -> None:
        """"Remind me to convert", chosen: kept before it is confirmed."""
        if outcome.kind == "applied" and outcome.reply.reminder is not None:
            await off_loop(self.store, reminders.keep, self.store, user_id_of(update), chat_id_of(update),
                           outcome.reply.reminder, self.clock())

    # -- updates ------------------------------------------------------------------------------
    async def start(self, update: Update, context: Context) -> None:
        conv, screen = await self.screens.state(user_id_of(update))
        result = finished_result(conv, self.today())
        if result is not None:
            await self._welcome_back_to_result(update, context, conv, screen, result["tax_year"])
            return
        notice = "Welcome back! You were here:" if conv["answers"] else WELCOME
        await self.screens.show(update, context, view(conv, self.today(), notice=notice), conv, screen)

    async def _welcome_back_to_result(self, update: Update, context: Context, conv: dict[str, Any],
                                      screen: Any, year: int) -> None:
        """One short message: the result is kept; see it again or start over."""
        await self.screens.retire(context, chat_id_of(update), screen, None, None)
        markup = action_keyboard(((("See my result", "a|summary"),
                                   ("Start over", encode_tap(LAST, "restart"))),))
        sent = await context.bot.send_message(
            chat_id_of(update), f"Welcome back! Your {year} result is ready.", reply_markup=markup)
        screen.message, screen.buttons, screen.question = sent.message_id, True, None
        screen.kept, screen.whole, screen.editable = [], None, False
        await self.screens.record(update, conv, screen)

    async def text(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        assert message.text is not None
        await self._advance(update, context, Event("text", message.text))

    async def command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        assert message.text is not None
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        if name == "summary":
            await self._summary(update, context)
            return
        await self._advance(update, context, Event("command", name))

    async def _summary(self, update: Update, context: Context) -> None:
        """The result again, chart included: asked for, so sent even if already seen."""
        await self._advance(update, context, Event("command", "summary"), chart_again=True)

    async def unknown(self, update: Update, context: Context) -> None:
        """One line; the current screen above stays as it is."""
        message = update.effective_message
        assert message is not None
        name = (message.text or "/").split()[0].lstrip("/").split("@")[0]
        await say(update, context, unknown_command_line(name))

    async def button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await query.answer(PRIVATE_ONLY, show_alert=True)
            return
        await _acknowledge(query)
        action = decode_action(query.data)
        if action is not None:
            await self._action(update, context, action)
            return
        tap = decode_tap(query.data)
        if tap is None:
            await self.screens.stale_tap(query, context)
            return
        await self._advance(update, context, Event("button", tap.value, tap.state),
                            chosen=_tapped_label(query))

    async def _action(self, update: Update, context: Context, action: str) -> None:
        if action == "summary":
            await self._summary(update, context)
            return
        conv, _screen = await self.screens.state(user_id_of(update))
        result = finished_result(conv, self.today())
        spec = chart_spec(result) if result is not None else None
        if result is None or spec is None:
            await say(update, context, NO_RESULT)
            return
        picture = await asyncio.to_thread(render_spec, spec)
        await context.bot.send_photo(chat_id_of(update), picture, caption=spec.caption,
                                     filename="your-limit.jpg")

    async def limits(self, update: Update, context: Context) -> None:
        years = supported_years()
        args = context.args or []
        year = years[-1]
        if args:
            if not YEAR.fullmatch(args[0]) or int(args[0]) not in years:
                await say(update, context, f"I have IRS limits for {', '.join(map(str, years))}.")
                return
            year = int(args[0])
        await say(update, context, "\n".join(limits_lines(year)))

    async def forget(self, update: Update, context: Context) -> None:
        """Answers and reminders deleted under the row lock; a tombstone keeps the update mark, so
        a late write from an earlier update cannot bring them back."""
        user_id = user_id_of(update)
        _conv, screen = await self.screens.state(user_id)
        await self.screens.retire(context, chat_id_of(update), screen, None, None)
        removed = await off_loop(self.store, self.store.forget, user_id, update.update_id)
        text = ("Done: I deleted everything I held about you (your answers and any reminder)."
                if removed else "I hold nothing about you.")
        await say(update, context, f"{text} /start begins afresh.")

    async def reminders(self, update: Update, context: Context) -> None:
        """/reminders lists the user's conversion reminder; /reminders stop ends it."""
        user_id = user_id_of(update)
        if [a.lower() for a in (context.args or [])][:1] in (["stop"], ["off"], ["cancel"]):
            stopped = await off_loop(self.store, self.store.stop_reminders, user_id)
            await say(update, context, "Reminder stopped." if stopped else "No reminder to stop.")
            return
        rows = await off_loop(self.store, self.store.reminders_of, user_id)
        await say(update, context, reminders.listing(rows))

    async def cancel(self, update: Update, context: Context) -> None:
        await say(update, context, f"Paused. I keep your answers for {self.retention_days} days of "
                  "inactivity: /start resumes, /forget deletes them now.")

    async def help(self, update: Update, context: Context) -> None:
        """One message: what I do, why the current question is asked, the commands."""
        conv, _screen = await self.screens.state(user_id_of(update))
        await say(update, context, "\n".join(help_lines(conv, "telegram")))

    async def other(self, update: Update, context: Context) -> None:
        """Photos, stickers, voice, edits...: one line; the current question stays above."""
        await say(update, context, EDITED if update.edited_message is not None else ONLY_TEXT)


def _tapped_label(query: CallbackQuery) -> str | None:
    """The label of the button tapped, read from the message's own keyboard."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def _acknowledge(query: CallbackQuery) -> None:
    """Stop the button's spinner. If Telegram still refuses after the retries, the tap is handled
    anyway: its answer matters more than the spinner."""
    try:
        await query.answer()
    except TelegramError as exc:
        log.warning("answerCallbackQuery failed: %s", type(exc).__name__)
