"""The notifications API under /api/v1/me/: everyone reads and changes only their own."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from notifications.models import NotificationPreference, Reminder, Rule
from tests import factories
from tests.factories import ReminderFactory

from .helpers import PARTICIPANT_RULES, sent

pytestmark = pytest.mark.django_db
State = Reminder.State

LIST = reverse("notifications-api-list")
UNREAD = reverse("notifications-api-unread-count")
READ_ALL = reverse("notifications-api-read-all")
PREFERENCES = reverse("notifications-api-preferences")

NOT_FOR_A_ROLE = "Je kunt alleen herinneringen kiezen die bij jouw rol horen."


def _read_url(reminder_id: int) -> str:
    return reverse("notifications-api-read", args=[reminder_id])


def _put(client, data):
    return client.put(PREFERENCES, data=json.dumps(data), content_type="application/json")


def _opt_outs(membership) -> set[str]:
    return set(
        NotificationPreference.objects.filter(user=membership.user).values_list("rule", flat=True)
    )


# --- the list ------------------------------------------------------------------------------


def test_the_list_gives_my_delivered_notifications_newest_first(pilot, client_for):
    now = timezone.now()
    older = sent(pilot.participant, due_at=now - timedelta(days=2))
    newer = sent(pilot.participant, due_at=now - timedelta(hours=1), read_at=now)
    ReminderFactory(recipient=pilot.participant.user, state=State.PENDING)  # not yet due
    ReminderFactory(recipient=pilot.participant.user, state=State.SKIPPED)  # never delivered
    response = client_for(pilot.participant).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]
    first, second = body["results"]
    assert (first["unread"], second["unread"]) == (False, True)
    assert first["read_at"] is not None and second["read_at"] is None


def test_a_notification_carries_the_title_and_label_the_list_page_shows(pilot, client_for):
    reminder = sent(pilot.participant, rule=Rule.GONE_QUIET)
    row = client_for(pilot.participant).get(LIST).json()["results"][0]
    assert row == {
        "id": reminder.pk,
        "rule": "gone_quiet",
        "rule_label": "Al even niets gelogd",
        "title": "Hoe gaat het met leren? We zijn benieuwd",
        "link": "",
        "created_at": row["created_at"],
        "read_at": None,
        "unread": True,
    }
    page = client_for(pilot.participant).get(reverse("notifications:list")).content.decode()
    assert "Hoe gaat het met leren? We zijn benieuwd" in page


def test_titles_and_labels_speak_the_language_chosen_on_the_account(pilot, client_for):
    pilot.participant.user.language = "en"
    pilot.participant.user.save(update_fields=["language"])
    sent(pilot.participant, rule=Rule.GONE_QUIET)
    row = client_for(pilot.participant).get(LIST).json()["results"][0]
    assert row["title"] == "How is your learning going? We'd love to know"
    assert row["rule_label"] == "Nothing logged for a while"


def test_a_dutch_account_reads_dutch_titles_whatever_the_phone_asks(pilot, client_for):
    sent(pilot.participant, rule=Rule.GONE_QUIET)
    response = client_for(pilot.participant).get(LIST, headers={"accept-language": "en"})
    assert response.json()["results"][0]["title"] == "Hoe gaat het met leren? We zijn benieuwd"


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("/p/3/bijeenkomsten/57/", "https://proeftuin.example.org/p/3/bijeenkomsten/57/"),
        ("https://elders.example.org/x/", "https://elders.example.org/x/"),
    ],
)
def test_the_link_is_the_absolute_address_of_the_notifications_page(
    pilot, client_for, settings, url, link
):
    settings.SITE_URL = "https://proeftuin.example.org"
    sent(pilot.participant, context={"pilot_name": "A", "days": 15, "url": url})
    row = client_for(pilot.participant).get(LIST).json()["results"][0]
    assert row["link"] == link


def test_the_unread_filter_gives_only_the_unread_ones_and_false_only_the_read_ones(
    pilot, client_for
):
    unread = sent(pilot.participant)
    read = sent(pilot.participant, read_at=timezone.now())
    client = client_for(pilot.participant)
    only_unread = client.get(LIST, {"unread": "true"}).json()["results"]
    only_read = client.get(LIST, {"unread": "false"}).json()["results"]
    assert [row["id"] for row in only_unread] == [unread.pk]
    assert [row["id"] for row in only_read] == [read.pk]


@pytest.mark.parametrize("value", ["-5", "ja", "True", "1", ""])
def test_an_unread_filter_that_is_not_true_or_false_is_a_400_naming_it(pilot, client_for, value):
    sent(pilot.participant)
    response = client_for(pilot.participant).get(LIST, {"unread": value})
    assert response.status_code == 400
    assert response.json() == {"unread": ["Gebruik true of false."]}


@pytest.mark.parametrize(
    "who", ["participant", "other_participant", "coach", "director", "other organisation"]
)
def test_everyone_gets_their_own_notifications_and_never_anyone_elses(
    pilot, other_pilot, client_for, who
):
    people = {
        "participant": pilot.participant,
        "other_participant": pilot.other_participant,
        "coach": pilot.coach,
        "director": pilot.director,
        "other organisation": other_pilot.participant,
    }
    own = {name: sent(membership).pk for name, membership in people.items()}
    body = client_for(people[who]).get(LIST).json()
    assert [row["id"] for row in body["results"]] == [own[who]]


def test_the_list_is_paginated_by_fifty(pilot, client_for):
    oldest = sent(pilot.participant, due_at=timezone.now() - timedelta(days=1))
    for _ in range(50):
        sent(pilot.participant)
    client = client_for(pilot.participant)
    first = client.get(LIST).json()
    assert first["count"] == 51 and len(first["results"]) == 50 and first["next"]
    second = client.get(LIST, {"page": 2}).json()
    assert [row["id"] for row in second["results"]] == [oldest.pk]


@pytest.mark.parametrize("page", ["", "abc", "0", "3"])
def test_a_page_that_does_not_exist_is_404(pilot, client_for, page):
    sent(pilot.participant)
    assert client_for(pilot.participant).get(LIST, {"page": page}).status_code == 404


def test_the_query_count_of_the_list_does_not_grow_with_the_notifications(pilot, client_for):
    client = client_for(pilot.participant)

    def count() -> int:
        client.get(LIST)  # warm up the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(queries)

    for _ in range(3):
        sent(pilot.participant, context={"url": "/meldingen/", "pilot_name": "A", "days": 15})
    few = count()
    context = {
        "url": "/meldingen/",
        "title": "Werken met draaitabellen",
        "pilot_name": "A",
        "starts_at": timezone.now().isoformat(),
        "due_on": timezone.localdate().isoformat(),
        "month": "2026-10",
        "month_on": "2026-10-01",
    }
    for rule in Rule.values * 3:
        sent(pilot.participant, rule=rule, context=context)
    many = count()
    assert few == many, f"{few} queries for 3 notifications, {many} for 33"
    assert many <= 5, f"{many} queries"


# --- unread count, mark read, mark all read ------------------------------------------------


def test_the_unread_count_counts_my_delivered_unread_ones_only(pilot, client_for):
    sent(pilot.participant)
    sent(pilot.participant)
    sent(pilot.participant, read_at=timezone.now())
    ReminderFactory(recipient=pilot.participant.user, state=State.PENDING)
    sent(pilot.other_participant)
    response = client_for(pilot.participant).get(UNREAD)
    assert response.status_code == 200
    assert response.json() == {"unread": 2}


def test_marking_one_read_answers_204_and_lowers_the_count(pilot, client_for):
    reminder = sent(pilot.participant)
    sent(pilot.participant)
    client = client_for(pilot.participant)
    response = client.post(_read_url(reminder.pk))
    assert response.status_code == 204
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert client.get(UNREAD).json() == {"unread": 1}


def test_marking_one_read_again_changes_nothing(pilot, client_for):
    read_at = timezone.now() - timedelta(days=3)
    reminder = sent(pilot.participant, read_at=read_at)
    response = client_for(pilot.participant).post(_read_url(reminder.pk))
    assert response.status_code == 204
    reminder.refresh_from_db()
    assert reminder.read_at == read_at


@pytest.mark.parametrize("who", ["other_participant", "coach", "director", "other organisation"])
def test_nobody_can_mark_someone_elses_notification_read(pilot, other_pilot, client_for, who):
    reminder = sent(pilot.participant)
    asker = other_pilot.coach if who == "other organisation" else getattr(pilot, who)
    response = client_for(asker).post(_read_url(reminder.pk))
    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_marking_a_notification_that_does_not_exist_is_404(pilot, client_for):
    response = client_for(pilot.participant).post(_read_url(987654321))
    assert response.status_code == 404


def test_a_notification_not_yet_delivered_cannot_be_marked_read(pilot, client_for):
    pending = ReminderFactory(recipient=pilot.participant.user, state=State.PENDING)
    response = client_for(pilot.participant).post(_read_url(pending.pk))
    assert response.status_code == 404


def test_mark_all_read_says_how_many_and_touches_only_my_own(pilot, client_for):
    sent(pilot.participant)
    sent(pilot.participant)
    sent(pilot.participant, read_at=timezone.now())
    theirs = sent(pilot.other_participant)
    client = client_for(pilot.participant)
    response = client.post(READ_ALL)
    assert response.status_code == 200
    assert response.json() == {"marked": 2}
    assert client.post(READ_ALL).json() == {"marked": 0}
    assert client.get(UNREAD).json() == {"unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- preferences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "rules"),
    [
        ("participant", PARTICIPANT_RULES),
        (
            "coach",
            [
                Rule.COACH_PLAN_NEXT_MONTH,
                Rule.PLAN_GAP,
                Rule.PLAN_ACTION_DUE,
                Rule.ETHICS_REVIEW_WAITING,
                Rule.GOAL_CONFIRMATION_ASKED,
                Rule.GOAL_MESSAGE,
                Rule.COACH_INBOX_DIGEST,
            ],
        ),
        ("director", [Rule.DIRECTOR_DIGEST, Rule.PLAN_ACTION_DUE]),
    ],
)
def test_the_preferences_list_only_the_rules_that_reach_the_role(pilot, client_for, role, rules):
    NotificationPreference.objects.create(user=getattr(pilot, role).user, rule=rules[0])
    response = client_for(getattr(pilot, role)).get(PREFERENCES)
    assert response.status_code == 200
    assert response.json() == {
        "rules": [
            {"rule": rule.value, "label": str(rule.label), "wanted": rule != rules[0]}
            for rule in rules
        ]
    }


def test_someone_without_an_active_role_has_no_rules_to_choose(client_for):
    staff = factories.UserFactory(is_staff=True)
    assert client_for(staff).get(PREFERENCES).json() == {"rules": []}


def test_switching_a_rule_off_and_on_again_through_the_api(pilot, client_for):
    client = client_for(pilot.participant)
    wanted = [r.value for r in PARTICIPANT_RULES if r != Rule.GONE_QUIET]
    response = _put(client, {"wanted": wanted})
    assert response.status_code == 200
    assert _opt_outs(pilot.participant) == {Rule.GONE_QUIET}
    shown = {row["rule"]: row["wanted"] for row in client.get(PREFERENCES).json()["rules"]}
    assert response.json() == client.get(PREFERENCES).json()
    assert shown == {rule.value: rule != Rule.GONE_QUIET for rule in PARTICIPANT_RULES}
    # The settings page shows the same choice.
    page = client.get(reverse("notifications:settings")).content.decode()
    assert page.count("checked") == len(PARTICIPANT_RULES) - 1
    assert _put(client, {"wanted": [r.value for r in PARTICIPANT_RULES]}).status_code == 200
    assert not _opt_outs(pilot.participant)


def test_an_opt_out_of_a_rule_outside_my_roles_is_kept(pilot, client_for):
    NotificationPreference.objects.create(user=pilot.participant.user, rule=Rule.DIRECTOR_DIGEST)
    response = _put(client_for(pilot.participant), {"wanted": []})
    assert response.status_code == 200
    assert _opt_outs(pilot.participant) == {Rule.DIRECTOR_DIGEST, *PARTICIPANT_RULES}


@pytest.mark.parametrize("rule", ["director_digest", "coach_plan_next_month", "no_such_rule"])
def test_a_rule_that_cannot_reach_me_is_refused_on_wanted_and_nothing_is_stored(
    pilot, client_for, rule
):
    NotificationPreference.objects.create(user=pilot.participant.user, rule=Rule.GOAL_DUE)
    response = _put(client_for(pilot.participant), {"wanted": ["session_soon", rule]})
    assert response.status_code == 400
    assert response.json() == {"wanted": [NOT_FOR_A_ROLE]}
    assert _opt_outs(pilot.participant) == {Rule.GOAL_DUE}


@pytest.mark.parametrize("body", [{}, {"wanted": "session_soon"}, {"wanted": None}])
def test_a_malformed_choice_is_a_400_naming_wanted(pilot, client_for, body):
    response = _put(client_for(pilot.participant), body)
    assert response.status_code == 400
    assert list(response.json()) == ["wanted"]
    assert not _opt_outs(pilot.participant)


# --- who may call --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("get", UNREAD),
        ("post", READ_ALL),
        ("post", "/api/v1/me/notifications/1/read/"),
        ("get", PREFERENCES),
        ("put", PREFERENCES),
    ],
)
def test_an_anonymous_caller_is_refused(pilot, method, url):
    reminder = sent(pilot.participant)
    url = url.replace("/1/", f"/{reminder.pk}/")
    response = getattr(Client(), method)(url, content_type="application/json")
    assert response.status_code in (401, 403)
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_an_integration_with_a_token_reads_the_tokens_owners_notifications(pilot):
    mine = sent(pilot.participant)
    sent(pilot.other_participant)
    token = Token.objects.create(user=pilot.participant.user)
    response = Client().get(LIST, headers={"authorization": f"Token {token.key}"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
