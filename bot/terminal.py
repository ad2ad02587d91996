"""The interview in a terminal: reads lines from standard input, so it can be scripted."""

from __future__ import annotations

import copy
import re
import sys
from datetime import date
from typing import Any, TextIO

from flows.interview import Event, Reply, command_in, commands_for, help_lines, new_conversation, step, view

QUIT = {"/quit", "/exit", "quit", "exit"}
INTRO = (
    "Mega backdoor Roth advisor (terminal chat). Answer each question the way you'd say it "
    "(\"yeah\", \"bi-weekly\", \"$450k/yr\", \"no cap\"), or type a choice's number. "
    f"Commands: {' '.join(f'/{c.name}' for c in commands_for('terminal'))}.\n"
    "To run it as a Telegram bot instead, set TELEGRAM_BOT_TOKEN (see README) and run python -m bot."
)


def render(reply: Reply) -> str:
    parts = []
    if reply.answered and not reply.answer_in_notice:  # said once: in "Got it: ..." when there
        parts.append(f"{reply.answered[0]}: {reply.answered[1]} ✓")
    if reply.reminder:  # the flow's "I'll remind you" is for Telegram, which keeps and sends them
        parts.append("! The terminal chat cannot send reminders: choose this in the Telegram bot.")
    elif reply.notice:
        parts.append(f"! {reply.notice}")
    parts.append(f"== {reply.title} ==")
    parts.extend(reply.lines)
    if reply.hint:
        parts.append(f"({reply.hint})")
    if reply.choices and not reply.expects_text:
        parts.extend(f"  {i}) {c.label}" for i, c in enumerate(reply.choices, start=1))
    elif reply.choices:
        numbered = (f"{i}) {c.label}" for i, c in enumerate(reply.choices, start=1))
        parts.append("  or type: " + " / ".join(numbered))
    return typed_words("\n".join(parts))


def typed_words(text: str) -> str:
    """The terminal has no buttons: nothing it prints asks to tap."""
    text = text.replace("tap a button or type", "type").replace("Tap a button or type", "Type")
    return re.sub(r"\b([Tt])ap\b", lambda m: "Type" if m.group(1) == "T" else "type", text)


def to_event(line: str) -> Event:
    """A /word flows does not know stays a command (so it is refused as one); anything else is
    text, which flows reads for commands in the person's words ("back", "go back", "undo")."""
    word = line.strip()
    if word.startswith("/") and command_in(word) is None:
        return Event("command", word[1:])
    return Event("text", word)


def run(stdin: TextIO, stdout: TextIO, today: date | None = None) -> int:
    clock = today or date.today()
    conv = new_conversation()
    print(INTRO, file=stdout)
    print(render(view(conv, clock)), file=stdout)
    for line in stdin:
        if line.strip().lower() in QUIT:
            break
        if not line.strip():
            continue
        print(f"> {line.strip()}", file=stdout)
        if line.strip().lower().startswith("/spd"):  # /spd PATH reads the plan's document
            from bot.documents import terminal_document

            print(render(terminal_document(conv, line.strip()[4:].strip(), clock, step)), file=stdout)
            continue
        event = to_event(line)
        if command_in(line) == "help":  # the one command list, then where the user is
            print("\n".join(help_lines(conv, "terminal")), file=stdout)
            print(render(view(conv, clock)), file=stdout)
            continue
        print(render(_step_safely(conv, event, clock)), file=stdout)
    print("Bye.", file=stdout)
    return 0


def _step_safely(conv: dict[str, Any], event: Event, clock: date) -> Reply:
    """One step; a fault in the flow is one line and the question again, never a traceback (the
    conversation is restored as it was before the message)."""
    before = copy.deepcopy(conv)
    try:
        return step(conv, event, clock)
    except Exception:  # the terminal shows no traceback; a test finds the fault, not the person
        conv.clear()
        conv.update(before)
        return view(conv, clock, notice="Sorry, I could not take that; your answers are kept. Try again, "
                                        "or type /help.")


def main() -> int:
    return run(sys.stdin, sys.stdout)
