"""The contact form a visitor fills in, and the director's settings of the contact point."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ContactPoint

# A line break or another control character in a name would end up in the subject line.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ContactMessageForm(forms.Form):
    name = forms.CharField(label=_("Je naam"), max_length=100)
    organisation = forms.CharField(label=_("Je organisatie"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("Alleen om je te kunnen antwoorden; we tonen en bewaren het niet."),
    )
    message = forms.CharField(
        label=_("Je bericht"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if CONTROL.search(name):
            raise forms.ValidationError(_("Een naam past op één regel."))
        return name

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if CONTROL.search(organisation):
            raise forms.ValidationError(_("Een organisatie past op één regel."))
        return organisation


class ContactPointForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Wie antwoordt op berichten?"), choices=ContactPoint.Holder.choices
    )
    is_open = forms.BooleanField(label=_("Contactformulier aan"), required=False)
