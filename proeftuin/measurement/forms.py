"""Forms of the measurement rounds: opening a round (coach) and answering one (participant)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AssessmentAnswer, Dimension, MeasurementRound, Stage
from ..validation import DateFormField
from .stages import STAGE_EXPLANATIONS, SUBJECTS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
