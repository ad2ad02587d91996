"""`python -m bot`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat.

`python -m bot migrate-store --to DATABASE_URL [--from SQLITE_FILE]` copies the conversations of
the SQLite file (DATABASE_PATH by default) into PostgreSQL; running it again copies nothing new.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import Any

from pydantic import SecretStr, ValidationError

from bot import terminal
from bot.settings import Settings, settings_error_line

EXIT_CONFIG = 2
EXIT_STORE = 1


def run_telegram(settings: Settings) -> int:
    from bot.app import ALLOWED_UPDATES, build_application
    from bot.logsafe import configure_logging
    assert settings.telegram_bot_token is not None
    configure_logging(settings.telegram_bot_token.get_secret_value(),
                      logging.getLevelNamesMapping()[settings.log_level])
    _more_file_descriptors()
    try:
        app = build_application(settings)
    except Exception as exc:
        return _store_failure("store error", exc)
    logging.getLogger(__name__).info("store: %s", app.bot_data["store"].backend)
    metrics_token = _secret(settings.metrics_token)
    if settings.webhook_url:
        from bot.webhook import serve_webhook

        secret = _secret(settings.webhook_secret_token)
        assert secret is not None  # Settings.startup_problem refused webhook mode without it
        asyncio.run(serve_webhook(
            app, listen=settings.webhook_listen, port=settings.port, url=settings.webhook_url,
            secret=secret, allowed_updates=ALLOWED_UPDATES, metrics_token=metrics_token,
        ))
    else:
        if settings.metrics_port is not None:
            _serve_health_beside_polling(app, settings.metrics_listen, settings.metrics_port,
                                         metrics_token)
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


def _more_file_descriptors() -> None:
    """The soft limit up to the hard one (often 1,024 of 4,096+): room for many connections."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _serve_health_beside_polling(app: Any, listen: str, port: int, token: str | None) -> None:
    """/healthz, /readyz and /metrics on METRICS_PORT, started on the polling loop."""
    from bot.health import health_server

    first = app.post_init

    async def post_init(application: Any) -> None:
        if first is not None:
            await first(application)
        health_server(application.bot_data["store"], token).listen(port, address=listen)
        logging.getLogger(__name__).info("health and metrics on %s:%d", listen, port)

    app.post_init = post_init


def _store_failure(prefix: str, exc: Exception) -> int:
    """One line for a database that cannot be reached (our own message names DATABASE_URL, never
    its value; a driver's message might quote it, so only its type is shown); else re-raise."""
    from bot.store import StoreError, is_store_error

    if not is_store_error(exc):
        raise exc
    print(f"{prefix}: {exc}" if isinstance(exc, StoreError) else f"{prefix}: {type(exc).__name__}",
          file=sys.stderr)
    return EXIT_STORE


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def migrate_store(argv: list[str], settings: Settings) -> int:
    """Copy every conversation from SQLite to PostgreSQL, keeping rows that are newer there."""
    from bot.store import SqliteStore

    parser = argparse.ArgumentParser(prog="python -m bot migrate-store")
    parser.add_argument("--to", required=True, metavar="DATABASE_URL", help="the PostgreSQL URI")
    parser.add_argument("--from", dest="source", type=Path, default=settings.database_path,
                        metavar="SQLITE_FILE", help="default: DATABASE_PATH")
    args = parser.parse_args(argv)
    try:
        target_url = Settings(database_url=args.to).database_url
    except ValidationError as exc:
        print(settings_error_line(exc), file=sys.stderr)
        return EXIT_CONFIG
    if not args.source.is_file():
        print(f"migrate-store: no SQLite file at {args.source}", file=sys.stderr)
        return EXIT_CONFIG
    assert target_url is not None
    try:
        from bot.store.postgres import PostgresStore

        source, target = SqliteStore(args.source), PostgresStore(target_url.get_secret_value())
        rows = list(source.export_rows())
        written = target.import_rows(rows)
        reminders = source.reminders_after(float("-inf"))
        for reminder in reminders:  # the schedule moves too (a reminder there already is replaced)
            target.set_reminder(reminder)
        total = target.count()
        source.close()
        target.close()
    except Exception as exc:
        return _store_failure("migrate-store", exc)
    print(f"migrate-store: {len(rows)} conversations read, {written} copied, "
          f"{len(rows) - written} already there and as new; {total} in PostgreSQL; "
          f"{len(reminders)} reminders copied")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        settings = Settings()
    except ValidationError as exc:
        print(settings_error_line(exc), file=sys.stderr)
        return EXIT_CONFIG
    if argv[:1] == ["migrate-store"]:
        return migrate_store(argv[1:], settings)
    if settings.telegram_bot_token is None:
        return terminal.main()
    problem = settings.startup_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CONFIG
    return run_telegram(settings)


if __name__ == "__main__":
    sys.exit(main())
