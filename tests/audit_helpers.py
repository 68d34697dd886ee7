"""Test helpers for the audit trail; any app's tests may use them (see docs/privacy.md)."""

from proeftuin.models import AuditEvent


def assert_view_recorded(*, actor, subject, what: str | None = None, proeftuin=None) -> AuditEvent:
    """Exactly one new-enough VIEWED event by `actor` about `subject` exists; returns it."""
    actor = getattr(actor, "user", actor)
    subject = getattr(subject, "user", subject)
    events = AuditEvent.objects.filter(
        actor=actor, subject=subject, action=AuditEvent.Action.VIEWED
    )
    if proeftuin is not None:
        events = events.filter(proeftuin=proeftuin)
    if what is not None:
        events = events.filter(what__icontains=what)
    found = list(events)
    about = list(AuditEvent.objects.filter(subject=subject).values_list("action", "what"))
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
