"""The audit trail of personal data: record every view of another person's data, export, erasure."""

from .models import AuditEvent, Proeftuin, User


def record(
    *,
    actor: User | None,
    subject: User | None,
    action: str,
    what: str,
    proeftuin: Proeftuin | None = None,
) -> AuditEvent:
    """Append one event; `what` names the data in a few words ("doelen en activiteiten")."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject=subject,
        action=action,
        what=what[:200],
        proeftuin=proeftuin,
    )


def viewed(
    *, actor: User, subject: User, what: str, proeftuin: Proeftuin | None = None
) -> AuditEvent | None:
    """A person looked at someone else's personal data; looking at your own is not recorded."""
    if actor.pk != subject.pk:
        return record(
            actor=actor,
            subject=subject,
            action=AuditEvent.Action.VIEWED,
            what=what,
            proeftuin=proeftuin,
        )
    return None
