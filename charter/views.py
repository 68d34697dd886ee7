"""The basic principles' page: everyone in the pilot reads it; the steering group and coach edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin import access
from proeftuin.errors import DomainError, add_to_form

from . import selectors, services
from .forms import CharterForm, SponsorMessageForm


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
