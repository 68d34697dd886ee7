"""Writes of the reminder ledger: planning, claiming, delivering, reading, opting out.

The database is the truth; Redis only carries "send reminder <id>" triggers. See
docs/reminders.md for the exactly-once design and the one window SMTP cannot close.
"""

import inspect
import json
import logging
import os
import signal
import smtplib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.errors import DomainError
from proeftuin.models import Membership, Proeftuin, User
from proeftuin.precompiled import row_reader

from . import conf, emails, registry, selectors, smtp
from .models import NotificationPreference, Reminder, SweepRecord

logger = logging.getLogger(__name__)
State = Reminder.State

# Environment hook for the fault-injection tests: "kill" SIGKILLs the process, "sleep:N" sleeps
# N seconds, both between "SMTP accepted the mail" and "the ledger records it as sent".
FAULT_AFTER_SEND_ENV = "NOTIFICATIONS_FAULT_AFTER_SEND"


class TransientSendError(Exception):
    """SMTP said "try again later"; the row is released for another try."""


def schedule(
    *,
    rule: str,
    recipient: User | None = None,
    subject_key: str,
    period: str,
    due_at: datetime,
    context: dict | None = None,
    proeftuin: Proeftuin | None = None,
    guest=None,
) -> tuple[Reminder, bool]:
    """Plan one reminder; the same (rule, recipient, subject, period) is planned only once.

    The recipient is a user, or a `guest` (workshops.Guest: a sign-up without an account).
    """
    who = {"recipient": recipient} if guest is None else {"guest": guest}
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                rule=rule,
                subject_key=subject_key,
                period=period,
                due_at=due_at,
                context=context or {},
                proeftuin=proeftuin,
                **who,
            )
            return reminder, True
    except IntegrityError:
        existing = Reminder.objects.get(rule=rule, subject_key=subject_key, period=period, **who)
        return existing, False


@dataclass(frozen=True, slots=True)
class Planned:
    """One reminder a planner wants to exist."""

    rule: str
    recipient_id: int
    subject_key: str
    period: str
    due_at: datetime
    proeftuin_id: int | None = None
    context: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.rule, self.recipient_id, self.subject_key, self.period)


# What a planner gives per row, in this order; every other column gets its field's default.
_PLANNED_COLUMNS = ("rule", "recipient", "proeftuin", "subject_key", "period", "due_at", "context")


def schedule_many(planned: Iterable[Planned]) -> int:
    """Insert the reminders not planned before, in one statement whatever their number.

    Returns how many rows are new. The ledger's unique key decides what is new (ON CONFLICT
    DO NOTHING), also against a sweep inserting the same rows at the same moment. The rows go
    in as plain values, not model instances: a sweep may plan a day's reminders for the whole
    instance at once.
    """
    wanted = {p.key: p for p in planned}
    if not wanted:
        return 0
    fields = [Reminder._meta.get_field(name) for name in _PLANNED_COLUMNS]
    defaults = [
        (f, f.get_default())
        for f in Reminder._meta.concrete_fields
        if f not in fields and not f.primary_key and (f.has_default() or not f.null)
    ]
    table = connection.ops.quote_name(Reminder._meta.db_table)
    names = ", ".join(
        connection.ops.quote_name(f.column) for f in fields + [f for f, _ in defaults]
    )
    encoder = fields[-1].encoder
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # All rows in one JSON parameter, unpacked by the server: one query, and no
            # quoting per value in Python (psycopg quotes arrays element by element).
            rows = json.dumps(
                [
                    # In the order of _PLANNED_COLUMNS.
                    [
                        p.rule,
                        p.recipient_id,
                        p.proeftuin_id,
                        p.subject_key,
                        p.period,
                        p.due_at.isoformat(),
                        p.context,
                    ]
                    for p in wanted.values()
                ],
                cls=encoder,
            )
            columns = ", ".join(
                f"(planned->{i})::jsonb"
                if f is fields[-1]
                else f"(planned->>{i})::{f.db_type(connection)}"
                for i, f in enumerate(fields)
            )
            constants = "".join(f", %s::{f.db_type(connection)}" for f, _ in defaults)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {columns}{constants} "
                "FROM json_array_elements(%s::json) AS planned ON CONFLICT DO NOTHING",
                [value for _, value in defaults] + [rows],
            )
        else:
            marks = ", ".join(["%s"] * (len(fields) + len(defaults)))
            constants = [f.get_db_prep_save(value, connection) for f, value in defaults]
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                [
                    [
                        *(
                            f.get_db_prep_save(getattr(p, f.attname), connection)
                            for f in fields[:-1]
                        ),
                        json.dumps(p.context, cls=encoder),
                        *constants,
                    ]
                    for p in wanted.values()
                ],
            )
        return cursor.rowcount


def without_opt_outs(rule: str, user_field: str) -> Q:
    """A filter that leaves out the people who opted out of `rule` (for planner queries)."""
    return ~Q(
        **{f"{user_field}__in": NotificationPreference.objects.filter(rule=rule).values("user_id")}
    )


def not_in_ledger(rule: str, *, recipient: str, subject_key: str, period: str) -> Q:
    """A filter that leaves out the rows whose reminder the ledger holds already.

    The three arguments name fields or annotations of the planner's query that give the
    recipient, subject key and period exactly as the planner will schedule them. With it a
    planner's query returns only what is newly due, so a sweep costs what is due, not what was
    planned before; the ledger's unique key stays the guarantee (`schedule_many`).
    """
    return ~Q(
        Exists(
            Reminder.objects.filter(
                rule=rule,
                recipient_id=OuterRef(recipient),
                subject_key=OuterRef(subject_key),
                period=OuterRef(period),
            )
        )
    )


def first_rows(rows: QuerySet, limit: int | None) -> list:
    """The rows of a planner's `values()` or `values_list()` query, at most `limit` of them.

    Not `rows[:limit]`: with a LIMIT PostgreSQL plans for finding the first rows early (a loop
    that probes the ledger row by row), and the batches of one busy moment then cost ever more,
    each skipping what the ones before planned: measured 0.06 s for the second batch of 500
    session reminders and 0.85 s for the fifteenth (large set), 10.9 s for the eighth batch of
    5,000 of "round opened" (xlarge). In a MATERIALIZED CTE the query is planned for all its
    rows, as it is without a limit, and only the first `limit` of them leave the server.
    """
    if limit is None:
        return list(rows)
    if connection.vendor != "postgresql":
        return list(rows[:limit])
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    read = row_reader(rows, compiler)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH candidates AS MATERIALIZED ({sql}) SELECT * FROM candidates LIMIT %s",
            [*params, limit],
        )
        return read(cursor.fetchall())


def not_in_ledger_for_key(rule: str, *, recipient: str, subject_key: str, period: str) -> Q:
    """`not_in_ledger` for a planner whose subject key and period are the same for every row.

    `subject_key` and `period` are the values themselves. The ledger's recipients of that key
    are read once, into a hash (`NOT IN`), rather than probed per row: for a key just written
    PostgreSQL estimates almost no rows until the next ANALYZE, and so joined every row of the
    planner's query against all of them (coaches times coaches, on every sweep of the week).
    """
    return ~Q(
        **{
            f"{recipient}__in": Reminder.objects.filter(
                rule=rule, subject_key=subject_key, period=period, recipient__isnull=False
            ).values("recipient_id")
        }
    )


# --- the sweep -------------------------------------------------------------------------------


@dataclass
class SweepResult:
    planned: int = 0
    claimed: list[int] = field(default_factory=list)
    ambiguous: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def planning_passes(now: datetime) -> list[tuple[str, Callable[[], int]]]:
    """The planning of a sweep at `now`: every registered planner, named, in order; those that
    take a `limit` get the batch (notifications.registry), so a sweep's cost has a ceiling.

    The batch only spreads a big moment (09:00 for a whole instance, or a sweep after an outage)
    over a few sweeps: it is ten times what a sweep claims (REMINDER_SWEEP_BATCH), so the rows
    planned later are still claimed before their turn.
    """
    batch = {"limit": conf.plan_batch()}
    return [
        (_name(plan), partial(plan, now, **(batch if _takes_limit(plan) else {})))
        for plan in registry.planners()
    ]


def _takes_limit(plan: Callable) -> bool:
    return "limit" in inspect.signature(plan).parameters


def _name(plan: Callable) -> str:
    return f"{getattr(plan, '__module__', '')}.{getattr(plan, '__qualname__', plan)}"


def plan_due(*, now: datetime) -> int:
    """Run every planning pass; one failing planner does not stop the others."""
    total = 0
    for name, plan in planning_passes(now):
        try:
            total += plan()
        except Exception:
            logger.exception("reminder planner %s failed", name)
    return total


AMBIGUOUS_ERROR = "De verwerker stopte tijdens het versturen; controleer of de mail aankwam."
NO_REPLY_ERROR = "De mailserver antwoordde niet na het bericht; controleer of de mail aankwam."


def flag_ambiguous(*, now: datetime) -> int:
    """Rows whose worker died after the end of DATA went out, before the reply: for review."""
    return Reminder.objects.filter(
        state=State.SENDING,
        data_sent_at__isnull=False,
        claimed_at__lt=now - conf.claim_timeout(),
    ).update(state=State.AMBIGUOUS, last_error=AMBIGUOUS_ERROR)


@transaction.atomic
def claim_due(*, now: datetime, limit: int | None = None) -> list[int]:
    """Claim due rows, and retake claims left behind; return their ids.

    Retaken are: a claim that expired before the end of DATA (its worker died; the server
    accepted nothing), and a claim never handed to a send task (its sweep died) after
    REMINDER_HANDOFF_GRACE.
    """
    due = (
        Q(state=State.PENDING, due_at__lte=now)
        | Q(
            state=State.SENDING,
            data_sent_at__isnull=True,
            claimed_at__lt=now - conf.claim_timeout(),
        )
        | Q(
            state=State.SENDING,
            handed_off_at__isnull=True,
            send_started_at__isnull=True,
            claimed_at__lt=now - conf.handoff_grace(),
        )
    )
    # skip_locked: a second sweep running at the same time takes other rows, never the same.
    ids = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(due)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[: limit or conf.sweep_batch_size()]
    )
    if ids:
        Reminder.objects.filter(pk__in=ids).update(
            state=State.SENDING, claimed_at=now, send_started_at=None, handed_off_at=None
        )
    return ids


def release(reminder_ids: list[int]) -> int:
    """Give claimed rows back at once (their hand-off failed); the next sweep claims them."""
    return Reminder.objects.filter(
        pk__in=reminder_ids, state=State.SENDING, send_started_at__isnull=True
    ).update(state=State.PENDING, claimed_at=None, handed_off_at=None)


def _mark_handed_off(reminder_ids: list[int]) -> None:
    if reminder_ids:
        Reminder.objects.filter(pk__in=reminder_ids, state=State.SENDING).update(
            handed_off_at=timezone.now()
        )


def sweep(
    *, now: datetime | None = None, send: Callable[[int], object] | None = None
) -> SweepResult:
    """Plan what is due, flag dead sends, claim due rows and hand each id to `send`.

    `send` defaults to delivering in this process; the beat task passes the Celery task's
    `delay`, called only after the claim is committed. A hand-off that raises (the broker is
    down) gives that row and the rest back at once; rows handed off are marked so, and a
    sweep that dies before marking them leaves them for the next sweep to retake.
    """
    now = now or timezone.now()
    result = SweepResult()
    result.planned = plan_due(now=now)
    result.ambiguous = flag_ambiguous(now=now)
    result.claimed = claim_due(now=now)
    handed: list[int] = []
    for position, reminder_id in enumerate(result.claimed):
        if send is None:
            try:
                outcome = deliver(reminder_id=reminder_id, now=now)
            except TransientSendError:
                outcome = "retry"
        else:
            try:
                send(reminder_id)
            except Exception:
                rest = result.claimed[position:]
                logger.exception(
                    "hand-off of reminder %s failed; %s claims released", reminder_id, len(rest)
                )
                result.outcomes["released"] = release(rest)
                break
            outcome = "queued"
        handed.append(reminder_id)
        result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
    _mark_handed_off(handed)
    record_sweep(claimed=len(result.claimed))
    return result


def record_sweep(*, claimed: int) -> None:
    """Note that a sweep finished, at the real moment (not `now`, which may be simulated)."""
    SweepRecord.objects.update_or_create(
        pk=1, defaults={"finished_at": timezone.now(), "claimed": claimed}
    )


# --- delivery --------------------------------------------------------------------------------


def _still_relevant(reminder: Reminder, now: datetime) -> bool:
    """False when the person opted out, left the pilot, the pilot ended or the rule says so."""
    if reminder.guest_id is not None:
        # A guest has no account to opt out with: cancelling the sign-up stops every mail.
        still_due = registry.hook(registry.STILL_DUE, reminder.rule)
        return reminder.guest.cancelled_at is None and (
            still_due is None or bool(still_due(reminder))
        )
    user = reminder.recipient
    if not user.is_active or user.erased_at is not None:
        return False
    if NotificationPreference.objects.filter(user=user, rule=reminder.rule).exists():
        return False
    if reminder.proeftuin_id is not None:
        today = timezone.localdate(now)
        if not Membership.objects.filter(
            user=user,
            proeftuin_id=reminder.proeftuin_id,
            is_active=True,
            proeftuin__ends_on__gte=today,
        ).exists():
            return False
    still_due = registry.hook(registry.STILL_DUE, reminder.rule)
    return still_due is None or bool(still_due(reminder))


def _inject_fault_after_send() -> None:
    fault = os.environ.get(FAULT_AFTER_SEND_ENV, "")
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif fault.startswith("sleep:"):
        time.sleep(float(fault.split(":", 1)[1]))


def _is_transient(error: Exception) -> bool:
    """4xx replies and broken connections may pass on a later try; 5xx replies will not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def deliver(*, reminder_id: int, now: datetime | None = None) -> str:
    """Send one claimed reminder once; any second delivery of the same id changes nothing.

    Returns "sent", "skipped", "failed" or "noop"; raises TransientSendError when SMTP asked
    to try again later and tries remain (the row stays claimed for that retry).
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("recipient", "guest")
            .filter(pk=reminder_id)
            .first()
        )
        # Only a claimed row whose send has not begun may be sent; everything else is a
        # redelivered or stale trigger.
        if (
            reminder is None
            or reminder.state != State.SENDING
            or reminder.send_started_at is not None
        ):
            return "noop"
        now = now or timezone.now()
        if not _still_relevant(reminder, now):
            reminder.state = State.SKIPPED
            reminder.claimed_at = None
            reminder.save(update_fields=["state", "claimed_at"])
            return "skipped"
        current = registry.hook(registry.CURRENT, reminder.rule)
        if current is not None:
            reminder.context = {**reminder.context, **current(reminder)}
            reminder.save(update_fields=["context"])
        try:
            mail = emails.build(reminder)
        except Exception as exc:  # a broken template or hook: no use retrying
            logger.exception("could not compose reminder %s", reminder_id)
            _record_failure(reminder, f"{type(exc).__name__}: {exc}")
            return "failed"
        # The gate: a conditional UPDATE lets exactly one delivery start this try, even where
        # the row lock above is a no-op (SQLite).
        started = Reminder.objects.filter(
            pk=reminder_id, state=State.SENDING, send_started_at__isnull=True
        ).update(send_started_at=timezone.now(), attempts=F("attempts") + 1)
        if not started:
            return "noop"
    # Committed: a try has begun. The window that matters opens only when the row gets its
    # data_sent_at: just before the final "." of DATA with notifications.smtp, which marks it
    # itself; before anything is handed over with any other backend, which cannot.
    connection = mail.get_connection()

    def open_window() -> None:
        Reminder.objects.filter(pk=reminder_id).update(data_sent_at=timezone.now())

    if not smtp.marks_reply_window(connection):
        open_window()
    try:
        with smtp.marking_reply_window(open_window):
            connection.send_messages([mail])
    except smtp.ReplyUnknown as exc:
        # The message went to its end and no answer came: it may have been accepted.
        logger.warning("reminder %s: no SMTP reply after the message (%s)", reminder_id, exc)
        Reminder.objects.filter(pk=reminder_id, state=State.SENDING).update(
            state=State.AMBIGUOUS, claimed_at=None, last_error=NO_REPLY_ERROR
        )
        return "ambiguous"
    except Exception as exc:
        return _after_failed_send(reminder_id, exc)
    _inject_fault_after_send()
    Reminder.objects.filter(pk=reminder_id, state=State.SENDING).update(
        state=State.SENT,
        sent_at=timezone.now(),
        send_started_at=None,
        data_sent_at=None,
        claimed_at=None,
        last_error="",
    )
    return "sent"


def _record_failure(reminder: Reminder, error: str) -> None:
    Reminder.objects.filter(pk=reminder.pk).update(
        state=State.FAILED,
        send_started_at=None,
        data_sent_at=None,
        claimed_at=None,
        last_error=error[:2000],
    )


def _after_failed_send(reminder_id: int, exc: Exception) -> str:
    """SMTP answered with an error, or the conversation broke before the end of DATA."""
    reminder = Reminder.objects.get(pk=reminder_id)
    error = f"{type(exc).__name__}: {exc}"
    if not _is_transient(exc) or reminder.attempts >= conf.max_attempts():
        logger.warning("reminder %s failed for good: %s", reminder_id, error)
        _record_failure(reminder, error)
        return "failed"
    # The claim is renewed so no sweep takes the row while the retry waits for its turn.
    Reminder.objects.filter(pk=reminder_id, state=State.SENDING).update(
        send_started_at=None,
        data_sent_at=None,
        claimed_at=timezone.now(),
        last_error=error[:2000],
    )
    raise TransientSendError(error)


def give_up(*, reminder_id: int, error: str) -> None:
    """Mark a row failed after its last retry (visible in the admin)."""
    Reminder.objects.filter(pk=reminder_id, state=State.SENDING).update(
        state=State.FAILED,
        send_started_at=None,
        data_sent_at=None,
        claimed_at=None,
        last_error=error[:2000],
    )


# --- the admin's answers to failed and ambiguous rows ------------------------------------------


def resend(*, reminder_ids: Iterable[int]) -> int:
    """Queue failed or ambiguous rows again (same Message-ID, so clients can merge copies)."""
    return Reminder.objects.filter(
        pk__in=list(reminder_ids), state__in=[State.FAILED, State.AMBIGUOUS]
    ).update(
        state=State.PENDING,
        attempts=0,
        claimed_at=None,
        send_started_at=None,
        data_sent_at=None,
        handed_off_at=None,
        due_at=timezone.now(),
    )


def mark_sent(*, reminder_ids: Iterable[int]) -> int:
    """Record that an ambiguous (or failed) row did reach its recipient after all."""
    return Reminder.objects.filter(
        pk__in=list(reminder_ids), state__in=[State.FAILED, State.AMBIGUOUS]
    ).update(
        state=State.SENT,
        sent_at=timezone.now(),
        claimed_at=None,
        send_started_at=None,
        data_sent_at=None,
    )


# --- the in-app list -------------------------------------------------------------------------


class NotificationNotFound(Exception):
    """Not one of the user's notifications."""


def mark_read(*, user: User, reminder_id: int) -> None:
    """Mark one of the user's own notifications read; someone else's raises NotificationNotFound."""

    updated = (
        selectors.in_app_for(user)
        .filter(pk=reminder_id, read_at__isnull=True)
        .update(read_at=timezone.now())
    )
    if not updated and not selectors.in_app_for(user).filter(pk=reminder_id).exists():
        raise NotificationNotFound


def mark_subject_read(*, user: User, rules: Iterable[str], subject_key: str) -> int:
    """Mark read the user's notifications of these rules about one thing (a round answered)."""
    return (
        selectors.in_app_for(user)
        .filter(rule__in=list(rules), subject_key=subject_key, read_at__isnull=True)
        .update(read_at=timezone.now())
    )


def mark_all_read(*, user: User) -> int:
    return selectors.in_app_for(user).filter(read_at__isnull=True).update(read_at=timezone.now())


class RuleNotAvailable(DomainError):
    """A rule that cannot reach this user was chosen; nothing was stored."""


@transaction.atomic
def set_wanted_rules(*, user: User, wanted: Iterable[str]) -> None:
    """Store the opt-outs among the rules that reach the user; other opt-outs stay as they are.

    Raises RuleNotAvailable, and changes nothing, when `wanted` holds a rule outside them.
    """
    available = set(selectors.rules_for(user))
    wanted = set(wanted)
    if wanted - available:
        raise RuleNotAvailable(
            _("Je kunt alleen herinneringen kiezen die bij jouw rol horen."), field="wanted"
        )
    unwanted = available - wanted
    # Only the rules on the page change: an opt-out of a rule the user cannot receive now (a
    # role they left, or may get again) is kept.
    NotificationPreference.objects.filter(user=user, rule__in=wanted).delete()
    existing = set(
        NotificationPreference.objects.filter(user=user, rule__in=unwanted).values_list(
            "rule", flat=True
        )
    )
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, rule=rule) for rule in sorted(unwanted - existing)],
        ignore_conflicts=True,
    )
