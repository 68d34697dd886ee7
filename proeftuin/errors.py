"""Domain errors: one base raised by services, shown once on forms and once as API 400s.

A service raises a `DomainError` (or a subclass named after the rule) with a translated message
per field; `add_to_form` puts it on a form, `api_exception_handler` (REST_FRAMEWORK's
EXCEPTION_HANDLER) answers 400 with the same field names, and `DomainErrorMiddleware` answers
400 for a page whose query parameters break a rule.
"""

from collections.abc import Mapping

from django.shortcuts import render
from django.utils.translation import gettext as _

NON_FIELD = "non_field_errors"


class DomainError(Exception):
    """A rule of the domain was broken; `errors` maps field names (None: the whole input) to
    translated messages."""

    def __init__(
        self,
        message: str | None = None,
        field: str | None = None,
        *,
        errors: Mapping[str | None, str] | None = None,
    ):
        if errors is None:
            errors = {field: message or _("Deze invoer klopt niet.")}
        self.errors: dict[str | None, str] = {name: str(text) for name, text in errors.items()}
        self.field = next(iter(self.errors), None)
        self.message = "; ".join(self.errors.values())
        super().__init__(self.message)

    def as_api_detail(self) -> dict[str, list[str]]:
        return {name or NON_FIELD: [message] for name, message in self.errors.items()}


def add_to_form(form, exc: DomainError, *, fields: Mapping[str, str] | None = None) -> None:
    """Show a domain error on the form field it names (renamed by `fields` or the form's
    `service_fields`), or above the form when the form has no such field."""
    renames = fields if fields is not None else getattr(form, "service_fields", {})
    for name, message in exc.errors.items():
        target = renames.get(name, name) if name else None
        form.add_error(target if target in form.fields else None, message)


def api_exception_handler(exc, context):
    """DRF's handler, with a domain error answered as a 400 naming its fields."""
    # Imported here: DRF reads its settings, which name this module, when its views load.
    from rest_framework.exceptions import ValidationError
    from rest_framework.views import exception_handler

    if isinstance(exc, DomainError):
        exc = ValidationError(exc.as_api_detail())
    return exception_handler(exc, context)


def bad_request_page(request, exc: DomainError):
    """A page asked with parameters that break a rule: 400, naming the parameter."""
    return render(request, "errors/bad_request.html", {"errors": exc.errors}, status=400)


class DomainErrorMiddleware:
    """A domain error that leaves a page view (one that was not shown on a form) is a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return bad_request_page(request, exception)
        return None
