"""Forms of the measurement rounds: opening a round (coach) and answering one (participant)."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssessmentAnswer, Dimension, MeasurementRound, PlanAction, Stage
from ..validation import DateFormField, DateInput, IdFormField
from .stages import STATEMENTS, SUBJECTS


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


class StepForm(forms.Form):
    """One dimension of a round: a stage for the organisation, one for oneself, a note."""

    organisation = forms.TypedChoiceField(
        label=SUBJECT_LEGENDS[AssessmentAnswer.Subject.ORGANISATION],
        choices=[(stage.value, stage.label) for stage in Stage],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een fase.")},
    )
    self = forms.TypedChoiceField(
        label=SUBJECT_LEGENDS[AssessmentAnswer.Subject.SELF],
        choices=[(stage.value, stage.label) for stage in Stage],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een fase.")},
    )
    note = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, dimension: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension = dimension

    def groups(self):
        """Per subject its legend and five choices, each with its statement."""
        for subject in SUBJECTS:
            bound = self[subject.value]
            value = str(bound.value()) if bound.value() not in (None, "") else ""
            yield {
                "field": bound,
                "legend": SUBJECT_LEGENDS[subject],
                "choices": [
                    {
                        "value": stage.value,
                        "label": stage.label,
                        "explanation": STATEMENTS[subject][self.dimension][stage],
                        "checked": value == str(stage.value),
                        "id": f"id_{subject.value}_{stage.value}",
                    }
                    for stage in Stage
                ],
            }


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
