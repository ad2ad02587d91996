"""Driving the flow in tests: a tiny user who taps and types."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flows.interview import Event, Reply, load, new_conversation, step

TODAY = date(2026, 11, 22)


class User:
    def __init__(self, today: date = TODAY) -> None:
        self.conv = new_conversation()
        self.today = today
        self.last: Reply | None = None

    @property
    def state(self) -> str:
        return str(self.conv["state"])

    def tap(self, value: str) -> Reply:
        self.last = step(self.conv, Event("button", value, self.state), self.today)
        self._round_trip()
        return self.last

    def type(self, text: str) -> Reply:
        self.last = step(self.conv, Event("text", text), self.today)
        self._round_trip()
        return self.last

    def command(self, name: str) -> Reply:
        self.last = step(self.conv, Event("command", name), self.today)
        self._round_trip()
        return self.last

    def taps(self, *values: str) -> Reply:
        for value in values:
            self.tap(value)
        assert self.last is not None
        return self.last

    def types(self, *texts: str) -> Reply:
        for text in texts:
            self.type(text)
        assert self.last is not None
        return self.last

    def _round_trip(self) -> None:
        """Every step is saved and restored, exactly as the stores do."""
        restored = load(json.loads(json.dumps(self.conv)))
        assert restored == self.conv
        self.conv = restored

    def answers(self) -> dict[str, Any]:
        return dict(self.conv["answers"])


def dr_chen(user: User) -> Reply:
    for value in ("401k", "yes", "yes", "continue", "2025"):
        user.tap(value)
    for text in ("45", "$450,000", "23,500", "22,500"):
        user.type(text)
    user.tap("skip")
    user.tap("biweekly")
    user.tap("26")
    return user.tap("no")
