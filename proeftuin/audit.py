"""The audit trail of personal data: record every view of another person's data, export, erasure.

An event stores a code (`What`) and its parameters, never a finished sentence: `describe` renders
the sentence when it is shown, in the reader's language, whoever wrote the event and in whatever
language they worked. Views are recorded by the selector that reads the data (for example
`learning.selectors.goal_read_by`), so every page, API endpoint and export that uses it is alike.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Proeftuin, User


class What(models.TextChoices):
    """What an event is about; the label is the sentence, filled with the event's parameters."""

    GOAL = "learning.goal", _("leerdoel")
    GOALS = "learning.goals", _("leerdoelen in een lijst (%(count)s)")
    ACTIVITY = "learning.activity", _("leeractiviteit")
    ACTIVITIES = "learning.activities", _("leeractiviteiten in een lijst (%(count)s)")
    EXPERIMENT = "learning.experiment", _("praktijkexperiment")
    EXPERIMENTS = "learning.experiments", _("praktijkexperimenten in een lijst (%(count)s)")
    PARTICIPANT = "learning.participant", _("leerdoelen, activiteiten en experimenten")
    SKILL_LEVELS_CSV = "learning.skill_levels_csv", _("deelnemers per vaardigheid (CSV)")
    ETHICS_SUBMITTED = "learning.ethics_submitted", _("ethische toets ingediend")
    ETHICS_CHANGES_REQUESTED = (
        "learning.ethics_changes_requested",
        _("ethische toets: aanpassingen gevraagd"),
    )
    ETHICS_APPROVED = "learning.ethics_approved", _("ethische toets goedgekeurd")
    ETHICS_ADVISED_AGAINST = "learning.ethics_advised_against", _("ethische toets: afgeraden")
    ETHICS_REOPENED = "learning.ethics_reopened", _("ethische toets heropend na een wijziging")
    QUESTION = "backlog.question", _("vraag uit de vragenlijst, met wie hem invoerde")
    REVIEWER_GIVEN = "roles.reviewer_given", _("aangesteld als ethisch toetser")
    REVIEWER_WITHDRAWN = "roles.reviewer_withdrawn", _("niet langer ethisch toetser")
    AMBASSADOR_GIVEN = "roles.ambassador_given", _("aangesteld als ambassadeur")
    AMBASSADOR_WITHDRAWN = "roles.ambassador_withdrawn", _("niet langer ambassadeur")
    EXPERT_INVITED = (
        "roles.expert_invited",
        _("uitgenodigd als externe deskundige bij een ethische toets"),
    )
    MEASUREMENT = "measurement.answers", _("antwoorden in een meting")
    MEASUREMENTS = "measurement.answers_list", _("antwoorden in metingen, in een lijst (%(count)s)")
    OVERVIEW_PEOPLE = "overview.people", _("voortgang per deelnemer (overzicht)")
    OVERVIEW_SHARED = "overview.shared", _("gedeelde voortgang (overzicht directeur)")
    TOOLKIT_LESSON = "toolkit.lesson", _("les voor het informatiepakket")
    LIBRARY_SHARED = "toolkit.library_shared", _("informatiepakket gedeeld in de bibliotheek")
    LIBRARY_WITHDRAWN = (
        "toolkit.library_withdrawn",
        _("informatiepakket uit de bibliotheek gehaald"),
    )
    BENCHMARK_JOINED = (
        "network.benchmark_joined",
        _("doet mee aan de vergelijking met andere organisaties"),
    )
    BENCHMARK_LEFT = "network.benchmark_left", _("doet niet meer mee aan de vergelijking")
    CONTACT_OPENED = "network.contact_opened", _("contactformulier voor andere organisaties aan")
    CONTACT_CLOSED = "network.contact_closed", _("contactformulier voor andere organisaties uit")
    LIBRARY_NAMED = "toolkit.library_named", _("organisatie met naam in de bibliotheek: aan")
    LIBRARY_UNNAMED = "toolkit.library_unnamed", _("organisatie met naam in de bibliotheek: uit")
    LIBRARY_DESCRIBED = (
        "toolkit.library_described",
        _("sector en grootte van de organisatie voor de bibliotheek aangepast"),
    )
    OWN_EXPORT = "privacy.export", _("alle eigen gegevens (export)")
    ERASED = "privacy.erased", _("alle persoonsgegevens gewist")
    ANONYMISED = (
        "privacy.anonymised",
        _("bewaartermijn verstreken: gegevens in de proeftuin geanonimiseerd"),
    )
    SHARING_ON = "privacy.sharing_on", _("voortgang op naam delen met de directeur: aan")
    SHARING_OFF = "privacy.sharing_off", _("voortgang op naam delen met de directeur: uit")
    # A sentence written before events had codes, shown as it was stored.
    TEXT = "text", "%(text)s"


def describe(code: str, params: Mapping[str, Any] | None) -> str:
    """The event's sentence in the active language (the reader's)."""
    try:
        template = What(code).label
    except ValueError:
        return code  # written by a newer version of the code: the code is all we know
    try:
        return str(template) % dict(params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def record(
    *,
    actor: User | None,
    subject: User | None,
    action: str,
    what: What,
    params: Mapping[str, Any] | None = None,
    proeftuin: Proeftuin | None = None,
) -> AuditEvent:
    """Append one event; `params` fill the sentence of `what` and never hold a person's name."""
    return AuditEvent.objects.create(
        actor=_actor(actor),
        subject=subject,
        action=action,
        code=What(what).value,
        params=dict(params or {}),
        proeftuin=proeftuin,
    )


def viewed(
    *,
    actor: User,
    subject: User,
    what: What,
    params: Mapping[str, Any] | None = None,
    proeftuin: Proeftuin | None = None,
) -> AuditEvent | None:
    """A person looked at someone else's personal data; looking at your own is not recorded."""
    if actor.pk != subject.pk:
        return record(
            actor=actor,
            subject=subject,
            action=AuditEvent.Action.VIEWED,
            what=what,
            params=params,
            proeftuin=proeftuin,
        )
    return None


def record_each(
    *,
    actor: User,
    subjects: Mapping[int, Mapping[str, Any]] | Iterable[int],
    what: What,
    proeftuin: Proeftuin | None,
    action: str = AuditEvent.Action.VIEWED,
) -> None:
    """One event per other person whose data was shown (ids, or ids with their parameters).

    One INSERT for all of them, so a list's query count does not grow with the people in it;
    the actor's own data is not recorded.
    """
    if not isinstance(subjects, Mapping):
        subjects = {subject_id: {} for subject_id in subjects}
    code = What(what).value
    events = [
        AuditEvent(
            actor=_actor(actor),
            subject_id=subject_id,
            action=action,
            code=code,
            params=dict(params),
            proeftuin=proeftuin,
        )
        for subject_id, params in subjects.items()
        if subject_id is not None and subject_id != actor.pk
    ]
    if events:
        AuditEvent.objects.bulk_create(events)
