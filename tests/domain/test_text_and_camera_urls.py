"""Diacritic-blind search and camera URL rules (ioc_domain.text, ioc_domain.camera_urls)."""

from __future__ import annotations

import pytest

from ioc_domain.camera_urls import StreamUrlError, has_credentials, redact_text, redact_url, validate_stream_url
from ioc_domain.text import fold, matches_all_words


def test_fold_drops_vietnamese_diacritics_and_case() -> None:
    assert fold("Vỹ Dạ") == "vy da"
    assert fold("ĐÔNG  Ba") == "dong ba"
    assert fold("Cầu Trường Tiền") == "cau truong tien"


def test_every_word_must_match_somewhere() -> None:
    assert matches_all_words("vy da", "Cầu Vỹ Dạ - Hướng Bắc", "Phường Vỹ Dạ")
    assert matches_all_words("cau phuong", "Cầu Vỹ Dạ", "Phường Vỹ Dạ")
    assert not matches_all_words("vy da kim", "Cầu Vỹ Dạ", "Phường Vỹ Dạ")
    assert matches_all_words("   ", "anything")


@pytest.mark.parametrize(
    "url",
    ["rtsp://cam.local:554/Streaming/101", "http://10.0.0.5/mjpeg", "https://u:p@gw.example/live", "rtsps://h/x"],
)
def test_usable_stream_urls_pass(url: str) -> None:
    assert validate_stream_url(f"  {url} ") == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("file:///etc/passwd", "must start with"),
        ("javascript:alert(1)", "must start with"),
        ("rtsp:///path", "no host"),
        ("rtsp://host:99999/x", "malformed"),
        ("rtsp://host/a b", "blanks"),
        ("rtsp://host/\x00", "control"),
        ("http://" + "a" * 3000, "longer"),
    ],
)
def test_unusable_stream_urls_name_the_problem(url: str, reason: str) -> None:
    with pytest.raises(StreamUrlError, match=reason):
        validate_stream_url(url)


def test_credentials_are_redacted_in_urls_and_free_text() -> None:
    url = "rtsp://admin:s3cret@10.1.2.3:554/Streaming/Channels/101?transport=tcp"
    assert has_credentials(url)
    assert redact_url(url) == "rtsp://***@10.1.2.3:554/Streaming/Channels/101?transport=tcp"
    assert "s3cret" not in redact_text(f"could not open {url}: 401 Unauthorized")
    assert "admin" not in redact_text(f"could not open {url}")
    assert redact_url("http://host/x") == "http://host/x"
    assert not has_credentials("http://host/x")
