"""Anonymity of the toolkit: the members' names and e-mail addresses, found and replaced.

Every text that leaves the pilot passes `redactor_for`; a coach cannot approve a lesson in
which `identifying_words` still finds something.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from ..errors import DomainError
from ..models import Invitation, Membership, Proeftuin

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
NAME_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "el", "al", "la", "le", "da"}


class LessonNotAnonymous(DomainError):
    """The toolkit text still identifies someone; the message names what to remove."""


def member_identifiers(proeftuin: Proeftuin) -> tuple[list[str], list[str]]:
    """Full names and e-mail addresses of everybody in (or invited to) the pilot."""
    names, emails = set(), set()
    for full_name, email in Membership.objects.filter(proeftuin=proeftuin).values_list(
        "user__full_name", "user__email"
    ):
        names.add(full_name.strip())
        emails.add(email.lower())
    for full_name, email in Invitation.objects.filter(proeftuin=proeftuin).values_list(
        "full_name", "email"
    ):
        names.add(full_name.strip())
        emails.add(email.lower())
    return sorted(n for n in names if n), sorted(emails)


def _name_patterns(names: list[str]) -> list[re.Pattern]:
    """Whole names first, then each capitalised part of a name (a first or last name alone)."""
    parts = {
        part
        for name in names
        for part in name.split()
        if len(part) >= 3 and part.lower() not in NAME_PARTICLES
    }
    whole = [re.compile(re.escape(name), re.IGNORECASE) for name in sorted(names, key=len)[::-1]]
    # Case-sensitive: "Floor" the colleague, not "floor" in a sentence.
    single = [re.compile(rf"\b{re.escape(part)}\b") for part in sorted(parts, key=len)[::-1]]
    return whole + single


def redactor_for(proeftuin: Proeftuin) -> Callable[[str], str]:
    """A function that removes members' names and any e-mail address from a text."""
    names, _emails = member_identifiers(proeftuin)
    patterns = _name_patterns(names)
    placeholder = _("[naam verwijderd]")

    def redact(text: str) -> str:
        text = EMAIL.sub(_("[e-mailadres verwijderd]"), text or "")
        for pattern in patterns:
            text = pattern.sub(placeholder, text)
        return text

    return redact


def identifying_words(proeftuin: Proeftuin, text: str) -> list[str]:
    """The names or e-mail addresses of members that a text still contains."""
    found = [m.group(0) for m in EMAIL.finditer(text)]
    names, _emails = member_identifiers(proeftuin)
    for pattern in _name_patterns(names):
        found.extend(m.group(0) for m in pattern.finditer(text))
    return sorted(set(found))
