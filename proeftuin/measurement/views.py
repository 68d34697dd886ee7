"""Pages of the measurement rounds: the coach opens rounds, participants answer them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import access, measurement
from ..errors import add_to_form
from ..models import Dimension, Role, Stage
from . import plan as plans
from . import report as reports
from .advice import linked, skills_by_key
from .forms import AmbitionForm, PlanActionForm, RoundForm, StageAdviceForm, StepForm


@login_required
def rounds(request, pilot: int):
    """Coach: all rounds with their response; participant: their own answers over the rounds."""
    membership = access.member_for(request.user, pilot, "measurement round", "read")
    context = {"membership": membership, "pilot": membership.proeftuin}
    if membership.role == Role.PARTICIPANT:
        context["own_rounds"] = measurement.own_rounds(membership)
        context["today"] = timezone.localdate()
        return render(request, "proeftuin/measurement/rounds_participant.html", context)
    context["rounds"] = measurement.rounds_of(membership.proeftuin)
    context["today"] = timezone.localdate()
    current = measurement.open_round_of(membership.proeftuin)
    context["open_round"] = current
    context["waiting"] = measurement.non_respondents(current) if current else []
    return render(request, "proeftuin/measurement/rounds_coach.html", context)


@login_required
def new_round(request, pilot: int):
    membership = access.member_for(request.user, pilot, "measurement round", "create")
    proeftuin = membership.proeftuin
    has_rounds = proeftuin.measurement_rounds.exists()
    form = RoundForm(
        request.POST or None,
        initial={"kind": "follow_up" if has_rounds else "baseline"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            measurement.open_round(proeftuin=proeftuin, **form.cleaned_data)
        except measurement.RoundInvalid as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Meetronde geopend."))
            return redirect("proeftuin:measurement-rounds", pilot=pilot)
    return render(
        request,
        "proeftuin/measurement/round_new.html",
        {"form": form, "pilot": proeftuin, "membership": membership},
    )


@login_required
def close_round(request, pilot: int, round_id: int):
    """The coach closes an open round now, after saying yes to what that means."""
    membership = access.member_for(request.user, pilot, "measurement round", "close")
    measurement_round = measurement.round_of_pilot_or_none(membership.proeftuin, round_id)
    if measurement_round is None:
        raise Http404
    status = 200
    error = ""
    if request.method == "POST":
        try:
            measurement.close_round(measurement_round=measurement_round)
        except measurement.MeasurementError as exc:
            error = exc.message
            status = 400
        else:
            messages.success(request, _("De meetronde is gesloten; het verslag staat klaar."))
            return redirect("proeftuin:measurement-report", pilot=pilot, round_id=round_id)
    return render(
        request,
        "proeftuin/measurement/round_close.html",
        {
            "pilot": membership.proeftuin,
            "membership": membership,
            "round": measurement_round,
            "waiting": measurement.non_respondents(measurement_round),
            "is_open": measurement_round.is_open(),
            "error": error,
        },
        status=status,
    )


@login_required
def answer_round(request, pilot: int, round_id: int):
    """A participant answers a round one dimension at a time; each step is saved, and coming
    back later resumes at the first dimension without an answer."""
    membership = access.member_for(request.user, pilot, "measurement answer", "update")
    measurement_round = measurement.round_of_pilot_or_none(membership.proeftuin, round_id)
    if measurement_round is None:
        raise Http404
    is_open = measurement_round.is_open()
    answers = measurement.step_answers(membership, measurement_round)
    values = Dimension.values
    dimension = request.POST.get("dimension") or request.GET.get("dimensie")
    if dimension not in values:
        dimension = measurement.first_unanswered(answers) or values[0]
    if request.method == "POST" and not is_open:
        messages.error(
            request, _("Deze meetronde is gesloten; antwoorden kunnen niet meer wijzigen.")
        )
        return redirect("proeftuin:measurement-rounds", pilot=pilot)
    own = answers.get(dimension, {})
    form = StepForm(
        request.POST or None,
        dimension=dimension,
        initial={key: own.get(key) for key in ("organisation", "self", "note")},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                complete = measurement.save_step(
                    measurement_round=measurement_round,
                    membership=membership,
                    dimension=dimension,
                    organisation_stage=form.cleaned_data["organisation"],
                    self_stage=form.cleaned_data["self"],
                    note=form.cleaned_data["note"],
                )
            except measurement.MeasurementError as exc:
                add_to_form(form, exc)
            else:
                index = values.index(dimension)
                editing = bool(answers) and measurement.first_unanswered(answers) is None
                if complete and editing and index < len(values) - 1:
                    return redirect(_step_url(pilot, round_id, values[index + 1]))
                if complete:
                    messages.success(request, _("Je antwoorden zijn opgeslagen. Dank je wel!"))
                    return redirect("proeftuin:measurement-rounds", pilot=pilot)
                answers = measurement.step_answers(membership, measurement_round)
                following = next((d for d in values[index + 1 :] if d not in answers), None)
                return redirect(
                    _step_url(pilot, round_id, following or measurement.first_unanswered(answers))
                )
        status = 400
    index = values.index(dimension)
    steps = [
        {"value": d.value, "label": d.label, "done": d.value in answers, "current": d == dimension}
        for d in Dimension
    ]
    return render(
        request,
        "proeftuin/measurement/answer.html",
        {
            "form": form,
            "pilot": membership.proeftuin,
            "membership": membership,
            "round": measurement_round,
            "is_open": is_open,
            "dimension": Dimension(dimension),
            "steps": steps,
            "number": index + 1,
            "previous": values[index - 1] if index else None,
            "is_last": index == len(values) - 1
            or all(d in answers for d in values if d != dimension),
        },
        status=status,
    )


def _step_url(pilot: int, round_id: int, dimension: str) -> str:
    url = reverse("proeftuin:measurement-answer", args=[pilot, round_id])
    return f"{url}?dimensie={dimension}"


@login_required
def advice(request, pilot: int):
    """The advice for every dimension and stage, the organisation's own texts where written."""
    membership = access.member_for(request.user, pilot, "stage advice", "read")
    organisation = membership.proeftuin.organisation
    table = measurement.advice_table(organisation)
    skills = skills_by_key(organisation)
    dimensions = [
        {
            "label": d.label,
            "value": d.value,
            "cells": [linked(table[(d.value, s.value)], skills) for s in Stage],
        }
        for d in Dimension
    ]
    return render(
        request,
        "proeftuin/measurement/advice.html",
        {
            "pilot": membership.proeftuin,
            "membership": membership,
            "dimensions": dimensions,
            "can_edit": membership.role in access.roles_for("stage advice", "update"),
            "can_plan": membership.role in access.roles_for("plan", "update"),
        },
    )


@login_required
def advice_edit(request, pilot: int, dimension: str, stage: int):
    """A coach rewrites one cell of the advice for their organisation, or restores the default."""
    membership = access.member_for(request.user, pilot, "stage advice", "update")
    if dimension not in Dimension.values or stage not in Stage.values:
        raise Http404
    organisation = membership.proeftuin.organisation
    # The text is written in one language at a time: the reader's, or the one asked for.
    languages = {
        code: translation.get_language_info(code)["name_translated"]
        for code, _name in settings.LANGUAGES
    }
    language = request.GET.get("taal") or measurement.text_language()
    if language not in languages:
        raise Http404
    own = organisation.stage_advice.filter(
        dimension=dimension, stage=stage, language=language
    ).first()
    initial = (
        {"looks_like": own.looks_like, "next_asks": own.next_asks, "actions": own.actions}
        if own
        else {}
    )
    form = StageAdviceForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            measurement.reset_stage_advice(
                organisation=organisation, dimension=dimension, stage=stage, language=language
            )
            messages.success(request, _("De standaardtekst staat weer terug."))
            return redirect("proeftuin:measurement-advice", pilot=pilot)
        if form.is_valid():
            try:
                measurement.save_stage_advice(
                    organisation=organisation,
                    dimension=dimension,
                    stage=stage,
                    language=language,
                    **form.cleaned_data,
                )
            except measurement.AdviceInvalid as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Het advies is opgeslagen."))
                return redirect("proeftuin:measurement-advice", pilot=pilot)
        status = 400
    return render(
        request,
        "proeftuin/measurement/advice_edit.html",
        {
            "pilot": membership.proeftuin,
            "membership": membership,
            "form": form,
            "default": measurement.default_advice(dimension, stage),
            "customised": own is not None,
            "language": language,
            "language_name": languages[language],
            "other_languages": [
                (code, name) for code, name in languages.items() if code != language
            ],
        },
        status=status,
    )


def _readable_round(request, pilot: int, round_id: int):
    membership = access.member_for(request.user, pilot, "round report", "read")
    measurement_round = measurement.round_of_pilot_or_none(membership.proeftuin, round_id)
    if measurement_round is None or not reports.may_read_report(membership, measurement_round):
        raise Http404
    return membership, measurement_round


@login_required
def round_report_pdf(request, pilot: int, round_id: int):
    """The same report on A4 pages (WeasyPrint), to print or pass on; it names nobody."""
    from weasyprint import HTML  # loads Pango at import, which only this download needs

    membership, measurement_round = _readable_round(request, pilot, round_id)
    html = render_to_string(
        "proeftuin/measurement/report_pdf.html",
        {"pilot": membership.proeftuin, "report": reports.round_report(measurement_round)},
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    name = slugify(f"{_('verslag')} {measurement_round}") or "verslag"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
def round_report(request, pilot: int, round_id: int):
    """The report of a closed round, for those who answered it, the coach and the director."""
    membership, measurement_round = _readable_round(request, pilot, round_id)
    return render(
        request,
        "proeftuin/measurement/report.html",
        {
            "pilot": membership.proeftuin,
            "membership": membership,
            "may_read_rounds": access.may(membership, "measurement round", "read"),
            "report": reports.round_report(measurement_round),
        },
    )


@login_required
def plan(request, pilot: int):
    """The ambition against the rounds, time committed against hours logged, and the actions."""
    membership = access.member_for(request.user, pilot, "plan", "read")
    proeftuin = membership.proeftuin
    return render(
        request,
        "proeftuin/measurement/plan.html",
        {
            "pilot": proeftuin,
            "membership": membership,
            "plan": plans.plan_of(proeftuin),
            "progress": plans.ambition_progress(proeftuin),
            "can_edit": membership.role in access.roles_for("plan", "update"),
            "can_adopt": membership.role in access.roles_for("plan goal", "create"),
        },
    )


@login_required
def ambition_edit(request, pilot: int):
    membership = access.member_for(request.user, pilot, "plan", "update")
    proeftuin = membership.proeftuin
    current = plans.plan_of(proeftuin)
    initial = {}
    for dimension, ambition in current.ambitions.items():
        initial[f"{dimension}__target_stage"] = ambition.target_stage
        initial[f"{dimension}__target_on"] = ambition.target_on
        initial[f"{dimension}__why"] = ambition.why
    if current.commitment:
        initial["hours_per_participant_per_month"] = (
            current.commitment.hours_per_participant_per_month
        )
        initial["budget_euros"] = current.commitment.budget_euros
    form = AmbitionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plans.save_ambition(
                    proeftuin=proeftuin,
                    targets=form.targets(),
                    hours_per_participant_per_month=form.cleaned_data[
                        "hours_per_participant_per_month"
                    ],
                    budget_euros=form.cleaned_data["budget_euros"],
                )
            except plans.PlanInvalid as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("De ambitie is opgeslagen."))
                return redirect("proeftuin:plan", pilot=pilot)
        status = 400
    return render(
        request,
        "proeftuin/measurement/ambition_edit.html",
        {"pilot": proeftuin, "membership": membership, "form": form},
        status=status,
    )


@login_required
def action_edit(request, pilot: int, action_id: int | None = None):
    """Add an action to the plan, or change one; `?dimension=&stage=&action=n` starts from
    an action of the advice."""
    membership = access.member_for(request.user, pilot, "plan", "update")
    proeftuin = membership.proeftuin
    action = None
    if action_id is not None:
        action = plans.action_of_pilot_or_none(proeftuin, action_id)
        if action is None:
            raise Http404
        initial = {
            "dimension": action.dimension,
            "text": action.text,
            "owner_id": action.owner_id,
            "due_on": action.due_on,
            "status": action.status,
            "session_id": action.session_id,
            "experiment_id": action.experiment_id,
            "skill_id": action.skill_id,
            "goal_statement": action.goal_statement,
            "advice_stage": action.advice_stage,
        }
    else:
        initial = _initial_from_advice(request, proeftuin)
    form = PlanActionForm(request.POST or None, initial=initial, proeftuin=proeftuin)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plans.save_action(proeftuin=proeftuin, action=action, **form.cleaned_data)
            except plans.PlanInvalid as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("De actie staat in het plan."))
                return redirect("proeftuin:plan", pilot=pilot)
        status = 400
    return render(
        request,
        "proeftuin/measurement/action_edit.html",
        {"pilot": proeftuin, "membership": membership, "form": form, "action": action},
        status=status,
    )


def _initial_from_advice(request, proeftuin) -> dict:
    """A new action prefilled from one action of the advice; bad parameters prefill nothing."""
    dimension = request.GET.get("dimension", "")
    if dimension not in Dimension.values:
        return {}
    initial: dict = {"dimension": dimension}
    try:
        stage, number = int(request.GET.get("stage", "")), int(request.GET.get("action", ""))
    except ValueError:
        return initial
    if stage not in Stage.values:
        return initial
    advice = measurement.advice_for(proeftuin.organisation, dimension, stage)
    if not 0 <= number < len(advice.actions):
        return initial
    chosen = advice.actions[number]
    initial.update({"text": str(chosen.text), "advice_stage": stage})
    skills = skills_by_key(proeftuin.organisation)
    skill = next((skills[key] for key in chosen.skills if key in skills), None)
    if skill is not None:  # the coach may swap it for a session or an experiment
        initial["skill_id"] = skill.pk
        initial["goal_statement"] = str(chosen.text)
    return initial


@login_required
def action_adopt(request, pilot: int, action_id: int):
    """ "Neem dit leerdoel over": one POST gives the participant the proposed goal."""
    membership = access.member_for(request.user, pilot, "plan goal", "create")
    action = plans.action_of_pilot_or_none(membership.proeftuin, action_id)
    if action is None or action.skill is None or request.method != "POST":
        raise Http404
    try:
        goal = plans.adopt_goal(action=action, membership=membership)
    except measurement.MeasurementError as exc:
        goal, level, message = None, "error", exc.message
    else:
        level, message = "success", _("Het leerdoel staat nu bij je eigen doelen.")
    if request.htmx:
        # The plan stays where the person was; the action says what happened, in its place.
        return render(
            request,
            "proeftuin/measurement/_adopted.html",
            {"action": action, "goal": goal, "level": level, "message": message},
        )
    if goal is None:
        messages.error(request, message)
        return redirect("proeftuin:plan", pilot=pilot)
    messages.success(request, message)
    return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
