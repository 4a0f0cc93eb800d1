"""Demo meeting documents (real multi-page text PDFs made with fpdf2) and the demo polls of the seed.

The documents carry their text as text (a TrueType font with Vietnamese glyphs, embedded as a
subset), so the console's search, page thumbnails and notes have something real to work on.
The same input always yields the same bytes (and SHA-256): the creation date is fixed and
nothing random goes in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from ioc_backend.demo.media import find_font_path

_ICT = timezone(timedelta(hours=7))
#: Paragraph markup of ``render_pdf``: a section heading, and the start of a new page.
HEADING = "## "
PAGE_BREAK = "\f"


def render_pdf(title: str, paragraphs: Iterable[str], created: datetime) -> bytes:
    """An A4 text PDF: ``title`` as the heading, then the paragraphs, wrapped, over as many pages
    as they need. A paragraph starting with ``HEADING`` is a section heading, one equal to
    ``PAGE_BREAK`` starts a new page. Same input, same bytes."""
    from ioc_backend.demo.pdf_writer import write_pdf  # fpdf2 is slow to import: only when used

    return write_pdf(title, paragraphs, created, find_font_path(), heading=HEADING, page_break=PAGE_BREAK)


def _local(moment: datetime) -> str:
    return moment.astimezone(_ICT).strftime("%H:%M ngày %d/%m/%Y")


# The body of each agenda item's section: (heading, text) templates, {item}, {presenter}, {meeting}.
_ITEM_SECTIONS = (
    (
        "Tình hình",
        "Trong kỳ, {presenter} đã theo dõi sát nội dung «{item}», phối hợp với Trung tâm IOC "
        "và các phường liên quan cập nhật số liệu hằng ngày trên hệ thống giám sát. Các phản ánh "
        "của người dân qua ứng dụng Hue-S và đường dây nóng được tiếp nhận, phân loại và chuyển "
        "xử lý đúng quy trình; những việc vượt thẩm quyền đã được báo cáo Lãnh đạo thành phố.",
    ),
    (
        "Kết quả đạt được",
        "Phần lớn các việc giao đã hoàn thành đúng hạn. Dữ liệu camera, cảm biến và phản ánh hiện "
        "trường được tổng hợp trên bảng điều khiển chung, giúp các đơn vị nắm tình hình kịp thời. "
        "Tỷ lệ phản ánh được xử lý đúng hạn tiếp tục được duy trì; thời gian phản hồi trung bình "
        "giảm so với kỳ trước.",
    ),
    (
        "Tồn tại, hạn chế",
        "Một số điểm còn chậm cập nhật kết quả xử lý lên hệ thống; việc phối hợp giữa các đơn vị ở "
        "một số địa bàn chưa chặt chẽ. Một số thiết bị hiện trường mất kết nối trong thời gian "
        "mưa lớn, cần được kiểm tra, thay thế.",
    ),
    (
        "Đề xuất, kiến nghị",
        "Đề nghị cuộc họp «{meeting}» thống nhất: (1) giao {presenter} chủ trì, phối hợp các phường "
        "hoàn thành các việc còn tồn đọng trong tuần tới; (2) các đơn vị cập nhật kết quả xử lý "
        "lên hệ thống trước 17 giờ hằng ngày; (3) Trung tâm IOC tổng hợp, báo cáo kết quả tại "
        "cuộc họp kỳ sau.",
    ),
)
MAX_ITEM_PAGES = 4  # 1 cover + up to 4 items + 1 closing page: 3..6 pages


def _item_pages(meeting: dict[str, Any], agenda: list[dict[str, Any]], prefix: str) -> list[str]:
    shown = agenda[:MAX_ITEM_PAGES] or [{"title": "Các nội dung khác", "presenter": "Trung tâm IOC"}]
    out: list[str] = []
    for n, item in enumerate(shown, 1):
        out += [PAGE_BREAK, f"{HEADING}{prefix} {n}. {item['title']}", f"Đơn vị trình bày: {item['presenter']}."]
        for part, (heading, template) in enumerate(_ITEM_SECTIONS, 1):
            text = template.format(item=item["title"], presenter=item["presenter"], meeting=meeting["title"])
            out += [f"{HEADING}{n}.{part}. {heading}", text]
    return out


def _closing(meeting: dict[str, Any]) -> list[str]:
    return [
        PAGE_BREAK,
        f"{HEADING}Tổ chức thực hiện",
        "Văn phòng UBND thành phố và Trung tâm IOC theo dõi, đôn đốc việc thực hiện các kết luận "
        f"của cuộc họp «{meeting['title']}»; kết quả được cập nhật trên hệ thống điều hành.",
        "Các đại biểu nghiên cứu tài liệu trước cuộc họp, chuẩn bị ý kiến cho từng nội dung; "
        "ý kiến góp ý bằng văn bản gửi về Trung tâm IOC trước giờ họp.",
        f"{HEADING}Thành phần tham dự",
        "Lãnh đạo UBND thành phố (chủ trì); lãnh đạo Trung tâm IOC (thư ký); đại diện các sở, ngành "
        "và UBND các phường liên quan; các đơn vị được giao trình bày nội dung.",
    ]


def meeting_documents(meeting: dict[str, Any], index: int) -> list[tuple[str, bytes]]:
    """(filename, PDF bytes) for one demo meeting: its agenda (3 to 6 pages), and for every
    other meeting a brief (as many)."""
    agenda = meeting.get("agenda") or []
    created = meeting["starts_at"] - timedelta(days=1)
    cover = [
        f"Thời gian: {_local(meeting['starts_at'])} – {_local(meeting['ends_at'])}",
        f"Địa điểm: {meeting['location']}",
        f"{HEADING}Nội dung",
    ]
    cover += [f"{n}. {item['title']} — trình bày: {item['presenter']}" for n, item in enumerate(agenda, 1)]
    program = cover + _item_pages(meeting, agenda, "Nội dung") + _closing(meeting)
    docs = [("Chương trình họp.pdf", render_pdf(f"Chương trình: {meeting['title']}", program, created))]
    if index % 2 == 0:
        brief = [
            f"Tài liệu phục vụ cuộc họp «{meeting['title']}».",
            "Đề nghị các đại biểu nghiên cứu trước, chuẩn bị ý kiến cho từng nội dung dưới đây.",
        ]
        brief += [
            f"• {item['title']}: đơn vị {item['presenter']} báo cáo tình hình, kết quả và kiến nghị." for item in agenda
        ]
        brief += _item_pages(meeting, agenda, "Báo cáo") + _closing(meeting)
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
