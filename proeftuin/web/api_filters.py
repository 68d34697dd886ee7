"""Filters and paging shared by the API of every app: bad input is a 400 or 404, never ignored."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

from ..validation import DateFilter, IdFilter

__all__ = ["DateFilter", "IdFilter", "Pages", "StrictBooleanFilter"]


class StrictBooleanField(forms.NullBooleanField):
    """Only the words true and false; absent is no filter, anything else (even "") an error."""

    # django-filter's BooleanWidget reads "-5" or "ja" as "no filter": a caller's typo would
    # silently list everything.
    widget = forms.TextInput
    default_error_messages = {"invalid": _("Gebruik true of false.")}

    def to_python(self, value):
        if value is None:  # absent
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class Pages(PageNumberPagination):
    """The paging of every API list (DEFAULT_PAGINATION_CLASS); an empty `?page=` is not page 1."""

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            return ""  # as invalid as "abc": 404 "Invalid page", not silently the first page
        return super().get_page_number(request, paginator)
