"""The menu of a signed-in page comes from the cache and shows each change at the next request."""

import re

import pytest
from django.urls import reverse

from notifications import services as notifications
from proeftuin.models import Role
from proeftuin.web import menu
from tests import factories

pytestmark = pytest.mark.django_db

FLOOR = "/account/password_change/"  # a page with nothing of its own: only what every page pays


def _unread_badge(client) -> str | None:
    html = client.get(FLOOR).content.decode()
    found = re.search(r'<span id="unread-menu">\s*<span class="badge unread-count">(\d+)', html)
    return found and found.group(1)


def _inbox_badge(client, pilot) -> str | None:
    html = client.get(reverse("proeftuin:pilot-home", args=[pilot.pk])).content.decode()
    found = re.search(r">Postvak <span class=\"badge\">(\d+)<", html)
    return found and found.group(1)


def _templates(response) -> list[str]:
    return [t.name for t in response.templates]


def test_a_repeated_page_view_takes_the_menu_from_the_cache(pilot, client_for):
    client = client_for(pilot.participant)
    assert "includes/menu.html" in _templates(client.get(FLOOR))
    again = client.get(FLOOR)
    assert "includes/menu.html" not in _templates(again)
    assert "Mijn leerpad" in again.content.decode()


def test_a_page_shows_its_menu_when_the_cache_does_not_answer(pilot, client_for, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("the cache's Redis is down")

    monkeypatch.setattr(menu.cache, "get", down)
    monkeypatch.setattr(menu.cache, "set", down)
    response = client_for(pilot.participant).get(FLOOR)
    assert response.status_code == 200
    assert "Mijn leerpad" in response.content.decode()


def test_a_new_notification_raises_the_menus_count_at_the_next_request(pilot, client_for):
    client = client_for(pilot.participant)
    assert _unread_badge(client) is None
    factories.ReminderFactory(recipient=pilot.participant.user, state="sent")
    assert _unread_badge(client) == "1"


def test_marking_a_notification_read_lowers_the_menus_count_at_the_next_request(pilot, client_for):
    user = pilot.participant.user
    first = factories.ReminderFactory(recipient=user, state="sent")
    factories.ReminderFactory(recipient=user, state="sent")
    client = client_for(pilot.participant)
    assert _unread_badge(client) == "2"
    notifications.mark_read(user=user, reminder_id=first.pk)
    assert _unread_badge(client) == "1"


def test_a_removed_role_is_gone_from_the_menu_at_the_next_request(pilot, client_for):
    client = client_for(pilot.coach)
    assert "Deelnemers" in client.get(FLOOR).content.decode()
    pilot.coach.is_active = False
    pilot.coach.save()
    html = client.get(FLOOR).content.decode()
    assert "Deelnemers" not in html
    assert reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]) not in html


def test_a_changed_role_shows_its_own_menu_at_the_next_request(pilot, client_for):
    client = client_for(pilot.participant)
    assert "Ethische toetsen" not in client.get(FLOOR).content.decode()
    pilot.participant.is_ethics_reviewer = True
    pilot.participant.save()
    assert "Ethische toetsen" in client.get(FLOOR).content.decode()


def test_a_renamed_pilot_shows_in_the_pilot_switcher_at_the_next_request(
    pilot, other_pilot, client_for
):
    factories.ParticipantFactory(proeftuin=other_pilot.proeftuin, user=pilot.participant.user)
    client = client_for(pilot.participant)
    assert pilot.proeftuin.name in client.get(FLOOR).content.decode()
    pilot.proeftuin.name = "Balie en data"
    pilot.proeftuin.save()
    assert "Balie en data (deelnemer)" in client.get(FLOOR).content.decode()


def test_a_new_inbox_item_shows_in_the_coachs_menu_at_the_next_request(pilot, client_for):
    client = client_for(pilot.coach)
    assert _inbox_badge(client, pilot.proeftuin) is None
    experiment = factories.ExperimentFactory(owner=pilot.participant)
    factories.LessonFactory(experiment=experiment, text="Meet langer")
    assert _inbox_badge(client, pilot.proeftuin) == "1"


def test_an_inbox_item_handled_leaves_the_coachs_menu_at_the_next_request(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    client = client_for(pilot.coach)
    assert _inbox_badge(client, pilot.proeftuin) == "1"
    factories.AttendanceFactory(session=session, membership=pilot.participant)
    assert _inbox_badge(client, pilot.proeftuin) is None


def test_the_menu_speaks_the_language_chosen_at_the_next_request(pilot, client_for):
    client = client_for(pilot.participant)
    assert "Mijn leerpad" in client.get(FLOOR).content.decode()
    user = pilot.participant.user
    user.language = "en"
    user.save()
    assert "My learning path" in client.get(FLOOR).content.decode()


def test_the_menu_marks_the_page_one_is_on(pilot, client_for):
    client = client_for(pilot.participant)
    sessions = reverse("workshops:session-list", args=[pilot.proeftuin.pk])
    agenda = reverse("workshops:agenda", args=[pilot.proeftuin.pk])
    assert f'href="{sessions}" aria-current="page"' in client.get(sessions).content.decode()
    html = client.get(agenda).content.decode()
    assert f'href="{agenda}" aria-current="page"' in html
    assert f'href="{sessions}" aria-current="page"' not in html


def test_someone_in_two_pilots_sees_the_menu_of_the_pilot_of_the_page(
    pilot, other_pilot, client_for
):
    factories.ParticipantFactory(proeftuin=other_pilot.proeftuin, user=pilot.coach.user)
    client = client_for(pilot.coach)
    here = client.get(reverse("workshops:session-list", args=[pilot.proeftuin.pk]))
    assert ">Deelnemers<" in here.content.decode()
    there = client.get(reverse("workshops:session-list", args=[other_pilot.proeftuin.pk]))
    assert "Mijn leerpad" in there.content.decode()
    assert ">Deelnemers<" not in there.content.decode()


@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # session, user, active roles, unread count
        (Role.PARTICIPANT, 4),
        # and the second-factor device; a coach's inbox count
        (Role.DIRECTOR, 5),
        (Role.COACH, 6),
    ],
)
def test_the_signed_in_floor_takes_a_fixed_number_of_queries(
    role, queries, pilot, client_for, django_assert_num_queries
):
    client = client_for(getattr(pilot, role))
    client.get(FLOOR)  # the session's first refresh of its idle time is written here
    with django_assert_num_queries(queries):
        assert client.get(FLOOR).status_code == 200
