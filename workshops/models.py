"""Workshops and lunch lectures, sign-ups, attendance, feedback and calendar feeds."""

import secrets
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin.models import Membership, Proeftuin, User

# People arrive early and want to be done with it before the coach starts talking.
CHECK_IN_EARLY = timedelta(minutes=30)


class SessionSeries(models.Model):
    """A monthly series planned in one step; its sessions can be moved or cancelled one by one."""

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("titel"), max_length=200)
    rule = models.CharField(_("herhaling"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        LUNCH_LECTURE = "lunch_lecture", _("Lunchlezing")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        CANCELLED = "cancelled", _("geannuleerd")

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="sessions")
    series = models.ForeignKey(
        SessionSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, max_length=4000)
    facilitator = models.CharField(_("begeleider"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # How many guests the coach marked present: kept when the guests themselves are erased, so
    # the pilot's attendance figures of past months stay what they were.
    guests_present = models.PositiveSmallIntegerField(_("gasten aanwezig"), default=0)
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    skills = models.ManyToManyField("learning.Skill", blank=True, related_name="sessions")
    summary = models.TextField(_("samenvatting"), blank=True, max_length=2000)
    # Shown on the coach's screen during the session; only valid in its check-in window, so it
    # expires with the session without a task to clear it.
    check_in_code = models.CharField(_("incheckcode"), max_length=6, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Colleagues outside the pilot may sign up as guests through the link the coach shares.
    open_to_colleagues = models.BooleanField(_("open voor collega's"), default=False)
    # iCalendar SEQUENCE: bumped on every change so calendar clients update, not duplicate.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["proeftuin", "starts_at"]),
            # The session reminders' window: planned sessions of the next few days, instance-wide.
            models.Index(
                fields=["starts_at"],
                condition=models.Q(status="planned"),
                name="session_soon_window",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_under_way(self) -> bool:
        return self.has_started and self.ends_at > timezone.now()

    @property
    def open_for_answers(self) -> bool:
        """People answer (and the waiting list moves) until the session starts."""
        return not self.is_cancelled and not self.has_started

    @property
    def check_in_opens_at(self):
        return self.starts_at - CHECK_IN_EARLY

    @property
    def check_in_open(self) -> bool:
        """Participants check themselves in from a little before the start until the end."""
        return not self.is_cancelled and self.check_in_opens_at <= timezone.now() < self.ends_at

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()


class Registration(models.Model):
    class Response(models.TextChoices):
        GOING = "going", _("ik kom")
        MAYBE = "maybe", _("misschien")
        NOT_GOING = "not_going", _("ik kom niet")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="registrations"
    )
    response = models.CharField(_("antwoord"), max_length=20, choices=Response.choices)
    # Set while someone who wants to come waits for a free seat; cleared when they move up.
    waiting_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "membership"], name="one_registration_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.session} · {self.response}"

    @property
    def waiting(self) -> bool:
        return self.waiting_since is not None


class Attendance(models.Model):
    class State(models.TextChoices):
        PRESENT = "present", _("aanwezig")
        LATE = "late", _("te laat")
        EXCUSED = "excused", _("afgemeld")
        ABSENT = "absent", _("afwezig")

    # Only being there counts as learning (an activity) and in the attendance figures.
    COUNTED = (State.PRESENT, State.LATE)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    state = models.CharField(
        _("aanwezigheid"), max_length=10, choices=State.choices, default=State.PRESENT
    )
    reason = models.CharField(_("reden van afmelding"), max_length=300, blank=True)
    # Set when the participant checked in with the session's code (the coach may correct after).
    checked_in_at = models.DateTimeField(_("zelf ingecheckt om"), null=True, blank=True)
    marked_at = models.DateTimeField(default=timezone.now)
    # True when marking created the person's activity for the session; False when it linked one
    # they logged themselves. Unmarking deletes only the former: their own words stay.
    created_activity = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "membership"], name="one_attendance_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.session} · {self.state}"

    @property
    def counts(self) -> bool:
        return self.state in self.COUNTED


class SessionMaterial(models.Model):
    """A link to slides or other material of a session (links only: no files are stored)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("link"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("materiaal van een bijeenkomst")
        verbose_name_plural = _("materialen van bijeenkomsten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class SessionFeedback(models.Model):
    """Two questions after a session; the coach sees them only in aggregate."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField(
        _("hoe nuttig was het?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    improvement = models.CharField(_("één ding om te verbeteren"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("terugkoppeling op een bijeenkomst")
        verbose_name_plural = _("terugkoppelingen op bijeenkomsten")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "membership"], name="one_feedback_per_person"
            )
        ]

    def __str__(self) -> str:
        # Shown wherever Django lists objects (the admin's delete pages): never the answer.
        return str(_("anonieme feedback"))


class CalendarFeed(models.Model):
    """A private, revocable iCalendar URL; the token is the only credential."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agendakoppeling")
        verbose_name_plural = _("agendakoppelingen")

    def __str__(self) -> str:
        return f"{self.user} ({'revoked' if self.revoked_at else 'active'})"


class WaitingOffer(models.Model):
    """A free seat held for the first person waiting, until they answer or the offer expires."""

    class State(models.TextChoices):
        OPEN = "open", _("wacht op antwoord")
        ACCEPTED = "accepted", _("aangenomen")
        DECLINED = "declined", _("afgeslagen")
        EXPIRED = "expired", _("verlopen")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="offers")
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt om"))
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aangeboden plek")
        verbose_name_plural = _("aangeboden plekken")
        indexes = [models.Index(fields=["state", "expires_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(state="open"),
                name="one_open_offer_per_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.state}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN and self.expires_at > timezone.now()


class Guest(models.Model):
    """A colleague outside the pilot at a session open to the organisation: no account, only a
    name and an e-mail address, erased 30 days after the session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    # The language of the sign-up page, so the mails speak it too.
    language = models.CharField(max_length=8, default="nl")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Marked by the coach after the session; None until then.
    present = models.BooleanField(_("aanwezig"), null=True, blank=True)

    class Meta:
        verbose_name = _("gast")
        verbose_name_plural = _("gasten")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                "session",
                condition=models.Q(cancelled_at__isnull=True),
                name="one_sign_up_per_guest_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.session}"

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def holds_seat(self) -> bool:
        return self.confirmed_at is not None and self.cancelled_at is None
