"""The instance's public shared library: informatiepakketten their directors published.

Publishing, withdrawing and how the organisation is named are the director's, in their own
pilot only (access.py, ("library", "update")); each change is in the audit log. Readers need
no account. What is shown is `contents.build(for_library=True)`, so the redactor and the
disclosure rule hold exactly as in the pilot's own downloads, and only items the coach approved
appear. The search reads `LibraryEntry` rows written at publishing and deleted at withdrawal: a
withdrawn package answers 404 on every old link and the search forgets it at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from learning.models import Lesson, LessonTheme

from .. import access, audit
from ..errors import DomainError
from ..models import AuditEvent, Dimension, LibraryEntry, Proeftuin, Sector, SizeBand, Stage
from . import contents
from .contents import Case, Toolkit


def _director_pilot(proeftuin: Proeftuin, actor) -> Proeftuin:
    """The pilot, locked, if `actor` is its director; 404 for anyone else."""
    access.member_for(actor, proeftuin.pk, "library", "update")
    return Proeftuin.objects.select_for_update().select_related("organisation").get(pk=proeftuin.pk)


@transaction.atomic
def share(*, proeftuin: Proeftuin, actor) -> None:
    """Publish the package in the library (once; publishing again keeps the first date)."""
    proeftuin = _director_pilot(proeftuin, actor)
    if proeftuin.toolkit_shared_at is not None:
        return
    proeftuin.toolkit_shared_at = timezone.now()
    proeftuin.save(update_fields=["toolkit_shared_at"])
    index(proeftuin)
    audit.record(
        actor=actor,
        subject=None,
        action=AuditEvent.Action.PUBLISHED,
        what=audit.What.LIBRARY_SHARED,
        proeftuin=proeftuin,
    )


@transaction.atomic
def withdraw(*, proeftuin: Proeftuin, actor) -> None:
    """Take the package out of the library and out of its search, at once."""
    proeftuin = _director_pilot(proeftuin, actor)
    LibraryEntry.objects.filter(proeftuin=proeftuin).delete()
    if proeftuin.toolkit_shared_at is None:
        return
    proeftuin.toolkit_shared_at = None
    proeftuin.save(update_fields=["toolkit_shared_at"])
    audit.record(
        actor=actor,
        subject=None,
        action=AuditEvent.Action.PUBLISHED,
        what=audit.What.LIBRARY_WITHDRAWN,
        proeftuin=proeftuin,
    )


@transaction.atomic
def describe_organisation(
    *, proeftuin: Proeftuin, actor, named: bool, sector: str, size_band: str
) -> None:
    """How the library names the director's organisation: by name, or by sector and size."""
    errors = {}
    if sector not in Sector.values:
        errors["sector"] = _("Kies een van de sectoren uit de lijst.")
    if size_band and size_band not in SizeBand.values:
        errors["size_band"] = _("Kies een van de groottes uit de lijst.")
    if errors:
        raise DomainError(errors=errors)
    proeftuin = _director_pilot(proeftuin, actor)
    organisation = proeftuin.organisation
    changes = []
    if organisation.named_in_library != named:
        changes.append(audit.What.LIBRARY_NAMED if named else audit.What.LIBRARY_UNNAMED)
    if (organisation.sector, organisation.size_band) != (sector, size_band):
        changes.append(audit.What.LIBRARY_DESCRIBED)
    if not changes:
        return
    organisation.named_in_library, organisation.sector, organisation.size_band = (
        named,
        sector,
        size_band,
    )
    organisation.save(update_fields=["named_in_library", "sector", "size_band"])
    for what in changes:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=what,
            proeftuin=proeftuin,
        )
    # The name, or its description, is in the indexed texts of every published pilot of it.
    for pilot in Proeftuin.objects.filter(
        organisation=organisation, toolkit_shared_at__isnull=False
    ):
        index(pilot)


# ---- the search index ---------------------------------------------------------------------


def _keys(values) -> str:
    """ " a b " : each key between spaces, so `icontains(" a ")` matches exactly one key."""
    values = sorted({str(v) for v in values if v not in (None, "")})
    return f" {' '.join(values)} " if values else ""


def _case_body(case: Case) -> str:
    parts = [case.question, case.origin, case.data_used, *case.ethics, case.outcome, *case.lessons]
    return "\n".join(p for p in parts if p)


def index(proeftuin: Proeftuin) -> None:
    """Write the pilot's search rows anew from its public package (approved items only)."""
    LibraryEntry.objects.filter(proeftuin=proeftuin).delete()
    if proeftuin.toolkit_shared_at is None:
        return
    toolkit = contents.build(proeftuin, for_library=True)
    redact = contents.library_redactor(proeftuin)
    approved = list(
        Lesson.objects.filter(proeftuin=proeftuin, review=Lesson.Review.APPROVED)
        .exclude(toolkit_text="")
        .order_by("approved_at", "pk")
    )
    entries = []
    for lesson in approved:
        entries.append(
            LibraryEntry(
                proeftuin=proeftuin,
                kind=LibraryEntry.Kind.LESSON,
                experiment_id=lesson.experiment_id,
                title=str(lesson.get_kind_display()),
                body=redact(lesson.toolkit_text.strip()),
                lesson_kind=lesson.kind,
                dimensions=_keys([lesson.dimension]),
                stages=_keys([lesson.stage]),
                themes=_keys(lesson.themes or []),
            )
        )
    for case in toolkit.cases:
        of_case = [lesson for lesson in approved if lesson.experiment_id == case.key]
        entries.append(
            LibraryEntry(
                proeftuin=proeftuin,
                kind=LibraryEntry.Kind.CASE,
                experiment_id=case.key,
                title=case.title,
                body=_case_body(case),
                dimensions=_keys(lesson.dimension for lesson in of_case),
                stages=_keys(lesson.stage for lesson in of_case),
                themes=_keys(t for lesson in of_case for t in lesson.themes or []),
            )
        )
    entries.append(
        LibraryEntry(
            proeftuin=proeftuin,
            kind=LibraryEntry.Kind.PACKAGE,
            title=toolkit.pilot_name,
            body="\n".join(
                [toolkit.summary, *(e.body for e in entries if e.kind == LibraryEntry.Kind.CASE)]
            ),
            dimensions=_keys(lesson.dimension for lesson in approved),
            stages=_keys(lesson.stage for lesson in approved),
            themes=_keys(t for lesson in approved for t in lesson.themes or []),
        )
    )
    LibraryEntry.objects.bulk_create(entries)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        LibraryEntry.objects.filter(proeftuin=proeftuin).update(
            search_nl=SearchVector("title", "body", config="dutch"),
            search_en=SearchVector("title", "body", config="english"),
        )


def reindex_if_shared(proeftuin: Proeftuin) -> None:
    """After the coach's review changed: a published package's search follows at once."""
    if Proeftuin.objects.filter(pk=proeftuin.pk, toolkit_shared_at__isnull=False).exists():
        index(Proeftuin.objects.select_related("organisation").get(pk=proeftuin.pk))


# ---- reading (no account needed) -----------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What a visitor searches for; every value already checked against its fixed list."""

    q: str = ""
    kind: str = ""
    dimension: str = ""
    stage: str = ""
    theme: str = ""
    sector: str = ""
    size_band: str = ""

    @property
    def any(self) -> bool:
        return any(
            (self.q, self.kind, self.dimension, self.stage, self.theme, self.sector, self.size_band)
        )


FILTER_CHOICES = {
    "kind": LibraryEntry.Kind.choices,
    "dimension": Dimension.choices,
    "stage": [(str(v), label) for v, label in Stage.choices],
    "theme": LessonTheme.choices,
    "sector": Sector.choices,
    "size_band": SizeBand.choices,
}


def published_pilots() -> QuerySet[Proeftuin]:
    return (
        Proeftuin.objects.filter(toolkit_shared_at__isnull=False)
        .select_related("organisation")
        .order_by("-toolkit_shared_at", "pk")
    )


def published_pilot_or_404(pilot_id) -> Proeftuin:
    pilot = published_pilots().filter(pk=pilot_id).first()
    if pilot is None:
        raise Http404
    return pilot


# How long a built package is read from the cache. What must change at once does so through
# the key (below); what may lag by these minutes are the pilot's running figures.
PACKAGE_TIMEOUT = 5 * 60


def public_toolkit(pilot: Proeftuin) -> Toolkit:
    """The published package as the library shows it, built at most every few minutes.

    Building it costs some 35 queries (the pilot's figures, culture change, skills and cases).
    The key holds what must take effect at the next view: the pilot's publishing (a withdrawn
    package never gets here, `published_pilot_or_404`), its search rows, which `index` writes
    anew at every publishing, review decision and change of how the organisation is named
    (so their newest id changes), and the reader's language."""
    newest_entry = (
        LibraryEntry.objects.filter(proeftuin=pilot).order_by("-pk").values_list("pk", flat=True)
    ).first()
    key = ":".join(
        str(part)
        for part in (
            "library:package",
            pilot.pk,
            pilot.toolkit_shared_at.timestamp() if pilot.toolkit_shared_at else "",
            newest_entry,
            get_language(),
        )
    )
    return cache.get_or_set(key, lambda: contents.build(pilot, for_library=True), PACKAGE_TIMEOUT)


def case_or_404(toolkit: Toolkit, experiment_id: int) -> Case:
    """A case of a published package (its experiment has an approved lesson); else 404."""
    case = next((c for c in toolkit.cases if c.key == experiment_id), None)
    if case is None:
        raise Http404
    return case


PACKAGES_PER_PAGE = 20
SEARCH_CAP = 200
RESULTS = 50  # a search shows this many; a visitor narrows it with a word or a filter
# A page number beyond this is refused by the form: deep pages cost an OFFSET each.
LAST_PAGE = 1000


def packages_page(page: int = 1) -> tuple[list[LibraryEntry], bool]:
    """One page of the published packages, newest first, and whether a next page exists.

    The page costs the same however many packages the instance holds: one index scan of
    `(kind, id)` that stops after the page (and one more row, for the next link)."""
    start = (page - 1) * PACKAGES_PER_PAGE
    rows = list(search(Filters(kind="package"))[start : start + PACKAGES_PER_PAGE + 1])
    return rows[:PACKAGES_PER_PAGE], len(rows) > PACKAGES_PER_PAGE


def _matching(matches: QuerySet[LibraryEntry]) -> list[int]:
    """The ids of the first RESULTS of at most SEARCH_CAP matches, in the list's order.

    Found through the GIN indexes only (a bitmap scan, which stops reading entries at the
    cap), then ordered here. Left to itself, PostgreSQL walks the list's own order, or reads
    the table, and tests every entry a common word is not in: a cost that grows with the
    library. A word in more than SEARCH_CAP items is too common to rank them all; the first
    SEARCH_CAP found are."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true),"
            " set_config('enable_indexscan', 'off', true)"
        )
        found = list(matches.order_by().values_list("kind", "pk")[:SEARCH_CAP])
    found.sort(key=lambda row: (row[0], -row[1]))
    return [pk for _kind, pk in found[:RESULTS]]


# How long a search's matches are kept; the key changes with any new entry (below).
MATCHES_TIMEOUT = 10 * 60


def _matching_once(filters: Filters, matches: QuerySet[LibraryEntry]) -> list[int]:
    """`_matching`, kept in the cache under the search and the library's newest entry.

    `index` writes every entry anew, so any publishing, review decision or naming gives a new
    newest id and the next search runs again; a withdrawal only deletes entries, and the ids of
    deleted entries find nothing when the results are fetched."""
    newest = LibraryEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    asked = hashlib.sha256(repr(filters).encode()).hexdigest()
    key = f"library:matching:{newest}:{asked}"
    return cache.get_or_set(key, lambda: _matching(matches), MATCHES_TIMEOUT)


def search(filters: Filters) -> QuerySet[LibraryEntry]:
    """Published packages, cases and lessons that match; full text on PostgreSQL (Dutch and
    English stemming, served by the GIN indexes), a plain `icontains` elsewhere."""
    entries = LibraryEntry.objects.all()
    for field, value in (
        ("dimensions", filters.dimension),
        ("stages", filters.stage),
        ("themes", filters.theme),
    ):
        if value:
            entries = entries.filter(**{f"{field}__contains": f" {value} "})
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.sector:
        entries = entries.filter(proeftuin__organisation__sector=filters.sector)
    if filters.size_band:
        entries = entries.filter(proeftuin__organisation__size_band=filters.size_band)
    if filters.q:
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery

            text = Q(search_nl=SearchQuery(filters.q, config="dutch", search_type="websearch")) | Q(
                search_en=SearchQuery(filters.q, config="english", search_type="websearch")
            )
            entries = entries.filter(pk__in=_matching_once(filters, entries.filter(text)))
        else:
            for word in filters.q.split():
                entries = entries.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return (
        entries.filter(proeftuin__toolkit_shared_at__isnull=False)
        .select_related("proeftuin__organisation")
        .order_by("kind", "-pk")
    )
