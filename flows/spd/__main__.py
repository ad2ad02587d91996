"""``python -m flows.spd FILE [--json]``: read a plan document; FILE is a .pdf or .txt, ``-`` is stdin."""

from __future__ import annotations

import argparse
import json
import os
import sys

from flows.spd import errors
from flows.spd.reader import Reading, read_file, read_text
from flows.spd.words import plain

EXIT_REFUSED = 2
EXIT_ERROR = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.spd", description=__doc__)
    parser.add_argument("file", help="a .pdf or .txt plan document; '-' reads text from standard input")
    parser.add_argument("--json", action="store_true", help="print the machine-readable answers")
    args = parser.parse_args(argv)
    try:
        reading = _read(args.file)
    except errors.Refusal as refusal:
        _fail(args.json, refusal.kind, refusal.line)
        return EXIT_REFUSED
    except Exception:  # a reader bug must not reach the caller as a traceback
        _fail(args.json, "error", "The document could not be read; paste the after-tax section as text.")
        return EXIT_ERROR
    shown = json.dumps(reading.as_json(), ensure_ascii=False, indent=2) if args.json else plain(reading)
    return _write(shown)


def _write(text: str) -> int:
    """Print the reading; a reader that closed the pipe early (``| head``) ends it quietly."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more reaches the closed pipe at exit
        return 0
    return 0


def _read(name: str) -> Reading:
    if name == "-":
        return read_text(sys.stdin.buffer.read(errors.MAX_BYTES + 1))
    try:
        with open(name, "rb") as handle:
            data = handle.read(errors.MAX_BYTES + 1)
    except OSError as exc:
        raise errors.Refusal(
            "unreadable_file", f"Cannot open {name}: {exc.strerror or 'unreadable'}."
        ) from None
    return read_file(name, data)


def _fail(as_json: bool, kind: str, line: str) -> None:
    if as_json:
        print(json.dumps({"error": kind, "message": line}))
    else:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
