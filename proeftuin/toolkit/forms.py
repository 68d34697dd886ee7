"""The form of the coach's lesson review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Dimension


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
