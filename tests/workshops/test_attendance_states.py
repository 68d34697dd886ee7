"""Present, late, excused (with a reason, also in advance) and absent; what counts as learning."""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import LearningActivity
from proeftuin import overview
from tests.factories import PastSessionFactory, SessionFactory
from tests.pages import shows
from workshops import selectors, services
from workshops.models import Attendance, Registration

pytestmark = pytest.mark.django_db


def url(name, pilot, *args):
    return reverse(f"workshops:{name}", args=[pilot.proeftuin.pk, *args])


def state_of(membership):
    return Attendance.objects.get(membership=membership).state


def test_late_counts_as_learning_and_gets_one_activity(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, late=[pilot.participant.pk])
    assert state_of(pilot.participant) == "late"
    assert LearningActivity.objects.filter(membership=pilot.participant, session=session).exists()


def test_excused_and_absent_record_no_learning(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(
        session=session,
        excused=[pilot.participant.pk],
        absent=[pilot.other_participant.pk],
        reasons={pilot.participant.pk: "Ziek"},
    )
    assert state_of(pilot.participant) == "excused"
    assert Attendance.objects.get(membership=pilot.participant).reason == "Ziek"
    assert state_of(pilot.other_participant) == "absent"
    assert not LearningActivity.objects.exists()


def test_marking_someone_excused_after_present_removes_the_activity_marking_made(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    services.set_attendance(session=session, excused=[pilot.participant.pk])
    assert not LearningActivity.objects.exists()


def test_one_person_in_two_states_is_refused_and_nothing_is_written(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    with pytest.raises(services.WorkshopError):
        services.set_attendance(
            session=session, present=[pilot.participant.pk], late=[pilot.participant.pk]
        )
    assert not Attendance.objects.exists()


def test_the_coach_sets_each_state_on_the_sheet(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    client_for(pilot.coach).post(
        url("attendance", pilot, session.pk),
        {
            f"state_{pilot.participant.pk}": "late",
            f"state_{pilot.other_participant.pk}": "excused",
            f"reason_{pilot.other_participant.pk}": "Op cursus",
            f"state_{pilot.third_participant.pk}": "absent",
        },
    )
    assert state_of(pilot.participant) == "late"
    assert state_of(pilot.other_participant) == "excused"
    assert Attendance.objects.get(membership=pilot.other_participant).reason == "Op cursus"
    assert state_of(pilot.third_participant) == "absent"
    assert LearningActivity.objects.get().membership == pilot.participant


def test_the_api_sets_late_and_excused_and_shows_the_states(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).put(
        reverse("workshops-api-session-attendance", args=[pilot.proeftuin.pk, session.pk]),
        {
            "present": [pilot.participant.pk],
            "late": [pilot.other_participant.pk],
            "excused": [pilot.third_participant.pk],
            "reasons": {str(pilot.third_participant.pk): "Ziek"},
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    rows = {row["membership"]: row for row in response.json()}
    assert rows[pilot.other_participant.pk]["state"] == "late"
    assert rows[pilot.other_participant.pk]["present"] is True
    assert rows[pilot.third_participant.pk]["state"] == "excused"
    assert rows[pilot.third_participant.pk]["present"] is False
    assert rows[pilot.third_participant.pk]["reason"] == "Ziek"
    assert LearningActivity.objects.count() == 2


# ---- excused in advance --------------------------------------------------------------------------


def test_a_participant_excuses_themselves_in_advance_with_a_reason(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    Registration.objects.create(session=session, membership=pilot.participant, response="going")
    response = client_for(pilot.participant).post(
        url("excuse", pilot, session.pk), {"reason": "Ik ben die dag op cursus."}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get(membership=pilot.participant)
    assert (attendance.state, attendance.reason) == ("excused", "Ik ben die dag op cursus.")
    assert Registration.objects.get(membership=pilot.participant).response == "not_going"


def test_an_excuse_without_a_reason_is_a_form_error_and_writes_nothing(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).post(url("excuse", pilot, session.pk), {"reason": " "})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert not Attendance.objects.exists()


def test_an_excuse_after_the_start_is_refused(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    with pytest.raises(services.SessionClosed):
        services.excuse(session=session, membership=pilot.participant, reason="Te laat bedacht")
    assert not Attendance.objects.exists()


def test_the_coach_sheet_starts_from_the_excuse_given_in_advance(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.excuse(session=session, membership=pilot.participant, reason="Tandarts")
    rows = {row.membership: row for row in selectors.attendance_sheet(session)}
    assert rows[pilot.participant].state == "excused"
    assert rows[pilot.participant].reason == "Tandarts"


def test_an_excuse_in_advance_does_not_count_as_attendance_filled_in(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.excuse(session=session, membership=pilot.participant, reason="Tandarts")
    Attendance.objects.update()  # the session takes place
    session.starts_at = session.starts_at.replace(year=session.starts_at.year - 1)
    session.ends_at = session.ends_at.replace(year=session.ends_at.year - 1)
    session.save()
    assert session in selectors.sessions_awaiting_attendance(pilot.proeftuin)


def test_the_session_page_offers_the_excuse_and_shows_it_after(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    client = client_for(pilot.participant)
    page = client.get(url("session-detail", pilot, session.pk)).content.decode()
    assert shows(page, "Kun je er niet bij zijn?")
    services.excuse(session=session, membership=pilot.participant, reason="Tandarts")
    page = client.get(url("session-detail", pilot, session.pk)).content.decode()
    assert shows(page, "Je bent afgemeld. Je reden: “Tandarts”.")


def test_a_participant_takes_an_excuse_back(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.excuse(session=session, membership=pilot.participant, reason="Tandarts")
    client_for(pilot.participant).post(url("excuse", pilot, session.pk), {"action": "withdraw"})
    assert not Attendance.objects.exists()


# ---- what counts in the overview -----------------------------------------------------------------


def test_the_attendance_rate_counts_present_and_late_not_excused(pilot):
    pilot.proeftuin.min_group_size = 1  # nothing hidden, so the arithmetic shows
    pilot.proeftuin.save()
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(
        session=session,
        present=[pilot.participant.pk],
        late=[pilot.other_participant.pk],
        excused=[pilot.third_participant.pk],
    )
    period = overview.period_for(pilot.proeftuin, today=timezone.localdate())
    data = overview.build(proeftuin=pilot.proeftuin, period=period)
    assert data.attendance_rate.value == 67  # two of the three participants


def test_the_overview_says_what_the_attendance_rate_counts(pilot, client_for):
    page = client_for(pilot.director).get(reverse("proeftuin:overview", args=[pilot.proeftuin.pk]))
    assert shows(page.content.decode(), "wie aanwezig of te laat was, van alle deelnemers")
