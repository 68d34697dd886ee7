"""The pilot's basic principles (basisprincipes), version by version, and the sponsor's message."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin.models import Proeftuin


class CharterVersion(models.Model):
    """One agreed version of the principles; a change is a new version, the old ones stay."""

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveIntegerField(_("versie"))
    agreed_on = models.DateField(_("vastgesteld op"), default=timezone.localdate)
    intro = models.TextField(_("inleiding"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("basisprincipes")
        verbose_name_plural = _("basisprincipes")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["proeftuin", "version"], name="one_charter_version")
        ]

    def __str__(self) -> str:
        return f"{self.proeftuin} · v{self.version}"


class Principle(models.Model):
    """One numbered principle of a version; a review links the principles it touches."""

    charter = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(_("principe"), max_length=300)
    # The reviews that name this principle; a review keeps the version its reviewer ticked.
    reviews = models.ManyToManyField("learning.EthicsReview", blank=True, related_name="principles")

    class Meta:
        verbose_name = _("basisprincipe")
        verbose_name_plural = _("basisprincipes")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="one_principle_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class SponsorMessage(models.Model):
    """The director's short word to the participants; the newest one shows on their dashboard.

    The time the organisation gives is not stored here: it is the plan's hours per participant
    per month (proeftuin.measurement.plan), shown beside the message.
    """

    proeftuin = models.ForeignKey(
        Proeftuin, on_delete=models.CASCADE, related_name="sponsor_messages"
    )
    text = models.TextField(_("bericht"), max_length=800)
    written_on = models.DateField(_("datum"), default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bericht van de sponsor")
        verbose_name_plural = _("berichten van de sponsor")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
