"""The reminder ledger: a row per (rule, recipient, subject, period) sends exactly once."""

from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin.models import ETHICS_REVIEWER, Proeftuin, Role, User


class Rule(models.TextChoices):
    SESSION_SOON = "session_soon", _("Herinnering voor een bijeenkomst")
    SESSION_CHANGED = "session_changed", _("Bijeenkomst verplaatst of geannuleerd")
    COACH_PLAN_NEXT_MONTH = "coach_plan_next_month", _("Plan de bijeenkomsten van volgende maand")
    GONE_QUIET = "gone_quiet", _("Al even niets gelogd")
    GOAL_DUE = "goal_due", _("Leerdoel bijna verlopen")
    EXPERIMENT_REFLECTION = "experiment_reflection", _("Experiment wacht op je reflectie")
    ROUND_OPENED = "round_opened", _("Meetronde geopend")
    ROUND_CLOSING = "round_closing", _("Meetronde sluit bijna")
    SESSION_FEEDBACK = "session_feedback", _("Vraag om feedback na een bijeenkomst")
    DIRECTOR_DIGEST = "director_digest", _("Maandoverzicht voor de directeur")
    PLAN_GAP = "plan_gap", _("Dimensie onder de ambitie zonder actie")
    PLAN_ACTION_DUE = "plan_action_due", _("Actie uit het plan bijna aan de beurt")
    ETHICS_REVIEW_WAITING = "ethics_review_waiting", _("Een ethische toets wacht op jouw oordeel")
    ETHICS_CHANGES_REQUESTED = (
        "ethics_changes_requested",
        _("Aanpassingen gevraagd bij je ethische toets"),
    )
    GOAL_CONFIRMATION_ASKED = (
        "goal_confirmation_asked",
        _("Een deelnemer vraagt je een behaald leerdoel te bevestigen"),
    )
    GOAL_MESSAGE = "goal_message", _("Nieuw bericht bij een leerdoel")
    SESSION_OFFER = "session_offer", _("Er is een plek vrij op de wachtlijst")
    GUEST_CONFIRM = "guest_confirm", _("Bevestig je aanmelding als gast")
    COACH_INBOX_DIGEST = "coach_inbox_digest", _("Weekoverzicht van wat in je postvak wacht")


# Not a role: someone without an account, a guest at a session open to the organisation.
GUEST = "guest"

# Who can receive each rule, read from the code that plans or sends it. Only participants
# register for sessions (workshops.services.register), set goals, run experiments and answer
# measurement rounds, so every rule about those reaches participants only.
RULE_ROLES: dict[str, frozenset[str]] = {
    # workshops.reminders.plan_session_reminders: people registered going or maybe
    Rule.SESSION_SOON: frozenset({Role.PARTICIPANT}),
    # workshops.services._notify_registrants: registered people
    Rule.SESSION_CHANGED: frozenset({Role.PARTICIPANT}),
    # workshops.reminders.plan_coach_next_month: the pilot's coaches
    Rule.COACH_PLAN_NEXT_MONTH: frozenset({Role.COACH}),
    # learning.reminders.plan_gone_quiet: participant memberships
    Rule.GONE_QUIET: frozenset({Role.PARTICIPANT}),
    # learning.reminders.plan_goal_due: the goal's owner
    Rule.GOAL_DUE: frozenset({Role.PARTICIPANT}),
    # learning.reminders.plan_experiment_reflection: the experiment's owner
    Rule.EXPERIMENT_REFLECTION: frozenset({Role.PARTICIPANT}),
    # proeftuin.measurement.reminders.plan_round_opened / plan_round_closing: non-respondents
    Rule.ROUND_OPENED: frozenset({Role.PARTICIPANT}),
    Rule.ROUND_CLOSING: frozenset({Role.PARTICIPANT}),
    # workshops.services._ask_for_feedback: participants marked present
    Rule.SESSION_FEEDBACK: frozenset({Role.PARTICIPANT}),
    # proeftuin.overview.digest.plan_director_digest: the pilot's directors
    Rule.DIRECTOR_DIGEST: frozenset({Role.DIRECTOR}),
    # proeftuin.measurement.reminders.plan_plan_gap: the pilot's coaches
    Rule.PLAN_GAP: frozenset({Role.COACH}),
    # proeftuin.measurement.reminders.plan_action_due: the action's owner, any member
    Rule.PLAN_ACTION_DUE: frozenset({Role.PARTICIPANT, Role.COACH, Role.DIRECTOR}),
    # learning.reminders.plan_ethics_review_waiting: the coaches and the appointed reviewers
    # of the pilot (a task held beside a role, Membership.holds)
    Rule.ETHICS_REVIEW_WAITING: frozenset({Role.COACH, ETHICS_REVIEWER}),
    # learning.reminders.plan_ethics_changes_requested: the experiment's owner
    Rule.ETHICS_CHANGES_REQUESTED: frozenset({Role.PARTICIPANT}),
    # learning.services.ask_confirmation: the pilot's coaches
    Rule.GOAL_CONFIRMATION_ASKED: frozenset({Role.COACH}),
    # learning.services.add_comment / decide_confirmation: the other side of the goal's thread
    Rule.GOAL_MESSAGE: frozenset({Role.PARTICIPANT, Role.COACH}),
    # workshops.services._offer_free_seats: the first participant on the waiting list
    Rule.SESSION_OFFER: frozenset({Role.PARTICIPANT}),
    # workshops.services.sign_up_guest: a guest, who has no account and so no role (the
    # session reminder reaches guests too, workshops.reminders.plan_guest_reminders)
    Rule.GUEST_CONFIRM: frozenset({GUEST}),
    # proeftuin.inbox.digest.plan_coach_inbox_digest: coaches with something in their inbox
    Rule.COACH_INBOX_DIGEST: frozenset({Role.COACH}),
}


def rules_for_roles(roles: Iterable[str]) -> list[str]:
    """The rules that can reach someone holding any of `roles`, in the order of Rule."""
    roles = set(roles)
    return [rule for rule in Rule.values if RULE_ROLES[rule] & roles]


class Reminder(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("wacht")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")
        AMBIGUOUS = "ambiguous", _("onzeker: controleren")
        SKIPPED = "skipped", _("overgeslagen")

    rule = models.CharField(max_length=40, choices=Rule.choices)
    # A person with an account, or (for a guest at a session, who has none) `guest`.
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="reminders", null=True, blank=True
    )
    guest = models.ForeignKey(
        "workshops.Guest", on_delete=models.CASCADE, related_name="reminders", null=True, blank=True
    )
    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, null=True, blank=True)
    subject_key = models.CharField(max_length=100)
    period = models.CharField(max_length=40)
    due_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) when a try begins, cleared when it ends: one try at a time.
    send_started_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) just before the final "." of DATA, cleared when the try ends: only a
    # claim that expires while it is set means the mail may have gone (the row turns ambiguous).
    # A try that died with it empty was not accepted, and the row is sent again.
    data_sent_at = models.DateTimeField(null=True, blank=True)
    # When the sweep that claimed the row handed it to a send task; a claim still without it
    # after REMINDER_HANDOFF_GRACE belongs to a sweep that died, and the next sweep retakes it.
    handed_off_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    context = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "subject_key", "period"],
                name="reminder_once_per_rule_recipient_subject_period",
            ),
            models.UniqueConstraint(
                fields=["rule", "guest", "subject_key", "period"],
                condition=models.Q(guest__isnull=False),
                name="reminder_once_per_rule_guest_subject_period",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=True) ^ models.Q(guest__isnull=True),
                name="reminder_has_one_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient_id} ({self.subject_key}, {self.period})"


class NotificationPreference(models.Model):
    """A rule a user opted out of; absent means the reminder is wanted."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_opt_outs")
    rule = models.CharField(max_length=40, choices=Rule.choices)

    class Meta:
        verbose_name = _("keuze voor herinneringen")
        verbose_name_plural = _("keuzes voor herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["user", "rule"], name="one_opt_out_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.user} ✗ {self.rule}"


class SweepRecord(models.Model):
    """When the last reminder sweep finished (one row): /healthz and the metrics read it."""

    finished_at = models.DateTimeField()
    claimed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("herinneringsronde")
        verbose_name_plural = _("herinneringsrondes")

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M:%S}"
