"""Pages of the site itself, for everyone."""

from django.shortcuts import render


def accessibility(request):
    """The accessibility statement (public)."""
    return render(request, "security/accessibility.html")
