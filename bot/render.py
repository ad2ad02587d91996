"""Reply -> Telegram HTML (every text escaped), inline keyboards, compact versioned callback data."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, SwitchInlineQueryChosenChat
from telegram.constants import MessageLimit

from flows.interview import STATES, Choice, Reply

CALLBACK_VERSION = "1"
# Buttons the bot adds itself (not the flow's): "a|<action>", e.g. send the chart again.
ACTION_PREFIX = "a|"
ACTIONS = ("chart", "summary")
SHARE_LABEL = "Share"
MAX_CALLBACK_BYTES = 64
SAFE_LENGTH = MessageLimit.MAX_TEXT_LENGTH - 96  # margin for tags
BUTTONS_PER_ROW = 2


@dataclass(frozen=True)
class Tap:
    """A decoded button: the state it was shown for, and its value."""

    state: str
    value: str


def encode_tap(state: str, value: str) -> str:
    data = f"{CALLBACK_VERSION}|{state}|{value}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long for {state}:{value}")
    return data


def decode_tap(data: object) -> Tap | None:
    """None for anything we did not make: another version, a forged or truncated payload."""
    if not isinstance(data, str) or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split("|")
    if len(parts) != 3 or parts[0] != CALLBACK_VERSION or parts[1] not in STATES or not parts[2]:
        return None
    return Tap(parts[1], parts[2])


def decode_action(data: object) -> str | None:
    """The bot's own button ("a|chart"), or None."""
    if isinstance(data, str) and data.startswith(ACTION_PREFIX) and data[2:] in ACTIONS:
        return data[2:]
    return None


def keyboard(reply: Reply, *, result_extras: bool = False, chart_button: bool = False
             ) -> InlineKeyboardMarkup | None:
    """The reply's choices as buttons; a result also gets Share and, when its chart is not
    attached to this message, Show chart."""
    if not reply.choices:
        return None
    return _keyboard(reply.state, reply.choices, result_extras, chart_button)


def action_keyboard(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup:
    """Buttons from (label, callback data) rows, e.g. the welcome back's See result / Start over."""
    return PreparedKeyboard([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                             for row in rows])


class PreparedKeyboard(InlineKeyboardMarkup):
    """An inline keyboard serialised once. PTB calls to_dict() on every send, which walks every
    button (about 40 us for a 4-button keyboard, a third of the echo bot's whole update); these
    keyboards are immutable and shared, so the dict is built at construction and copied per send.
    It is set before the markup's own __init__ freezes the object (PTB's public contract)."""

    __slots__ = ("_prepared",)

    def __init__(self, rows: list[list[InlineKeyboardButton]]) -> None:
        self._prepared = InlineKeyboardMarkup(rows).to_dict()
        super().__init__(rows)

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        if not recursive:
            return super().to_dict(recursive=False)
        return dict(self._prepared)


@lru_cache(maxsize=512)
def _keyboard(state: str, choices: tuple[Choice, ...], result_extras: bool = False,
              chart_button: bool = False) -> InlineKeyboardMarkup:
    """Keyboards are immutable Telegram objects, and most are the same for everyone: cache them."""
    buttons = [InlineKeyboardButton(c.label, callback_data=encode_tap(state, c.value)) for c in choices]
    if result_extras:
        if chart_button:
            buttons.append(InlineKeyboardButton("Show chart", callback_data=f"{ACTION_PREFIX}chart"))
        buttons.append(share_button())
    rows = [buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return PreparedKeyboard(rows)


def share_button() -> InlineKeyboardButton:
    """Opens the user's chat list; in the chat they pick, Telegram shows the bot's inline card
    (answered by the inline query handler), which they can send or not."""
    chosen = SwitchInlineQueryChosenChat(query="", allow_user_chats=True, allow_group_chats=True,
                                         allow_channel_chats=False, allow_bot_chats=False)
    return InlineKeyboardButton(SHARE_LABEL, switch_inline_query_chosen_chat=chosen)


def answered_html(question: str, answered: tuple[str, str], chosen: str | None) -> str:
    """An answered question as it stays in the chat: "Which tax year? — 2025". ``question`` is the
    question's HTML as it was sent; ``chosen`` is the label of the button tapped, if any (else
    the answer as the flow understood it)."""
    shown = html.escape(chosen or answered[1], quote=False)
    return f"{question} — <b>{shown}</b>"


def question_html(reply: Reply) -> str | None:
    """The part of a question's message kept once it is answered (its question line), or None for
    a screen that is kept whole (verdict, review, result)."""
    if len(reply.lines) != 1 or reply.result is not None:
        return None
    return html.escape(reply.lines[0], quote=False)


def html_text(reply: Reply) -> str:
    parts = []
    if reply.notice:
        parts.append(f"<i>{html.escape(reply.notice, quote=False)}</i>")
    parts.append(f"<b>{html.escape(reply.title, quote=False)}</b>")
    parts.extend(html.escape(line, quote=False) for line in reply.lines)
    if reply.hint:
        parts.append(f"<i>{html.escape(reply.hint, quote=False)}</i>")
    return "\n".join(parts)


def split_message(text: str, limit: int = SAFE_LENGTH) -> list[str]:
    """Split on line boundaries (never inside a tag: every line closes its own tags)."""
    chunks: list[str] = []
    current = ""
    for raw_line in text.split("\n"):
        line = raw_line
        if len(line) > limit and current:  # keep the order: what came before goes first
            chunks.append(current)
            current = ""
        while len(line) > limit:  # one enormous line: cut it, never inside an &entity;
            cut = line[:limit].rsplit("&", 1)[0] if "&" in line[limit - 8:limit] else line[:limit]
            chunks.append(cut)
            line = line[len(cut):]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks or [""]
