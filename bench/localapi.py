"""A Bot API that answers inside the process (no sockets): the same for our bot and the echo bot."""

from __future__ import annotations

import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
TOKEN = "123456:BENCH-token-local-only-000000000000"


class LocalRequest(BaseRequest):
    def __init__(self) -> None:
        self.calls = 0

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        self.calls += 1
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        return 200, json.dumps({"ok": True, "result": _result(endpoint, params)}).encode()


def _result(endpoint: str, params: dict[str, Any]) -> Any:
    if endpoint == "getMe":
        return BOT_USER
    if endpoint in ("sendMessage", "sendPhoto"):
        return {"message_id": 1, "date": int(time.time()), "text": "ok",
                "chat": {"id": int(params.get("chat_id", 1)), "type": "private"}}
    if endpoint == "getUpdates":
        return []
    return True


def message_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id, "date": 0, "text": text,
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "U"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


def tap_update(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    return {"update_id": update_id, "callback_query": {
        "id": str(update_id), "chat_instance": "c", "data": data,
        "from": {"id": user_id, "is_bot": False, "first_name": "U"},
        "message": {"message_id": update_id, "date": 0, "text": "q",
                    "chat": {"id": user_id, "type": "private"}},
    }}


# One complete interview (the seed's Dr. Chen): 14 updates, buttons and typed answers.
INTERVIEW: list[tuple[str, str]] = [
    ("text", "/start"), ("tap", "1|plan_type|401k"), ("tap", "1|after_tax_allowed|yes"),
    ("tap", "1|in_plan_conversion|yes"), ("tap", "1|verdict|continue"), ("tap", "1|tax_year|2025"),
    ("text", "45"), ("text", "$450,000"), ("text", "23,500"), ("text", "22,500"),
    ("tap", "1|after_tax_cap_percent|skip"), ("tap", "1|pay_frequency|biweekly"),
    ("tap", "1|pay_periods_remaining|26"), ("tap", "1|extras_offer|no"),
]


def interview_updates(user_id: int, first_update_id: int) -> list[dict[str, Any]]:
    updates = []
    for offset, (kind, value) in enumerate(INTERVIEW):
        maker = message_update if kind == "text" else tap_update
        updates.append(maker(first_update_id + offset, user_id, value))
    return updates
