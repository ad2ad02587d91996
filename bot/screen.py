"""The screen: apply an update to the user's conversation, show where the user is, and remember it.

A clean chat: only the current screen carries live buttons, and an answered question shows its
answer. The bot records, per user, which message shows the current screen (``Screen``) in the
stored conversation under "tg" (the flow ignores it), so a restart, or another worker handling the
user's next update, knows which message to edit.

Under faults (several workers, redeliveries, kills):
- applied once: the note keeps the ids of the updates applied lately; one delivered again is not
  applied again, and one that arrives after a later answer was applied is not applied over it (the
  user is told); one overtaken only by updates that changed nothing (a 503, then /start, then the
  retry) is applied;
- replied at least once: the note says which update's reply was sent; a redelivered update whose
  reply was not recorded as sent shows the current screen again;
- never erased: every write, the screen note too, happens under the user's row lock and only if
  the row holds no later update (bot/store), with the conversation as stored, not a copy read
  before a slow call to Telegram.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import metrics
from bot.chart import render_spec
from bot.render import SAFE_LENGTH, answered_html, html_text, keyboard, question_html, split_message
from bot.store import Store, Stored, off_loop
from flows.interview import (
    LAST,
    ChartSpec,
    Event,
    Reply,
    chart_spec,
    load,
    new_conversation,
    result_fingerprint,
    step,
    view,
)

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
# Passed per call, not as Defaults: ExtBot then walks every parameter of every request (~15 us).
HTML = ParseMode.HTML
UI_KEY = "tg"  # the bot's note in the stored conversation (the flow ignores unknown keys)
RECENT_APPLIED = 16  # update ids remembered per user: redelivery comes within minutes
STALE = "That button is from an earlier question; the current one is the last message with buttons."
LATE = ("A message of yours arrived after a later one, so I did not use it; "
        "/review changes any answer. You are here:")
Kind = Literal["applied", "redelivered", "late", "stale"]


@dataclass
class Screen:
    """Where a user's current screen is: the message that shows it (or None), whether it carries
    buttons, its question's HTML (for the "question — answer" edit), the fingerprint of the last
    result whose chart was sent, the last update whose reply was sent, and the updates applied
    lately (None in a note from before they were kept). Stored as a small JSON-safe dict."""

    message: int | None = None
    buttons: bool = False
    question: str | None = None
    chart: str | None = None
    sent: int = 0
    applied: list[int] | None = field(default=None)
    kept: list[str] = field(default_factory=list)  # answered lines shown above it, same message
    whole: str | None = None  # the screen's HTML when it is kept whole once answered (a verdict)
    editable: bool = False  # one text message: an answer can be edited into it

    def stored(self) -> dict[str, Any]:
        note: dict[str, Any] = {"m": self.message, "b": int(self.buttons), "q": self.question,
                                "c": self.chart, "s": self.sent, "h": self.kept, "w": self.whole,
                                "e": int(self.editable)}
        if self.applied is not None:
            note["a"] = self.applied[-RECENT_APPLIED:]
        return note

    @classmethod
    def of(cls, stored: Stored) -> Screen:
        raw = stored.conversation.get(UI_KEY) if stored.conversation else None
        if not isinstance(raw, dict):  # no note (a new user, a forgotten one, an older row): the mark says
            return cls()
        message, question, chart, sent, applied, kept, whole = (
            raw.get(k) for k in ("m", "q", "c", "s", "a", "h", "w"))
        return cls(message if isinstance(message, int) else None, bool(raw.get("b")),
                   question if isinstance(question, str) else None,
                   chart if isinstance(chart, str) else None,
                   sent if isinstance(sent, int) else 0,
                   [i for i in applied if isinstance(i, int)] if isinstance(applied, list) else None,
                   [line for line in kept if isinstance(line, str)] if isinstance(kept, list) else [],
                   whole if isinstance(whole, str) else None, bool(raw.get("e")))

    def answered_block(self, answered: tuple[str, str] | None, chosen: str | None) -> str | None:
        """What stays of this screen once answered: "question — answer", or the screen whole."""
        if answered is None:
            return None
        if self.question is not None:
            return answered_html(self.question, answered, chosen)
        return self.whole

    def has_applied(self, update_id: int, stored: Stored) -> bool:
        if self.applied is None:  # an older note: the update mark alone says
            return update_id <= stored.last_update_id
        return update_id in self.applied

    def overtaken(self, update_id: int, stored: Stored) -> bool:
        """A later update already changed the conversation: this one arrived out of order (its
        answer was meant for a question that is behind the user now). Later updates that changed
        nothing (/start, /help, a refused answer) do not count: then this one is applied."""
        if self.applied is None:
            return update_id < stored.last_update_id
        return any(applied > update_id for applied in self.applied)


@dataclass
class Outcome:
    """What applying one update gave: the reply to show, the conversation after it, where its
    screen is, and whether it was applied now, delivered again, arrived late or tapped a stale
    button."""

    reply: Reply
    conversation: dict[str, Any]
    screen: Screen
    kind: Kind
    update_id: int

    @property
    def reply_owed(self) -> bool:
        """A redelivered update still needs its reply if none was recorded as sent."""
        return self.kind != "redelivered" or self.screen.sent < self.update_id


def flow_part(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    if raw is None or UI_KEY not in raw:
        return raw
    return {key: value for key, value in raw.items() if key != UI_KEY}


def conversation_of(stored: Stored) -> dict[str, Any]:
    return load(stored.conversation) if stored.conversation is not None else new_conversation()


def user_id_of(update: Update) -> int:
    user = update.effective_user
    assert user is not None
    return user.id


def chat_id_of(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


class Screens:
    """Applies updates under the user's row lock and shows and records the screen."""

    def __init__(self, store: Store, today: Callable[[], date], *, charts: bool = True,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.today = today
        self.charts = charts
        self.clock = clock

    # -- reading and applying ----------------------------------------------------------------
    async def state(self, user_id: int) -> tuple[dict[str, Any], Screen]:
        """The user's conversation and where its screen is, as stored."""
        stored = await off_loop(self.store, self.store.read, user_id)
        conv = conversation_of(stored)
        metrics.note_state(conv)
        return conv, Screen.of(stored)

    async def apply(self, update: Update, event: Event) -> Outcome:
        outcome = await off_loop(self.store, self._apply_locked, user_id_of(update), update.update_id,
                                 event)
        metrics.note_state(outcome.conversation)
        return outcome

    def _apply_locked(self, user_id: int, update_id: int, event: Event) -> Outcome:
        """Advance and save, once per update, in one transaction holding the user's row. A step
        that changes no answer (a refused answer, /summary too early) writes nothing here: the
        note of where its screen is is written once it is sent."""
        with self.store.locked(user_id) as row:
            stored = row.stored
            screen, conv = Screen.of(stored), conversation_of(stored)
            fresh = stored.fresh(self.clock())
            if fresh and screen.has_applied(update_id, stored):
                return Outcome(view(conv, self.today()), conv, screen, "redelivered", update_id)
            if fresh and screen.overtaken(update_id, stored):
                return Outcome(view(conv, self.today(), notice=LATE), conv, screen, "late", update_id)
            if event.kind == "button" and event.state not in (None, conv["state"]):
                return Outcome(view(conv, self.today()), conv, screen, "stale", update_id)
            before = flow_part(stored.conversation)
            reply = step(conv, event, self.today())
            if conv != before:
                applied = [*(screen.applied or []), update_id][-RECENT_APPLIED:]
                screen.applied = applied
                row.save({**conv, UI_KEY: screen.stored()}, update_id)
        metrics.observe_step(before, conv, reply.result)
        return Outcome(reply, conv, screen, "applied", update_id)

    # -- showing -----------------------------------------------------------------------------
    async def show(self, update: Update, context: Context, reply: Reply, conv: dict[str, Any],
                   screen: Screen, *, chosen: str | None = None, chart_again: bool = False,
                   typed: bool = False, record: bool = True) -> None:
        """A new screen, with one live keyboard and every answered question showing its answer,
        in as few paced messages as Telegram allows (each send and edit counts against its ~30 a
        second): a tapped question is edited in place into "question — answer" followed by the
        next screen (one edit); otherwise the previous screen is retired (its buttons removed, an
        answered question edited to "question — answer"; a typed answer to a question without
        buttons needs no edit: the user's message shows it beneath) and this one is sent. A
        result's chart follows its text once per distinct result (or again on request) and
        carries the result's buttons."""
        chat_id = chat_id_of(update)
        chart = _chart_due(reply, screen, charts=self.charts, again=chart_again)
        is_result = reply.result is not None and reply.state == LAST
        markup = keyboard(reply, result_extras=is_result, chart_button=is_result and chart.spec is not None
                          and not chart.due)
        body = _screen_body(update, reply, screen, typed=typed)
        rendering = (asyncio.create_task(asyncio.to_thread(render_spec, chart.spec))
                     if chart.spec is not None and chart.due else None)
        if not await self._edit_in_place(update, context, screen, reply=reply, body=body, chosen=chosen,
                                         markup=None if rendering else markup):
            await self._send_anew(context, chat_id, screen, reply, body, chosen=chosen, typed=typed,
                                  markup=None if rendering else markup)
        if rendering is not None and chart.spec is not None:
            await _send_chart(context, chat_id, screen, await rendering, caption=chart.spec.caption,
                              fingerprint=chart.fingerprint, markup=markup)
        _note_shown(screen, reply, body, markup)
        if record:
            await self.record(update, conv, screen)

    async def _send_anew(self, context: Context, chat_id: int, screen: Screen, reply: Reply, body: str, *,
                         chosen: str | None, typed: bool, markup: InlineKeyboardMarkup | None) -> None:
        """The previous screen retired, this one sent as new messages."""
        await self.retire(context, chat_id, screen, reply.answered, chosen, typed=typed)
        chunks = split_message(body)
        sent = await send_text(context, chat_id, body, markup)
        screen.message, screen.kept, screen.editable = sent.message_id, [], len(chunks) == 1

    async def _edit_in_place(self, update: Update, context: Context, screen: Screen, *, reply: Reply,
                             body: str, chosen: str | None, markup: InlineKeyboardMarkup | None) -> bool:
        """The tapped screen becomes its answer followed by the next screen: one edit."""
        query = update.callback_query
        tapped = query.message if query is not None else None
        block = screen.answered_block(reply.answered, chosen)
        if (not isinstance(tapped, Message) or tapped.message_id != screen.message or not screen.editable
                or block is None):
            return False
        kept = [*screen.kept, block]
        text = "\n".join(kept) + "\n\n" + body
        if len(text) > SAFE_LENGTH:
            return False
        try:
            await context.bot.edit_message_text(text, tapped.chat.id, tapped.message_id, parse_mode=HTML,
                                                reply_markup=markup)
        except TelegramError as exc:  # too old to edit, gone: send the screen instead
            log.info("could not edit a screen in place: %s", type(exc).__name__)
            return False
        screen.kept = kept
        return True

    async def record(self, update: Update, conv: dict[str, Any], screen: Screen) -> None:
        await off_loop(self.store, self._record_locked, user_id_of(update), update.update_id, conv,
                       screen)

    def _record_locked(self, user_id: int, update_id: int, conv: dict[str, Any], screen: Screen) -> None:
        """Where the screen now is, written under the row lock with the conversation as stored now
        (never the copy read before the reply was sent), and only if no later update was stored
        meanwhile: then that update's screen is the current one."""
        with self.store.locked(user_id) as row:
            stored = row.stored
            if stored.newer_than(update_id, self.clock()):
                return
            kept = Screen.of(stored)
            screen.applied = kept.applied
            screen.sent = max(kept.sent, update_id)
            base = flow_part(stored.conversation) if stored.conversation is not None else conv
            row.save({**(base or conv), UI_KEY: screen.stored()}, update_id)

    async def retire(self, context: Context, chat_id: int, screen: Screen,
                     answered: tuple[str, str] | None, chosen: str | None, *, typed: bool = False) -> None:
        """The previous screen loses its buttons; an answered question shows its answer (a typed
        answer to a question without buttons shows itself, right beneath: no edit)."""
        if screen.message is None:
            return
        message_id, had_buttons, question = screen.message, screen.buttons, screen.question
        kept = screen.kept
        screen.message, screen.buttons, screen.question, screen.kept = None, False, None, []
        if typed and not had_buttons:
            return
        try:
            if answered is not None and question is not None:
                text = "\n".join([*kept, answered_html(question, answered, chosen)])
                await context.bot.edit_message_text(text, chat_id, message_id, parse_mode=HTML)
            elif had_buttons:
                await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except TelegramError as exc:  # gone, too old to edit, or failing: the new screen matters more
            log.info("could not retire an old screen: %s", type(exc).__name__)

    async def stale_tap(self, query: CallbackQuery, context: Context) -> None:
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


class ResultChart(NamedTuple):
    """A result's chart: what to draw (None: no chart), its result's fingerprint, and whether it is
    sent with this screen (once per distinct result, or again on request)."""

    spec: ChartSpec | None
    fingerprint: str | None
    due: bool


def _chart_due(reply: Reply, screen: Screen, *, charts: bool, again: bool) -> ResultChart:
    """The result's chart, when it has one, and whether it goes with this screen."""
    spec = chart_spec(reply.result) if charts and reply.chart and reply.result else None
    fingerprint = result_fingerprint(reply.result) if spec is not None and reply.result else None
    return ResultChart(spec, fingerprint, spec is not None and (again or fingerprint != screen.chart))


def _screen_body(update: Update, reply: Reply, screen: Screen, *, typed: bool) -> str:
    """The screen's HTML, below the echo of a typed answer read as something else."""
    body = html_text(reply)
    echo = typed_echo(update, reply) if typed and not screen.buttons else None
    return body if echo is None else f"{echo}\n{body}"


async def _send_chart(context: Context, chat_id: int, screen: Screen, picture: bytes, *, caption: str,
                      fingerprint: str | None, markup: InlineKeyboardMarkup | None) -> None:
    """The chart after the text, carrying the result's buttons."""
    photo = await context.bot.send_photo(chat_id, picture, caption=caption,
                                         reply_markup=markup, filename="your-limit.jpg")
    screen.message, screen.kept, screen.editable = photo.message_id, [], False
    screen.chart = fingerprint


def _note_shown(screen: Screen, reply: Reply, body: str, markup: InlineKeyboardMarkup | None) -> None:
    """What the shown screen carries: buttons, the question to edit its answer into, or the whole
    text to keep once answered."""
    screen.buttons = markup is not None
    screen.question = question_html(reply) if markup is not None or reply.expects_text else None
    screen.whole = body if screen.question is None and screen.editable else None


def typed_echo(update: Update, reply: Reply) -> str | None:
    """A typed answer read as something else ("fifty eight" as 58, "185k" as $185,000) is echoed above
    the next question ("Age on Dec 31: 58 ✓"): the user's own message shows only the words, and the
    question it answered keeps no buttons to edit. None when the reading is the words themselves."""
    message = update.message
    if reply.answered is None or reply.answer_in_notice or message is None or message.text is None:
        return None  # no answer, or the notice's "Got it: ..." already says it
    label, shown = reply.answered
    if _bare(message.text) == _bare(shown):  # "23,500" shown as "$23,500": nothing to tell
        return None
    return f"<i>{html.escape(f'{label}: {shown} ✓', quote=False)}</i>"


def _bare(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


async def send_text(context: Context, chat_id: int, text: str,
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


async def say(update: Update, context: Context, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    for chunk in split_message(html.escape(text, quote=False)):
        await context.bot.send_message(chat.id, chunk, parse_mode=HTML)
