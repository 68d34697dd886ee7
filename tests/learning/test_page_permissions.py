"""Who gets which learning page: the permission matrix of every page (GET)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WHO = ["owner", "other_participant", "coach", "director", "outsider_participant", "outsider_coach"]


def _person(who, pilot, other_pilot):
    return {
        "owner": pilot.participant,
        "other_participant": pilot.other_participant,
        "coach": pilot.coach,
        "director": pilot.director,
        "outsider_participant": other_pilot.participant,
        "outsider_coach": other_pilot.coach,
    }[who]


OWN_LISTS = {"owner": 200, "other_participant": 200}
OWNER_ONLY = {"owner": 200}
OWNER_AND_COACH = {"owner": 200, "coach": 200}
COACH_ONLY = {"coach": 200}

PAGES = [
    ("dashboard", None, OWN_LISTS),
    ("activities", None, OWN_LISTS),
    ("activity-create", None, OWN_LISTS),
    ("goals", None, OWN_LISTS),
    ("goal-create", None, OWN_LISTS),
    ("experiments", None, OWN_LISTS),
    ("experiment-create", None, OWN_LISTS),
    ("activity-edit", "activity_id", OWNER_ONLY),
    ("activity-delete", "activity_id", OWNER_ONLY),
    ("goal", "goal_id", OWNER_AND_COACH),
    ("goal-edit", "goal_id", OWNER_ONLY),
    ("goal-delete", "goal_id", OWNER_ONLY),
    ("experiment", "experiment_id", OWNER_AND_COACH),
    ("experiment-edit", "experiment_id", OWNER_ONLY),
    ("experiment-delete", "experiment_id", OWNER_ONLY),
    ("participants", None, COACH_ONLY),
    ("participants-csv", None, COACH_ONLY),
    ("participant", "membership_id", COACH_ONLY),
    ("skills", None, COACH_ONLY),
    ("skill-create", None, COACH_ONLY),
    ("skill-edit", "skill_id", COACH_ONLY),
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("name", "object_kwarg", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_each_learning_page_answers_only_the_people_allowed_and_404s_everyone_else(
    client_for,
    pilot,
    other_pilot,
    goal,
    activity,
    experiment,
    skill,
    who,
    name,
    object_kwarg,
    allowed,
):
    objects = {
        "activity_id": activity.pk,
        "goal_id": goal.pk,
        "experiment_id": experiment.pk,
        "membership_id": pilot.participant.pk,
        "skill_id": skill.pk,
    }
    kwargs = {"pilot": pilot.proeftuin.pk}
    if object_kwarg:
        kwargs[object_kwarg] = objects[object_kwarg]
    response = client_for(_person(who, pilot, other_pilot)).get(
        reverse(f"learning:{name}", kwargs=kwargs)
    )
    assert response.status_code == allowed.get(who, 404)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, pilot):
    response = client.get(reverse("learning:dashboard", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_participant_lands_on_mijn_leerpad_from_the_pilot_home(client_for, pilot):
    response = client_for(pilot.participant).get(reverse("pilot-home", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard", args=[pilot.proeftuin.pk])


@pytest.mark.parametrize(
    ("who", "links", "absent"),
    [
        ("participant", ["Mijn leerpad", "Activiteiten", "Doelen", "Experimenten"], ["Deelnemers"]),
        ("coach", ["Deelnemers", "Vaardigheden"], ["Mijn leerpad"]),
        ("director", [], ["Mijn leerpad", "Deelnemers", "Vaardigheden"]),
    ],
)
def test_the_menu_shows_the_learning_links_of_each_role(client_for, pilot, who, links, absent):
    membership = getattr(pilot, who)
    response = client_for(membership).get(
        reverse("pilot-home", args=[pilot.proeftuin.pk]), follow=True
    )
    nav = response.content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    for link in links:
        assert f">{link}</a>" in nav
    for link in absent:
        assert f">{link}</a>" not in nav
