from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Welke vraag wil je met gegevens beantwoorden?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: Wanneer willen mensen eigenlijk komen?"),
    )
    asked_by = forms.CharField(
        label=_("Wie stelt deze vraag?"),
        max_length=120,
        help_text=Question._meta.get_field("asked_by").help_text,
    )
    why = forms.CharField(
        label=_("Waarom doet het ertoe?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat verandert er als we het antwoord weten, en voor wie?"),
    )


class QuestionCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Je opmerking"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ArrangeForm(forms.Form):
    theme = forms.CharField(label=_("Thema"), max_length=80, required=False)
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=[("", _("Nog niet bepaald")), *Question.Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
