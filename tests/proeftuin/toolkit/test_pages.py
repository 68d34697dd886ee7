import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learning.models import Lesson
from proeftuin import toolkit
from proeftuin.models import Membership, Proeftuin
from tests.audit_helpers import assert_view_recorded
from tests.factories import ActivityFactory, ParticipantFactory
from tests.pages import shows
from tests.proeftuin.privacy.people import session_for

pytestmark = pytest.mark.django_db

MEMBER_ROLES = ["participant", "coach", "director"]


def lesson(pilot, text="Begin klein", *, review="draft", toolkit_text="", author=None, **extra):
    return Lesson.objects.create(
        proeftuin=pilot.proeftuin,
        author=author or pilot.participant,
        kind=extra.pop("kind", Lesson.Kind.GOOD_PRACTICE),
        dimension=extra.pop("dimension", "data_analysis"),
        text=text,
        toolkit_text=toolkit_text,
        review=review,
        approved_at=timezone.now() if review == "approved" else None,
        **extra,
    )


# -- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", MEMBER_ROLES)
@pytest.mark.parametrize(
    "name", ["proeftuin:toolkit", "proeftuin:toolkit-html", "proeftuin:toolkit-md"]
)
def test_every_member_of_the_pilot_can_read_and_download_the_toolkit(pilot, client_for, role, name):
    response = client_for(getattr(pilot, role)).get(reverse(name, args=[pilot.proeftuin.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "proeftuin:toolkit",
        "proeftuin:toolkit-html",
        "proeftuin:toolkit-md",
        "proeftuin:toolkit-lessons",
    ],
)
def test_another_organisation_gets_404_for_every_toolkit_page(pilot, other_pilot, client_for, name):
    for role in MEMBER_ROLES:
        response = client_for(getattr(other_pilot, role)).get(
            reverse(name, args=[pilot.proeftuin.pk])
        )
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["participant", "director"])
def test_only_the_coach_reviews_lessons_and_publishes(pilot, client_for, role):
    client = client_for(getattr(pilot, role))
    item = lesson(pilot)
    assert (
        client.get(reverse("proeftuin:toolkit-lessons", args=[pilot.proeftuin.pk])).status_code
        == 404
    )
    url = reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, item.pk])
    assert client.get(url).status_code == 404
    publish = reverse("proeftuin:toolkit-publish", args=[pilot.proeftuin.pk])
    assert client.post(publish, {"action": "publish"}).status_code == 404
    assert Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_public_token is None


def test_a_coach_cannot_open_a_lesson_of_another_pilot(pilot, other_pilot, client_for):
    foreign = lesson(other_pilot)
    url = reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, foreign.pk])
    assert client_for(pilot.coach).get(url).status_code == 404


def test_the_toolkit_needs_a_login(pilot, client):
    response = client.get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302


# -- review -----------------------------------------------------------------------------------


def test_the_coach_edits_and_approves_a_lesson_into_the_toolkit(pilot, client_for):
    client = client_for(pilot.coach)
    item = lesson(pilot, "Met Jan ontdekten we dat een draaitabel veel tijd scheelt")
    url = reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, item.pk])
    response = client.post(
        url,
        {
            "action": "approve",
            "toolkit_text": "Een draaitabel scheelt veel tijd.",
            "kind": "good_practice",
            "dimension": "learning_and_change",
            "stage": 2,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.review == "approved" and item.approved_at is not None
    page = client.get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk])).content.decode()
    section = page.split("Leren en veranderen")[1].split("<h3>")[0]
    assert "Een draaitabel scheelt veel tijd." in section
    assert "Met Jan" not in page


def test_a_toolkit_text_that_still_names_a_member_is_refused(pilot, client_for):
    item = lesson(pilot)
    name = pilot.other_participant.user.full_name
    response = client_for(pilot.coach).post(
        reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, item.pk]),
        {
            "action": "approve",
            "toolkit_text": f"{name} vond dit lastig; mail a@b.nl",
            "kind": "pitfall",
            "dimension": "public_value",
            "stage": 3,
        },
    )
    assert response.status_code == 200
    assert "Haal eerst weg wat naar iemand verwijst" in response.content.decode()
    item.refresh_from_db()
    assert item.review == "draft"


def test_a_coach_sends_an_approved_lesson_back_to_draft(pilot, client_for):
    item = lesson(pilot, review="approved", toolkit_text="Vraag eerst toestemming.")
    client = client_for(pilot.coach)
    client.post(
        reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, item.pk]),
        {
            "action": "draft",
            "toolkit_text": "Vraag eerst toestemming.",
            "kind": "pitfall",
            "dimension": "public_value",
        },
    )
    item.refresh_from_db()
    assert item.review == "draft"
    page = client.get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk])).content.decode()
    assert "Vraag eerst toestemming." not in page


def test_opening_a_lesson_for_review_is_recorded_as_viewing_the_authors_data(pilot, client_for):
    item = lesson(pilot)
    client_for(pilot.coach).get(
        reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, item.pk])
    )
    assert_view_recorded(
        actor=pilot.coach, subject=pilot.participant, what="les", proeftuin=pilot.proeftuin
    )


def test_the_review_list_shows_no_author_names(pilot, client_for):
    lesson(pilot, "Tip over tabellen")
    page = client_for(pilot.coach).get(
        reverse("proeftuin:toolkit-lessons", args=[pilot.proeftuin.pk])
    )
    assert "Tip over tabellen" in page.content.decode()
    assert not shows(page.content.decode(), pilot.participant.user.full_name)


def test_the_review_list_query_count_does_not_grow_with_lessons(
    pilot, client_for, django_assert_max_num_queries
):
    client = client_for(pilot.coach)
    url = reverse("proeftuin:toolkit-lessons", args=[pilot.proeftuin.pk])
    lesson(pilot, session=session_for(pilot.proeftuin))
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(10):
        lesson(pilot, f"les {n}", session=session_for(pilot.proeftuin))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# -- figures, downloads, public link ----------------------------------------------------------


def test_the_figures_are_hidden_below_the_smallest_group(pilot, client_for):
    pilot.proeftuin.min_group_size = 4
    pilot.proeftuin.save()
    page = client_for(pilot.coach).get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk]))
    text = page.content.decode()
    assert "Uren geleerd" not in text
    assert "vanaf 4 deelnemers" in text
    ParticipantFactory(proeftuin=pilot.proeftuin)
    page = client_for(pilot.coach).get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk]))
    assert "Uren geleerd" in page.content.decode()


def _every_toolkit_output(pilot, client_for, client) -> dict[str, str]:
    """Page, HTML file, Markdown and public link, as words without markup."""
    coach = client_for(pilot.coach)
    outputs = {
        name: coach.get(reverse(name, args=[pilot.proeftuin.pk])).content.decode()
        for name in ("proeftuin:toolkit", "proeftuin:toolkit-html", "proeftuin:toolkit-md")
    }
    token = toolkit.publish(proeftuin=pilot.proeftuin)
    coach.logout()
    outputs["public"] = client.get(
        reverse("proeftuin:toolkit-public", args=[token])
    ).content.decode()
    return {
        name: " ".join(re.sub(r"<[^>]+>|[:*-]", " ", text).split())
        for name, text in outputs.items()
    }


def test_hours_logged_by_one_person_of_a_pilot_of_three_are_published_nowhere(
    pilot, client_for, client
):
    ActivityFactory(membership=pilot.participant, minutes=120)
    for name, text in _every_toolkit_output(pilot, client_for, client).items():
        assert "Uren geleerd te weinig deelnemers" in text, name
        assert "Uren geleerd 2" not in text, name


def test_hours_logged_by_three_people_are_published_in_whole_hours(pilot, client_for, client):
    for person in (pilot.participant, pilot.other_participant, pilot.third_participant):
        ActivityFactory(membership=person, minutes=40)
    for name, text in _every_toolkit_output(pilot, client_for, client).items():
        assert "Uren geleerd 2 " in text, name


def test_the_served_page_has_no_inline_style_or_script_but_the_file_carries_its_css(
    pilot, client_for
):
    client = client_for(pilot.coach)
    page = client.get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk])).content.decode()
    assert "<style" not in page and 'style="' not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    download = client.get(reverse("proeftuin:toolkit-html", args=[pilot.proeftuin.pk]))
    assert "attachment" in download["Content-Disposition"]
    assert "<style>" in download.content.decode()
    assert "<link" not in download.content.decode()


def test_the_markdown_has_a_heading_per_dimension_and_the_session_topics(pilot, client_for):
    lesson(pilot, review="approved", toolkit_text="Valkuil: *alles* meten", kind="pitfall")
    session_for(pilot.proeftuin, title="Lunchlezing over de AVG")
    response = client_for(pilot.participant).get(
        reverse("proeftuin:toolkit-md", args=[pilot.proeftuin.pk])
    )
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    for heading in ("### Analyse van gegevens", "### Publieke waarde", "#### Valkuilen"):
        assert heading in text
    assert r"Valkuil: \*alles\* meten" in text
    assert "Lunchlezing over de AVG" in text


def test_a_coach_publishes_the_toolkit_and_revokes_the_link(pilot, client_for, client):
    lesson(pilot, review="approved", toolkit_text="Deel wat werkt.")
    coach = client_for(pilot.coach)
    coach.post(
        reverse("proeftuin:toolkit-publish", args=[pilot.proeftuin.pk]), {"action": "publish"}
    )
    token = Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_public_token
    assert token and len(token) >= 40
    coach.logout()
    public = client.get(reverse("proeftuin:toolkit-public", args=[token]))
    assert public.status_code == 200
    assert "Deel wat werkt." in public.content.decode()
    coach = client_for(pilot.coach)
    coach.post(
        reverse("proeftuin:toolkit-publish", args=[pilot.proeftuin.pk]), {"action": "revoke"}
    )
    coach.logout()
    assert client.get(reverse("proeftuin:toolkit-public", args=[token])).status_code == 404


def test_a_guessed_public_link_is_404(pilot, client):
    assert client.get(reverse("proeftuin:toolkit-public", args=["a" * 43])).status_code == 404


# -- no names, ever ---------------------------------------------------------------------------


def test_nothing_that_leaves_the_demo_pilot_names_a_member(client_for, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    proeftuin = Proeftuin.objects.get(organisation__slug="diversion-demo")
    members = list(Membership.objects.filter(proeftuin=proeftuin).select_related("user"))
    coach = next(m for m in members if m.role == "coach")
    someone, another = [m for m in members if m.role == "participant"][:2]
    # Careless texts: the safety net must catch what a reviewer missed.
    Lesson.objects.create(
        proeftuin=proeftuin,
        author=someone,
        kind="pitfall",
        dimension="people_and_organisation",
        text="x",
        toolkit_text=f"{someone.user.full_name} ({someone.user.email}) en "
        f"{another.user.full_name.split()[0]} vergaten toestemming te vragen.",
        review="approved",
        approved_at=timezone.now(),
    )
    start = timezone.now() - timedelta(days=3)
    proeftuin.sessions.create(
        kind="workshop",
        title=f"Terugblik met {another.user.full_name}",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    coach_client = client_for(coach)
    outputs = {
        "page": coach_client.get(reverse("proeftuin:toolkit", args=[proeftuin.pk])),
        "html": coach_client.get(reverse("proeftuin:toolkit-html", args=[proeftuin.pk])),
        "markdown": coach_client.get(reverse("proeftuin:toolkit-md", args=[proeftuin.pk])),
    }
    token = toolkit.publish(proeftuin=proeftuin)
    coach_client.logout()
    outputs["public"] = client.get(reverse("proeftuin:toolkit-public", args=[token]))
    for kind, response in outputs.items():
        assert response.status_code == 200, kind
        text = response.content.decode()
        if kind == "page":
            # The served page has the menu and footer of the signed-in coach; check the body.
            text = text.split('<main id="main"')[1].split("</main>")[0]
        assert "vergaten toestemming te vragen" in text, kind
        for member in members:
            assert not shows(text, member.user.full_name), (kind, member.user.full_name)
            assert member.user.email not in text, (kind, member.user.email)
        assert not toolkit.EMAIL.search(text), kind
