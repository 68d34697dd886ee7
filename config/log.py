"""Logging context: each line of a request carries its request id, each line of a task its id.

Kept free of app imports: the logging configuration loads it before the apps are ready.
"""

import logging
from contextvars import ContextVar

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)


class ContextFilter(logging.Filter):
    """Adds request_id (set by proeftuin.web.request_id) and task_id/task_name (Celery's)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = REQUEST_ID.get()
        if request_id:
            record.request_id = request_id
        from celery import current_task  # imported late: the filter also serves bare commands

        if current_task and current_task.request.id:
            record.task_id = current_task.request.id
            record.task_name = current_task.name
        return True
