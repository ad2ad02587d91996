"""Plan documents are read in child processes (bot/readers.py), through the real bot and the fake
Bot API: a page too slow to read is stopped at the time limit, a reader out of memory ends with one
line, other users are answered while a document is read, and the next document is read by a
fresh child."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application
from bot.readers import ChildReaders, busy
from tests.botkit import TODAY, TgUser, settings_for, start_app, start_bot, stop_bot
from tests.fakeapi import Call, FakeBotAPI
from tests.spd_seams import read_when_released, reading_marker
from tests.spdkit import build, crowded_page
from tests.test_spd_documents import MEGA

TOO_SLOW = "This PDF takes too long to read; paste the after-tax section as text."
TOO_COMPLEX = "This PDF could not be read (it is too complex); paste the after-tax section as text."
PROPOSAL = "From your plan's document: After-tax (non-Roth) contributions"
AFTER_TAX = b"You may elect to make After-Tax Contributions of up to 20% of your Eligible Pay."


async def _send_file(user: TgUser, data: bytes, name: str, mime: str = "application/pdf") -> Call:
    before = len(user.messages())
    user.api.document(user.id, data, name, mime)
    await user.api.wait_chat(user.id, lambda _: len(user.messages()) > before, timeout=30)
    return user.messages()[-1]


async def _refused_then_carries_on(user: TgUser, data: bytes, line: str) -> None:
    """The document gets exactly ``line``, the question stays live, and the bot answers the next
    message; then a good document is read."""
    await user.send("/start")
    await user.tap("401(k)")
    refusal = await _send_file(user, data, "plan.pdf")
    assert refusal.text == line
    assert refusal.buttons() == []
    assert user.live_button("Yes") is not None  # the after-tax question, still live above the line
    reply = await user.send("yes")  # typed: the interview goes on from where it was
    assert "in-plan roth conversions" in reply.text.lower()
    proposal = await _send_file(user, build(MEGA), "Acme SPD.pdf")
    assert "From your plan's document" in proposal.text


async def test_a_page_slower_than_the_time_limit_is_stopped_and_the_bot_carries_on(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """One page of 200,000 text objects takes PDFium about 0.4 s of CPU: a reader that checks its
    time only between pages would finish it; the child is killed at the limit instead."""
    app = await start_bot(api, tmp_path / "bot.sqlite3", spd_read_seconds=0.05, spd_readers=1,
                          spd_memory_mib=2048)
    try:
        await _refused_then_carries_on(TgUser(api, 3101), crowded_page(200_000), TOO_SLOW)
    finally:
        await stop_bot(app)


async def test_a_reader_out_of_memory_gets_one_line_and_a_fresh_child_reads_the_next(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """300,000 text objects on a page need about 350 MB: under a 128 MiB cap PDFium aborts, which
    ends the child process; the next document is read by a new one."""
    app = await start_bot(api, tmp_path / "bot.sqlite3", spd_memory_mib=128, spd_readers=1)
    try:
        await _refused_then_carries_on(TgUser(api, 3201), crowded_page(300_000), TOO_COMPLEX)
    finally:
        await stop_bot(app)


async def test_other_users_are_answered_while_a_document_is_read(api: FakeBotAPI, tmp_path: Path) -> None:
    """A's reading is held open in its child until B has had a reply: B's reply cannot depend on
    A's reading ending, because A's reading ends only after the test has seen B's reply. B writes
    only once A's child has begun reading (downloading and starting the child are awaited too)."""
    release = tmp_path / "release"
    readers = ChildReaders(children=1, seconds=60, memory_mib=512, task=read_when_released)
    app = await start_app(build_application(settings_for(api, tmp_path / "bot.sqlite3"),
                                            today=lambda: TODAY, readers=readers))
    try:
        a, b = TgUser(api, 3301), TgUser(api, 3302)
        await a.send("/start")
        before = len(a.messages())
        api.document(a.id, str(release).encode() + b"\n" + AFTER_TAX, "plan.txt", "text/plain")
        await api.wait_for(reading_marker(release).exists, timeout=30)
        await b.send("/start")
        reply = await b.send("401k")  # typed answer to the first question
        assert "after-tax" in reply.text.lower()
        assert len(a.messages()) == before  # A's document is still being read
        release.touch()
        await api.wait_chat(a.id, lambda _: len(a.messages()) > before, timeout=30)
        assert PROPOSAL in a.messages()[-1].text
    finally:
        await stop_bot(app)



async def test_a_document_waits_for_a_free_reader_at_most_its_limit(api: FakeBotAPI, tmp_path: Path) -> None:
    """The one child holds A's reading (until the test releases it): B's document is answered with
    one line instead of waiting behind it; once A's reading is done, B's next one is read."""
    release = tmp_path / "release"
    readers = ChildReaders(children=1, seconds=60, memory_mib=512, task=read_when_released,
                           wait_seconds=0.05)
    app = await start_app(build_application(settings_for(api, tmp_path / "bot.sqlite3"),
                                            today=lambda: TODAY, readers=readers))
    try:
        a, b = TgUser(api, 3401), TgUser(api, 3402)
        await a.send("/start")
        await b.send("/start")
        before = len(a.messages())
        document = str(release).encode() + b"\n" + AFTER_TAX
        api.document(a.id, document, "plan.txt", "text/plain")
        await api.wait_for(reading_marker(release).exists, timeout=30)
        line = await _send_file(b, document, "plan.txt", "text/plain")
        assert line.text == busy().line
        assert b.live_button("401(k)") is not None  # B's question stays
        assert len(a.messages()) == before
        release.touch()
        await api.wait_chat(a.id, lambda _: len(a.messages()) > before, timeout=30)
        assert PROPOSAL in a.messages()[-1].text
        assert PROPOSAL in (await _send_file(b, document, "plan.txt", "text/plain")).text
    finally:
        await stop_bot(app)
