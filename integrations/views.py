"""Pages of the integrations: personal access tokens on the account's security page."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from proeftuin.accounts import second_factor
from proeftuin.errors import DomainError, add_to_form

from . import tokens
from .forms import AccessTokenForm


@never_cache
@login_required
def token_create(request):
    """Make a token; its secret is shown on the answer page, this once."""
    if tokens.needs_fresh_second_factor(request):
        return _code_again()
    form = AccessTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = tokens.create_token(
                request=request,
                name=data["name"],
                proeftuin=data["proeftuin"],
                can_write=data["access"] == "write",
                days=data["days"],
            )
        except second_factor.SecondFactorNeeded:
            return _code_again()
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            return render(
                request, "integrations/token_created.html", {"token": token, "secret": secret}
            )
    return render(request, "integrations/token_form.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, token: int):
    tokens.revoke_token(user=request.user, token_id=token)
    messages.success(request, _("De sleutel is ingetrokken: hij werkt nergens meer."))
    return redirect(reverse("proeftuin:account-security") + "#sleutels")


def _code_again():
    back = reverse("integrations:token-create")
    return redirect(reverse("proeftuin:two-factor-verify") + "?opnieuw=1&next=" + quote(back))
