"""Whole plan documents, made as PDFs in the tests: the three answers, their quotes and pages."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from PIL import Image

from flows.spd import Refusal, read_file, read_pdf, read_text
from flows.spd.extract import pdf_pages
from tests.spdkit import Spd, build, filler, filler_page

MEGA = Spd(
    "Acme 401(k) Savings Plan",
    [
        filler_page("Eligibility"),
        filler_page("Vesting"),
        [
            "Contributions",
            filler("contributions"),
            "In addition to deciding how much to contribute, you also decide whether you want to "
            "contribute on a "
            "before-tax, Roth after-tax or regular after-tax basis. Each type of contribution is held in "
            "a separate "
            "account.",
            "You may elect to make After-Tax Contributions of up to 15 percent of your Eligible Pay, "
            "including a "
            "separate percentage election for your bonuses and commissions, through payroll deductions only.",
        ],
        filler_page("Investments"),
        [
            "In-Plan Roth Conversions",
            filler("conversions"),
            filler("conversions", 1),
            "You may elect to convert your non-Roth contributions accounts, including your after-tax "
            "account, to a "
            "Roth Rollover account within the Plan. Conversions are processed twice per calendar year, "
            "in June and "
            "December.",
        ],
        [
            "Withdrawals While Employed",
            filler("withdrawals"),
            "Generally, money in a 401(k) plan, even your own contributions, can not be withdrawn until "
            "you reach "
            "age 59?, or until you separate from employment.",
            "However, you may withdraw all or any portion of your after-tax sub-account for any reason, "
            "up to "
            "twice per calendar year. A withdrawal is followed by a 6 month plan suspension of your "
            "contributions. "
            "The minimum withdrawal is $500.",
        ],
        filler_page("Claims and Appeals"),
    ],
)

ROTH_ONLY = Spd(
    "Beta Corp 401(k) Plan",
    [
        filler_page("Eligibility"),
        [
            "Your Contributions",
            filler("your contributions"),
            "There are two ways you can save through the 401(k) Plan: traditional 401(k) savings are "
            "deducted from "
            "your eligible pay on a pre-tax basis, and Roth 401(k) savings are deducted from your "
            "eligible pay on an "
            "after-tax basis.",
            "You may also contribute to the plan on a Roth after-tax basis.",
        ],
        [
            "Withdrawals While Employed",
            filler("withdrawals"),
            "Employee contributions can be distributed only in the case of a documented hardship, such "
            "as the "
            "potential loss of a primary residence or uninsured medical expenses.",
        ],
        filler_page("Claims"),
    ],
)


def _page_text(data: bytes, page: int) -> str:
    return " ".join(pdf_pages(data)[page - 1].replace("\ufffe", "").split())


def test_a_two_column_plan_with_headers_and_hyphens_reads_all_three_answers() -> None:
    data = build(MEGA)
    reading = read_pdf(data)
    assert reading.pages == 8
    after_tax = reading.answers["after_tax_allowed"]
    assert (after_tax.answer, after_tax.confidence) == ("yes", "high")
    assert after_tax.evidence[0].page == 4
    assert after_tax.details["cap_percent"] == 15
    assert after_tax.details["separate_bonus_election"] is True
    conversion = reading.answers["in_plan_conversion"]
    assert (conversion.answer, conversion.evidence[0].page, conversion.details["per_year"]) == ("yes", 6, 2)
    withdrawal = reading.answers["in_service_withdrawal"]
    assert (withdrawal.answer, withdrawal.evidence[0].page) == ("yes", 7)
    assert withdrawal.details["suspension_months"] == 6
    assert withdrawal.details["minimum_usd"] == 500
    assert "outweighed" in withdrawal.set_aside[0].why  # the general 59½ sentence is set aside, not quoted


def test_every_quote_is_on_its_page_in_the_documents_words() -> None:
    data = build(MEGA)
    for proposal in read_pdf(data).answers.values():
        for evidence in proposal.evidence:
            assert evidence.page is not None
            words = evidence.quote.removesuffix(" …")
            page = _page_text(data, evidence.page)
            # the extractor's line-end hyphen mark is removed; a quote is the page's words
            assert words.replace(" ", "") in page.replace(" ", "").replace("-", "") or words in page


def test_a_roth_only_plan_gets_no_yes_and_says_why_a_sentence_was_set_aside() -> None:
    reading = read_pdf(build(ROTH_ONLY))
    after_tax = reading.answers["after_tax_allowed"]
    assert after_tax.answer == "no"
    assert any("Roth" in s.why for s in after_tax.set_aside)
    assert reading.answers["in_service_withdrawal"].answer == "no"
    assert reading.answers["in_plan_conversion"].answer == "not_stated"


def test_one_column_text_file_with_form_feeds_numbers_pages() -> None:
    text = ("Eligibility\nYou join after 30 days.\fYou may make voluntary after-tax contributions of up "
            "to 10% of pay.")
    proposal = read_text(text).answers["after_tax_allowed"]
    assert (proposal.answer, proposal.evidence[0].page, proposal.details["cap_percent"]) == ("yes", 2, 10)


# ------------------------------------------------------------------------------------------ refusals


def _refusal(data: bytes, name: str = "plan.pdf", **kwargs: float) -> str:
    with pytest.raises(Refusal) as caught:
        read_file(name, data, **kwargs)
    return caught.value.kind


def test_an_encrypted_pdf_is_refused() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "You may make regular after-tax contributions.")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    assert _refusal(bytes(pdf.output())) == "encrypted"


def test_a_damaged_pdf_is_refused() -> None:
    data = build(MEGA)
    assert _refusal(data[: len(data) // 3]) == "damaged"
    assert _refusal(b"%PDF-1.7 not really a pdf") == "damaged"


def test_a_scanned_pdf_without_text_is_refused() -> None:
    pdf = FPDF()
    image = Image.new("RGB", (200, 260), "white")
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=10, y=10, w=180)
    assert _refusal(bytes(pdf.output())) == "scanned"


def test_more_than_400_pages_is_refused() -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=8)
    for _ in range(401):
        pdf.add_page()
        pdf.text(20, 20, "x")
    assert _refusal(bytes(pdf.output())) == "too_many_pages"


def test_a_pdf_over_the_time_limit_is_refused() -> None:
    assert _refusal(build(MEGA), time_limit=-1.0) == "too_slow"


def test_a_file_over_20_mb_is_refused_unread() -> None:
    assert _refusal(b"%PDF" + b"\0" * (20 * 1024 * 1024)) == "too_big"


def test_a_pay_stub_is_refused_unread() -> None:
    stub = Spd(
        "Acme Payroll",
        [
            [
                "Earnings Statement",
                "Pay date 11/14/2026. Gross pay $4,615.38. "
                "Net pay $3,101.22. YTD gross $92,307.60. After-tax 401(k) $200.00.",
            ]
        ],
        columns=1,
        toc=False,
    )
    assert _refusal(build(stub)) == "pay_stub"
    assert _refusal(b"Employee SSN 123-45-6789\nAfter-tax contributions", name="stub.txt") == "pay_stub"
    statement = b"Statement period 07/01-09/30. Account number 12345678. Beginning balance $10,000."
    assert _refusal(statement, name="statement.txt") == "pay_stub"


def test_a_binary_file_that_is_not_a_pdf_is_refused() -> None:
    image = io.BytesIO()
    Image.new("RGB", (4, 4)).save(image, format="PNG")
    assert _refusal(image.getvalue(), name="photo.png") == "unsupported"


def test_columns_stored_line_by_line_across_the_page_are_read_column_by_column() -> None:
    """A PDF that stores its lines row by row across both columns (as some layout programs do):
    the reader finds the empty strip between the columns and reads one column, then the other."""
    key = ("You may elect to make After-Tax Contributions of up to 12 percent of your Eligible Pay "
           "through payroll deductions, in addition to your before-tax contributions.")
    page = ["Contributions", *(filler("contributions", turn) for turn in range(6)), key]
    data = build(Spd("Acme Plan", [page, page[:3], page[:3]], interleaved=True))
    proposal = read_pdf(data).answers["after_tax_allowed"]
    assert proposal.evidence[0].quote == key
    assert (proposal.evidence[0].page, proposal.details["cap_percent"]) == (2, 12)
