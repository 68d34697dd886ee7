"""Pages of the measurement rounds: the coach opens rounds, participants answer them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access, measurement
from ..errors import add_to_form
from ..models import Role
from .forms import AssessmentForm, RoundForm


@login_required
def rounds(request, pilot: int):
    """Coach: all rounds with their response; participant: their own answers over the rounds."""
    membership = access.member_for(request.user, pilot, "measurement round", "read")
    context = {"membership": membership, "pilot": membership.proeftuin}
    if membership.role == Role.PARTICIPANT:
        context["own_rounds"] = measurement.own_rounds(membership)
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
