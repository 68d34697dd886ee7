"""Pages of the account's security: login, two-factor set-up and check, sessions."""

from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import language
from . import second_factor, sessions


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("De zes cijfers uit je authenticator-app, of een reservecode."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@login_required
def two_factor_setup(request):
    """Show a QR code for a new authenticator app; confirming with a code switches it on."""
    try:
        device = second_factor.pending_totp_device(request=request)
    except second_factor.SecondFactorNeeded:
        return _verify_first(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.confirm_totp_device(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        except second_factor.InvalidCode as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return render(
                request,
                "security/backup_codes.html",
                {"codes": codes, "next": sessions.safe_next(request)},
            )
    url = second_factor.otpauth_url(device)
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": second_factor.qr_code_svg(url),
            "secret": second_factor.readable_secret(device),
            "required": second_factor.requires_two_factor(request.user),
            "replacing": second_factor.has_confirmed_device(request.user),
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
    )


def _verify_first(request):
    """Changing the second factor starts with passing it; then the person comes back here."""
    back = request.path if request.method == "GET" else reverse("account-security")
    return redirect(reverse("two-factor-verify") + "?next=" + quote(back))


@login_required
def two_factor_verify(request):
    """Ask for the code of the second factor after the password."""
    if not second_factor.has_confirmed_device(request.user):
        return redirect("two-factor-setup")
    if request.user.is_verified():
        return redirect(sessions.safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.verify_code(request=request, code=form.cleaned_data["code"])
        except second_factor.InvalidCode as exc:
            form.add_error("code", str(exc))
        else:
            return redirect(sessions.safe_next(request))
    return render(
        request,
        "security/two_factor_verify.html",
        {
            "form": form,
            "next": request.GET.get("next") or request.POST.get("next", ""),
            "demo_code": second_factor.demo_hint_code(request.user),
        },
    )


@login_required
def account_security(request):
    """The account's security page: second factor and sessions."""
    return render(
        request,
        "security/account_security.html",
        {
            "has_device": second_factor.has_confirmed_device(request.user),
            "required": second_factor.requires_two_factor(request.user),
            "session_idle_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@login_required
@require_POST
def end_other_sessions(request):
    sessions.end_other_sessions(request=request)
    messages.success(request, _("Je bent op alle andere apparaten uitgelogd."))
    return redirect("account-security")


@login_required
@require_POST
def new_backup_codes(request):
    try:
        codes = second_factor.replace_backup_codes(request=request)
    except second_factor.SecondFactorNeeded:
        return _verify_first(request)
    return render(request, "security/backup_codes.html", {"codes": codes, "next": ""})


@login_required
@require_POST
def turn_off_two_factor(request):
    try:
        second_factor.turn_off_two_factor(request=request)
    except second_factor.SecondFactorNeeded:
        return _verify_first(request)
    except second_factor.InvalidCode as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("account-security")


class LoginView(auth_views.LoginView):
    """Django's login; a language chosen on the login page carries over to the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        language.adopt_device_choice(self.request, form.get_user())
        return response
