"""Forms of the learning pages; the cross-field rules come from services (one source of truth)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from proeftuin.models import Dimension, Membership
from proeftuin.validation import DateFormField, DateInput, LinkFormField, ObjectsByIdFormField

from . import ethics, levels, selectors, services
from .models import (
    ActivityKind,
    EthicsReview,
    Experiment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)


def _level_field(label, choices=None) -> forms.TypedChoiceField:
    # Radio buttons, so the behaviour of each level stands beside its choice on a phone too.
    return forms.TypedChoiceField(
        label=label,
        choices=choices or levels.general_choices(),
        coerce=int,
        widget=forms.RadioSelect,
    )


def _add_errors(form: forms.BaseForm, errors: dict) -> None:
    for name, message in errors.items():
        form.add_error(name if name in form.fields else None, message)


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "dimension", "description", "name_en", "description_en", "is_active"]


class GoalForm(forms.ModelForm):
    start_level = _level_field(_("Waar sta je nu?"))
    target_level = _level_field(_("Waar wil je naartoe?"))

    class Meta:
        model = SkillGoal
        fields = ["skill", "statement", "start_level", "target_level", "due_on"]
        field_classes = {"due_on": DateFormField}
        widgets = {"due_on": DateInput()}
        labels = {"skill": _("Vaardigheid")}

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["skill"].queryset = selectors.skills_of(membership.proeftuin.organisation)
        self.fields["skill"].error_messages["invalid_choice"] = _(
            "Kies een vaardigheid uit de lijst van je eigen organisatie."
        )
        if not self.instance.pk:
            self.initial.setdefault(
                "due_on", (timezone.localdate() + timedelta(days=90)).isoformat()
            )
        self.fields["due_on"].help_text = _("Uiterlijk een jaar vooruit.")
        if self.instance.pk:
            # The skill is known: each level choice says what it means for this skill.
            choices = levels.choices_for(membership.proeftuin, self.instance.skill)
            self.fields["start_level"].choices = choices
            self.fields["target_level"].choices = choices

    def clean(self):
        cleaned = super().clean()
        _add_errors(
            self,
            services.goal_errors(
                membership=self.membership,
                skill=cleaned.get("skill"),
                start_level=cleaned.get("start_level"),
                target_level=cleaned.get("target_level"),
                starts_on=self.instance.starts_on if self.instance.pk else timezone.localdate(),
                due_on=cleaned.get("due_on"),
            ),
        )
        return cleaned

    def _post_clean(self):
        # The services write; skip model validation against a half-built instance.
        pass


class CheckInForm(forms.Form):
    """Level, note and day of a check-in; services.add_check_in judges the day (errors on `on`)."""

    level = _level_field(_("Waar sta je nu?"))
    note = forms.CharField(
        label=_("Korte notitie (optioneel)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = DateFormField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Meestal vandaag. Was je al eerder op dit niveau? Kies dan die dag. "
            "Niet later dan vandaag en niet vóór de start van dit doel."
        ),
    )
    evidence_url = LinkFormField(
        label=_("Link naar bewijs (optioneel)"),
        help_text=_(
            "Iets wat laat zien waar je staat: je spreadsheet, een verslag, een grafiek. "
            "Alleen een link; bestanden bewaren we niet."
        ),
    )

    def __init__(self, *args, goal: SkillGoal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = levels.choices_for(goal.membership.proeftuin, goal.skill)


class LevelDescriptorsForm(forms.Form):
    """The coach's own words per level of one skill; an empty field keeps the default."""

    def __init__(self, *args, proeftuin, skill: Skill, **kwargs):
        super().__init__(*args, **kwargs)
        own = {row.level: row.text for row in skill.level_descriptors.filter(proeftuin=proeftuin)}
        for level in levels.LEVELS:
            self.fields[f"level_{level}"] = forms.CharField(
                label=f"{level} · {levels.LEVEL_NAMES[level]}",
                required=False,
                max_length=services.DESCRIPTOR_MAX_LENGTH,
                initial=own.get(level, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=format_lazy(
                    "{}: {}", _("Standaard"), levels.default_text(skill.key, level)
                ),
            )

    def texts(self) -> dict[int, str]:
        return {level: self.cleaned_data[f"level_{level}"] for level in levels.LEVELS}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Je bericht"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmationForm(forms.Form):
    """A note with a request for confirmation, or with the coach's answer to it."""

    text = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActivityForm(forms.ModelForm):
    evidence_url = LinkFormField(
        label=_("Link (optioneel)"),
        help_text=_("Bijvoorbeeld naar je spreadsheet of een artikel."),
    )

    class Meta:
        model = LearningActivity
        fields = ["kind", "on", "minutes", "title", "reflection", "skills", "goals", "evidence_url"]
        field_classes = {
            "on": DateFormField,
            "skills": ObjectsByIdFormField,
            "goals": ObjectsByIdFormField,
        }
        widgets = {
            "on": DateInput(),
            "minutes": forms.NumberInput(attrs={"min": 1, "max": 1440, "inputmode": "numeric"}),
            "reflection": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
        }
        labels = {"skills": _("Vaardigheden"), "goals": _("Leerdoelen")}

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["minutes"].error_messages.update(
            {
                "min_value": _("Vul een aantal minuten in tussen 1 en 1440 (een hele dag)."),
                "max_value": _("Vul een aantal minuten in tussen 1 en 1440 (een hele dag)."),
            }
        )
        self.fields["minutes"].help_text = _("Tussen 1 en 1440.")
        if not self.instance.pk:
            self.initial.setdefault("on", timezone.localdate().isoformat())
        if "skills" in self.fields:
            self.fields["skills"].queryset = selectors.skills_of(membership.proeftuin.organisation)
            self.fields["skills"].required = False
        if "goals" in self.fields:
            self.fields["goals"].queryset = SkillGoal.objects.filter(
                membership=membership
            ).order_by("-status", "due_on")
            self.fields["goals"].required = False

    def clean(self):
        cleaned = super().clean()
        _add_errors(
            self,
            services.activity_errors(
                membership=self.membership,
                on=cleaned.get("on"),
                minutes=cleaned.get("minutes"),
                skills=cleaned.get("skills") or (),
                goals=cleaned.get("goals") or (),
            ),
        )
        return cleaned

    def _post_clean(self):
        pass


class QuickActivityForm(ActivityForm):
    """The dashboard's form: a kind and save, two taps. The minutes start at half an hour, the
    date at today, and without a title the activity is named after its kind."""

    evidence_url = None

    class Meta(ActivityForm.Meta):
        fields = ["kind", "on", "minutes", "title"]
        widgets = {**ActivityForm.Meta.widgets, "kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Mag leeg blijven: dan heet het zoals de soort.")
        self.initial.setdefault("minutes", 30)

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        kind = self.cleaned_data.get("kind")  # cleaned before the title: the fields' order
        if not title and kind:
            return str(ActivityKind(kind).label)
        return title


class ExperimentForm(forms.ModelForm):
    co_members = ObjectsByIdFormField(
        label=_("Delen met collega's uit de proeftuin"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Zij kunnen het experiment lezen; alleen jij kunt het wijzigen."),
    )

    class Meta:
        model = Experiment
        fields = [
            "title",
            "question",
            "data_used",
            "planned_start",
            "planned_end",
            "status",
            "outcome",
            "co_members",
        ]
        field_classes = {"planned_start": DateFormField, "planned_end": DateFormField}
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "question": forms.Textarea(attrs={"rows": 3}),
            "data_used": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["co_members"].queryset = selectors.co_member_candidates(owner)
        self.fields["co_members"].label_from_instance = lambda m: m.user.display_name
        if not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("planned_start", today.isoformat())
            self.initial.setdefault("planned_end", (today + timedelta(days=42)).isoformat())
        self.fields["status"].help_text = _(
            "Een experiment kan pas starten als een tweede persoon de ethische toets heeft "
            "goedgekeurd."
        )
        self.fields["data_used"].help_text = _(
            "Verander je dit nadat de toets is goedgekeurd, dan wordt die opnieuw bekeken."
        )

    def clean(self):
        cleaned = super().clean()
        _add_errors(
            self,
            services.experiment_errors(
                owner=self.owner,
                planned_start=cleaned.get("planned_start"),
                planned_end=cleaned.get("planned_end"),
                status=cleaned.get("status"),
                experiment=self.instance if self.instance.pk else None,
                co_members=cleaned.get("co_members") or (),
            ),
        )
        return cleaned

    def _post_clean(self):
        pass

    def experiment_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in services.EXPERIMENT_FIELDS
            if name in self.cleaned_data
        }


class EthicsAnswersForm(forms.Form):
    """The owner's answers to the questions of learning/ethics.py, each with its prompt."""

    def __init__(self, *args, review: EthicsReview, **kwargs):
        super().__init__(*args, **kwargs)
        for question in ethics.QUESTIONS:
            self.fields[question.key] = forms.CharField(
                label=question.label,
                help_text=format_lazy(
                    "{prompt} {example_label} {example}",
                    prompt=question.prompt,
                    example_label=_("Bijvoorbeeld:"),
                    example=question.example,
                ),
                max_length=2000,
                required=False,
                initial=getattr(review, question.key),
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class EthicsDecisionForm(forms.Form):
    """A reviewer's decision, with a comment field per question."""

    decision = forms.ChoiceField(
        label=_("Jouw besluit"),
        choices=[(value, EthicsReview.State(value).label) for value in services.DECISIONS],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nodig als je het experiment afraadt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in ethics.QUESTIONS:
            self.fields[f"comment_{question.key}"] = forms.CharField(
                label=format_lazy("{}: {}", _("Opmerking"), question.label),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def decision_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "note": data.get("note", ""),
            "comments": {key: data.get(f"comment_{key}", "") for key in ethics.KEYS},
        }


class LessonForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort les"), choices=Lesson.Kind.choices)
    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
    text = forms.CharField(
        label=_("Wat heb je geleerd?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


ACTIVITY_KIND_CHOICES = ActivityKind.choices
