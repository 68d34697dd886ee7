"""One person's session feedback reaches nobody but its author; coaches see the aggregate."""

import json

import pytest
from django.urls import reverse

from proeftuin import privacy
from tests.factories import PastSessionFactory, UserFactory
from tests.pages import shows
from workshops import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(pilot):
    """A past session whose three attendees each gave feedback naming themselves."""
    session = PastSessionFactory(proeftuin=pilot.proeftuin, title="Dashboards bouwen")
    people = [pilot.participant, pilot.other_participant, pilot.third_participant]
    services.set_attendance(session=session, present=[m.pk for m in people])
    feedback = [
        services.give_feedback(
            session=session,
            membership=membership,
            usefulness=number,
            improvement=f"Verbeterpunt van {membership.user.full_name}",
        )
        for number, membership in enumerate(people, start=2)
    ]
    return session, feedback


def test_no_admin_screen_opens_one_persons_feedback_for_a_coach_or_a_superuser(
    pilot, answered, client_for
):
    _session, feedback = answered
    for who in (pilot.coach, UserFactory(is_superuser=True, is_staff=True)):
        client = client_for(who)
        for page in (
            "/admin/workshops/sessionfeedback/",
            f"/admin/workshops/sessionfeedback/{feedback[0].pk}/change/",
        ):
            response = client.get(page)
            assert response.status_code == 404, (who, page)
            assert not shows(response.content.decode(), feedback[0].improvement)
        assert "sessionfeedback" not in client.get(reverse("admin:index")).content.decode()


def test_deleting_a_membership_in_the_admin_lists_no_feedback_score(pilot, answered, client_for):
    session, feedback = answered
    url = reverse("admin:proeftuin_membership_delete", args=[pilot.participant.pk])
    page = client_for(pilot.coach).get(url).content.decode()
    assert not shows(page, f"{session}: {feedback[0].usefulness}")
    # Every list of objects the admin shows (delete pages among them) names a feedback so.
    assert str(feedback[0]) == "anonieme feedback"


def test_the_api_describes_and_returns_no_feedback(pilot, answered, client_for):
    session, _feedback = answered
    client = client_for(pilot.coach)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    # Feedback leaves the API only as the summary (averages and sorted suggestions, within the
    # group-size rule); no other answer describes a person's usefulness or suggestion.
    describing_feedback = {
        name
        for name, component in schema["components"]["schemas"].items()
        if {"usefulness", "improvement", "improvements"} & set(component.get("properties", {}))
    }
    assert describing_feedback == {"FeedbackSummaryOut"}
    for name in ("workshops-api-session", "workshops-api-session-attendance"):
        body = client.get(reverse(name, args=[pilot.proeftuin.pk, session.pk])).content.decode()
        assert "Verbeterpunt" not in body, name


def test_the_coachs_and_directors_pages_and_exports_show_no_ones_own_feedback(
    pilot, answered, client_for
):
    pilot_id = pilot.proeftuin.pk
    coach = client_for(pilot.coach)
    pages = {
        "participant": coach.get(
            reverse("learning:participant", args=[pilot_id, pilot.participant.pk])
        ),
        "participants csv": coach.get(reverse("learning:participants-csv", args=[pilot_id])),
    }
    director = client_for(pilot.director)
    pages["overview"] = director.get(reverse("proeftuin:overview", args=[pilot_id]))
    pages["overview csv"] = director.get(reverse("proeftuin:overview-export", args=[pilot_id]))
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert "Verbeterpunt" not in response.content.decode(), name


def test_the_coach_sees_the_feedback_as_a_whole_on_the_session_page(pilot, answered, client_for):
    session, _feedback = answered
    page = client_for(pilot.coach).get(
        reverse("workshops:session-detail", args=[pilot.proeftuin.pk, session.pk])
    )
    assert "gemiddeld 3.0 van 5" in page.content.decode() or "gemiddeld 3,0 van 5" in (
        page.content.decode()
    )


def test_only_its_author_reads_their_feedback_back(pilot, answered, client_for):
    session, feedback = answered
    form = reverse("workshops:feedback", args=[pilot.proeftuin.pk, session.pk])
    own = client_for(pilot.participant).get(form).content.decode()
    assert shows(own, feedback[0].improvement)
    other = client_for(pilot.other_participant).get(form).content.decode()
    assert not shows(other, feedback[0].improvement)
    exported = json.loads(privacy.export_for(user=pilot.other_participant.user))
    assert feedback[0].improvement not in json.dumps(exported)
    exported = json.loads(privacy.export_for(user=pilot.participant.user))
    assert feedback[0].improvement in json.dumps(exported, ensure_ascii=False)
