"""The coach's review of lessons for the toolkit: approve an anonymised text, or send back."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import Lesson, LessonTheme

from ..errors import DomainError
from ..models import Proeftuin, Stage
from . import library
from .anonymity import identifying_words


class LessonNotAnonymous(DomainError):
    """The toolkit text still identifies someone; the message names what to remove."""


@transaction.atomic
def approve_lesson(
    *,
    lesson,
    toolkit_text: str,
    kind: str,
    dimension: str,
    stage: int | None = None,
    themes: list[str] | None = None,
):
    """Approve a lesson for the toolkit with its anonymised text, its culture stage and themes;
    refuses a text with a name. A published package's search follows at once."""
    toolkit_text = toolkit_text.strip()
    if not toolkit_text:
        raise LessonNotAnonymous(_("Schrijf de tekst voor het informatiepakket."))
    leftovers = identifying_words(lesson.proeftuin, toolkit_text)
    if leftovers:
        raise LessonNotAnonymous(
            _("Haal eerst weg wat naar iemand verwijst: %(words)s.")
            % {"words": ", ".join(leftovers)}
        )
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.toolkit_text = toolkit_text
    lesson.kind = kind
    lesson.dimension = dimension
    if stage is not None and stage not in Stage.values:
        raise DomainError(_("Kies een van de vijf fasen."), "stage")
    unknown = [t for t in themes or [] if t not in LessonTheme.values]
    if unknown:
        raise DomainError(_("Kies thema's uit de lijst."), "themes")
    lesson.stage = stage
    lesson.themes = sorted(set(themes or []))
    lesson.review = Lesson.Review.APPROVED
    lesson.approved_at = timezone.now()
    lesson.save(
        update_fields=[
            "toolkit_text",
            "kind",
            "dimension",
            "stage",
            "themes",
            "review",
            "approved_at",
        ]
    )
    library.reindex_if_shared(lesson.proeftuin)
    return lesson


@transaction.atomic
def send_back_to_draft(*, lesson, toolkit_text: str | None = None):
    """Take a lesson out of the toolkit again (keeping the edited text, if any)."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.review = Lesson.Review.DRAFT
    lesson.approved_at = None
    if toolkit_text is not None:
        lesson.toolkit_text = toolkit_text.strip()
    lesson.save(update_fields=["review", "approved_at", "toolkit_text"])
    library.reindex_if_shared(lesson.proeftuin)
    return lesson


def lessons_for_review(proeftuin: Proeftuin):
    return (
        Lesson.objects.filter(proeftuin=proeftuin)
        .select_related("experiment", "session")
        .order_by("review", "-created_at")
    )


def lesson_for_review_or_404(proeftuin: Proeftuin, lesson_id: int):
    return get_object_or_404(
        Lesson.objects.select_related("experiment", "session", "proeftuin", "author__user"),
        pk=lesson_id,
        proeftuin=proeftuin,
    )
