"""Skills, goals, learning activities, experiments and lessons."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from proeftuin.models import Dimension, Membership, Organisation, Proeftuin, Stage

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Skill(models.Model):
    """A data skill in an organisation's catalogue, under one dimension."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="skills")
    key = models.SlugField(max_length=60, help_text=_("Vaste sleutel binnen de organisatie."))
    dimension = models.CharField(_("dimensie"), max_length=40, choices=Dimension.choices)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("data-vaardigheid")
        verbose_name_plural = _("data-vaardigheden")
        ordering = ["dimension", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="skill_key_per_org")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_description(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description


class LevelDescriptor(models.Model):
    """A pilot's own words for one level of one skill; an empty text keeps the default."""

    proeftuin = models.ForeignKey(
        Proeftuin, on_delete=models.CASCADE, related_name="level_descriptors"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="level_descriptors")
    level = models.PositiveSmallIntegerField(_("niveau"), validators=LEVEL_VALIDATORS)
    text = models.CharField(_("zo ziet dit niveau eruit"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("niveaubeschrijving")
        verbose_name_plural = _("niveaubeschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["proeftuin", "skill", "level"], name="one_descriptor_per_skill_level"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="descriptor_level_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} · {self.level}"


class SkillGoal(models.Model):
    """A participant's learning goal (leerdoel) on one skill."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("bezig")
        ACHIEVED = "achieved", _("behaald")
        DROPPED = "dropped", _("gestopt")

    class Confirmation(models.TextChoices):
        """Where the coach's confirmation of an achieved goal stands; "" when nobody asked."""

        NONE = "", _("niet gevraagd")
        ASKED = "asked", _("bevestiging gevraagd")
        MORE_ASKED = "more_asked", _("coach vraagt om meer")
        CONFIRMED = "confirmed", _("bevestigd door de coach")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="goals")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="goals")
    statement = models.CharField(_("wat wil je kunnen?"), max_length=300)
    start_level = models.PositiveSmallIntegerField(_("beginniveau"), validators=LEVEL_VALIDATORS)
    target_level = models.PositiveSmallIntegerField(_("doelniveau"), validators=LEVEL_VALIDATORS)
    current_level = models.PositiveSmallIntegerField(
        _("huidig niveau"), validators=LEVEL_VALIDATORS
    )
    starts_on = models.DateField(_("startdatum"), default=timezone.localdate)
    due_on = models.DateField(_("streefdatum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    confirmation = models.CharField(
        _("bevestiging"), max_length=20, choices=Confirmation.choices, blank=True, default=""
    )
    confirmed_on = models.DateField(_("bevestigd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leerdoel")
        verbose_name_plural = _("leerdoelen")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["membership", "status"]),
            # The goal reminders' window: open goals due around today, instance-wide.
            models.Index(
                fields=["due_on"],
                condition=models.Q(status__in=["open", "in_progress"]),
                name="goal_due_window",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_level__gt=models.F("start_level")),
                name="goal_target_above_start",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gt=models.F("starts_on")),
                name="goal_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.statement

    @property
    def progress_percent(self) -> int:
        span = self.target_level - self.start_level
        done = min(max(self.current_level - self.start_level, 0), span)
        return round(100 * done / span) if span else 100


class GoalCheckIn(models.Model):
    goal = models.ForeignKey(SkillGoal, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField(_("datum"), default=timezone.localdate)
    level = models.PositiveSmallIntegerField(_("niveau"), validators=LEVEL_VALIDATORS)
    note = models.CharField(_("korte notitie"), max_length=500, blank=True)
    # A link to what shows the level (a spreadsheet, a report); files are not stored.
    evidence_url = models.URLField(_("link naar bewijs (optioneel)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tussenstand van een leerdoel")
        verbose_name_plural = _("tussenstanden van leerdoelen")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.level}"


class GoalComment(models.Model):
    """A message in a goal's thread, by the participant or the coach; a confirmation step too."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("opmerking")
        CONFIRMATION_ASKED = "confirmation_asked", _("vraagt om bevestiging")
        CONFIRMED = "confirmed", _("bevestigt dat het doel behaald is")
        MORE_ASKED = "more_asked", _("vraagt om meer")

    goal = models.ForeignKey(SkillGoal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("opmerking"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reactie op een leerdoel")
        verbose_name_plural = _("reacties op leerdoelen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    LUNCH_LECTURE = "lunch_lecture", _("Lunchlezing")
    EXPERIMENT = "experiment", _("Praktijkexperiment")
    COURSE = "course", _("Cursus")
    READING = "reading", _("Lezen")
    PEER_LEARNING = "peer_learning", _("Leren van collega's")
    OTHER = "other", _("Anders")


class LearningActivity(models.Model):
    """Something a participant did to learn (leeractiviteit)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("soort"), max_length=20, choices=ActivityKind.choices)
    on = models.DateField(_("datum"), default=timezone.localdate)
    minutes = models.PositiveIntegerField(
        _("minuten"), validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    title = models.CharField(_("wat heb je gedaan?"), max_length=200)
    reflection = models.TextField(_("wat heb je geleerd?"), blank=True, max_length=4000)
    evidence_url = models.URLField(_("link (optioneel)"), blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="activities")
    goals = models.ManyToManyField(SkillGoal, blank=True, related_name="activities")
    session = models.ForeignKey(
        "workshops.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
    )
    experiment = models.ForeignKey(
        "Experiment", on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leeractiviteit")
        verbose_name_plural = _("leeractiviteiten")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["membership", "-on"]), models.Index(fields=["on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "session"],
                condition=models.Q(session__isnull=False),
                name="one_activity_per_attended_session",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=1440),
                name="activity_minutes_in_a_day",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Experiment(models.Model):
    """An on-the-job experiment (praktijkexperiment); it runs only after its ethics review."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        RUNNING = "running", _("loopt")
        DONE = "done", _("afgerond")
        STOPPED = "stopped", _("gestopt")

    owner = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="experiments")
    co_members = models.ManyToManyField(Membership, blank=True, related_name="shared_experiments")
    title = models.CharField(_("titel"), max_length=200)
    question = models.TextField(_("onderzoeksvraag"), max_length=2000)
    data_used = models.TextField(_("welke gegevens gebruik je?"), blank=True, max_length=2000)
    planned_start = models.DateField(_("geplande start"))
    planned_end = models.DateField(_("gepland einde"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    outcome = models.TextField(_("uitkomst"), blank=True, max_length=4000)
    # The backlog question it answers: whose question it was stays with the experiment.
    origin = models.ForeignKey(
        "backlog.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
        verbose_name=_("komt voort uit de vraag"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("praktijkexperiment")
        verbose_name_plural = _("praktijkexperimenten")
        ordering = ["-planned_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")),
                name="experiment_ends_after_start",
            )
        ]
        indexes = [
            # The reflection reminders' window: experiments without outcome, by planned end.
            models.Index(
                fields=["planned_end"],
                condition=models.Q(outcome=""),
                name="experiment_reflection_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ethics_approved(self) -> bool:
        review = getattr(self, "ethics_review", None)
        return review is not None and review.state == EthicsReview.State.APPROVED


class EthicsReview(models.Model):
    """The answers to the ethics questions of one experiment and where their review stands.

    The questions and their prompts are in learning/ethics.py; the steps taken (submitted,
    changes asked, approved ...) are kept as EthicsReviewStep rows, so the history stays.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("nog niet ingediend")
        WAITING = "waiting", _("wacht op beoordeling")
        CHANGES_REQUESTED = "changes_requested", _("aanpassingen gevraagd")
        APPROVED = "approved", _("goedgekeurd")
        ADVISED_AGAINST = "advised_against", _("afgeraden")

    experiment = models.OneToOneField(
        Experiment, on_delete=models.CASCADE, related_name="ethics_review"
    )
    affected = models.TextField(_("om wie gaat het?"), blank=True, max_length=2000)
    understanding_and_consent = models.TextField(
        _("begrijpen zij het, en hoe vraag je toestemming?"), blank=True, max_length=2000
    )
    personal_data = models.TextField(
        _("welke persoonsgegevens, en waarom elk daarvan?"), blank=True, max_length=2000
    )
    not_want_to_know = models.TextField(
        _("wat willen we bewust níet weten?"), blank=True, max_length=2000
    )
    retention_and_access = models.TextField(
        _("hoe lang bewaren we het, en wie kan het zien?"), blank=True, max_length=2000
    )
    automated_decisions = models.TextField(
        _("beslist een algoritme of score iets over iemand?"), blank=True, max_length=2000
    )
    comfortable_reading = models.TextField(
        _("zouden de betrokkenen dit prettig vinden om te lezen?"), blank=True, max_length=2000
    )
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Outside experts the coach invited to read this review; they see nothing else.
    invited_experts = models.ManyToManyField(Membership, blank=True, related_name="invited_reviews")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ethische toets")
        verbose_name_plural = _("ethische toetsen")
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.experiment} · {self.get_state_display()}"


class EthicsReviewStep(models.Model):
    """One step in a review's history, with the actor's role so it reads without names."""

    class Kind(models.TextChoices):
        SELF_CERTIFIED = "self_certified", _("eigen check van de eigenaar (vóór de toetsing)")
        SUBMITTED = "submitted", _("ingediend")
        CHANGES_REQUESTED = "changes_requested", _("aanpassingen gevraagd")
        APPROVED = "approved", _("goedgekeurd")
        ADVISED_AGAINST = "advised_against", _("afgeraden")
        REOPENED = "reopened", _("heropend na een wijziging")

    review = models.ForeignKey(EthicsReview, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "owner", "coach", "ethics_reviewer" or "expert": what the history shows instead of a name.
    actor_role = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("toelichting"), blank=True, max_length=4000)
    # question key -> the reviewer's comment on that answer
    comments = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stap in een ethische toets")
        verbose_name_plural = _("stappen in ethische toetsen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.review_id} · {self.kind} · {self.at:%Y-%m-%d}"


class LessonTheme(models.TextChoices):
    """What a lesson is about, as other organisations look for it; a small fixed vocabulary."""

    SAFE_AND_ETHICAL = "safe_and_ethical", _("Veilig en ethisch")
    MEANS = "means", _("De middelen")
    BRINGING_PEOPLE_ALONG = "bringing_people_along", _("Mensen meenemen")
    LEADERSHIP = "leadership", _("Leiderschap en visie")
    LEARNING_SKILLS = "learning_skills", _("Vaardigheden leren")
    STARTING_SMALL = "starting_small", _("Klein beginnen")
    SHOWING_IMPACT = "showing_impact", _("Impact zichtbaar maken")


class Lesson(models.Model):
    """A best practice or pitfall; anonymous in everything that leaves the pilot."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Goede praktijk")
        PITFALL = "pitfall", _("Valkuil")

    class Review(models.TextChoices):
        DRAFT = "draft", _("concept")
        APPROVED = "approved", _("goedgekeurd voor het informatiepakket")

    class SuccessStory(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld als succesverhaal")
        SHOWN = "shown", _("succesverhaal")

    proeftuin = models.ForeignKey(Proeftuin, on_delete=models.CASCADE, related_name="lessons")
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    dimension = models.CharField(_("dimensie"), max_length=40, choices=Dimension.choices)
    text = models.TextField(_("les"), max_length=2000)
    toolkit_text = models.TextField(
        _("tekst voor het informatiepakket"),
        blank=True,
        max_length=2000,
        help_text=_("Zonder namen of andere herleidbare details."),
    )
    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, null=True, blank=True, related_name="lessons"
    )
    session = models.ForeignKey(
        "workshops.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        LearningActivity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The culture stage the lesson speaks to and its themes: set in the coach's review.
    stage = models.PositiveSmallIntegerField(
        _("fase"), choices=Stage.choices, null=True, blank=True
    )
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    # An ambassador proposes a lesson as a success story; it is shown once the coach agrees.
    success_story = models.CharField(
        _("succesverhaal"), max_length=20, choices=SuccessStory.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["proeftuin", "review"])]

    def __str__(self) -> str:
        return self.text[:60]
