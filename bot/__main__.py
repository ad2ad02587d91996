"""`python -m bot`: the Telegram bot when a token is configured, else the terminal chat."""

from __future__ import annotations

import os
import sys

from bot import terminal


def main() -> int:
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        print(
            "TELEGRAM_BOT_TOKEN is set, but Telegram delivery is not built yet; "
            "running the terminal chat.",
            file=sys.stderr,
        )
    return terminal.main()


if __name__ == "__main__":
    sys.exit(main())
