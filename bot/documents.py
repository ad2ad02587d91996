"""The plan's document sent in Telegram (a PDF or a .txt): downloaded, read in a child process, and
handed to the flow as one event; and ``/spd PATH`` in the terminal chat (read in-process).

The file is downloaded into memory through the Bot API's getFile (the file URL honours
TELEGRAM_API_FILE_URL / TELEGRAM_API_BASE_URL for a self-hosted server), read by ``flows.spd`` in a
child process under a time limit and a memory cap (bot/readers.py; the event loop keeps serving
other users meanwhile), and dropped: never written to disk, never logged. Only the reading (three
proposals and their quotes) reaches the flow.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.readers import DocumentReader
from flows.interview import KIND, Event, Refusal, Reply, read_file, refused, spd_errors

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

MAX_BYTES = spd_errors.MAX_BYTES  # the Bot API's getFile limit
READABLE = (".pdf", ".txt")
PHOTO = ("I read the plan's document as a PDF or .txt file, not a photo: send the PDF, or paste the "
         "after-tax section as text.")
NOT_DOWNLOADED = "I could not download that file; please send it again."
NOT_READ = "I could not read that document; paste the after-tax section as text."

Advance = Callable[[Update, Context, Event], Any]


class Documents:
    """Telegram callbacks for documents and photos; ``advance`` applies a flow event and shows the reply
    (the handlers' own plumbing: one save per update, the previous screen retired)."""

    def __init__(self, advance: Advance, readers: DocumentReader) -> None:
        self.advance = advance
        self.readers = readers

    async def document(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        document = message.document
        assert document is not None
        name = document.file_name or ""
        if document.file_size is not None and document.file_size > MAX_BYTES:
            await _say(update, context, spd_errors.too_big(document.file_size).line)
            return
        readable = name.lower().endswith(READABLE) or document.mime_type in ("application/pdf", "text/plain")
        if not readable:
            await _say(update, context, spd_errors.not_a_document().line)
            return
        data = await _download(context, document.file_id)
        if data is None:
            await _say(update, context, NOT_DOWNLOADED)
            return
        outcome = await self._read(name, data)
        del data  # the document goes no further than this function
        if isinstance(outcome, str):
            await _say(update, context, outcome)
            return
        await self.advance(update, context, outcome)

    async def photo(self, update: Update, context: Context) -> None:
        await _say(update, context, PHOTO)

    async def _read(self, name: str, data: bytes) -> Event | str:
        """The reading as a flow event, or the one line that says why the document is not read."""
        try:
            reading = await self.readers.read(name, data)
        except Refusal as refusal:
            return refusal.line
        except Exception as exc:  # a reader fault: logged by type only, never the document's text
            log.warning("plan document not read: %s", type(exc).__name__)
            return NOT_READ
        return Event(KIND, json.dumps(reading))


async def _download(context: Context, file_id: str) -> bytes | None:
    try:
        handle = await context.bot.get_file(file_id)
        if handle.file_size is not None and handle.file_size > MAX_BYTES:
            return None
        return bytes(await handle.download_as_bytearray())
    except TelegramError:
        return None


async def _say(update: Update, context: Context, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, html.escape(text, quote=False), parse_mode=ParseMode.HTML)


def terminal_document(conv: dict[str, Any], path: str, today: date, step: Callable[..., Reply]) -> Reply:
    """``/spd PATH`` in the terminal chat: the same reading and proposals as in Telegram."""
    if not path:
        return refused(conv, "Type /spd and the plan document's path, e.g. /spd ~/Downloads/spd.pdf "
                             "(a PDF or .txt), or paste the after-tax section as text.", today)
    try:
        data = Path(path).expanduser().read_bytes()
        if len(data) > MAX_BYTES:
            raise spd_errors.too_big(len(data))
        reading = read_file(path, data)
    except OSError as exc:
        return refused(conv, f"Cannot open {path or 'that file'}: {exc.strerror or 'unreadable'}.", today)
    except Refusal as refusal:
        return refused(conv, refusal.line, today)
    except Exception:
        return refused(conv, NOT_READ, today)
    reply: Reply = step(conv, Event(KIND, json.dumps(reading.as_json())), today)
    return reply
