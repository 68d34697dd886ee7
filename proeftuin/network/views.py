"""The benchmark page (director and steering group), the director's contact settings, and the
public contact form of an organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..errors import DomainError
from ..models import ContactPoint
from ..overview.figures import MIN_ORGANISATIONS
from . import benchmark, services
from .forms import ContactMessageForm, ContactPointForm
from .throttle import ContactThrottle


@login_required
def benchmark_page(request, pilot: int):
    membership = access.member_for(request.user, pilot, "benchmark", "read")
    pilot_obj = membership.proeftuin
    data = benchmark.benchmark_for(pilot_obj.organisation)
    return render(
        request,
        "proeftuin/network/benchmark.html",
        {
            "membership": membership,
            "pilot": pilot_obj,
            "b": data,
            "rows": [
                {
                    "row": row,
                    "moments": [
                        (_("Nulmeting"), row.peers_baseline, row.own_baseline),
                        (_("Nu"), row.peers_now, row.own_now),
                    ],
                }
                for row in data.rows
            ],
            "may_change": access.may(membership, "benchmark", "update"),
            "has_baseline": benchmark.benchmark_pilot(pilot_obj.organisation_id) is not None,
            "min_organisations": MIN_ORGANISATIONS,
        },
    )


@login_required
@require_POST
def benchmark_choice(request, pilot: int):
    membership = access.member_for(request.user, pilot, "benchmark", "update")
    action = request.POST.get("action")
    if action == "leave":
        services.leave_benchmark(proeftuin=membership.proeftuin, actor=request.user)
        messages.success(request, _("Je organisatie doet niet meer mee aan de vergelijking."))
    elif action == "join":
        services.join_benchmark(proeftuin=membership.proeftuin, actor=request.user)
        messages.success(request, _("Je organisatie doet mee aan de vergelijking."))
    else:
        # Joining publishes the organisation's figures: only the button that says so joins.
        raise DomainError(_("Kies meedoen of stoppen met meedoen."), field="action")
    return redirect("proeftuin:benchmark", pilot=membership.proeftuin_id)


@login_required
def contact_settings(request, pilot: int):
    membership = access.member_for(request.user, pilot, "contact point", "update")
    pilot_obj = membership.proeftuin
    point = ContactPoint.objects.filter(organisation_id=pilot_obj.organisation_id).first()
    if request.method == "POST":
        form = ContactPointForm(request.POST)
        if form.is_valid():
            services.set_contact_point(
                proeftuin=pilot_obj,
                actor=request.user,
                role=form.cleaned_data["role"],
                is_open=form.cleaned_data["is_open"],
            )
            messages.success(request, _("De instellingen voor contact zijn bewaard."))
            return redirect("proeftuin:contact-settings", pilot=pilot_obj.pk)
    else:
        initial = {"role": point.role, "is_open": point.is_open} if point else {}
        form = ContactPointForm(initial=initial)
    return render(
        request,
        "proeftuin/network/contact_settings.html",
        {"membership": membership, "pilot": pilot_obj, "form": form, "point": point},
    )


def contact(request, organisation: int):
    """Public: anyone may write to an organisation whose form is on; no address is shown."""
    point = services.open_contact_point_or_404(organisation)
    status, sent = 200, False
    if request.method == "POST":
        form = ContactMessageForm(request.POST)
        if form.is_valid():
            throttle = ContactThrottle()
            if throttle.allow_request(request, None):
                services.send_contact_message(
                    point=point,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    from_organisation=form.cleaned_data["organisation"],
                )
                sent, form = True, ContactMessageForm()
            else:
                status = 429
                form.add_error(
                    None,
                    _(
                        "Je stuurde de afgelopen tijd al veel berichten. Probeer het over een "
                        "uur opnieuw."
                    ),
                )
    else:
        form = ContactMessageForm()
    return render(
        request,
        "proeftuin/network/contact.html",
        {"point": point, "form": form, "sent": sent},
        status=status,
    )
