from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin import access

from .tokens import DAY_CHOICES, DEFAULT_DAYS


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor je de sleutel gebruikt, bijvoorbeeld ‘Power BI-rapport’."),
    )
    proeftuin = forms.ChoiceField(label=_("Proeftuin"), required=False)
    access = forms.ChoiceField(
        label=_("Rechten"),
        choices=[
            ("read", _("alleen lezen")),
            ("write", _("lezen en wijzigen")),
        ],
        initial="read",
    )
    days = forms.TypedChoiceField(
        label=_("Geldig"),
        coerce=int,
        choices=[(days, _("%(days)s dagen") % {"days": days}) for days in DAY_CHOICES],
        initial=DEFAULT_DAYS,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.pilots = {str(p.pk): p for p in access.visible_pilots(user).order_by("name")}
        self.fields["proeftuin"].choices = [("", _("al mijn proeftuinen"))] + [
            (key, pilot.name) for key, pilot in self.pilots.items()
        ]

    def clean_proeftuin(self):
        return self.pilots.get(self.cleaned_data["proeftuin"])
