from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import pilot_timing
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


class PilotTimingForm(forms.Form):
    """Reminder timing of a pilot; the bounds are the model's (notifications.pilot_timing)."""

    session_days_before = forms.IntegerField(
        label=_("Herinnering voor een bijeenkomst: hoeveel dagen vooraf?"),
        help_text=_("Op die dag om 9 uur, en op de ochtend zelf nog een keer."),
    )
    goal_days_before = forms.IntegerField(
        label=_("Herinnering voor een leerdoel: hoeveel dagen voor de streefdatum?"),
        help_text=_(
            "Op die dag om 9 uur. Staat het doel na de streefdatum nog open, dan volgt er "
            "een week later nog een herinnering, en zo hooguit drie keer."
        ),
    )
    quiet_after_days = forms.IntegerField(
        label=_("Na hoeveel dagen zonder activiteit sturen we een vriendelijk berichtje?"),
        help_text=_("Ook de lijst van de coach telt iemand vanaf dan als stil."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            low, high = pilot_timing.bounds(name)
            field.widget.attrs.update({"min": low, "max": high, "inputmode": "numeric"})
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                _("Van %(low)s tot en met %(high)s dagen; standaard %(default)s.")
                % {"low": low, "high": high, "default": pilot_timing.default(name)},
            )
