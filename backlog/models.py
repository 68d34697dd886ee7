"""The question backlog: data questions people in the pilot want answered, before anyone starts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin.models import Membership, Proeftuin


class Question(models.Model):
    """A data question, with who asks it (a team or group in words) and why it matters."""

    class Priority(models.IntegerChoices):
        FIRST = 1, _("eerst")
        NEXT = 2, _("daarna")
        LATER = 3, _("later")

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="questions")
    # Who typed it in; the backlog shows `asked_by`, and only the coach sees this person.
    proposer = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("de vraag"), max_length=300)
    asked_by = models.CharField(
        _("wie stelt deze vraag?"),
        max_length=120,
        help_text=_("Een team of groep in woorden, bijvoorbeeld ‘team planning’ of ‘de balie’."),
    )
    why = models.TextField(_("waarom doet het ertoe?"), max_length=2000)
    theme = models.CharField(_("thema"), max_length=80, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["proeftuin", "theme"])]

    def __str__(self) -> str:
        return self.text


class Support(models.Model):
    """One person's "I want to know this too"; one per person and question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("steun voor een vraag")
        verbose_name_plural = _("steun voor vragen")
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.member_id}"


class QuestionComment(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("opmerking"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reactie op een vraag")
        verbose_name_plural = _("reacties op vragen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
