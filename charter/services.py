"""Writes of the basic principles: a new version from the steering group or the coach."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from learning import services as learning_services
from learning.models import EthicsReview
from proeftuin import audit
from proeftuin.errors import DomainError
from proeftuin.models import AuditEvent, Membership, Role

from .models import CharterVersion, Principle, SponsorMessage

MAX_PRINCIPLES = 12
SPONSOR_MESSAGE_LENGTH = 800
EDITORS = (Role.STEERING, Role.COACH)


class Invalid(DomainError):
    def __init__(self, errors):
        super().__init__(errors=errors)


def principle_lines(text: str) -> list[str]:
    """One principle per line; empty lines and list marks ("1.", "-") are not part of it."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*").strip()
        head, _dot, rest = line.partition(". ")
        if head.isdigit() and rest:
            line = rest.strip()
        if line:
            lines.append(line)
    return lines


@transaction.atomic
def agree_version(
    *, editor: Membership, principles: str, intro: str = "", agreed_on=None
) -> CharterVersion:
    """Keep a new version of the principles; earlier versions and their links stay as they were."""
    if editor.role not in EDITORS:
        raise Invalid({None: _("Alleen de stuurgroep en de coach stellen de basisprincipes vast.")})
    lines = principle_lines(principles)
    if not lines:
        raise Invalid({"principles": _("Schrijf minstens één principe op, één per regel.")})
    if len(lines) > MAX_PRINCIPLES:
        raise Invalid(
            {"principles": _("Houd het kort: hoogstens %(n)s principes.") % {"n": MAX_PRINCIPLES}}
        )
    if any(len(line) > 300 for line in lines):
        raise Invalid({"principles": _("Houd elk principe onder de 300 tekens.")})
    # Lock the pilot's versions so two editors saving at once get versions n and n+1.
    latest = (
        CharterVersion.objects.select_for_update()
        .filter(proeftuin_id=editor.proeftuin_id)
        .aggregate(n=Max("version"))["n"]
    )
    fields = {"agreed_on": agreed_on} if agreed_on else {}
    version = CharterVersion.objects.create(
        proeftuin_id=editor.proeftuin_id,
        version=(latest or 0) + 1,
        intro=(intro or "").strip(),
        **fields,
    )
    Principle.objects.bulk_create(
        Principle(charter=version, number=n, text=line) for n, line in enumerate(lines, 1)
    )
    return version


@transaction.atomic
def tick_principles(*, review: EthicsReview, principles) -> None:
    """The reviewer names the principles of the current version that the review touches."""
    current = current_version_id(review.experiment.owner.proeftuin_id)
    chosen = list(principles)
    if any(p.charter_id != current for p in chosen):
        raise Invalid({"principles": _("Kies principes uit de geldende versie.")})
    for principle in Principle.objects.filter(charter_id=current):
        if principle in chosen:
            principle.reviews.add(review)
        else:
            principle.reviews.remove(review)


def principles_by_id(review: EthicsReview, ids) -> list[Principle]:
    """The pilot's principles with these ids; an id that is not one of them names the field."""
    ids = set(ids)
    found = list(
        Principle.objects.filter(
            pk__in=ids, charter__proeftuin_id=review.experiment.owner.proeftuin_id
        )
    )
    if len(found) != len(ids):
        raise Invalid({"principles": _("Kies principes uit de geldende versie.")})
    return found


def current_version_id(proeftuin_id) -> int | None:
    return (
        CharterVersion.objects.filter(proeftuin_id=proeftuin_id)
        .order_by("-version")
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def post_sponsor_message(*, director: Membership, text: str) -> SponsorMessage:
    """The director's short, dated word to the participants; the newest one is shown."""
    if director.role != Role.DIRECTOR:
        raise Invalid({None: _("Alleen de directeur schrijft het bericht van de sponsor.")})
    text = (text or "").strip()
    if not text:
        raise Invalid({"text": _("Schrijf een kort bericht aan de deelnemers.")})
    if len(text) > SPONSOR_MESSAGE_LENGTH:
        raise Invalid(
            {"text": _("Houd het kort: hoogstens %(n)s tekens.") % {"n": SPONSOR_MESSAGE_LENGTH}}
        )
    return SponsorMessage.objects.create(proeftuin_id=director.proeftuin_id, text=text)


# --- the people who carry the change -----------------------------------------------------------

# flag -> the audit codes of giving and withdrawing it
TASKS = {
    "is_ethics_reviewer": (audit.What.REVIEWER_GIVEN, audit.What.REVIEWER_WITHDRAWN),
    "is_ambassador": (audit.What.AMBASSADOR_GIVEN, audit.What.AMBASSADOR_WITHDRAWN),
}


@transaction.atomic
def appoint(*, coach: Membership, member: Membership, **tasks: bool) -> Membership:
    """The coach gives or withdraws a participant's tasks; each change is in the audit trail."""
    unknown = set(tasks) - set(TASKS)
    if unknown:
        raise TypeError(f"unknown tasks: {sorted(unknown)}")
    if coach.role != Role.COACH or member.proeftuin_id != coach.proeftuin_id:
        raise Invalid({None: _("Alleen de coach van deze proeftuin geeft taken.")})
    if member.role != Role.PARTICIPANT:
        raise Invalid({None: _("Een taak geef je aan een deelnemer van de proeftuin.")})
    changed = [flag for flag, value in tasks.items() if getattr(member, flag) != bool(value)]
    for flag in changed:
        setattr(member, flag, bool(tasks[flag]))
        audit.record(
            actor=coach.user,
            subject=member.user,
            action=AuditEvent.Action.APPOINTED,
            what=TASKS[flag][0] if tasks[flag] else TASKS[flag][1],
            proeftuin=coach.proeftuin,
        )
    if changed:
        member.save(update_fields=changed)
    return member


@transaction.atomic
def invite_expert_to_review(*, coach: Membership, experiment, expert: Membership) -> None:
    """The coach invites an outside expert to read one waiting review; the invitation is audited."""
    review = getattr(experiment, "ethics_review", None)
    if review is None or review.state != EthicsReview.State.WAITING:
        raise Invalid({"experiment": _("Nodig iemand uit bij een toets die op beoordeling wacht.")})
    learning_services.invite_expert(coach=coach, experiment=experiment, expert=expert)
    audit.record(
        actor=coach.user,
        subject=expert.user,
        action=AuditEvent.Action.APPOINTED,
        what=audit.What.EXPERT_INVITED,
        params={"experiment": experiment.pk},
        proeftuin=coach.proeftuin,
    )
