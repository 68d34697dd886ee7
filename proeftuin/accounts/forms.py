from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ..models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    full_name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.PARTICIPANT)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Je naam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zes cijfers uit je authenticator-app, of een reservecode."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LoginForm(AuthenticationForm):
    """Django's login form with an e-mail keyboard on phones and a message that says what to do."""

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own text calls both fields case-sensitive; the e-mail address is not.
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Kijk ze na en probeer het "
            "opnieuw, of kies 'Wachtwoord vergeten?'."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "maxlength": 254}
        )
