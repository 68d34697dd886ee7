"""Pages of the learning path. Each view: who asks (access), one service or selector call, render.

Roles: a participant sees and changes their own goals, activities and experiments and reads
experiments shared with them; the coach of the pilot reads everything of its participants and
writes only comments (and edits the skill catalogue); the director gets 404 everywhere here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from charter import services as charter_services
from charter.forms import TickPrinciplesForm
from proeftuin import access, spreadsheets
from proeftuin.errors import DomainError, add_to_form
from proeftuin.months import months_after

from . import charts, ethics, levels, progress, selectors, services
from .forms import (
    ActivityForm,
    CheckInForm,
    CommentForm,
    ConfirmationForm,
    EthicsAnswersForm,
    EthicsDecisionForm,
    ExperimentForm,
    GoalForm,
    LessonForm,
    LevelDescriptorsForm,
    QuickActivityForm,
    SkillForm,
)
from .models import Experiment, SkillGoal


def _apply(form, call):
    """Run a service call; turn its rule errors into form errors. True when it worked."""
    try:
        return call() or True
    except DomainError as exc:
        add_to_form(form, exc)
        return False


# --- the participant's dashboard -----------------------------------------------------------


def _dashboard_page(request, membership, quick_form, status=200):
    context = {
        "membership": membership,
        "pilot": membership.proeftuin,
        "board": selectors.dashboard(membership),
        "quick_form": quick_form,
    }
    return render(request, "learning/dashboard.html", context, status=status)


@login_required
def dashboard(request, pilot: int):
    membership = access.member_for(request.user, pilot, "learning path", "read")
    return _dashboard_page(request, membership, QuickActivityForm(membership=membership))


@login_required
@require_POST
def quick_log(request, pilot: int):
    membership = access.member_for(request.user, pilot, "activity", "create")
    form = QuickActivityForm(request.POST, membership=membership)
    if form.is_valid() and _apply(
        form, lambda: services.log_activity(membership=membership, **form.cleaned_data)
    ):
        messages.success(request, _("Activiteit vastgelegd. Goed bezig!"))
        return redirect("learning:dashboard", pilot=pilot)
    return _dashboard_page(request, membership, form)


# --- activities ----------------------------------------------------------------------------


@login_required
def activity_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "learning path", "read")
    activities = selectors.activities_visible_to(membership)[:200]
    return render(
        request,
        "learning/activity_list.html",
        {"membership": membership, "activities": activities},
    )


@login_required
def activity_create(request, pilot: int):
    membership = access.member_for(request.user, pilot, "activity", "create")
    form = ActivityForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.log_activity(membership=membership, **data)):
            messages.success(request, _("Activiteit vastgelegd."))
            return redirect("learning:activities", pilot=pilot)
    return render(
        request,
        "learning/activity_form.html",
        {"membership": membership, "form": form, "activity": None},
    )


@login_required
def activity_edit(request, pilot: int, activity_id: int):
    membership = access.member_for(request.user, pilot, "activity", "update")
    activity = selectors.own_activity_or_404(membership, activity_id)
    form = ActivityForm(request.POST or None, instance=activity, membership=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.update_activity(activity=activity, **data)):
            messages.success(request, _("Activiteit bijgewerkt."))
            return redirect("learning:activities", pilot=pilot)
    return render(
        request,
        "learning/activity_form.html",
        {"membership": membership, "form": form, "activity": activity},
    )


@login_required
def activity_lesson(request, pilot: int, activity_id: int):
    """What an activity taught, written down as a lesson that other organisations may read
    once the coach has reviewed it."""
    membership = access.member_for(request.user, pilot, "lesson", "create")
    activity = selectors.own_activity_or_404(membership, activity_id)
    form = LessonForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.add_lesson(activity=activity, author=membership, **form.cleaned_data),
        )
    ):
        messages.success(
            request, _("Les opgeslagen. Je coach bekijkt hem voor het informatiepakket.")
        )
        return redirect("learning:activities", pilot=pilot)
    return render(
        request,
        "learning/activity_lesson.html",
        {"membership": membership, "form": form, "activity": activity},
        status=400 if form.errors else 200,
    )


@login_required
def activity_delete(request, pilot: int, activity_id: int):
    membership = access.member_for(request.user, pilot, "activity", "delete")
    activity = selectors.own_activity_or_404(membership, activity_id)
    return _confirm_delete(
        request,
        membership,
        obj=activity,
        delete=lambda: services.delete_activity(activity=activity),
        done=_("Activiteit verwijderd."),
        list_url="learning:activities",
        heading=_("Activiteit verwijderen?"),
        explanation=_("De activiteit verdwijnt uit je leerpad."),
    )


def _confirm_delete(request, membership, *, obj, delete, done, list_url, heading, explanation):
    """Ask before deleting one's own object; on POST delete it and go back to its list."""
    if request.method == "POST":
        delete()
        messages.success(request, done)
        return redirect(list_url, pilot=membership.proeftuin_id)
    return render(
        request,
        "learning/confirm_delete.html",
        {
            "membership": membership,
            "heading": heading,
            "object": obj,
            "explanation": explanation,
            "cancel_url": list_url,
        },
    )


# --- goals ---------------------------------------------------------------------------------


@login_required
def goal_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "learning path", "read")
    goals = selectors.goals_visible_to(membership).order_by("-status", "due_on")
    today = timezone.localdate()
    goals = [(goal, progress.goal_is_behind(goal, today)) for goal in goals]
    return render(request, "learning/goal_list.html", {"membership": membership, "goals": goals})


@login_required
def goal_create(request, pilot: int):
    membership = access.member_for(request.user, pilot, "goal", "create")
    form = GoalForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        goal = _apply(
            form, lambda: services.create_goal(membership=membership, **form.cleaned_data)
        )
        if goal:
            messages.success(request, _("Leerdoel opgeslagen."))
            return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return render(
        request,
        "learning/goal_form.html",
        {"membership": membership, "form": form, "goal": None, **_level_reference(membership)},
    )


@login_required
def goal_edit(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal", "update")
    goal = selectors.own_goal_or_404(membership, goal_id)
    form = GoalForm(request.POST or None, instance=goal, membership=membership)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.update_goal(goal=goal, **form.cleaned_data))
    ):
        messages.success(request, _("Leerdoel opgeslagen."))
        return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return render(
        request, "learning/goal_form.html", {"membership": membership, "form": form, "goal": goal}
    )


def _level_reference(membership) -> dict:
    """What each level means per skill, beside a goal form whose skill is not chosen yet."""
    skills = list(selectors.skills_of(membership.proeftuin.organisation))
    table = levels.level_table(membership.proeftuin, skills)
    return {"level_reference": [(skill, table[skill.pk]) for skill in skills]}


def _goal_page(
    request,
    membership,
    goal_id,
    *,
    check_in_form=None,
    comment_form=None,
    confirmation_form=None,
    status=200,
):
    goal = selectors.goal_read_by(membership, goal_id)
    check_ins = list(goal.check_ins.all())
    context = {
        "membership": membership,
        "goal": goal,
        "check_ins": check_ins,
        "chart": charts.goal_chart(goal, check_ins),
        "activities": goal.activities.order_by("-on", "-pk"),
        "is_owner": goal.membership_id == membership.pk,
        "is_open": goal.status in progress.OPEN_STATUSES,
        "behind": progress.goal_is_behind(goal, timezone.localdate()),
        "check_in_form": check_in_form
        or CheckInForm(
            goal=goal, initial={"level": goal.current_level, "on": timezone.localdate()}
        ),
        "comment_form": comment_form or CommentForm(),
        "confirmation_form": confirmation_form or ConfirmationForm(),
        "may_ask_confirmation": goal.membership_id == membership.pk
        and goal.status != SkillGoal.Status.DROPPED
        and goal.confirmation
        not in (SkillGoal.Confirmation.ASKED, SkillGoal.Confirmation.CONFIRMED),
        "may_decide_confirmation": membership.role == "coach"
        and goal.confirmation == SkillGoal.Confirmation.ASKED,
    }
    return render(request, "learning/goal_detail.html", context, status=status)


@login_required
def goal_detail(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal", "read")
    return _goal_page(request, membership, goal_id)


@login_required
@require_POST
def goal_check_in(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "check-in", "create")
    goal = selectors.own_goal_or_404(membership, goal_id)
    form = CheckInForm(request.POST, goal=goal)
    if form.is_valid() and _apply(
        form, lambda: services.add_check_in(goal=goal, **form.cleaned_data)
    ):
        messages.success(request, _("Voortgang bijgewerkt."))
        return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return _goal_page(request, membership, goal.pk, check_in_form=form)


@login_required
@require_POST
def goal_close(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal", "update")
    goal = selectors.own_goal_or_404(membership, goal_id)
    status = request.POST.get("status", "")
    try:
        services.close_goal(goal=goal, status=status)
    except services.Invalid as exc:
        messages.error(request, "; ".join(exc.errors.values()))
    else:
        if status == SkillGoal.Status.ACHIEVED:
            messages.success(request, _("Gefeliciteerd: leerdoel behaald!"))
        else:
            messages.success(request, _("Leerdoel gestopt."))
    return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)


@login_required
def goal_delete(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal", "delete")
    goal = selectors.own_goal_or_404(membership, goal_id)
    return _confirm_delete(
        request,
        membership,
        obj=goal,
        delete=lambda: services.delete_goal(goal=goal),
        done=_("Leerdoel verwijderd. Je activiteiten zijn bewaard."),
        list_url="learning:goals",
        heading=_("Leerdoel verwijderen?"),
        explanation=_(
            "De check-ins en opmerkingen bij dit doel verdwijnen. Je activiteiten blijven "
            "bewaard; ze zijn daarna alleen niet meer aan dit doel gekoppeld."
        ),
    )


@login_required
@require_POST
def goal_comment(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal comment", "create")
    goal = selectors.visible_goal_or_404(membership, goal_id)
    form = CommentForm(request.POST)
    if form.is_valid() and _apply(
        form, lambda: services.add_comment(goal=goal, author=membership, **form.cleaned_data)
    ):
        messages.success(request, _("Opmerking geplaatst."))
        return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return _goal_page(request, membership, goal.pk, comment_form=form)


@login_required
@require_POST
def goal_confirmation_ask(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal confirmation", "create")
    goal = selectors.own_goal_or_404(membership, goal_id)
    form = ConfirmationForm(request.POST)
    if form.is_valid() and _apply(
        form, lambda: services.ask_confirmation(goal=goal, text=form.cleaned_data["text"])
    ):
        messages.success(request, _("Gevraagd: je coach kijkt ernaar en laat het je weten."))
        return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return _goal_page(request, membership, goal.pk, confirmation_form=form)


@login_required
@require_POST
def goal_confirmation_decide(request, pilot: int, goal_id: int):
    membership = access.member_for(request.user, pilot, "goal confirmation", "update")
    goal = selectors.visible_goal_or_404(membership, goal_id)
    form = ConfirmationForm(request.POST)
    confirm = request.POST.get("decision") == "confirm"
    if form.is_valid() and _apply(
        form,
        lambda: services.decide_confirmation(
            coach=membership, goal=goal, confirm=confirm, text=form.cleaned_data["text"]
        ),
    ):
        if confirm:
            messages.success(request, _("Bevestigd: dit doel telt als behaald met bevestiging."))
        else:
            messages.success(request, _("Gevraagd om meer; het doel staat weer open."))
        return redirect("learning:goal", pilot=pilot, goal_id=goal.pk)
    return _goal_page(request, membership, goal.pk, confirmation_form=form)


# --- experiments ---------------------------------------------------------------------------


@login_required
def experiment_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "learning path", "read")
    experiments = selectors.experiments_visible_to(membership)
    return render(
        request,
        "learning/experiment_list.html",
        {"membership": membership, "experiments": experiments},
    )


@login_required
def experiment_create(request, pilot: int):
    membership = access.member_for(request.user, pilot, "experiment", "create")
    form = ExperimentForm(request.POST or None, owner=membership)
    if request.method == "POST" and form.is_valid():
        experiment = _apply(
            form,
            lambda: services.save_experiment(
                owner=membership,
                co_members=form.cleaned_data["co_members"],
                **form.experiment_fields(),
            ),
        )
        if experiment:
            messages.success(request, _("Experiment opgeslagen."))
            return redirect("learning:experiment", pilot=pilot, experiment_id=experiment.pk)
    return render(
        request,
        "learning/experiment_form.html",
        {"membership": membership, "form": form, "experiment": None},
    )


@login_required
def experiment_edit(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "experiment", "update")
    experiment = selectors.own_experiment_or_404(membership, experiment_id)
    form = ExperimentForm(request.POST or None, instance=experiment, owner=membership)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.save_experiment(
                owner=membership,
                experiment=experiment,
                co_members=form.cleaned_data["co_members"],
                **form.experiment_fields(),
            ),
        )
    ):
        messages.success(request, _("Experiment opgeslagen."))
        return redirect("learning:experiment", pilot=pilot, experiment_id=experiment.pk)
    return render(
        request,
        "learning/experiment_form.html",
        {"membership": membership, "form": form, "experiment": experiment},
    )


def _experiment_page(request, membership, experiment_id, lesson_form=None):
    experiment = selectors.experiment_read_by(membership, experiment_id)
    review = selectors.ethics_review_of(experiment)
    return render(
        request,
        "learning/experiment_detail.html",
        {
            "membership": membership,
            "experiment": experiment,
            "is_owner": experiment.owner_id == membership.pk,
            "lesson_form": lesson_form or LessonForm(),
            "review": review,
            "history": selectors.review_history(review),
            "review_answers": [(q, getattr(review, q.key)) for q in ethics.QUESTIONS],
            "start_refusal": services.start_refusal(
                experiment=experiment, status=Experiment.Status.RUNNING
            )
            if experiment.status == Experiment.Status.PLANNED
            else None,
            "may_review": selectors.may_review(membership, experiment),
        },
    )


@login_required
def experiment_detail(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "experiment", "read")
    return _experiment_page(request, membership, experiment_id)


@login_required
@require_POST
def experiment_lesson(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "lesson", "create")
    experiment = selectors.own_experiment_or_404(membership, experiment_id)
    form = LessonForm(request.POST)
    if form.is_valid() and _apply(
        form,
        lambda: services.add_lesson(experiment=experiment, author=membership, **form.cleaned_data),
    ):
        messages.success(request, _("Les toegevoegd."))
        return redirect("learning:experiment", pilot=pilot, experiment_id=experiment.pk)
    return _experiment_page(request, membership, experiment.pk, lesson_form=form)


@login_required
def experiment_delete(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "experiment", "delete")
    experiment = selectors.own_experiment_or_404(membership, experiment_id)
    return _confirm_delete(
        request,
        membership,
        obj=experiment,
        delete=lambda: services.delete_experiment(experiment=experiment),
        done=_("Experiment verwijderd."),
        list_url="learning:experiments",
        heading=_("Experiment verwijderen?"),
        explanation=_("De lessen bij dit experiment verdwijnen ook."),
    )


# --- the ethics review ---------------------------------------------------------------------


def _answers_page(request, membership, experiment, form, status=200):
    review = selectors.ethics_review_of(experiment)
    latest = selectors.review_history(review)
    return render(
        request,
        "learning/ethics_answers.html",
        {
            "membership": membership,
            "experiment": experiment,
            "review": review,
            "form": form,
            "history": latest,
            "may_submit": review.state in (review.State.DRAFT, review.State.CHANGES_REQUESTED),
        },
        status=status,
    )


@login_required
def ethics_answers(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "ethics review", "update")
    experiment = selectors.own_experiment_or_404(membership, experiment_id)
    review = selectors.ethics_review_of(experiment)
    form = EthicsAnswersForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():

        def save_and_maybe_submit():
            services.save_ethics_answers(
                owner=membership, experiment=experiment, **form.cleaned_data
            )
            if "submit" in request.POST:
                services.submit_ethics_review(owner=membership, experiment=experiment)

        if _apply(form, lambda: transaction.atomic(save_and_maybe_submit)()):
            if "submit" in request.POST:
                messages.success(
                    request, _("Ingediend: de coach of de ethisch toetser kijkt ernaar.")
                )
            else:
                messages.success(request, _("Antwoorden opgeslagen."))
            return redirect("learning:experiment", pilot=pilot, experiment_id=experiment.pk)
    return _answers_page(request, membership, experiment, form)


@login_required
def ethics_inbox(request, pilot: int):
    membership = access.member_for(request.user, pilot, "ethics decision", "create")
    return render(
        request,
        "learning/ethics_inbox.html",
        {"membership": membership, "experiments": selectors.reviews_waiting_for(membership)},
    )


@login_required
def ethics_decide(request, pilot: int, experiment_id: int):
    membership = access.member_for(request.user, pilot, "ethics decision", "create")
    experiment = selectors.reviewable_experiment_or_404(membership, experiment_id)
    form = EthicsDecisionForm(request.POST or None)
    principles_form = TickPrinciplesForm(
        request.POST or None,
        proeftuin_id=membership.proeftuin_id,
        review=selectors.ethics_review_of(experiment),
    )

    def decide_and_tick():
        review = services.decide_ethics_review(
            reviewer=membership, experiment=experiment, **form.decision_fields()
        )
        charter_services.tick_principles(
            review=review, principles=principles_form.cleaned_data["principles"]
        )

    if (
        request.method == "POST"
        and form.is_valid()
        and principles_form.is_valid()
        and _apply(form, lambda: transaction.atomic(decide_and_tick)())
    ):
        messages.success(
            request, _("Je oordeel is vastgelegd; de eigenaar ziet het bij het experiment.")
        )
        return redirect("learning:ethics-inbox", pilot=pilot)
    review = selectors.ethics_review_of(experiment)
    questions = [
        (question, getattr(review, question.key), form[f"comment_{question.key}"])
        for question in ethics.QUESTIONS
    ]
    return render(
        request,
        "learning/ethics_decide.html",
        {
            "membership": membership,
            "experiment": experiment,
            "review": review,
            "questions": questions,
            "form": form,
            "principles_form": principles_form,
            "history": selectors.review_history(review),
        },
    )


# --- success stories -------------------------------------------------------------------------


@login_required
@require_POST
def success_story_propose(request, pilot: int, lesson_id: int):
    membership = access.member_for(request.user, pilot, "success story", "create")
    lesson = selectors.lesson_an_ambassador_may_propose_or_404(membership, lesson_id)
    try:
        services.propose_success_story(ambassador=membership, lesson=lesson)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Voorgesteld als succesverhaal; de coach kijkt ernaar."))
    return redirect("learning:experiment", pilot=pilot, experiment_id=lesson.experiment_id)


@login_required
def success_stories(request, pilot: int):
    membership = access.member_for(request.user, pilot, "success story", "read")
    return render(
        request,
        "learning/success_stories.html",
        {"membership": membership, "stories": selectors.success_stories(membership)},
    )


@login_required
@require_POST
def success_story_review(request, pilot: int, lesson_id: int):
    membership = access.member_for(request.user, pilot, "success story", "update")
    lesson = selectors.proposed_story_or_404(membership, lesson_id)
    services.review_success_story(coach=membership, lesson=lesson, show="show" in request.POST)
    messages.success(request, _("Besluit over het succesverhaal vastgelegd."))
    return redirect("learning:success-stories", pilot=pilot)


# --- the coach -----------------------------------------------------------------------------


@login_required
def participants(request, pilot: int):
    membership = access.member_for(request.user, pilot, "participant", "read")
    rows = selectors.participant_rows(membership.proeftuin)
    return render(
        request,
        "learning/participants.html",
        {
            "membership": membership,
            "pilot": membership.proeftuin,
            "rows": rows,
            "needs_a_word": sum(1 for row in rows if row.needs_a_word),
        },
    )


@login_required
def participant_detail(request, pilot: int, membership_id: int):
    membership = access.member_for(request.user, pilot, "participant", "read")
    today = timezone.localdate()
    # The last month first: a year of activities on one phone page is too long to read.
    since = None if request.GET.get("alle") == "1" else months_after(today, -1)
    detail = selectors.participant_detail(membership, membership_id, since=since)
    detail["goals"] = [(goal, progress.goal_is_behind(goal, today)) for goal in detail["goals"]]
    return render(request, "learning/participant_detail.html", {"membership": membership, **detail})


def _achievement_labels() -> dict[str, str]:
    return {
        progress.CONFIRMED: _("bevestigd door de coach"),
        progress.SELF_DECLARED: _("zelf gemeld"),
    }


def _skill_levels_table(request, pilot: int) -> tuple[list[str], list[list]]:
    """The coach's export of goals per skill: a header and typed rows (CSV and workbook alike)."""
    membership = access.member_for(request.user, pilot, "participant", "read")
    headers = [
        _("Vaardigheid"),
        _("Dimensie"),
        _("Deelnemer"),
        _("Leerdoel"),
        _("Beginniveau"),
        _("Laatste niveau"),
        _("Doelniveau"),
        _("Status"),
        _("Streefdatum"),
        _("Laatste check-in"),
        _("Bewijs"),
        _("Behaald"),
    ]
    rows = [
        [
            goal.skill.display_name,
            goal.skill.get_dimension_display(),
            goal.membership.user.display_name,
            goal.statement,
            goal.start_level,
            goal.current_level,
            goal.target_level,
            goal.get_status_display(),
            goal.due_on,
            goal.last_check_in_on,
            " ".join(goal.evidence_links),
            _achievement_labels().get(progress.achievement(goal.status, goal.confirmation), ""),
        ]
        for goal in selectors.skill_levels(membership)
    ]
    return headers, rows


@login_required
def participants_csv(request, pilot: int):
    headers, rows = _skill_levels_table(request, pilot)
    return spreadsheets.csv_response("deelnemers-per-vaardigheid.csv", headers, rows)


@login_required
def participants_xlsx(request, pilot: int):
    headers, rows = _skill_levels_table(request, pilot)
    sheet = spreadsheets.Sheet(_("Deelnemers per vaardigheid"), headers, rows)
    return spreadsheets.xlsx_response("deelnemers-per-vaardigheid.xlsx", [sheet])


@login_required
def skill_list(request, pilot: int):
    # The catalogue page is where the coach edits it; participants read skills in their forms.
    membership = access.member_for(request.user, pilot, "skill", "update")
    skills = selectors.skills_of(membership.proeftuin.organisation, active_only=False)
    return render(request, "learning/skill_list.html", {"membership": membership, "skills": skills})


@login_required
def skill_edit(request, pilot: int, skill_id: int | None = None):
    method = "create" if skill_id is None else "update"
    membership = access.member_for(request.user, pilot, "skill", method)
    organisation = membership.proeftuin.organisation
    skill = None
    if skill_id is not None:
        skill = selectors._get_or_404(
            selectors.skills_of(organisation, active_only=False), skill_id
        )
    form = SkillForm(request.POST or None, instance=skill)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in SkillForm.Meta.fields}
        if _apply(
            form, lambda: services.save_skill(organisation=organisation, skill=skill, **data)
        ):
            messages.success(request, _("Vaardigheid opgeslagen."))
            return redirect("learning:skills", pilot=pilot)
    return render(
        request,
        "learning/skill_form.html",
        {"membership": membership, "form": form, "skill": skill},
    )


@login_required
def skill_levels(request, pilot: int, skill_id: int):
    membership = access.member_for(request.user, pilot, "level descriptor", "update")
    pilot_ = membership.proeftuin
    skill = selectors._get_or_404(
        selectors.skills_of(pilot_.organisation, active_only=False), skill_id
    )
    form = LevelDescriptorsForm(request.POST or None, proeftuin=pilot_, skill=skill)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.save_level_descriptors(
                proeftuin=pilot_, skill=skill, texts=form.texts()
            ),
        )
    ):
        messages.success(request, _("Niveaus opgeslagen."))
        return redirect("learning:skills", pilot=pilot)
    return render(
        request,
        "learning/skill_levels.html",
        {"membership": membership, "form": form, "skill": skill},
    )
