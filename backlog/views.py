"""Pages of the question backlog: every member of the pilot proposes, supports and comments."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin import access
from proeftuin.errors import DomainError, add_to_form

from . import selectors, services
from .forms import ArrangeForm, QuestionCommentForm, QuestionForm


def _apply(form, call):
    try:
        return call() or True
    except DomainError as exc:
        add_to_form(form, exc)
        return False


@login_required
def question_list(request, pilot: int):
    if request.method == "POST":
        membership = access.member_for(request.user, pilot, "question", "create")
    else:
        membership = access.member_for(request.user, pilot, "question", "read")
    form = QuestionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.propose_question(member=membership, **form.cleaned_data))
    ):
        messages.success(request, _("Je vraag staat op de lijst; anderen kunnen hem nu steunen."))
        return redirect("backlog:questions", pilot=pilot)
    questions = list(selectors.questions_of(membership))
    groups = [(theme, list(items)) for theme, items in groupby(questions, key=lambda q: q.theme)]
    return render(
        request,
        "backlog/question_list.html",
        {"membership": membership, "groups": groups, "form": form},
        status=400 if form.errors else 200,
    )


def _detail(request, membership, question_id, *, comment_form=None, arrange_form=None, status=200):
    question = selectors.question_read_by(membership, question_id)
    return render(
        request,
        "backlog/question_detail.html",
        {
            "membership": membership,
            "question": question,
            "shows_people": selectors.shows_people(membership),
            "comments": question.comments.select_related("author__user"),
            "comment_form": comment_form or QuestionCommentForm(),
            "arrange_form": arrange_form
            or ArrangeForm(initial={"theme": question.theme, "priority": question.priority}),
            "themes": selectors.themes_of(membership),
            "may_arrange": access.may(membership, "question", "update"),
            "may_support": access.may(membership, "question support", "create"),
            "may_start": access.may(membership, "experiment", "create"),
        },
        status=status,
    )


@login_required
def question_detail(request, pilot: int, question_id: int):
    membership = access.member_for(request.user, pilot, "question", "read")
    return _detail(request, membership, question_id)


@login_required
@require_POST
def question_support(request, pilot: int, question_id: int):
    membership = access.member_for(request.user, pilot, "question support", "create")
    question = selectors.question_or_404(membership, question_id)
    try:
        services.support_question(member=membership, question=question)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Je steunt deze vraag."))
    return redirect("backlog:question", pilot=pilot, question_id=question.pk)


@login_required
@require_POST
def question_comment(request, pilot: int, question_id: int):
    membership = access.member_for(request.user, pilot, "question comment", "create")
    question = selectors.question_or_404(membership, question_id)
    form = QuestionCommentForm(request.POST)
    if form.is_valid() and _apply(
        form,
        lambda: services.comment_on_question(
            member=membership, question=question, text=form.cleaned_data["text"]
        ),
    ):
        messages.success(request, _("Opmerking geplaatst."))
        return redirect("backlog:question", pilot=pilot, question_id=question.pk)
    return _detail(request, membership, question.pk, comment_form=form, status=400)


@login_required
@require_POST
def question_arrange(request, pilot: int, question_id: int):
    membership = access.member_for(request.user, pilot, "question", "update")
    question = selectors.question_or_404(membership, question_id)
    form = ArrangeForm(request.POST)
    if form.is_valid() and _apply(
        form,
        lambda: services.arrange_question(coach=membership, question=question, **form.cleaned_data),
    ):
        messages.success(request, _("Thema en prioriteit opgeslagen."))
        return redirect("backlog:questions", pilot=pilot)
    return _detail(request, membership, question.pk, arrange_form=form, status=400)


@login_required
@require_POST
def question_to_experiment(request, pilot: int, question_id: int):
    membership = access.member_for(request.user, pilot, "experiment", "create")
    question = selectors.question_or_404(membership, question_id)
    try:
        experiment = services.experiment_from_question(member=membership, question=question)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backlog:question", pilot=pilot, question_id=question.pk)
    messages.success(
        request,
        _("Je experiment staat klaar. Vul de gegevens aan en daarna de ethische toets."),
    )
    return redirect("learning:experiment-edit", pilot=pilot, experiment_id=experiment.pk)
