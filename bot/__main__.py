"""`python -m bot`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat."""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError

from bot import terminal
from bot.settings import Settings, settings_error_line


def run_telegram(settings: Settings) -> int:
    from bot.app import ALLOWED_UPDATES, build_application
    from bot.logsafe import configure_logging

    assert settings.telegram_bot_token is not None
    configure_logging(settings.telegram_bot_token.get_secret_value(),
                      logging.getLevelNamesMapping()[settings.log_level])
    app = build_application(settings)
    if settings.webhook_url:
        from bot.webhook import serve_webhook

        secret = settings.webhook_secret_token
        asyncio.run(serve_webhook(
            app, listen=settings.webhook_listen, port=settings.port, url=settings.webhook_url,
            secret=secret.get_secret_value() if secret else None, allowed_updates=ALLOWED_UPDATES,
        ))
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


def main() -> int:
    try:
        settings = Settings()
    except ValidationError as exc:
        print(settings_error_line(exc), file=sys.stderr)
        return 2
    if settings.telegram_bot_token is None:
        return terminal.main()
    return run_telegram(settings)


if __name__ == "__main__":
    sys.exit(main())
