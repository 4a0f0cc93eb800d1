"""The A4 text PDF writer of the demo's meeting documents (fpdf2), apart from their content.

Imported only when documents are made (seeding): fpdf2 takes ~0.5 s to import, which every
backend start would otherwise pay.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from fpdf import FPDF

from ioc_backend.demo.media import ascii_fallback

_ISSUER = "UBND THÀNH PHỐ HUẾ — TRUNG TÂM GIÁM SÁT, ĐIỀU HÀNH ĐÔ THỊ THÔNG MINH (IOC)"
_FAMILY = "ioc-text"
# What the core fonts (Latin-1) lack besides Vietnamese letters, for the transliterated fallback.
_PLAIN = {"«": '"', "»": '"', "•": "-", "“": '"', "”": '"', "’": "'"}


class _Document(FPDF):
    """A4 pages with the issuing office on top and "Trang n/N" at the bottom."""

    def __init__(self, title: str, created: datetime, font_path: str | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.unicode_ok = False
        if font_path is not None:
            try:
                self.add_font(_FAMILY, "", font_path)
                self.unicode_ok = True
            except (OSError, RuntimeError, ValueError):
                self.unicode_ok = False  # an unreadable font file: the core font, transliterated
        self.family = _FAMILY if self.unicode_ok else "helvetica"
        # Fixed metadata: the same meeting always yields the same bytes.
        self.set_creation_date(created)
        self.set_title(self.shown(title))
        self.set_author("IOC Huế demo" if self.unicode_ok else "IOC Hue demo")
        self.set_creator("IOC Huế demo seed" if self.unicode_ok else "IOC Hue demo seed")
        self.set_lang("vi-VN")
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=20)

    def shown(self, text: str) -> str:
        if self.unicode_ok:
            return text
        for special, plain in _PLAIN.items():
            text = text.replace(special, plain)
        return ascii_fallback(text)

    def header(self) -> None:
        self.set_font(self.family, "", 8)
        self.set_text_color(90)
        self.multi_cell(0, 4, self.shown(_ISSUER), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(120)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.family, "", 8)
        self.set_text_color(90)
        self.cell(0, 6, self.shown(f"Trang {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0)

    def heading(self, text: str, size: float) -> None:
        # Headings drawn filled and stroked: as bold, without embedding a second font file
        # (each font file embedded costs the seed ~0.1 s per document).
        self.set_font(self.family, "", size)
        self.set_line_width(0.25)
        with self.local_context(text_mode="FILL_STROKE"):
            self.multi_cell(0, size * 0.5, self.shown(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text: str) -> None:
        self.set_font(self.family, "", 11)
        self.multi_cell(0, 6, self.shown(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def write_pdf(
    title: str, paragraphs: Iterable[str], created: datetime, font_path: str | None, *, heading: str, page_break: str
) -> bytes:
    """See ``documents.render_pdf``; ``font_path`` None: the core font, text transliterated."""
    pdf = _Document(title, created, font_path)
    pdf.add_page()
    pdf.heading(title, 17)
    for text in paragraphs:
        if text == page_break:
            pdf.add_page()
        elif text.startswith(heading):
            pdf.ln(2)
            pdf.heading(text.removeprefix(heading), 13)
        else:
            pdf.paragraph(text)
    return bytes(pdf.output())
