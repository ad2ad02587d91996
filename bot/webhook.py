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
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.health import health_routes
from bot.metrics import watching
from bot.store import Store, is_store_error

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024  # a Telegram update is a few KB; 256 KB leaves room for long texts
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram"
App = Application[Any, Any, Any, Any, Any, Any]


class UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: App, secret: str) -> None:
        self.app = app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.app.bot) if _looks_like_update(data) else None
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("webhook: refused an unparseable update (%s)", type(exc).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        with watching() as note:  # handled here, in this request: per-user order, then the answer
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        if note.failed is not None and is_store_error(note.failed):
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)

    def log_exception(self, *args: Any) -> None:  # tornado would log the request; we logged above
        return None


def _looks_like_update(data: object) -> bool:
    return isinstance(data, dict) and type(data.get("update_id")) is int


def webhook_server(app: App, secret: str, metrics_token: str | None = None) -> HTTPServer:
    store: Store = app.bot_data["store"]
    routes = [(PATH, UpdateHandler, {"app": app, "secret": secret}),
              *health_routes(store, metrics_token)]
    web = tornado.web.Application(routes, log_function=lambda _handler: None)
    return HTTPServer(web, max_body_size=MAX_BODY_BYTES, max_buffer_size=MAX_BODY_BYTES * 4)


async def serve_webhook(app: App, *, listen: str, port: int, url: str, secret: str,
                        allowed_updates: list[str], stop: asyncio.Event | None = None,
                        metrics_token: str | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop``): register the webhook, serve, shut down cleanly."""
    stop = stop or stop_on_signals()
    server = webhook_server(app, secret, metrics_token)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=allowed_updates)
        server.listen(port, address=listen)
        await app.start()
        log.info("webhook: listening on %s:%d%s", listen, port, PATH)
        await stop.wait()
        server.stop()
        await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    return stop
