"""Secrets never reach log output: URLs, headers, JSON bodies and tracebacks are redacted."""

from __future__ import annotations

import io
import logging

import pytest

from backend_client import RedactingFilter, redact_text, redact_url


@pytest.mark.parametrize(
    "url, secret, kept",
    [
        (
            "http://ioc:8000/api/v1/streams/cam-0001/sub.mjpeg?access_token=abcDEF123.-_~",
            "abcDEF123",
            "http://ioc:8000/api/v1/streams/cam-0001/sub.mjpeg?access_token=***",
        ),
        (
            "rtsp://admin:Hu3-s3cret@10.1.2.3:554/Streaming/Channels/101",
            "Hu3-s3cret",
            "rtsp://admin:***@10.1.2.3:554/Streaming/Channels/101",
        ),
        ("https://h/x?a=1&password=p%40ss&b=2", "p%40ss", "https://h/x?a=1&password=***&b=2"),
        ("https://h/x?refresh_token=rt1#frag", "rt1", "https://h/x?refresh_token=***#frag"),
    ],
)
def test_redact_url(url, secret, kept):
    cleaned = redact_url(url)
    assert secret not in cleaned
    assert cleaned == kept


def test_redact_url_leaves_harmless_urls_alone():
    url = "http://127.0.0.1:8000/api/v1/alerts?state=new&limit=100&tokenizer=x"
    assert redact_url(url) == url


def test_redact_text_headers_and_json():
    text = (
        'headers={"Authorization": "Bearer tok.en-1"} body={"username": "operator", '
        '"password": "hue-operator", "refresh_token": "r\\"t"} Bearer zzz999'
    )
    cleaned = redact_text(text)
    for secret in ("tok.en-1", "hue-operator", 'r\\"t', "zzz999"):
        assert secret not in cleaned
    assert '"username": "operator"' in cleaned


def test_filter_rewrites_message_args_and_traceback():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("tests.client.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("opening %s for %s", "http://h/s.mjpeg?access_token=SECRET1", "operator")
        try:
            raise ValueError("bad url rtsp://u:SECRET2@cam/1")
        except ValueError:
            logger.exception("decoder failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "SECRET1" not in output and "SECRET2" not in output
    assert "access_token=***" in output and "rtsp://u:***@cam/1" in output
    assert "for operator" in output
