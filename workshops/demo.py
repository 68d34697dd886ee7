"""Demo sessions for `seed_demo`: a monthly workshop series, lunch lectures, sign-ups and feedback.

Idempotent: sessions are found by (pilot, title, start) and every write is skipped when it exists.
"""

import random
from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, TH, TU, rrule
from django.db import transaction
from django.utils import timezone

from learning.models import Skill
from proeftuin.months import months_after

from . import services
from .models import Attendance, Registration, Session, SessionFeedback, SessionSeries, WaitingOffer

SERIES_TITLE = "Datagedreven werken"
SERIES_DESCRIPTION = (
    "Elke eerste dinsdag van de maand werken we twee uur aan een echte vraag uit ons werk: "
    "van een scherpe onderzoeksvraag via zorgvuldig verzamelde gegevens naar een besluit."
)
LUNCH_LECTURES = [
    ("AVG in de praktijk", "Wat mag wel en niet met persoonsgegevens van cliënten en collega's?"),
    ("Visualiseren met Excel", "Van een rij getallen naar een grafiek die iedereen snapt."),
    ("Een goede onderzoeksvraag", "Hoe maak je van 'we willen meer weten' een vraag met antwoord?"),
    ("Vertellen met data", "Een verhaal met cijfers voor de directie, de gemeente of de krant."),
    ("Wat willen we niet weten?", "Ethiek: welke gegevens laten we bewust liggen, en waarom?"),
]
IMPROVEMENTS = [
    "Meer tijd om zelf te oefenen.",
    "Graag een voorbeeld uit onze eigen cijfers.",
    "De sheets vooraf delen.",
    "Iets minder theorie, meer doen.",
    "Korter bij de koffie, langer bij de opdracht.",
    "Een vervolg over draaitabellen.",
]
# Colleagues from outside the pilot (example.org addresses: demo mail goes nowhere).
GUEST_COLLEAGUES = [
    ("Mila Jansen", "mila.jansen@example.org"),
    ("Ravi Pinas", "ravi.pinas@example.org"),
]
SKILL_HINTS = {
    SERIES_TITLE: ["vraag", "analy", "beslis"],
    "AVG in de praktijk": ["privacy", "avg", "ethi"],
    "Visualiseren met Excel": ["visual", "spreadsheet", "excel"],
    "Een goede onderzoeksvraag": ["vraag"],
    "Vertellen met data": ["verhaal", "vertel"],
    "Wat willen we niet weten?": ["ethi", "privacy"],
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return services.local_datetime(day, time(hour, minute))


def _skills(organisation_id: int, title: str) -> list[Skill]:
    catalogue = list(Skill.objects.filter(organisation_id=organisation_id))
    hints = SKILL_HINTS.get(title, [])
    return [s for s in catalogue if any(h in f"{s.key} {s.name}".lower() for h in hints)][:3]


def _session(pilot, *, title, kind, starts_at, ends_at, series=None, **fields) -> Session:
    session, created = Session.objects.get_or_create(
        proeftuin=pilot.proeftuin,
        title=title,
        starts_at=starts_at,
        defaults={
            "kind": kind,
            "ends_at": ends_at,
            "series": series,
            "facilitator": fields.get("facilitator", pilot.coach.user.display_name),
            **fields,
        },
    )
    if created:
        session.skills.set(_skills(pilot.organisation.pk, title))
    return session


def _past(pilot, session: Session, rng: random.Random, *, mark: bool) -> None:
    """Answers, attendance (with learning activities) and feedback of a session that took place."""
    people = pilot.participants
    going = rng.sample(people, k=min(len(people), rng.randint(5, 9)))
    if session.starts_at.date() > pilot.today - timedelta(days=28):
        # Participants 11 and 12 went quiet more than three weeks ago (see learning/demo.py).
        going = [m for m in going if m not in people[10:12]]
    for membership in people:
        response = (
            Registration.Response.GOING
            if membership in going
            else rng.choice([Registration.Response.MAYBE, Registration.Response.NOT_GOING])
        )
        Registration.objects.get_or_create(
            session=session, membership=membership, defaults={"response": response}
        )
    if not mark or session.attendances.exists():
        return
    present = [m for m in going if rng.random() < 0.85]
    services.set_attendance(
        session=session,
        present=[m.pk for m in present],
        absent=[m.pk for m in people if m not in present],
    )
    for membership in present:
        if (
            rng.random() < 0.7
            and not SessionFeedback.objects.filter(session=session, membership=membership).exists()
        ):
            services.give_feedback(
                session=session,
                membership=membership,
                usefulness=rng.choice([3, 4, 4, 4, 5, 5]),
                improvement=rng.choice([*IMPROVEMENTS, "", ""]),
            )


def _future(pilot, session: Session, rng: random.Random) -> None:
    """Answers to a coming session; participant1 is left free to sign up in the demo."""
    if session.is_cancelled:
        return
    for membership in rng.sample(pilot.participants[1:], k=rng.randint(3, 7)):
        response = rng.choice(
            [Registration.Response.GOING] * 3
            + [Registration.Response.MAYBE, Registration.Response.NOT_GOING]
        )
        if not Registration.objects.filter(session=session, membership=membership).exists():
            services.register(session=session, membership=membership, response=response)


CHECKED_IN_TITLE = "Open data van de gemeente gebruiken"
CHECKED_IN_SUMMARY = (
    "We keken naar de open data van de gemeente: wat er is (afvalcijfers, wachttijden, "
    "buurtmonitor), hoe je een bestand downloadt en wat je eerst nagaat voor je conclusies "
    "trekt. Probeer deze maand één vraag uit je eigen werk met een open bestand te beantwoorden "
    "en neem het mee naar het spreekuur."
)
CHECKED_IN_MATERIALS = [
    ("Dia's van de workshop", "https://example.org/proeftuin/open-data-dias.pdf"),
    ("Open data van de gemeente", "https://data.example.org/"),
]


def _checked_in_session(pilot) -> None:
    """Last week's workshop: most checked in themselves, one came late, two were excused."""
    day = pilot.today - timedelta(days=5)
    session = _session(
        pilot,
        title=CHECKED_IN_TITLE,
        kind=Session.Kind.WORKSHOP,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        description="Waar vind je open gegevens, en wat kun je er wel en niet mee?",
        location="De Werkplaats, zaal 1",
    )
    if session.attendances.exists():
        return
    people = pilot.participants[:10]
    for membership in people:
        Registration.objects.get_or_create(
            session=session, membership=membership, defaults={"response": "going"}
        )
    present, late, excused = people[:6], people[6:7], people[7:9]
    services.set_attendance(
        session=session,
        present=[m.pk for m in present],
        late=[m.pk for m in late],
        excused=[m.pk for m in excused],
        absent=[m.pk for m in people[9:]],
        reasons={excused[0].pk: "Ziek thuis.", excused[1].pk: "Dienst op de balie."},
    )
    # They checked in with the code on the screen, a few minutes before ten.
    Attendance.objects.filter(session=session, membership__in=present).update(
        checked_in_at=session.starts_at - timedelta(minutes=4)
    )
    Attendance.objects.filter(session=session, membership__in=late).update(
        checked_in_at=session.starts_at + timedelta(minutes=20)
    )
    for title, url in CHECKED_IN_MATERIALS:
        services.add_material(session=session, title=title, url=url)
    services.set_summary(session=session, summary=CHECKED_IN_SUMMARY)


@transaction.atomic
def seed(pilot) -> None:
    """Sessions across the pilot's past months and the next three, with answers and feedback."""
    today = pilot.today
    now = timezone.now()
    starts_on = max(pilot.proeftuin.starts_on, months_after(today, -8))
    until = months_after(today, 3)

    series, _created = SessionSeries.objects.get_or_create(
        proeftuin=pilot.proeftuin,
        title=SERIES_TITLE,
        defaults={"rule": "FREQ=MONTHLY;BYDAY=+1TU"},
    )
    workshops = [
        _session(
            pilot,
            title=SERIES_TITLE,
            kind=Session.Kind.WORKSHOP,
            starts_at=_at(day.date(), 14),
            ends_at=_at(day.date(), 16),
            series=series,
            description=SERIES_DESCRIPTION,
            location="De Werkplaats, zaal 1",
            capacity=12,
        )
        for day in rrule(MONTHLY, dtstart=starts_on, until=until, byweekday=TU(+1))
    ]
    lectures = []
    for number, day in enumerate(rrule(MONTHLY, dtstart=starts_on, until=until, byweekday=TH(+3))):
        title, description = LUNCH_LECTURES[number % len(LUNCH_LECTURES)]
        lectures.append(
            _session(
                pilot,
                title=title,
                kind=Session.Kind.LUNCH_LECTURE,
                starts_at=_at(day.date(), 12),
                ends_at=_at(day.date(), 13),
                description=description,
                location="Kantine" if number % 2 else "",
                online_url="" if number % 2 else "https://meet.example/proeftuin-lunch",
                capacity=8 if number % 2 else None,
            )
        )

    sessions = sorted(workshops + lectures, key=lambda s: s.starts_at)
    past = [s for s in sessions if s.ends_at <= now]
    for session in past:
        rng = random.Random(f"{session.title}-{session.starts_at.date()}")
        # The latest past session waits for the coach to mark attendance (coach home page).
        _past(pilot, session, rng, mark=session is not past[-1])
    future = [s for s in sessions if s.starts_at > now]
    for session in future:
        _future(pilot, session, random.Random(f"{session.title}-{session.starts_at.date()}"))

    # A small, popular session: full, with two people on the waiting list.
    full = _session(
        pilot,
        title="Draaitabellen voor beginners",
        kind=Session.Kind.WORKSHOP,
        starts_at=_at(today + timedelta(days=16), 15),
        ends_at=_at(today + timedelta(days=16), 16, 30),
        description="Een kleine groep, zodat iedereen achter een laptop kan.",
        location="De Werkplaats, zaal 2",
        capacity=6,
    )
    for membership in pilot.participants[3:11]:  # eight people for six seats
        if not Registration.objects.filter(session=full, membership=membership).exists():
            services.register(
                session=full, membership=membership, response=Registration.Response.GOING
            )

    # Someone gave up their seat; the first waiting let the offer pass (expired), so the
    # seat is now on offer to the next.
    if not WaitingOffer.objects.filter(registration__session=full).exists():
        services.register(
            session=full, membership=pilot.participants[3], response=Registration.Response.NOT_GOING
        )
        # Made yesterday and never answered: the sweep lets it expire and offers the next.
        WaitingOffer.objects.filter(registration__session=full).update(
            created_at=now - timedelta(hours=25), expires_at=now - timedelta(hours=1)
        )
        services.expire_offers(now=now)

    # Starts tomorrow: the "two days before" reminder is due right away in the demo.
    soon_day = today + timedelta(days=1)
    soon = _session(
        pilot,
        title="Spreekuur: vragen over je experiment",
        kind=Session.Kind.LUNCH_LECTURE,
        starts_at=_at(soon_day, 12, 30),
        ends_at=_at(soon_day, 13, 15),
        description="Loop binnen met je vraag over gegevens, toestemming of analyse.",
        online_url="https://meet.example/proeftuin-spreekuur",
    )
    for membership, response in [
        (pilot.participants[0], Registration.Response.GOING),
        (pilot.participants[1], Registration.Response.GOING),
        (pilot.participants[2], Registration.Response.MAYBE),
    ]:
        if not Registration.objects.filter(session=soon, membership=membership).exists():
            services.register(session=soon, membership=membership, response=response)

    # Participant 3 cannot come tomorrow and said so in advance.
    if not soon.attendances.exists():
        services.excuse(
            session=soon, membership=pilot.participants[3], reason="Ik zit die dag op cursus."
        )
    _checked_in_session(pilot)
    # The consultation hour is open to the whole organisation: two colleagues come as guests.
    if not soon.open_to_colleagues:
        services.set_open_to_colleagues(session=soon, is_open=True)
    if not soon.guests.exists():
        for name, email in GUEST_COLLEAGUES:
            guest = services.sign_up_guest(session_id=soon.pk, name=name, email=email)
            services.confirm_guest(guest_id=guest.pk)

    # One session of the series was cancelled (the coach is on leave): calendars show it so.
    coming_workshops = [s for s in workshops if s.starts_at > now]
    if len(coming_workshops) >= 2:
        services.cancel_session(session=coming_workshops[1])
