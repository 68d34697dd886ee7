"""One validator per kind of input: dates, months and ids are refused alike on every entry point."""

import importlib
import json
from datetime import date, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from learning.models import Experiment, LearningActivity, Skill, SkillGoal
from proeftuin import validation
from proeftuin.models import MeasurementRound
from tests import factories
from workshops.models import Attendance, Session, SessionSeries

pytestmark = pytest.mark.django_db

HUGE = 10**30  # beyond any integer column
ID_MESSAGE = "Een id is een geheel getal van 1 tot en met 9223372036854775807."


def _post_json(client, url, data):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, data=body, content_type="application/json")


def _api(pilot, path):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


# --- the validators themselves ---------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [date(2000, 1, 1), timezone.localdate(), validation.latest_date()],
    ids=["first day", "today", "last day"],
)
def test_a_date_inside_the_window_is_accepted(day):
    validation.validate_date(day)


@pytest.mark.parametrize(
    "day",
    [date(1, 1, 1), date(1999, 12, 31), validation.latest_date() + timedelta(days=1)],
    ids=["year 1", "before 2000", "past ten years ahead"],
)
def test_a_date_outside_the_window_is_refused_with_the_window_in_the_message(day):
    with pytest.raises(ValidationError) as error:
        validation.validate_date(day)
    assert error.value.messages == [validation.date_window_message()]
    assert "1 januari 2000" in error.value.messages[0]


def test_the_window_ends_on_the_28th_when_today_is_29_february():
    assert validation.latest_date(date(2028, 2, 29)) == date(2038, 2, 28)


@pytest.mark.parametrize("value", [0, -1, validation.MAX_ID + 1, HUGE])
def test_an_id_out_of_range_is_refused(value):
    with pytest.raises(ValidationError, match="geheel getal van 1 tot en met"):
        validation.validate_id(value)


@pytest.mark.parametrize("text", ["0001-01", "1999-12", "9999-12", "2026-13", "maart", "2026-3"])
def test_a_month_outside_the_window_or_badly_written_names_its_field(text):
    with pytest.raises(validation.InvalidInput) as error:
        validation.parse_month(text, field="van")
    assert list(error.value.errors) == ["van"]


def test_an_absent_month_is_no_choice_and_a_good_one_is_its_first_day():
    assert validation.parse_month("", field="van") is None
    assert validation.parse_month("2026-03", field="van") == date(2026, 3, 1)


# --- every date field of every form, serializer and filter is the bounded one ----------------

MODULES = [
    "learning.forms",
    "learning.serializers",
    "learning.api",
    "workshops.forms",
    "workshops.serializers",
    "workshops.api",
    "proeftuin.accounts.forms",
    "proeftuin.measurement.forms",
    "proeftuin.privacy.forms",
    "notifications.forms",
    "notifications.serializers",
    "notifications.api",
]


def _date_inputs():
    import django_filters

    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for cls in vars(module).values():
            if not isinstance(cls, type) or not cls.__module__.startswith(module_name):
                continue
            if issubclass(cls, forms.BaseForm):
                for name, field in cls.base_fields.items():
                    yield f"{cls.__name__}.{name}", field
            elif issubclass(cls, serializers.Serializer):
                for name, field in cls._declared_fields.items():
                    if not field.read_only:
                        yield f"{cls.__name__}.{name}", field
            elif issubclass(cls, django_filters.FilterSet):
                for name, filter_ in cls.base_filters.items():
                    yield f"{cls.__name__}.{name}", filter_.field_class


def test_every_date_input_is_bounded_by_the_one_date_validator():
    unbounded = []
    for name, field in _date_inputs():
        kind = field if isinstance(field, type) else type(field)
        if issubclass(kind, forms.DateField | forms.DateTimeField):
            if not issubclass(kind, validation.DateFormField):
                unbounded.append(name)
        elif (
            issubclass(kind, serializers.DateField | serializers.DateTimeField)
            and validation.validate_date not in field.validators
        ):
            unbounded.append(name)
    assert unbounded == []


# --- query parameters of pages ---------------------------------------------------------------

PERIOD_PAGES = [
    ("director", "proeftuin:overview"),
    ("director", "proeftuin:overview-export"),
    ("participant", "proeftuin:my-progress"),
]


@pytest.mark.parametrize(("role", "page"), PERIOD_PAGES)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("van=0001-01", "van"),
        ("tot=0001-01", "tot"),
        ("van=9999-12", "van"),
        ("tot=9999-12", "tot"),
    ],
)
def test_a_period_in_year_1_or_9999_answers_400_naming_the_parameter(
    pilot, client_for, role, page, query, field
):
    client = client_for(getattr(pilot, role))
    response = client.get(reverse(page, args=[pilot.proeftuin.pk]) + "?" + query)
    assert response.status_code == 400
    assert f"<code>{field}</code>: Kies een maand tussen januari 2000 en" in response.text


def test_a_period_inside_the_window_still_shows_the_overview(pilot, client_for):
    url = reverse("proeftuin:overview", args=[pilot.proeftuin.pk]) + "?van=2026-01&tot=2026-03"
    assert client_for(pilot.director).get(url).status_code == 200


# --- API bodies ------------------------------------------------------------------------------


def _session(**overrides):
    return {
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "starts_at": "2030-03-05T12:00:00+01:00",
        "ends_at": "2030-03-05T13:00:00+01:00",
        **overrides,
    }


def _series(**overrides):
    return {
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "week_of_month": 1,
        "weekday": 1,
        "first_on": "2030-01-01",
        "starts_time": "12:00",
        "ends_time": "13:00",
        "count": 6,
        **overrides,
    }


API_CASES = {
    "session on 9999-12-31": (
        "coach",
        "sessions/",
        _session(starts_at="9999-12-31T10:00:00+01:00", ends_at="9999-12-31T11:00:00+01:00"),
        "starts_at",
        Session,
    ),
    "session in year 1": (
        "coach",
        "sessions/",
        _session(starts_at="0001-01-01T10:00:00+00:00", ends_at="0001-01-01T11:00:00+00:00"),
        "starts_at",
        Session,
    ),
    "session with a huge skill id": (
        "coach",
        "sessions/",
        _session(skills=[HUGE]),
        "skills",
        Session,
    ),
    "series from 9999-12-25": (
        "coach",
        "sessions/series/",
        _series(first_on="9999-12-25"),
        "first_on",
        SessionSeries,
    ),
    "activity with a huge skill id": (
        "participant",
        "activities/",
        {"kind": "reading", "minutes": 30, "title": "Artikel", "skills": [HUGE]},
        "skills",
        LearningActivity,
    ),
    "activity with a huge goal id": (
        "participant",
        "activities/",
        {"kind": "reading", "minutes": 30, "title": "Artikel", "goals": [HUGE]},
        "goals",
        LearningActivity,
    ),
    "activity in year 1": (
        "participant",
        "activities/",
        {"kind": "reading", "minutes": 30, "title": "Artikel", "on": "0001-01-01"},
        "on",
        LearningActivity,
    ),
    "experiment in year 1": (
        "participant",
        "experiments/",
        {
            "title": "Wachttijd",
            "question": "Is maandag drukker?",
            "planned_start": "0001-01-01",
            "planned_end": "0001-02-01",
        },
        "planned_start",
        Experiment,
    ),
    "experiment with a huge co-member id": (
        "participant",
        "experiments/",
        {
            "title": "Wachttijd",
            "question": "Is maandag drukker?",
            "planned_start": "2026-01-01",
            "planned_end": "2026-02-01",
            "co_members": [HUGE],
        },
        "co_members",
        Experiment,
    ),
    "goal with a huge skill id": (
        "participant",
        "goals/",
        {
            "skill": HUGE,
            "statement": "Draaitabellen",
            "start_level": 1,
            "target_level": 2,
            "due_on": "2026-01-01",
        },
        "skill",
        SkillGoal,
    ),
}


@pytest.mark.parametrize("case", list(API_CASES))
def test_an_api_input_out_of_range_answers_400_naming_the_field_and_writes_nothing(
    pilot, client_for, case
):
    role, path, body, field, model = API_CASES[case]
    response = _post_json(client_for(getattr(pilot, role)), _api(pilot, path), body)
    assert response.status_code == 400
    expected = ID_MESSAGE if "huge" in case else "Kies een datum tussen 1 januari 2000 en"
    assert expected in json.dumps(response.json()[field], ensure_ascii=False)
    assert model.objects.count() == 0


def test_huge_ids_in_the_attendance_list_answer_400_naming_present(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).put(
        _api(pilot, f"sessions/{session.pk}/attendance/"),
        data=json.dumps({"present": [pilot.participant.pk, HUGE]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "present" in response.json()
    assert Attendance.objects.count() == 0


def test_json_nested_5000_deep_answers_400(pilot, client_for):
    body = '{"title": ' + "[" * 5000 + "]" * 5000 + "}"
    response = _post_json(client_for(pilot.participant), _api(pilot, "activities/"), body)
    assert response.status_code == 400
    assert response.json() == {"detail": "De JSON is te diep genest."}
    assert LearningActivity.objects.count() == 0


def test_the_same_skill_key_twice_answers_400_naming_key(pilot, client_for):
    existing = factories.SkillFactory(organisation=pilot.proeftuin.organisation)
    response = _post_json(
        client_for(pilot.coach),
        _api(pilot, "skills/"),
        {"key": existing.key, "dimension": "data_analysis", "name": "Nog een keer"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "key": ["Deze sleutel is al in gebruik in de catalogus van je organisatie."]
    }
    assert Skill.objects.filter(organisation=pilot.proeftuin.organisation).count() == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=0001-01-01", "date_from"),
        ("date_to=9999-12-31", "date_to"),
        (f"skill={HUGE}", "skill"),
    ],
)
def test_a_filter_out_of_range_answers_400_naming_it(pilot, client_for, query, field):
    response = client_for(pilot.participant).get(_api(pilot, "activities/") + "?" + query)
    assert response.status_code == 400
    assert field in response.json()


# --- forms -----------------------------------------------------------------------------------

FORM_CASES = {
    "session on 9999-12-31": (
        "coach",
        "workshops:session-create",
        {
            "kind": "workshop",
            "title": "Datagedreven werken",
            "location": "Zaal 1",
            "on": "9999-12-31",
            "starts_time": "23:00",
            "ends_time": "23:30",
        },
        "on",
        Session,
    ),
    "series from 9999-12-25": (
        "coach",
        "workshops:series-create",
        {
            "kind": "workshop",
            "title": "Datagedreven werken",
            "location": "Zaal 1",
            "week_of_month": 1,
            "weekday_index": 1,
            "first_on": "9999-12-25",
            "starts_time": "12:00",
            "ends_time": "13:00",
            "count": 6,
        },
        "first_on",
        SessionSeries,
    ),
    "activity in year 1": (
        "participant",
        "learning:activity-create",
        {"kind": "reading", "minutes": 30, "title": "Artikel", "on": "0001-01-01"},
        "on",
        LearningActivity,
    ),
    "activity with a huge skill id": (
        "participant",
        "learning:activity-create",
        {
            "kind": "reading",
            "minutes": 30,
            "title": "Artikel",
            "on": "2026-01-01",
            "skills": [HUGE],
        },
        "skills",
        LearningActivity,
    ),
    "session with a huge skill id": (
        "coach",
        "workshops:session-create",
        {
            "kind": "workshop",
            "title": "Datagedreven werken",
            "location": "Zaal 1",
            "on": "2030-03-05",
            "starts_time": "12:00",
            "ends_time": "13:00",
            "skills": [HUGE],
        },
        "skills",
        Session,
    ),
    "measurement round in 9999": (
        "coach",
        "proeftuin:measurement-new",
        {"kind": "baseline", "opens_on": "9999-12-30", "closes_on": "9999-12-31"},
        "opens_on",
        MeasurementRound,
    ),
}


@pytest.mark.parametrize("case", list(FORM_CASES))
def test_a_form_input_out_of_range_is_a_form_error_and_writes_nothing(pilot, client_for, case):
    role, page, data, field, model = FORM_CASES[case]
    response = client_for(getattr(pilot, role)).post(reverse(page, args=[pilot.proeftuin.pk]), data)
    assert response.status_code in (200, 400)
    expected = ID_MESSAGE if "huge" in case else "Kies een datum tussen 1 januari 2000 en"
    assert expected in response.context["form"].errors[field][0]
    assert model.objects.count() == 0


def test_a_huge_id_on_the_attendance_sheet_is_a_form_error(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).post(
        reverse("workshops:attendance", args=[pilot.proeftuin.pk, session.pk]),
        {"present": [str(HUGE)]},
    )
    assert response.context["form"].errors["present"]
    assert Attendance.objects.count() == 0
