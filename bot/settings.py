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
    database_path: Path = Path("data") / "megaroth.sqlite3"
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)
    retention_days: int = Field(default=30, ge=1, le=3650)
    rate_limiter: bool = True
    send_chart: bool = True
    api_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

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

    @property
    def api_base_url(self) -> str | None:
        """The builder's base_url: PTB appends the token to it."""
        if not self.telegram_api_base_url:
            return None
        url = self.telegram_api_base_url.rstrip("/")
        return url if url.endswith("/bot") or "{token}" in url else f"{url}/bot"

    @property
    def api_file_url(self) -> str | None:
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
