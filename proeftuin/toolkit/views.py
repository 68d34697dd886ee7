"""Pages of the toolkit: read, download, publish, and the coach's review of lessons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, audit
from ..models import Role
from . import contents, formats, library, public_link, review
from .forms import LessonReviewForm


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
    if action == "share":
        library.share(proeftuin=membership.proeftuin, actor=request.user)
        messages.success(request, _("Het informatiepakket staat nu in de gedeelde bibliotheek."))
    elif action == "withdraw":
        library.withdraw(proeftuin=membership.proeftuin, actor=request.user)
        messages.success(request, _("Het informatiepakket is uit de bibliotheek gehaald."))
    elif action == "revoke":
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
def library_list(request):
    return render(
        request,
        "proeftuin/toolkit/library.html",
        {"packages": library.shared_packages(request.user)},
    )


@login_required
def library_package(request, pilot: int):
    pilot_obj = library.shared_package_or_404(request.user, pilot)
    return render(
        request,
        "proeftuin/toolkit/library_package.html",
        {"toolkit": contents.build(pilot_obj), "pilot": pilot_obj},
    )


@login_required
def library_pdf(request, pilot: int):
    pilot_obj = library.shared_package_or_404(request.user, pilot)
    return _file_response(pilot_obj, formats.as_pdf, "application/pdf", "pdf")


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
    }
    form = LessonReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "draft":
            review.send_back_to_draft(lesson=lesson_obj, toolkit_text=data["toolkit_text"])
            messages.success(request, _("De les staat weer op concept."))
            return redirect("proeftuin:toolkit-lessons", pilot=pilot)
        try:
            review.approve_lesson(
                lesson=lesson_obj,
                toolkit_text=data["toolkit_text"],
                kind=data["kind"],
                dimension=data["dimension"],
            )
        except review.LessonNotAnonymous as exc:
            form.add_error("toolkit_text", str(exc))
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
