"""Links to slides and materials and a short summary per session, shown afterwards."""

import pytest
from django.urls import reverse

from tests.factories import PastSessionFactory, SessionFactory
from tests.pages import shows
from workshops import services
from workshops.models import SessionMaterial

pytestmark = pytest.mark.django_db


def url(name, pilot, *args):
    return reverse(f"workshops:{name}", args=[pilot.proeftuin.pk, *args])


def test_the_coach_adds_a_link_and_a_summary(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    client = client_for(pilot.coach)
    client.post(
        url("materials", pilot, session.pk),
        {"action": "add", "material-title": "Dia's", "material-url": "https://example.org/d.pdf"},
    )
    client.post(
        url("materials", pilot, session.pk),
        {"action": "summary", "summary-summary": "We oefenden met draaitabellen."},
    )
    material = SessionMaterial.objects.get()
    assert (material.title, material.url) == ("Dia's", "https://example.org/d.pdf")
    session.refresh_from_db()
    assert session.summary == "We oefenden met draaitabellen."


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://example.org/dias.pdf", "file:///etc/passwd"]
)
def test_a_link_that_is_not_a_web_link_is_a_form_error_and_saves_nothing(pilot, client_for, link):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).post(
        url("materials", pilot, session.pk),
        {"action": "add", "material-title": "Dia's", "material-url": link},
    )
    assert response.status_code == 400
    assert response.context["material_form"].errors["url"]
    assert not SessionMaterial.objects.exists()


def test_the_service_refuses_a_link_that_is_not_http(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    with pytest.raises(services.DomainError):
        services.add_material(session=session, title="Dia's", url="javascript:alert(1)")
    assert not SessionMaterial.objects.exists()


def test_participants_see_materials_and_summary_after_the_session(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.add_material(session=session, title="Dia's van de workshop", url="https://e.org/d")
    services.set_summary(session=session, summary="Probeer één open bestand deze maand.")
    page = client_for(pilot.participant).get(url("session-detail", pilot, session.pk))
    assert shows(page.content.decode(), "Dia's van de workshop")
    assert shows(page.content.decode(), "Probeer één open bestand deze maand.")


def test_participants_do_not_see_materials_before_the_session(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.add_material(session=session, title="Dia's van de workshop", url="https://e.org/d")
    page = client_for(pilot.participant).get(url("session-detail", pilot, session.pk))
    assert not shows(page.content.decode(), "Dia's van de workshop")


def test_the_coach_removes_a_link(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    material = services.add_material(session=session, title="Oud", url="https://e.org/d")
    client_for(pilot.coach).post(
        url("materials", pilot, session.pk), {"action": "remove", "material": material.pk}
    )
    assert not SessionMaterial.objects.exists()


def test_a_link_of_another_session_is_not_removed(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    other = PastSessionFactory(proeftuin=pilot.proeftuin)
    material = services.add_material(session=other, title="Blijft", url="https://e.org/d")
    client_for(pilot.coach).post(
        url("materials", pilot, session.pk), {"action": "remove", "material": material.pk}
    )
    assert SessionMaterial.objects.filter(pk=material.pk).exists()


def test_the_coach_turns_the_summary_into_a_draft_lesson_that_waits_for_review(pilot, client_for):
    from learning.models import Lesson
    from proeftuin.inbox.selectors import inbox_for

    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_summary(session=session, summary="Klein beginnen met één vraag werkt.")
    client = client_for(pilot.coach)
    form = client.get(url("materials", pilot, session.pk))
    assert "Klein beginnen met één vraag werkt." in form.content.decode()  # the summary to edit
    client.post(
        url("materials", pilot, session.pk),
        {
            "action": "lesson",
            "lesson-kind": "good_practice",
            "lesson-dimension": "learning_and_change",
            "lesson-text": "Begin klein: één vraag per maand.",
        },
    )
    lesson = Lesson.objects.get()
    assert (lesson.session, lesson.text, lesson.review) == (
        session,
        "Begin klein: één vraag per maand.",
        Lesson.Review.DRAFT,
    )
    lessons_page = client.get(reverse("proeftuin:toolkit-lessons", args=[pilot.proeftuin.pk]))
    assert session.title in lessons_page.content.decode()
    assert any(group.items for group in inbox_for(pilot.coach).groups if group.kind == "lessons")


def test_only_the_coach_makes_a_lesson_of_a_session_and_an_empty_text_is_a_form_error(
    pilot, client_for
):
    from learning.models import Lesson

    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    empty = client_for(pilot.coach).post(
        url("materials", pilot, session.pk),
        {
            "action": "lesson",
            "lesson-kind": "pitfall",
            "lesson-dimension": "public_value",
            "lesson-text": "   ",
        },
    )
    assert empty.status_code == 400
    assert empty.context["lesson_form"].errors
    participant = client_for(pilot.participant).post(
        url("materials", pilot, session.pk),
        {
            "action": "lesson",
            "lesson-kind": "pitfall",
            "lesson-dimension": "public_value",
            "lesson-text": "Iets",
        },
    )
    assert participant.status_code == 404
    assert not Lesson.objects.exists()
