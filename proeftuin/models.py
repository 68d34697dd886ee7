"""Organisations, pilots (proeftuinen), roles, measurement and the audit trail."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .precompiled import Precompiled


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def get(self, *args, **kwargs):
        """A queryset's get; `get(pk=id)`, which reads the signed-in user of every request
        (Django's ModelBackend.get_user), runs a query compiled once (proeftuin.precompiled)."""
        pk = kwargs.get("pk")
        by_id_alone = not args and kwargs.keys() == {"pk"} and type(pk) is int
        # Only `User.objects` itself: a related manager (group.user_set, a subclass made by
        # Django) filters by its relation, a migration's historical User and another database
        # keep the plain get.
        plain = type(self) is not UserManager or self.model is not User or self._db is not None
        if not by_id_alone or plain:
            return super().get(*args, **kwargs)
        found = _USER_BY_PK.rows(user=pk)
        if not found:
            raise self.model.DoesNotExist("User matching query does not exist.")
        return found[0]


class User(AbstractBaseUser, PermissionsMixin):
    """A person; logs in with an e-mail address."""

    class Language(models.TextChoices):
        DUTCH = "nl", "Nederlands"
        ENGLISH = "en", "English"

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    language = models.CharField(
        _("taal"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    is_staff = models.BooleanField(_("beheerder"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    erased_at = models.DateTimeField(_("gewist op"), null=True, blank=True)
    # Raised by "log out everywhere else": part of the session hash, so older sessions end.
    sessions_epoch = models.PositiveIntegerField(_("sessieteller"), default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    def _get_session_auth_hash(self, secret=None):
        # Django hashes the password hash; adding the epoch lets a user end their other sessions.
        key_salt = "proeftuin.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.sessions_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()


_USER_BY_PK = Precompiled(lambda user: User.objects.filter(pk=user), user=-2_000_000_008)


class Sector(models.TextChoices):
    """What kind of organisation, as the shared library names it; a small fixed list."""

    SOCIAL_ENTERPRISE = "social_enterprise", _("een sociale onderneming")
    CARE_AND_WELFARE = "care_and_welfare", _("een organisatie in zorg en welzijn")
    YOUTH = "youth", _("een jeugdorganisatie")
    EDUCATION = "education", _("een onderwijsinstelling")
    GOVERNMENT = "government", _("een gemeente of andere overheid")
    CULTURE = "culture", _("een culturele organisatie")
    OTHER = "other", _("een organisatie")


class SizeBand(models.TextChoices):
    UP_TO_10 = "1-10", _("tot 10 medewerkers")
    UP_TO_50 = "10-50", _("10-50 medewerkers")
    UP_TO_250 = "50-250", _("50-250 medewerkers")
    MORE = "250+", _("meer dan 250 medewerkers")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    # How the shared library describes the organisation; the director sets them.
    sector = models.CharField(
        _("sector"), max_length=30, choices=Sector.choices, default=Sector.OTHER
    )
    size_band = models.CharField(
        _("aantal medewerkers"), max_length=10, choices=SizeBand.choices, blank=True
    )
    # Named on public pages only when the director chose so; otherwise sector and size stand in.
    named_in_library = models.BooleanField(_("met naam in de bibliotheek"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_name(self) -> str:
        """The name on public pages: the real one if the director chose so, else a description."""
        if self.named_in_library:
            return self.name
        description = str(Sector(self.sector).label)
        if self.size_band:
            description = f"{description}, {SizeBand(self.size_band).label}"
        return description


class Proeftuin(models.Model):
    """A pilot group of one organisation, with its own privacy settings."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="proeftuinen"
    )
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"), blank=True)
    starts_on = models.DateField(_("startdatum"))
    ends_on = models.DateField(_("einddatum"))
    director_sees_individuals = models.BooleanField(
        _("directeur mag gedeelde voortgang op naam zien"), default=False
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("kleinste groep voor een cijfer"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
    )
    quiet_after_days = models.PositiveSmallIntegerField(
        _("herinnering na dagen zonder activiteit"),
        default=14,
        validators=[MinValueValidator(3), MaxValueValidator(90)],
    )
    # Reminder timing the coach sets (notifications.pilot_timing); the bounds live here.
    session_days_before = models.PositiveSmallIntegerField(
        _("herinnering voor een bijeenkomst: dagen vooraf"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    goal_days_before = models.PositiveSmallIntegerField(
        _("herinnering voor een leerdoel: dagen voor de streefdatum"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn na einde (maanden)"),
        default=12,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    toolkit_public_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # In the instance's shared library for members of other organisations; None when not.
    toolkit_shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proeftuin")
        verbose_name_plural = _("proeftuinen")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="proeftuin_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def has_ended(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("deelnemer")
    COACH = "coach", _("coach")
    DIRECTOR = "director", _("directeur")
    # A stakeholder in the steering group: sees the pilot's aggregates as the director does.
    STEERING = "steering", _("stuurgroeplid")
    # Invited from outside for one review (a devil's advocate): sees only that.
    EXPERT = "expert", _("externe deskundige")


# Tasks a member holds beside their role (Membership flags), named like a role in ROLES_FOR.
ETHICS_REVIEWER = "ethics_reviewer"
AMBASSADOR = "ambassador"


class Membership(models.Model):
    """A person's role in one pilot, with their consent to share progress by name."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    shares_progress_with_director = models.BooleanField(
        _("deel mijn voortgang op naam met de directeur"), default=False
    )
    # A task beside the role, not a role: an ethics reviewer is usually a participant too, and a
    # pilot holds one role per person (one_role_per_pilot).
    is_ethics_reviewer = models.BooleanField(
        _("ethisch toetser (advocaat van de duivel)"), default=False
    )
    # A participant who carries the pilot's successes: proposes lessons as success stories.
    is_ambassador = models.BooleanField(_("ambassadeur"), default=False)
    joined_at = models.DateTimeField(_("lid sinds"), default=timezone.now)
    welcome_dismissed_at = models.DateTimeField(_("welkom weggeklikt op"), null=True, blank=True)
    # The day of the latest activity, kept by learning.activity_dates on every activity write,
    # so the gone-quiet reminder reads one column instead of aggregating all activities.
    latest_activity_on = models.DateField(_("laatste activiteit op"), null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "proeftuin"], name="one_role_per_pilot")
        ]
        indexes = [
            models.Index(fields=["proeftuin", "role", "is_active"]),
            # The gone-quiet planner's window: active participants by their latest activity.
            models.Index(
                fields=["latest_activity_on"],
                condition=models.Q(role="participant", is_active=True),
                name="membership_quiet_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.proeftuin.name}"

    @property
    def holds(self) -> frozenset[str]:
        """The role plus the tasks beside it; what proeftuin.access.ROLES_FOR is asked about."""
        tasks = {ETHICS_REVIEWER} if self.is_ethics_reviewer else set()
        if self.is_ambassador and self.role == Role.PARTICIPANT:
            tasks.add(AMBASSADOR)  # an ambassador is a participant who shares successes
        return frozenset({self.role, *tasks})


class ConsentRecord(models.Model):
    """Every time a person gives or withdraws a consent; the page shows the dates."""

    class Kind(models.TextChoices):
        SHARE_WITH_DIRECTOR = "share_with_director", _("voortgang op naam delen met directeur")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    given = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.given} ({self.at:%Y-%m-%d})"


class Invitation(models.Model):
    """A single-use, expiring link that lets a person join a pilot in a role."""

    email = models.EmailField(_("e-mailadres"))
    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.proeftuin.name}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class Dimension(models.TextChoices):
    """The four dimensions of data-driven work; fixed."""

    DATA_ANALYSIS = "data_analysis", _("Analyse van gegevens")
    LEARNING_AND_CHANGE = "learning_and_change", _("Leren en veranderen")
    PEOPLE_AND_ORGANISATION = "people_and_organisation", _("Mens en organisatie")
    PUBLIC_VALUE = "public_value", _("Publieke waarde")


class Stage(models.IntegerChoices):
    """The five stages of maturity, ordered; fixed."""

    LIMITING = 1, _("Beperkend")
    CURIOUS = 2, _("Benieuwd")
    AWARE = 3, _("Bewust")
    DRIVEN = 4, _("Gedreven")
    SKILLED = 5, _("Bedreven")


class MeasurementRound(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Nulmeting")
        FOLLOW_UP = "follow_up", _("Vervolgmeting")

    proeftuin = models.ForeignKey(
        Proeftuin, on_delete=models.CASCADE, related_name="measurement_rounds"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit op"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meetronde")
        verbose_name_plural = _("meetrondes")
        ordering = ["opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            ),
            models.UniqueConstraint(
                fields=["proeftuin"],
                condition=models.Q(kind="baseline"),
                name="one_baseline_per_pilot",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.opens_on:%Y-%m-%d}"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class MaturityAssessment(models.Model):
    """One participant's answer to one measurement round."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="assessments")
    round = models.ForeignKey(
        MeasurementRound, on_delete=models.CASCADE, related_name="assessments"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.UniqueConstraint(fields=["membership", "round"], name="one_assessment_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.round}"


class AssessmentAnswer(models.Model):
    """The stage chosen for one dimension, about the organisation or about oneself."""

    class Subject(models.TextChoices):
        ORGANISATION = "organisation", _("de organisatie")
        SELF = "self", _("mijzelf")

    assessment = models.ForeignKey(
        MaturityAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    dimension = models.CharField(max_length=40, choices=Dimension.choices)
    subject = models.CharField(max_length=20, choices=Subject.choices)
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("antwoord op een meting")
        verbose_name_plural = _("antwoorden op metingen")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension", "subject"], name="one_answer_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__gte=1, stage__lte=5), name="stage_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} ({self.subject}): {self.stage}"


class AssessmentDraft(models.Model):
    """A round answered step by step: the dimensions done so far, until the last step turns
    them into a MaturityAssessment. Kept apart so a half-answered round never counts as
    answered in the response, the report or the reminders."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="assessment_drafts"
    )
    round = models.ForeignKey(
        MeasurementRound, on_delete=models.CASCADE, related_name="assessment_drafts"
    )
    # {dimension: {"organisation": stage, "self": stage, "note": text}}, checked by
    # measurement.services.save_step before it is stored.
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meting in wording")
        verbose_name_plural = _("metingen in wording")
        constraints = [
            models.UniqueConstraint(fields=["membership", "round"], name="one_draft_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.round} ({len(self.answers)}/4)"


class StageAdvice(models.Model):
    """An organisation's own advice for one cell; an empty field keeps the default."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="stage_advice"
    )
    dimension = models.CharField(_("dimensie"), max_length=40, choices=Dimension.choices)
    stage = models.PositiveSmallIntegerField(_("fase"), choices=Stage.choices)
    looks_like = models.TextField(_("zo ziet deze fase eruit"), max_length=2000, blank=True)
    next_asks = models.TextField(_("dit vraagt de volgende fase"), max_length=2000, blank=True)
    actions = models.TextField(_("acties, één per regel"), max_length=3000, blank=True)
    # The text is written in one language; a reader in another reads the default in theirs.
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("advies per fase")
        verbose_name_plural = _("adviezen per fase")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dimension", "stage", "language"],
                name="one_advice_per_cell_and_language",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__gte=1, stage__lte=5), name="advice_stage_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_dimension_display()} · {self.get_stage_display()}"


class Ambition(models.Model):
    """The stage the organisation aims for on one dimension, by when, and why."""

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="ambitions")
    dimension = models.CharField(_("dimensie"), max_length=40, choices=Dimension.choices)
    target_stage = models.PositiveSmallIntegerField(_("gewenste fase"), choices=Stage.choices)
    target_on = models.DateField(_("bereikt op"))
    why = models.CharField(_("waarom"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        constraints = [
            models.UniqueConstraint(fields=["proeftuin", "dimension"], name="one_ambition_per_dim"),
            models.CheckConstraint(
                condition=models.Q(target_stage__gte=1, target_stage__lte=5),
                name="ambition_stage_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.get_target_stage_display()}"


class Commitment(models.Model):
    """What the sponsor commits to the pilot: hours per participant per month, and a budget."""

    proeftuin = models.OneToOneField(Proeftuin, on_delete=models.CASCADE, related_name="commitment")
    hours_per_participant_per_month = models.DecimalField(
        _("uren per deelnemer per maand"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    budget_euros = models.PositiveIntegerField(_("budget (euro)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")

    def __str__(self) -> str:
        return f"{self.proeftuin}: {self.hours_per_participant_per_month} h"


class PlanAction(models.Model):
    """One action of the pilot's plan: who does it, by when, and what carries it out."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("gedaan")
        DROPPED = "dropped", _("vervallen")

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="plan_actions")
    dimension = models.CharField(_("dimensie"), max_length=40, choices=Dimension.choices)
    text = models.CharField(_("actie"), max_length=300)
    # The stage whose advice the action came from; empty for the organisation's own action.
    advice_stage = models.PositiveSmallIntegerField(
        _("uit het advies bij fase"), choices=Stage.choices, null=True, blank=True
    )
    owner = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("klaar op"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    session = models.ForeignKey(
        "workshops.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    experiment = models.ForeignKey(
        "learning.Experiment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A learning goal participants adopt in one step: the skill, and what the goal says.
    skill = models.ForeignKey(
        "learning.Skill", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goal_statement = models.CharField(_("voorgesteld leerdoel"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actie uit het plan")
        verbose_name_plural = _("acties uit het plan")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["proeftuin", "status", "due_on"])]

    def __str__(self) -> str:
        return self.text


class AuditEvent(models.Model):
    """Who viewed, exported or erased whose personal data, and when; append-only."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("bekeken")
        EXPORTED = "exported", _("geëxporteerd")
        ERASED = "erased", _("gewist")
        ANONYMISED = "anonymised", _("geanonimiseerd")
        CONSENT_CHANGED = "consent_changed", _("toestemming gewijzigd")
        REVIEWED = "reviewed", _("ethisch getoetst")
        PUBLISHED = "published", _("gepubliceerd of teruggetrokken")
        APPOINTED = "appointed", _("taak gegeven of ingetrokken")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_actions"
    )
    subject = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    # What was touched, as a code of `proeftuin.audit.What` plus its parameters: the sentence
    # is rendered when shown, in the reader's language, not stored in the writer's.
    code = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-at"]
        indexes = [models.Index(fields=["subject", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.code}"


class BenchmarkContribution(models.Model):
    """An organisation's director chose to add its round results to the peer benchmark; no row,
    no contribution. Who chose and when is in the audit log."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="benchmark_contribution"
    )
    since = models.DateTimeField(_("doet mee sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("deelname aan de vergelijking")
        verbose_name_plural = _("deelnames aan de vergelijking")

    def __str__(self) -> str:
        return str(self.organisation)


class BenchmarkVersion(models.Model):
    """One row: a token that every change able to move a cell of the peer benchmark replaces
    (`network.benchmark.connect`), so that cells cached under an older token are never read."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("versie van de vergelijking")
        verbose_name_plural = _("versies van de vergelijking")

    def __str__(self) -> str:
        return self.token


class ContactPoint(models.Model):
    """Whom another organisation reaches through the instance's contact form: the holders of one
    role in one pilot. No address is stored here or shown anywhere."""

    class Holder(models.TextChoices):
        COACH = Role.COACH, _("de coach van deze proeftuin")
        DIRECTOR = Role.DIRECTOR, _("de directeur van deze proeftuin")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="contact_point"
    )
    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(
        _("wie antwoordt"), max_length=20, choices=Holder.choices, default=Holder.COACH
    )
    is_open = models.BooleanField(_("contactformulier aan"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contactpunt")
        verbose_name_plural = _("contactpunten")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_role_display()}"


class LibraryEntry(models.Model):
    """One published item of the shared library as the public search finds it.

    Written when a director publishes the package and deleted when they withdraw it, so the search
    forgets at once. Holds only text that already passed the redactor and the coach's review.
    """

    class Kind(models.TextChoices):
        PACKAGE = "package", _("informatiepakket")
        CASE = "case", _("praktijkcase")
        LESSON = "lesson", _("les")

    proeftuin = models.ForeignKey(
        Proeftuin, on_delete=models.CASCADE, related_name="library_entries"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    # The case's experiment, for the link to its page; no person is reached through it.
    experiment_id = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(_("titel"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    lesson_kind = models.CharField(max_length=20, blank=True)
    # Space-separated keys with a space on either side (" data_analysis public_value "), so one
    # `icontains` filters on SQLite and PostgreSQL alike.
    dimensions = models.CharField(max_length=200, blank=True)
    stages = models.CharField(max_length=40, blank=True)
    themes = models.CharField(max_length=300, blank=True)
    # Filled on PostgreSQL only (library.index), each with a GIN index (migration 0018).
    search_nl = SearchVectorField(null=True, blank=True)
    search_en = SearchVectorField(null=True, blank=True)

    class Meta:
        verbose_name = _("item in de bibliotheek")
        verbose_name_plural = _("items in de bibliotheek")
        ordering = ["kind", "pk"]
        # The library's lists: one kind, newest first, a page at a time.
        indexes = [models.Index(fields=["kind", "-id"], name="libraryentry_kind_newest")]

    def __str__(self) -> str:
        return self.title
