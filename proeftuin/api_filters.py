"""Filters shared by the API of every app."""

import django_filters
from django import forms

# The largest value a bigint primary key can hold; anything larger is bad input, not a 500.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """Filter on an id: a whole number in the range of a primary key, else a 400 naming it."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
