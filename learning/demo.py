"""Demo history of the learning path: half a year of goals, activities, experiments and lessons.

Participants 1, 2 and 5 are very active, 11 and 12 went quiet more than three weeks ago.
Runs once per pilot: it does nothing when the pilot already has activities.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from proeftuin.accounts.demo import DemoPilot
from proeftuin.models import Dimension

from . import services
from .models import (
    ActivityKind,
    Experiment,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)

TITLES = {
    ActivityKind.WORKSHOP: [
        "Workshop draaitabellen in Excel",
        "Workshop een goede onderzoeksvraag stellen",
        "Workshop grafieken die kloppen",
        "Workshop ethiek en data: wat wil je niet weten?",
    ],
    ActivityKind.LUNCH_LECTURE: [
        "Lunchlezing over de AVG",
        "Lunchlezing: zo lieg je met grafieken",
        "Lunchlezing datagedreven werken bij een zorgcoöperatie",
        "Lunchlezing over open data van de gemeente",
    ],
    ActivityKind.EXPERIMENT: [
        "Wachttijden aan de balie geturfd",
        "Resultaten van het experiment besproken met het team",
        "Meetformulier voor het experiment aangepast",
    ],
    ActivityKind.COURSE: [
        "Online cursus Excel voor beginners, module 2",
        "E-learning privacy in de praktijk",
        "Introductiecursus Power BI",
    ],
    ActivityKind.READING: [
        "Artikel over datageletterdheid gelezen",
        "Hoofdstuk over kleine aantallen en toeval gelezen",
        "Blog over de AVG in het mkb gelezen",
        "Handreiking verantwoord datagebruik doorgenomen",
    ],
    ActivityKind.PEER_LEARNING: [
        "Draaitabel gemaakt van klanttevredenheid samen met een collega",
        "Met Daan de urenregistratie opgeschoond",
        "Samen het verzuimoverzicht besproken",
        "Collega uitgelegd hoe je filters in een spreadsheet gebruikt",
    ],
    ActivityKind.OTHER: [
        "Draaitabel gemaakt van klanttevredenheid",
        "Spreadsheet van de voorraad opgeschoond",
        "Datavragen verzameld in het werkoverleg",
        "Grafiek gemaakt voor de nieuwsbrief",
    ],
}
KIND_WEIGHTS = {
    ActivityKind.WORKSHOP: 3,
    ActivityKind.LUNCH_LECTURE: 3,
    ActivityKind.EXPERIMENT: 2,
    ActivityKind.COURSE: 2,
    ActivityKind.READING: 4,
    ActivityKind.PEER_LEARNING: 3,
    ActivityKind.OTHER: 3,
}
REFLECTIONS = [
    "Ik snap nu waarom je eerst de vraag scherp moet hebben voordat je gaat tellen.",
    "Lastiger dan gedacht; volgende keer vraag ik eerder hulp.",
    "Dataminimalisatie: alleen vragen wat je echt nodig hebt.",
    "Een grafiek zonder nul op de as kan een klein verschil groot laten lijken.",
    "Goed om te merken dat collega's dezelfde vragen hebben.",
    "",
    "",
]
# Activities per participant (1..12): some very active, 11 and 12 stopped early.
ACTIVITY_COUNTS = [34, 30, 14, 18, 32, 12, 16, 20, 10, 15, 9, 8]
QUIET = {11: 26, 12: 33}  # participant number -> days since their last activity

GOAL_STATEMENTS = {
    "onderzoeksvraag": "Zelf een scherpe onderzoeksvraag opstellen voor ons team",
    "verzamelen-en-bewaren": "Onze klantgegevens op één consistente manier vastleggen",
    "spreadsheet-analyse": "Zelfstandig een draaitabel maken van de klanttevredenheid",
    "visualiseren": "Een eerlijke grafiek maken voor de maandrapportage",
    "zorgvuldig-interpreteren": "Weten wanneer een verschil toeval kan zijn",
    "experimenteren": "Een eigen praktijkexperiment opzetten en afronden",
    "kennis-delen": "Een lunchlezing geven over wat ik geleerd heb",
    "verhaal-met-data": "Met cijfers een verhaal vertellen in het werkoverleg",
    "beslissen-met-data": "Bij de planning cijfers naast mijn ervaring leggen",
    "samenwerken-rond-data": "Afspraken maken over wie welke lijst bijhoudt",
    "privacy-avg": "Persoonsgegevens herkennen en zo min mogelijk bewaren",
    "ethisch-afwegen": "Bij elk experiment bewust kiezen wat we niet willen weten",
}
COMMENTS = [
    "Mooi tempo! Zullen we volgende week samen naar je draaitabel kijken?",
    "Goed dat je dit oppakt. Neem je vraag gerust mee naar de volgende workshop.",
    "Ik zie dat het even stil is; zullen we een kop koffie drinken?",
    "Sterke reflectie. Deel je dit ook in de lunchlezing?",
    "Misschien is het doel iets te groot: zullen we het in twee stappen delen?",
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _spread_dates(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    span = max((last - first).days, 1)
    # More activity later in the pilot than at the start, as habits form.
    dates = sorted(first + timedelta(days=round(span * rng.random() ** 0.7)) for _ in range(count))
    dates[-1] = max(
        first, last - timedelta(days=rng.randint(0, 5))
    )  # the most recent one is recent
    return sorted(dates)


@transaction.atomic
def seed(pilot: DemoPilot) -> None:
    organisation, proeftuin = pilot.organisation, pilot.proeftuin
    services.ensure_default_catalogue(organisation=organisation)
    _seed_level_descriptors(pilot)
    if not LearningActivity.objects.filter(membership__proeftuin=proeftuin).exists():
        _seed_history(pilot)
    _seed_confirmations(pilot)


def _seed_history(pilot: DemoPilot) -> None:
    organisation, proeftuin, today = pilot.organisation, pilot.proeftuin, pilot.today
    rng = random.Random(20240915)
    skills = {skill.key: skill for skill in Skill.objects.filter(organisation=organisation)}
    keys = sorted(skills)
    start = max(proeftuin.starts_on, today - timedelta(days=180))

    goals_by_member = {}
    for number, member in enumerate(pilot.participants, start=1):
        goals_by_member[member.pk] = _seed_goals(
            rng, member, number, skills, keys, start, today, pilot
        )

    experiments = _seed_experiments(pilot, skills, start, today)

    for number, member in enumerate(pilot.participants, start=1):
        last = today - timedelta(days=QUIET.get(number, 0))
        goals = goals_by_member[member.pk]
        own_experiments = [e for e in experiments if e.owner_id == member.pk]
        for on in _spread_dates(rng, start + timedelta(days=3), last, ACTIVITY_COUNTS[number - 1]):
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            linked_goals = [g for g in goals if g.starts_on <= on and rng.random() < 0.5]
            linked_skills = [g.skill for g in linked_goals] or (
                [skills[rng.choice(keys)]] if rng.random() < 0.6 else []
            )
            services.log_activity(
                membership=member,
                kind=kind,
                on=on,
                minutes=rng.choice([15, 20, 30, 45, 45, 60, 60, 90, 120, 180]),
                title=rng.choice(TITLES[kind]),
                reflection=rng.choice(REFLECTIONS),
                skills=set(linked_skills),
                goals=linked_goals,
                experiment=(
                    own_experiments[0]
                    if kind == ActivityKind.EXPERIMENT and own_experiments
                    else None
                ),
            )


def _seed_confirmations(pilot: DemoPilot) -> None:
    """Participant 1's achieved goal is confirmed by the coach; 2's stays self-declared; 5 asks."""
    goals = SkillGoal.objects.filter(membership__proeftuin=pilot.proeftuin)
    if goals.exclude(confirmation="").exists():
        return
    achieved = goals.filter(status=SkillGoal.Status.ACHIEVED).order_by("pk")
    first = achieved.filter(membership=pilot.participants[0]).first()
    if first is not None:
        services.ask_confirmation(goal=first, text="Zie de draaitabel bij mijn laatste check-in.")
        services.decide_confirmation(
            coach=pilot.coach, goal=first, confirm=True, text="Mooi werk, en goed onderbouwd."
        )
    fifth = achieved.filter(membership=pilot.participants[4]).first()
    if fifth is not None:
        services.ask_confirmation(goal=fifth, text="Ik denk dat ik er ben. Kijk je even mee?")


def _seed_level_descriptors(pilot: DemoPilot) -> None:
    """The coach put two levels of the spreadsheet skill in the pilot's own words."""
    skill = Skill.objects.get(organisation=pilot.organisation, key="spreadsheet-analyse")
    services.save_level_descriptors(
        proeftuin=pilot.proeftuin,
        skill=skill,
        texts={
            3: "Ik maak zelf een draaitabel van onze klantvragen per maand.",
            4: "Ik koppel het klantbestand aan de planning en controleer of de aantallen kloppen.",
        },
    )


def _seed_goals(rng, member, number, skills, keys, start, today, pilot) -> list[SkillGoal]:
    """Two or three goals per person, at different stages."""
    count = 3 if number in (1, 2, 5) else 2
    chosen = rng.sample(keys, count)
    goals = []
    for index, key in enumerate(chosen):
        # The last goal of some people is recent: set, but not yet checked in on.
        offset = 7 + 20 * index + rng.randint(0, 10)
        if index == count - 1 and number % 3 == 0:
            offset = (today - start).days - rng.randint(3, 12)
        starts_on = start + timedelta(days=offset)
        start_level = rng.choice([1, 1, 2, 2, 3])
        target_level = min(5, start_level + rng.choice([1, 2, 2, 3]))
        due_on = today + timedelta(days=rng.randint(21, 160))
        if number in QUIET or rng.random() < 0.1:
            due_on = max(starts_on + timedelta(days=90), today - timedelta(days=10))
        goal = services.create_goal(
            membership=member,
            skill=skills[key],
            statement=GOAL_STATEMENTS[key],
            start_level=start_level,
            target_level=target_level,
            due_on=due_on,
            starts_on=starts_on,
        )
        quiet_days = QUIET.get(number)
        last_check_in = today - timedelta(days=quiet_days or 2)
        # Most goals got monthly check-ins; the quiet people stopped checking in long ago.
        level = start_level
        on = starts_on + timedelta(days=rng.randint(20, 35))
        stop_early = quiet_days is not None
        while on <= last_check_in and level < target_level:
            if stop_early and on > starts_on + timedelta(days=40):
                break
            if rng.random() < (0.55 if number in (1, 2, 5) else 0.3):
                level += 1
            services.add_check_in(
                goal=goal,
                level=level,
                note=rng.choice(
                    [
                        "Gaat beter dan gedacht.",
                        "Nog veel te leren, maar de basis zit erin.",
                        "Samen met een collega geoefend.",
                        "",
                    ]
                ),
                on=on,
            )
            on += timedelta(days=rng.randint(25, 40))
        if (goal.current_level >= target_level and rng.random() < 0.8) or (
            index == 0 and number in (2, 5)
        ):
            services.close_goal(goal=goal, status=SkillGoal.Status.ACHIEVED)
            SkillGoal.objects.filter(pk=goal.pk).update(closed_on=min(on, today))
        elif number == 9 and index == 1:
            services.close_goal(goal=goal, status=SkillGoal.Status.DROPPED)
        if rng.random() < 0.4 or quiet_days:
            GoalComment.objects.create(
                goal=goal,
                author=pilot.coach,
                text=COMMENTS[2] if quiet_days else rng.choice(COMMENTS),
                created_at=_at(min(today, starts_on + timedelta(days=rng.randint(30, 80)))),
            )
        goal.refresh_from_db()
        goals.append(goal)
    return goals


EXPERIMENTS = [
    # (owner number, title, question, data used, personal data, consent, not want to know,
    #  start offset in days, length in days, status, outcome, co-member numbers, lessons)
    (
        1,
        "Wachttijd aan de balie meten",
        "Is de wachttijd op maandagochtend echt langer dan op andere dagen?",
        "Tijdstip van binnenkomst en van helpen, zonder namen.",
        False,
        None,
        "Welke collega sneller of langzamer helpt.",
        100,
        70,
        Experiment.Status.RUNNING,
        "",
        [2],
        [
            (
                Lesson.Kind.GOOD_PRACTICE,
                Dimension.DATA_ANALYSIS,
                "Turven op papier werkte beter dan een app: iedereen deed mee.",
                "Begin eenvoudig: een turflijst op de balie levert meer op dan een nieuwe app.",
            ),
            (
                Lesson.Kind.PITFALL,
                Dimension.PEOPLE_AND_ORGANISATION,
                "In de eerste week vergaten we de lunchpauze mee te tellen.",
                "",
            ),
        ],
    ),
    (
        2,
        "Klanttevredenheid per kwartaal vergelijken",
        "Worden klanten tevredener sinds we terugbellen binnen een dag?",
        "Antwoorden op de tevredenheidsenquête, gekoppeld aan het klantnummer.",
        True,
        True,
        "Wat individuele klanten precies hebben geantwoord.",
        20,
        90,
        Experiment.Status.DONE,
        "De tevredenheid steeg licht, maar met 40 antwoorden per kwartaal is dat nog geen bewijs.",
        [5],
        [
            (
                Lesson.Kind.GOOD_PRACTICE,
                Dimension.PUBLIC_VALUE,
                "Vooraf aan klanten gevraagd of we hun antwoorden mochten koppelen.",
                "Vraag toestemming voordat je antwoorden aan klantnummers koppelt; "
                "de meeste klanten vinden het prima als je uitlegt waarom.",
            ),
            (
                Lesson.Kind.PITFALL,
                Dimension.DATA_ANALYSIS,
                "Met zo weinig antwoorden zegt een kleine stijging niets.",
                "Kijk naar het aantal antwoorden voordat je een verschil viert.",
            ),
        ],
    ),
    (
        5,
        "Ziekteverzuim per team in beeld",
        "Verschilt het verzuim tussen teams, en hangt dat samen met de werkdruk?",
        "Verzuimdagen per team per maand.",
        True,
        None,
        "",
        150,
        60,
        Experiment.Status.PLANNED,
        "",
        [],
        [],
    ),
    (
        3,
        "Voorraadtelling in een gedeelde spreadsheet",
        "Kunnen we met één gedeelde lijst de misbestellingen halveren?",
        "Voorraadaantallen per week.",
        False,
        None,
        "Wie een telfout maakte.",
        40,
        60,
        Experiment.Status.DONE,
        "Misbestellingen gingen van zes naar twee per maand.",
        [4],
        [
            (
                Lesson.Kind.PITFALL,
                Dimension.LEARNING_AND_CHANGE,
                "Twee versies van de lijst naast elkaar: spreek af welke de echte is.",
                "Houd één lijst bij en spreek af wie hem bijwerkt; "
                "twee versies naast elkaar kosten meer dan ze opleveren.",
            )
        ],
    ),
    (
        7,
        "Routes van de bezorgers analyseren",
        "Kunnen we met de ritgegevens kortere routes plannen?",
        "GPS-gegevens van de bezorgbusjes.",
        True,
        False,
        "Waar individuele bezorgers pauze houden.",
        70,
        40,
        Experiment.Status.STOPPED,
        "Gestopt: zonder toestemming van de bezorgers wilden we de ritgegevens niet gebruiken.",
        [],
        [
            (
                Lesson.Kind.PITFALL,
                Dimension.PUBLIC_VALUE,
                "Eerst met de bezorgers praten, dan pas gegevens verzamelen.",
                "",
            )
        ],
    ),
    (
        4,
        "Kliks in de nieuwsbrief bijhouden",
        "Welke onderwerpen in de nieuwsbrief lezen onze klanten echt?",
        "Aantal kliks per artikel, zonder ontvangers.",
        False,
        None,
        "Wie op welk artikel klikt.",
        120,
        60,
        Experiment.Status.RUNNING,
        "",
        [],
        [],
    ),
]


def _answers(data_used: str, personal, consent, not_want: str) -> dict[str, str]:
    """Answers to the ethics review in the words a participant would use."""
    if not (personal is not None and not_want):
        return {"personal_data": data_used} if data_used else {}
    if personal:
        personal_data = f"{data_used} Alleen wat nodig is om de vraag te beantwoorden."
        consent_text = (
            "We vragen het vooraf, in gewone taal, en wie niet wil doet niet mee."
            if consent
            else "Nog niet geregeld; dat doen we eerst."
        )
    else:
        personal_data = f"Geen persoonsgegevens: {data_used[:1].lower()}{data_used[1:]}"
        consent_text = "Niet nodig: het gaat niet over personen."
    return {
        "affected": "Collega's van het team en de mensen die we helpen.",
        "understanding_and_consent": consent_text,
        "personal_data": personal_data,
        "not_want_to_know": not_want,
        "retention_and_access": "In de teammap, alleen voor ons; weg na het experiment.",
        "automated_decisions": "Nee, we kijken alleen naar totalen; niemand krijgt een score.",
        "comfortable_reading": "Ja, we lieten het lezen aan twee collega's om wie het gaat.",
    }


def _seed_experiments(pilot: DemoPilot, skills, start: date, today: date) -> list[Experiment]:
    members = pilot.participants
    experiments = []
    for (
        owner_number,
        title,
        question,
        data_used,
        personal,
        consent,
        not_want,
        offset,
        length,
        status,
        outcome,
        co_numbers,
        lessons,
    ) in EXPERIMENTS:
        planned_start = min(start + timedelta(days=offset), today + timedelta(days=14))
        owner = members[owner_number - 1]
        experiment = services.save_experiment(
            owner=owner,
            co_members=[members[n - 1] for n in co_numbers],
            title=title,
            question=question,
            data_used=data_used,
            planned_start=planned_start,
            planned_end=planned_start + timedelta(days=length),
            status=Experiment.Status.PLANNED,
        )
        services.save_ethics_answers(
            owner=owner, experiment=experiment, **_answers(data_used, personal, consent, not_want)
        )
        if status != Experiment.Status.PLANNED:
            # The review comes first, as the rule asks; the coach approved it before the start.
            services.submit_ethics_review(owner=owner, experiment=experiment)
            if not experiments:
                # The first one shows the whole review: changes asked, answered, then approved.
                services.decide_ethics_review(
                    reviewer=pilot.coach,
                    experiment=experiment,
                    decision="changes_requested",
                    comments={
                        "retention_and_access": "Wie precies kan de map openen, en wanneer "
                        "gaat de lijst weg?"
                    },
                )
                services.save_ethics_answers(
                    owner=owner,
                    experiment=experiment,
                    retention_and_access="In een map die alleen wij twee kunnen openen; we "
                    "wissen de lijst een maand na het einde.",
                )
                services.submit_ethics_review(owner=owner, experiment=experiment)
            services.decide_ethics_review(
                reviewer=pilot.coach,
                experiment=experiment,
                decision="approved",
                note="Helder en zorgvuldig; veel succes.",
            )
            experiment = services.save_experiment(
                owner=owner, experiment=experiment, status=status, outcome=outcome
            )
        for kind, dimension, text, toolkit_text in lessons:
            lesson = services.add_lesson(
                experiment=experiment, author=owner, kind=kind, dimension=dimension, text=text
            )
            lesson.created_at = _at(min(today, planned_start + timedelta(days=length // 2)))
            if toolkit_text:
                lesson.review = Lesson.Review.APPROVED
                lesson.toolkit_text = toolkit_text
                lesson.approved_at = lesson.created_at + timedelta(days=7)
                # Filed at the stage the group reached in the follow-up ("bewust").
                lesson.stage = 3
                lesson.themes = demo_themes(dimension)
            lesson.save(
                update_fields=[
                    "created_at",
                    "review",
                    "toolkit_text",
                    "approved_at",
                    "stage",
                    "themes",
                ]
            )
        experiments.append(experiment)
    return experiments


# The themes a demo lesson is filed under, after its dimension (a coach chooses per lesson).
THEMES_OF_DIMENSION = {
    Dimension.DATA_ANALYSIS: ["means", "starting_small"],
    Dimension.LEARNING_AND_CHANGE: ["learning_skills"],
    Dimension.PEOPLE_AND_ORGANISATION: ["bringing_people_along", "leadership"],
    Dimension.PUBLIC_VALUE: ["safe_and_ethical", "showing_impact"],
}


def demo_themes(dimension: str) -> list[str]:
    return THEMES_OF_DIMENSION[dimension]
