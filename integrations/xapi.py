"""xAPI statements from a learning platform become learning activities of the pilot's people.

The part of xAPI 1.0.3 a platform uses to report: `POST /xapi/statements` (one statement or a
list) and `PUT /xapi/statements?statementId=...`, with `X-Experience-API-Version: 1.0.x` and
Basic auth with the key the coach made for that platform (`XapiIntegration`).

What the standard asks and what we do:
- A statement that is not valid xAPI (no actor, verb or object, a bad id) is a 400, and a list
  with one bad statement stores nothing of the list.
- A valid statement is accepted (200 with the ids, 204 for PUT) even when we make nothing of it:
  an actor who is not a participant of the pilot (matched by `mbox` e-mail), a verb other than
  completed, attended, experienced or passed, or no `result.duration`. Each is recorded with
  its reason for the coach to see, on the integrations page.
- The statement id makes sending twice safe: the same statement again changes nothing (and an
  activity the participant deleted stays deleted); a different statement under a used id is a
  409 Conflict.
"""

import base64
import binascii
import hashlib
import json
import math
import re
import secrets
import uuid
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from learning import services as learning
from learning.models import ActivityKind
from proeftuin import validation
from proeftuin.errors import DomainError
from proeftuin.models import Membership, Role

from .models import XapiIntegration, XapiStatement, digest

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = frozenset(ADL + verb for verb in ("completed", "attended", "experienced", "passed"))
DURATION = re.compile(
    r"P(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:[.,]\d+)?)H)?(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?"
)
# Properties an LRS sets itself: not part of what makes two statements "the same".
SET_BY_LRS = ("id", "stored", "authority", "version")
MAX_MINUTES = 1440


class Malformed(Exception):
    """Not a valid xAPI statement: answered 400, nothing stored."""


class Conflict(Exception):
    """Another statement under an id already used: answered 409, nothing stored."""


def integration_for(authorization: str) -> XapiIntegration | None:
    """The working integration of a `Basic key:secret` header, or None."""
    scheme, _sep, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        key, _sep, secret = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (
        XapiIntegration.objects.select_related("proeftuin")
        .filter(key=key, secret_digest=digest(secret), revoked_at__isnull=True)
        .first()
    )


def version_ok(header: str | None) -> bool:
    return bool(header) and re.fullmatch(r"1\.0(\.\d+)?", header.strip()) is not None


def receive(*, integration: XapiIntegration, statements, statement_id: str | None = None):
    """Take one statement or a list; returns their ids. Malformed or Conflict: nothing stored."""
    batch = statements if isinstance(statements, list) else [statements]
    if not batch:
        raise Malformed(_("Er zit geen statement in het bericht."))
    checked = [_check(statement) for statement in batch]
    if statement_id is not None:
        if len(checked) != 1:
            raise Malformed(_("Met statementId hoort er één statement bij."))
        given = _uuid(statement_id, "statementId")
        if checked[0].get("id") and _uuid(checked[0]["id"], "id") != given:
            raise Malformed(_("statementId en het id van het statement verschillen."))
        checked[0] = {**checked[0], "id": str(given)}
    ids = []
    with transaction.atomic():
        for statement in checked:
            ids.append(str(_take(integration, statement)))
    return ids


def _check(statement) -> dict:
    if not isinstance(statement, dict):
        raise Malformed(_("Een statement is een JSON-object."))
    for part in ("actor", "verb", "object"):
        if not isinstance(statement.get(part), dict):
            raise Malformed(_("Het statement mist ‘%(part)s’.") % {"part": part})
    if not isinstance(statement["verb"].get("id"), str) or not statement["verb"]["id"]:
        raise Malformed(_("Het werkwoord (verb) mist een id."))
    if not isinstance(statement["object"].get("id"), str) or not statement["object"]["id"]:
        raise Malformed(_("Het object mist een id."))
    if "id" in statement:
        _uuid(statement["id"], "id")
    if "timestamp" in statement and _timestamp(statement["timestamp"]) is None:
        raise Malformed(_("De timestamp is geen ISO 8601-tijdstip."))
    duration = (statement.get("result") or {}).get("duration")
    if duration is not None and not (isinstance(duration, str) and DURATION.fullmatch(duration)):
        raise Malformed(_("De duur (result.duration) is geen ISO 8601-duur."))
    return statement


def _uuid(value, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Malformed(_("%(name)s is geen UUID.") % {"name": name}) from None


def _timestamp(value) -> datetime | None:
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _fingerprint(statement: dict) -> str:
    same = {key: value for key, value in statement.items() if key not in SET_BY_LRS}
    return hashlib.sha256(json.dumps(same, sort_keys=True).encode()).hexdigest()


def _take(integration: XapiIntegration, statement: dict) -> uuid.UUID:
    statement_id = uuid.UUID(statement["id"]) if statement.get("id") else uuid.uuid4()
    fingerprint = _fingerprint(statement)
    earlier = XapiStatement.objects.filter(integration=integration, statement_id=statement_id)
    earlier = earlier.first()
    if earlier is not None:
        if earlier.fingerprint != fingerprint:
            raise Conflict(_("Onder dit id kwam al een ander statement binnen."))
        return statement_id
    row = XapiStatement(
        integration=integration,
        statement_id=statement_id,
        verb=statement["verb"]["id"][:200],
        fingerprint=fingerprint,
    )
    _make_activity(integration, statement, row)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same id arrived at the same moment from a retry
        raise Conflict(_("Onder dit id kwam al een ander statement binnen.")) from None
    return statement_id


def _make_activity(integration: XapiIntegration, statement: dict, row: XapiStatement) -> None:
    """Fill in the row's outcome, and the activity when the statement is one we record."""
    Outcome = XapiStatement.Outcome
    email = _email(statement["actor"])
    row.membership = (
        Membership.objects.filter(
            proeftuin=integration.proeftuin,
            role=Role.PARTICIPANT,
            is_active=True,
            user__email__iexact=email,
        ).first()
        if email
        else None
    )
    if row.membership is None:
        row.outcome, row.detail = Outcome.UNKNOWN_ACTOR, (email or _("geen mbox"))[:300]
        return
    if row.verb not in VERBS:
        row.outcome, row.detail = Outcome.UNKNOWN_VERB, row.verb[:300]
        return
    minutes = _minutes((statement.get("result") or {}).get("duration"))
    if not minutes:
        row.outcome = Outcome.NO_DURATION
        return
    title, link = _name_and_link(statement["object"])
    try:
        with transaction.atomic():
            row.activity = learning.log_activity(
                membership=row.membership,
                kind=ActivityKind.COURSE,
                minutes=min(minutes, MAX_MINUTES),
                title=title,
                on=_day(statement),
                evidence_url=link,
            )
    except DomainError as exc:
        row.outcome, row.detail = Outcome.REFUSED, exc.message[:300]
        return
    row.outcome = Outcome.RECORDED


def _email(actor: dict) -> str:
    mbox = actor.get("mbox")
    if isinstance(mbox, str) and mbox.lower().startswith("mailto:"):
        return mbox[len("mailto:") :].strip().lower()
    return ""


def _minutes(duration: str | None) -> int:
    match = DURATION.fullmatch(duration or "")
    if not duration or not match:
        return 0
    parts = {k: float((v or "0").replace(",", ".")) for k, v in match.groupdict().items()}
    seconds = (
        parts["days"] * 86400 + parts["hours"] * 3600 + parts["minutes"] * 60 + parts["seconds"]
    )
    return math.ceil(seconds / 60)


def _name_and_link(activity: dict) -> tuple[str, str]:
    definition = activity.get("definition") or {}
    names = definition.get("name") or {}
    title = ""
    if isinstance(names, dict) and names:
        preferred = sorted(
            names,
            key=lambda lang: (not lang.lower().startswith("nl"), not lang.lower().startswith("en")),
        )
        title = str(names[preferred[0]])
    title = (title or activity["id"]).strip()[:200]
    link = definition.get("moreInfo") if isinstance(definition.get("moreInfo"), str) else ""
    link = link or activity["id"]
    return title, link if validation.is_link(link) else ""


def _day(statement: dict) -> date:
    moment = _timestamp(statement.get("timestamp")) if statement.get("timestamp") else None
    return timezone.localtime(moment).date() if moment else timezone.localdate()


def make_integration(*, proeftuin, name: str, created_by) -> tuple[XapiIntegration, str]:
    """A new key for a platform; returns it with its secret (shown to the coach this once)."""
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Geef de koppeling een naam, bijvoorbeeld die van het platform."), "name"
        )
    secret = secrets.token_urlsafe(32)
    integration = XapiIntegration.objects.create(
        proeftuin=proeftuin,
        name=name[:100],
        key=secrets.token_hex(12),
        secret_digest=digest(secret),
        created_by=created_by,
    )
    return integration, secret


def revoke_integration(*, proeftuin, integration_id) -> None:
    """The key stops working; what it sent stays."""
    updated = XapiIntegration.objects.filter(
        pk=integration_id, proeftuin=proeftuin, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise Http404
