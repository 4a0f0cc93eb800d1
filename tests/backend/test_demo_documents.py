"""The demo's meeting documents are real text PDFs: several pages, Vietnamese text that can be
searched and extracted, the same bytes for the same seed, and they pass the upload check."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pypdf
import pytest

from ioc_backend.demo import documents
from ioc_backend.demo.meetings import generate_meetings
from ioc_backend.pdf_probe import check_pdf_structure

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def seeded() -> list[tuple[dict, list[tuple[str, bytes]]]]:
    meetings = generate_meetings(6, now=NOW)
    return [(m, documents.meeting_documents(m, i)) for i, m in enumerate(meetings)]


def test_each_demo_document_is_a_multi_page_text_pdf_in_vietnamese(seeded) -> None:
    assert documents.find_font_path() is not None, "this test needs a TrueType font with Vietnamese glyphs"
    names = [name for _, docs in seeded for name, _ in docs]
    assert names.count("Chương trình họp.pdf") == 6 and names.count("Báo cáo tóm tắt.pdf") == 3
    for meeting, docs in seeded:
        for name, data in docs:
            check_pdf_structure(data)  # what an upload of it must pass
            pages = _pages(data)
            assert 3 <= len(pages) <= 6, (name, len(pages))
            text = " ".join(" ".join(page.split()) for page in pages)
            # Diacritics come back as written (searchable), on every page, with the page numbers.
            assert meeting["title"] in text and "Đề xuất, kiến nghị" in text, name
            for item in meeting["agenda"]:
                assert item["title"] in text and item["presenter"] in text
            for number, page in enumerate(pages, 1):
                assert "UBND THÀNH PHỐ HUẾ" in page and f"Trang {number}/{len(pages)}" in page
        program = _pages(docs[0][1])
        # One agenda item per page after the cover: a search hit leads to that item's page.
        for n, item in enumerate(meeting["agenda"], 1):
            assert f"Nội dung {n}. {' '.join(item['title'].split())}" in " ".join(program[n].split())


def test_the_same_meeting_always_gives_the_same_bytes(seeded) -> None:
    again = generate_meetings(6, now=NOW)
    for index, ((meeting, docs), twin) in enumerate(zip(seeded, again, strict=True)):
        assert twin == meeting and documents.meeting_documents(twin, index) == docs
    # The creation date is the day before the meeting, not the time of the seed.
    meeting, docs = seeded[0]
    info = pypdf.PdfReader(io.BytesIO(docs[0][1])).metadata
    assert info is not None and info.creation_date is not None
    expected = (meeting["starts_at"] - timedelta(days=1)).replace(microsecond=0)
    assert info.creation_date.astimezone(UTC) == expected.astimezone(UTC)


def test_without_a_truetype_font_the_text_is_transliterated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "find_font_path", lambda: None)
    data = documents.render_pdf(
        "Nghị quyết «phòng chống lũ»",
        ["## Đề xuất", "Đường Lê Lợi ngập sâu.", documents.PAGE_BREAK, "Trang hai."],
        datetime(2026, 11, 30, tzinfo=UTC),
    )
    check_pdf_structure(data)
    pages = _pages(data)
    assert len(pages) == 2
    assert 'Nghi quyet "phong chong lu"' in pages[0] and "Duong Le Loi ngap sau." in pages[0]
    assert "Trang hai." in pages[1] and "Trang 2/2" in pages[1]
