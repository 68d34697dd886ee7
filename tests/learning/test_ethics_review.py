"""The ethics review: a second person reads the owner's answers before an experiment starts."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import EthicsReview, EthicsReviewStep, Experiment
from notifications import services as notifications
from notifications.models import NotificationPreference, Reminder, Rule
from proeftuin.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _api(pilot, path):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def _edit_form(experiment, **overrides):
    data = {
        "title": experiment.title,
        "question": experiment.question,
        "data_used": experiment.data_used,
        "planned_start": experiment.planned_start.isoformat(),
        "planned_end": experiment.planned_end.isoformat(),
        "status": experiment.status,
        "outcome": "",
    }
    return {**data, **overrides}


@pytest.fixture
def experiment(pilot):
    return factories.ExperimentFactory(
        owner=pilot.participant, title="Wachttijd aan de balie", data_used="Tijdstippen"
    )


@pytest.fixture
def waiting(experiment):
    return factories.EthicsReviewFactory(
        experiment=experiment, state="waiting", submitted_at=timezone.now()
    )


def _reviewer(pilot):
    """A participant the pilot appointed as ethics reviewer."""
    pilot.third_participant.is_ethics_reviewer = True
    pilot.third_participant.save(update_fields=["is_ethics_reviewer"])
    return pilot.third_participant


# --- starting needs an approved review -----------------------------------------------------


def test_starting_without_an_approved_review_is_refused_with_the_reason_on_the_page(
    client_for, pilot, experiment
):
    response = client_for(pilot.participant).post(
        _url("experiment-edit", pilot, experiment.pk), _edit_form(experiment, status="running")
    )
    assert response.status_code == 200
    assert "eerst moet de ethische toets ingevuld en goedgekeurd zijn" in response.content.decode()
    assert Experiment.objects.get().status == "planned"


def test_starting_without_an_approved_review_is_a_400_naming_status_in_the_api(
    client_for, pilot, waiting
):
    response = client_for(pilot.participant).patch(
        _api(pilot, f"experiments/{waiting.experiment_id}/"),
        data=json.dumps({"status": "running"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "wacht op een beoordeling" in response.json()["status"][0]
    assert Experiment.objects.get().status == "planned"


def test_a_new_experiment_cannot_be_created_running(client_for, pilot):
    today = timezone.localdate().isoformat()
    response = _post_json(
        client_for(pilot.participant),
        _api(pilot, "experiments/"),
        {
            "title": "X",
            "question": "Y?",
            "planned_start": today,
            "planned_end": today,
            "status": "running",
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"status"}
    assert not Experiment.objects.exists()


def test_an_approved_experiment_starts(client_for, pilot, experiment):
    factories.EthicsReviewFactory(experiment=experiment, state="approved")
    response = client_for(pilot.participant).post(
        _url("experiment-edit", pilot, experiment.pk), _edit_form(experiment, status="running")
    )
    assert response.status_code == 302
    assert Experiment.objects.get().status == "running"


def test_the_experiment_page_says_why_it_cannot_start_yet(client_for, pilot, waiting):
    page = client_for(pilot.participant).get(_url("experiment", pilot, waiting.experiment_id))
    assert "de ethische toets wacht op een beoordeling" in page.content.decode()


# --- the owner answers and submits ---------------------------------------------------------


def _answers(**overrides):
    data = {
        "affected": "Bezoekers van de balie",
        "understanding_and_consent": "Een kaartje bij de balie.",
        "personal_data": "Tijdstippen, geen namen.",
        "not_want_to_know": "Welke collega sneller helpt.",
        "retention_and_access": "Wij tweeën; weg na zes weken.",
        "automated_decisions": "Nee.",
        "comfortable_reading": "Ja.",
    }
    return {**data, **overrides}


def test_the_owner_answers_every_question_and_submits_the_review(client_for, pilot, experiment):
    response = client_for(pilot.participant).post(
        _url("ethics-answers", pilot, experiment.pk), {**_answers(), "submit": "1"}
    )
    assert response.status_code == 302
    review = EthicsReview.objects.get()
    assert review.state == "waiting"
    assert review.personal_data == "Tijdstippen, geen namen."
    assert list(review.steps.values_list("kind", flat=True)) == ["submitted"]


def test_a_review_with_an_unanswered_question_is_not_submitted(client_for, pilot, experiment):
    response = client_for(pilot.participant).post(
        _url("ethics-answers", pilot, experiment.pk),
        {**_answers(automated_decisions=" "), "submit": "1"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"automated_decisions"}
    assert not EthicsReview.objects.filter(state="waiting").exists()
    assert not EthicsReviewStep.objects.exists()


def test_the_answers_page_shows_each_prompt_with_an_example(client_for, pilot, experiment):
    page = client_for(pilot.participant).get(_url("ethics-answers", pilot, experiment.pk))
    text = page.content.decode()
    assert "Zouden de mensen om wie het gaat dit prettig vinden om te lezen?" in text
    assert "Bijvoorbeeld:" in text and "Welke collega sneller of langzamer helpt." in text


def test_the_api_takes_the_answers_and_the_submission(client_for, pilot, experiment):
    client = client_for(pilot.participant)
    answers = client.patch(
        _api(pilot, f"experiments/{experiment.pk}/ethics/"),
        data=json.dumps(_answers()),
        content_type="application/json",
    )
    assert answers.status_code == 200
    submitted = client.post(_api(pilot, f"experiments/{experiment.pk}/ethics/submit/"))
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "waiting"
    assert submitted.json()["history"][0]["by"] == "de eigenaar"


# --- a second person decides ---------------------------------------------------------------


def test_the_coach_asks_for_changes_with_a_comment_per_question(client_for, pilot, waiting):
    response = client_for(pilot.coach).post(
        _url("ethics-decide", pilot, waiting.experiment_id),
        {
            "decision": "changes_requested",
            "comment_personal_data": "Heb je het tijdstip tot op de minuut nodig?",
        },
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == "changes_requested"
    step = waiting.steps.get()
    assert step.comments == {"personal_data": "Heb je het tijdstip tot op de minuut nodig?"}
    assert step.actor_role == "coach"
    owner_page = client_for(pilot.participant).get(
        _url("ethics-answers", pilot, waiting.experiment_id)
    )
    assert "Heb je het tijdstip tot op de minuut nodig?" in owner_page.content.decode()


def test_asking_for_changes_needs_a_comment(client_for, pilot, waiting):
    response = client_for(pilot.coach).post(
        _url("ethics-decide", pilot, waiting.experiment_id), {"decision": "changes_requested"}
    )
    assert response.status_code == 200
    assert "Schrijf bij de vragen wat er anders moet." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == "waiting"


def test_advising_against_needs_a_reason_and_is_a_400_naming_note_in_the_api(
    client_for, pilot, waiting
):
    response = _post_json(
        client_for(pilot.coach),
        _api(pilot, f"experiments/{waiting.experiment_id}/ethics/decide/"),
        {"decision": "advised_against"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"note"}


def test_an_appointed_reviewer_approves_and_the_experiment_can_start(client_for, pilot, waiting):
    reviewer = _reviewer(pilot)
    response = _post_json(
        client_for(reviewer),
        _api(pilot, f"experiments/{waiting.experiment_id}/ethics/decide/"),
        {"decision": "approved", "note": "Zorgvuldig."},
    )
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    assert response.json()["history"][-1]["by"] == "de ethisch toetser"
    assert services.start_refusal(experiment=waiting.experiment, status="running") is None


def test_nobody_reviews_their_own_experiment(client_for, pilot, waiting):
    owner = pilot.participant
    owner.is_ethics_reviewer = True
    owner.save(update_fields=["is_ethics_reviewer"])
    client = client_for(owner)
    assert client.get(_url("ethics-decide", pilot, waiting.experiment_id)).status_code == 404
    response = _post_json(
        client,
        _api(pilot, f"experiments/{waiting.experiment_id}/ethics/decide/"),
        {"decision": "approved"},
    )
    assert response.status_code == 404
    with pytest.raises(services.Invalid):
        services.decide_ethics_review(
            reviewer=owner, experiment=waiting.experiment, decision="approved"
        )
    waiting.refresh_from_db()
    assert waiting.state == "waiting"


def test_a_reviewer_who_shares_the_experiment_cannot_review_it(client_for, pilot, waiting):
    reviewer = _reviewer(pilot)
    waiting.experiment.co_members.add(reviewer)
    page = client_for(reviewer).get(_url("ethics-decide", pilot, waiting.experiment_id))
    assert page.status_code == 404


def test_a_participant_who_is_not_a_reviewer_has_no_review_pages(client_for, pilot, waiting):
    client = client_for(pilot.other_participant)
    assert client.get(_url("ethics-inbox", pilot)).status_code == 404
    assert client.get(_url("ethics-decide", pilot, waiting.experiment_id)).status_code == 404


def test_the_reviewer_sees_the_waiting_review_in_their_list(client_for, pilot, waiting):
    page = client_for(_reviewer(pilot)).get(_url("ethics-inbox", pilot))
    assert "Wachttijd aan de balie" in page.content.decode()


# --- reopening -----------------------------------------------------------------------------


def test_changing_the_data_reopens_an_approved_review(client_for, pilot, experiment):
    factories.EthicsReviewFactory(experiment=experiment, state="approved")
    client_for(pilot.participant).post(
        _url("experiment-edit", pilot, experiment.pk),
        _edit_form(experiment, data_used="Tijdstippen en geboortedatum"),
    )
    review = EthicsReview.objects.get()
    assert review.state == "waiting"
    assert list(review.steps.values_list("kind", flat=True)) == ["reopened"]


def test_changing_who_is_affected_reopens_an_approved_review(pilot, experiment):
    factories.EthicsReviewFactory(experiment=experiment, state="approved")
    services.save_ethics_answers(
        owner=pilot.participant, experiment=experiment, affected="Ook jongeren onder de 16"
    )
    assert EthicsReview.objects.get().state == "waiting"


def test_changing_the_title_keeps_an_approved_review(client_for, pilot, experiment):
    factories.EthicsReviewFactory(experiment=experiment, state="approved")
    client_for(pilot.participant).post(
        _url("experiment-edit", pilot, experiment.pk), _edit_form(experiment, title="Nieuw")
    )
    assert EthicsReview.objects.get().state == "approved"


# --- history and audit ---------------------------------------------------------------------


def test_the_history_is_shown_on_the_experiment_by_role_without_names(client_for, pilot, waiting):
    services.decide_ethics_review(
        reviewer=pilot.coach,
        experiment=waiting.experiment,
        decision="changes_requested",
        comments={"affected": "Ook de collega's achter de balie?"},
    )
    page = client_for(pilot.participant).get(_url("experiment", pilot, waiting.experiment_id))
    text = page.content.decode()
    assert "Aanpassingen gevraagd" in text and "de coach" in text
    assert "Ook de collega&#x27;s achter de balie?" in text
    assert pilot.coach.user.display_name not in text


def test_every_review_step_is_audited_for_the_owner(pilot, experiment):
    factories.EthicsReviewFactory(experiment=experiment)
    services.submit_ethics_review(owner=pilot.participant, experiment=experiment)
    services.decide_ethics_review(
        reviewer=pilot.coach, experiment=experiment, decision="changes_requested", note="Scherper"
    )
    services.submit_ethics_review(owner=pilot.participant, experiment=experiment)
    services.decide_ethics_review(reviewer=pilot.coach, experiment=experiment, decision="approved")
    events = AuditEvent.objects.filter(action="reviewed", subject=pilot.participant.user)
    assert list(events.order_by("at", "pk").values_list("code", flat=True)) == [
        "learning.ethics_submitted",
        "learning.ethics_changes_requested",
        "learning.ethics_submitted",
        "learning.ethics_approved",
    ]


# --- reminders -----------------------------------------------------------------------------


def test_a_waiting_review_is_mailed_to_the_coach_and_the_reviewers_but_not_the_owner(
    pilot, waiting
):
    reviewer = _reviewer(pilot)
    pilot.participant.is_ethics_reviewer = True  # a reviewer too, but this one is theirs
    pilot.participant.save(update_fields=["is_ethics_reviewer"])
    notifications.sweep()
    notifications.sweep()
    subject = 'Een ethische toets wacht op je oordeel: "Wachttijd aan de balie"'
    recipients = sorted(m.to[0] for m in mail.outbox if m.subject == subject)
    assert recipients == sorted([pilot.coach.user.email, reviewer.user.email])


def test_a_reviewer_who_opted_out_gets_no_review_reminder(pilot, waiting):
    NotificationPreference.objects.create(user=pilot.coach.user, rule=Rule.ETHICS_REVIEW_WAITING)
    notifications.sweep()
    assert not Reminder.objects.filter(rule=Rule.ETHICS_REVIEW_WAITING).exists()


def test_the_owner_is_mailed_when_changes_are_asked(pilot, waiting):
    services.decide_ethics_review(
        reviewer=pilot.coach,
        experiment=waiting.experiment,
        decision="changes_requested",
        note="Wie ziet de lijst?",
    )
    notifications.sweep()
    to_owner = [m for m in mail.outbox if m.to == [pilot.participant.user.email]]
    assert [m.subject for m in to_owner] == [
        'Aanpassingen gevraagd bij de ethische toets van "Wachttijd aan de balie"'
    ]
    assert Reminder.objects.filter(rule=Rule.ETHICS_CHANGES_REQUESTED).count() == 1
