"""Data for scripts/probe.py: a second organisation beside the demo one, every role in both.

Run after `seed_demo`: `python scripts/probe_setup.py var/probe-ids.json`. Idempotent. It
builds the second organisation with the same seeders as the demo (so both have months of
history), adds a steering member, an outside expert (invited to one review), an ethics
reviewer and an ambassador to each pilot, personal access tokens of every scope, an xAPI
integration, shares both informatiepakketten in the library and gives both a public link.
The ids it writes are what the probe asks for, as its own and as the other organisation's.
"""

import json
import os
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from integrations import xapi  # noqa: E402
from integrations.models import AccessToken, XapiIntegration, digest  # noqa: E402
from learning import services as learning_services  # noqa: E402
from learning.models import (  # noqa: E402
    EthicsReview,
    Experiment,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)
from notifications.models import Reminder  # noqa: E402
from proeftuin.accounts import demo, services  # noqa: E402
from proeftuin.management.commands.seed_demo import seeders  # noqa: E402
from proeftuin.measurement import plan  # noqa: E402
from proeftuin.models import (  # noqa: E402
    Dimension,
    MeasurementRound,
    Membership,
    Organisation,
    PlanAction,
    Proeftuin,
    Role,
    User,
)
from proeftuin.months import add_months  # noqa: E402
from proeftuin.toolkit import library, public_link  # noqa: E402
from workshops.models import CalendarFeed, Session, SessionSeries  # noqa: E402

B_NAMES = [f"Bewoner{n} Achternaam{n}" for n in range(1, 13)]


def _user(email, name):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _device(user):
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name="Probe", key=settings.DEMO_TOTP_KEY, confirmed=True
        )


@transaction.atomic
def second_organisation() -> demo.DemoPilot:
    today = timezone.localdate()
    organisation, _ = Organisation.objects.get_or_create(
        slug="probe-b", defaults={"name": "Gemeente Proefstad"}
    )
    pilot = Proeftuin.objects.filter(organisation=organisation).first()
    if pilot is None:
        starts_on = add_months(today, -5)
        pilot = Proeftuin.objects.create(
            organisation=organisation,
            name="Proeftuin B",
            purpose="Twaalf collega's van Proefstad leren werken met data.",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=365),
        )
    coach = services.grant_membership(
        user=_user("coach@b.example", "Coach Bravo"), proeftuin=pilot, role=Role.COACH
    )
    director = services.grant_membership(
        user=_user("director@b.example", "Directeur Bravo"), proeftuin=pilot, role=Role.DIRECTOR
    )
    participants = []
    for number, name in enumerate(B_NAMES, start=1):
        user = _user(f"participant{number}@b.example", name)
        membership = Membership.objects.filter(user=user, proeftuin=pilot).first()
        if membership is None:
            membership = services.grant_membership(
                user=user, proeftuin=pilot, role=Role.PARTICIPANT
            )
            membership.joined_at = timezone.make_aware(datetime.combine(pilot.starts_on, time(9)))
            membership.save(update_fields=["joined_at"])
        participants.append(membership)
    return demo.DemoPilot(organisation, pilot, coach, director, participants, today)


def extra_roles(pilot: Proeftuin, suffix: str) -> dict:
    """Steering member, outside expert, ethics reviewer and ambassador of one pilot."""
    steering = services.grant_membership(
        user=_user(f"steering@{suffix}.example", f"Stuur {suffix}"),
        proeftuin=pilot,
        role=Role.STEERING,
    )
    expert = services.grant_membership(
        user=_user(f"expert@{suffix}.example", f"Expert {suffix}"),
        proeftuin=pilot,
        role=Role.EXPERT,
    )
    for user in (steering.user,):
        _device(user)
    participants = list(
        Membership.objects.filter(proeftuin=pilot, role=Role.PARTICIPANT).order_by("pk")
    )
    Membership.objects.filter(pk=participants[2].pk).update(is_ethics_reviewer=True)
    Membership.objects.filter(pk=participants[3].pk).update(is_ambassador=True)
    return {
        "steering": steering,
        "expert": expert,
        "reviewer": participants[2],
        "ambassador": participants[3],
        "participants": participants,
    }


def invite_one(pilot, expert):
    """Invite the expert to the first submitted or decided review of someone else's experiment."""
    coach = Membership.objects.get(proeftuin=pilot, role=Role.COACH)
    review = (
        EthicsReview.objects.filter(experiment__owner__proeftuin=pilot)
        .exclude(state=EthicsReview.State.DRAFT)
        .order_by("pk")
        .first()
    )
    if review is None:
        return None, None
    learning_services.invite_expert(coach=coach, experiment=review.experiment, expert=expert)
    other = (
        EthicsReview.objects.filter(experiment__owner__proeftuin=pilot)
        .exclude(pk=review.pk)
        .order_by("pk")
        .first()
    )
    return review.experiment_id, other.experiment_id if other else None


def token(user, name, *, pilot=None, write=False):
    existing = AccessToken.objects.filter(user=user, name=name).first()
    if existing is not None:
        existing.delete()  # the secret is shown once: make a new one each run
    lookup, secret = AccessToken.new_secret()
    AccessToken.objects.create(
        user=user,
        name=name,
        proeftuin=pilot,
        can_write=write,
        lookup=lookup,
        secret_digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=30),
    )
    return secret


def ids_of(pilot: Proeftuin, roles: dict) -> dict:
    members = Membership.objects.filter(proeftuin=pilot)
    owner = roles["participants"][0]
    coach = members.get(role=Role.COACH)
    XapiIntegration.objects.filter(proeftuin=pilot, name="Probe LMS").delete()
    integration, xapi_secret = xapi.make_integration(
        proeftuin=pilot, name="Probe LMS", created_by=coach.user
    )
    public_token = public_link.publish(proeftuin=pilot)
    director = members.get(role=Role.DIRECTOR)
    library.share(proeftuin=pilot, actor=director.user)
    expert_experiment, uninvited_experiment = invite_one(pilot, roles["expert"])
    if not PlanAction.objects.filter(proeftuin=pilot).exists():
        plan.save_action(
            proeftuin=pilot,
            dimension=Dimension.values[0],
            text="Elke maand een datavraag van het team",
            owner_id=coach.pk,
            due_on=None,
        )
    first = lambda qs: qs.order_by("pk").values_list("pk", flat=True).first()  # noqa: E731
    users = {
        "coach": coach.user.email,
        "director": director.user.email,
        "steering": roles["steering"].user.email,
        "expert": roles["expert"].user.email,
        "participant": owner.user.email,
        "other_participant": roles["participants"][1].user.email,
        "reviewer": roles["reviewer"].user.email,
        "ambassador": roles["ambassador"].user.email,
    }
    tokens = {}
    for role in ("coach", "participant"):
        user = User.objects.get(email=users[role])
        tokens[f"{role}_read_all"] = token(user, "probe read all")
        tokens[f"{role}_write_all"] = token(user, "probe write all", write=True)
        tokens[f"{role}_write_pilot"] = token(user, "probe write pilot", pilot=pilot, write=True)
    return {
        "pilot": pilot.pk,
        "organisation": pilot.organisation.name,
        "users": users,
        "names": list(members.values_list("user__full_name", flat=True)),
        "emails": list(members.values_list("user__email", flat=True)),
        "group_size": pilot.min_group_size,
        "tokens": tokens,
        "xapi_secret": xapi_secret,
        "public_token": public_token,
        "objects": {
            "goal_id": first(SkillGoal.objects.filter(membership=owner)),
            "activity_id": first(LearningActivity.objects.filter(membership=owner)),
            "experiment_id": first(Experiment.objects.filter(owner=owner))
            or first(Experiment.objects.filter(owner__proeftuin=pilot)),
            "expert_experiment": expert_experiment,
            "uninvited_experiment": uninvited_experiment,
            "lesson_id": first(Lesson.objects.filter(proeftuin=pilot)),
            "lesson": first(Lesson.objects.filter(proeftuin=pilot)),
            "membership_id": owner.pk,
            "membership": owner.pk,
            "skill_id": first(Skill.objects.filter(organisation=pilot.organisation)),
            "session": first(Session.objects.filter(proeftuin=pilot)),
            "series": first(SessionSeries.objects.filter(proeftuin=pilot)),
            "round_id": first(MeasurementRound.objects.filter(proeftuin=pilot)),
            "closed_round": first(
                MeasurementRound.objects.filter(proeftuin=pilot, closes_on__lt=timezone.localdate())
            ),
            "integration": integration.pk,
            "action_id": first(PlanAction.objects.filter(proeftuin=pilot)),
            "token": first(AccessToken.objects.filter(user=owner.user)),
            "reminder": first(Reminder.objects.filter(recipient=owner.user)),
            "comment": first(GoalComment.objects.filter(goal__membership=owner)),
        },
        "calendar_token": CalendarFeed.objects.get_or_create(user=owner.user, revoked_at=None)[
            0
        ].token,
        "xapi_key": integration.key,
    }


def main(out: str) -> None:
    b = second_organisation()
    for seed in seeders():
        seed(b)
    demo_pilot = Proeftuin.objects.get(organisation__slug=demo.DEMO_ORGANISATION)
    data = {
        "a": ids_of(demo_pilot, extra_roles(demo_pilot, "a")),
        "b": ids_of(b.proeftuin, extra_roles(b.proeftuin, "b")),
        "demo_totp_key": settings.DEMO_TOTP_KEY,
        "password": settings.DEMO_PASSWORD,
    }
    # One person in both pilots, so "a token for one pilot reaches another" can be asked.
    dual = _user("dual@probe.example", "Dubbel Lid")
    for pilot in (demo_pilot, b.proeftuin):
        if not Membership.objects.filter(user=dual, proeftuin=pilot).exists():
            services.grant_membership(user=dual, proeftuin=pilot, role=Role.PARTICIPANT)
    data["dual"] = {
        "email": dual.email,
        "read_pilot_a": token(dual, "probe read pilot a", pilot=demo_pilot),
        "write_pilot_a": token(dual, "probe write pilot a", pilot=demo_pilot, write=True),
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(data, indent=2, default=str))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/probe-ids.json")
