"""Personal data: the registry of what is kept about a person, and export, erasure and retention.

Every model that can be reached from a User by following foreign keys has an entry in REGISTRY
(a test walks all models and fails on a missing one). The entry says why the data is kept, how
long, which fields go into "my data" export and what erasure does with the rows. The export and
the erasure below are driven by these entries, so a new model cannot slip past them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.models import Experiment, Lesson

from . import audit, services
from .errors import DomainError
from .models import AuditEvent, Invitation, Membership, Proeftuin, Role, User
from .months import months_after

EXPORT_FORMAT = "proeftuin-export/1"
ERASED = "[gewist]"
KEEP = "keep"
DELETE = "delete"


class ErasureRefused(DomainError):
    """The erasure cannot go ahead; the message is shown to the person."""


# An exporter gets the person and returns their rows; an eraser gets the person and the pilot
# (None: everything of that person; a pilot: only what belongs to that pilot, for retention).
Exporter = Callable[[User], list[dict[str, Any]]]
Eraser = Callable[[User, Proeftuin | None], None]


@dataclass(frozen=True)
class Entry:
    """What one model keeps about a person, and what export and erasure do with it."""

    purpose: Any
    retention: Any
    # ORM path from the model to the User the row is about ("membership__user").
    person: str
    # ORM path from the model to its pilot; None for rows that belong to the account only.
    pilot: str | None
    # Fields for the export (values() lookups), an exporter, or None with the reason in `note`.
    export: tuple[str, ...] | Exporter | None
    # KEEP (nothing personal left once the account is erased), DELETE, {field: new value}
    # for the free texts, or an eraser for the few that need more.
    erase: str | dict[str, Any] | Eraser
    note: Any = ""
    # Further paths to the person whose rows are exported too (shared experiments).
    also_exported_via: tuple[str, ...] = field(default=())


def _export_experiments(user: User) -> list[dict[str, Any]]:
    rows = (
        Experiment.objects.filter(Q(owner__user=user) | Q(co_members__user=user))
        .distinct()
        .annotate(
            pilot=F("owner__proeftuin__name"),
            my_role=Case(When(owner__user=user, then=Value("owner")), default=Value("co_member")),
        )
        .order_by("planned_start", "pk")
        .values(
            "id",
            "pilot",
            "my_role",
            "title",
            "question",
            "data_used",
            "touches_personal_data",
            "consent_arranged",
            "not_want_to_know",
            "ethics_checked_at",
            "planned_start",
            "planned_end",
            "status",
            "outcome",
            "created_at",
        )
    )
    return list(rows)


def _export_audit_events(user: User) -> list[dict[str, Any]]:
    """Events about the person; whoever acted is named by role only (their name is theirs)."""
    events = list(
        AuditEvent.objects.filter(subject=user)
        .select_related("proeftuin")
        .order_by("at", "pk")
        .values("at", "action", "code", "params", "actor_id", "proeftuin_id", "proeftuin__name")
    )
    roles = {
        (m.user_id, m.proeftuin_id): m.role
        for m in Membership.objects.filter(
            user_id__in={e["actor_id"] for e in events if e["actor_id"]}
        )
    }
    for event in events:
        actor_id = event.pop("actor_id")
        pilot_id = event.pop("proeftuin_id")
        event["what"] = audit.describe(event["code"], event["params"])
        event["pilot"] = event.pop("proeftuin__name")
        if actor_id is None:
            event["by"] = "system"
        elif actor_id == user.pk:
            event["by"] = "self"
        else:
            event["by"] = roles.get((actor_id, pilot_id), "admin")
    return events


def _export_invitations(user: User) -> list[dict[str, Any]]:
    """Invitations sent to the person's address (those they sent are about other people)."""
    return list(
        Invitation.objects.filter(email__iexact=user.email)
        .order_by("created_at")
        .values("proeftuin__name", "role", "full_name", "created_at", "expires_at", "accepted_at")
    )


def _erase_invitations(user: User, proeftuin: Proeftuin | None) -> None:
    invitations = Invitation.objects.filter(email__iexact=user.email)
    if proeftuin is not None:
        invitations = invitations.filter(proeftuin=proeftuin)
    invitations.delete()


def _erase_lessons(user: User, proeftuin: Proeftuin | None) -> None:
    """An approved lesson stays, as its reviewed anonymous text only; drafts go."""
    lessons = Lesson.objects.filter(author__user=user)
    if proeftuin is not None:
        lessons = lessons.filter(proeftuin=proeftuin)
    lessons.filter(review=Lesson.Review.DRAFT).delete()
    lessons.filter(review=Lesson.Review.APPROVED).update(text=F("toolkit_text"), author=None)


def _erase_user(user: User, proeftuin: Proeftuin | None) -> None:
    if proeftuin is not None:
        return  # the account itself goes only with a full erasure
    user.email = f"erased-{user.pk}@invalid"
    user.full_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _erase_admin_log(user: User, proeftuin: Proeftuin | None) -> None:
    """Admin history names the person in its object descriptions; replace those."""
    if proeftuin is not None:
        return
    label = f"erased-{user.pk}"
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=label, change_message=""
    )
    for needle in {user.full_name, user.email}:
        if len(needle) >= 3:
            LogEntry.objects.filter(object_repr__icontains=needle).update(object_repr=label)


def _erase_audit_texts(user: User, proeftuin: Proeftuin | None) -> None:
    """The events stay (they are the record); a name or address in their parameters does not."""
    if proeftuin is not None:
        return
    needles = [n.casefold() for n in {user.full_name, user.email} if len(n) >= 3]
    if not needles:
        return
    found = Q()
    for needle in needles:
        # A coarse match on the stored JSON text finds the candidates; the loop decides per value.
        found |= Q(params__icontains=json.dumps(needle, ensure_ascii=False)[1:-1])
    for event in AuditEvent.objects.filter(found).only("pk", "params"):
        params = {
            key: ERASED
            if isinstance(value, str) and any(n in value.casefold() for n in needles)
            else value
            for key, value in event.params.items()
        }
        if params != event.params:
            AuditEvent.objects.filter(pk=event.pk).update(params=params)


_ACCOUNT = gettext_lazy("zolang het account bestaat")
_PILOT = gettext_lazy("tot de bewaartermijn van de proeftuin na de einddatum verstrijkt")

REGISTRY: dict[str, Entry] = {
    "proeftuin.user": Entry(
        purpose=gettext_lazy("Inloggen, je naam tonen aan je coach en collega's"),
        retention=_ACCOUNT,
        person="pk",
        pilot=None,
        export=("id", "email", "full_name", "language", "date_joined", "last_login"),
        erase=_erase_user,
        note=gettext_lazy(
            "Bij wissen: naam leeg, e-mail wordt erased-<id>@invalid, inloggen onmogelijk."
        ),
    ),
    "proeftuin.membership": Entry(
        purpose=gettext_lazy("Je rol in een proeftuin en je keuze om voortgang te delen"),
        retention=_PILOT,
        person="user",
        pilot="proeftuin",
        export=(
            "id",
            "proeftuin__name",
            "role",
            "is_active",
            "shares_progress_with_director",
            "joined_at",
        ),
        erase={"is_active": False, "shares_progress_with_director": False},
        note=gettext_lazy("Blijft bestaan, inactief, zodat de totalen van de proeftuin kloppen."),
    ),
    "proeftuin.consentrecord": Entry(
        purpose=gettext_lazy("Bewijs wanneer je toestemming gaf of introk"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("membership__proeftuin__name", "kind", "given", "at"),
        erase=KEEP,
        note=gettext_lazy(
            "Alleen soort, ja/nee en datum; na wissen niet meer aan een naam te koppelen."
        ),
    ),
    "proeftuin.invitation": Entry(
        purpose=gettext_lazy("De uitnodiging om mee te doen"),
        retention=_PILOT,
        person="invited_by",
        pilot="proeftuin",
        export=_export_invitations,
        erase=_erase_invitations,
        note=gettext_lazy(
            "Uitnodigingen aan jouw adres worden geëxporteerd en gewist; die jij verstuurde "
            "gaan over anderen en blijven (zonder jouw naam)."
        ),
    ),
    "proeftuin.maturityassessment": Entry(
        purpose=gettext_lazy("Je meting (nulmeting, vervolgmeting)"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("id", "round__proeftuin__name", "round__kind", "round__title", "submitted_at"),
        erase=KEEP,
        note=gettext_lazy(
            "De gekozen fasen blijven anoniem meetellen; toelichtingen worden gewist."
        ),
    ),
    "proeftuin.assessmentanswer": Entry(
        purpose=gettext_lazy("Je antwoorden per dimensie in een meting"),
        retention=_PILOT,
        person="assessment__membership__user",
        pilot="assessment__membership__proeftuin",
        export=("assessment_id", "dimension", "subject", "stage", "note"),
        erase={"note": ""},
    ),
    "proeftuin.auditevent": Entry(
        purpose=gettext_lazy("Wie jouw gegevens bekeek, exporteerde of wiste"),
        retention=gettext_lazy("zolang de organisatie het auditlog bewaart"),
        person="subject",
        pilot=None,
        export=_export_audit_events,
        erase=_erase_audit_texts,
        note=gettext_lazy(
            "Gebeurtenissen óver jou worden geëxporteerd, met de handelende persoon als rol. "
            "Het log blijft na wissen bestaan, zonder naam."
        ),
    ),
    "learning.skillgoal": Entry(
        purpose=gettext_lazy("Je leerdoelen en hoe ver je bent"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=(
            "id",
            "membership__proeftuin__name",
            "skill__name",
            "statement",
            "start_level",
            "target_level",
            "current_level",
            "starts_on",
            "due_on",
            "status",
            "closed_on",
            "created_at",
        ),
        erase={"statement": ERASED},
    ),
    "learning.goalcheckin": Entry(
        purpose=gettext_lazy("Tussenstanden van je leerdoelen"),
        retention=_PILOT,
        person="goal__membership__user",
        pilot="goal__membership__proeftuin",
        export=("goal_id", "on", "level", "note", "created_at"),
        erase={"note": ""},
    ),
    "learning.goalcomment": Entry(
        purpose=gettext_lazy("Opmerkingen van je coach bij je leerdoelen"),
        retention=_PILOT,
        person="goal__membership__user",
        pilot="goal__membership__proeftuin",
        export=("goal_id", "author__role", "text", "created_at"),
        erase={"text": ERASED},
        note=gettext_lazy(
            "Opmerkingen bij jouw doelen horen bij jou; de schrijver staat er alleen als rol in. "
            "Opmerkingen die een coach zelf schreef bij doelen van anderen gaan over die anderen."
        ),
    ),
    "learning.learningactivity": Entry(
        purpose=gettext_lazy("Wat je deed om te leren, en hoe lang"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=(
            "id",
            "membership__proeftuin__name",
            "kind",
            "on",
            "minutes",
            "title",
            "reflection",
            "evidence_url",
            "session_id",
            "experiment_id",
            "created_at",
        ),
        erase={"title": ERASED, "reflection": "", "evidence_url": ""},
        note=gettext_lazy("Soort, datum en minuten blijven anoniem meetellen in de totalen."),
    ),
    "learning.experiment": Entry(
        purpose=gettext_lazy("Je praktijkexperimenten en de ethische check"),
        retention=_PILOT,
        person="owner__user",
        pilot="owner__proeftuin",
        export=_export_experiments,
        erase={
            "title": ERASED,
            "question": "",
            "data_used": "",
            "not_want_to_know": "",
            "outcome": "",
        },
        also_exported_via=("co_members__user",),
        note=gettext_lazy("Experimenten die je deelt worden ook geëxporteerd; de telling blijft."),
    ),
    "learning.lesson": Entry(
        purpose=gettext_lazy("Lessen die je opschreef voor het informatiepakket"),
        retention=gettext_lazy("goedgekeurde lessen blijven, zonder naam, in het informatiepakket"),
        person="author__user",
        pilot="proeftuin",
        export=("id", "proeftuin__name", "kind", "dimension", "text", "review", "created_at"),
        erase=_erase_lessons,
        note=gettext_lazy(
            "Concepten worden verwijderd; goedgekeurde lessen houden alleen hun geanonimiseerde "
            "tekst en verliezen de schrijver."
        ),
    ),
    "workshops.registration": Entry(
        purpose=gettext_lazy("Je aanmeldingen voor bijeenkomsten"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("session__title", "session__starts_at", "response", "waiting_since", "updated_at"),
        erase=KEEP,
    ),
    "workshops.attendance": Entry(
        purpose=gettext_lazy("Of je bij een bijeenkomst was"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("session__title", "session__starts_at", "present", "marked_at"),
        erase=KEEP,
    ),
    "workshops.sessionfeedback": Entry(
        purpose=gettext_lazy("Je korte feedback na een bijeenkomst"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("session__title", "usefulness", "improvement", "created_at"),
        erase={"improvement": ""},
    ),
    "workshops.calendarfeed": Entry(
        purpose=gettext_lazy("Je persoonlijke agenda-link"),
        retention=gettext_lazy("tot je de link intrekt"),
        person="user",
        pilot=None,
        export=("created_at", "revoked_at"),
        erase=DELETE,
        note=gettext_lazy("De geheime code van de link wordt niet geëxporteerd."),
    ),
    "notifications.reminder": Entry(
        purpose=gettext_lazy("Herinneringen en meldingen die je kreeg"),
        retention=_PILOT,
        person="recipient",
        pilot="proeftuin",
        export=("rule", "proeftuin__name", "period", "due_at", "state", "sent_at", "read_at"),
        erase={"context": {}, "last_error": ""},
        note=gettext_lazy("De rij blijft, zodat een herinnering nooit twee keer gaat."),
    ),
    "notifications.notificationpreference": Entry(
        purpose=gettext_lazy("Herinneringen die je uitzette"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=("rule",),
        erase=DELETE,
    ),
    "authtoken.token": Entry(
        purpose=gettext_lazy("Sleutel voor koppelingen met de API"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=None,
        erase=DELETE,
        note=gettext_lazy("Een geheime sleutel: wordt niet geëxporteerd."),
    ),
    "authtoken.tokenproxy": Entry(
        purpose=gettext_lazy("Dezelfde API-sleutel, zoals de beheerpagina hem toont"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=None,
        erase=KEEP,
        note=gettext_lazy("Zelfde tabel als authtoken.token, dat de rijen al verwijdert."),
    ),
    "otp_totp.totpdevice": Entry(
        purpose=gettext_lazy("Tweestapsverificatie voor beheerders"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=("name", "confirmed"),
        erase=DELETE,
    ),
    "otp_static.staticdevice": Entry(
        purpose=gettext_lazy("Reservecodes voor tweestapsverificatie"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=("name", "confirmed"),
        erase=DELETE,
    ),
    "otp_static.statictoken": Entry(
        purpose=gettext_lazy("De reservecodes zelf"),
        retention=_ACCOUNT,
        person="device__user",
        pilot=None,
        export=None,
        erase=KEEP,
        note=gettext_lazy("Geheim; verdwijnen met hun apparaat (otp_static.staticdevice)."),
    ),
    "admin.logentry": Entry(
        purpose=gettext_lazy("Wat een beheerder in het beheer wijzigde"),
        retention=gettext_lazy("zolang de organisatie het beheerlog bewaart"),
        person="user",
        pilot=None,
        export=None,
        erase=_erase_admin_log,
        note=gettext_lazy(
            "Beheerhandelingen gaan over andere gegevens, niet over jou als persoon; "
            "bij wissen verdwijnt je naam uit de omschrijvingen."
        ),
    ),
}

# The account itself goes last: earlier steps still find rows by its e-mail address.
ERASURE_ORDER = [label for label in REGISTRY if label != "proeftuin.user"] + ["proeftuin.user"]


def model_of(label: str) -> type[models.Model]:
    return apps.get_model(label)


def models_about_people() -> dict[str, str]:
    """Every installed model with a foreign-key path to User, and one such path."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        path = _path_to_user(model, depth=0, seen=set())
        if path is not None:
            found[model._meta.label_lower] = path
    return found


def _path_to_user(model, *, depth: int, seen: set) -> str | None:
    if model is User:
        return "pk"
    if depth > 4 or model in seen:
        return None
    seen = seen | {model}
    for f in model._meta.get_fields():
        if not (f.is_relation and (f.many_to_one or f.one_to_one or f.many_to_many)):
            continue
        if f.auto_created and not f.concrete:
            continue  # reverse relations are somebody else's path
        target = f.related_model
        if target is User:
            return f.name
        rest = _path_to_user(target, depth=depth + 1, seen=seen)
        if rest is not None and rest != "pk":
            return f"{f.name}__{rest}"
    return None


# -- export -----------------------------------------------------------------------------------


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


# -- erasure ----------------------------------------------------------------------------------


def _apply(entry: Entry, label: str, user: User, proeftuin: Proeftuin | None) -> None:
    if entry.erase == KEEP:
        return
    if callable(entry.erase):
        entry.erase(user, proeftuin)
        return
    model = model_of(label)
    filters = {entry.person: user.pk}
    if proeftuin is not None:
        if entry.pilot is None:
            return  # account-level data goes only with the account
        filters[entry.pilot] = proeftuin
    # Filter on primary keys first: update() and delete() across joins are not portable.
    pks = list(model._default_manager.filter(**filters).values_list("pk", flat=True))
    queryset = model._default_manager.filter(pk__in=pks)
    if entry.erase == DELETE:
        queryset.delete()
    else:
        queryset.update(**entry.erase)


def _scrub(user: User, proeftuin: Proeftuin | None) -> None:
    for label in ERASURE_ORDER:
        _apply(REGISTRY[label], label, user, proeftuin)


@transaction.atomic
def erase_person(*, user: User, actor: User | None) -> None:
    """Erase a person for good: texts gone, account unusable, the pilot's totals unchanged."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        raise ErasureRefused(_("Deze persoon is al gewist."))
    pilot_ids = list(user.memberships.values_list("proeftuin_id", flat=True))
    _scrub(user, None)
    for pilot_id in pilot_ids or [None]:
        audit.record(
            actor=actor,
            subject=user,
            action=AuditEvent.Action.ERASED,
            what=audit.What.ERASED,
            proeftuin=Proeftuin.objects.filter(pk=pilot_id).first() if pilot_id else None,
        )


def erase_myself(*, request, password: str) -> None:
    """The signed-in person erases their own account after re-entering their password."""
    user = request.user
    # With the request, so the lockout counts wrong passwords here as it does at the login.
    if not password or authenticate(request, username=user.email, password=password) is None:
        raise ErasureRefused(_("Dit wachtwoord klopt niet."))
    erase_person(user=user, actor=user)


# -- retention --------------------------------------------------------------------------------


def retention_ends_on(proeftuin: Proeftuin) -> date:
    """The last day personal data of the pilot is kept: its end date plus the retention months."""
    return months_after(proeftuin.ends_on, proeftuin.retention_months)


def pilots_past_retention(today: date | None = None) -> list[Proeftuin]:
    today = today or timezone.localdate()
    candidates = Proeftuin.objects.filter(anonymised_at__isnull=True, ends_on__lt=today)
    return [p for p in candidates if retention_ends_on(p) < today]


def anonymise_pilot(*, proeftuin_id: int) -> bool:
    """Anonymise a pilot's participants after retention; True only for the run that did it."""
    with transaction.atomic():
        # Claim the pilot: of two concurrent runs exactly one sees its UPDATE match a row.
        claimed = Proeftuin.objects.filter(pk=proeftuin_id, anonymised_at__isnull=True).update(
            anonymised_at=timezone.now()
        )
        if not claimed:
            return False
        proeftuin = Proeftuin.objects.get(pk=proeftuin_id)
        participants = list(
            Membership.objects.filter(proeftuin=proeftuin, role=Role.PARTICIPANT).select_related(
                "user"
            )
        )
        for membership in participants:
            user = membership.user
            _scrub(user, proeftuin)
            still_elsewhere = (
                user.memberships.exclude(proeftuin=proeftuin)
                .filter(is_active=True, proeftuin__anonymised_at__isnull=True)
                .exists()
            )
            if not still_elsewhere and user.erased_at is None:
                _scrub(user, None)  # nothing else keeps this account: it goes as well
            audit.record(
                actor=None,
                subject=user,
                action=AuditEvent.Action.ANONYMISED,
                what=audit.What.ANONYMISED,
                proeftuin=proeftuin,
            )
    return True


def anonymise_due_pilots(today: date | None = None) -> list[int]:
    """One retention sweep; returns the ids of the pilots this run anonymised."""
    return [p.pk for p in pilots_past_retention(today) if anonymise_pilot(proeftuin_id=p.pk)]


# -- "Wie ziet mijn gegevens?" (reads and the consent switch) ---------------------------------


@dataclass
class PilotView:
    """One of the person's pilots: their role, consents and who else sees what."""

    membership: Membership
    coaches: list[str]
    consents: list[Any]


def my_pilots(user: User) -> list[PilotView]:
    """The person's pilots with their consent history and the names of their coaches."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("proeftuin__organisation")
        .prefetch_related("consents")
        .order_by("-is_active", "-proeftuin__starts_on")
    )
    coaches: dict[int, list[str]] = {}
    for pilot_id, full_name, email in Membership.objects.filter(
        proeftuin_id__in=[m.proeftuin_id for m in memberships], role=Role.COACH, is_active=True
    ).values_list("proeftuin_id", "user__full_name", "user__email"):
        coaches.setdefault(pilot_id, []).append(full_name or email.split("@")[0])
    return [
        PilotView(
            membership=m, coaches=coaches.get(m.proeftuin_id, []), consents=list(m.consents.all())
        )
        for m in memberships
    ]


@dataclass
class EventView:
    at: Any
    action: str
    what: str
    actor: str
    pilot: str


def events_about(user: User, limit: int = 200) -> list[EventView]:
    """Audit events about the person, newest first, with who acted (name and role)."""
    events = list(
        AuditEvent.objects.filter(subject=user)
        .select_related("actor", "proeftuin")
        .order_by("-at", "-pk")[:limit]
    )
    roles = {
        (m.user_id, m.proeftuin_id): m.get_role_display()
        for m in Membership.objects.filter(
            user_id__in={e.actor_id for e in events if e.actor_id and e.actor_id != user.pk}
        )
    }
    views = []
    for event in events:
        if event.actor_id is None:
            actor = _("het systeem")
        elif event.actor_id == user.pk:
            actor = _("jijzelf")
        else:
            role = roles.get((event.actor_id, event.proeftuin_id), _("beheerder"))
            actor = f"{event.actor.display_name} ({role})"
        views.append(
            EventView(
                at=event.at,
                action=event.get_action_display(),
                what=audit.describe(event.code, event.params),
                actor=actor,
                pilot=event.proeftuin.name if event.proeftuin else "",
            )
        )
    return views


class ConsentNotPossible(DomainError):
    """Only a participant has progress to share."""


def change_consent(*, user: User, membership_id: int, share: bool) -> Membership:
    """The person switches sharing with the director on or off; dated and logged when it changes."""
    membership = Membership.objects.filter(pk=membership_id, user=user).first()
    if membership is None:
        raise Http404  # someone else's membership: as if it did not exist
    if membership.role != Role.PARTICIPANT:
        raise ConsentNotPossible(_("Alleen deelnemers delen voortgang met de directeur."))
    before = membership.shares_progress_with_director
    with transaction.atomic():
        membership = services.set_share_with_director(membership=membership, share=share)
        if before != share:
            audit.record(
                actor=user,
                subject=user,
                action=AuditEvent.Action.CONSENT_CHANGED,
                what=audit.What.SHARING_ON if share else audit.What.SHARING_OFF,
                proeftuin=membership.proeftuin,
            )
    return membership
