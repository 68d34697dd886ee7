import pytest
from django.urls import reverse

from proeftuin import audit
from proeftuin.models import AuditEvent, ConsentRecord, Membership
from tests.audit_helpers import assert_no_view_recorded
from tests.factories import UserFactory
from tests.pages import shows

pytestmark = pytest.mark.django_db

ROLES = ["participant", "other_participant", "coach", "director"]


@pytest.mark.parametrize("role", ROLES)
def test_every_member_can_open_who_sees_my_data(pilot, client_for, role):
    response = client_for(getattr(pilot, role)).get(reverse("proeftuin:privacy"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wie ziet mijn gegevens?" in page
    assert pilot.proeftuin.name in page


def test_who_sees_my_data_needs_a_login(client):
    response = client.get(reverse("proeftuin:privacy"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_page_says_in_plain_dutch_who_sees_what(pilot, client_for):
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert shows(page, pilot.coach.user.full_name)
    assert "minstens 3 mensen" in page
    assert "niet toe" in page  # this pilot does not let the director see names
    assert "Buiten je organisatie" in page
    assert "zonder namen" in page


def test_the_page_says_when_the_pilot_lets_the_director_see_shared_progress(pilot, client_for):
    pilot.proeftuin.director_sees_individuals = True
    pilot.proeftuin.save()
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert "Dat gebeurt alleen als je dat hieronder zelf aanzet" in page


def test_a_participant_switches_sharing_on_and_off_and_sees_the_dates(pilot, client_for):
    client = client_for(pilot.participant)
    url = reverse("proeftuin:privacy-consent", args=[pilot.participant.pk])
    client.post(url, {"share": "on"})
    pilot.participant.refresh_from_db()
    assert pilot.participant.shares_progress_with_director
    client.post(url, {})
    pilot.participant.refresh_from_db()
    assert not pilot.participant.shares_progress_with_director
    records = list(ConsentRecord.objects.filter(membership=pilot.participant).order_by("at"))
    assert [r.given for r in records] == [True, False]
    page = client.get(reverse("proeftuin:privacy")).content.decode()
    assert "Toestemming gegeven op" in page
    assert "Toestemming ingetrokken op" in page
    assert AuditEvent.objects.filter(action="consent_changed").count() == 2


def test_saving_the_same_choice_again_records_nothing_new(pilot, client_for):
    client = client_for(pilot.participant)
    url = reverse("proeftuin:privacy-consent", args=[pilot.participant.pk])
    client.post(url, {"share": "on"})
    client.post(url, {"share": "on"})
    assert ConsentRecord.objects.filter(membership=pilot.participant).count() == 1


def test_nobody_can_switch_someone_elses_consent(pilot, other_pilot, client_for):
    for target in (pilot.other_participant, other_pilot.participant):
        response = client_for(pilot.participant).post(
            reverse("proeftuin:privacy-consent", args=[target.pk]), {"share": "on"}
        )
        assert response.status_code == 404
        target.refresh_from_db()
        assert not target.shares_progress_with_director


def test_a_director_has_no_progress_to_share(pilot, client_for):
    client_for(pilot.director).post(
        reverse("proeftuin:privacy-consent", args=[pilot.director.pk]), {"share": "on"}
    )
    assert not Membership.objects.get(pk=pilot.director.pk).shares_progress_with_director


def test_the_page_lists_who_looked_at_my_data(pilot, client_for):
    audit.viewed(
        actor=pilot.coach.user,
        subject=pilot.participant.user,
        what=audit.What.PARTICIPANT,
        proeftuin=pilot.proeftuin,
    )
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert "leerdoelen, activiteiten en experimenten" in page
    assert shows(page, f"{pilot.coach.user.display_name} (coach)")
    other = client_for(pilot.other_participant).get(reverse("proeftuin:privacy")).content.decode()
    assert "leerdoelen, activiteiten en experimenten" not in other


def test_looking_at_your_own_data_is_not_an_audit_event(pilot, client_for):
    client_for(pilot.participant).get(reverse("proeftuin:privacy"))
    assert_no_view_recorded(actor=pilot.participant, subject=pilot.participant)


def test_the_page_does_not_show_another_organisation(pilot, other_pilot, client_for):
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert other_pilot.proeftuin.name not in page
    assert not shows(page, other_pilot.coach.user.full_name)


def test_the_privacy_page_query_count_does_not_grow_with_events(
    pilot, client_for, django_assert_max_num_queries
):
    client = client_for(pilot.participant)
    audit.viewed(actor=pilot.coach.user, subject=pilot.participant.user, what=audit.What.GOAL)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("proeftuin:privacy"))
    for n in range(15):
        coach = UserFactory()
        audit.viewed(
            actor=coach, subject=pilot.participant.user, what=audit.What.GOAL, params={"goal": n}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("proeftuin:privacy"))


# -- the audit log in the admin ---------------------------------------------------------------


@pytest.fixture
def superuser_client(client_for):
    return client_for(UserFactory(is_superuser=True, is_staff=True))


@pytest.fixture
def event(pilot):
    return (
        audit.viewed(actor=pilot.coach.user, subject=pilot.participant.user, what=audit.What.GOAL)
        or AuditEvent.objects.get()
    )


def test_the_audit_log_cannot_be_changed_added_or_deleted_in_the_admin(event, superuser_client):
    change = reverse("admin:proeftuin_auditevent_change", args=[event.pk])
    assert superuser_client.get(change).status_code == 200  # view only
    superuser_client.post(change, {"code": "text", "params": "{}", "action": "exported"})
    event.refresh_from_db()
    assert (event.action, event.code) == ("viewed", "learning.goal")
    assert superuser_client.get(reverse("admin:proeftuin_auditevent_add")).status_code == 403
    delete = reverse("admin:proeftuin_auditevent_delete", args=[event.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admins_filter_the_audit_log_by_action(pilot, event, superuser_client):
    audit.record(
        actor=None,
        subject=pilot.participant.user,
        action="exported",
        what=audit.What.OWN_EXPORT,
    )
    url = reverse("admin:proeftuin_auditevent_changelist")
    assert superuser_client.get(url, {"action__exact": "exported"}).context["cl"].result_count == 1
    assert (
        superuser_client.get(url, {"q": pilot.participant.user.email}).context["cl"].result_count
        == 2
    )


def test_a_coach_cannot_read_the_audit_log(pilot, event, client_for):
    url = reverse("admin:proeftuin_auditevent_changelist")
    assert client_for(pilot.coach).get(url).status_code == 403
