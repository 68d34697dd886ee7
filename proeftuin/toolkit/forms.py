"""The form of the coach's lesson review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import LessonTheme

from ..models import Dimension, LibraryEntry, Sector, SizeBand, Stage
from .library import LAST_PAGE


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
    stage = forms.TypedChoiceField(
        label=_("Fase"),
        choices=Stage.choices,
        coerce=int,
        help_text=_("In welke fase van de cultuurverandering helpt deze les het meest?"),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        choices=LessonTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class LibraryProfileForm(forms.Form):
    """How the public library names the organisation: the director's choice."""

    named = forms.BooleanField(
        label=_("Noem onze organisatie bij naam in de bibliotheek"),
        required=False,
        help_text=_(
            "Zonder naam staat er alleen wat voor organisatie jullie zijn, bijvoorbeeld "
            "'een sociale onderneming, 10-50 medewerkers'."
        ),
    )
    sector = forms.ChoiceField(label=_("Wat voor organisatie zijn jullie?"), choices=Sector.choices)
    size_band = forms.ChoiceField(
        label=_("Hoeveel medewerkers hebben jullie?"),
        choices=[("", _("Liever niet zeggen")), *SizeBand.choices],
        required=False,
    )


def _any(choices, label):
    return [("", label), *choices]


class LibrarySearchForm(forms.Form):
    """The library's search and filters; a value outside the fixed lists is a field error."""

    q = forms.CharField(label=_("Zoeken"), max_length=200, required=False, strip=True)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=_any(LibraryEntry.Kind.choices, _("Alles"))
    )
    dimension = forms.ChoiceField(
        label=_("Dimensie"), required=False, choices=_any(Dimension.choices, _("Alle dimensies"))
    )
    stage = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=_any([(str(v), label) for v, label in Stage.choices], _("Alle fasen")),
    )
    theme = forms.ChoiceField(
        label=_("Thema"), required=False, choices=_any(LessonTheme.choices, _("Alle thema's"))
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_any(Sector.choices, _("Alle sectoren"))
    )
    size_band = forms.ChoiceField(
        label=_("Grootte"), required=False, choices=_any(SizeBand.choices, _("Elke grootte"))
    )
    # Which page of the packages; not a filter (the form leaves it out of the search).
    page = forms.IntegerField(
        label=_("Pagina"),
        required=False,
        min_value=1,
        max_value=LAST_PAGE,
        widget=forms.HiddenInput,
    )

    def clean(self):
        # The page is a hidden field: a person who sees its error must be told what it is about.
        if "page" in self.errors:
            del self.errors["page"]
            self.add_error(
                None,
                _("Die pagina van de bibliotheek bestaat niet. Kies een pagina via de links."),
            )
        return super().clean()
