"""Audit events are stored as a code with parameters and read in the reader's language."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from proeftuin import audit, privacy
from proeftuin.models import AuditEvent
from tests import factories

BEFORE = [("proeftuin", "0003_user_sessions_epoch")]
AFTER = [("proeftuin", "0004_auditevent_code_and_params")]


def _coach_reads_the_goal_page_in_dutch(client_for, pilot):
    goal = factories.GoalFactory(membership=pilot.participant)
    client = client_for(pilot.coach)
    url = reverse("learning:goal", args=[pilot.proeftuin.pk, goal.pk])
    assert client.get(url).status_code == 200


def _in_english(member):
    member.user.language = "en"
    member.user.save(update_fields=["language"])


@pytest.mark.django_db
def test_an_english_reader_sees_an_english_sentence_for_an_event_written_by_a_dutch_coach(
    client_for, pilot
):
    _coach_reads_the_goal_page_in_dutch(client_for, pilot)
    _in_english(pilot.participant)
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert "<td>viewed</td><td>learning goal" in page
    assert "leerdoel" not in page


@pytest.mark.django_db
def test_the_export_of_an_english_reader_describes_events_in_english(client_for, pilot):
    _coach_reads_the_goal_page_in_dutch(client_for, pilot)
    _in_english(pilot.participant)
    response = client_for(pilot.participant).post(reverse("proeftuin:privacy-export"))
    events = json.loads(response.content)["data"]["proeftuin.auditevent"]["records"]
    viewed = next(e for e in events if e["action"] == "viewed")
    assert (viewed["code"], viewed["what"], viewed["by"]) == (
        "learning.goal",
        "learning goal",
        "coach",
    )


def test_a_sentence_takes_its_parameters():
    assert audit.describe("learning.goals", {"count": 3}) == "leerdoelen in een lijst (3)"


def test_a_text_from_before_codes_is_shown_as_it_was_stored():
    assert audit.describe("text", {"text": "doelen en activiteiten"}) == "doelen en activiteiten"


def test_a_code_the_code_does_not_know_is_shown_as_the_code():
    assert audit.describe("later.something", {}) == "later.something"


def test_an_event_cannot_be_recorded_with_a_sentence_instead_of_a_code(db, pilot):
    with pytest.raises(ValueError):
        audit.record(
            actor=pilot.coach.user, subject=pilot.participant.user, action="viewed", what="doelen"
        )


@pytest.mark.django_db
def test_erasure_removes_the_persons_name_from_the_parameters_of_events(pilot):
    user = pilot.participant.user
    about_them = AuditEvent.objects.create(
        actor=pilot.coach.user,
        subject=pilot.other_participant.user,
        action="viewed",
        code="text",
        params={"text": f"doelen van {user.full_name.upper()}", "goal": 3},
    )
    untouched = audit.viewed(
        actor=pilot.coach.user, subject=user, what=audit.What.GOALS, params={"count": 2}
    )
    privacy.erase_person(user=user, actor=None)
    about_them.refresh_from_db()
    untouched.refresh_from_db()
    assert about_them.params == {"text": privacy.ERASED, "goal": 3}
    assert untouched.params == {"count": 2}


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_old_sentences_of_either_language_into_codes():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("proeftuin", "AuditEvent")
    for what in ("leerdoel", "progress per participant (overview)", "doelen van Amin"):
        old.objects.create(action="viewed", what=what)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    rows = AuditEvent.objects.order_by("pk").values_list("code", "params")
    assert list(rows) == [
        ("learning.goal", {}),
        ("overview.people", {}),
        ("text", {"text": "doelen van Amin"}),
    ]
    # Going back to BEFORE also undid the migrations that build on it; the tests after this
    # one need the whole schema again.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
