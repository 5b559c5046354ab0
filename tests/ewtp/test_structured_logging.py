"""Logs are one JSON object per line, and each request's lines carry its request id."""

import json
import logging

import pytest

from ewtp.structured_logging import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


def test_a_request_gets_an_id_echoed_in_the_response_and_its_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="ewtp.request"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="support-ticket-42")
    assert response["X-Request-ID"] == "support-ticket-42"
    [record] = [r for r in caplog.records if r.name == "ewtp.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "request.finished"
    assert line["request_id"] == "support-ticket-42"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)


def test_an_unsafe_incoming_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert len(response["X-Request-ID"]) == 32


def test_formatter_writes_one_line_with_extras_and_the_context_id():
    token = request_id_var.set("abc123")
    try:
        record = logging.makeLogRecord(
            {
                "name": "x",
                "levelname": "INFO",
                "msg": "fx.refreshed\nsecond line",
                "summary": "Loaded 31 rates",
            }
        )
        RequestIdFilter().filter(record)
        text = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    assert "\n" not in text
    line = json.loads(text)
    assert line["request_id"] == "abc123" and line["summary"] == "Loaded 31 rates"
