"""Configuration from the environment (pydantic-settings). The token is a SecretStr: never printed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    # a self-hosted Bot API server's file URL (documents are downloaded from it); by default
    # derived from TELEGRAM_API_BASE_URL
    telegram_api_file_url: str | None = None
    database_path: Path = Path("data") / "megaroth.sqlite3"
    # PostgreSQL instead of SQLite: any libpq URI (postgres://, postgresql://, Unix-socket forms).
    database_url: SecretStr | None = None
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    # Loopback unless said otherwise: a platform that routes to the process (the Procfile's web
    # dyno) sets WEBHOOK_LISTEN=0.0.0.0; behind a reverse proxy on the host, loopback is right.
    webhook_listen: str = "127.0.0.1"
    port: int = Field(default=8443, ge=1, le=65535)
    retention_days: int = Field(default=30, ge=1, le=3650)
    rate_limiter: bool = True
    send_chart: bool = True
    api_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # How many processes serve this bot together: each paces its messages at its share of
    # Telegram's per-bot limit.
    bot_workers: int = Field(default=1, ge=1, le=64)
    # Polling mode: /healthz, /readyz and /metrics on this port (webhook mode serves them on PORT).
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_listen: str = "127.0.0.1"
    # If set, /metrics asks for "Authorization: Bearer <METRICS_TOKEN>" (it holds no user data).
    metrics_token: SecretStr | None = None
    # Plan documents (PDF/.txt) are read in child processes (bot/readers.py): this many at once,
    # each within this many seconds and this much address space.
    spd_readers: int = Field(default=2, ge=1, le=16)
    spd_read_seconds: float = Field(default=8.0, gt=0, le=120)
    spd_memory_mib: int = Field(default=512, ge=64, le=65536)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN_SHAPE.match(value.get_secret_value()):
            raise ValueError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then "
                "letters/digits, as BotFather gives it)"
            )
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_SHAPE.match(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """A libpq URI or key=value string; the message never repeats it (it holds a password)."""
        if value is None or not value.get_secret_value().strip():
            return None
        url = value.get_secret_value().strip()
        if "://" in url and not url.startswith(("postgres://", "postgresql://")):
            raise ValueError("DATABASE_URL must be a PostgreSQL URI (postgres:// or postgresql://)")
        from psycopg.conninfo import conninfo_to_dict

        try:
            conninfo_to_dict(url)
        except Exception:  # psycopg's message may quote the URL: say what is wrong without it
            raise ValueError("DATABASE_URL is not a valid libpq connection URI") from None
        return SecretStr(url)

    def startup_problem(self) -> str | None:
        """A setting that is valid alone but not with the others, as one line (None: all good)."""
        if self.webhook_url and self.webhook_secret_token is None:
            return ("configuration error: WEBHOOK_SECRET_TOKEN: required in webhook mode (WEBHOOK_URL "
                    "is set): 1-256 of A-Z a-z 0-9 _ -, so only Telegram can post updates")
        return None

    @property
    def api_base_url(self) -> str | None:
        """The builder's base_url: PTB appends the token to it."""
        if not self.telegram_api_base_url:
            return None
        url = self.telegram_api_base_url.rstrip("/")
        return url if url.endswith("/bot") or "{token}" in url else f"{url}/bot"

    @property
    def api_file_url(self) -> str | None:
        if self.telegram_api_file_url:
            return self.telegram_api_file_url.rstrip("/")
        if not self.telegram_api_base_url:
            return None
        return self.telegram_api_base_url.rstrip("/").removesuffix("/bot") + "/file/bot"


def settings_error_line(exc: Exception) -> str:
    """One clear line for a bad configuration (no traceback, no secret)."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(p) for p in first["loc"]).upper()
        return f"configuration error: {field}: {str(first['msg']).removeprefix('Value error, ')}"
    return f"configuration error: {exc}"
