"""Demo meeting documents (real one-page PDFs drawn with Pillow) and the demo polls of the seed."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ioc_backend.demo.media import ascii_fallback, find_font_path

_ICT = timezone(timedelta(hours=7))
_PAGE = (827, 1169)  # A4 at 100 dpi: legible, and small enough to seed in a blink
_MARGIN = 70


def _font(size: int) -> tuple[Any, bool]:
    """(font, has Vietnamese glyphs); without a TrueType font the text is transliterated."""
    path = find_font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size), True
        except OSError:
            pass
    return ImageFont.load_default(size), False


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def render_pdf(title: str, paragraphs: list[str], created: datetime) -> bytes:
    """One A4 page: a heading and wrapped paragraphs, saved as PDF (same input, same bytes)."""
    page = Image.new("L", _PAGE, 255)
    draw = ImageDraw.Draw(page)
    heading, unicode_ok = _font(30)
    body, _ = _font(19)

    def shown(text: str) -> str:
        return text if unicode_ok else ascii_fallback(text)

    width = _PAGE[0] - 2 * _MARGIN
    y = _MARGIN
    draw.text((_MARGIN, y), shown("UBND THÀNH PHỐ HUẾ — TRUNG TÂM IOC"), font=body, fill=90)
    y += 50
    for line in _wrap(draw, shown(title), heading, width):
        draw.text((_MARGIN, y), line, font=heading, fill=0)
        y += 42
    y += 10
    draw.line((_MARGIN, y, _PAGE[0] - _MARGIN, y), fill=0, width=2)
    y += 24
    for paragraph in paragraphs:
        for line in _wrap(draw, shown(paragraph), body, width):
            if y > _PAGE[1] - _MARGIN:
                break
            draw.text((_MARGIN, y), line, font=body, fill=0)
            y += 28
        y += 14
    out = io.BytesIO()
    # Fixed dates in the PDF's info: the same meeting always yields the same bytes (and SHA-256).
    page.save(
        out,
        "PDF",
        resolution=100.0,
        title=shown(title),
        author="IOC Huế demo",
        creationDate=created.utctimetuple(),
        modDate=created.utctimetuple(),
    )
    return out.getvalue()


def _local(moment: datetime) -> str:
    return moment.astimezone(_ICT).strftime("%H:%M ngày %d/%m/%Y")


def meeting_documents(meeting: dict[str, Any], index: int) -> list[tuple[str, bytes]]:
    """(filename, PDF bytes) for one demo meeting: its agenda, and for every other meeting a brief."""
    agenda = meeting.get("agenda") or []
    created = meeting["starts_at"] - timedelta(days=1)
    lines = [
        f"Thời gian: {_local(meeting['starts_at'])} – {_local(meeting['ends_at'])}",
        f"Địa điểm: {meeting['location']}",
        "Nội dung:",
    ]
    lines += [f"{n}. {item['title']} — trình bày: {item['presenter']}" for n, item in enumerate(agenda, 1)]
    docs = [("Chương trình họp.pdf", render_pdf(f"Chương trình: {meeting['title']}", lines, created))]
    if index % 2 == 0:
        brief = [
            f"Tài liệu phục vụ cuộc họp «{meeting['title']}».",
            "Đề nghị các đại biểu nghiên cứu trước, chuẩn bị ý kiến cho từng nội dung dưới đây.",
        ]
        brief += [
            f"• {item['title']}: đơn vị {item['presenter']} báo cáo tình hình, kết quả và kiến nghị." for item in agenda
        ]
        docs.append(("Báo cáo tóm tắt.pdf", render_pdf("Báo cáo tóm tắt", brief, created)))
    return docs


def meeting_poll(meeting: dict[str, Any]) -> dict[str, Any] | None:
    """The demo poll of a meeting that has not ended: approve its first agenda item."""
    agenda = meeting.get("agenda") or []
    if meeting.get("status") == "ended" or not agenda:
        return None
    return {
        "question": f"Thống nhất thông qua nội dung «{agenda[0]['title']}»?",
        "options": ["Đồng ý", "Không đồng ý", "Cần bổ sung thêm"],
    }
