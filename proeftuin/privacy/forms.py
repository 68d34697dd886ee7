"""Forms of the privacy pages and the toolkit review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Dimension


class ConsentForm(forms.Form):
    share = forms.BooleanField(
        label=_("Deel mijn voortgang op naam met de directeur"), required=False
    )


class EraseMeForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Zo weten we zeker dat jij het bent."),
    )
    understood = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden"),
        error_messages={"required": _("Vink aan dat je begrijpt dat dit definitief is.")},
    )


class LessonReviewForm(forms.Form):
    KIND_CHOICES = [("good_practice", _("Goede praktijk")), ("pitfall", _("Valkuil"))]

    toolkit_text = forms.CharField(
        label=_("Tekst voor het informatiepakket"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Zonder namen, e-mailadressen of details waaraan iemand te herkennen is."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=KIND_CHOICES)
    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
