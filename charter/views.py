"""The basic principles' page: everyone in the pilot reads it; the steering group and coach edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin import access
from proeftuin.errors import DomainError, add_to_form

from . import selectors, services
from .forms import CharterForm, InviteExpertForm, SponsorMessageForm, TasksForm


@login_required
def charter(request, pilot: int):
    if request.method == "POST":
        membership = access.member_for(request.user, pilot, "charter", "update")
    else:
        membership = access.member_for(request.user, pilot, "charter", "read")
    versions = list(selectors.versions_of(membership.proeftuin_id))
    current = versions[0] if versions else None
    initial = {"agreed_on": timezone.localdate()}
    if current:
        initial |= {
            "intro": current.intro,
            "principles": "\n".join(p.text for p in current.principles.all()),
        }
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.agree_version(editor=membership, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Versie %(n)s van de basisprincipes is vastgelegd.") % {"n": version.version},
            )
            return redirect("charter:charter", pilot=pilot)
    return render(
        request,
        "charter/charter.html",
        {
            "membership": membership,
            "current": current,
            "earlier": versions[1:],
            "form": form,
            "may_edit": access.may(membership, "charter", "update"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def sponsor_message(request, pilot: int):
    membership = access.member_for(request.user, pilot, "sponsor message", "create")
    form = SponsorMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_sponsor_message(director=membership, text=form.cleaned_data["text"])
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Je bericht staat bovenaan het leerpad van de deelnemers."))
            return redirect("charter:sponsor", pilot=pilot)
    return render(
        request,
        "charter/sponsor.html",
        {
            "membership": membership,
            "form": form,
            "word": selectors.sponsor_word(membership.proeftuin_id),
            "earlier": list(selectors.sponsor_messages(membership.proeftuin_id)[1:]),
        },
        status=400 if form.errors else 200,
    )


def _roles_page(request, membership, invite_form=None, status=200):
    return render(
        request,
        "charter/roles.html",
        {
            "membership": membership,
            "participants": selectors.participants_with_tasks(membership.proeftuin_id),
            "experts": selectors.experts_of(membership.proeftuin_id),
            "invite_form": invite_form or InviteExpertForm(proeftuin_id=membership.proeftuin_id),
        },
        status=status,
    )


@login_required
def roles(request, pilot: int):
    membership = access.member_for(request.user, pilot, "appointment", "update")
    return _roles_page(request, membership)


@login_required
@require_POST
def appoint(request, pilot: int, membership_id: int):
    membership = access.member_for(request.user, pilot, "appointment", "update")
    member = selectors.member_of_pilot_or_404(pilot, membership_id, role="participant")
    form = TasksForm(request.POST)
    form.is_valid()  # two checkboxes: every input is a valid answer
    services.appoint(coach=membership, member=member, **form.cleaned_data)
    messages.success(
        request, _("Taken van %(name)s opgeslagen.") % {"name": member.user.display_name}
    )
    return redirect("charter:roles", pilot=pilot)


@login_required
@require_POST
def invite_expert(request, pilot: int):
    membership = access.member_for(request.user, pilot, "appointment", "update")
    form = InviteExpertForm(request.POST, proeftuin_id=membership.proeftuin_id)
    if form.is_valid():
        try:
            services.invite_expert_to_review(coach=membership, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s kan de toets nu lezen en advies geven, en ziet verder niets.")
                % {"name": form.cleaned_data["expert"].user.display_name},
            )
            return redirect("charter:roles", pilot=pilot)
    return _roles_page(request, membership, invite_form=form, status=400)
