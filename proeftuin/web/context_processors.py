from ..access import active_memberships
from ..accounts import second_factor


def navigation(request):
    """The pilots and roles of the signed-in user, for the menu and the pilot switcher."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    memberships = list(active_memberships(request.user))
    current = None
    match = getattr(request, "resolver_match", None)
    if match and "pilot" in match.kwargs:
        current = next(
            (m for m in memberships if str(m.proeftuin_id) == str(match.kwargs["pilot"])), None
        )
    return {
        # Until the code is given every link leads back to the code page: show none.
        "second_factor_pending": second_factor.must_verify(request, remember=False),
        "my_memberships": memberships,
        "current_membership": current or (memberships[0] if memberships else None),
    }
