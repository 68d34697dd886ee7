import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import selectors
from learning.models import Skill
from proeftuin.models import AuditEvent
from tests import factories
from tests.pages import shows

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _joined_long_ago(*memberships):
    for m in memberships:
        m.joined_at = timezone.now() - timedelta(days=100)
        m.save()


def test_the_participant_list_shows_last_activity_hours_and_goals(client_for, pilot, goal):
    today = timezone.localdate()
    factories.ActivityFactory(membership=pilot.participant, on=today, minutes=120)
    response = client_for(pilot.coach).get(_url("participants", pilot))
    rows = {row.membership: row for row in response.context["rows"]}
    assert set(rows) == {pilot.participant, pilot.other_participant, pilot.third_participant}
    row = rows[pilot.participant]
    assert row.last_activity_on == today
    assert row.hours_total == 2.0
    assert row.on_track_count == 1
    page = response.content.decode()
    assert shows(page, pilot.participant.user.display_name)


def test_people_gone_quiet_for_the_pilots_quiet_days_are_highlighted(client_for, pilot):
    pilot.proeftuin.quiet_after_days = 14
    pilot.proeftuin.save()
    _joined_long_ago(pilot.participant, pilot.other_participant, pilot.third_participant)
    today = timezone.localdate()
    factories.ActivityFactory(membership=pilot.participant, on=today - timedelta(days=3))
    factories.ActivityFactory(membership=pilot.other_participant, on=today - timedelta(days=20))
    factories.ActivityFactory(membership=pilot.third_participant, on=today - timedelta(days=13))
    response = client_for(pilot.coach).get(_url("participants", pilot))
    quiet = {row.membership for row in response.context["rows"] if row.quiet}
    assert quiet == {pilot.other_participant}
    assert response.context["needs_a_word"] == 1
    assert "1 deelnemer kan een woordje gebruiken" in response.content.decode()


def test_a_new_participant_without_activity_is_not_quiet_yet(pilot):
    rows = selectors.participant_rows(pilot.proeftuin)
    assert not any(row.quiet for row in rows)


def test_a_participant_with_a_goal_behind_needs_a_word(pilot, goal):
    goal.starts_on = timezone.localdate() - timedelta(days=100)
    goal.due_on = timezone.localdate() - timedelta(days=1)
    goal.save()
    rows = {row.membership: row for row in selectors.participant_rows(pilot.proeftuin)}
    assert rows[pilot.participant].needs_a_word
    assert not rows[pilot.other_participant].needs_a_word


def test_the_coach_home_card_counts_who_needs_a_word(client_for, pilot):
    _joined_long_ago(pilot.participant)
    page = client_for(pilot.coach).get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    text = page.content.decode()
    assert "1 deelnemer kan een woordje gebruiken" in text
    assert _url("participants", pilot) in text


def test_the_home_card_and_the_participant_list_agree_on_who_needs_a_word(client_for, pilot, goal):
    _joined_long_ago(pilot.participant, pilot.other_participant, pilot.third_participant)
    today = timezone.localdate()
    # The third participant logged nothing since joining 100 days ago: gone quiet.
    for membership in (pilot.participant, pilot.other_participant):
        factories.ActivityFactory(membership=membership, on=today - timedelta(days=2))
    assert goal.membership == pilot.participant
    goal.starts_on = today - timedelta(days=100)
    goal.due_on = today - timedelta(days=1)  # the participant is behind on it
    goal.save()
    client = client_for(pilot.coach)
    listing = client.get(_url("participants", pilot))
    assert listing.context["needs_a_word"] == 2
    home = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])).content.decode()
    assert "2 deelnemers kunnen een woordje gebruiken" in home


def test_the_participant_detail_shows_everything_and_is_audited(client_for, pilot, goal):
    factories.ActivityFactory(membership=pilot.participant, title="Cursus Power BI")
    factories.ExperimentFactory(owner=pilot.participant, title="Balie-experiment")
    factories.GoalCommentFactory(goal=goal, author=pilot.coach, text="Ga zo door")
    response = client_for(pilot.coach).get(_url("participant", pilot, pilot.participant.pk))
    page = response.content.decode()
    for text in ("Zelf een draaitabel maken", "Cursus Power BI", "Balie-experiment", "1 opmerking"):
        assert text in page
    event = AuditEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (
        pilot.coach.user,
        pilot.participant.user,
        AuditEvent.Action.VIEWED,
    )


def test_the_participant_page_shows_the_last_month_and_folds_the_rest(client_for, pilot):
    today = timezone.localdate()
    factories.ActivityFactory(membership=pilot.participant, on=today, title="Deze week")
    for n in range(3):
        factories.ActivityFactory(
            membership=pilot.participant, on=today - timedelta(days=60 + n), title=f"Oud {n}"
        )
    client = client_for(pilot.coach)
    page = client.get(_url("participant", pilot, pilot.participant.pk)).content.decode()
    assert "Deze week" in page
    assert "Oud 0" not in page
    assert "Eerdere activiteiten tonen (3)" in page

    everything = client.get(_url("participant", pilot, pilot.participant.pk) + "?alle=1")
    assert all(f"Oud {n}" in everything.content.decode() for n in range(3))


def test_the_coach_cannot_open_a_coach_or_director_as_participant(client_for, pilot):
    client = client_for(pilot.coach)
    assert client.get(_url("participant", pilot, pilot.director.pk)).status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_csv_export_lists_the_latest_level_per_goal_by_skill(client_for, pilot, goal):
    factories.CheckInFactory(goal=goal, level=2, on=timezone.localdate())
    goal.current_level = 2
    goal.save()
    factories.GoalFactory(membership=other_goal_owner(pilot))
    response = client_for(pilot.coach).get(_url("participants-csv", pilot))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Vaardigheid", "Dimensie", "Deelnemer"]
    mine = next(r for r in rows if r[3] == "Zelf een draaitabel maken")
    assert mine[0] == "Draaitabellen"
    assert mine[2] == pilot.participant.user.display_name
    assert mine[4:7] == ["1", "2", "3"]
    assert len(rows) == 3
    exported = AuditEvent.objects.filter(actor=pilot.coach.user, action=AuditEvent.Action.EXPORTED)
    # Each participant in the CSV finds the export on their own privacy page.
    assert {event.subject for event in exported} == {
        pilot.participant.user,
        pilot.other_participant.user,
    }


def other_goal_owner(pilot):
    return pilot.other_participant


def test_the_csv_export_holds_nothing_of_another_pilot(client_for, pilot, other_pilot):
    factories.GoalFactory(membership=other_pilot.participant, statement="Geheim doel")
    response = client_for(pilot.coach).get(_url("participants-csv", pilot))
    assert "Geheim doel" not in response.content.decode("utf-8-sig")


def test_the_coach_edits_and_adds_skills_of_the_organisation(client_for, pilot, skill):
    client = client_for(pilot.coach)
    client.post(
        _url("skill-edit", pilot, skill.pk),
        {"name": "Draaitabellen maken", "dimension": "data_analysis", "name_en": "Pivot tables"},
    )
    skill.refresh_from_db()
    assert skill.name == "Draaitabellen maken"
    assert not skill.is_active  # the unticked box takes it out of use
    client.post(
        _url("skill-create", pilot),
        {"name": "Open data", "dimension": "public_value", "is_active": "on"},
    )
    created = Skill.objects.get(name="Open data")
    assert created.organisation == pilot.proeftuin.organisation
    assert created.key == "open-data"


def test_a_skill_without_a_name_is_refused(client_for, pilot, skill):
    response = client_for(pilot.coach).post(
        _url("skill-create", pilot), {"name": "", "dimension": "public_value"}
    )
    assert "name" in response.context["form"].errors
    assert Skill.objects.count() == 1


def test_a_coach_cannot_edit_a_skill_of_another_organisation(client_for, pilot, other_skill):
    response = client_for(pilot.coach).post(
        _url("skill-edit", pilot, other_skill.pk), {"name": "Gekaapt", "dimension": "data_analysis"}
    )
    assert response.status_code == 404
    other_skill.refresh_from_db()
    assert other_skill.name != "Gekaapt"
