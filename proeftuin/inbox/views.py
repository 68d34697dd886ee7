"""The coach's inbox page: one list of what waits, grouped, each item a link to handle it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access
from . import selectors


@login_required
def inbox_page(request, pilot: int):
    membership = access.member_for(request.user, pilot, "inbox", "read")
    return render(
        request,
        "proeftuin/inbox/inbox.html",
        {"membership": membership, "inbox": selectors.inbox_for(membership)},
    )
