"""Test helpers for the audit trail; any app's tests may use them (see docs/privacy.md)."""

from django.utils import translation

from proeftuin import audit
from proeftuin.models import AuditEvent


def described(event: AuditEvent, language: str = "nl") -> str:
    """The event's sentence as a reader in `language` sees it."""
    with translation.override(language):
        return audit.describe(event.code, event.params)


def assert_view_recorded(*, actor, subject, what: str | None = None, proeftuin=None) -> AuditEvent:
    """A VIEWED event by `actor` about `subject` exists (its Dutch sentence naming `what`)."""
    actor = getattr(actor, "user", actor)
    subject = getattr(subject, "user", subject)
    events = AuditEvent.objects.filter(
        actor=actor, subject=subject, action=AuditEvent.Action.VIEWED
    )
    if proeftuin is not None:
        events = events.filter(proeftuin=proeftuin)
    found = list(events)
    if what is not None:
        found = [event for event in found if what.lower() in described(event).lower()]
    about = [
        (event.action, described(event)) for event in AuditEvent.objects.filter(subject=subject)
    ]
    assert found, (
        f"no 'viewed' audit event by {actor.email} about {subject.email}"
        + (f" mentioning {what!r}" if what else "")
        + f"; events about them: {about}"
    )
    return found[0]


def assert_no_view_recorded(*, actor, subject) -> None:
    """Looking at your own data, or at aggregates, leaves no VIEWED event."""
    actor = getattr(actor, "user", actor)
    subject = getattr(subject, "user", subject)
    assert not AuditEvent.objects.filter(
        actor=actor, subject=subject, action=AuditEvent.Action.VIEWED
    ).exists(), f"unexpected 'viewed' audit event by {actor.email} about {subject.email}"
