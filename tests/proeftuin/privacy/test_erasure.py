import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Sum
from django.urls import reverse

from learning.models import Experiment, LearningActivity, Lesson, SkillGoal
from proeftuin import privacy
from proeftuin.models import AssessmentAnswer, AuditEvent, Membership, User
from tests.factories import PASSWORD, UserFactory
from tests.login_flow import log_in, password_login
from tests.proeftuin.privacy.people import seed_person
from workshops.models import Attendance, CalendarFeed, Registration, SessionFeedback

pytestmark = pytest.mark.django_db


def pilot_figures(proeftuin) -> dict:
    """What the pilot's overview, digest and toolkit count: it must not move on erasure."""
    activities = LearningActivity.objects.filter(membership__proeftuin=proeftuin)
    return {
        **activities.aggregate(activities=Count("pk"), minutes=Sum("minutes")),
        "goals": SkillGoal.objects.filter(membership__proeftuin=proeftuin).count(),
        "achieved": SkillGoal.objects.filter(
            membership__proeftuin=proeftuin, status="achieved"
        ).count(),
        "experiments": Experiment.objects.filter(owner__proeftuin=proeftuin).count(),
        "registrations": Registration.objects.filter(membership__proeftuin=proeftuin).count(),
        "attendance": Attendance.objects.filter(membership__proeftuin=proeftuin).count(),
        "feedback": SessionFeedback.objects.filter(membership__proeftuin=proeftuin).aggregate(
            n=Count("pk"), avg=Avg("usefulness")
        ),
        "stages": AssessmentAnswer.objects.filter(
            assessment__membership__proeftuin=proeftuin
        ).aggregate(n=Count("pk"), avg=Avg("stage")),
        "participants": Membership.objects.filter(proeftuin=proeftuin, role="participant").count(),
    }


@pytest.fixture
def seeded(pilot):
    seed_person(pilot.participant, "wisme", coach=pilot.coach)
    seed_person(pilot.other_participant, "blijf", coach=pilot.coach)
    return pilot


def test_erasure_leaves_the_pilots_figures_unchanged(seeded):
    before = pilot_figures(seeded.proeftuin)
    privacy.erase_person(user=seeded.participant.user, actor=None)
    assert pilot_figures(seeded.proeftuin) == before


def test_erasure_removes_name_email_and_every_free_text(seeded):
    user = seeded.participant.user
    name, email = user.full_name, user.email
    privacy.erase_person(user=user, actor=None)
    user.refresh_from_db()
    assert user.full_name == ""
    assert user.email == f"erased-{user.pk}@invalid"
    assert user.erased_at is not None
    everything = json.dumps(privacy.export_data(user), default=str)
    assert "wisme" not in everything
    assert name not in everything and email not in everything
    assert "blijf-goal" in SkillGoal.objects.filter(
        membership=seeded.other_participant
    ).values_list("statement", flat=True)
    activity = LearningActivity.objects.get(membership=seeded.participant, session__isnull=False)
    assert (activity.title, activity.reflection, activity.minutes) == (privacy.ERASED, "", 90)


def test_an_erased_person_cannot_log_in(seeded, client):
    user = seeded.participant.user
    privacy.erase_person(user=user, actor=None)
    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()
    response = password_login(client, user)
    assert response.status_code == 200
    assert not client.session.get("_auth_user_id")


def test_erasure_ends_the_memberships_and_the_sharing_but_keeps_them_for_the_totals(seeded):
    privacy.erase_person(user=seeded.participant.user, actor=None)
    membership = Membership.objects.get(pk=seeded.participant.pk)
    assert not membership.is_active
    assert not membership.shares_progress_with_director


def test_erasure_deletes_calendar_feeds_and_second_factor_devices(seeded):
    user = seeded.participant.user
    privacy.erase_person(user=user, actor=None)
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert not user.totpdevice_set.exists()


def test_an_approved_lesson_stays_anonymous_and_a_draft_is_removed(seeded):
    membership = seeded.participant
    approved = Lesson.objects.create(
        proeftuin=seeded.proeftuin,
        author=membership,
        kind="good_practice",
        dimension="public_value",
        text="Amira leerde dat je eerst de vraag stelt",
        toolkit_text="Stel eerst de vraag, dan pas de data.",
        review="approved",
    )
    privacy.erase_person(user=membership.user, actor=None)
    approved.refresh_from_db()
    assert (approved.text, approved.author) == ("Stel eerst de vraag, dan pas de data.", None)
    assert not Lesson.objects.filter(text="wisme-lesson").exists()


def test_erasure_is_recorded_and_cannot_be_done_twice(seeded, pilot):
    admin = UserFactory(is_superuser=True, is_staff=True)
    privacy.erase_person(user=pilot.participant.user, actor=admin)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ERASED)
    assert (event.actor, event.subject, event.proeftuin) == (
        admin,
        pilot.participant.user,
        pilot.proeftuin,
    )
    with pytest.raises(privacy.ErasureRefused):
        privacy.erase_person(user=pilot.participant.user, actor=admin)


def test_after_erasure_the_name_is_nowhere_to_be_found(seeded, client_for):
    user = seeded.participant.user
    name, email = user.full_name, user.email
    admin = UserFactory(is_superuser=True, is_staff=True)
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
    )
    privacy.erase_person(user=user, actor=admin)

    coach = client_for(seeded.coach)
    pilot_id = seeded.proeftuin.pk
    pages = [
        coach.get(reverse("proeftuin:pilot-home", args=[seeded.proeftuin.pk])),
        coach.get(reverse("proeftuin:toolkit", args=[seeded.proeftuin.pk])),
        coach.get(reverse("proeftuin:toolkit-lessons", args=[seeded.proeftuin.pk])),
        coach.get(reverse("proeftuin:privacy")),
        coach.post(reverse("proeftuin:privacy-export")),
        coach.get("/api/v1/me/export/"),
        coach.get(reverse("learning:participants", args=[pilot_id])),
        coach.get(reverse("learning:participants-csv", args=[pilot_id])),
        coach.get(reverse("workshops:session-list", args=[pilot_id])),
        coach.get(f"/api/v1/pilots/{pilot_id}/goals/"),
        coach.get(f"/api/v1/pilots/{pilot_id}/activities/"),
        coach.get(f"/api/v1/pilots/{pilot_id}/experiments/"),
    ]
    detail = coach.get(reverse("learning:participant", args=[pilot_id, seeded.participant.pk]))
    assert detail.status_code in (200, 404)
    assert name not in detail.content.decode()
    superuser = client_for(admin)
    pages += [
        superuser.get(reverse("admin:index")),  # its recent-actions box lists the admin log
        superuser.get(reverse("admin:proeftuin_user_changelist")),
        superuser.get(reverse("admin:proeftuin_membership_changelist")),
        superuser.get(reverse("admin:proeftuin_auditevent_changelist")),
    ]
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        text = response.content.decode()
        assert name not in text, response.request["PATH_INFO"]
        assert email not in text, response.request["PATH_INFO"]
    for admin_list in ("user", "membership", "invitation", "auditevent"):
        for term in (name, email, name.split()[-1]):
            url = reverse(f"admin:proeftuin_{admin_list}_changelist")
            found = superuser.get(url, {"q": term}).context["cl"].result_count
            assert found == 0, f"admin search of {admin_list} for {term!r} found {found}"


def test_a_person_erases_themself_after_typing_their_password(seeded, client):
    user = seeded.participant.user
    log_in(client, user)
    page = client.get(reverse("proeftuin:privacy-erase"))
    assert "niet ongedaan" in page.content.decode()
    response = client.post(
        reverse("proeftuin:privacy-erase"), {"password": PASSWORD, "understood": "on"}
    )
    assert response.status_code == 200
    assert "Je gegevens zijn gewist" in response.content.decode()
    user.refresh_from_db()
    assert user.erased_at is not None
    assert AuditEvent.objects.get(action="erased").actor == user
    # Logged out: the next page asks to log in.
    assert client.get(reverse("proeftuin:privacy")).status_code == 302


def test_a_wrong_password_erases_nothing(seeded, client):
    user = seeded.participant.user
    response = log_in(client, user).post(
        reverse("proeftuin:privacy-erase"), {"password": "fout", "understood": "on"}
    )
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    user.refresh_from_db()
    assert user.erased_at is None and user.is_active
    assert not AuditEvent.objects.filter(action="erased").exists()


def test_wrong_passwords_on_the_erase_page_count_towards_the_lockout(seeded, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = seeded.participant.user
    log_in(client, user)
    for _attempt in range(3):
        client.post(reverse("proeftuin:privacy-erase"), {"password": "fout", "understood": "on"})
    locked = client.post(
        reverse("proeftuin:privacy-erase"), {"password": PASSWORD, "understood": "on"}
    )
    assert locked.status_code == 429
    user.refresh_from_db()
    assert user.erased_at is None


def test_erasing_yourself_needs_the_checkbox(seeded, client_for):
    response = client_for(seeded.participant).post(
        reverse("proeftuin:privacy-erase"), {"password": PASSWORD}
    )
    assert "definitief" in response.content.decode()
    seeded.participant.user.refresh_from_db()
    assert seeded.participant.user.erased_at is None


def test_an_admin_erases_a_person_with_the_admin_action_after_confirming(seeded, client_for):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    url = reverse("admin:proeftuin_user_changelist")
    target = seeded.participant.user
    ask = client.post(url, {"action": "erase_people", "_selected_action": [target.pk]})
    assert "definitief" in ask.content.decode()
    target.refresh_from_db()
    assert target.erased_at is None
    client.post(url, {"action": "erase_people", "_selected_action": [target.pk], "confirm": "yes"})
    target.refresh_from_db()
    assert target.erased_at is not None
    assert AuditEvent.objects.get(action="erased").actor == admin
