"""Pages and API answer every role as tests/permission_matrix.py says, from one table.

Every person logs in through the production stack: a real session that has passed the second
factor (client_for), with the second-factor middleware on.
"""

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from backlog.models import Question
from learning.models import Experiment
from proeftuin.models import ContactPoint, PlanAction
from proeftuin.toolkit import library
from tests import factories
from tests.conftest import Pilot, make_pilot
from tests.permission_matrix import (
    ALLOWED,
    HIDDEN,
    LOGIN,
    MATRIX,
    NOT_FOUND,
    ROLES,
    SHOWN,
    Call,
    Row,
)
from workshops import services as workshop_services
from workshops import tokens as workshop_tokens
from workshops.models import CalendarFeed, Registration
from workshops.services import check_in_code

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """One pilot with one of everything of its participant, and a pilot of another organisation."""

    pilot: Pilot
    other_pilot: Pilot
    ids: dict
    extra: dict  # the new roles' people: ambassador, steering-group member, outside expert

    def person(self, role: str):
        if role.startswith("outsider_"):
            return getattr(self.other_pilot, role.removeprefix("outsider_"))
        if role == "ethics_reviewer":
            return self.pilot.third_participant
        if role in self.extra:
            return self.extra[role]
        return getattr(self.pilot, "participant" if role == "owner" else role)


@pytest.fixture
def world(db) -> World:
    pilot, other_pilot = make_pilot(), make_pilot()
    owner = pilot.participant
    skill = factories.SkillFactory(
        organisation=pilot.proeftuin.organisation, name="Draaitabellen maken"
    )
    goal = factories.GoalFactory(membership=owner, skill=skill, statement="Zelf een draaitabel")
    comment = factories.GoalCommentFactory(goal=goal, author=pilot.coach, text="Mooi begin, Anna")
    factories.CheckInFactory(goal=goal, level=2)
    activity = factories.ActivityFactory(membership=owner, title="Lunchlezing over de AVG")
    experiment = factories.ExperimentFactory(owner=owner, title="Wachttijd aan de balie")
    lesson = factories.LessonFactory(experiment=experiment, text="Meet langer dan een week.")
    pilot.third_participant.is_ethics_reviewer = True
    pilot.third_participant.save(update_fields=["is_ethics_reviewer"])
    draft = factories.EthicsReviewFactory(
        experiment=factories.ExperimentFactory(owner=owner, title="Pauzes in het rooster")
    )
    waiting = factories.EthicsReviewFactory(
        experiment=factories.ExperimentFactory(owner=owner, title="Drukte bij de balie"),
        state="waiting",
        submitted_at=timezone.now(),
    )
    ambassador = factories.ParticipantFactory(proeftuin=pilot.proeftuin, is_ambassador=True)
    ambassador_lesson = factories.LessonFactory(
        experiment=factories.ExperimentFactory(owner=ambassador, title="Open data bekeken")
    )
    proposed = factories.LessonFactory(experiment=experiment, success_story="proposed")
    expert = factories.MembershipFactory(proeftuin=pilot.proeftuin, role="expert")
    waiting.invited_experts.add(expert)
    extra = {
        "ambassador": ambassador,
        "steering": factories.MembershipFactory(proeftuin=pilot.proeftuin, role="steering"),
        "expert": expert,
    }
    questioner = factories.ParticipantFactory(proeftuin=pilot.proeftuin)
    question = Question.objects.create(
        proeftuin=pilot.proeftuin,
        proposer=questioner,
        text="Wanneer is het druk aan de telefoon?",
        asked_by="team klantcontact",
        why="Dan zetten we meer mensen op de lijn.",
    )
    session = factories.SessionFactory(proeftuin=pilot.proeftuin, title="Lunchlezing open data")
    past_session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    live_session = factories.SessionFactory(
        proeftuin=pilot.proeftuin,
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(minutes=50),
    )
    live_code = check_in_code(session=live_session)
    # A session open to colleagues with one guest, and one that is not open.
    guest_session = workshop_services.set_open_to_colleagues(
        session=factories.SessionFactory(proeftuin=pilot.proeftuin), is_open=True
    )
    guest = workshop_services.sign_up_guest(
        session_id=guest_session.pk, name="Mila Jansen", email="mila@gemeente.example"
    )
    workshop_services.confirm_guest(guest_id=guest.pk)
    factories.AttendanceFactory(session=past_session, membership=owner, present=True)
    Registration.objects.create(session=session, membership=owner, response="going")
    measurement_round = factories.MeasurementRoundFactory(proeftuin=pilot.proeftuin)
    closed_round = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind="baseline",
        opens_on=timezone.localdate() - timedelta(days=40),
        closes_on=timezone.localdate() - timedelta(days=20),
    )
    factories.MaturityAssessmentFactory(membership=owner, round=closed_round)
    plan_action = PlanAction.objects.create(
        proeftuin=pilot.proeftuin,
        dimension="data_analysis",
        text="Elke maand een vraag",
        owner=pilot.coach,
        due_on=timezone.localdate() + timedelta(days=30),
        skill=skill,
    )
    ContactPoint.objects.create(
        organisation=pilot.proeftuin.organisation, proeftuin=pilot.proeftuin, is_open=True
    )
    feed = CalendarFeed.objects.create(user=owner.user)
    revoked = CalendarFeed.objects.create(user=owner.user, revoked_at=timezone.now())
    # The other organisation published its package, with one case, in the public library.
    published_case = factories.ExperimentFactory(owner=other_pilot.participant)
    factories.LessonFactory(
        experiment=published_case, review="approved", toolkit_text="Begin klein.", stage=3
    )
    library.share(proeftuin=other_pilot.proeftuin, actor=other_pilot.director.user)
    ids = {
        "published": other_pilot.proeftuin.pk,
        "published_case": published_case.pk,
        "pilot": pilot.proeftuin.pk,
        "pilot_name": pilot.proeftuin.name,
        "organisation": pilot.proeftuin.organisation.slug,
        "other_organisation": other_pilot.proeftuin.organisation.slug,
        "organisation_id": pilot.proeftuin.organisation_id,
        "other_organisation_id": other_pilot.proeftuin.organisation_id,
        "owner": owner.pk,
        "skill": skill.pk,
        "skill_name": skill.name,
        "goal": goal.pk,
        "goal_statement": goal.statement,
        "comment_text": comment.text,
        "activity": activity.pk,
        "activity_title": activity.title,
        "experiment": experiment.pk,
        "experiment_title": experiment.title,
        "lesson": lesson.pk,
        "draft_experiment": draft.experiment_id,
        "waiting_experiment": waiting.experiment_id,
        "waiting_review": waiting.pk,
        "waiting_title": waiting.experiment.title,
        "ambassador_lesson": ambassador_lesson.pk,
        "proposed_story": proposed.pk,
        "question": question.pk,
        "other_participant": pilot.other_participant.pk,
        "expert": expert.pk,
        "question_text": question.text,
        "session": session.pk,
        "session_title": session.title,
        "past_session": past_session.pk,
        "sign_up_token": workshop_tokens.sign_up_token(guest_session.pk),
        "closed_sign_up_token": workshop_tokens.sign_up_token(past_session.pk),
        "guest_token": workshop_tokens.guest_token(guest.pk),
        "live_session": live_session.pk,
        "live_code": live_code,
        "round": measurement_round.pk,
        "closed_round": closed_round.pk,
        "plan_action": plan_action.pk,
        "feed_token": feed.token,
        "revoked_feed_token": revoked.token,
    }
    return World(pilot=pilot, other_pilot=other_pilot, ids=ids, extra=extra)


def _send(client, call: Call, world: World, *, api: bool):
    url = call.path.format(**world.ids)
    data = call.data(world) if callable(call.data) else call.data
    send = getattr(client, call.method)
    if api:
        body = json.dumps(data) if data is not None else None
        return send(url, data=body, content_type="application/json")
    return send(url, data=data or {})


def _mismatch(row: Row, role: str, calls: tuple, world: World, client, *, api: bool):
    """What `role` got from the row's calls when it is not the matrix's answer, else None."""
    answer = row.answer(role)
    responses = [(call, _send(client, call, world, api=api)) for call in calls]
    statuses = [response.status_code for _call, response in responses]
    locations = [response.get("Location", "") for _call, response in responses]
    got = ", ".join(
        f"{call.method.upper()} {call.path} -> {status} {location}".rstrip()
        for call, status, location in zip(calls, statuses, locations, strict=True)
    )
    if answer == LOGIN:
        if api:
            holds = all(status in (401, 403) for status in statuses)
        else:
            holds = all(
                status == 302 and location.startswith("/account/login/")
                for status, location in zip(statuses, locations, strict=True)
            )
    elif answer == NOT_FOUND:
        holds = statuses == [404] * len(calls)
    elif answer == ALLOWED:
        holds = statuses == [call.allowed_status(api) for call in calls] and not any(
            "/account/login/" in location for location in locations
        )
    else:
        marker = row.marker.format(**world.ids)
        shows = [
            response.status_code == 200 and marker in response.content.decode()
            for _call, response in responses
        ]
        got += f" (shows {marker!r}: {shows})"
        if api:  # a list endpoint answers every member and includes the object, or not
            holds = statuses == [200] * len(calls) and shows == [answer == SHOWN] * len(calls)
        else:  # the list is on one page for the owner and on another for the coach
            holds = set(statuses) <= {200, 404} and 200 in statuses
            holds = holds and any(shows) == (answer == SHOWN)
    return None if holds else f"{role}: expected {answer}, got {got}"


def _roles_in_order(row: Row) -> list[str]:
    """Those the row refuses first: an allowed delete or cancel would change their answer."""
    return sorted(ROLES, key=lambda role: row.answer(role) in (ALLOWED, SHOWN, HIDDEN))


def _check_every_role(row: Row, calls: tuple, world, client, client_for, *, api: bool) -> None:
    mismatches = []
    for role in _roles_in_order(row):
        if role == "anonymous":
            client.logout()
            asking = client
        else:
            asking = client_for(world.person(role))
        mismatches.append(_mismatch(row, role, calls, world, asking, api=api))
    mismatches = [m for m in mismatches if m]
    assert not mismatches, f"{row.id}:\n" + "\n".join(mismatches)


PAGE_ROWS = [row for row in MATRIX if row.pages]
API_ROWS = [row for row in MATRIX if row.api]


@pytest.mark.parametrize("row", PAGE_ROWS, ids=[row.id for row in PAGE_ROWS])
def test_the_pages_give_every_role_the_answer_of_the_permission_matrix(
    world, client, client_for, row
):
    _check_every_role(row, row.pages, world, client, client_for, api=False)


@pytest.mark.parametrize("row", API_ROWS, ids=[row.id for row in API_ROWS])
def test_the_api_gives_every_role_the_answer_of_the_permission_matrix(
    world, client, client_for, row
):
    _check_every_role(row, row.api, world, client, client_for, api=True)


def test_every_object_and_method_of_the_matrix_has_one_row():
    keys = [(row.object, row.method) for row in MATRIX]
    assert len(keys) == len(set(keys))


def test_an_outsider_asking_through_their_own_pilot_cannot_reach_our_objects(world, client_for):
    client = client_for(world.other_pilot.coach)
    base = f"/api/v1/pilots/{world.other_pilot.proeftuin.pk}/"
    for path in (
        f"goals/{world.ids['goal']}/",
        f"activities/{world.ids['activity']}/",
        f"experiments/{world.ids['experiment']}/",
        f"sessions/{world.ids['session']}/",
    ):
        assert client.get(base + path).status_code == 404
    assert client.get(base + "goals/").json()["count"] == 0
    page = f"/p/{world.other_pilot.proeftuin.pk}/doelen/{world.ids['goal']}/"
    assert client.get(page).status_code == 404


def test_a_shared_experiment_is_readable_but_not_writable_by_the_colleague(world, client_for):
    experiment_id = world.ids["experiment"]
    colleague = world.pilot.other_participant
    Experiment.objects.get(pk=experiment_id).co_members.add(colleague)
    client = client_for(colleague)
    url = f"/api/v1/pilots/{world.ids['pilot']}/experiments/{experiment_id}/"
    page = f"/p/{world.ids['pilot']}/experimenten/{experiment_id}/"
    assert client.get(url).status_code == 200
    assert client.get(page).status_code == 200
    response = client.patch(url, data=json.dumps({"title": "X"}), content_type="application/json")
    assert response.status_code == 404
    assert client.get(page + "wijzigen/").status_code == 404
