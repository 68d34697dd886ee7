"""Pages of the toolkit: read, download, publish, and the coach's review of lessons."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning.models import Lesson

from .. import access, audit
from ..errors import DomainError, add_to_form
from ..models import Role
from ..network import services as network
from ..web.throttles import PerClientAddress
from . import contents, formats, library, public_link, review
from .forms import LessonReviewForm, LibraryProfileForm, LibrarySearchForm


def _file_name(pilot, extension: str) -> str:
    return f"informatiepakket-{slugify(pilot.name) or pilot.pk}.{extension}"


@login_required
def toolkit_page(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "read")
    pilot_obj = membership.proeftuin
    public_url = None
    if pilot_obj.toolkit_public_token:
        public_url = request.build_absolute_uri(
            reverse("proeftuin:toolkit-public", args=[pilot_obj.toolkit_public_token])
        )
    return render(
        request,
        "proeftuin/toolkit/toolkit.html",
        {
            "membership": membership,
            "pilot": pilot_obj,
            "toolkit": contents.build(pilot_obj),
            "public_url": public_url,
            "is_coach": membership.role == Role.COACH,
            "may_publish": access.may(membership, "library", "update"),
        },
    )


def _file_response(pilot_obj, render_file, content_type: str, extension: str):
    body = render_file(contents.build(pilot_obj))
    if isinstance(body, str):
        content_type = f"{content_type}; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    name = _file_name(pilot_obj, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _download(request, pilot: int, render_file, content_type: str, extension: str):
    membership = access.member_for(request.user, pilot, "toolkit", "read")
    return _file_response(membership.proeftuin, render_file, content_type, extension)


@login_required
def toolkit_html(request, pilot: int):
    return _download(request, pilot, formats.as_html_file, "text/html", "html")


@login_required
def toolkit_markdown(request, pilot: int):
    return _download(request, pilot, formats.as_markdown, "text/markdown", "md")


@login_required
def toolkit_pdf(request, pilot: int):
    return _download(request, pilot, formats.as_pdf, "application/pdf", "pdf")


@login_required
@require_POST
def toolkit_publish(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "update")
    action = request.POST.get("action")
    if action == "revoke":
        public_link.revoke(proeftuin=membership.proeftuin)
        messages.success(request, _("De openbare link is ingetrokken."))
    else:
        public_link.publish(proeftuin=membership.proeftuin)
        messages.success(request, _("Het informatiepakket staat nu op een openbare link."))
    return redirect("proeftuin:toolkit", pilot=pilot)


def toolkit_public(request, token: str):
    pilot = public_link.public_pilot_or_404(token)
    return render(
        request, "proeftuin/toolkit/public.html", {"toolkit": contents.build(pilot), "token": token}
    )


def toolkit_public_pdf(request, token: str):
    pilot = public_link.public_pilot_or_404(token)
    return _file_response(pilot, formats.as_pdf, "application/pdf", "pdf")


@login_required
def library_settings(request, pilot: int):
    """The director's page: publish or withdraw the package, and how the library names us."""
    membership = access.member_for(request.user, pilot, "library", "update")
    pilot_obj = membership.proeftuin
    form = LibraryProfileForm(
        request.POST if request.POST.get("action") == "describe" else None,
        initial={
            "named": pilot_obj.organisation.named_in_library,
            "sector": pilot_obj.organisation.sector,
            "size_band": pilot_obj.organisation.size_band,
        },
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "share":
            library.share(proeftuin=pilot_obj, actor=request.user)
            messages.success(
                request, _("Het informatiepakket staat nu in de openbare bibliotheek.")
            )
            return redirect("proeftuin:library-settings", pilot=pilot)
        if action == "withdraw":
            library.withdraw(proeftuin=pilot_obj, actor=request.user)
            messages.success(request, _("Het informatiepakket is uit de bibliotheek gehaald."))
            return redirect("proeftuin:library-settings", pilot=pilot)
        if action == "describe" and form.is_valid():
            try:
                library.describe_organisation(
                    proeftuin=pilot_obj, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("De bibliotheek noemt jullie nu zoals je koos."))
                return redirect("proeftuin:library-settings", pilot=pilot)
        elif action != "describe":
            # The form is bound only for "describe": another answer has no field to show it on.
            raise DomainError(_("Kies wat je wilt doen."), field="action")
    pilot_obj.organisation.refresh_from_db()
    return render(
        request,
        "proeftuin/toolkit/library_settings.html",
        {"pilot": pilot_obj, "organisation": pilot_obj.organisation, "form": form},
        status=400 if form.errors else 200,
    )


def _public(view):
    """A page of the public library: rate limited per client address, and for a visitor
    without an account cacheable by anyone, in the language it was asked in."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        throttle = LibraryThrottle()
        if not throttle.allow_request(request, None):
            response = render(request, "proeftuin/toolkit/library_busy.html", status=429)
            wait = throttle.wait()
            if wait is not None:
                response["Retry-After"] = str(max(1, round(wait)))
            return response
        response = view(request, *args, **kwargs)
        if request.method == "GET" and not request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    return wrapped


class LibraryThrottle(PerClientAddress):
    """The "library" rate (LIBRARY_THROTTLE), for visitors and members alike."""

    scope = "library"


# Short: a package its director withdraws must not live on long in someone's cache.
PUBLIC_MAX_AGE = 60


@_public
def library_list(request):
    form = LibrarySearchForm(request.GET or None)
    filters, page = library.Filters(), 1
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        page = data.pop("page") or 1
        filters = library.Filters(**data)
    results = library.search(filters) if filters.any else None
    packages, more = library.packages_page(page)
    others = request.GET.copy()
    others.pop("page", None)
    return render(
        request,
        "proeftuin/toolkit/library.html",
        {
            "form": form,
            "filters": filters,
            "results": results[: library.RESULTS] if results is not None else None,
            "packages": packages,
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if more else None,
            "query": others.urlencode(),
            "cases": library.search(library.Filters(kind="case"))[:12],
        },
        status=400 if form.errors else 200,
    )


@_public
def library_package(request, pilot: int):
    pilot_obj = library.published_pilot_or_404(pilot)
    return render(
        request,
        "proeftuin/toolkit/library_package.html",
        {
            "toolkit": library.public_toolkit(pilot_obj),
            "pilot": pilot_obj,
            "may_be_contacted": network.may_be_contacted(pilot_obj.organisation_id),
        },
    )


@_public
def library_case(request, pilot: int, case: int):
    pilot_obj = library.published_pilot_or_404(pilot)
    toolkit = library.public_toolkit(pilot_obj)
    return render(
        request,
        "proeftuin/toolkit/library_case.html",
        {"toolkit": toolkit, "case": library.case_or_404(toolkit, case), "pilot": pilot_obj},
    )


def _public_file(pilot: int, render_file, content_type: str, extension: str):
    pilot_obj = library.published_pilot_or_404(pilot)
    body = render_file(library.public_toolkit(pilot_obj))
    if isinstance(body, str):
        content_type = f"{content_type}; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    name = f"informatiepakket-{pilot_obj.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_public
def library_pdf(request, pilot: int):
    return _public_file(pilot, formats.as_pdf, "application/pdf", "pdf")


@_public
def library_markdown(request, pilot: int):
    return _public_file(pilot, formats.as_markdown, "text/markdown", "md")


@login_required
def lesson_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "lesson", "update")
    return render(
        request,
        "proeftuin/toolkit/lessons.html",
        {
            "pilot": membership.proeftuin,
            "lessons": review.lessons_for_review(membership.proeftuin),
        },
    )


@login_required
def lesson_review(request, pilot: int, lesson: int):
    membership = access.member_for(request.user, pilot, "lesson", "update")
    lesson_obj = review.lesson_for_review_or_404(membership.proeftuin, lesson)
    initial = {
        "toolkit_text": lesson_obj.toolkit_text or lesson_obj.text,
        "kind": lesson_obj.kind,
        "dimension": lesson_obj.dimension,
        "stage": lesson_obj.stage,
        "themes": lesson_obj.themes,
    }
    form = LessonReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "draft":
        # Back to draft needs no stage or themes: only approving does.
        limit = Lesson._meta.get_field("toolkit_text").max_length
        text = request.POST.get("toolkit_text", "")[:limit]
        review.send_back_to_draft(lesson=lesson_obj, toolkit_text=text)
        messages.success(request, _("De les staat weer op concept."))
        return redirect("proeftuin:toolkit-lessons", pilot=pilot)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review.approve_lesson(
                lesson=lesson_obj,
                toolkit_text=data["toolkit_text"],
                kind=data["kind"],
                dimension=data["dimension"],
                stage=data["stage"],
                themes=data["themes"],
            )
        except review.LessonNotAnonymous as exc:
            form.add_error("toolkit_text", str(exc))
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("De les staat in het informatiepakket."))
            return redirect("proeftuin:toolkit-lessons", pilot=pilot)
    if lesson_obj.author_id and request.method == "GET":
        author = lesson_obj.author.user
        audit.viewed(
            actor=request.user,
            subject=author,
            what=audit.What.TOOLKIT_LESSON,
            proeftuin=membership.proeftuin,
        )
    return render(
        request,
        "proeftuin/toolkit/lesson.html",
        {"pilot": membership.proeftuin, "lesson": lesson_obj, "form": form},
    )
