"""Pages of the workshops app: sessions, answers, attendance, feedback and the agenda feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from learning import services as learning
from learning.forms import LessonForm
from proeftuin import access
from proeftuin.accounts.second_factor import qr_code_svg
from proeftuin.errors import DomainError, add_to_form
from proeftuin.models import Role

from . import calendar, emails, selectors, services, tokens
from .forms import (
    AnswerForm,
    AttendanceForm,
    CheckInForm,
    ExcuseForm,
    FeedbackForm,
    GuestSignUpForm,
    GuestsPresentForm,
    MaterialForm,
    SeriesForm,
    SessionForm,
    SummaryForm,
)
from .models import Attendance, CalendarFeed, Registration, Session
from .throttles import CheckInThrottle, GuestSignUpThrottle


def _session_or_404(membership, session_id: int) -> Session:
    try:
        return selectors.session_of_pilot(membership.proeftuin, session_id)
    except Session.DoesNotExist:
        raise Http404 from None


@login_required
def session_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "session", "read")
    viewer = membership if membership.role == Role.PARTICIPANT else None
    return render(
        request,
        "workshops/session_list.html",
        {
            "membership": membership,
            "pilot": membership.proeftuin,
            "upcoming": selectors.upcoming_sessions(membership.proeftuin, viewer),
            "past": selectors.past_sessions(membership.proeftuin, viewer)[:12],
        },
    )


@login_required
def session_detail(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "session", "read")
    session = _session_or_404(membership, session)
    context = {
        "membership": membership,
        "pilot": membership.proeftuin,
        "session": session,
    }
    if membership.role == Role.PARTICIPANT:
        registration = selectors.registration_of(session, membership)
        context["registration"] = registration
        context["my_offer"] = selectors.open_offer_of(session, membership)
        context["answer_form"] = AnswerForm(
            initial={"response": registration.response if registration else None}
        )
        context["may_give_feedback"] = services.may_give_feedback(session, membership)
        context["my_feedback"] = selectors.feedback_of(session, membership)
        context["my_attendance"] = selectors.attendance_of(session, membership)
        context["excuse_form"] = ExcuseForm()
        context["check_in_form"] = CheckInForm()
    elif membership.role == Role.COACH:
        context["registrations"] = selectors.registrations_of(session)
        guests = selectors.guests_of(session)
        context["guests"] = guests
        context["guests_form"] = GuestsPresentForm(
            initial={"guests": [g.pk for g in guests if g.present]}, guests=guests
        )
        if session.open_to_colleagues:
            context["sign_up_url"] = emails.sign_up_url(session)
        context["feedback"] = selectors.feedback_summary(session)
    # Materials and the summary are for afterwards: before, they would spoil nothing but
    # confuse ("did I miss it?"); the coach sees them at once to check what was added.
    context["show_materials"] = session.has_ended or membership.role == Role.COACH
    context["materials"] = selectors.materials_of(session)
    return render(request, "workshops/session_detail.html", context)


def _plan(request, pilot: int, form_class, template: str):
    membership = access.member_for(request.user, pilot, "session", "create")
    proeftuin = membership.proeftuin
    form = form_class(
        request.POST if request.method == "POST" else None,
        proeftuin=proeftuin,
        # Most sessions are led by the coach who plans them; one less field to type.
        initial={"facilitator": request.user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if form_class is SeriesForm:
                series = services.plan_series(
                    proeftuin=proeftuin,
                    details=form.details(),
                    first_on=data["first_on"],
                    week_of_month=data["week_of_month"],
                    weekday_index=data["weekday_index"],
                    starts_time=data["starts_time"],
                    ends_time=data["ends_time"],
                    count=data["count"],
                    skills=data["skills"],
                )
                messages.success(
                    request,
                    _("Reeks gepland: %(n)s bijeenkomsten.") % {"n": series.sessions.count()},
                )
            else:
                starts_at, ends_at = form.moments()
                services.plan_session(
                    proeftuin=proeftuin,
                    details=form.details(),
                    starts_at=starts_at,
                    ends_at=ends_at,
                    skills=data["skills"],
                )
                messages.success(request, _("Bijeenkomst gepland."))
        except services.WorkshopError as exc:
            add_to_form(form, exc)
        else:
            return redirect("workshops:session-list", pilot=pilot)
    return render(request, template, {"form": form, "pilot": proeftuin, "membership": membership})


@login_required
def session_create(request, pilot: int):
    return _plan(request, pilot, SessionForm, "workshops/session_form.html")


@login_required
def series_create(request, pilot: int):
    return _plan(request, pilot, SeriesForm, "workshops/series_form.html")


@login_required
def session_edit(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "session", "update")
    session = _session_or_404(membership, session)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        proeftuin=membership.proeftuin,
        initial=SessionForm.initial_for(session),
    )
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        try:
            services.update_session(
                session=session,
                details=form.details(),
                starts_at=starts_at,
                ends_at=ends_at,
                skills=form.cleaned_data["skills"],
            )
        except services.WorkshopError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Bijeenkomst gewijzigd."))
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    return render(
        request,
        "workshops/session_form.html",
        {"form": form, "pilot": membership.proeftuin, "session": session, "membership": membership},
    )


@login_required
def session_cancel(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "session", "delete")
    session = _session_or_404(membership, session)
    error = None
    if request.method == "POST":
        try:
            services.cancel_session(session=session)
        except services.WorkshopError as exc:
            error = exc.message
        else:
            messages.success(request, _("Bijeenkomst geannuleerd. De aangemelde mensen horen het."))
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    return render(
        request,
        "workshops/session_cancel.html",
        {
            "session": session,
            "pilot": membership.proeftuin,
            "error": error,
            "membership": membership,
        },
    )


def _answer_saved(session: Session, response: str) -> str:
    """What was saved, for which session: people answer several from one list."""
    words = {
        "title": session.title,
        "day": date_format(timezone.localtime(session.starts_at), "l j F"),
    }
    if response == Registration.Response.GOING:
        return _("Opgeslagen: je komt naar %(title)s op %(day)s.") % words
    if response == Registration.Response.MAYBE:
        return _("Opgeslagen: je komt misschien naar %(title)s op %(day)s.") % words
    return _("Opgeslagen: je komt niet naar %(title)s op %(day)s.") % words


@login_required
@require_POST
def answer(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "registration", "update")
    session = _session_or_404(membership, session)
    form = AnswerForm(request.POST)
    level, message = messages.ERROR, _("Kies ik kom, misschien of ik kom niet.")
    if form.is_valid():
        try:
            registration = services.register(
                session=session, membership=membership, response=form.cleaned_data["response"]
            )
        except services.WorkshopError as exc:
            message = exc.message
        else:
            level = messages.SUCCESS
            if registration.waiting:
                message = _(
                    "De bijeenkomst is vol. Je staat op de wachtlijst; komt er een plek vrij, "
                    "dan krijg je bericht."
                )
            else:
                message = _answer_saved(session, registration.response)
    next_url = request.POST.get("next", "")
    if request.htmx:
        # Only the card's answer changes: the page stays where the person was, and the message
        # goes to the card's own status line, which a screen reader announces.
        card = selectors.sessions_with_counts(membership.proeftuin, membership).get(pk=session.pk)
        return render(
            request,
            "workshops/_answer_response.html",
            {
                "s": card,
                "next": next_url,
                "message": message,
                "level": "success" if level == messages.SUCCESS else "error",
            },
        )
    messages.add_message(request, level, message)
    if next_url.startswith(f"/p/{pilot}/"):
        # Back to the same card, not to the top of a long page.
        return redirect(f"{next_url.split('#')[0]}#session-{session.pk}")
    return redirect("workshops:session-detail", pilot=pilot, session=session.pk)


@login_required
def attendance(request, pilot: int, session: int):
    method = "update" if request.method == "POST" else "read"
    membership = access.member_for(request.user, pilot, "attendance", method)
    session = _session_or_404(membership, session)
    sheet = selectors.attendance_sheet(session)
    form = AttendanceForm(request.POST if request.method == "POST" else None, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_attendance(session=session, **form.marks())
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else "present", exc.message)
        else:
            messages.success(request, _("Aanwezigheid opgeslagen."))
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    return render(
        request,
        "workshops/attendance.html",
        {
            "form": form,
            "session": session,
            "pilot": membership.proeftuin,
            "membership": membership,
            "rows": [
                (row, state, reason, _activity_note(session, row))
                for row, state, reason in form.rows()
            ],
        },
    )


def _activity_note(session, row: selectors.SheetRow) -> str:
    """What a tick next to this person records, in the coach's words (no titles: the sheet is
    not a window on what the participant wrote)."""
    outcome = row.activity.outcome
    if outcome == row.activity.OWN_TO_LINK:
        return _("heeft zelf al gelogd: wordt gekoppeld")
    if outcome == row.activity.OWN_LINKED:
        return _("heeft zelf gelogd: gekoppeld")
    minutes = {"minutes": selectors.activity_minutes(session)}
    if outcome == row.activity.RECORDED:
        return _("heeft een activiteit van %(minutes)s minuten") % minutes
    return _("krijgt een activiteit van %(minutes)s minuten") % minutes


@login_required
def feedback(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "feedback", "create")
    session = _session_or_404(membership, session)
    if not services.may_give_feedback(session, membership):
        raise Http404
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        instance=selectors.feedback_of(session, membership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(
                session=session,
                membership=membership,
                usefulness=form.cleaned_data["usefulness"],
                improvement=form.cleaned_data["improvement"],
            )
        except services.WorkshopError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Dank je wel voor je feedback."))
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    return render(
        request,
        "workshops/feedback_form.html",
        {"form": form, "session": session, "pilot": membership.proeftuin, "membership": membership},
    )


@login_required
@require_GET
def session_download(request, pilot: int, session: int):
    membership = access.member_for(request.user, pilot, "session", "read")
    session = _session_or_404(membership, session)
    response = HttpResponse(calendar.session_ics(session), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{session.pk}.ics"'
    return response


@login_required
def agenda(request, pilot: int):
    """The page where a person creates, copies or revokes their private feed URL."""
    membership = access.member_for(request.user, pilot, "calendar feed", "update")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            services.revoke_calendar_feeds(user=request.user)
            messages.success(request, _("Je agenda-link werkt niet meer."))
        elif action in ("create", "renew"):
            services.create_calendar_feed(user=request.user)
            messages.success(request, _("Je nieuwe agenda-link is klaar."))
        else:
            # A new link stops the old one in every calendar that reads it: only the buttons
            # that say so make one.
            raise DomainError(
                _("Kies of je een nieuwe link wilt of de link wilt intrekken."), field="action"
            )
        return redirect("workshops:agenda", pilot=pilot)
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    feed_url = (
        request.build_absolute_uri(reverse("workshops:feed", args=[feed.token])) if feed else None
    )
    return render(
        request,
        "workshops/agenda.html",
        {
            "feed": feed,
            "feed_url": feed_url,
            "pilot": membership.proeftuin,
            "membership": membership,
        },
    )


@never_cache
@require_GET
def feed(request, token: str):
    """The private feed: the token is the credential; unknown or revoked gives 404."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, revoked_at__isnull=True
    )
    if not feed.user.is_active:
        raise Http404
    body = calendar.feed_ics(selectors.feed_sessions(feed.user))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# ---------------------------------------------------------------------------------------------
# Self check-in


@login_required
@never_cache
def check_in_screen(request, pilot: int, session: int):
    """The coach's page for the projector or a phone held up: a QR code and the typed code."""
    membership = access.member_for(request.user, pilot, "session check-in code", "read")
    session = _session_or_404(membership, session)
    context = {"session": session, "pilot": membership.proeftuin, "membership": membership}
    try:
        code = services.check_in_code(session=session)
    except services.CheckInClosed as exc:
        context["closed"] = exc.message
    else:
        link = request.build_absolute_uri(
            reverse("workshops:check-in", args=[pilot, session.pk]) + f"?code={code}"
        )
        context.update(code=code, link=link, qr=qr_code_svg(link))
        context["checked_in"] = session.attendances.filter(
            checked_in_at__isnull=False, state__in=Attendance.COUNTED
        ).count()
    return render(request, "workshops/check_in_screen.html", context)


def _checked_in_message(session: Session) -> str:
    return _("Je bent ingecheckt bij %(title)s. Fijn dat je er bent!") % {"title": session.title}


@login_required
def check_in(request, pilot: int, session: int):
    """A participant checks in with the room's code (typed, or carried by the QR code's link)."""
    membership = access.member_for(request.user, pilot, "session check-in", "create")
    session = _session_or_404(membership, session)
    level, message = "error", ""
    if request.method == "POST":
        form = CheckInForm(request.POST)
        throttle = CheckInThrottle(request.user)
        if not throttle.allow_request(request, None):
            message = _(
                "Je hebt het vaak achter elkaar geprobeerd. Wacht een minuut en probeer het "
                "dan opnieuw, of vraag de coach je op de lijst te zetten."
            )
        elif not form.is_valid():
            message = _("Typ de zes tekens van het scherm in de zaal.")
        else:
            try:
                services.check_in(
                    session=session, membership=membership, code=form.cleaned_data["code"]
                )
            except DomainError as exc:
                message = exc.message
            else:
                level, message = "success", _checked_in_message(session)
        if request.htmx:
            # Only the check-in part changes; the message goes to its status line (announced).
            return render(
                request,
                "workshops/_check_in_response.html",
                {
                    "s": session,
                    "pilot_id": pilot,
                    "level": level,
                    "message": message,
                    "checked_in": level == "success",
                    "code": request.POST.get("code", "")[:20],
                    "errored": level == "error",
                },
            )
        if level == "success":
            messages.success(request, message)
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
        form.add_error("code", message)
    else:
        form = CheckInForm(initial={"code": request.GET.get("code", "")[:20]})
    attendance = selectors.attendance_of(session, membership)
    return render(
        request,
        "workshops/check_in.html",
        {
            "form": form,
            "s": session,
            "pilot": membership.proeftuin,
            "pilot_id": pilot,
            "membership": membership,
            "checked_in": attendance is not None and attendance.counts,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def excuse(request, pilot: int, session: int):
    """A participant says in advance they cannot come, with a reason (or takes it back)."""
    membership = access.member_for(request.user, pilot, "excuse", "update")
    session = _session_or_404(membership, session)
    if request.POST.get("action") == "withdraw":
        try:
            services.withdraw_excuse(session=session, membership=membership)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Je afmelding is ingetrokken."))
        return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    form = ExcuseForm(request.POST)
    if form.is_valid():
        try:
            services.excuse(
                session=session, membership=membership, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Je bent afgemeld voor %(title)s. Je coach ziet je reden.")
                % {"title": session.title},
            )
            return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
    return render(
        request,
        "workshops/excuse_form.html",
        {"form": form, "session": session, "pilot": membership.proeftuin, "membership": membership},
        status=400,
    )


# ---------------------------------------------------------------------------------------------
# Materials and minutes


@login_required
def materials(request, pilot: int, session: int):
    """The coach adds links to slides and materials and a short summary of the session."""
    membership = access.member_for(request.user, pilot, "session material", "update")
    session = _session_or_404(membership, session)
    material_form = MaterialForm(prefix="material")
    summary_form = SummaryForm(instance=session, prefix="summary")
    lesson_form = LessonForm(prefix="lesson", initial={"text": session.summary})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "lesson":
                lesson_form = LessonForm(request.POST, prefix="lesson")
                if lesson_form.is_valid():
                    learning.add_lesson(
                        session=session, author=membership, **lesson_form.cleaned_data
                    )
                    messages.success(
                        request,
                        _("De les staat bij de lessen, klaar voor je beoordeling."),
                    )
                    return redirect("workshops:materials", pilot=pilot, session=session.pk)
            elif action == "remove":
                services.remove_material(
                    session=session, material_id=_int_or_zero(request.POST.get("material"))
                )
                messages.success(request, _("Materiaal verwijderd."))
                return redirect("workshops:materials", pilot=pilot, session=session.pk)
            if action == "summary":
                summary_form = SummaryForm(request.POST, instance=session, prefix="summary")
                if summary_form.is_valid():
                    services.set_summary(
                        session=session, summary=summary_form.cleaned_data["summary"]
                    )
                    messages.success(request, _("Samenvatting opgeslagen."))
                    return redirect("workshops:materials", pilot=pilot, session=session.pk)
            else:
                material_form = MaterialForm(request.POST, prefix="material")
                if material_form.is_valid():
                    services.add_material(session=session, **material_form.cleaned_data)
                    messages.success(request, _("Materiaal toegevoegd."))
                    return redirect("workshops:materials", pilot=pilot, session=session.pk)
        except DomainError as exc:
            forms_by_action = {"summary": summary_form, "lesson": lesson_form}
            add_to_form(forms_by_action.get(action, material_form), exc)
    return render(
        request,
        "workshops/materials.html",
        {
            "session": session,
            "pilot": membership.proeftuin,
            "membership": membership,
            "materials": selectors.materials_of(session),
            "material_form": material_form,
            "summary_form": summary_form,
            "lesson_form": lesson_form,
        },
        status=400 if (material_form.errors or summary_form.errors or lesson_form.errors) else 200,
    )


def _int_or_zero(value) -> int:
    try:
        return max(0, min(int(value), 2**31 - 1))
    except (TypeError, ValueError):
        return 0


# ---------------------------------------------------------------------------------------------
# A seat on offer: answered from the mail's signed link, or on the session page


def _offer_page(request, *, offer=None, error: str = "", done: str = "", status: int = 200):
    return render(
        request,
        "workshops/offer.html",
        {"offer": offer, "error": error, "done": done},
        status=status,
    )


@never_cache
def offer(request, token: str):
    """The mail's accept or decline link: a page with one button, so a link checker that
    opens the link takes no seat; the button answers once."""
    try:
        offer_id, action = tokens.read_offer_token(token)
    except tokens.BadToken:
        return _offer_page(
            request, error=_("Deze link klopt niet. Gebruik de link uit je mail."), status=404
        )
    found = selectors.offer_with_session(offer_id)
    if found is None:
        return _offer_page(request, error=_("Dit aanbod bestaat niet (meer)."), status=404)
    if request.method == "POST":
        try:
            if action == tokens.ACCEPT:
                services.accept_offer(offer_id=offer_id)
                done = _("Gelukt: de plek is van jou. Je staat aangemeld.")
            else:
                services.decline_offer(offer_id=offer_id)
                done = _("Dank je voor het laten weten. De plek gaat naar de volgende.")
        except services.OfferClosed as exc:
            return _offer_page(request, offer=found, error=exc.message, status=409)
        return _offer_page(request, offer=selectors.offer_with_session(offer_id), done=done)
    if not found.is_open:
        return _offer_page(
            request, offer=found, error=services.offer_closed_reason(found), status=409
        )
    return render(
        request, "workshops/offer.html", {"offer": found, "action": action, "token": token}
    )


@login_required
@require_POST
def offer_answer(request, pilot: int, session: int):
    """Accept or decline one's own offer on the session page."""
    membership = access.member_for(request.user, pilot, "registration", "update")
    session = _session_or_404(membership, session)
    found = selectors.open_offer_of(session, membership)
    choice = request.POST.get("answer", "")
    try:
        if found is None:
            raise services.OfferClosed(_("Er staat geen plek voor je klaar."))
        if choice == tokens.ACCEPT:
            services.accept_offer(offer_id=found.pk, membership=membership)
            messages.success(request, _("Gelukt: de plek is van jou. Je staat aangemeld."))
        elif choice == tokens.DECLINE:
            services.decline_offer(offer_id=found.pk, membership=membership)
            messages.success(
                request, _("Dank je voor het laten weten. De plek gaat naar de volgende.")
            )
        else:
            raise services.WorkshopError(_("Kies: de plek nemen of afslaan."), field="answer")
    except services.WorkshopError as exc:
        messages.error(request, exc.message)
    return redirect("workshops:session-detail", pilot=pilot, session=session.pk)


# ---------------------------------------------------------------------------------------------
# Guests: the public sign-up page, the guest's own page, and the coach's part


def _bad_link(request, message: str = "", status: int = 404):
    return render(
        request,
        "workshops/guest_bad_link.html",
        {"message": message or _("Deze link klopt niet of werkt niet meer.")},
        status=status,
    )


@never_cache
def guest_sign_up(request, token: str):
    """Anyone with the link the coach shares signs up with a name and an e-mail address."""
    try:
        session_id = tokens.read_sign_up_token(token)
    except tokens.BadToken:
        return _bad_link(request)
    session = selectors.session_for_guests(session_id)
    if session is None:
        return _bad_link(request, _("Aanmelden als gast kan voor deze bijeenkomst niet (meer)."))
    form = GuestSignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        throttle = GuestSignUpThrottle()
        if not throttle.allow_request(request, None):
            response = _bad_link(
                request, _("Te veel aanmeldingen vanaf dit adres. Probeer het over een uur."), 429
            )
            response["Retry-After"] = str(max(1, round(throttle.wait() or 3600)))
            return response
        if form.is_valid():
            try:
                services.sign_up_guest(
                    session_id=session.pk,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    language=translation.get_language() or "nl",
                )
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                return render(
                    request, "workshops/guest_sign_up.html", {"session": session, "sent": True}
                )
    return render(request, "workshops/guest_sign_up.html", {"session": session, "form": form})


@never_cache
def guest(request, token: str):
    """A guest's own page: their sign-up only; confirm, calendar file, cancel."""
    try:
        guest_id = tokens.read_guest_token(token)
    except tokens.BadToken:
        return _bad_link(request)
    found = selectors.guest_with_session(guest_id)
    if found is None:
        return _bad_link(request, _("Deze aanmelding bestaat niet (meer)."))
    error = done = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "confirm":
                services.confirm_guest(guest_id=guest_id)
                done = _("Je aanmelding is bevestigd. Tot dan!")
            elif action == "cancel":
                services.cancel_guest(guest_id=guest_id)
                done = _("Je bent afgemeld. Jammer dat je er niet bij bent.")
            else:
                raise services.WorkshopError(_("Kies bevestigen of afmelden."), field="action")
        except services.WorkshopError as exc:
            error = exc.message
        found = selectors.guest_with_session(guest_id)
    return render(
        request,
        "workshops/guest.html",
        {"guest": found, "session": found.session, "token": token, "error": error, "done": done},
        status=400 if error else 200,
    )


@never_cache
@require_GET
def guest_ics(request, token: str):
    try:
        guest_id = tokens.read_guest_token(token)
    except tokens.BadToken:
        return _bad_link(request)
    found = selectors.guest_with_session(guest_id)
    if found is None or not found.holds_seat:
        return _bad_link(request, _("De agenda-afspraak komt vrij als je aanmelding bevestigd is."))
    response = HttpResponse(calendar.session_ics(found.session), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{found.session_id}.ics"'
    return response


@login_required
@require_POST
def session_guests(request, pilot: int, session: int):
    """The coach opens or closes the session to colleagues, or marks which guests came."""
    membership = access.member_for(request.user, pilot, "session", "update")
    session = _session_or_404(membership, session)
    action = request.POST.get("action", "")
    try:
        if action in ("open", "close"):
            services.set_open_to_colleagues(session=session, is_open=action == "open")
            if action == "open":
                messages.success(
                    request, _("De bijeenkomst staat open voor collega's. Deel de aanmeldlink.")
                )
            else:
                messages.success(request, _("Nieuwe gasten kunnen zich niet meer aanmelden."))
        elif action == "present":
            form = GuestsPresentForm(request.POST, guests=selectors.guests_of(session))
            if not form.is_valid():
                raise services.WorkshopError(_("Kies gasten van deze bijeenkomst."), field="guests")
            services.mark_guests_present(session=session, present=form.cleaned_data["guests"])
            messages.success(request, _("Aanwezigheid van de gasten opgeslagen."))
        else:
            raise services.WorkshopError(_("Kies wat je wilt doen."), field="action")
    except services.WorkshopError as exc:
        messages.error(request, exc.message)
    return redirect("workshops:session-detail", pilot=pilot, session=session.pk)
