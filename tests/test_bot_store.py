"""One contract, two stores: every test here runs against SQLite and against a real PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pydantic import ValidationError

from bot.settings import Settings, settings_error_line
from bot.store import ReminderRow, SqliteStore, Store, StoreUnavailableError, open_store
from bot.store.postgres import PostgresStore
from tests.fakeapi import TOKEN
from tests.pgkit import Postgres

ROOT = Path(__file__).resolve().parent.parent
CONV = {"v": 1, "state": "age", "answers": {"plan_type": "401k"}, "history": ["plan_type"]}
Opener = Callable[[], Store]


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens a store on the test's database; each call is a new store, as a second process is."""
    opened: list[Store] = []
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None

    def open_one() -> Store:
        store = open_store(url, tmp_path / "s.sqlite3")
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


def test_a_saved_conversation_reads_back_with_its_update_mark(opener: Opener) -> None:
    store = opener()
    assert store.read(7) == (None, 0, 0.0)
    store.save(7, CONV, update_id=50)
    saved = store.read(7)
    assert saved.conversation == CONV
    assert saved.last_update_id == 50
    assert abs(saved.saved_at - time.time()) < 60
    assert saved.newer_than(49, now=saved.saved_at + 60)
    assert not saved.newer_than(50, now=saved.saved_at + 60)
    assert not saved.newer_than(3, now=saved.saved_at + 8 * 24 * 3600)  # ids restart after a week
    assert store.save(7, {**CONV, "state": "compensation"}, update_id=51)
    assert store.read(7).conversation == {**CONV, "state": "compensation"}
    assert store.count() == 1
    assert store.ready()


def test_an_out_of_date_write_is_refused_and_forget_stays_forgotten(opener: Opener) -> None:
    """A worker that was slow to finish update 10 never writes its copy over what update 11 stored,
    nor brings back a row that update 12's /forget deleted."""
    store = opener()
    assert store.save(7, CONV, update_id=10)
    newer = {**CONV, "state": "compensation"}
    assert store.save(7, newer, update_id=11)
    assert not store.save(7, CONV, update_id=10)  # the slow worker's late write
    assert store.read(7).conversation == newer
    with store.locked(7) as row:  # under the lock the caller decides; the mark never goes down
        row.save({**newer, "n": 1}, 9)
    assert store.read(7)[:2] == ({**newer, "n": 1}, 11)
    assert store.forget(7, update_id=12)
    assert not store.save(7, newer, update_id=11)
    assert store.read(7).conversation is None
    assert store.count() == 0
    assert store.save(7, CONV, update_id=13)  # a later /start begins afresh
    assert store.read(7).conversation == CONV


def test_readiness_says_no_once_the_database_is_gone(opener: Opener) -> None:
    store = opener()
    assert store.ready()
    store.close()
    assert not store.ready()  # /readyz answers 503 instead of raising


def test_forget_and_retention_delete_rows(opener: Opener) -> None:
    store = opener()
    for user_id in (1, 2, 3):
        store.save(user_id, CONV)
    assert store.forget(2)
    assert not store.forget(2)
    assert store.read(2).conversation is None
    assert store.purge_idle(30 * 86400) == 0  # nothing idle yet
    assert store.purge_idle(30 * 86400, now=time.time() + 31 * 86400) == 2
    assert store.count() == 0


def test_locked_row_commits_its_write_and_rolls_back_on_error(opener: Opener) -> None:
    store = opener()
    with store.locked(5) as row:
        assert row.stored.conversation is None
        row.save(CONV, 11)
    assert store.read(5)[:2] == (CONV, 11)

    def failing_update() -> None:
        with store.locked(5) as row:
            row.save({**CONV, "state": "lost"}, 12)
            raise RuntimeError("the handler failed after writing")

    with pytest.raises(RuntimeError):
        failing_update()
    assert store.read(5)[:2] == (CONV, 11)  # nothing of the failed update remains
    with store.locked(5) as row:  # the store is usable after a rollback
        assert row.stored.last_update_id == 11


def test_every_read_sees_what_another_process_wrote(opener: Opener) -> None:
    """No memory of rows in the process: a second store (another worker) changes a row, and the
    first one's next read and next transaction see the change."""
    mine, theirs = opener(), opener()
    mine.save(9, CONV, update_id=1)
    assert mine.read(9).conversation == CONV
    theirs.save(9, {**CONV, "state": "theirs"}, update_id=2)
    assert mine.read(9)[:2] == ({**CONV, "state": "theirs"}, 2)
    theirs.forget(9)
    with mine.locked(9) as row:
        assert row.stored.conversation is None


@pytest.mark.parametrize("existing", [True, False], ids=["existing-row", "new-user"])
def test_a_locked_row_makes_another_worker_wait_then_see_the_write(opener: Opener, existing: bool) -> None:
    first, second = opener(), opener()
    if existing:
        first.save(3, CONV, update_id=1)
    holding, seen = threading.Event(), threading.Event()
    observed: list[Any] = []

    def other_worker() -> None:
        assert holding.wait(10)
        with second.locked(3) as row:  # must wait for the first transaction
            observed.append(row.stored[:2])
            row.save({**CONV, "state": "second"}, 3)
        seen.set()

    thread = threading.Thread(target=other_worker)
    thread.start()
    with first.locked(3) as row:
        holding.set()
        assert not seen.wait(0.5)  # the other worker is held while this transaction lives
        row.save({**CONV, "state": "first"}, 2)
    thread.join(10)
    assert not thread.is_alive()
    assert observed == [({**CONV, "state": "first"}, 2)]  # it saw the first write, not the old row
    assert first.read(3)[:2] == ({**CONV, "state": "second"}, 3)


def test_import_copies_rows_once_and_keeps_newer_ones(opener: Opener, tmp_path: Path) -> None:
    source = SqliteStore(tmp_path / "old.sqlite3")
    for user_id in range(1, 6):
        source.save(user_id, {**CONV, "n": user_id}, update_id=user_id)
    rows = list(source.export_rows())
    target = opener()
    target.save(3, {**CONV, "n": "newer here"}, update_id=99)  # changed after the export
    assert target.import_rows(rows) == 4
    assert target.import_rows(rows) == 0  # idempotent
    assert target.read(3)[:2] == ({**CONV, "n": "newer here"}, 99)
    assert [target.read(u).conversation for u in (1, 5)] == [{**CONV, "n": 1}, {**CONV, "n": 5}]
    source.close()


def test_an_old_sqlite_file_is_migrated_and_stays_owner_only(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as con:  # a database from before the update-id column
        con.execute("CREATE TABLE conversations (user_id INTEGER PRIMARY KEY, state TEXT NOT NULL, "
                    "updated_at REAL NOT NULL)")
        con.execute("INSERT INTO conversations VALUES (7, '{\"v\": 1}', 100.0)")
        con.execute("INSERT INTO conversations VALUES (8, 'not json', 100.0)")
    store = SqliteStore(old)
    assert store.read(7) == ({"v": 1}, 0, 100.0)
    assert store.read(8).conversation is None  # unreadable: the bot starts that user afresh
    store.save(7, {"v": 1}, update_id=50)
    assert store.read(7).last_update_id == 50
    assert store.integrity_ok()
    assert old.stat().st_mode & 0o777 == 0o600


def test_postgres_schema_is_created_and_migrated_idempotently(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:  # a table from before the column
        conn.execute("CREATE TABLE conversations (user_id BIGINT PRIMARY KEY, state JSONB NOT NULL, "
                     "updated_at DOUBLE PRECISION NOT NULL)")
        conn.execute("INSERT INTO conversations VALUES (7, %s, 100.0)", (json.dumps(CONV),))
    stores = [PostgresStore(pg_url) for _ in range(3)]  # workers starting together
    assert stores[0].read(7) == (CONV, 0, 100.0)
    stores[1].save(7, CONV, update_id=4)
    assert stores[2].read(7).last_update_id == 4
    for store in stores:
        store.close()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_in_the_forms_hosts_write_it(postgres: Postgres, pg_url: str, scheme: str,
                                                  tmp_path: Path) -> None:
    database = pg_url.split("/")[3].split("?", maxsplit=1)[0]
    url = postgres.url(database, scheme=scheme)  # Unix socket: postgres://user@/db?host=/dir
    settings = Settings(database_url=url, database_path=tmp_path / "never.sqlite3")
    assert settings.database_url is not None
    store = open_store(settings.database_url.get_secret_value(), settings.database_path)
    assert store.backend == "postgresql"
    store.save(1, CONV)
    assert store.read(1).conversation == CONV
    store.close()
    assert not (tmp_path / "never.sqlite3").exists()  # with DATABASE_URL no SQLite file is made


@pytest.mark.parametrize("url", ["mysql://u:hunter2@db/x", "postgresql://u:hunter2@db/x?colour=blue"])
def test_a_bad_database_url_is_one_line_without_the_password(url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(database_url=url)
    line = settings_error_line(caught.value)
    assert line.startswith("configuration error: DATABASE_URL")
    assert "hunter2" not in line


def test_an_unreachable_database_is_one_error_without_the_url(tmp_path: Path) -> None:
    url = f"postgresql://u:hunter2@/x?host={tmp_path}"
    with pytest.raises(StoreUnavailableError) as caught:
        PostgresStore(url)
    assert str(caught.value) == "cannot connect to DATABASE_URL (OperationalError)"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": url,
           "DATABASE_PATH": str(tmp_path / "never.sqlite3")}
    done = subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 1
    expected = "store error: cannot connect to DATABASE_URL (OperationalError)"
    assert done.stderr.strip().splitlines() == [expected]
    assert not (tmp_path / "never.sqlite3").exists()


def migrate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "migrate-store", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env={**os.environ, **(env or {})},
                          check=False)


def test_migrate_store_copies_sqlite_to_postgres_once(pg_url: str, tmp_path: Path) -> None:
    source_path = tmp_path / "data" / "megaroth.sqlite3"
    source = SqliteStore(source_path)
    for user_id in range(1, 31):
        source.save(user_id, {**CONV, "n": user_id}, update_id=100 + user_id)
    reminder = ReminderRow(4, 4004, "monthly", "biweekly", "in_plan_conversion", 1796137200.0)
    source.set_reminder(reminder)
    source.close()
    first = migrate("--to", pg_url, env={"DATABASE_PATH": str(source_path)})
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("migrate-store: 30 conversations read, 30 copied, 0 already there "
                                    "and as new; 30 in PostgreSQL; 1 reminders copied")
    target = PostgresStore(pg_url)
    assert target.reminders_of(4) == [reminder]  # the schedule moves with the answers
    target.save(7, {**CONV, "n": "answered since, on PostgreSQL"}, update_id=500)
    again = migrate("--to", pg_url, "--from", str(source_path))
    assert again.returncode == 0, again.stderr
    assert "30 conversations read, 0 copied, 30 already there" in again.stdout
    assert target.read(7)[:2] == ({**CONV, "n": "answered since, on PostgreSQL"}, 500)
    assert target.read(30)[:2] == ({**CONV, "n": 30}, 130)
    assert target.count() == 30
    target.close()


@pytest.mark.parametrize(("args", "start"), [
    (["--to", "mysql://u:hunter2@h/db"], "configuration error: DATABASE_URL"),
    (["--to", "postgresql://u:hunter2@/db?host=/nonexistent", "--from", "/nonexistent/x.sqlite3"],
     "migrate-store: no SQLite file at /nonexistent/x.sqlite3"),
])
def test_migrate_store_refuses_bad_arguments_in_one_line(args: list[str], start: str) -> None:
    done = migrate(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(start)
    assert "hunter2" not in lines[0]


def test_an_unusable_data_folder_is_one_line_and_a_new_one_is_owner_only(tmp_path: Path) -> None:
    """A folder the bot cannot create its file in (here a file stands where the folder should be:
    it refuses even root) is the one-line store error, not a traceback."""
    (tmp_path / "taken").write_text("not a folder")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "taken" / "x.sqlite3")}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("store error: cannot open the SQLite file")
    old = os.umask(0)
    try:
        SqliteStore(tmp_path / "fresh" / "x.sqlite3").close()
    finally:
        os.umask(old)
    assert (tmp_path / "fresh").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "fresh" / "x.sqlite3").stat().st_mode & 0o777 == 0o600
