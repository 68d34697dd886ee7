"""The overview's figures on a known pilot, with exact numbers, and who may see what."""

import csv
import io
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import ActivityKind, Experiment, Lesson, SkillGoal
from proeftuin import overview
from proeftuin.models import AuditEvent, Dimension, MeasurementRound, Proeftuin
from tests import factories

pytestmark = pytest.mark.django_db

STAGE_NAMES = ["Beperkend", "Benieuwd", "Bewust", "Gedreven", "Bedreven"]

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 17, 12, 0, tzinfo=AMS)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Seeded:
    proeftuin: Proeftuin
    coach: object
    director: object
    people: list  # p1..p5, active participants
    inactive: object


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS)


def seed_known_pilot(**pilot_fields) -> Seeded:
    """Five active participants, one who left; the numbers the tests expect are worked out here.

    Activities: June p1 60' reading, p2 90' workshop, p3 30' reading (3 people, 3.0 h);
    May p1 120' course, p2 60' reading (2 people: suppressed); March p1-p4 30' reading each
    (4 people, 2.0 h). Total 8.0 h by 4 people. Goals: 5 set by 4 people, 1 achieved,
    1 dropped, 1 on track. Sessions: 2 held with 3 and 2 present of 5 (50 %). Rounds: baseline
    answered by 4, a follow-up by 2, the June round by 3.
    """
    proeftuin = factories.ProeftuinFactory(
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), **pilot_fields
    )
    coach = factories.CoachFactory(proeftuin=proeftuin)
    director = factories.DirectorFactory(proeftuin=proeftuin)
    people = [
        factories.ParticipantFactory(proeftuin=proeftuin, user__full_name=f"Deelnemer {n}")
        for n in range(1, 6)
    ]
    p1, p2, p3, p4, p5 = people
    inactive = factories.ParticipantFactory(
        proeftuin=proeftuin, is_active=False, user__full_name="Vertrokken Collega"
    )

    activity = factories.ActivityFactory
    activity(membership=p1, on=date(2026, 6, 3), minutes=60, kind=ActivityKind.READING)
    activity(membership=p2, on=date(2026, 6, 4), minutes=90, kind=ActivityKind.WORKSHOP)
    activity(membership=p3, on=date(2026, 6, 5), minutes=30, kind=ActivityKind.READING)
    activity(membership=inactive, on=date(2026, 6, 5), minutes=600)
    activity(membership=p1, on=date(2026, 5, 12), minutes=120, kind=ActivityKind.COURSE)
    activity(membership=p2, on=date(2026, 5, 13), minutes=60, kind=ActivityKind.READING)
    for person in (p1, p2, p3, p4):
        activity(membership=person, on=date(2026, 3, 9), minutes=30, kind=ActivityKind.READING)
    activity(membership=p5, on=date(2025, 12, 1), minutes=45)  # before the pilot's period

    goal = factories.GoalFactory
    goal(membership=p1, status=SkillGoal.Status.ACHIEVED, current_level=3, closed_on=TODAY)
    goal(
        membership=p2,
        status=SkillGoal.Status.DROPPED,
        closed_on=date(2026, 5, 1),
        starts_on=date(2026, 3, 1),
        due_on=date(2026, 9, 1),
    )
    # On track: a third of the time gone, half of the growth done.
    goal(
        membership=p3,
        status=SkillGoal.Status.IN_PROGRESS,
        current_level=2,
        starts_on=TODAY - timedelta(days=30),
        due_on=TODAY + timedelta(days=60),
    )
    # Behind: most of the time gone, no growth yet.
    goal(membership=p4, starts_on=TODAY - timedelta(days=80), due_on=TODAY + timedelta(days=10))
    # Overdue.
    goal(
        membership=p4,
        starts_on=date(2026, 2, 1),
        due_on=TODAY - timedelta(days=1),
        current_level=2,
    )

    june = factories.SessionFactory(
        proeftuin=proeftuin, starts_at=_at(date(2026, 6, 10)), ends_at=_at(date(2026, 6, 10), 12)
    )
    may = factories.SessionFactory(
        proeftuin=proeftuin, starts_at=_at(date(2026, 5, 10)), ends_at=_at(date(2026, 5, 10), 12)
    )
    factories.SessionFactory(
        proeftuin=proeftuin,
        starts_at=_at(date(2026, 4, 10)),
        ends_at=_at(date(2026, 4, 10), 12),
        status="cancelled",
    )
    factories.SessionFactory(
        proeftuin=proeftuin,
        title="Lunchlezing privacy",
        starts_at=_at(date(2026, 6, 24), 12),
        ends_at=_at(date(2026, 6, 24), 13),
    )
    for person in (p1, p2, p3):
        factories.AttendanceFactory(session=june, membership=person)
    factories.AttendanceFactory(session=june, membership=coach)  # the coach is no participant
    for person in (p1, p2):
        factories.AttendanceFactory(session=may, membership=person)
    factories.AttendanceFactory(session=may, membership=p3, present=False)

    baseline = factories.MeasurementRoundFactory(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=date(2026, 1, 10),
        closes_on=date(2026, 1, 24),
    )
    middle = factories.MeasurementRoundFactory(
        proeftuin=proeftuin, opens_on=date(2026, 4, 1), closes_on=date(2026, 4, 14)
    )
    latest = factories.MeasurementRoundFactory(
        proeftuin=proeftuin, opens_on=date(2026, 6, 1), closes_on=date(2026, 6, 14)
    )
    # A round still open is not yet "the latest" picture.
    still_open = factories.MeasurementRoundFactory(
        proeftuin=proeftuin, opens_on=date(2026, 6, 15), closes_on=date(2026, 6, 30)
    )
    da = Dimension.DATA_ANALYSIS
    for person, stage in zip((p1, p2, p3, p4), (1, 2, 2, 3), strict=True):
        factories.MaturityAssessmentFactory(membership=person, round=baseline, stages={da: stage})
    for person in (p1, p2):
        factories.MaturityAssessmentFactory(membership=person, round=middle, stages={da: 3})
    for person, stage in zip((p1, p2, p3), (3, 3, 4), strict=True):
        factories.MaturityAssessmentFactory(membership=person, round=latest, stages={da: stage})
    for person in (p1, p2, p3, p4, p5):
        factories.MaturityAssessmentFactory(membership=person, round=still_open, stages={da: 5})

    factories.ExperimentFactory(owner=p1, status=Experiment.Status.RUNNING)
    factories.ExperimentFactory(owner=p2, status=Experiment.Status.DONE)
    factories.ExperimentFactory(owner=p3, status=Experiment.Status.PLANNED)
    factories.ExperimentFactory(owner=p1, status=Experiment.Status.DONE)

    factories.LessonFactory(
        proeftuin=proeftuin,
        experiment=None,
        author=p1,
        review=Lesson.Review.APPROVED,
        approved_at=NOW - timedelta(days=1),
        text="Deelnemer 1 merkte bij de cliëntenraad dat ...",
        toolkit_text="Vraag eerst wat de cliëntenraad wil weten.",
    )
    factories.LessonFactory(
        proeftuin=proeftuin,
        experiment=None,
        author=p2,
        kind=Lesson.Kind.PITFALL,
        review=Lesson.Review.APPROVED,
        approved_at=NOW - timedelta(days=2),
        text="Een grafiek zonder bron wekt wantrouwen.",
    )
    factories.LessonFactory(
        proeftuin=proeftuin, experiment=None, author=p3, text="Nog een concept van p3."
    )
    return Seeded(proeftuin, coach, director, people, inactive)


@pytest.fixture
def seeded() -> Seeded:
    return seed_known_pilot()


@pytest.fixture
def exact() -> Seeded:
    """The known pilot with a group size of one: nothing hidden, so the arithmetic shows."""
    return seed_known_pilot(min_group_size=1)


def build(seeded: Seeded, **kwargs) -> overview.Overview:
    period = overview.period_for(seeded.proeftuin, today=TODAY)
    return overview.build(proeftuin=seeded.proeftuin, period=period, **kwargs)


def values(figures):
    return [(label, None if f.suppressed else f.value) for label, f in figures]


def reasons(figures):
    return [(label, f.hidden and f.hidden.value) for label, f in figures]


def test_the_default_period_runs_from_the_pilot_start_to_this_month(seeded):
    period = overview.period_for(seeded.proeftuin, today=TODAY)
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 6, 30))


def test_participation_counts_active_participants_of_this_month_out_of_all(seeded):
    data = build(seeded)
    assert data.participants == 5
    assert data.active.value == 3


def test_hours_are_summed_per_month_and_over_the_period(exact):
    data = build(exact)
    shown = [(month.month, f.value) for month, f in data.hours_per_month]
    assert shown == [(1, 0.0), (2, 0.0), (3, 2.0), (4, 0.0), (5, 3.0), (6, 3.0)]
    assert data.hours_total.value == 8.0


def test_hours_per_month_hide_a_month_with_fewer_than_three_people(seeded):
    data = build(seeded)
    shown = [(month.month, None if f.suppressed else f.value) for month, f in data.hours_per_month]
    assert shown == [(1, 0.0), (2, 0.0), (3, 2.0), (4, 0.0), (5, None), (6, 3.0)]
    assert data.hours_per_month[4][1].display == "te weinig deelnemers"


def test_a_hidden_month_hides_the_periods_total_so_it_cannot_be_worked_out(seeded):
    total = build(seeded).hours_total
    assert total.value is None
    assert total.display == "verborgen, anders is een verborgen cijfer terug te rekenen"


def test_activities_are_counted_per_kind(exact):
    assert values(build(exact).activities_per_kind) == [
        ("Workshop", 1),
        ("Cursus", 1),
        ("Lezen", 7),
    ]


def test_activities_per_kind_hide_kinds_done_by_fewer_than_three_people_and_their_complement(
    seeded,
):
    # Workshop and course are one person each: with all activities known, the two together
    # are about two people, so reading is hidden as well.
    assert reasons(build(seeded).activities_per_kind) == [
        ("Workshop", "too_few"),
        ("Cursus", "too_few"),
        ("Lezen", "complement"),
    ]


def test_goals_are_counted_by_state(exact):
    goals = build(exact).goals
    assert {key: f.value for key, f in goals.items()} == {
        "set": 5,
        "on_track": 1,
        "achieved": 1,
        "dropped": 1,
        "achieved_confirmed": 0,
        "achieved_self_declared": 1,
    }


def test_goal_states_of_one_person_each_are_hidden_and_the_total_shown(seeded):
    goals = build(seeded).goals
    assert {key: f.shown_value for key, f in goals.items()} == {
        "set": 5,
        "on_track": None,
        "achieved": None,
        "dropped": None,
        "achieved_confirmed": None,
        "achieved_self_declared": None,
    }


def test_sessions_held_average_attendance_and_the_next_session(seeded):
    data = build(seeded)
    assert data.sessions_held == 2
    assert data.attendance_rate.value == 50
    assert data.next_session["title"] == "Lunchlezing privacy"


def stages(cells):
    return [cell.shown_value for cell in cells]


def test_culture_change_compares_the_baseline_with_the_latest_round(exact):
    data = build(exact)
    analysis = next(c for c in data.culture if c.dimension == Dimension.DATA_ANALYSIS)
    assert stages(analysis.baseline) == [1, 2, 1, 0, 0]
    assert stages(analysis.latest) == [0, 0, 2, 1, 0]
    assert [m.value for m in analysis.medians] == [2.0, 3.0, 3.0, 5.0]


def test_a_stage_of_one_or_two_people_is_hidden_and_a_stage_of_nobody_shown(seeded):
    data = build(seeded)
    analysis = next(c for c in data.culture if c.dimension == Dimension.DATA_ANALYSIS)
    assert stages(analysis.baseline) == [None, None, None, 0, 0]
    assert stages(analysis.latest) == [0, 0, None, None, 0]
    assert analysis.baseline_counts is None  # the chart draws no bar with a hidden segment
    assert [None if m.suppressed else m.value for m in analysis.medians] == [2.0, None, 3.0, 5.0]


def test_experiments_are_counted_by_status(exact):
    assert values(build(exact).experiments) == [
        ("gepland", 1),
        ("loopt", 1),
        ("afgerond", 2),
        ("gestopt", 0),
    ]


def test_experiment_states_count_the_owners_in_each_state(seeded):
    assert values(build(seeded).experiments) == [
        ("gepland", None),
        ("loopt", None),
        ("afgerond", None),
        ("gestopt", 0),
    ]


def test_only_approved_lessons_are_shown_with_their_toolkit_text(seeded):
    assert [lesson["text"] for lesson in build(seeded).lessons] == [
        "Vraag eerst wat de cliëntenraad wil weten.",
        "Een grafiek zonder bron wekt wantrouwen.",
    ]


def test_a_narrower_period_changes_the_figures(seeded):
    period = overview.period_for(
        seeded.proeftuin, today=TODAY, from_month="2026-03", to_month="2026-03"
    )
    data = overview.build(proeftuin=seeded.proeftuin, period=period)
    assert data.hours_total.value == 2.0
    assert data.active.value == 4
    assert data.sessions_held == 0


def test_a_larger_group_size_suppresses_more_figures(seeded):
    seeded.proeftuin.min_group_size = 4
    seeded.proeftuin.save()
    data = build(seeded)
    assert [m for m, f in data.hours_per_month if f.suppressed] == [
        date(2026, 5, 1),
        date(2026, 6, 1),
    ]
    analysis = next(c for c in data.culture if c.dimension == Dimension.DATA_ANALYSIS)
    assert stages(analysis.latest) == [None] * 5  # three answers: every stage, zeros too
    assert data.experiments_total.suppressed  # three owners


def test_a_pilot_of_two_participants_shows_no_figure_about_people(client_for):
    proeftuin = factories.ProeftuinFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    director = factories.DirectorFactory(proeftuin=proeftuin)
    for _ in range(2):
        person = factories.ParticipantFactory(proeftuin=proeftuin)
        factories.ActivityFactory(membership=person, on=TODAY, minutes=75)
    page = (
        client_for(director)
        .get(reverse("proeftuin:overview", args=[proeftuin.pk]))
        .content.decode()
    )
    assert "te weinig deelnemers" in page
    assert "2,5" not in page and "2.5" not in page


# --- the pages ---------------------------------------------------------------------------------


def test_the_director_sees_the_figures_on_the_overview_page(seeded, client_for):
    response = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "3 van 5" in page
    assert "Vraag eerst wat de cliëntenraad wil weten." in page
    assert 'role="img"' in page and "<title id=" in page


def test_every_round_has_a_name_of_its_own_and_the_open_one_says_it_is_open(seeded, client_for):
    page = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    text = page.content.decode()
    headings = [
        "Nulmeting, jan 2026",
        "Vervolgmeting 1, apr 2026",
        "Vervolgmeting 2, jun 2026",
        "Vervolgmeting 3, jun 2026 (loopt nog)",
    ]
    assert all(f'<th scope="col" class="num">{h}</th>' in text for h in headings)
    medians_chart = text[text.index('id="chart-medians-title"') :]
    assert "loopt nog</tspan>" in medians_chart[: medians_chart.index("</svg>")]


def test_the_stages_are_named_once_in_text_beside_the_charts_not_inside_them(seeded, client_for):
    page = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    text = page.content.decode()
    legend = text[text.index('<ul class="stage-legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert all(f"{n} {stage}" in legend for n, stage in enumerate(STAGE_NAMES, start=1))
    culture_chart = text[text.index('id="chart-culture-') :]
    assert "Beperkend" not in culture_chart[: culture_chart.index("</svg>")]


def test_the_page_title_names_the_organisation_not_the_pilot_a_second_time(seeded, client_for):
    page = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    title = page.content.decode().split("<title>")[1].split("</title>")[0]
    assert seeded.proeftuin.organisation.name in title


def test_the_director_sees_no_names_when_nobody_shares(seeded, client_for):
    page = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    text = page.content.decode()
    assert not any(f"Deelnemer {n}" in text for n in range(1, 6))
    assert AuditEvent.objects.count() == 0


def test_the_director_home_page_leads_to_the_overview(seeded, client_for):
    response = client_for(seeded.director).get(
        reverse("proeftuin:pilot-home", args=[seeded.proeftuin.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("proeftuin:overview", args=[seeded.proeftuin.pk])


def _share(membership):
    membership.shares_progress_with_director = True
    membership.save()


def test_the_director_sees_a_sharing_participant_by_name_when_the_pilot_allows_it(
    seeded, client_for
):
    seeded.proeftuin.director_sees_individuals = True
    seeded.proeftuin.save()
    _share(seeded.people[0])
    text = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    text = text.content.decode()
    assert "Gedeelde voortgang" in text
    assert "Deelnemer 1" in text
    assert "Deelnemer 2" not in text
    event = AuditEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (
        seeded.director.user,
        seeded.people[0].user,
        AuditEvent.Action.VIEWED,
    )


def test_the_steering_group_sees_no_name_shared_with_the_director(seeded, client_for):
    # The consent is to share with the director; the steering group sees the aggregates only.
    seeded.proeftuin.director_sees_individuals = True
    seeded.proeftuin.save()
    _share(seeded.people[0])
    steering = factories.MembershipFactory(proeftuin=seeded.proeftuin, role="steering")
    page = client_for(steering).get(reverse("proeftuin:overview", args=[seeded.proeftuin.pk]))
    assert page.status_code == 200
    assert "Deelnemer 1" not in page.content.decode()
    assert "Gedeelde voortgang" not in page.content.decode()
    assert AuditEvent.objects.count() == 0


def test_the_director_sees_no_name_when_the_pilot_does_not_allow_it_even_if_shared(
    seeded, client_for
):
    _share(seeded.people[0])
    text = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    assert "Deelnemer 1" not in text.content.decode()
    assert AuditEvent.objects.count() == 0


def test_the_director_sees_no_name_of_someone_who_does_not_share_even_if_the_pilot_allows(
    seeded, client_for
):
    seeded.proeftuin.director_sees_individuals = True
    seeded.proeftuin.save()
    text = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    assert "Deelnemer 1" not in text.content.decode()
    assert "Gedeelde voortgang" not in text.content.decode()


def test_the_coach_sees_every_participant_and_the_views_are_recorded(seeded, client_for):
    text = client_for(seeded.coach).get(reverse("proeftuin:overview", args=[seeded.proeftuin.pk]))
    text = text.content.decode()
    assert all(f"Deelnemer {n}" in text for n in range(1, 6))
    assert "Vertrokken Collega" not in text
    assert AuditEvent.objects.filter(actor=seeded.coach.user).count() == 5


def test_no_author_of_a_lesson_is_shown(seeded, client_for):
    text = client_for(seeded.director).get(
        reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    )
    text = text.content.decode()
    assert "Deelnemer 1 merkte" not in text
    assert "Nog een concept" not in text


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 404), ("coach", 200), ("director", 200), ("other_director", 404)],
)
@pytest.mark.parametrize("name", ["proeftuin:overview", "proeftuin:overview-export"])
def test_who_may_see_the_overview_and_its_export(
    seeded, other_pilot, client_for, who, status, name
):
    membership = {
        "participant": seeded.people[0],
        "coach": seeded.coach,
        "director": seeded.director,
        "other_director": other_pilot.director,
    }[who]
    response = client_for(membership).get(reverse(name, args=[seeded.proeftuin.pk]))
    assert response.status_code == status


def _director_page_queries(client_for, seeded) -> int:
    client = client_for(seeded.director)
    url = reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_makes_the_same_number_of_queries_for_a_larger_pilot(client_for):
    small = seed_known_pilot()
    large = seed_known_pilot()
    for _ in range(15):
        person = factories.ParticipantFactory(proeftuin=large.proeftuin)
        factories.ActivityFactory(membership=person, on=date(2026, 2, 2))
        factories.GoalFactory(membership=person)
        factories.ExperimentFactory(owner=person)
        factories.MaturityAssessmentFactory(
            membership=person, round=large.proeftuin.measurement_rounds.first()
        )
    assert _director_page_queries(client_for, small) == _director_page_queries(client_for, large)


def test_the_overview_page_makes_a_fixed_number_of_queries(
    seeded, client_for, django_assert_num_queries
):
    client = client_for(seeded.coach)
    client.get(reverse("proeftuin:overview", args=[seeded.proeftuin.pk]))  # warm the session
    # session, user, membership; eleven for the figures (coach: with the per-person detail);
    # one INSERT of the audit rows; the menu, its unread count and the coach's inbox count
    # (proeftuin.inbox.selectors.counts_for, one query for every kind); the coach's verified
    # second-factor device (the session is not written again within SESSION_REFRESH_SECONDS);
    # seven for the ambition against the rounds and the time committed against hours logged
    with django_assert_num_queries(26):
        client.get(reverse("proeftuin:overview", args=[seeded.proeftuin.pk]))


# --- CSV -----------------------------------------------------------------------------------------


def test_the_csv_holds_the_aggregates_and_no_names(seeded, client_for):
    response = client_for(seeded.director).get(
        reverse("proeftuin:overview-export", args=[seeded.proeftuin.pk])
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["onderdeel", "cijfer", "waarde", "aantal personen"]
    assert ["Deelname", "deelnemers in totaal", "5", "5"] in rows
    assert ["Deelname", "actief in 2026-06", "3", "5"] in rows
    assert ["Deelname", "uren geleerd in 2026-05", "te weinig deelnemers", ""] in rows
    assert ["Deelname", "uren geleerd in 2026-06", "3.0", "3"] in rows
    hidden = "verborgen, anders is een verborgen cijfer terug te rekenen"
    assert ["Deelname", "uren geleerd in de periode", hidden, ""] in rows
    assert ["Leerdoelen", "gesteld", "5", "4"] in rows
    assert ["Leerdoelen", "op koers", "te weinig deelnemers", ""] in rows
    assert ["Bijeenkomsten", "gemiddelde opkomst: aanwezig of te laat (%)", "50", "5"] in rows
    assert [
        "Cultuurverandering",
        "Analyse van gegevens: Benieuwd (nulmeting)",
        "te weinig deelnemers",
        "",
    ] in rows
    assert ["Cultuurverandering", "Analyse van gegevens: Gedreven (nulmeting)", "0", "4"] in rows
    assert ["Praktijkexperimenten", "gestopt", "0", "0"] in rows
    assert "Deelnemer" not in body


def test_the_directors_workbook_has_a_sheet_per_section_with_numbers_as_numbers(seeded, client_for):
    from openpyxl import load_workbook

    response = client_for(seeded.director).get(
        reverse("proeftuin:overview-export-xlsx", args=[seeded.proeftuin.pk])
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Deelname",
        "Leerdoelen",
        "Bijeenkomsten",
        "Cultuurverandering",
        "Praktijkexperimenten",
        "Over dit bestand",
    ]
    rows = {row[0]: row[1:] for row in book["Deelname"].iter_rows(min_row=2, values_only=True)}
    assert rows["deelnemers in totaal"][:2] == (5, 5)
    assert rows["uren geleerd in 2026-06"] == (3.0, 3, None)
    assert rows["uren geleerd in 2026-05"] == (None, None, "te weinig deelnemers")
    attendance = next(
        row
        for row in book["Bijeenkomsten"].iter_rows(values_only=True)
        if row[0] == "gemiddelde opkomst: aanwezig of te laat (%)"
    )
    assert attendance[1:3] == (50, 5)
    assert isinstance(attendance[1], int)
    text = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Deelnemer" not in text


def test_the_csv_follows_the_chosen_period(seeded, client_for):
    url = (
        reverse("proeftuin:overview-export", args=[seeded.proeftuin.pk])
        + "?van=2026-03&tot=2026-03"
    )
    body = client_for(seeded.director).get(url).content.decode("utf-8-sig")
    assert "uren geleerd in 2026-06" not in body
    assert "Deelname;uren geleerd in 2026-03;2.0;4" in body


# --- a participant's own progress -------------------------------------------------------------


def test_a_participant_sees_their_own_figures_against_the_median(seeded, client_for):
    response = client_for(seeded.people[0]).get(
        reverse("proeftuin:my-progress", args=[seeded.proeftuin.pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    # p1 learned 3.5 h (60 + 120 + 30 min); the hours of the five are 3.5, 3.0, 1.0, 0.5, 0.
    assert '<td class="num">3,5</td><td class="num">1,0</td>' in text
    assert "Deelnemer 2" not in text


@pytest.mark.parametrize(("who", "status"), [("coach", 404), ("director", 404)])
def test_only_participants_have_a_progress_page(seeded, client_for, who, status):
    membership = getattr(seeded, who)
    response = client_for(membership).get(
        reverse("proeftuin:my-progress", args=[seeded.proeftuin.pk])
    )
    assert response.status_code == status


def test_a_session_logged_by_the_participant_and_marked_present_counts_once_in_the_total(exact):
    from learning import services as learning
    from workshops import services as workshops

    day = date(2026, 6, 10)
    session = factories.PastSessionFactory(
        proeftuin=exact.proeftuin,
        kind="workshop",
        starts_at=_at(day, 12),
        ends_at=_at(day, 12) + timedelta(minutes=90),
    )
    person = exact.people[0]
    learning.log_activity(
        membership=person, kind="workshop", on=day, minutes=90, title="Workshop dashboards"
    )
    workshops.set_attendance(session=session, present=[person.pk])
    assert build(exact).hours_total.value == 9.5  # 8.0 + 1.5 once


def test_lines_with_the_same_median_in_a_round_are_drawn_apart_so_none_hides_another():
    from proeftuin.overview import charts

    svg = charts.median_line_chart(
        chart_id="c",
        title="t",
        desc="d",
        round_labels=["jan 2026", "jun 2026"],
        series=[("A", [2.0, 3.0]), ("B", [2.0, 3.0]), ("C", [1.0, 3.0])],
    )
    lines = [part.split('"')[0] for part in svg.split('<polyline points="')[1:]]
    assert len(set(lines)) == 3
