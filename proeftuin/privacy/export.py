"""The "my data" export: every registered model's rows about a person, as one JSON document."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import audit
from ..models import AuditEvent, User
from .registry import REGISTRY, model_of

EXPORT_FORMAT = "proeftuin-export/1"


def rows_about(user: User, label: str) -> list[dict[str, Any]]:
    """The rows of one registered model about this person, as exported."""
    entry = REGISTRY[label]
    if entry.export is None:
        return []
    if callable(entry.export):
        return entry.export(user)
    model = model_of(label)
    condition = Q(**{entry.person: user.pk})
    for path in entry.also_exported_via:
        condition |= Q(**{path: user.pk})
    queryset = model._default_manager.filter(condition)
    if entry.also_exported_via:
        queryset = queryset.distinct()
    return list(queryset.order_by("pk").values(*entry.export))


def export_data(user: User) -> dict[str, Any]:
    """Everything stored about a person, grouped per kind of data, nothing about others."""
    data = {}
    for label, entry in REGISTRY.items():
        if entry.export is None:
            continue
        data[label] = {"purpose": str(entry.purpose), "records": rows_about(user, label)}
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "person": {"id": user.pk, "email": user.email, "name": user.full_name},
        "data": data,
    }


@transaction.atomic
def export_for(*, user: User, actor: User | None = None) -> str:
    """The export as JSON text; recorded in the audit log."""
    actor = actor or user
    audit.record(
        actor=actor,
        subject=user,
        action=AuditEvent.Action.EXPORTED,
        what=audit.What.OWN_EXPORT,
    )
    return json.dumps(export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
