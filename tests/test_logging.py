"""Production logs: one JSON object a line, with the request id or the Celery task's id."""

import io
import json
import logging

import pytest

from config.celery import app
from config.log import ContextFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the configured console handler writes, as parsed JSON objects."""
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ContextFilter) for f in h.filters)
    ]
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(old)


def test_each_log_line_of_a_request_is_json_with_its_request_id(client, log_lines):
    response = client.get("/does-not-exist", HTTP_X_REQUEST_ID="req-0123456789")
    assert response["X-Request-ID"] == "req-0123456789"
    [line] = [entry for entry in log_lines() if entry["logger"] == "django.request"]
    assert line["request_id"] == "req-0123456789"
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /does-not-exist"


def test_a_request_without_a_usable_id_gets_a_fresh_one(client, log_lines):
    response = client.get("/does-not-exist", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32
    [line] = [entry for entry in log_lines() if entry["logger"] == "django.request"]
    assert line["request_id"] == response["X-Request-ID"]


@app.task(name="tests.log_something")
def log_something():
    logging.getLogger("notifications.tasks").warning("inside a task")


def test_each_log_line_of_a_task_carries_the_task_id(log_lines):
    result = log_something.apply(task_id="task-42")
    assert result.successful()
    [line] = [entry for entry in log_lines() if entry["message"] == "inside a task"]
    assert (line["task_id"], line["task_name"]) == ("task-42", "tests.log_something")
