from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Rule


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Welke herinneringen wil je krijgen?"),
        help_text=_(
            "Je krijgt ze per e-mail en in je meldingen. Hier staan alleen de herinneringen die "
            "bij jouw rol horen. Vink uit wat je niet wilt."
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Je kunt alleen herinneringen kiezen die bij jouw rol horen.")
        },
    )

    def __init__(self, *args, rules: list[str], **kwargs):
        """`rules`: the rules that can reach the user (notifications.selectors.rules_for)."""
        super().__init__(*args, **kwargs)
        self.fields["wanted"].choices = [(rule, Rule(rule).label) for rule in rules]
