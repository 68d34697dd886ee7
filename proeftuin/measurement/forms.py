"""Forms of the measurement rounds: opening a round (coach) and answering one (participant)."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssessmentAnswer, Dimension, MeasurementRound, PlanAction, Stage
from ..validation import DateFormField, DateInput, IdFormField
from .stages import STAGE_EXPLANATIONS, SUBJECTS


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort meting"), choices=MeasurementRound.Kind.choices)
    title = forms.CharField(
        label=_("Titel (optioneel)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Tussenmeting voorjaar."),
    )
    opens_on = DateFormField(label=_("Open vanaf"), widget=DateInput())
    closes_on = DateFormField(label=_("Sluit op"), widget=DateInput())


SUBJECT_LEGENDS = {
    AssessmentAnswer.Subject.ORGANISATION: _("Waar staat de organisatie?"),
    AssessmentAnswer.Subject.SELF: _("Waar sta ik zelf?"),
}


class AssessmentForm(forms.Form):
    """Per dimension: a stage for the organisation, a stage for oneself, an optional note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            for subject in SUBJECTS:
                self.fields[f"{dimension.value}__{subject}"] = forms.TypedChoiceField(
                    label=SUBJECT_LEGENDS[subject],
                    choices=[(stage.value, stage.label) for stage in Stage],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Kies een fase.")},
                )
            self.fields[f"{dimension.value}__note"] = forms.CharField(
                label=_("Toelichting (optioneel)"),
                max_length=500,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def dimensions(self):
        """What the template walks: per dimension its legend, two radio groups and the note."""
        for dimension in Dimension:
            groups = []
            for subject in SUBJECTS:
                bound = self[f"{dimension.value}__{subject}"]
                value = str(bound.value()) if bound.value() not in (None, "") else ""
                groups.append(
                    {
                        "field": bound,
                        "legend": SUBJECT_LEGENDS[subject],
                        "choices": [
                            {
                                "value": stage.value,
                                "label": stage.label,
                                "explanation": STAGE_EXPLANATIONS[dimension][stage],
                                "checked": value == str(stage.value),
                                "id": f"id_{dimension.value}__{subject}_{stage.value}",
                            }
                            for stage in Stage
                        ],
                    }
                )
            yield {
                "value": dimension.value,
                "label": dimension.label,
                "groups": groups,
                "note": self[f"{dimension.value}__note"],
            }

    def stages(self) -> dict[tuple[str, str], int]:
        return {
            (dimension.value, subject): self.cleaned_data[f"{dimension.value}__{subject}"]
            for dimension in Dimension
            for subject in SUBJECTS
        }

    def notes(self) -> dict[str, str]:
        return {d.value: self.cleaned_data.get(f"{d.value}__note", "") for d in Dimension}


class StageAdviceForm(forms.Form):
    """A coach's own text for one cell; an empty field keeps the default."""

    looks_like = forms.CharField(
        label=_("Zo ziet deze fase eruit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_asks = forms.CharField(
        label=_("Dit vraagt de volgende fase"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    actions = forms.CharField(
        label=_("Acties, één per regel (hoogstens vijf)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Laat een veld leeg om de standaardtekst te houden."),
    )


class AmbitionForm(forms.Form):
    """Per dimension a target stage, a date and a why (all empty: no ambition), and the
    time and money committed; the rules are the service's (plan.save_ambition)."""

    hours_per_participant_per_month = forms.DecimalField(
        label=_("Uren per deelnemer per maand"), min_value=0, max_digits=4, decimal_places=1
    )
    budget_euros = forms.IntegerField(label=_("Budget voor de proeftuin (euro)"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            d = dimension.value
            self.fields[f"{d}__target_stage"] = forms.TypedChoiceField(
                label=_("Gewenste fase"),
                choices=[("", _("geen ambitie"))]
                + [(s.value, f"{s.value}. {s.label}") for s in Stage],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{d}__target_on"] = DateFormField(
                label=_("Bereikt op"), required=False, widget=DateInput()
            )
            self.fields[f"{d}__why"] = forms.CharField(
                label=_("Waarom, in één zin"), max_length=300, required=False
            )

    def dimensions(self):
        for dimension in Dimension:
            d = dimension.value
            yield {
                "label": dimension.label,
                "fields": [self[f"{d}__target_stage"], self[f"{d}__target_on"], self[f"{d}__why"]],
            }

    def targets(self):
        from .plan import Target

        return [
            Target(
                dimension=d.value,
                target_stage=self.cleaned_data.get(f"{d.value}__target_stage"),
                target_on=self.cleaned_data.get(f"{d.value}__target_on"),
                why=self.cleaned_data.get(f"{d.value}__why", ""),
            )
            for d in Dimension
        ]


class PlanActionForm(forms.Form):
    """An action of the plan; who may own it and what may carry it out is the service's rule."""

    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
    text = forms.CharField(label=_("Actie"), max_length=300)
    owner_id = IdFormField(label=_("Wie trekt de actie?"), widget=forms.Select)
    due_on = DateFormField(label=_("Klaar op"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=PlanAction.Status.choices)
    session_id = IdFormField(
        label=_("Uitgevoerd in bijeenkomst"), required=False, widget=forms.Select
    )
    experiment_id = IdFormField(
        label=_("Of in praktijkexperiment"), required=False, widget=forms.Select
    )
    skill_id = IdFormField(
        label=_("Of als leerdoel om over te nemen, bij vaardigheid"),
        required=False,
        widget=forms.Select,
    )
    goal_statement = forms.CharField(
        label=_("Het voorgestelde leerdoel"), max_length=300, required=False
    )
    advice_stage = forms.TypedChoiceField(
        choices=[("", "")] + [(s.value, s.label) for s in Stage],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.HiddenInput,
    )
    service_fields = {
        "owner": "owner_id",
        "session": "session_id",
        "experiment": "experiment_id",
        "skill": "skill_id",
    }

    def __init__(self, *args, proeftuin, **kwargs):
        from learning.models import Experiment, Skill
        from workshops.models import Session

        super().__init__(*args, **kwargs)
        empty = [("", "—")]
        members = proeftuin.memberships.filter(is_active=True).select_related("user")
        self.fields["owner_id"].widget.choices = empty + [
            (m.pk, f"{m.user.display_name} ({m.get_role_display()})")
            for m in members.order_by("user__full_name")
        ]
        self.fields["session_id"].widget.choices = empty + [
            (s.pk, f"{s.title} ({formats.date_format(timezone.localtime(s.starts_at))})")
            for s in Session.objects.filter(proeftuin=proeftuin).order_by("starts_at")
        ]
        self.fields["experiment_id"].widget.choices = empty + [
            (e.pk, e.title) for e in Experiment.objects.filter(owner__proeftuin=proeftuin)
        ]
        self.fields["skill_id"].widget.choices = empty + [
            (s.pk, s.display_name)
            for s in Skill.objects.filter(organisation_id=proeftuin.organisation_id, is_active=True)
        ]
