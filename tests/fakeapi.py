"""A local fake Telegram Bot API server (aiohttp on 127.0.0.1) that the real bot talks HTTP to."""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token-for-the-local-fake-server-only"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "MegaRoth", "username": "megaroth_test_bot"}
BOT_ME = {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
          "supports_inline_queries": True}
NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and reply markup " \
    "are exactly the same as a current content and reply markup of the message"


@dataclass
class Shown:
    """A message as the chat shows it now: edits change it, and a keyboard is live until an edit
    removes it."""

    message_id: int
    sender: str  # "bot" or "user"
    text: str
    keyboard: list[dict[str, Any]] = field(default_factory=list)
    photo: bool = False

    def line(self) -> str:
        who = "BOT " if self.sender == "bot" else "USER"
        body = ("[photo] " if self.photo else "") + self.text.replace("\n", "\n      ")
        buttons = "".join(f"\n      [{b.get('text')}]" for b in self.keyboard)
        return f"{who}: {body}{buttons}"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    sent_at: float = field(default_factory=time.perf_counter)

    @property
    def chat_id(self) -> int | None:
        raw = self.params.get("chat_id")
        return int(raw) if raw is not None else None

    @property
    def raw(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def quoted(self) -> int | None:
        """The message this one replies to (reply_parameters), if any."""
        raw = self.params.get("reply_parameters")
        data = json.loads(raw) if isinstance(raw, str) else raw
        return int(data["message_id"]) if data else None

    @property
    def text(self) -> str:
        """What the user sees: HTML tags removed, entities decoded."""
        return visible_text(self.raw)

    def buttons(self) -> list[dict[str, Any]]:
        return inline_buttons(self.params.get("reply_markup"))


def inline_buttons(markup: Any) -> list[dict[str, Any]]:
    if not markup:
        return []
    data = json.loads(markup) if isinstance(markup, str) else markup
    return [b for row in data.get("inline_keyboard", []) for b in row]


def visible_text(raw: str) -> str:
    """What the user sees of an HTML text: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


PROFILE_METHODS = {"getMyDescription": "description", "setMyDescription": "description",
                   "getMyShortDescription": "short_description",
                   "setMyShortDescription": "short_description"}
FAULTS = ("429", "500", "502", "timeout", "drop", "lost_reply")


@dataclass
class Faults:
    """Which requests fail, and how. ``plan`` maps a Bot API method to the faults its next calls
    get, in order (one per call, "ok" for none); ``every`` fails every n-th call of the methods in
    ``methods`` with the next fault of ``cycle``.

    - 429: Too Many Requests with retry_after (Telegram's flood control)
    - 500 / 502: a server error, nothing delivered
    - timeout: the request hangs past the client's read timeout, nothing delivered
    - drop: the connection is closed without a response, nothing delivered
    - lost_reply: delivered, then the connection is closed: the one case a retry duplicates
      (the Bot API has no idempotency key); only the fault tests that measure it use it
    - hold: the call waits until ``release`` is set, then is served (a slow Telegram, on a
      test's signal instead of a timer)
    """

    plan: dict[str, list[str]] = field(default_factory=dict)
    methods: tuple[str, ...] = ()
    every: int = 0
    cycle: tuple[str, ...] = ("429", "500", "timeout", "drop")
    hang_seconds: float = 3.0
    retry_after: int = 1
    injected: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    _seen: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    release: asyncio.Event = field(default_factory=asyncio.Event)
    held: int = 0  # calls waiting on ``release`` now

    def next_fault(self, method: str) -> str | None:
        planned = self.plan.get(method)
        if planned:
            fault = planned.pop(0)
            return None if fault == "ok" else self._count(fault)
        if not self.every or method not in self.methods:
            return None
        self._seen[method] += 1
        if self._seen[method] % self.every:
            return None
        turn = self._seen[method] // self.every
        return self._count(self.cycle[turn % len(self.cycle)])

    def postpone(self, method: str, fault: str) -> None:
        self.plan.setdefault(method, []).insert(0, fault)
        self.injected[fault] -= 1

    def _count(self, fault: str) -> str:
        self.injected[fault] += 1
        return fault


class FakeBotAPI:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.by_chat: dict[int, list[Call]] = defaultdict(list)
        self.faults = Faults()
        self.served_update_ids: list[int] = []
        self.confirmed_below = 0  # getUpdates' offset: every update id below it is acknowledged
        self.polls = 0
        self._chat_changed: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        self.updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.shown: dict[int, dict[int, Shown]] = defaultdict(dict)  # chat -> message id -> message
        self.most_live: dict[int, int] = defaultdict(int)  # chat -> most live keyboards at once
        self.profile: dict[str, str] = {"description": "", "short_description": ""}
        self.inline_answers: list[Call] = []
        self.last_message_id = 0  # of the last message a user sent
        self.latency = 0.0  # seconds each call except getUpdates takes, as a real network's would
        self.files: dict[str, bytes] = {}  # file_id -> the bytes a user sent (getFile, then download)
        self.downloads: list[str] = []  # file paths the bot downloaded

    async def start(self) -> None:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)
        port = server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what the bot calls ------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"},
                                     status=401)
        method = request.match_info["method"]
        params, files = await self._read(request)
        fault = self.faults.next_fault(method)
        if fault == "hold":
            self.faults.held += 1
            await self.faults.release.wait()
            self.faults.held -= 1
            fault = None
        if fault is not None and fault != "lost_reply":
            return await self._fail(request, fault)
        if method == "getUpdates":
            return await self._serve_updates(request, params, fault)
        if self.latency:
            await asyncio.sleep(self.latency)  # the simulated network, not a wait in a test
        refusal = self._refusal(method, params)
        if refusal is not None:
            return web.json_response({"ok": False, "error_code": 400, "description": refusal},
                                     status=400)
        self._record(Call(method, params, files))
        result = self._result(method, params)
        self._show(method, params, result)
        if fault == "lost_reply":
            return self._drop(request)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A file as Telegram serves it: GET <file URL><token>/<file_path>, after getFile."""
        if request.match_info["token"] != TOKEN:
            return web.Response(status=401)
        path = request.match_info["path"]
        file_id = path.rsplit("/", 1)[-1].split(".", 1)[0]
        if file_id not in self.files:
            return web.Response(status=404)
        self.downloads.append(path)
        return web.Response(body=self.files[file_id])

    async def _serve_updates(self, request: web.Request, params: dict[str, Any],
                             fault: str | None) -> web.StreamResponse:
        updates = await self._get_updates(params)
        self.served_update_ids.extend(u["update_id"] for u in updates)
        if fault == "lost_reply" and not updates:
            self.faults.postpone("getUpdates", fault)  # losing an empty answer tests nothing
        elif fault == "lost_reply":
            return self._drop(request)
        return web.json_response({"ok": True, "result": updates})

    def _refusal(self, method: str, params: dict[str, Any]) -> str | None:
        """What Telegram refuses: editing a message that is not there, an edit that changes
        nothing, or a file it does not have or will not serve (over 20 MB)."""
        if method == "getFile":
            data = self.files.get(str(params.get("file_id")))
            if data is None:
                return "Bad Request: invalid file_id"
            return "Bad Request: file is too big" if len(data) > 20 * 1024 * 1024 else None
        if not method.startswith("editMessage"):
            return None
        shown = self.shown[int(params["chat_id"])].get(int(params["message_id"]))
        if shown is None or shown.sender != "bot":
            return "Bad Request: message to edit not found"
        text = visible_text(str(params.get("text") or params.get("caption") or shown.text))
        if text == shown.text and inline_buttons(params.get("reply_markup")) == shown.keyboard:
            return NOT_MODIFIED
        return None

    def _show(self, method: str, params: dict[str, Any], result: Any) -> None:
        """Keep the chat as the user sees it, and the most live keyboards it ever had at once."""
        if method in ("sendMessage", "sendPhoto"):
            chat_id = int(params["chat_id"])
            self.shown[chat_id][result["message_id"]] = Shown(
                result["message_id"], "bot", visible_text(str(params.get("text") or params.get("caption")
                                                               or "")),
                inline_buttons(params.get("reply_markup")), photo=method == "sendPhoto")
        elif method.startswith("editMessage"):
            chat_id = int(params["chat_id"])
            shown = self.shown[chat_id][int(params["message_id"])]
            if "text" in params or "caption" in params:
                shown.text = visible_text(str(params.get("text") or params.get("caption")))
            shown.keyboard = inline_buttons(params.get("reply_markup"))
        else:
            return
        self.most_live[chat_id] = max(self.most_live[chat_id], self.live_keyboards(chat_id))

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        if call.chat_id is not None:
            self.by_chat[call.chat_id].append(call)
            self._chat_changed[call.chat_id].set()

    async def _fail(self, request: web.Request, fault: str) -> web.StreamResponse:
        if fault == "429":
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": "Too Many Requests: retry later",
                                      "parameters": {"retry_after": self.faults.retry_after}},
                                     status=429)
        if fault == "403":  # the user blocked the bot (not in FAULTS: only asked for by name)
            return web.json_response({"ok": False, "error_code": 403,
                                      "description": "Forbidden: bot was blocked by the user"}, status=403)
        if fault in ("500", "502"):
            return web.json_response({"ok": False, "error_code": int(fault),
                                      "description": "Internal Server Error"}, status=int(fault))
        if fault == "timeout":
            await asyncio.sleep(self.faults.hang_seconds)
        return self._drop(request)

    @staticmethod
    def _drop(request: web.Request) -> web.StreamResponse:
        transport = request.transport
        if transport is not None:
            transport.abort()
        return web.Response(status=500)  # never reaches the client: its connection is gone

    async def _read(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if hasattr(value, "file"):
                    files[key] = value.file.read()
                else:
                    params[key] = value
        return params, files  # JSON-valued fields stay text: Call.buttons() decodes reply_markup

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        offset = int(params.get("offset") or 0)
        self.confirmed_below = max(self.confirmed_below, offset)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            self._new_update.clear()
            timeout = min(float(params.get("timeout") or 0), 0.5)
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout=timeout or 0.05)
            except TimeoutError:
                return []
        return [u for u in self.updates if u["update_id"] >= offset][:100]

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_ME
        if method in PROFILE_METHODS:
            return self._profile(method, params)
        if method == "answerInlineQuery":
            self.inline_answers.append(Call(method, params))
        if method == "getFile":
            file_id = str(params["file_id"])
            return {"file_id": file_id, "file_unique_id": f"u{file_id}",
                    "file_size": len(self.files[file_id]), "file_path": f"documents/{file_id}.bin"}
        if method.startswith("editMessage") or method in ("sendMessage", "sendPhoto"):
            return self._message(method, params)
        return True

    def _profile(self, method: str, params: dict[str, Any]) -> Any:
        key = PROFILE_METHODS[method]
        if method.startswith("get"):
            return {key: self.profile[key]}
        self.profile[key] = str(params.get(key) or "")
        return True

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """The Message Telegram returns for a send or an edit."""
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {"date": int(time.time()), "from": BOT_USER,
                                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}}
        if method.startswith("editMessage"):
            shown = self.shown[chat_id][int(params["message_id"])]
            return {**message, "message_id": shown.message_id, "text": shown.text}
        message["message_id"] = next(self._message_ids)
        if method == "sendMessage":
            message["text"] = params.get("text", "")
        else:
            message["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
        return message

    # -- what users do ------------------------------------------------------------------------
    def push_event(self, user_id: int, kind: str, value: str, state: str | None = None) -> int:
        """A flow event as Telegram delivers it: typed text, or a tap on our button for ``state``."""
        if kind == "button":
            assert state is not None
            return self.tap(user_id, f"1|{state}|{value}")
        return self.message(user_id, value)

    def _push(self, update: dict[str, Any]) -> int:
        update_id = next(self._ids)
        self.updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    @staticmethod
    def _user(user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}

    def message(self, user_id: int, text: str, *, chat_type: str = "private", chat_id: int | None = None,
                kind: str = "message", extra: dict[str, Any] | None = None) -> int:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": {"id": chat_id or user_id, "type": chat_type}, "from": self._user(user_id),
        }
        if text:
            message["text"] = text
        if text.startswith("/"):
            command_length = len(text.split(maxsplit=1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command_length}]
        message.update(extra or {})
        self.last_message_id = message["message_id"]
        if kind == "message":
            shown = text or "[" + ", ".join(sorted(extra or {})) + "]"
            self.shown[message["chat"]["id"]][message["message_id"]] = Shown(
                message["message_id"], "user", shown)
        return self._push({kind: message})

    def document(self, user_id: int, data: bytes, file_name: str, mime_type: str = "application/pdf",
                 *, file_size: int | None = None) -> int:
        """A user sends a file (``file_size``: what Telegram says it weighs, if not its length)."""
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = data
        return self.message(user_id, "", extra={"document": {
            "file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
            "mime_type": mime_type, "file_size": len(data) if file_size is None else file_size}})

    def photo_message(self, user_id: int) -> int:
        return self.message(user_id, "", extra={"photo": [
            {"file_id": "p1", "file_unique_id": "up1", "width": 90, "height": 90, "file_size": 900}]})

    def tap(self, user_id: int, data: str, *, chat_type: str = "private", chat_id: int | None = None,
            message_id: int | None = None) -> int:
        """A tap on a button of the bot's message ``message_id`` (a made-up one if None)."""
        chat = chat_id or user_id
        shown = self.shown[chat].get(message_id) if message_id is not None else None
        message: dict[str, Any] = {"message_id": message_id or next(self._message_ids),
                                   "date": int(time.time()), "chat": {"id": chat, "type": chat_type},
                                   "from": BOT_USER, "text": shown.text if shown else "q"}
        if shown is not None and shown.keyboard:  # as Telegram sends it: the message's keyboard
            message["reply_markup"] = {"inline_keyboard": [[b] for b in shown.keyboard]}
        return self._push({"callback_query": {
            "id": str(next(self._message_ids)), "from": self._user(user_id), "chat_instance": "ci",
            "data": data, "message": message}})

    def inline_query(self, user_id: int, query: str = "", chat_type: str = "private") -> int:
        """The user typed @bot in a chat (or a switch-inline button opened it there)."""
        return self._push({"inline_query": {
            "id": str(next(self._message_ids)), "from": self._user(user_id), "query": query,
            "offset": "", "chat_type": chat_type}})

    # -- what tests look at -------------------------------------------------------------------
    def live_keyboards(self, chat_id: int) -> int:
        """How many of the bot's messages in this chat carry buttons a user can still tap."""
        return sum(1 for m in self.shown[chat_id].values() if m.sender == "bot" and m.keyboard)

    def live_buttons(self, chat_id: int) -> list[tuple[int, dict[str, Any]]]:
        """(message id, button) for every live button, newest message last."""
        return [(m.message_id, b) for m in sorted(self.shown[chat_id].values(), key=lambda m: m.message_id)
                if m.sender == "bot" for b in m.keyboard]

    def transcript(self, chat_id: int) -> str:
        """The chat as a phone shows it now, oldest first: edits applied, live buttons listed."""
        return "\n".join(m.line() for _, m in sorted(self.shown[chat_id].items()))

    def sent_to(self, chat_id: int, method: str = "sendMessage") -> list[Call]:
        return [c for c in self.by_chat.get(chat_id, []) if c.method == method]

    def replies_to(self, chat_id: int) -> list[Call]:
        """The screens the bot showed, in order: each message it sent, and each message it edited
        in place into a new screen (the answered part, a blank line, then the new screen; an edit
        that only marks a question answered or removes buttons is not a reply)."""
        return [c for c in self.by_chat.get(chat_id, []) if c.method == "sendMessage"
                or (c.method == "editMessageText" and "\n\n" in c.raw)]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the bot")
            await asyncio.sleep(0.01)

    async def wait_chat(self, chat_id: int, predicate: Callable[[list[Call]], bool],
                        timeout: float = 10.0) -> list[Call]:
        """Wait, without polling, until this chat's calls satisfy ``predicate``; return them."""
        calls = self.by_chat[chat_id]
        changed = self._chat_changed[chat_id]
        async with asyncio.timeout(timeout):
            while not predicate(calls):
                changed.clear()
                await changed.wait()
        return calls

    async def settled(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:
        """Wait until ``count`` messages were sent to this chat, then return them all."""
        await self.wait_chat(chat_id, lambda calls: sum(c.method == "sendMessage" for c in calls) >= count,
                             timeout)
        return self.sent_to(chat_id)
