from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.validation import DateFormField, DateInput, ObjectsByIdFormField

from . import selectors


class CharterForm(forms.Form):
    intro = forms.CharField(
        label=_("Inleiding (mag leeg blijven)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    principles = forms.CharField(
        label=_("De principes, één per regel"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Bijvoorbeeld: We vragen alleen gegevens die we echt nodig hebben. "
            "Kort en in gewone woorden; hoogstens twaalf."
        ),
    )
    agreed_on = DateFormField(label=_("Vastgesteld op"), widget=DateInput())


class TickPrinciplesForm(forms.Form):
    """Beside a reviewer's decision: which of the current principles the review touches."""

    principles = ObjectsByIdFormField(
        label=_("Welke basisprincipes raakt dit experiment?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, proeftuin_id, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["principles"]
        field.queryset = selectors.current_principles(proeftuin_id)
        if review is not None and review.pk and not self.is_bound:
            field.initial = list(review.principles.values_list("pk", flat=True))


class SponsorMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Je bericht aan de deelnemers"),
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kort: waarom deze proeftuin ertoe doet. De uren per maand komen uit het plan."
        ),
    )


class TasksForm(forms.Form):
    is_ethics_reviewer = forms.BooleanField(label=_("Ethisch toetser"), required=False)
    is_ambassador = forms.BooleanField(label=_("Ambassadeur"), required=False)


class InviteExpertForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Externe deskundige"), queryset=None)
    experiment = forms.ModelChoiceField(label=_("Toets die wacht"), queryset=None)

    def __init__(self, *args, proeftuin_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = selectors.experts_of(proeftuin_id)
        self.fields["expert"].label_from_instance = lambda m: m.user.display_name
        self.fields["experiment"].queryset = selectors.waiting_reviews_of(proeftuin_id)
