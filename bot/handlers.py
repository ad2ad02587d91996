"""Thin PTB callbacks: load the user's conversation, advance the flow, save it, render the reply."""

from __future__ import annotations

import asyncio
import html
import logging
import time
import traceback
from collections.abc import Callable
from datetime import date
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import metrics
from bot.chart import render_chart
from bot.render import decode_tap, html_text, keyboard, split_message
from bot.store import Store, Stored
from flows.interview import Event, Reply, load, new_conversation, step, view
from flows.summary import limits_lines
from rules.limits import supported_years

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
# Passed per call, not as Defaults: ExtBot then walks every parameter of every request (~15 us).
HTML = ParseMode.HTML

WELCOME = (
    "Hi! In a couple of minutes I'll tell you whether your plan supports the mega backdoor Roth, "
    "how much after-tax room you have and which route to use. /help lists the commands."
)
HELP = (
    "Commands: /back previous question · /review change an answer · /restart start over · "
    "/summary your result · /limits [year] IRS limits · /forget delete your data · /cancel pause."
)
PRIVATE_ONLY = "Your numbers are private, so I only run the interview in a private chat."
ONLY_TEXT = "I can only read typed answers and button taps."
STALE = "That button is no longer valid (an old message or an earlier version); here is where you are."


class Handlers:
    """Everything the bot does per update. Holds the store and the clock; no rules or questions."""

    def __init__(
        self, store: Store, retention_days: int, today: Callable[[], date] = date.today,
        *, charts: bool = True,
    ) -> None:
        self.store = store
        self.charts = charts
        self.retention_days = retention_days
        self.today = today

    # -- conversation plumbing -------------------------------------------------------------
    def _conversation(self, user_id: int) -> dict[str, Any]:
        conv = _conversation_of(self.store.read(user_id))
        metrics.note_state(conv)
        return conv

    def _apply(self, update: Update, event: Event) -> Reply:
        """Advance and save, once per update: after a crash Telegram delivers again the updates
        whose offset was not confirmed; one already applied only shows where the user is (its
        answer must not land on the next question). A step that changes nothing (a refused
        answer, /summary too early, a stale button) writes nothing: applying it again changes
        nothing either."""
        with self.store.locked(_user_id(update)) as row:  # one transaction holds the user's row
            stored = row.stored
            conv = _conversation_of(stored)
            if stored.already_applied(update.update_id, time.time()):
                metrics.note_state(conv)
                return view(conv, self.today())
            reply = step(conv, event, self.today())
            if conv != stored.conversation:
                row.save(conv, update.update_id)
        metrics.observe_step(stored.conversation, conv, reply.result)
        return reply

    async def _advance(self, update: Update, context: Context, event: Event) -> None:
        await self._send(update, context, self._apply(update, event))

    async def _send(self, update: Update, context: Context, reply: Reply) -> None:
        chat = update.effective_chat
        assert chat is not None
        chunks = split_message(html_text(reply))
        for index, chunk in enumerate(chunks):
            markup = keyboard(reply) if index == len(chunks) - 1 else None
            await context.bot.send_message(chat.id, chunk, reply_markup=markup, parse_mode=HTML)
        if self.charts and reply.chart and reply.result is not None:
            await self._send_chart(chat.id, context, reply.result)

    async def _send_chart(self, chat_id: int, context: Context, result: dict[str, Any]) -> None:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        png = await asyncio.to_thread(render_chart, result)
        await context.bot.send_photo(chat_id, png, caption="How your annual additions limit fills up",
                                     filename="annual-additions.png")

    # -- updates ------------------------------------------------------------------------------
    async def start(self, update: Update, context: Context) -> None:
        user_id = _user_id(update)
        conv = self._conversation(user_id)
        if conv["answers"]:
            await self._send(update, context, view(conv, self.today(), notice="Welcome back! You were here:"))
            return
        conv = new_conversation()
        self.store.save(user_id, conv)
        await self._send(update, context, view(conv, self.today(), notice=WELCOME))

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
        await self._advance(update, context, Event("command", name))

    async def button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await query.answer(PRIVATE_ONLY, show_alert=True)
            return
        await _acknowledge(query)
        tap = decode_tap(query.data)
        if tap is None:
            reply = view(self._conversation(_user_id(update)), self.today(), notice=STALE)
        else:
            reply = self._apply(update, Event("button", tap.value, tap.state))
        # Old keyboards are left in place (removing them doubled the API calls per tap):
        # a tap on an earlier question's button is refused by the flow with a notice.
        await self._send(update, context, reply)

    async def limits(self, update: Update, context: Context) -> None:
        years = supported_years()
        args = context.args or []
        year = years[-1]
        if args:
            if not args[0].isdigit() or int(args[0]) not in years:
                await _say(update, context, f"I have IRS limits for {', '.join(map(str, years))}.")
                return
            year = int(args[0])
        await _say(update, context, "\n".join(limits_lines(year)))

    async def forget(self, update: Update, context: Context) -> None:
        removed = self.store.forget(_user_id(update))
        text = "Done: I deleted everything I held about you (your answers)." if removed else \
            "I hold nothing about you."
        await _say(update, context, f"{text} /start begins afresh.")

    async def cancel(self, update: Update, context: Context) -> None:
        await _say(update, context, f"Paused. I keep your answers for {self.retention_days} days of "
                   "inactivity: /start resumes, /forget deletes them now.")

    async def help(self, update: Update, context: Context) -> None:
        user_id = _user_id(update)
        conv = self._conversation(user_id)
        reply = step(conv, Event("command", "help"), self.today())
        await _say(update, context, HELP)
        await self._send(update, context, reply)

    async def other(self, update: Update, context: Context) -> None:
        """Photos, stickers, voice, edits...: one clear reply and the current question."""
        conv = self._conversation(_user_id(update))
        notice = ONLY_TEXT
        if update.edited_message is not None:
            notice = "Editing a sent answer doesn't change it; use /review to change an answer."
        await self._send(update, context, view(conv, self.today(), notice=notice))

    async def group(self, update: Update, context: Context) -> None:
        chat = update.effective_chat
        if chat is None or update.effective_message is None:
            return
        link = f"https://t.me/{context.bot.username}?start=go"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Continue privately", url=link)]])
        await context.bot.send_message(chat.id, PRIVATE_ONLY, reply_markup=markup)

    async def error(self, update: object, context: Context) -> None:
        """Log the error without user data (no message text: it can hold figures), then tell the user."""
        error = context.error
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update failed: %s\n%s", type(error).__name__, frames)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != ChatType.PRIVATE or update.effective_user is None:
            return
        conv = self._conversation(update.effective_user.id)
        reply = view(conv, self.today(),
                     notice="Sorry, something went wrong on my side. Your answers are safe; you are here:")
        try:
            await self._send(update, context, reply)
        except Exception as exc:
            log.error("could not tell the user about the error: %s", type(exc).__name__)


async def _acknowledge(query: CallbackQuery) -> None:
    """Stop the button's spinner. If Telegram still refuses after the retries, the tap is handled
    anyway: its answer matters more than the spinner."""
    try:
        await query.answer()
    except TelegramError as exc:
        log.warning("answerCallbackQuery failed: %s", type(exc).__name__)


def _conversation_of(stored: Stored) -> dict[str, Any]:
    return load(stored.conversation) if stored.conversation is not None else new_conversation()


def _user_id(update: Update) -> int:
    user = update.effective_user
    assert user is not None
    return user.id


async def _say(update: Update, context: Context, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    for chunk in split_message(html.escape(text, quote=False)):
        await context.bot.send_message(chat.id, chunk, parse_mode=HTML)

