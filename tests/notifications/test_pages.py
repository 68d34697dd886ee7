"""The in-app list, mark-as-read and the opt-out page: everyone sees and changes only their own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import NotificationPreference, Reminder, Rule
from tests import factories
from tests.factories import ReminderFactory

from .helpers import PARTICIPANT_RULES, sent

pytestmark = pytest.mark.django_db
State = Reminder.State


def test_the_list_shows_my_delivered_notifications_and_nobody_elses(pilot, other_pilot, client_for):
    mine = sent(pilot.participant, context={"title": "x", "pilot_name": "A", "days": 20})
    ReminderFactory(recipient=pilot.participant.user, state=State.PENDING)  # not yet due
    sent(pilot.other_participant, context={"pilot_name": "Geheim", "days": 30})
    sent(other_pilot.participant, context={"pilot_name": "Ander", "days": 40})
    page = client_for(pilot.participant).get(reverse("notifications:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('class="card notification') == 1
    assert "Hoe gaat het met leren?" in text
    assert mine.pk
    assert "Geheim" not in text and "Ander" not in text


@pytest.mark.parametrize("role", ["participant", "other_participant", "coach", "director"])
def test_every_role_reaches_its_own_list_and_settings(pilot, client_for, role):
    client = client_for(getattr(pilot, role))
    assert client.get(reverse("notifications:list")).status_code == 200
    assert client.get(reverse("notifications:settings")).status_code == 200


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    for name in ("notifications:list", "notifications:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_menu_shows_the_unread_count(pilot, client_for):
    sent(pilot.participant)
    sent(pilot.participant)
    sent(pilot.participant, read_at=timezone.now())
    page = client_for(pilot.participant).get(reverse("notifications:list"))
    text = page.content.decode()
    assert 'class="badge unread-count">2<' in text


def test_marking_one_as_read_lowers_the_count_and_may_open_its_page(pilot, client_for):
    reminder = sent(pilot.participant, context={"url": "/meldingen/instellingen/"})
    response = client_for(pilot.participant).post(
        reverse("notifications:mark-read", args=[reminder.pk]), {"next": reminder.context["url"]}
    )
    assert response.status_code == 302 and response["Location"] == "/meldingen/instellingen/"
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_marking_one_read_by_htmx_swaps_only_its_card_and_the_unread_counts(pilot, client_for):
    reminder = sent(pilot.participant)
    sent(pilot.participant)
    response = client_for(pilot.participant).post(
        reverse("notifications:mark-read", args=[reminder.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="notification-{reminder.pk}"' in html and "Op gelezen gezet." in html
    assert "Markeer als gelezen" not in html
    # Both places that show the count, the menu button and the menu link, get the new one.
    for badge in ("unread-menu", "unread-nav"):
        assert f'<span id="{badge}" hx-swap-oob="true"> <span class="badge unread-count">1<' in html
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_marking_read_refuses_an_outside_redirect(pilot, client_for):
    reminder = sent(pilot.participant)
    response = client_for(pilot.participant).post(
        reverse("notifications:mark-read", args=[reminder.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


@pytest.mark.parametrize("who", ["other_participant", "coach", "director"])
def test_nobody_can_mark_someone_elses_notification_read(pilot, client_for, who):
    reminder = sent(pilot.participant)
    response = client_for(getattr(pilot, who)).post(
        reverse("notifications:mark-read", args=[reminder.pk])
    )
    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_another_organisation_cannot_mark_my_notification_read(pilot, other_pilot, client_for):
    reminder = sent(pilot.participant)
    response = client_for(other_pilot.coach).post(
        reverse("notifications:mark-read", args=[reminder.pk])
    )
    assert response.status_code == 404


def test_mark_all_read_touches_only_my_own(pilot, client_for):
    sent(pilot.participant)
    theirs = sent(pilot.other_participant)
    client_for(pilot.participant).post(reverse("notifications:mark-all-read"))
    assert not Reminder.objects.filter(recipient=pilot.participant.user, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_as_read_only_accepts_post(pilot, client_for):
    reminder = sent(pilot.participant)
    url = reverse("notifications:mark-read", args=[reminder.pk])
    assert client_for(pilot.participant).get(url).status_code == 405


def _settings_text(client) -> str:
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200
    return page.content.decode()


def _opt_outs(membership) -> set[str]:
    return set(
        NotificationPreference.objects.filter(user=membership.user).values_list("rule", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "shown"),
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
def test_the_settings_page_lists_only_the_rules_that_reach_the_role(pilot, client_for, role, shown):
    text = _settings_text(client_for(getattr(pilot, role)))
    assert "<legend>Welke herinneringen wil je krijgen?</legend>" in text
    for rule in Rule:
        assert (str(rule.label) in text) == (rule in shown), rule
    assert text.count("checked") == len(shown)


def test_someone_with_two_roles_sees_the_rules_of_both(pilot, other_pilot, client_for):
    factories.CoachFactory(proeftuin=other_pilot.proeftuin, user=pilot.participant.user)
    text = _settings_text(client_for(pilot.participant))
    for rule in Rule:
        expected = rule in PARTICIPANT_RULES or rule in (
            Rule.COACH_PLAN_NEXT_MONTH,
            Rule.PLAN_GAP,
            Rule.ETHICS_REVIEW_WAITING,
            Rule.GOAL_CONFIRMATION_ASKED,
            Rule.COACH_INBOX_DIGEST,
        )
        assert (str(rule.label) in text) == expected, rule


def test_a_role_that_was_ended_no_longer_adds_its_rules(pilot, other_pilot, client_for):
    factories.CoachFactory(
        proeftuin=other_pilot.proeftuin, user=pilot.participant.user, is_active=False
    )
    text = _settings_text(client_for(pilot.participant))
    assert str(Rule.COACH_PLAN_NEXT_MONTH.label) not in text


def test_someone_without_an_active_role_reads_that_there_is_nothing_to_set(client_for):
    staff = factories.UserFactory(is_staff=True)
    text = _settings_text(client_for(staff))
    assert "Hier is niets in te stellen" in text
    assert "<legend>" not in text
    for rule in Rule:
        assert str(rule.label) not in text


def test_unticking_a_rule_opts_out_of_it_and_ticking_it_again_opts_back_in(pilot, client_for):
    client = client_for(pilot.participant)
    wanted = [r for r in PARTICIPANT_RULES if r != Rule.GONE_QUIET]
    response = client.post(reverse("notifications:settings"), {"wanted": wanted})
    assert response.status_code == 302
    assert _opt_outs(pilot.participant) == {Rule.GONE_QUIET}
    client.post(reverse("notifications:settings"), {"wanted": PARTICIPANT_RULES})
    assert not _opt_outs(pilot.participant)


def test_saving_the_page_leaves_the_rules_it_does_not_show_as_they_were(pilot, client_for):
    # Hidden from a participant: the director's digest (opted out) and the coach's rule (not).
    for rule in (Rule.DIRECTOR_DIGEST, Rule.GOAL_DUE):
        NotificationPreference.objects.create(user=pilot.participant.user, rule=rule)
    client = client_for(pilot.participant)
    response = client.post(reverse("notifications:settings"), {"wanted": PARTICIPANT_RULES})
    assert response.status_code == 302
    assert _opt_outs(pilot.participant) == {Rule.DIRECTOR_DIGEST}
    client.post(reverse("notifications:settings"), {"wanted": []})
    assert _opt_outs(pilot.participant) == {Rule.DIRECTOR_DIGEST, *PARTICIPANT_RULES}


def test_choosing_a_rule_of_another_role_is_refused_with_a_message_and_changes_nothing(
    pilot, client_for
):
    NotificationPreference.objects.create(user=pilot.participant.user, rule=Rule.GONE_QUIET)
    client = client_for(pilot.participant)
    response = client.post(
        reverse("notifications:settings"), {"wanted": [*PARTICIPANT_RULES, Rule.DIRECTOR_DIGEST]}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "Je kunt alleen herinneringen kiezen die bij jouw rol horen." in text
    assert _opt_outs(pilot.participant) == {Rule.GONE_QUIET}


def test_an_unknown_rule_is_a_form_error_and_changes_nothing(pilot, client_for):
    client = client_for(pilot.participant)
    response = client.post(reverse("notifications:settings"), {"wanted": ["no_such_rule"]})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_list_takes_the_same_queries_for_2_or_20_notifications(
    pilot, client_for, django_assert_max_num_queries
):
    client = client_for(pilot.participant)
    for _ in range(2):
        sent(pilot.participant)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    for _ in range(18):
        sent(pilot.participant)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))


def test_a_notification_whose_title_cannot_be_composed_shows_its_rule_not_an_error(
    pilot, client_for
):
    # A context without the fields its subject needs (as an older version may have stored).
    sent(pilot.director, rule=Rule.DIRECTOR_DIGEST, context={})
    sent(pilot.director, subject_key="test:ok")
    client = client_for(pilot.director)
    page = client.get(reverse("notifications:list"))
    assert page.status_code == 200
    assert "Maandoverzicht voor de directeur" in page.content.decode()
    api = client.get("/api/v1/me/notifications/")
    assert api.status_code == 200
    assert "Maandoverzicht voor de directeur" in {n["title"] for n in api.json()["results"]}
