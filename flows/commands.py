"""The one list of commands: it feeds Telegram's menu (setMyCommands), /help, the terminal chat
and the README's table (``python -m flows.commands`` prints it; a test keeps them in step).

``where`` says which chats offer a command: "both", "telegram" (needs the bot's store or
Telegram itself) or "terminal". ``flow`` marks the commands the interview itself answers
(``flows.interview.step`` with an Event("command", name)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from flows.questions import BY_ID
from flows.vocabulary import key

Where = Literal["both", "telegram", "terminal"]


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # Telegram's menu shows it: 3-256 characters, lower-case start reads best
    where: Where = "both"
    flow: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("start", "start or resume the interview", "telegram", flow=False),
    Command("back", "previous question"),
    Command("review", "review and change your answers"),
    Command("restart", "start over"),
    Command("summary", "your result again"),
    Command("details", "every figure with its IRS source"),
    Command("taxes", "your Form 1099-R and Form 8606 lines, each cited"),
    Command("help", "what I do, why I ask, these commands"),
    Command("limits", "IRS limits for a year, e.g. /limits 2026", "telegram", flow=False),
    Command("forget", "delete everything I hold about you", "telegram", flow=False),
    Command("cancel", "pause; /start resumes", "telegram", flow=False),
    Command("reminders", "your conversion reminder; /reminders stop ends it", "telegram", flow=False),
    Command("quit", "leave the terminal chat", "terminal", flow=False),
)
BY_NAME = {c.name: c for c in COMMANDS}
#: The commands a person may type without the slash, in their own words; both chats read them
#: through ``command_in`` (Telegram's typed "back" is the terminal's "back").
TYPED_WORDS: dict[str, tuple[str, ...]] = {
    "back": ("back", "go back", "undo", "previous", "previous question", "back please", "go back please",
             "take me back", "undo that", "last question"),
    "restart": ("restart", "start over", "start again", "start from scratch", "begin again", "reset",
                "start over please"),
    "review": ("review", "review answers", "my answers", "show my answers", "change an answer"),
    "help": ("help", "commands", "menu"),
    "summary": ("summary",),
    "details": ("details",),
    "taxes": ("taxes",),
}
TYPED: dict[str, str] = {key(word): name for name, words in TYPED_WORDS.items() for word in words}


def command_in(text: str) -> str | None:
    """The flow command a message is, slash or not: "/back", "/back@MyBot", "back", "go back",
    "undo", "start over"; None when it is not one (an answer, a question, an unknown /word)."""
    stripped = text.strip()
    if stripped.startswith("/"):
        name = stripped[1:].split(maxsplit=1)[0].split("@")[0].lower() if stripped[1:].strip() else ""
        return name if name in BY_NAME and BY_NAME[name].flow else None
    return TYPED.get(key(stripped)) if len(stripped) <= 40 else None


def commands_for(chat: Literal["telegram", "terminal"]) -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if c.where in ("both", chat))


def flow_command_names() -> tuple[str, ...]:
    """The commands the interview answers itself (the renderers pass them to ``step``)."""
    return tuple(c.name for c in COMMANDS if c.flow)


def command_lines(chat: Literal["telegram", "terminal"]) -> list[str]:
    return [f"/{c.name} – {c.description}" for c in commands_for(chat)]


def help_lines(conv: dict[str, Any], chat: Literal["telegram", "terminal"]) -> list[str]:
    """/help in one message: what the bot does, why the current question is asked (if it has a
    reason on file), and the commands."""
    lines = ["I work out whether your plan supports the mega backdoor Roth, how much after-tax "
             "room you have this year and per paycheck, and which route to use."]
    question = BY_ID.get(str(conv.get("state")))
    if question is not None and question.why:
        lines.append(f"Why I ask this question: {question.why}")
    lines.append(_DOCUMENT[chat])
    lines.append("Commands:")
    lines.extend(command_lines(chat))
    return lines


#: How to give the plan's own document, in each chat (not a command of the menu in Telegram).
_DOCUMENT = {
    "telegram": "Your plan's document (SPD): send its PDF here, or paste its after-tax section; I quote "
                "what it says and use only what you confirm.",
    "terminal": "Your plan's document (SPD): type /spd and its path (a PDF or .txt), or paste its "
                "after-tax section; I quote what it says and use only what you confirm.",
}


def unknown_command_line(name: str) -> str:
    return f"I don't know /{name[:32]}. /help lists what I can do."


def readme_table() -> str:
    rows = ["| command | what it does | where |", "|---|---|---|"]
    where = {"both": "Telegram and terminal", "telegram": "Telegram", "terminal": "terminal"}
    rows.extend(f"| `/{c.name}` | {c.description} | {where[c.where]} |" for c in COMMANDS)
    return "\n".join(rows)


if __name__ == "__main__":
    print(readme_table())
