"""Logging that never shows the bot token or a user's figures, at any level.

- The token sits in every Bot API URL, which the HTTP client logs: it is replaced by <token> in
  messages and in exception text.
- python-telegram-bot logs whole updates at DEBUG ("Processing update ...", the webhook's
  "received data"), and they carry what users typed: its DEBUG records are withheld, and the
  webhook's error record that quotes a body loses the body.
"""

from __future__ import annotations

import logging

FRAMEWORK = "telegram"
WEBHOOK_LOGGER = "telegram.ext._utils.webhookhandler"
HTTP_LOGGERS = ("httpx", "httpcore")
# transitions logs every transition at INFO (3 lines per answer, 90 per interview): noise that
# says only which question a user reached. Kept at WARNING unless LOG_LEVEL=DEBUG.
CHATTY_LOGGERS = (*HTTP_LOGGERS, "transitions")


class SafeLogs(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(FRAMEWORK) and record.levelno < logging.INFO:
            return False
        if record.name == WEBHOOK_LOGGER and record.args:
            record.msg, record.args = f"{record.msg.split(':')[0]}: <update body withheld>", None
        self._redact(record)
        return True

    def _redact(self, record: logging.LogRecord) -> None:
        if not self._token:
            return
        message = record.getMessage()
        if self._token in message:
            record.msg, record.args = message.replace(self._token, "<token>"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self._token in record.exc_text:
            record.exc_text = record.exc_text.replace(self._token, "<token>")


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """INFO by default. At DEBUG the HTTP client logs its URLs too (redacted) and transitions its
    transitions; otherwise they are kept at WARNING, where the HTTP client logs no URL."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(level if level <= logging.DEBUG else logging.WARNING)
    safe = SafeLogs(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(safe)
