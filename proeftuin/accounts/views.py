"""Pages of accounts: home, a pilot's home, invitations, login, second factor, sessions."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integrations import tokens

from .. import access
from ..models import Invitation, Role, User
from . import language, second_factor, services, sessions
from .forms import AcceptInvitationForm, CodeForm, InvitationForm, LoginForm


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
                "proeftuin/accounts/backup_codes.html",
                {"codes": codes, "next": sessions.safe_next(request)},
            )
    url = second_factor.otpauth_url(device)
    return render(
        request,
        "proeftuin/accounts/two_factor_setup.html",
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
    back = request.path if request.method == "GET" else reverse("proeftuin:account-security")
    return redirect(reverse("proeftuin:two-factor-verify") + "?next=" + quote(back))


@login_required
def two_factor_verify(request):
    """Ask for the code of the second factor after the password."""
    if not second_factor.has_confirmed_device(request.user):
        return redirect("proeftuin:two-factor-setup")
    # `?opnieuw=1`: asked again before a step that needs a recent code (a new access token).
    again = "opnieuw" in request.GET and not second_factor.passed_recently(request)
    if request.user.is_verified() and not again:
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
        "proeftuin/accounts/two_factor_verify.html",
        {
            "form": form,
            "next": request.GET.get("next") or request.POST.get("next", ""),
            "demo_code": second_factor.demo_hint_code(request.user),
            "again": again,
        },
    )


@login_required
def account_security(request):
    """The account's security page: second factor and sessions."""
    return render(
        request,
        "proeftuin/accounts/account_security.html",
        {
            "has_device": second_factor.has_confirmed_device(request.user),
            "required": second_factor.requires_two_factor(request.user),
            "session_idle_hours": settings.SESSION_COOKIE_AGE // 3600,
            "access_tokens": tokens.tokens_of(request.user),
        },
    )


@login_required
@require_POST
def end_other_sessions(request):
    sessions.end_other_sessions(request=request)
    messages.success(request, _("Je bent op alle andere apparaten uitgelogd."))
    return redirect("proeftuin:account-security")


@login_required
@require_POST
def new_backup_codes(request):
    try:
        codes = second_factor.replace_backup_codes(request=request)
    except second_factor.SecondFactorNeeded:
        return _verify_first(request)
    return render(request, "proeftuin/accounts/backup_codes.html", {"codes": codes, "next": ""})


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
    return redirect("proeftuin:account-security")


class LoginView(auth_views.LoginView):
    """Django's login; a language chosen on the login page carries over to the account."""

    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        language.adopt_device_choice(self.request, form.get_user())
        return response


# --- home, a pilot's home and invitations -----------------------------------------------


@login_required
def home(request):
    """Send a person to the home page of their (first) pilot."""
    memberships = list(access.active_memberships(request.user))
    if not memberships:
        return render(request, "proeftuin/accounts/no_pilot.html")
    return redirect("proeftuin:pilot-home", pilot=memberships[0].proeftuin_id)


@login_required
def pilot_home(request, pilot: int):
    membership = access.membership_or_404(request.user, pilot)
    context = {"membership": membership, "pilot": membership.proeftuin}

    if membership.role == Role.PARTICIPANT:
        return redirect("learning:dashboard", pilot=pilot)

    if membership.role in (Role.DIRECTOR, Role.STEERING):
        # The director's home is the one-glance overview of the pilot; the steering group's too.
        return redirect("proeftuin:overview", pilot=membership.proeftuin_id)

    if membership.role == Role.EXPERT:
        return redirect("learning:ethics-inbox", pilot=membership.proeftuin_id)

    if membership.role != Role.COACH:
        raise Http404  # the list of people below is the coach's

    context["people"] = membership.proeftuin.memberships.select_related("user").order_by(
        "role", "user__full_name"
    )
    return render(request, "proeftuin/accounts/home_coach.html", context)


@login_required
@require_POST
def dismiss_welcome(request, pilot: int):
    membership = access.membership_or_404(request.user, pilot)
    services.dismiss_welcome(membership=membership)
    return redirect("proeftuin:pilot-home", pilot=membership.proeftuin_id)


@login_required
def invite(request, pilot: int):
    membership = access.member_for(request.user, pilot, "invitation", "create")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                proeftuin=membership.proeftuin,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                invited_by=request.user,
            )
        except services.AlreadyMember as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _("Uitnodiging verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("proeftuin:invite", pilot=pilot)
    pending = Invitation.objects.filter(proeftuin=membership.proeftuin).order_by("-created_at")[:50]
    return render(
        request,
        "proeftuin/accounts/invite.html",
        {"form": form, "pilot": membership.proeftuin, "invitations": pending},
    )


def _unusable(request, exc):
    return render(
        request, "proeftuin/accounts/invitation_unusable.html", {"reason": str(exc)}, status=410
    )


def _welcome(request, membership):
    messages.success(request, _("Welkom in %(pilot)s.") % {"pilot": membership.proeftuin.name})
    return redirect("proeftuin:pilot-home", pilot=membership.proeftuin_id)


@never_cache
def accept_invitation(request, token: str):
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable as exc:
        return _unusable(request, exc)

    existing_account = User.objects.filter(email__iexact=invitation.email).exists()
    if existing_account:
        if request.method == "POST" and request.user.is_authenticated:
            try:
                membership = services.accept_invitation(token=token, user=request.user)
            except services.InvitationUnusable as exc:
                return _unusable(request, exc)
            return _welcome(request, membership)
        return render(
            request,
            "proeftuin/accounts/invitation_existing.html",
            {"invitation": invitation, "token": token},
        )

    form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.accept_invitation(
                token=token,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as exc:
            form.add_error("password1", exc)
        except services.InvitationUnusable as exc:
            return _unusable(request, exc)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, membership)
    return render(
        request,
        "proeftuin/accounts/invitation_accept.html",
        {"form": form, "invitation": invitation},
    )
