"""One validator per kind of input (dates, months, ids, links), shared by forms, API and query
parameters.

A date outside the window below is refused wherever it comes in: far-off years are typing errors
or probes, and the calendar, month arithmetic and iCalendar output break near the year 9999.
Every form field, serializer field and filter of those kinds is built from the classes here.
"""

import json
import re
from datetime import date, datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError

from .errors import DomainError

EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10
# The largest value a bigint primary key can hold; anything larger is bad input, not a 500.
MAX_ID = 2**63 - 1


class InvalidInput(DomainError):
    """A value outside what the application accepts (a date, a month, an id)."""


# --- dates ---------------------------------------------------------------------------------


def latest_date(today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, ten years on, is not a day
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_window_message() -> str:
    return _("Kies een datum tussen %(first)s en %(last)s.") % {
        "first": formats.date_format(EARLIEST_DATE),
        "last": formats.date_format(latest_date()),
    }


def validate_date(value: date | datetime | None) -> None:
    """A date (or the day of a moment) between 2000-01-01 and ten years from today."""
    if value is None:
        return
    # The day as written, without converting the moment: near the year 9999 a conversion to
    # another time zone overflows.
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= latest_date():
        raise ValidationError(date_window_message(), code="date_out_of_range")


def check_date(value: date | datetime | None, *, field: str) -> None:
    """`validate_date` for a service or a query parameter: an `InvalidInput` naming the field."""
    try:
        validate_date(value)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field=field) from None


MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str | None, *, field: str) -> date | None:
    """'2026-03' -> date(2026, 3, 1); absent or empty -> None; anything else names the field."""
    if not text:
        return None
    match = MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise InvalidInput(_("Gebruik een maand als 2026-03."), field=field)
    month = date(int(match[1]), int(match[2]), 1)
    if not EARLIEST_DATE.replace(day=1) <= month <= latest_date().replace(day=1):
        raise InvalidInput(
            _("Kies een maand tussen %(first)s en %(last)s.")
            % {
                "first": formats.date_format(EARLIEST_DATE, "F Y"),
                "last": formats.date_format(latest_date(), "F Y"),
            },
            field=field,
        )
    return month


# --- ids -----------------------------------------------------------------------------------


def validate_id(value: int | None) -> None:
    """An id is a whole number from 1 up to the largest primary key."""
    if value is not None and not 1 <= value <= MAX_ID:
        raise ValidationError(
            _("Een id is een geheel getal van 1 tot en met %(max)s.") % {"max": MAX_ID},
            code="id_out_of_range",
        )


# --- links ---------------------------------------------------------------------------------

LINK_MAX_LENGTH = 200
# Files are not stored, links only; and only web links: another scheme (javascript:, data:,
# file:, ftp:) is not something a colleague can open safely from a page or a spreadsheet.
LINK_SCHEMES = ("http", "https")
_web_link = URLValidator(schemes=list(LINK_SCHEMES))


def link_message() -> str:
    return _("Geef een link die begint met http:// of https://, van hoogstens 200 tekens.")


def validate_link(value: str | None) -> None:
    """A web link (http or https) of at most 200 characters; empty means no link."""
    if not value:
        return
    if len(value) > LINK_MAX_LENGTH:
        raise ValidationError(link_message(), code="link_invalid")
    try:
        _web_link(value)
    except ValidationError:
        raise ValidationError(link_message(), code="link_invalid") from None


def is_link(value: str | None) -> bool:
    """Whether a value from elsewhere (an import, an older row) is a link that may be shown."""
    try:
        validate_link(value)
    except ValidationError:
        return False
    return bool(value)


def check_link(value: str | None, *, field: str) -> None:
    """`validate_link` for a service: an `InvalidInput` naming the field."""
    try:
        validate_link(value)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field=field) from None


# --- names shown to others -----------------------------------------------------------------

# Embedding, override and isolate marks turn the direction of the text after them: a name with
# U+202E shows the rest of a line on the coach's page backwards ("gnp.exe" for "exe.png").
DIRECTION_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_shown_name(value: str, *, field: str) -> None:
    """A name others will read holds no marks that turn the direction of the text around it."""
    if DIRECTION_MARKS.search(value):
        raise InvalidInput(
            _("Je naam bevat een onzichtbaar teken dat de leesrichting omdraait. Typ hem opnieuw."),
            field=field,
        )


# --- fields built on the validators --------------------------------------------------------


class DateInput(forms.DateInput):
    """The phone's own date picker; it takes and gives the ISO form."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateFormField(forms.DateField):
    default_validators = [validate_date]


class DateSerializerField(serializers.DateField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_date)


class DateTimeSerializerField(serializers.DateTimeField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_date)


class LinkFormField(forms.URLField):
    """An optional web link; typed without a scheme, https:// is assumed."""

    default_validators = [validate_link]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", LINK_MAX_LENGTH)
        super().__init__(assume_scheme="https", **kwargs)
        self.widget.attrs.setdefault("inputmode", "url")
        self.error_messages["invalid"] = link_message()
        self.error_messages["max_length"] = link_message()


class LinkSerializerField(serializers.CharField):
    """An optional web link in the API; the same rule as the forms."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)
        self.validators.append(validate_link)


class IdFormField(forms.IntegerField):
    default_validators = [validate_id]


class ObjectsByIdFormField(forms.ModelMultipleChoiceField):
    """Objects chosen by id; an id out of range is refused before the query (SQLite cannot even
    bind it)."""

    def _check_values(self, value):
        for item in value or ():
            try:
                number = int(item)
            except (TypeError, ValueError):
                continue  # not a number: the parent's own message says so
            validate_id(number)
        return super()._check_values(value)


class IdSerializerField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_id)


class ObjectIdField(serializers.PrimaryKeyRelatedField):
    """An object by its id; an id out of range is refused before any query is made."""

    def to_internal_value(self, data):
        if isinstance(data, int | str) and not isinstance(data, bool):
            try:
                number = int(data)
            except ValueError:
                pass  # not a number: the parent's own message says so
            else:
                try:
                    validate_id(number)
                except ValidationError as exc:
                    raise serializers.ValidationError(exc.messages) from None
        return super().to_internal_value(data)


class DateFilter(django_filters.DateFilter):
    field_class = DateFormField


class IdFilter(django_filters.NumberFilter):
    """Filter on an id: a whole number in the range of a primary key, else a 400 naming it."""

    field_class = IdFormField


# --- request bodies ------------------------------------------------------------------------


def loads_json(raw: bytes | str):
    """A request body read as JSON outside DRF; nested too deep for Python is a ValueError,
    as any other body that is not JSON, so the caller's 400 covers it."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deep") from None


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested too deep for Python is a 400, not a RecursionError."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("De JSON is te diep genest.")) from None
