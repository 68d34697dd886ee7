"""Pages of "Wie ziet mijn gegevens?": consent, export, erasure."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import privacy
from .forms import ConsentForm, EraseMeForm


@login_required
@never_cache
def my_data(request):
    pilots = privacy.my_pilots(request.user)
    return render(
        request,
        "proeftuin/privacy/my_data.html",
        {
            "pilots": pilots,
            "events": privacy.events_about(request.user),
        },
    )


@login_required
@require_POST
def consent(request, membership: int):
    form = ConsentForm(request.POST)
    form.is_valid()  # a missing box means "off"
    try:
        changed = privacy.change_consent(
            user=request.user, membership_id=membership, share=form.cleaned_data.get("share", False)
        )
    except privacy.ConsentNotPossible as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Je voortgang wordt nu op naam gedeeld met de directeur.")
            if changed.shares_progress_with_director
            else _("Je voortgang wordt niet op naam gedeeld met de directeur."),
        )
    return redirect(reverse("proeftuin:privacy") + f"#pilot-{membership}")


@login_required
@require_POST
@never_cache
def export(request):
    body = privacy.export_for(user=request.user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    return response


@login_required
@never_cache
def erase_me(request):
    form = EraseMeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.erase_myself(request=request, password=form.cleaned_data["password"])
        except privacy.ErasureRefused as exc:
            form.add_error("password", str(exc))
        else:
            logout(request)
            return render(request, "proeftuin/privacy/erased.html")
    return render(request, "proeftuin/privacy/erase.html", {"form": form})
