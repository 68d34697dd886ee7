"""Pages of "Wie ziet mijn gegevens?" (consent, export, erasure) and the toolkit."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import access, audit, privacy, toolkit
from ..models import Role
from .forms import ConsentForm, EraseMeForm, LessonReviewForm

# -- my data ----------------------------------------------------------------------------------


@login_required
@never_cache
def my_data(request):
    pilots = privacy.my_pilots(request.user)
    return render(
        request,
        "proeftuin/privacy.html",
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
    return redirect(reverse("privacy") + f"#pilot-{membership}")


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
            return render(request, "proeftuin/privacy_erased.html")
    return render(request, "proeftuin/privacy_erase.html", {"form": form})


# -- toolkit ----------------------------------------------------------------------------------


def _file_name(pilot, extension: str) -> str:
    return f"informatiepakket-{slugify(pilot.name) or pilot.pk}.{extension}"


@login_required
def toolkit_page(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "read")
    pilot_obj = membership.proeftuin
    public_url = None
    if pilot_obj.toolkit_public_token:
        public_url = request.build_absolute_uri(
            reverse("toolkit-public", args=[pilot_obj.toolkit_public_token])
        )
    return render(
        request,
        "proeftuin/toolkit.html",
        {
            "membership": membership,
            "pilot": pilot_obj,
            "toolkit": toolkit.build(pilot_obj),
            "public_url": public_url,
            "is_coach": membership.role == Role.COACH,
        },
    )


@login_required
def toolkit_html(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "read")
    response = HttpResponse(
        toolkit.as_html_file(toolkit.build(membership.proeftuin)),
        content_type="text/html; charset=utf-8",
    )
    name = _file_name(membership.proeftuin, "html")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def toolkit_markdown(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "read")
    response = HttpResponse(
        toolkit.as_markdown(toolkit.build(membership.proeftuin)),
        content_type="text/markdown; charset=utf-8",
    )
    name = _file_name(membership.proeftuin, "md")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def toolkit_publish(request, pilot: int):
    membership = access.member_for(request.user, pilot, "toolkit", "update")
    if request.POST.get("action") == "revoke":
        toolkit.revoke(proeftuin=membership.proeftuin)
        messages.success(request, _("De openbare link is ingetrokken."))
    else:
        toolkit.publish(proeftuin=membership.proeftuin)
        messages.success(request, _("Het informatiepakket staat nu op een openbare link."))
    return redirect("toolkit", pilot=pilot)


def toolkit_public(request, token: str):
    pilot = toolkit.public_pilot_or_404(token)
    return render(
        request, "proeftuin/toolkit_public.html", {"toolkit": toolkit.build(pilot), "token": token}
    )


@login_required
def lesson_list(request, pilot: int):
    membership = access.member_for(request.user, pilot, "lesson", "update")
    return render(
        request,
        "proeftuin/toolkit_lessons.html",
        {
            "pilot": membership.proeftuin,
            "lessons": toolkit.lessons_for_review(membership.proeftuin),
        },
    )


@login_required
def lesson_review(request, pilot: int, lesson: int):
    membership = access.member_for(request.user, pilot, "lesson", "update")
    lesson_obj = toolkit.lesson_for_review_or_404(membership.proeftuin, lesson)
    initial = {
        "toolkit_text": lesson_obj.toolkit_text or lesson_obj.text,
        "kind": lesson_obj.kind,
        "dimension": lesson_obj.dimension,
    }
    form = LessonReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "draft":
            toolkit.send_back_to_draft(lesson=lesson_obj, toolkit_text=data["toolkit_text"])
            messages.success(request, _("De les staat weer op concept."))
            return redirect("toolkit-lessons", pilot=pilot)
        try:
            toolkit.approve_lesson(
                lesson=lesson_obj,
                toolkit_text=data["toolkit_text"],
                kind=data["kind"],
                dimension=data["dimension"],
            )
        except toolkit.LessonNotAnonymous as exc:
            form.add_error("toolkit_text", str(exc))
        else:
            messages.success(request, _("De les staat in het informatiepakket."))
            return redirect("toolkit-lessons", pilot=pilot)
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
        "proeftuin/toolkit_lesson.html",
        {"pilot": membership.proeftuin, "lesson": lesson_obj, "form": form},
    )
