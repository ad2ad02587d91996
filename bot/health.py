"""/healthz, /readyz and /metrics as tornado routes: on the webhook server, or on METRICS_PORT.

- /healthz: the process is alive and its event loop answers (200 "ok").
- /readyz: the store answers a query (200 "ready", else 503 "store unreachable").
- /metrics: Prometheus text (bot.metrics), only with METRICS_TOKEN set and asked for with
  "Authorization: Bearer <METRICS_TOKEN>" (404 without the setting, 401 without the bearer); it
  holds counts by update kind, question id, verdict and fault, nothing about a user.
None of them reads a request body or logs anything about the caller.
"""

from __future__ import annotations

import asyncio
import hmac
from http import HTTPStatus
from typing import Any

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from tornado.httpserver import HTTPServer

from bot.metrics import REGISTRY
from bot.store import Store

Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]


class Alive(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/plain")
        self.finish("ok\n")


class Ready(tornado.web.RequestHandler):
    def initialize(self, store: Store) -> None:
        self.store = store

    async def get(self) -> None:
        if self.store.backend == "sqlite":  # microseconds, and its one connection stays in this thread
            ready = self.store.ready()
        else:  # a network round trip (up to its timeout when the database is gone): off the loop
            ready = await asyncio.to_thread(self.store.ready)
        self.set_header("Content-Type", "text/plain")
        if not ready:
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish("ready\n" if ready else "store unreachable\n")


class Metrics(tornado.web.RequestHandler):
    def initialize(self, token: str | None) -> None:
        self.token = token

    def get(self) -> None:
        if self.token is None:  # anything reachable from a network requires its secret
            raise tornado.web.HTTPError(HTTPStatus.NOT_FOUND)
        given = self.request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
            raise tornado.web.HTTPError(HTTPStatus.UNAUTHORIZED)
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(generate_latest(REGISTRY))

    def log_exception(self, *args: Any) -> None:
        return None


def health_routes(store: Store, metrics_token: str | None) -> list[Route]:
    return [("/healthz", Alive, {}), ("/readyz", Ready, {"store": store}),
            ("/metrics", Metrics, {"token": metrics_token})]


def health_server(store: Store, metrics_token: str | None) -> HTTPServer:
    """The polling mode's small server (METRICS_PORT): the three routes and nothing else."""
    web = tornado.web.Application(health_routes(store, metrics_token), log_function=lambda _h: None)
    return HTTPServer(web, max_body_size=1024)
