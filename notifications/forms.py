from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Rule


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Welke herinneringen wil je krijgen?"),
        help_text=_("Je krijgt ze per e-mail en in je meldingen. Vink uit wat je niet wilt."),
        choices=Rule.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
