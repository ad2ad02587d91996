"""Sharing a result: the Share button's inline card, offered in the chat the user picked, without
pay and age or with them; nothing is sent until the user taps one."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update

from bot.screen import HTML, Context, conversation_of
from bot.store import Store, off_loop
from flows.interview import share_card

SHARE_WITHOUT, SHARE_WITH = "result", "result+profile"


class Share:
    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        self.store = store
        self.today = today

    async def inline_share(self, update: Update, context: Context) -> None:
        query = update.inline_query
        assert query is not None
        conv = conversation_of(await off_loop(self.store, self.store.read, query.from_user.id))
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


def _card(result_id: str, title: str, description: str, lines: list[str]) -> InlineQueryResultArticle:
    text = "\n".join(html.escape(line, quote=False) for line in lines)
    return InlineQueryResultArticle(result_id, title, InputTextMessageContent(text, parse_mode=HTML),
                                    description=description)
