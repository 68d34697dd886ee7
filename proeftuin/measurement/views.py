"""Pages of the measurement rounds: the coach opens rounds, participants answer them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access, measurement
from ..errors import add_to_form
from ..models import Dimension, Role, Stage
from . import report as reports
from .advice import linked, skills_by_key
from .forms import AssessmentForm, RoundForm, StageAdviceForm


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
def answer_round(request, pilot: int, round_id: int):
    """A participant fills in (or changes) their answers while the round is open."""
    membership = access.member_for(request.user, pilot, "measurement answer", "update")
    measurement_round = measurement.round_of_pilot_or_none(membership.proeftuin, round_id)
    if measurement_round is None:
        raise Http404
    is_open = measurement_round.is_open()
    initial = measurement.initial_answers(membership, measurement_round)
    form = AssessmentForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not is_open:
            messages.error(
                request, _("Deze meetronde is gesloten; antwoorden kunnen niet meer wijzigen.")
            )
            return redirect("proeftuin:measurement-rounds", pilot=pilot)
        if form.is_valid():
            try:
                measurement.save_assessment(
                    measurement_round=measurement_round,
                    membership=membership,
                    stages=form.stages(),
                    notes=form.notes(),
                )
            except measurement.MeasurementError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Je antwoorden zijn opgeslagen. Dank je wel!"))
                return redirect("proeftuin:measurement-rounds", pilot=pilot)
        status = 400
    return render(
        request,
        "proeftuin/measurement/answer.html",
        {
            "form": form,
            "pilot": membership.proeftuin,
            "membership": membership,
            "round": measurement_round,
            "is_open": is_open,
            "answered_before": bool(initial),
        },
        status=status,
    )


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
        },
    )


@login_required
def advice_edit(request, pilot: int, dimension: str, stage: int):
    """A coach rewrites one cell of the advice for their organisation, or restores the default."""
    membership = access.member_for(request.user, pilot, "stage advice", "update")
    if dimension not in Dimension.values or stage not in Stage.values:
        raise Http404
    organisation = membership.proeftuin.organisation
    own = organisation.stage_advice.filter(dimension=dimension, stage=stage).first()
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
                organisation=organisation, dimension=dimension, stage=stage
            )
            messages.success(request, _("De standaardtekst staat weer terug."))
            return redirect("proeftuin:measurement-advice", pilot=pilot)
        if form.is_valid():
            try:
                measurement.save_stage_advice(
                    organisation=organisation, dimension=dimension, stage=stage, **form.cleaned_data
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
        },
        status=status,
    )


@login_required
def round_report(request, pilot: int, round_id: int):
    """The report of a closed round, for those who answered it, the coach and the director."""
    membership = access.member_for(request.user, pilot, "round report", "read")
    measurement_round = measurement.round_of_pilot_or_none(membership.proeftuin, round_id)
    if measurement_round is None or not reports.may_read_report(membership, measurement_round):
        raise Http404
    return render(
        request,
        "proeftuin/measurement/report.html",
        {
            "pilot": membership.proeftuin,
            "membership": membership,
            "report": reports.round_report(measurement_round),
        },
    )
