from ..accounts import second_factor
from .menu import Menu


def navigation(request):
    """The menu and the pilot switcher of the signed-in user (rendered only when shown)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        # Until the code is given every link leads back to the code page: show none.
        "second_factor_pending": second_factor.must_verify(request, remember=False),
        "menu": Menu(request),
    }
