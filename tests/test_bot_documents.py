"""The plan's document in Telegram (real bot, fake Bot API over HTTP): a PDF at the first question
leads to the verdict with the confirmed answers; every refusal is one line and the question stays."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from fpdf import FPDF

from bot.documents import PHOTO, Documents
from bot.readers import ChildReaders
from flows.spd.errors import TIME_LIMIT_S
from tests.botkit import TgUser
from tests.fakeapi import Call, FakeBotAPI
from tests.spdkit import Spd, build
from tests.test_spd_documents import MEGA


async def _send_file(user: TgUser, data: bytes, name: str, mime: str = "application/pdf",
                     size: int | None = None) -> Call:
    before = len(user.messages())
    user.api.document(user.id, data, name, mime, file_size=size)
    await user.api.wait_chat(user.id, lambda _: len(user.messages()) > before)
    return user.messages()[-1]


def _stored(db: Path, user_id: int) -> str:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT * FROM conversations WHERE user_id = ?", (user_id,)).fetchall()
    return repr(rows)


async def test_a_pdf_at_the_first_question_leads_to_the_verdict_with_its_quotes(
    api: FakeBotAPI, running: Any, tmp_path: Path
) -> None:
    user = TgUser(api, 2101)
    await user.send("/start")
    proposal = await _send_file(user, build(MEGA), "Acme SPD.pdf")
    assert api.downloads == ["documents/doc1.bin"]  # fetched through getFile and the file URL
    assert "From your plan's document: After-tax (non-Roth) contributions" in proposal.text
    assert "p. 4: 'In addition to deciding how much to contribute" in proposal.text
    assert [b["text"] for b in proposal.buttons()] == ["Yes", "No", "Not sure"]
    conversion = await user.tap("Yes")
    assert "In-plan Roth Conversion" in conversion.text or "In-plan Roth conversion" in conversion.text
    assert "p. 6: 'You may elect to convert your non-Roth contributions accounts" in conversion.text
    back = await user.tap("Yes")
    assert "Which plan is it" in back.text  # the interview where it was
    verdict = await user.tap("401(k)")
    assert "Verdict" in verdict.text
    assert "Mega backdoor Roth: available" in verdict.text
    assert "From your plan's document (you confirmed):" in verdict.text
    assert "In-plan Roth conversion: Yes - p. 6:" in verdict.text
    assert "Conversions twice a year: convert in June and December" in verdict.text
    stored = _stored(tmp_path / "bot.sqlite3", user.id)
    assert "In addition to deciding how much to contribute" in stored  # the confirmed quote is kept ...
    assert "This section describes" not in stored  # ... the rest of the document is not


async def _refused(user: TgUser, data: bytes, name: str, **kwargs: Any) -> str:
    await user.send("/start")
    question = user.messages()[-1]
    line = await _send_file(user, data, name, **kwargs)
    assert line.buttons() == []  # one line, no new screen
    assert user.live_button("401(k)") is not None  # the question stays live above it
    assert question.text.startswith("Hi!") or "Which plan" in question.text
    return line.text


async def test_refusals_each_get_one_clear_line(api: FakeBotAPI, running: Any) -> None:
    encrypted = FPDF()
    encrypted.add_page()
    encrypted.set_font("Helvetica", size=12)
    encrypted.text(20, 20, "You may make regular after-tax contributions.")
    encrypted.set_encryption(owner_password="o", user_password="u")
    assert "password-protected" in await _refused(TgUser(api, 2201), bytes(encrypted.output()), "a.pdf")
    damaged = build(MEGA)[:2000]
    assert "damaged" in await _refused(TgUser(api, 2202), damaged, "b.pdf")
    scan = FPDF()
    scan.add_page()
    assert "is a scan" in await _refused(TgUser(api, 2203), bytes(scan.output()), "c.pdf")
    many = FPDF()
    for _ in range(401):
        many.add_page()
    assert "401 pages" in await _refused(TgUser(api, 2204), bytes(many.output()), "d.pdf")
    stub = build(Spd("Payroll", [["Earnings Statement", "Pay date 11/14/2026. Gross pay $4,615.38. Net pay "
                                  "$3,101.22. YTD gross $92,307.60."]], columns=1, toc=False))
    assert "pay stub" in await _refused(TgUser(api, 2205), stub, "stub.pdf")
    assert "PDF or a .txt" in await _refused(TgUser(api, 2206), b"PK\x03\x04zip", "plan.docx",
                                             mime="application/zip")


async def test_a_file_over_20_mb_is_refused_without_downloading(api: FakeBotAPI, running: Any) -> None:
    line = await _refused(TgUser(api, 2301), b"%PDF-1.7", "big.pdf", size=21 * 1024 * 1024)
    assert "up to 20 MB" in line
    assert api.downloads == []


async def test_a_photo_is_refused_with_one_line(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2401)
    await user.send("/start")
    before = len(user.messages())
    api.photo_message(user.id)
    await api.wait_chat(user.id, lambda _: len(user.messages()) > before)
    assert user.messages()[-1].text == PHOTO


async def test_a_pasted_passage_in_telegram_is_proposed(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2501)
    await user.send("/start")
    reply = await user.send("You may withdraw all or any portion of your after-tax sub-account for any "
                            "reason, up to twice per calendar year.")
    assert "From your plan's document: In-service withdrawal" in reply.text


async def test_a_slow_document_is_refused_by_its_time_limit() -> None:
    async def never(*_: Any) -> None:
        raise AssertionError("a refused document reaches the flow")

    readers = ChildReaders(children=1, seconds=1e-6, memory_mib=512)  # no document is read that fast
    try:
        assert await Documents(never, readers)._read("plan.pdf", build(MEGA)) == "This PDF takes too " \
            "long to read; paste the after-tax section as text."
    finally:
        readers.close()
    assert TIME_LIMIT_S > 0


async def test_a_txt_file_is_read_too(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2601)
    await user.send("/start")
    text = ("Eligibility\nYou join after 30 days.\f"
            "You may elect to make After-Tax Contributions of up to 20% of your Eligible Pay.")
    proposal = await _send_file(user, text.encode(), "plan.txt", mime="text/plain")
    assert "p. 2: 'You may elect to make After-Tax Contributions of up to 20%" in proposal.text
