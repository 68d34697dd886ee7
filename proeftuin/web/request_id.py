"""A request id for every request: on each of its log lines and in the X-Request-ID header."""

import re
import uuid

from django.core.signals import request_finished

from config.log import REQUEST_ID

# A proxy's id is kept when it looks like one, so one id follows the request through both logs;
# anything else (too long, odd characters) is replaced rather than written into the log.
ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if ACCEPTED.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the request has finished, not only until this returns: Django logs a 4xx
        # or 5xx response ("Not Found: ...") after the middleware, and that line needs it too.
        REQUEST_ID.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**_kwargs) -> None:
    REQUEST_ID.set(None)


request_finished.connect(_forget, dispatch_uid="proeftuin.web.request_id")
