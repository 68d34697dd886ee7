"""The menu of a signed-in page, rendered once for what it shows and then taken from the cache.

The cache key is everything the menu's HTML depends on, read fresh on every request: the
person's active roles (one small query), the unread count, the coach's inbox count, the page
(for `aria-current`), the language and the templates themselves. A withdrawn role, a read
notification or a new item in the inbox changes the key, so the next request renders anew;
nothing has to be invalidated, and nothing stale can be served, whichever process wrote the
change. Who may open a page is decided by the page itself (proeftuin/access.py), never here.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.core.cache import cache
from django.db.models import F
from django.template import engines
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from notifications.templatetags.notifications import unread_notifications
from proeftuin.templatetags.inbox_tags import inbox_count

from ..models import Membership, Role
from ..precompiled import Precompiled

logger = logging.getLogger(__name__)

TEMPLATE = "includes/menu.html"
# Entries are correct for as long as they live (the key holds what they show); the timeout only
# lets the cache forget menus nobody asks for any more.
SECONDS = 60 * 60


@dataclass(frozen=True)
class MenuRole:
    """One active role, as the menu shows it: its pilot, its name, its menu items."""

    pk: int
    user_id: int
    proeftuin_id: int
    role: str
    is_ethics_reviewer: bool
    pilot_name: str
    is_active = True

    def get_role_display(self) -> str:
        return str(Role(self.role).label)


# Every signed-in page asks: compiled once (proeftuin.precompiled).
_ROLES = Precompiled(
    lambda user: Membership.objects.filter(user_id=user, is_active=True)
    .order_by("-proeftuin__starts_on", "proeftuin__name")
    .values_list("pk", "proeftuin_id", "role", "is_ethics_reviewer", F("proeftuin__name")),
    user=-2_000_000_003,
)


def roles_of(user) -> list[MenuRole]:
    """The user's active roles with their pilot's name, newest pilot first: one query, no models."""
    return [
        MenuRole(pk, user.pk, pilot, role, reviewer, name)
        for pk, pilot, role, reviewer, name in _ROLES.rows(user=user.pk)
    ]


@lru_cache(maxsize=1)
def templates_digest() -> str:
    """A digest of the menu's templates and what they include, so a deploy that changes them
    never serves a menu rendered by the old ones from a shared cache."""
    engine = engines["django"].engine
    seen: dict[str, str] = {}
    pending = [TEMPLATE]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        source = engine.get_template(name).source
        seen[name] = source
        pending.extend(re.findall(r"""{%\s*include\s+["']([^"']+)["']""", source))
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(f"{name}\0{seen[name]}\0".encode())
    return digest.hexdigest()[:16]


class Menu:
    """The header menu and the footer's list of other pilots of one request, computed lazily:
    a page that is not rendered with the base template pays nothing."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def roles(self) -> list[MenuRole]:
        return roles_of(self.request.user)

    @cached_property
    def current(self) -> MenuRole | None:
        match = getattr(self.request, "resolver_match", None)
        pilot = str(match.kwargs.get("pilot", "")) if match else ""
        chosen = next((m for m in self.roles if str(m.proeftuin_id) == pilot), None)
        return chosen or (self.roles[0] if self.roles else None)

    def _context(self) -> dict:
        return {"request": self.request, "user": self.request.user, "membership": self.current}

    def _key(self) -> str:
        request, user, current = self.request, self.request.user, self.current
        context = self._context()
        match = getattr(request, "resolver_match", None)
        # The counts are read here (one query each, kept on the request for the templates' tags).
        unread = unread_notifications(context)
        waiting = inbox_count(context, current) if current else 0
        shown = (
            templates_digest(),
            get_script_prefix(),
            get_language(),
            match.namespace if match else "",
            match.url_name if match else "",
            user.pk,
            user.is_staff,
            current.pk if current else None,
            unread,
            waiting,
            tuple(self.roles),
        )
        return "menu:" + hashlib.sha256(repr(shown).encode()).hexdigest()

    @cached_property
    def _fragments(self) -> tuple[str, str]:
        key = self._key()
        # The cache only saves work: when it does not answer (Redis down), the page renders
        # its menu itself instead of failing.
        try:
            fragments = cache.get(key)
        except Exception:
            logger.warning("menu cache unavailable", exc_info=True)
            return self._render()
        if fragments is None:
            fragments = self._render()
            try:
                cache.set(key, fragments, SECONDS)
            except Exception:
                logger.warning("menu cache unavailable", exc_info=True)
        return fragments

    def _render(self) -> tuple[str, str]:
        html = render_to_string(TEMPLATE, {**self._context(), "roles": self.roles})
        header, _sep, footer = html.partition("<!--footer-->")
        return header.strip(), footer.strip()

    # Both are parts of our own template's output, escaped when it was rendered.
    @property
    def header(self) -> SafeString:
        return mark_safe(self._fragments[0])

    @property
    def footer(self) -> SafeString:
        return mark_safe(self._fragments[1])
