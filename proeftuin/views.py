"""Pages of the proeftuin app: home, health, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import access, health, services
from .forms import AcceptInvitationForm, InvitationForm
from .models import Invitation, Role, User


@require_GET
@never_cache
def healthz(request):
    """200 when database and broker answer, 503 naming the part that does not."""
    problems = {"database": health.database_problem(), "broker": health.broker_problem()}
    body = {part: (problem or "ok") for part, problem in problems.items()}
    status = 503 if any(problems.values()) else 200
    body["status"] = "ok" if status == 200 else "unavailable"
    return JsonResponse(body, status=status)


@login_required
def home(request):
    """Send a person to the home page of their (first) pilot."""
    memberships = list(access.active_memberships(request.user))
    if not memberships:
        return render(request, "proeftuin/no_pilot.html")
    return redirect("pilot-home", pilot=memberships[0].proeftuin_id)


@login_required
def pilot_home(request, pilot: int):
    membership = access.membership_or_404(request.user, pilot)
    context = {"membership": membership, "pilot": membership.proeftuin}

    if membership.role == Role.PARTICIPANT:
        return redirect("learning:dashboard", pilot=pilot)

    if membership.role == Role.DIRECTOR:
        # The director's home is the one-glance overview of the pilot.
        return redirect("overview", pilot=membership.proeftuin_id)

    context["people"] = membership.proeftuin.memberships.select_related("user").order_by(
        "role", "user__full_name"
    )
    return render(request, "proeftuin/home_coach.html", context)


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
            return redirect("invite", pilot=pilot)
    pending = Invitation.objects.filter(proeftuin=membership.proeftuin).order_by("-created_at")[:50]
    return render(
        request,
        "proeftuin/invite.html",
        {"form": form, "pilot": membership.proeftuin, "invitations": pending},
    )


@never_cache
def accept_invitation(request, token: str):
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable as exc:
        return render(
            request, "proeftuin/invitation_unusable.html", {"reason": str(exc)}, status=410
        )

    existing_account = User.objects.filter(email__iexact=invitation.email).exists()
    if existing_account:
        if request.method == "POST" and request.user.is_authenticated:
            try:
                membership = services.accept_invitation(token=token, user=request.user)
            except services.InvitationUnusable as exc:
                return render(
                    request, "proeftuin/invitation_unusable.html", {"reason": str(exc)}, status=410
                )
            messages.success(
                request, _("Welkom in %(pilot)s.") % {"pilot": membership.proeftuin.name}
            )
            return redirect("pilot-home", pilot=membership.proeftuin_id)
        return render(
            request,
            "proeftuin/invitation_existing.html",
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
            return render(
                request, "proeftuin/invitation_unusable.html", {"reason": str(exc)}, status=410
            )
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welkom in %(pilot)s.") % {"pilot": membership.proeftuin.name}
            )
            return redirect("pilot-home", pilot=membership.proeftuin_id)
    return render(
        request, "proeftuin/invitation_accept.html", {"form": form, "invitation": invitation}
    )
