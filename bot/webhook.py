"""Webhook mode: a small tornado server (PTB's customwebhookbot pattern) instead of run_webhook.

Why not run_webhook: its server accepts bodies up to tornado's default of 100 MB, logs bodies it
cannot parse, and answers 200 as soon as the update is queued. Here a request needs Telegram's
secret-token header (compared in constant time), a JSON body no bigger than MAX_BODY_BYTES, and a
parseable update; anything else is refused without reading or logging the body.

An update is answered 200 only once it was handled: applied and saved in its transaction, and
its reply sent. A crash before that leaves Telegram without an answer, so it delivers the update
again (to this worker or another); the update id saved with the answer makes that harmless. If
the store failed, the answer is 503, so Telegram tries again later. The same server answers
/healthz, /readyz and /metrics (bot.health).

Slow or idle clients: a request has HEADER_TIMEOUT_SECONDS for its headers (and an idle
keep-alive connection is closed after as long), BODY_TIMEOUT_SECONDS for its body, and at most
MAX_CONNECTIONS are open at once (more are closed at once, before they cost a file descriptor for
long or a traceback in the log).

Stopping (SIGTERM, SIGINT: every deploy): the worker stops taking updates (a new one is answered
503, so Telegram delivers it again, to the next worker), lets those in flight finish for up to
STOP_GRACE_SECONDS, answers them, then closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream

from bot.health import health_routes
from bot.metrics import watching
from bot.store import Store, is_store_error

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024  # a Telegram update is a few KB; 256 KB leaves room for long texts
HEADER_TIMEOUT_SECONDS = 10.0
BODY_TIMEOUT_SECONDS = 10.0
MAX_CONNECTIONS = 512  # below the usual 1,024 descriptors, with room for the database and Bot API
STOP_GRACE_SECONDS = 20.0  # platforms kill 30 s after SIGTERM
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram"
App = Application[Any, Any, Any, Any, Any, Any]


class InFlight:
    """The updates being handled now, and whether the worker is stopping."""

    def __init__(self) -> None:
        self.count = 0
        self.stopping = False
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.contextmanager
    def one(self) -> Iterator[None]:
        self.count += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.count -= 1
            if not self.count:
                self._idle.set()

    async def drained(self, timeout: float) -> bool:
        try:
            async with asyncio.timeout(timeout):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True


class UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: App, secret: str, in_flight: InFlight) -> None:
        self.app = app
        self.secret = secret
        self.in_flight = in_flight

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if self.in_flight.stopping:  # not taken: Telegram delivers it again, to a running worker
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        update = self._parsed()
        with self.in_flight.one(), watching() as note:  # handled here: per-user order, then the answer
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        if note.failed is not None and is_store_error(note.failed):
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)

    def _parsed(self) -> Update:
        """The update, or 400 (never 500, which Telegram would deliver again and again)."""
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.app.bot) if _looks_like_update(data) else None
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            log.warning("webhook: refused an unparseable update (%s)", type(exc).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        return update

    def log_exception(self, *args: Any) -> None:  # tornado would log the request; we logged above
        return None


def _looks_like_update(data: object) -> bool:
    return isinstance(data, dict) and type(data.get("update_id")) is int


class CappedServer(HTTPServer):
    """At most ``max_connections`` open: a new one closes the oldest. A real request (Telegram's,
    a health check) takes milliseconds, so what is closed is a connection left idle or trickling
    its headers, and new clients still get in while thousands are held open."""

    max_connections = MAX_CONNECTIONS

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        self._streams: dict[IOStream, None] = {}  # oldest first

    def handle_stream(self, stream: IOStream, address: tuple[Any, ...]) -> None:
        if len(self._streams) >= self.max_connections:
            self._streams = {s: None for s in self._streams if not s.closed()}
        while len(self._streams) >= self.max_connections:
            oldest = next(iter(self._streams))
            del self._streams[oldest]
            oldest.close()
        self._streams[stream] = None
        super().handle_stream(stream, address)


def webhook_server(app: App, secret: str, metrics_token: str | None = None,
                   in_flight: InFlight | None = None) -> CappedServer:
    store: Store = app.bot_data["store"]
    routes = [(PATH, UpdateHandler, {"app": app, "secret": secret, "in_flight": in_flight or InFlight()}),
              *health_routes(store, metrics_token)]
    web = tornado.web.Application(routes, log_function=lambda _handler: None)
    return CappedServer(web, max_body_size=MAX_BODY_BYTES, max_buffer_size=MAX_BODY_BYTES * 4,
                        idle_connection_timeout=HEADER_TIMEOUT_SECONDS, body_timeout=BODY_TIMEOUT_SECONDS)


async def serve_webhook(app: App, *, listen: str, port: int, url: str, secret: str,
                        allowed_updates: list[str], stop: asyncio.Event | None = None,
                        metrics_token: str | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop``): register the webhook, serve, shut down cleanly."""
    stop = stop or stop_on_signals()
    in_flight = InFlight()
    server = webhook_server(app, secret, metrics_token, in_flight)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        server.listen(port, address=listen)  # listening before Telegram is told where to deliver
        await app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=allowed_updates)
        log.info("webhook: listening on %s:%d%s", listen, port, PATH)
        await stop.wait()
        await _drain(server, in_flight)
        await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


async def _drain(server: CappedServer, in_flight: InFlight) -> None:
    """Stop taking updates, let those in flight finish (within the grace), then close."""
    in_flight.stopping = True
    server.stop()  # no new connections
    finished = await in_flight.drained(STOP_GRACE_SECONDS)
    log.info("webhook: stopping; %s", "every update in flight was answered" if finished
             else f"{in_flight.count} updates unanswered: Telegram delivers them again")
    await server.close_all_connections()


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    return stop
