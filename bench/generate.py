"""Bulk-generate a benchmark data set: N organisations, each with one pilot of the same shape.

Run as a script (`python bench/generate.py --organisations 1000`) or call `generate()`.
Rows go in with PostgreSQL COPY (psycopg 3 `cursor.copy()`), a batch of pilots per transaction,
with ids assigned here so related rows can point at each other without a round trip. Every
pilot gets the same shape (12 participants, a coach, a director, one year of history); the
random draws are seeded by `pilot number % 10`, so pilot 5 of the small set and pilot 505 of
the large set hold exactly the same data and the benchmark compares like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

if __name__ == "__main__":  # run as a script: make the project importable and set Django up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from learning.models import (
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    LessonTheme,
    Skill,
    SkillGoal,
)
from proeftuin.models import (
    AssessmentAnswer,
    BenchmarkContribution,
    ConsentRecord,
    Dimension,
    LibraryEntry,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Organisation,
    Proeftuin,
    Sector,
    SizeBand,
    User,
)
from proeftuin.toolkit import library
from workshops.models import (
    Attendance,
    CalendarFeed,
    Registration,
    Session,
    SessionFeedback,
    SessionSeries,
)

SIZES = {"toy": 2, "small": 10, "large": 1000, "xlarge": 10000}
PASSWORD = "bench-wachtwoord-2026"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# The shape of one pilot.
PARTICIPANTS = 12
SKILLS = 12
GOALS_PER_PARTICIPANT = 3
CHECK_INS_PER_GOAL = 4
SESSIONS = 60
SESSION_EVERY_DAYS = 6
REGISTRATIONS_PER_SESSION = 8
ACTIVITIES_PER_PILOT = 1000  # attendance activities included
EXPERIMENTS = 4
LESSONS = 15
PILOT_DAYS_BEFORE_TODAY = 300
PILOT_DAYS_AFTER_TODAY = 65
# How active each participant is; the last two have gone quiet for three weeks.
ACTIVITY_WEIGHTS = [3, 2.5, 2, 1.5, 1.5, 1.2, 1, 1, 0.8, 0.5, 0.1, 0.1]
QUIET = {10, 11}
QUIET_SINCE_DAYS = 21
SHARING = {1, 4}
BATCH = 50  # pilots per transaction

ASKING_PARTICIPANT = 3  # a fairly active participant (weight 1.5)

# The shared library and the peer benchmark: every pilot's package is published; how it is
# named and whether it contributes follow `pilot number % 10`, like the random draws.
NAMED = {0, 3, 7}  # named in the library; the others by sector and size
NOT_CONTRIBUTING = {9}  # the rest add their round results to the peer benchmark
THEMES = [t.value for t in LessonTheme]
SECTORS = [s.value for s in Sector]
SIZE_BANDS = [b.value for b in SizeBand]
# What the coaches approved for the toolkit: ten texts, each pilot starts at its own one, so a
# search word matches many packages but not all.
LESSON_TEXTS = [
    "Begin klein en spreek vooraf af wat je niet wilt weten.",
    "Vraag de deelnemers zelf welke gegevens ze missen in hun werk.",
    "Een spreadsheet met drie kolommen bleek genoeg om het gesprek te starten.",
    "Bewaar persoonsgegevens niet langer dan nodig en zeg dat ook tegen de bezoekers.",
    "Laat het team de grafiek eerst zelf lezen voordat de leidinggevende iets zegt.",
    "Een vaste plek in het werkoverleg maakte de cijfers van iedereen.",
    "Toets een nieuwe registratie eerst een maand voordat je erop stuurt.",
    "Vertel het verhaal achter de cijfers, niet alleen de cijfers.",
    "Spreek af wie de gegevens bijhoudt, anders doet niemand het.",
    "Durf te stoppen met een meting die niemand gebruikt.",
]
FOLLOW_UP_ANSWERED = 11  # of the closed mid-pilot follow-up (the benchmark's "now")

DIMENSIONS = [d.value for d in Dimension]
FREE_KINDS = ["course", "reading", "peer_learning", "experiment", "other"]
TITLES = {
    "course": ["E-learning Excel draaitabellen", "Module datavisualisatie", "Cursus AVG-basis"],
    "reading": ["Artikel over datagedreven werken", "Blog: vragen stellen aan data"],
    "peer_learning": ["Samen een dashboard gebouwd", "Meegekeken bij de data-expert"],
    "experiment": ["Bezoekersaantallen bijgehouden", "Enquête onder deelnemers uitgewerkt"],
    "other": ["Vergadering over registratie", "Formulier verbeterd"],
}
SKILL_NAMES = [
    "Onderzoeksvraag formuleren",
    "Gegevens consistent verzamelen",
    "Gegevens veilig bewaren",
    "Analyseren met een spreadsheet",
    "Visualiseren",
    "Zorgvuldig interpreteren",
    "Privacy en de AVG",
    "Ethisch afwegen",
    "Verhalen vertellen met data",
    "Beslissen met data",
    "Samen leren van data",
    "Data in het werkoverleg",
]


@dataclass(frozen=True)
class Handles:
    """Where the benchmark finds its asking users in a generated data set."""

    pilot_number: int
    organisation_slug: str
    participant_email: str
    coach_email: str
    director_email: str


def asking_pilot_number(organisations: int) -> int:
    """A pilot in the middle of the data set with the same random shape in every size."""
    return min((organisations // 20) * 10 + 5, organisations - 1)


def email(pilot_number: int, who: str) -> str:
    return f"p{pilot_number:04d}-{who}@bench.example"


def handles(organisations: int) -> Handles:
    number = asking_pilot_number(organisations)
    return Handles(
        pilot_number=number,
        organisation_slug=f"bench-{number:04d}",
        participant_email=email(number, f"participant{ASKING_PARTICIPANT + 1}"),
        coach_email=email(number, "coach"),
        director_email=email(number, "director"),
    )


class Table:
    """Rows for one table, in a fixed column order; unlisted columns get the field's default."""

    def __init__(self, model: type[models.Model], columns: str | list[str], now: datetime):
        if isinstance(columns, str):
            columns = columns.split()
        self.model = model
        self.db_table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.columns = [fields[name].column for name in columns]
        self.rows: list[tuple] = []
        extra_names, extra_values = [], []
        for name, field in fields.items():
            if name in columns or field.primary_key:
                continue
            extra_names.append(field.column)
            extra_values.append(_default(field, now))
        self.columns += extra_names
        self.extra = tuple(extra_values)

    def add(self, *values) -> None:
        self.rows.append(values + self.extra)

    def copy(self, cursor) -> int:
        if not self.rows:
            return 0
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{self.db_table}" ({columns}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)
        count = len(self.rows)
        self.rows = []
        return count


def _default(field: models.Field, now: datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.default() if callable(field.default) else field.default
        return json.dumps(value) if isinstance(value, dict | list) else value
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise ValueError(
        f"{field.model.__name__}.{field.name} has no default: teach bench/generate.py about it"
    )


class Ids:
    """Next free primary key per model, so rows can reference each other before they exist."""

    def __init__(self):
        self.next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model]) -> int:
        if model not in self.next:
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self.next[model] = last + 1
        value = self.next[model]
        self.next[model] += 1
        return value


def _through(model, field_name: str):
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    return through, [
        through._meta.get_field(field.m2m_field_name()).attname,
        through._meta.get_field(field.m2m_reverse_field_name()).attname,
    ]


def _tables(now: datetime) -> dict[str, Table]:
    t = {
        "organisation": Table(Organisation, "id name slug sector size_band named_in_library", now),
        "contribution": Table(BenchmarkContribution, "id organisation_id since", now),
        "proeftuin": Table(
            Proeftuin,
            "id organisation_id name purpose starts_on ends_on director_sees_individuals"
            " toolkit_shared_at",
            now,
        ),
        "user": Table(User, "id email full_name password date_joined", now),
        "membership": Table(
            Membership,
            "id user_id proeftuin_id role shares_progress_with_director joined_at",
            now,
        ),
        "consent": Table(ConsentRecord, "id membership_id kind given at", now),
        "skill": Table(Skill, "id organisation_id key dimension name", now),
        "goal": Table(
            SkillGoal,
            "id membership_id skill_id statement start_level target_level current_level"
            " starts_on due_on status closed_on",
            now,
        ),
        "check_in": Table(GoalCheckIn, "id goal_id on level note", now),
        "comment": Table(GoalComment, "id goal_id author_id text created_at", now),
        "series": Table(SessionSeries, "id proeftuin_id title rule", now),
        "session": Table(
            Session,
            "id proeftuin_id series_id kind title facilitator starts_at ends_at location capacity",
            now,
        ),
        "registration": Table(Registration, "id session_id membership_id response", now),
        "attendance": Table(Attendance, "id session_id membership_id state marked_at", now),
        "feedback": Table(
            SessionFeedback,
            "id session_id membership_id usefulness improvement",
            now,
        ),
        "feed": Table(CalendarFeed, "id user_id token", now),
        "experiment": Table(
            Experiment,
            "id owner_id title question data_used planned_start planned_end status outcome",
            now,
        ),
        "activity": Table(
            LearningActivity,
            "id membership_id kind on minutes title reflection session_id experiment_id",
            now,
        ),
        "lesson": Table(
            Lesson,
            "id proeftuin_id author_id kind dimension text toolkit_text experiment_id review"
            " approved_at stage themes",
            now,
        ),
        "library": Table(
            LibraryEntry,
            "id proeftuin_id kind experiment_id title body lesson_kind dimensions stages themes"
            " search_nl search_en",
            now,
        ),
        "round": Table(MeasurementRound, "id proeftuin_id kind title opens_on closes_on", now),
        "assessment": Table(MaturityAssessment, "id membership_id round_id submitted_at", now),
        "answer": Table(AssessmentAnswer, "id assessment_id dimension subject stage", now),
    }
    for key, (model, field) in {
        "session_skill": (Session, "skills"),
        "activity_skill": (LearningActivity, "skills"),
        "activity_goal": (LearningActivity, "goals"),
        "experiment_member": (Experiment, "co_members"),
    }.items():
        through, columns = _through(model, field)
        t[key] = Table(through, columns, now)
    return t


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def _pilot(
    number: int, t: dict[str, Table], ids: Ids, today: date, password: str
) -> tuple[int, list[int]]:
    """All rows of one organisation with its pilot; the pilot's id and its experiments' ids."""
    seed = number % 10
    rng = random.Random(seed)
    starts_on = today - timedelta(days=PILOT_DAYS_BEFORE_TODAY)
    ends_on = today + timedelta(days=PILOT_DAYS_AFTER_TODAY)
    joined = _at(starts_on, 9)

    org = ids.take(Organisation)
    t["organisation"].add(
        org,
        f"Organisatie {number:04d}",
        f"bench-{number:04d}",
        SECTORS[seed % len(SECTORS)],
        SIZE_BANDS[seed % len(SIZE_BANDS)],
        seed in NAMED,
    )
    if seed not in NOT_CONTRIBUTING:
        t["contribution"].add(ids.take(BenchmarkContribution), org, joined)
    pilot = ids.take(Proeftuin)
    shared_at = _at(today - timedelta(days=30), 10) + timedelta(minutes=number)
    t["proeftuin"].add(
        pilot,
        org,
        "Proeftuin datagedreven werken",
        "",
        starts_on,
        ends_on,
        number % 2 == 0,
        shared_at,
    )

    def person(who: str, role: str, shares: bool = False) -> tuple[int, int]:
        user = ids.take(User)
        t["user"].add(user, email(number, who), who.capitalize(), password, joined)
        membership = ids.take(Membership)
        t["membership"].add(membership, user, pilot, role, shares, joined)
        t["feed"].add(ids.take(CalendarFeed), user, f"bench-{user}-{rng.getrandbits(64):016x}")
        return user, membership

    _, coach = person("coach", "coach")
    person("director", "director")
    participants = []
    for k in range(PARTICIPANTS):
        _, membership = person(f"participant{k + 1}", "participant", shares=k in SHARING)
        participants.append(membership)
        if k in SHARING:
            t["consent"].add(
                ids.take(ConsentRecord), membership, "share_with_director", True, joined
            )

    skills = []
    for k, name in enumerate(SKILL_NAMES[:SKILLS]):
        skill = ids.take(Skill)
        t["skill"].add(skill, org, f"skill-{k + 1}", DIMENSIONS[k % 4], name)
        skills.append(skill)

    # Goals with check-ins; a few fall due within the week (the goal-due reminder).
    goals_of: dict[int, list[tuple[int, int]]] = {}
    for k, membership in enumerate(participants):
        goals_of[membership] = []
        for g, skill in enumerate(rng.sample(skills, GOALS_PER_PARTICIPANT)):
            status = rng.choices(
                ["open", "in_progress", "achieved", "dropped"], weights=[3, 4, 2, 1]
            )[0]
            start = rng.randint(1, 3)
            target = min(5, start + rng.randint(1, 2))
            current = target if status == "achieved" else rng.randint(start, target)
            goal_start = starts_on + timedelta(days=rng.randint(0, 120))
            due = goal_start + timedelta(days=rng.randint(90, 300))
            if g == 0 and k in (1, 4, 7):
                status, due = "in_progress", today + timedelta(days=3)
            closed = (
                min(today, due) - timedelta(days=rng.randint(0, 20))
                if status in ("achieved", "dropped")
                else None
            )
            goal = ids.take(SkillGoal)
            t["goal"].add(
                goal,
                membership,
                skill,
                f"Ik wil beter worden in {SKILL_NAMES[skills.index(skill)].lower()}",
                start,
                target,
                current,
                goal_start,
                due,
                status,
                closed,
            )
            goals_of[membership].append((goal, skill))
            last = min(today, due)
            span = max((last - goal_start).days, 1)
            for c in range(CHECK_INS_PER_GOAL):
                level = start + (current - start) * (c + 1) // CHECK_INS_PER_GOAL
                on = goal_start + timedelta(days=span * (c + 1) // (CHECK_INS_PER_GOAL + 1))
                t["check_in"].add(ids.take(GoalCheckIn), goal, on, level, "Gaat vooruit")
            if g == 0:
                t["comment"].add(
                    ids.take(GoalComment), goal, coach, "Mooi doel, laten we het bespreken.", joined
                )

    # Sessions: a monthly-ish rhythm of workshops and lunch lectures over the whole year.
    series = [ids.take(SessionSeries), ids.take(SessionSeries)]
    t["series"].add(series[0], pilot, "Maandelijkse workshop", "FREQ=MONTHLY;BYDAY=1TU")
    t["series"].add(series[1], pilot, "Lunchlezing", "FREQ=MONTHLY;BYDAY=3TH")
    quiet_from = today - timedelta(days=QUIET_SINCE_DAYS)
    attendance_activities = 0
    for s in range(SESSIONS):
        # Every sixth day, one of them the day after tomorrow (the session reminder is due).
        day = today + timedelta(days=2 - SESSION_EVERY_DAYS * (SESSIONS - 10 - s))
        kind = "workshop" if s % 2 == 0 else "lunch_lecture"
        session = ids.take(Session)
        title = f"{'Workshop' if kind == 'workshop' else 'Lunchlezing'} {s + 1}"
        t["session"].add(
            session,
            pilot,
            series[s % 2],
            kind,
            title,
            "Data-expert",
            _at(day, 12),
            _at(day, 13 if kind == "lunch_lecture" else 15),
            "Vergaderzaal",
            20,
        )
        t["session_skill"].add(session, rng.choice(skills))
        past = day < today
        people = rng.sample(range(PARTICIPANTS), REGISTRATIONS_PER_SESSION)
        present = 0
        for k in people:
            membership = participants[k]
            response = rng.choices(["going", "maybe", "not_going"], weights=[6, 2, 1])[0]
            t["registration"].add(ids.take(Registration), session, membership, response)
            if not past or response == "not_going" or (k in QUIET and day >= quiet_from):
                continue
            t["attendance"].add(ids.take(Attendance), session, membership, "present", _at(day, 16))
            t["activity"].add(
                ids.take(LearningActivity), membership, kind, day, 60, title, "", session, None
            )
            attendance_activities += 1
            if present < 3:
                t["feedback"].add(ids.take(SessionFeedback), session, membership, 4, "")
            present += 1

    # Experiments, one of them past its end without an outcome (the reflection reminder).
    experiments = []
    for e in range(EXPERIMENTS):
        owner = participants[e]
        status = ["done", "running", "planned", "running"][e]
        start = starts_on + timedelta(days=60 * (e + 1))
        end = today - timedelta(days=2) if e == 3 else start + timedelta(days=45)
        experiment = ids.take(Experiment)
        t["experiment"].add(
            experiment,
            owner,
            f"Experiment {e + 1}",
            "Komen er meer bezoekers als we de openingstijden aanpassen?",
            "Bezoekersregistratie",
            start,
            end,
            status,
            "Ja, een beetje." if status == "done" else "",
        )
        t["experiment_member"].add(experiment, participants[(e + 1) % PARTICIPANTS])
        experiments.append(experiment)

    # Free activities, unevenly spread; the quiet participants stopped three weeks ago.
    free = max(ACTIVITIES_PER_PILOT - attendance_activities, 0)
    history = (today - starts_on).days
    for k in rng.choices(range(PARTICIPANTS), weights=ACTIVITY_WEIGHTS, k=free):
        membership = participants[k]
        last = QUIET_SINCE_DAYS if k in QUIET else 0
        day = today - timedelta(days=rng.randint(last, history))
        kind = rng.choice(FREE_KINDS)
        activity = ids.take(LearningActivity)
        experiment = experiments[k] if kind == "experiment" and k < EXPERIMENTS else None
        t["activity"].add(
            activity,
            membership,
            kind,
            day,
            rng.choice([15, 30, 45, 60, 90, 120, 240]),
            rng.choice(TITLES[kind]),
            "Ik heb geleerd om eerst de vraag scherp te stellen." if rng.random() < 0.5 else "",
            None,
            experiment,
        )
        if rng.random() < 0.3:
            goal, skill = rng.choice(goals_of[membership])
            t["activity_goal"].add(activity, goal)
            t["activity_skill"].add(activity, skill)
        else:
            t["activity_skill"].add(activity, rng.choice(skills))

    for n in range(LESSONS):
        approved = n % 2 == 0
        text = LESSON_TEXTS[(seed + n) % len(LESSON_TEXTS)]
        t["lesson"].add(
            ids.take(Lesson),
            pilot,
            participants[n % PARTICIPANTS],
            "good_practice" if n % 3 else "pitfall",
            DIMENSIONS[n % 4],
            text,
            text if approved else "",
            experiments[n] if n < EXPERIMENTS - 1 else None,  # the last one awaits its lesson
            "approved" if approved else "draft",
            _at(today - timedelta(days=n * 5 + 1), 11) if approved else None,
            (seed + n) % 5 + 1 if approved else None,
            json.dumps([THEMES[(seed + n) % len(THEMES)]] if approved else []),
        )

    # Measurement: a baseline for everyone and an open follow-up that 8 of 12 answered.
    # A closed mid-pilot follow-up (the peer benchmark's "now"), last so that the draws of the
    # first two stay as they were.
    rounds = [
        ("baseline", "Nulmeting", starts_on + timedelta(days=7), starts_on + timedelta(days=21)),
        ("follow_up", "Vervolgmeting", today - timedelta(days=20), today + timedelta(days=5)),
        (
            "follow_up",
            "Tussenmeting",
            starts_on + timedelta(days=150),
            starts_on + timedelta(days=164),
        ),
    ]
    for r, (kind, title, opens, closes) in enumerate(rounds):
        round_id = ids.take(MeasurementRound)
        t["round"].add(round_id, pilot, kind, title, opens, closes)
        answering = participants[: (PARTICIPANTS, 8, FOLLOW_UP_ANSWERED)[r]]
        for membership in answering:
            assessment = ids.take(MaturityAssessment)
            t["assessment"].add(assessment, membership, round_id, _at(opens + timedelta(days=2), 9))
            for dimension in DIMENSIONS:
                for subject in ("organisation", "self"):
                    stage = min(5, rng.randint(1, 3) + min(r, 1))
                    t["answer"].add(
                        ids.take(AssessmentAnswer), assessment, dimension, subject, stage
                    )
    return pilot, experiments


ORDER = [
    "organisation",
    "contribution",
    "proeftuin",
    "user",
    "membership",
    "consent",
    "feed",
    "skill",
    "goal",
    "check_in",
    "comment",
    "series",
    "session",
    "session_skill",
    "registration",
    "attendance",
    "feedback",
    "experiment",
    "experiment_member",
    "activity",
    "activity_skill",
    "activity_goal",
    "lesson",
    "round",
    "assessment",
    "answer",
]

ENTRY_SQL = f"""
    SELECT kind, experiment_id, title, body, lesson_kind, dimensions, stages, themes,
        search_nl::text, search_en::text
    FROM {LibraryEntry._meta.db_table} WHERE proeftuin_id = %s ORDER BY id
"""


class Library:
    """The library's search rows as `library.index` writes them for a published package.

    The first pilot of each seed is indexed by the product itself; its rows (search vectors
    included, as text) are the template for every later pilot of that seed, whose texts are the
    same, so COPY writes exactly what `index` would, without building each package again."""

    def __init__(self):
        self.templates: dict[int, tuple[list[int], list[tuple]]] = {}

    def add(self, number: int, pilot: int, experiments: list[int], t: dict[str, Table], ids):
        """Queue the pilot's rows from its seed's template; False when it has none yet."""
        template = self.templates.get(number % 10)
        if template is None:
            return False
        template_experiments, rows = template
        for kind, experiment_id, *rest in rows:
            if experiment_id is not None:
                experiment_id = experiments[template_experiments.index(experiment_id)]
            t["library"].add(ids.take(LibraryEntry), pilot, kind, experiment_id, *rest)
        return True

    def index(self, number: int, pilot: int, experiments: list[int], cursor) -> int:
        """Index the pilot through the product and keep its rows as its seed's template.

        Only in the first batch (pilots 0 to 9), before any id is taken for a copied row: the
        product's rows take their ids from the sequence, which is reset only at the end."""
        library.index(Proeftuin.objects.select_related("organisation").get(pk=pilot))
        cursor.execute(ENTRY_SQL, [pilot])
        rows = cursor.fetchall()
        self.templates[number % 10] = (experiments, rows)
        return len(rows)


LATEST_ACTIVITY_SQL = f"""
    UPDATE {Membership._meta.db_table} AS m SET latest_activity_on = latest.day
    FROM (
        SELECT membership_id, MAX("on") AS day
        FROM {LearningActivity._meta.db_table} GROUP BY membership_id
    ) AS latest
    WHERE latest.membership_id = m.id
"""


def generate(
    *, organisations: int, today: date | None = None, log=None, vacuum: bool = True
) -> dict[str, int]:
    """Insert `organisations` pilots of the benchmark shape; returns the row count per table."""
    today = today or timezone.localdate()
    now = timezone.now()
    password = make_password(PASSWORD)  # one hash for everybody: hashing is slow on purpose
    tables = _tables(now)
    ids = Ids()
    entries = Library()
    counts: dict[str, int] = defaultdict(int)
    started = time.monotonic()
    for first in range(0, organisations, BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            untemplated = []
            for number in range(first, min(first + BATCH, organisations)):
                pilot, experiments = _pilot(number, tables, ids, today, password)
                if not entries.add(number, pilot, experiments, tables, ids):
                    untemplated.append((number, pilot, experiments))
            for key in ORDER:
                counts[key] += tables[key].copy(cursor.cursor)
            for number, pilot, experiments in untemplated:
                if not entries.add(number, pilot, experiments, tables, ids):
                    counts["library"] += entries.index(number, pilot, experiments, cursor)
            counts["library"] += tables["library"].copy(cursor.cursor)
        if log:
            done = min(first + BATCH, organisations)
            log(f"{done}/{organisations} organisations, {time.monotonic() - started:.0f} s")
    models_done = [table.model for table in tables.values()]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_done):
            cursor.execute(sql)
        # What learning.activity_dates keeps on every activity write, filled once for the
        # rows COPY put in (one pass over the activities, like the migration that added it).
        cursor.execute(LATEST_ACTIVITY_SQL)
    if vacuum and connection.vendor == "postgresql":
        # Production tables are vacuumed and analysed by autovacuum; a fresh bulk load is not yet.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--organisations", type=int, help="overrides --size")
    args = parser.parse_args()
    organisations = args.organisations or SIZES[args.size]
    started = time.monotonic()
    counts = generate(organisations=organisations, log=lambda m: print(f"   {m}", flush=True))
    elapsed = time.monotonic() - started
    print(f"   generated {sum(counts.values()):,} rows in {elapsed:.0f} s:")
    print("   " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
