"""The in-app notification list and the opt-out settings: each user sees only their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin import access
from proeftuin.errors import DomainError, add_to_form

from . import emails, pilot_timing, selectors, services
from .forms import PilotTimingForm, PreferencesForm

PAGE_SIZE = 20


@login_required
def notification_list(request):
    page = Paginator(
        selectors.in_app_for(request.user).select_related("recipient"), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    items = [(reminder, emails.title_of(reminder)) for reminder in page]
    return render(request, "notifications/list.html", {"page": page, "items": items})


@login_required
@require_POST
def mark_read(request, reminder: int):
    try:
        services.mark_read(user=request.user, reminder_id=reminder)
    except services.NotificationNotFound:
        raise Http404 from None
    if request.htmx:
        # Only this card and the unread counts change; the list stays where the person was.
        read = selectors.in_app_for(request.user).select_related("recipient").get(pk=reminder)
        return render(
            request,
            "notifications/_mark_read_response.html",
            {
                "reminder": read,
                "subject": emails.title_of(read),
                "just_read": True,
                "unread": selectors.unread_count(request.user),
            },
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("Alle meldingen staan op gelezen."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    choices = selectors.rule_choices_for(request.user)
    coached = selectors.pilots_coached_by(request.user)
    if not choices:  # no active role (staff, or someone whose pilots ended): no reminders at all
        return render(request, "notifications/settings.html", {"form": None, "coached": coached})
    rules = [choice.rule for choice in choices]
    initial = {"wanted": [choice.rule for choice in choices if choice.wanted]}
    # Bound on every POST: with every box unticked (and no CSRF field, as in tests) the POST
    # data is empty, and `request.POST or None` would silently drop the save.
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, initial=initial, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_wanted_rules(user=request.user, wanted=form.cleaned_data["wanted"])
        except services.RuleNotAvailable as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Je keuzes zijn opgeslagen."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form, "coached": coached})


@login_required
def pilot_timing_page(request, pilot: int):
    """The coach sets when the pilot's reminders go out."""
    membership = access.member_for(request.user, pilot, "reminder timing", "update")
    proeftuin = membership.proeftuin
    form = PilotTimingForm(
        request.POST if request.method == "POST" else None,
        initial=pilot_timing.timing_of(proeftuin),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pilot_timing.set_timing(proeftuin=proeftuin, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("De herinneringen van deze proeftuin zijn ingesteld."))
            return redirect("notifications:pilot-timing", pilot=pilot)
    return render(
        request, "notifications/pilot_timing.html", {"membership": membership, "form": form}
    )
