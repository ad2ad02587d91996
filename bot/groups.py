"""In a group: only commands addressed to the bot and mentions of it are answered, and never with
figures: one button to continue privately."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.screen import Context

PRIVATE_ONLY = "Your numbers are private, so I only run the interview in a private chat."


async def group(update: Update, context: Context) -> None:
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None or not _addressed_to(message, context.bot.username, context.bot.id):
        return
    link = f"https://t.me/{context.bot.username}?start=go"
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Continue privately", url=link)]])
    await message.reply_text(PRIVATE_ONLY, reply_markup=markup, do_quote=True)


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
