"""Personal data: the registry of what is kept about a person, why, how long, and what goes.

Every model that can be reached from a User by following foreign keys has an entry in REGISTRY
(a test walks all models and fails on a missing one). The entry says why the data is kept, how
long, which fields go into "my data" export and what erasure does with the rows. The export
(export.py) and the erasure (erasure.py) are driven by these entries, so a new model cannot
slip past them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy

from learning.ethics import KEYS as ETHICS_ANSWERS
from learning.models import Experiment, Lesson
from workshops.models import Attendance, SessionMaterial

from .. import audit
from ..models import AuditEvent, Invitation, Membership, Proeftuin, User

ERASED = "[gewist]"
KEEP = "keep"
DELETE = "delete"


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


def _export_attendance(user: User) -> list[dict[str, Any]]:
    """Each session the person was marked for, with its summary and material links to keep."""
    links = SessionMaterial.objects.filter(session=OuterRef("session")).order_by("pk")
    return list(
        Attendance.objects.filter(membership__user=user)
        .annotate(session_materials=ArraySubquery(links.values("url")))
        .order_by("pk")
        .values(
            "session__title",
            "session__starts_at",
            "state",
            "reason",
            "checked_in_at",
            "marked_at",
            "session__summary",
            "session_materials",
        )
    )


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
            "is_ethics_reviewer",
            "is_ambassador",
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
    "proeftuin.assessmentdraft": Entry(
        purpose=gettext_lazy("Je antwoorden op een meting die je nog niet afrondde"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("round_id", "answers", "updated_at"),
        erase=DELETE,
    ),
    "proeftuin.planaction": Entry(
        purpose=gettext_lazy("Acties uit het plan van de proeftuin waarvan jij eigenaar bent"),
        retention=_PILOT,
        person="owner__user",
        pilot="proeftuin",
        export=("id", "proeftuin__name", "dimension", "text", "due_on", "status", "done_on"),
        # The text may name its owner; the row stays so the plan's counts stay right.
        erase={"text": ERASED, "goal_statement": ""},
        note=gettext_lazy(
            "De actie blijft in het plan van de groep meetellen; de tekst wordt gewist."
        ),
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
            "confirmation",
            "confirmed_on",
            "created_at",
        ),
        erase={"statement": ERASED},
    ),
    "learning.goalcheckin": Entry(
        purpose=gettext_lazy("Tussenstanden van je leerdoelen"),
        retention=_PILOT,
        person="goal__membership__user",
        pilot="goal__membership__proeftuin",
        export=("goal_id", "on", "level", "note", "evidence_url", "created_at"),
        erase={"note": "", "evidence_url": ""},
    ),
    "learning.goalcomment": Entry(
        purpose=gettext_lazy("Opmerkingen van je coach bij je leerdoelen"),
        retention=_PILOT,
        person="goal__membership__user",
        pilot="goal__membership__proeftuin",
        export=("goal_id", "author__role", "kind", "text", "created_at"),
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
        purpose=gettext_lazy("Je praktijkexperimenten"),
        retention=_PILOT,
        person="owner__user",
        pilot="owner__proeftuin",
        export=_export_experiments,
        erase={
            "title": ERASED,
            "question": "",
            "data_used": "",
            "outcome": "",
        },
        also_exported_via=("co_members__user",),
        note=gettext_lazy("Experimenten die je deelt worden ook geëxporteerd; de telling blijft."),
    ),
    "learning.ethicsreview": Entry(
        purpose=gettext_lazy("De ethische toets van je praktijkexperimenten"),
        retention=_PILOT,
        person="experiment__owner__user",
        pilot="experiment__owner__proeftuin",
        export=(
            "experiment_id",
            "state",
            *ETHICS_ANSWERS,
            "submitted_at",
            "decided_at",
        ),
        erase=dict.fromkeys(ETHICS_ANSWERS, ""),
        note=gettext_lazy("De stand van de toets blijft; je antwoorden worden gewist."),
    ),
    "learning.ethicsreviewstep": Entry(
        purpose=gettext_lazy("Het verloop van de ethische toets van je experimenten"),
        retention=_PILOT,
        person="review__experiment__owner__user",
        pilot="review__experiment__owner__proeftuin",
        export=("review__experiment_id", "kind", "actor_role", "note", "comments", "at"),
        erase={"note": "", "comments": {}},
        note=gettext_lazy(
            "Wie een stap zette staat er als rol in (eigenaar, coach, ethisch toetser), niet op "
            "naam; bij wissen gaan de toelichtingen weg en blijven de stappen."
        ),
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
    "backlog.question": Entry(
        purpose=gettext_lazy("Vragen die je op de vragenlijst van de proeftuin zette"),
        retention=_PILOT,
        person="proposer__user",
        pilot="proeftuin",
        export=("id", "proeftuin__name", "text", "asked_by", "why", "created_at"),
        erase={"proposer": None},
        note=gettext_lazy(
            "De vraag staat op naam van een team of groep; bij wissen blijft hij op de lijst, "
            "zonder de koppeling met jou."
        ),
    ),
    "backlog.support": Entry(
        purpose=gettext_lazy("Vragen van anderen die je steunde"),
        retention=_PILOT,
        person="member__user",
        pilot="question__proeftuin",
        export=("question_id", "question__text", "created_at"),
        erase=DELETE,
    ),
    "backlog.questioncomment": Entry(
        purpose=gettext_lazy("Je opmerkingen bij vragen op de vragenlijst"),
        retention=_PILOT,
        person="author__user",
        pilot="question__proeftuin",
        export=("question_id", "text", "created_at"),
        erase=DELETE,
    ),
    "charter.principle": Entry(
        purpose=gettext_lazy("De basisprincipes die de toets van je experiment raakt"),
        retention=_PILOT,
        person="reviews__experiment__owner__user",
        pilot="charter__proeftuin",
        export=None,
        erase=KEEP,
        note=gettext_lazy(
            "Een principe is van de proeftuin, niet van jou; het wijst alleen naar de toetsen "
            "die het raken, en die staan al in je export."
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
    "workshops.waitingoffer": Entry(
        purpose=gettext_lazy(
            "De plekken die je van de wachtlijst aangeboden kreeg, en je antwoord"
        ),
        retention=_PILOT,
        person="registration__membership__user",
        pilot="registration__membership__proeftuin",
        export=(
            "registration__session__title",
            "state",
            "created_at",
            "expires_at",
            "answered_at",
        ),
        erase=KEEP,
    ),
    "workshops.attendance": Entry(
        purpose=gettext_lazy("Of je bij een bijeenkomst was"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=_export_attendance,
        # The reason of an excuse is the person's own words (it may say why they were ill).
        erase={"reason": ""},
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
    "integrations.accesstoken": Entry(
        purpose=gettext_lazy("Toegangssleutels die je maakte voor koppelingen met de API"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=(
            "name",
            "proeftuin__name",
            "can_write",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ),
        erase=DELETE,
        note=gettext_lazy("Van de sleutel zelf bewaren we alleen een onherkenbare afdruk."),
    ),
    "integrations.xapiintegration": Entry(
        purpose=gettext_lazy("Koppelingen met leerplatforms die je als coach maakte"),
        retention=_PILOT,
        person="created_by",
        pilot="proeftuin",
        export=None,
        erase=KEEP,
        note=gettext_lazy(
            "De koppeling is van de proeftuin, niet van jou; er staat alleen bij wie haar maakte."
        ),
    ),
    "integrations.xapistatement": Entry(
        purpose=gettext_lazy("Cursussen die een leerplatform voor je meldde"),
        retention=_PILOT,
        person="membership__user",
        pilot="membership__proeftuin",
        export=("integration__name", "verb", "outcome", "received_at"),
        erase=DELETE,
    ),
    "otp_totp.totpdevice": Entry(
        purpose=gettext_lazy("Tweestapsverificatie voor beheerders"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=("name", "confirmed"),
        erase=DELETE,
    ),
    "integrations.workaccountmfa": Entry(
        purpose=gettext_lazy("De tweede factor die de werkaccount-aanbieder vroeg"),
        retention=_ACCOUNT,
        person="user",
        pilot=None,
        export=("name",),
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
