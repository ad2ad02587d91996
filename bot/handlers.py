"""Thin PTB callbacks: load the user's conversation, advance the flow, save it, render the reply.

A clean chat: only the current screen carries live buttons. Before a new screen is sent, the
previous one loses its keyboard, and an answered question is edited to "question — answer". To
do that the bot records, per user, which message shows the current screen (``Screen``) in the
stored conversation under "tg" (the flow ignores it): written after each new screen is sent,
so a restart, or another worker handling the user's next update, knows which message to edit.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import metrics, reminders
from bot.chart import render_spec
from bot.render import (
    action_keyboard,
    answered_html,
    decode_action,
    decode_tap,
    encode_tap,
    html_text,
    keyboard,
    question_html,
    split_message,
)
from bot.store import Store, Stored
from flows.card import chart_spec, finished_result, result_fingerprint, share_card
from flows.commands import help_lines, unknown_command_line
from flows.interview import Event, Reply, load, new_conversation, step, view
from flows.machine import LAST
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
PRIVATE_ONLY = "Your numbers are private, so I only run the interview in a private chat."
ONLY_TEXT = "I can only read typed answers and button taps; the current question is above."
EDITED = "Editing a sent answer doesn't change it; use /review to change an answer."
STALE = "That button is from an earlier question; the current one is the last message with buttons."
NO_RESULT = "Your result isn't ready yet: answer the questions first."
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²".isdigit() is true and int("²") raises
UI_KEY = "tg"  # the bot's note in the stored conversation (the flow ignores unknown keys)
SHARE_WITHOUT, SHARE_WITH = "result", "result+profile"


@dataclass
class Screen:
    """Where a user's current screen is: the message that shows it (or None), whether it carries
    buttons, its question's HTML (for the "question — answer" edit), and the fingerprint of the
    last result whose chart was sent. Stored as a small JSON-safe dict."""

    message: int | None = None
    buttons: bool = False
    question: str | None = None
    chart: str | None = None

    def stored(self) -> dict[str, Any]:
        return {"m": self.message, "b": int(self.buttons), "q": self.question, "c": self.chart}

    @classmethod
    def of(cls, stored: Stored) -> Screen:
        raw = stored.conversation.get(UI_KEY) if stored.conversation else None
        if not isinstance(raw, dict):
            return cls()
        message, question, chart = raw.get("m"), raw.get("q"), raw.get("c")
        return cls(message if isinstance(message, int) else None, bool(raw.get("b")),
                   question if isinstance(question, str) else None,
                   chart if isinstance(chart, str) else None)


class Handlers:
    """Everything the bot does per update. Holds the store and the clock; no rules or questions."""

    def __init__(
        self, store: Store, retention_days: int, today: Callable[[], date] = date.today,
        *, charts: bool = True, clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.clock = clock
        self.charts = charts
        self.retention_days = retention_days
        self.today = today

    # -- conversation plumbing -------------------------------------------------------------
    def _conversation(self, user_id: int) -> dict[str, Any]:
        conv = _conversation_of(self.store.read(user_id))
        metrics.note_state(conv)
        return conv

    def _state(self, user_id: int) -> tuple[dict[str, Any], Screen]:
        """The user's conversation and where its screen is, as stored."""
        stored = self.store.read(user_id)
        conv = _conversation_of(stored)
        metrics.note_state(conv)
        return conv, Screen.of(stored)

    def _apply(self, update: Update, event: Event) -> tuple[Reply, dict[str, Any], Screen]:
        """Advance and save, once per update: after a crash Telegram delivers again the updates
        whose offset was not confirmed; one already applied only shows where the user is (its
        answer must not land on the next question). A step that changes no answer (a refused
        answer, /summary too early) is not written here: applying it again changes nothing
        either (only the note of where the new screen is gets written, once it is sent).
        Returns the reply, the conversation after it and where its screen is."""
        with self.store.locked(_user_id(update)) as row:  # one transaction holds the user's row
            stored = row.stored
            screen = Screen.of(stored)
            conv = _conversation_of(stored)
            if stored.already_applied(update.update_id, time.time()):
                metrics.note_state(conv)
                return view(conv, self.today()), conv, screen
            reply = step(conv, event, self.today())
            if conv != _flow_part(stored.conversation):
                row.save({**conv, UI_KEY: screen.stored()}, update.update_id)
        metrics.observe_step(stored.conversation, conv, reply.result)
        return reply, conv, screen

    async def _advance(self, update: Update, context: Context, event: Event,
                       chosen: str | None = None) -> None:
        reply, conv, screen = self._apply(update, event)
        if reply.reminder is not None:  # "Remind me to convert", chosen: kept before it is confirmed
            reminders.keep(self.store, _user_id(update), _chat_id(update), reply.reminder, self.clock())
        await self._show(update, context, reply, conv, screen, chosen=chosen)

    async def _show(self, update: Update, context: Context, reply: Reply, conv: dict[str, Any],
                    screen: Screen, *, chosen: str | None = None, chart_again: bool = False) -> None:
        """A new screen: retire the previous one (edit it, never leave two live keyboards), send
        this one, and record where it is. A result's chart follows its text once per distinct
        result (or again on request) and carries the result's buttons."""
        chat_id = _chat_id(update)
        await self._retire(context, chat_id, screen, reply.answered, chosen)
        spec = chart_spec(reply.result) if self.charts and reply.chart and reply.result else None
        fingerprint = result_fingerprint(reply.result) if spec is not None and reply.result else None
        with_chart = spec is not None and (chart_again or fingerprint != screen.chart)
        is_result = reply.result is not None and reply.state == LAST
        markup = keyboard(reply, result_extras=is_result, chart_button=is_result and spec is not None
                          and not with_chart)
        if spec is not None and with_chart:
            rendering = asyncio.create_task(asyncio.to_thread(render_spec, spec))
            await _send_text(context, chat_id, html_text(reply), None)
            picture = await rendering
            sent = await context.bot.send_photo(chat_id, picture, caption=spec.caption,
                                                reply_markup=markup, filename="your-limit.jpg")
            screen.chart = fingerprint
        else:
            sent = await _send_text(context, chat_id, html_text(reply), markup)
        screen.message = sent.message_id
        screen.buttons = markup is not None
        screen.question = question_html(reply) if markup is not None or reply.expects_text else None
        self._record(update, conv, screen)

    def _record(self, update: Update, conv: dict[str, Any], screen: Screen) -> None:
        """Where the screen now is, written with the conversation (a second small write after an
        accepted answer: the message id is known only once the reply is sent, and the answer
        must be saved before it is)."""
        self.store.save(_user_id(update), {**conv, UI_KEY: screen.stored()}, update.update_id)

    async def _retire(self, context: Context, chat_id: int, screen: Screen,
                      answered: tuple[str, str] | None, chosen: str | None) -> None:
        """The previous screen loses its buttons; an answered question shows its answer."""
        if screen.message is None:
            return
        message_id, had_buttons, question = screen.message, screen.buttons, screen.question
        screen.message, screen.buttons, screen.question = None, False, None
        try:
            if answered is not None and question is not None:
                text = answered_html(question, answered, chosen)
                await context.bot.edit_message_text(text, chat_id, message_id, parse_mode=HTML)
            elif had_buttons:
                await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except TelegramError as exc:  # gone, too old to edit, or failing: the new screen matters more
            log.info("could not retire an old screen: %s", type(exc).__name__)

    async def _stale_tap(self, query: CallbackQuery, context: Context) -> None:
        """Only the notice; the tapped message (an old client's keyboard) loses its buttons."""
        message = query.message
        if isinstance(message, Message):
            if message.reply_markup is not None:
                try:
                    await context.bot.edit_message_reply_markup(message.chat.id, message.message_id,
                                                                reply_markup=None)
                except BadRequest as exc:
                    log.info("could not clear a stale keyboard: %s", type(exc).__name__)
            await context.bot.send_message(message.chat.id, STALE)

    # -- updates ------------------------------------------------------------------------------
    async def start(self, update: Update, context: Context) -> None:
        conv, screen = self._state(_user_id(update))
        result = finished_result(conv, self.today())
        if result is not None:
            await self._welcome_back_to_result(update, context, conv, screen, result["tax_year"])
            return
        notice = "Welcome back! You were here:" if conv["answers"] else WELCOME
        await self._show(update, context, view(conv, self.today(), notice=notice), conv, screen)

    async def _welcome_back_to_result(self, update: Update, context: Context, conv: dict[str, Any],
                                      screen: Screen, year: int) -> None:
        """One short message: the result is kept; see it again or start over."""
        await self._retire(context, _chat_id(update), screen, None, None)
        markup = action_keyboard(((("See my result", "a|summary"),
                                   ("Start over", encode_tap(LAST, "restart"))),))
        sent = await context.bot.send_message(
            _chat_id(update), f"Welcome back! Your {year} result is ready.", reply_markup=markup)
        screen.message, screen.buttons, screen.question = sent.message_id, True, None
        self._record(update, conv, screen)

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
        reply, conv, screen = self._apply(update, Event("command", "summary"))
        await self._show(update, context, reply, conv, screen, chart_again=True)

    async def unknown(self, update: Update, context: Context) -> None:
        """One line; the current screen above stays as it is."""
        message = update.effective_message
        assert message is not None
        name = (message.text or "/").split()[0].lstrip("/").split("@")[0]
        await _say(update, context, unknown_command_line(name))

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
        conv, _screen = self._state(_user_id(update))
        if tap is None or tap.state != conv["state"]:
            await self._stale_tap(query, context)
            return
        await self._advance(update, context, Event("button", tap.value, tap.state),
                            chosen=_tapped_label(query))

    async def _action(self, update: Update, context: Context, action: str) -> None:
        if action == "summary":
            await self._summary(update, context)
            return
        conv = self._conversation(_user_id(update))
        result = finished_result(conv, self.today())
        spec = chart_spec(result) if result is not None else None
        if result is None or spec is None:
            await _say(update, context, NO_RESULT)
            return
        picture = await asyncio.to_thread(render_spec, spec)
        await context.bot.send_photo(_chat_id(update), picture, caption=spec.caption,
                                     filename="your-limit.jpg")

    async def limits(self, update: Update, context: Context) -> None:
        years = supported_years()
        args = context.args or []
        year = years[-1]
        if args:
            if not YEAR.fullmatch(args[0]) or int(args[0]) not in years:
                await _say(update, context, f"I have IRS limits for {', '.join(map(str, years))}.")
                return
            year = int(args[0])
        await _say(update, context, "\n".join(limits_lines(year)))

    async def forget(self, update: Update, context: Context) -> None:
        user_id = _user_id(update)
        _conv, screen = self._state(user_id)
        await self._retire(context, _chat_id(update), screen, None, None)
        removed = self.store.forget(user_id)
        text = ("Done: I deleted everything I held about you (your answers and any reminder)."
                if removed else "I hold nothing about you.")
        await _say(update, context, f"{text} /start begins afresh.")

    async def reminders(self, update: Update, context: Context) -> None:
        """/reminders lists the user's conversion reminder; /reminders stop ends it."""
        user_id = _user_id(update)
        if [a.lower() for a in (context.args or [])][:1] in (["stop"], ["off"], ["cancel"]):
            stopped = self.store.stop_reminders(user_id)
            await _say(update, context, "Reminder stopped." if stopped else "No reminder to stop.")
            return
        await _say(update, context, reminders.listing(self.store.reminders_of(user_id)))

    async def cancel(self, update: Update, context: Context) -> None:
        await _say(update, context, f"Paused. I keep your answers for {self.retention_days} days of "
                   "inactivity: /start resumes, /forget deletes them now.")

    async def help(self, update: Update, context: Context) -> None:
        """One message: what I do, why the current question is asked, the commands."""
        conv = self._conversation(_user_id(update))
        await _say(update, context, "\n".join(help_lines(conv, "telegram")))

    async def other(self, update: Update, context: Context) -> None:
        """Photos, stickers, voice, edits...: one line; the current question stays above."""
        await _say(update, context, EDITED if update.edited_message is not None else ONLY_TEXT)

    async def group(self, update: Update, context: Context) -> None:
        """In a group: only commands addressed to the bot and mentions of it, and never figures:
        one button to continue privately."""
        chat = update.effective_chat
        message = update.effective_message
        if chat is None or message is None or not _addressed_to(message, context.bot.username,
                                                                context.bot.id):
            return
        link = f"https://t.me/{context.bot.username}?start=go"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Continue privately", url=link)]])
        await message.reply_text(PRIVATE_ONLY, reply_markup=markup, do_quote=True)

    async def inline_share(self, update: Update, context: Context) -> None:
        """The Share button's card, offered in the chat the user picked: without pay and age, or
        with them; nothing is sent until the user taps one."""
        query = update.inline_query
        assert query is not None
        conv = self._conversation(query.from_user.id)
        plain = share_card(conv, self.today())
        if plain is None:
            button = InlineQueryResultsButton("Finish your check first", start_parameter="share")
            await query.answer([], cache_time=0, is_personal=True, button=button)
            return
        profile = share_card(conv, self.today(), with_profile=True) or plain
        results = [_card(SHARE_WITHOUT, "Share my result", "verdict, room, per paycheck", plain)]
        if profile != plain:
            results.append(_card(SHARE_WITH, "Share it with my pay and age", profile[-1], profile))
        await query.answer(results, cache_time=0, is_personal=True)

    async def error(self, update: object, context: Context) -> None:
        """Log the error without user data (no message text: it can hold figures), then tell the user."""
        error = context.error
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update failed: %s\n%s", type(error).__name__, frames)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != ChatType.PRIVATE or update.effective_user is None:
            return
        conv, screen = self._state(update.effective_user.id)
        reply = view(conv, self.today(),
                     notice="Sorry, something went wrong on my side. Your answers are safe; you are here:")
        try:
            await self._show(update, context, replace(reply, chart=False), conv, screen)
        except Exception as exc:
            log.error("could not tell the user about the error: %s", type(exc).__name__)


def _card(result_id: str, title: str, description: str, lines: list[str]) -> InlineQueryResultArticle:
    text = "\n".join(html.escape(line, quote=False) for line in lines)
    return InlineQueryResultArticle(result_id, title, InputTextMessageContent(text, parse_mode=HTML),
                                    description=description)


def _addressed_to(message: Message, username: str, bot_id: int) -> bool:
    """A command for this bot (/start, /start@this_bot), a mention of it, or a reply to it."""
    text = message.text or message.caption or ""
    if text.startswith("/"):
        _, _, target = text.split(maxsplit=1)[0].partition("@")
        return not target or target.lower() == username.lower()
    if f"@{username}".lower() in text.lower():
        return True
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


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


async def _send_text(context: Context, chat_id: int, text: str,
                     markup: InlineKeyboardMarkup | None) -> Message:
    """Split below Telegram's limit; the keyboard goes on the last part. Returns the last part."""
    chunks = split_message(text)
    sent: Message | None = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await context.bot.send_message(chat_id, chunk, reply_markup=markup if last else None,
                                              parse_mode=HTML)
    assert sent is not None
    return sent


async def _acknowledge(query: CallbackQuery) -> None:
    """Stop the button's spinner. If Telegram still refuses after the retries, the tap is handled
    anyway: its answer matters more than the spinner."""
    try:
        await query.answer()
    except TelegramError as exc:
        log.warning("answerCallbackQuery failed: %s", type(exc).__name__)


def _flow_part(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    if raw is None or UI_KEY not in raw:
        return raw
    return {key: value for key, value in raw.items() if key != UI_KEY}


def _conversation_of(stored: Stored) -> dict[str, Any]:
    return load(stored.conversation) if stored.conversation is not None else new_conversation()


def _user_id(update: Update) -> int:
    user = update.effective_user
    assert user is not None
    return user.id


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def _say(update: Update, context: Context, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    for chunk in split_message(html.escape(text, quote=False)):
        await context.bot.send_message(chat.id, chunk, parse_mode=HTML)

