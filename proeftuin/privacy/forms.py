"""Forms of the privacy pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
