"""Forms of the workshops pages; the rules themselves live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models import Skill
from proeftuin.models import Proeftuin
from proeftuin.validation import DateFormField, DateInput, LinkFormField, ObjectsByIdFormField

from . import services
from .models import Attendance, Registration, Session, SessionFeedback

WEEK_OF_MONTH = [
    (1, _("eerste")),
    (2, _("tweede")),
    (3, _("derde")),
    (4, _("vierde")),
    (-1, _("laatste")),
]
WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SessionDetailsForm(forms.Form):
    """The fields every session has, alone or in a series."""

    kind = forms.ChoiceField(
        label=_("Soort"), choices=Session.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    facilitator = forms.CharField(label=_("Begeleider"), max_length=150, required=False)
    location = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld een zaal. Laat leeg als het alleen online is."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leeg laten als er geen maximum is."),
    )
    skills = ObjectsByIdFormField(
        label=_("Vaardigheden"),
        queryset=Skill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, proeftuin: Proeftuin, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = Skill.objects.filter(
            organisation_id=proeftuin.organisation_id, is_active=True
        )

    def clean(self):
        cleaned = super().clean()
        no_place = not cleaned.get("location") and not cleaned.get("online_url")
        if no_place and "location" not in self.errors:
            self.add_error("location", _("Vul een plaats of een online link in."))
        return cleaned

    def details(self) -> services.SessionDetails:
        data = self.cleaned_data
        return services.SessionDetails(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            facilitator=data["facilitator"],
            location=data["location"],
            online_url=data["online_url"],
            capacity=data["capacity"],
        )


class SessionForm(SessionDetailsForm):
    """One session: a day and a start and end time in Amsterdam."""

    on = DateFormField(label=_("Datum"), widget=DateInput())
    starts_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    ends_time = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())

    # Service errors on a moment are shown on the field a person typed it in.
    service_fields = {"starts_at": "on", "ends_at": "ends_time"}

    @classmethod
    def initial_for(cls, session: Session) -> dict:
        starts = timezone.localtime(session.starts_at, services.AMSTERDAM)
        ends = timezone.localtime(session.ends_at, services.AMSTERDAM)
        return {
            "kind": session.kind,
            "title": session.title,
            "description": session.description,
            "facilitator": session.facilitator,
            "location": session.location,
            "online_url": session.online_url,
            "capacity": session.capacity,
            "skills": list(session.skills.all()),
            "on": starts.date(),
            "starts_time": starts.time().replace(second=0, microsecond=0),
            "ends_time": ends.time().replace(second=0, microsecond=0),
        }

    def moments(self):
        data = self.cleaned_data
        return (
            services.local_datetime(data["on"], data["starts_time"]),
            services.local_datetime(data["on"], data["ends_time"]),
        )


class SeriesForm(SessionDetailsForm):
    """A monthly series, e.g. the first Tuesday of the month, 12:00-13:00, six times."""

    week_of_month = forms.TypedChoiceField(
        label=_("Welke week van de maand"), choices=WEEK_OF_MONTH, coerce=int, initial=1
    )
    weekday_index = forms.TypedChoiceField(
        label=_("Welke dag"), choices=WEEKDAYS, coerce=int, initial=1
    )
    first_on = DateFormField(
        label=_("Vanaf"),
        widget=DateInput(),
        help_text=_("De eerste bijeenkomst is de eerste gekozen dag op of na deze datum."),
    )
    starts_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    ends_time = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    count = forms.IntegerField(
        label=_("Aantal bijeenkomsten"),
        min_value=1,
        max_value=services.MAX_SERIES_SESSIONS,
        initial=6,
    )

    service_fields: dict[str, str] = {}


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Kom je?"), choices=Registration.Response.choices, widget=forms.RadioSelect
    )


class AttendanceForm(forms.Form):
    """One state per participant (and a reason for "afgemeld").

    A plain list of `present` ids (the form before states, and scripts) still works: everyone
    else is then absent. As soon as one `state_<id>` is posted, the states decide, and a row
    left out keeps what the sheet shows.
    """

    present = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["present"].choices = [
            (row.membership.pk, row.membership.user.display_name) for row in sheet
        ]
        for row in sheet:
            self.fields[f"state_{row.membership.pk}"] = forms.ChoiceField(
                label=row.membership.user.display_name,
                choices=Attendance.State.choices,
                required=False,
                initial=row.state,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{row.membership.pk}"] = forms.CharField(
                label=_("Reden van afmelding"),
                required=False,
                max_length=services.REASON_MAX,
                initial=row.reason,
            )

    def rows(self):
        """(row, state field, reason field) per participant, for the template."""
        return [
            (row, self[f"state_{row.membership.pk}"], self[f"reason_{row.membership.pk}"])
            for row in self.sheet
        ]

    def marks(self) -> dict:
        """The keyword arguments of services.set_attendance."""
        data = self.cleaned_data
        by_state: dict[str, set[int]] = {state: set() for state in Attendance.State.values}
        reasons = {}
        if any(data.get(f"state_{row.membership.pk}") for row in self.sheet):
            for row in self.sheet:
                pk = row.membership.pk
                by_state[data.get(f"state_{pk}") or row.state].add(pk)
                reasons[pk] = data.get(f"reason_{pk}", "")
        else:
            present = set(data["present"])
            by_state[Attendance.State.PRESENT] = present
            by_state[Attendance.State.ABSENT] = {row.membership.pk for row in self.sheet} - present
        return {
            "present": by_state[Attendance.State.PRESENT],
            "late": by_state[Attendance.State.LATE],
            "excused": by_state[Attendance.State.EXCUSED],
            "absent": by_state[Attendance.State.ABSENT],
            "reasons": reasons,
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code op het scherm"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "class": "check-in-code",
            }
        ),
    )


class ExcuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom kun je er niet bij zijn?"),
        max_length=services.REASON_MAX,
        help_text=_("Alleen je coach leest dit. Een paar woorden is genoeg."),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Naam"), max_length=200)
    url = LinkFormField(label=_("Link (https://…)"), required=True)


class SummaryForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["summary"]
        labels = {"summary": _("Samenvatting: wat is besproken, wat kun je proberen?")}
        widgets = {"summary": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}


class FeedbackForm(forms.ModelForm):
    usefulness = forms.TypedChoiceField(
        label=_("Hoe nuttig was het? (1 = niet, 5 = heel erg)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SessionFeedback
        fields = ["usefulness", "improvement"]
        labels = {"improvement": _("Eén ding om te verbeteren (optioneel)")}
        widgets = {"improvement": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}


class GuestSignUpForm(forms.Form):
    name = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(label=_("Je e-mailadres (van je werk)"), max_length=254)


class GuestsPresentForm(forms.Form):
    guests = forms.TypedMultipleChoiceField(
        label=_("Aanwezige gasten"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, guests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guests"].choices = [(g.pk, g.name) for g in guests]
