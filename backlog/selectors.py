"""Reads of the question backlog, shared by pages and API."""

from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.http import Http404

from proeftuin import audit
from proeftuin.models import Membership, Role

from .models import Question, Support


def questions_of(viewer: Membership) -> QuerySet[Question]:
    """The pilot's questions, by theme, then priority, then how many support them."""
    return (
        Question.objects.filter(proeftuin_id=viewer.proeftuin_id)
        .annotate(
            support_count=Count("supports", distinct=True),
            supported=Exists(Support.objects.filter(question=OuterRef("pk"), member=viewer)),
        )
        .prefetch_related("experiments")
        .order_by(
            "theme",
            F("priority").asc(nulls_last=True),
            "-support_count",
            "-created_at",
            "pk",
        )
    )


def question_or_404(viewer: Membership, question_id) -> Question:
    """A question of the viewer's pilot; 404 for one elsewhere or none at all."""
    try:
        return questions_of(viewer).get(pk=question_id)
    except (Question.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def shows_people(viewer: Membership) -> bool:
    """The coach sees who typed a question or comment in (to follow up); others see words only."""
    return viewer.role == Role.COACH


def question_read_by(viewer: Membership, question_id) -> Question:
    """One question with its comments; a coach's read of the people behind it is recorded."""
    question = question_or_404(viewer, question_id)
    if shows_people(viewer):
        people = {question.proposer.user_id} if question.proposer else set()
        people |= {c.author.user_id for c in question.comments.select_related("author") if c.author}
        audit.record_each(
            actor=viewer.user,
            subjects={pk: {} for pk in people},
            what=audit.What.QUESTION,
            proeftuin=viewer.proeftuin,
        )
    return question


def themes_of(viewer: Membership) -> list[str]:
    """The themes the coach has used so far, for the grouping field's suggestions."""
    return sorted(
        set(
            Question.objects.filter(proeftuin_id=viewer.proeftuin_id)
            .exclude(theme="")
            .values_list("theme", flat=True)
        )
    )
