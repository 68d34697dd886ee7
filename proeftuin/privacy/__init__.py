"""Personal data, one module per question: what is kept (registry), what a person gets (export),
what erasure and retention leave (erasure, retention) and who sees it (who_sees).

The public names are re-exported here: callers write `from proeftuin import privacy` and
`privacy.erase_person(...)` without knowing which module holds the rule.
"""

from .erasure import ErasureRefused, erase_myself, erase_person
from .export import EXPORT_FORMAT, export_data, export_for, rows_about
from .registry import (
    DELETE,
    ERASED,
    ERASURE_ORDER,
    KEEP,
    REGISTRY,
    Entry,
    model_of,
    models_about_people,
)
from .retention import (
    anonymise_due_pilots,
    anonymise_pilot,
    pilots_past_retention,
    retention_ends_on,
)
from .who_sees import (
    ConsentNotPossible,
    EventView,
    PilotView,
    change_consent,
    events_about,
    my_pilots,
)

__all__ = [
    "DELETE",
    "ERASED",
    "ERASURE_ORDER",
    "EXPORT_FORMAT",
    "KEEP",
    "REGISTRY",
    "ConsentNotPossible",
    "Entry",
    "ErasureRefused",
    "EventView",
    "PilotView",
    "anonymise_due_pilots",
    "anonymise_pilot",
    "change_consent",
    "erase_myself",
    "erase_person",
    "events_about",
    "export_data",
    "export_for",
    "model_of",
    "models_about_people",
    "my_pilots",
    "pilots_past_retention",
    "retention_ends_on",
    "rows_about",
]
