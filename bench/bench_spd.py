"""Reading an 80-page, two-column SPD: CPU time (median of runs) and peak memory; PDFium vs pypdf.

Run: python -m bench.bench_spd   (target: under 1 s of CPU for the whole read, median)
"""

from __future__ import annotations

import io
import statistics
import time
import tracemalloc
from collections.abc import Callable

from flows.spd import layout, read_pdf
from flows.spd.extract import pdf_pages
from tests.spdkit import Spd, build, filler, filler_page
from tests.test_spd_documents import MEGA

RUNS = 7
TOPICS = ("Eligibility", "Vesting", "Loans", "Investments", "Beneficiaries", "Claims", "Fees", "Rights")


def eighty_pages() -> bytes:
    """MEGA's six pages of plan terms among 73 full pages (about 600 words, two columns) and a TOC."""
    pages = [filler_page(f"{TOPICS[i % len(TOPICS)]} part {i}", paragraphs=9) for i in range(73)]
    return build(Spd("Acme 401(k) Savings Plan", [*pages[:30], *MEGA.pages[:6], *pages[30:]]))


KEY = ("You may elect to make After-Tax Contributions of up to 12 percent of your Eligible Pay through "
       "payroll deductions, in addition to your before-tax contributions.")


def key_in_column_two(extract: Callable[[bytes], list[str]]) -> float:
    """1.0 if a paragraph in the second column of a PDF that stores its lines row by row across
    both columns comes out whole, else 0.0."""
    page = ["Contributions", *(filler("contributions", turn) for turn in range(6)), KEY]
    data = build(Spd("Acme Plan", [page, page[:3], page[:3]], interleaved=True))
    return float(KEY in " ".join(" ".join(layout.clean_pages(extract(data))).split()))


def _cpu(work: Callable[[bytes], object], data: bytes) -> float:
    start = time.process_time()
    work(data)
    return time.process_time() - start


def _pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def recovered(pages: list[str]) -> float:
    """The share of MEGA's plan-term paragraphs that come out whole after the layout clean-up
    (two columns, line-end hyphens, running headers; "59?" repaired to "59½")."""
    text = " ".join(" ".join(layout.clean_pages(pages)).split())
    wanted = [" ".join(p.replace("59?", "59½").split()) for page in MEGA.pages for p in page
              if len(p) > 120 and not p.startswith("This section")]
    return sum(p in text for p in wanted) / len(wanted)


def rows() -> list[tuple[str, float, str]]:
    data = eighty_pages()
    assert len(pdf_pages(data)) == 80
    assert {p.answer for p in read_pdf(data).answers.values()} == {"yes"}
    read = statistics.median(_cpu(read_pdf, data) for _ in range(RUNS))
    pdfium = statistics.median(_cpu(pdf_pages, data) for _ in range(RUNS))
    pypdf = statistics.median(_cpu(_pypdf_pages, data) for _ in range(3))
    tracemalloc.start()
    read_pdf(data)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return [
        ("spd: read an 80-page SPD (CPU, s)", read, "< 1 s"),
        ("spd: text of 80 pages, pypdfium2 (CPU, s)", pdfium, ""),
        ("spd: text of 80 pages, pypdf (CPU, s)", pypdf, ""),
        ("spd: pypdf / pypdfium2 (x)", pypdf / pdfium, ""),
        ("spd: plan paragraphs whole, pypdfium2 (share)", recovered(pdf_pages(data)), ""),
        ("spd: plan paragraphs whole, pypdf (share)", recovered(_pypdf_pages(data)), ""),
        ("spd: column 2 whole, lines stored across, pypdfium2", key_in_column_two(pdf_pages), ""),
        ("spd: column 2 whole, lines stored across, pypdf", key_in_column_two(_pypdf_pages), ""),
        ("spd: Python heap peak while reading (MiB)", peak, ""),
        ("spd: PDF size (KiB)", len(data) / 1024, ""),
    ]


def main() -> None:
    for name, value, target in rows():
        print(f"| {name:<44} | {value:9.3f} | {target} |")


if __name__ == "__main__":
    main()
